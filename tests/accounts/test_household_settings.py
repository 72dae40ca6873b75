from nestwell.accounts.models import Household


def test_a_parent_changes_name_and_time_zone(client_for, alice, household):
    client = client_for(alice)
    response = client.post("/household/", {"name": "Garcia home", "time_zone": "Asia/Tokyo",
                                           "locale": "en"})
    assert response.status_code == 302
    household.refresh_from_db()
    assert (household.name, household.time_zone) == ("Garcia home", "Asia/Tokyo")


def test_an_unknown_time_zone_changes_nothing(client_for, alice, household):
    client = client_for(alice)
    response = client.post("/household/", {"name": "X", "time_zone": "Nowhere/Land",
                                           "locale": "en"})
    assert response.status_code == 200
    household.refresh_from_db()
    assert household.name == "The Garcias"


def test_a_caregiver_cannot_open_settings(client_for, bob):
    assert client_for(bob).get("/household/").status_code == 403


def test_a_viewer_cannot_change_settings(client_for, carol, household):
    response = client_for(carol).post("/household/", {"name": "Mine", "time_zone": "UTC",
                                                       "locale": "en"})
    assert response.status_code == 403
    assert Household.objects.get(pk=household.pk).name == "The Garcias"


def test_settings_only_show_your_own_household(client_for, alice, mallory):
    page = client_for(alice).get("/household/").content.decode()
    assert "The Garcias" in page
    assert "mallory@example.org" not in page


def test_a_person_without_a_household_can_start_one(client, db):
    from nestwell.accounts.models import User

    lonely = User.objects.create_user(email="l@example.org", password="x", display_name="L")
    client.force_login(lonely, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/").url == "/household/new/"
    response = client.post("/household/new/", {"name": "Fresh", "time_zone": "UTC",
                                               "locale": "en"})
    assert response.status_code == 302
    assert lonely.memberships.get().household.name == "Fresh"
