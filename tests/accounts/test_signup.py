from nestwell.accounts.models import Household, Membership, User
from nestwell.accounts.roles import Role
from tests.conftest import PASSWORD


def signup_data(**overrides):
    data = {"display_name": "Dana", "email": "Dana@Example.org", "password1": PASSWORD,
            "password2": PASSWORD, "household_name": "Dana & Lee",
            "time_zone": "Europe/Berlin"}
    data.update(overrides)
    return data


def test_it_creates_a_person_and_their_household(client, db):
    response = client.post("/signup/", signup_data())
    assert response.status_code == 302
    assert response.url == "/children/new/"
    user = User.objects.get()
    assert user.email == "dana@example.org"
    membership = Membership.objects.get(user=user)
    assert membership.role == Role.PARENT
    assert membership.household.name == "Dana & Lee"
    assert membership.household.time_zone == "Europe/Berlin"
    assert membership.household.locale == "en"
    # signed in straight away
    assert client.get("/children/new/").status_code == 200


def test_it_refuses_a_second_account_for_the_same_email(client, alice):
    response = client.post("/signup/", signup_data(email="ALICE@example.org"))
    assert response.status_code == 200
    assert "already an account" in response.content.decode()
    assert User.objects.count() == 1
    assert Household.objects.count() == 1


def test_it_refuses_a_weak_password_and_saves_nothing(client, db):
    response = client.post("/signup/", signup_data(password1="123", password2="123"))
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not User.objects.exists()
    assert not Household.objects.exists()


def test_it_refuses_an_unknown_time_zone(client, db):
    response = client.post("/signup/", signup_data(time_zone="Mars/Olympus_Mons"))
    assert response.status_code == 200
    assert not User.objects.exists()


def test_the_form_renders(client, db):
    response = client.get("/signup/")
    assert response.status_code == 200
    assert 'name="household_name"' in response.content.decode()


def test_the_household_speaks_the_language_she_signed_up_in(client, db):
    """Signed up in Arabic, the household was English: the report, the e-mails and a
    shared link came out in English."""
    client.cookies["nestwell_language"] = "ar"
    assert client.post("/signup/", signup_data()).status_code == 302
    assert Household.objects.get().locale == "ar"


def test_an_accept_language_she_did_not_choose_among_ours_gives_english(client, db):
    client.post("/signup/", signup_data(), HTTP_ACCEPT_LANGUAGE="ja")
    assert Household.objects.get().locale == "en"
