from nestwell.wellbeing.models import SupportContact


def test_she_adds_her_midwife(client_for, alice):
    response = client_for(alice).post("/you/contacts/new/", {
        "name": "Jo Smith", "role": "midwife", "phone": "+44 (0)20 7946-0000", "email": "",
        "note": "Weekdays 8–6"})
    assert response.status_code == 302
    contact = SupportContact.objects.get()
    assert contact.owner == alice
    assert contact.tel == "+4402079460000"


def test_a_contact_needs_a_way_to_reach_them(client_for, alice):
    response = client_for(alice).post("/you/contacts/new/", {"name": "Jo", "role": "gp"})
    assert "Add a phone number or an e-mail address." in response.content.decode()
    assert not SupportContact.objects.exists()


def test_a_phone_number_must_look_like_one(client_for, alice):
    response = client_for(alice).post("/you/contacts/new/", {"name": "Jo", "role": "gp",
                                                             "phone": "call me maybe"})
    assert response.status_code == 200
    assert not SupportContact.objects.exists()


def test_a_number_typed_on_an_arabic_keyboard_is_kept_and_dialled(client_for, alice):
    """An Arabic phone types Arabic-Indic digits: the number was refused ("use digits")
    with a second, contradictory "add a phone number" above the form."""
    client = client_for(alice)
    response = client.post("/you/contacts/new/", {
        "name": "\u0623\u0645\u064a", "role": "trusted",
        "phone": "\u200f+\u0662\u0660 \u0661\u0660\u0660 \u0661\u0662\u0663 "
                 "\u0664\u0665\u0666\u0667"})
    assert response.status_code == 302, response.content.decode()[:2000]
    contact = SupportContact.objects.get()
    assert (contact.phone, contact.tel) == ("+20 100 123 4567", "+201001234567")
    refused = client.post("/you/contacts/new/", {"name": "Jo", "role": "gp",
                                                 "phone": "call me"}).content.decode()
    assert "Use digits, spaces and + ( ) - only." in refused
    assert "Add a phone number or an e-mail address." not in refused


def test_her_people_s_numbers_read_left_to_right_on_an_arabic_page(client_for, alice,
                                                                   household):
    """On the support page in Arabic her sister's +20 100 123 4567 showed as
    4567 123 100 20+ (the tel: link was right; the number she reads was not)."""
    SupportContact.objects.create(owner=alice, household=household, name="Amal",
                                  role="trusted", phone="+20 100 123 4567", email="")
    SupportContact.objects.create(owner=alice, household=household, name="Dr Sami",
                                  role="gp", phone="", email="sami@example.org")
    client = client_for(alice)
    for path in ("/support/", "/you/contacts/"):
        page = client.get(path, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
        assert '<bdi dir="ltr">+20 100 123 4567</bdi>' in page, path
        assert '<bdi dir="ltr">sami@example.org</bdi>' in page, path


def test_she_edits_and_removes_a_contact(client_for, alice, household):
    contact = SupportContact.objects.create(household=household, owner=alice, name="Jo",
                                            role="gp", phone="123 456")
    client = client_for(alice)
    client.post(f"/you/contacts/{contact.pk}/", {"name": "Dr Jo", "role": "gp",
                                                 "phone": "123 456"})
    contact.refresh_from_db()
    assert contact.name == "Dr Jo"
    client.post(f"/you/contacts/{contact.pk}/", {"delete": "1", "confirmed": "1"})
    assert not SupportContact.objects.exists()


def test_no_one_else_sees_or_touches_her_contacts(client_for, alice, bob, mallory, household):
    # A long, unusual name: a short one can turn up by chance inside a CSRF token.
    contact = SupportContact.objects.create(household=household, owner=alice,
                                            name="Josephine Quillfeather",
                                            role="gp", phone="123 456")
    for person in (bob, mallory):
        client = client_for(person)
        assert "Quillfeather" not in client.get("/you/contacts/").content.decode()
        assert client.get(f"/you/contacts/{contact.pk}/").status_code == 404
        assert client.post(f"/you/contacts/{contact.pk}/", {"delete": "1"}).status_code == 404
    assert SupportContact.objects.exists()
