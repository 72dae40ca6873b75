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


def test_she_edits_and_removes_a_contact(client_for, alice, household):
    contact = SupportContact.objects.create(household=household, owner=alice, name="Jo",
                                            role="gp", phone="123 456")
    client = client_for(alice)
    client.post(f"/you/contacts/{contact.pk}/", {"name": "Dr Jo", "role": "gp",
                                                 "phone": "123 456"})
    contact.refresh_from_db()
    assert contact.name == "Dr Jo"
    client.post(f"/you/contacts/{contact.pk}/", {"delete": "1"})
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
