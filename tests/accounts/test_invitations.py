import re
from datetime import timedelta

from django.utils import timezone

from nestwell.accounts.models import Invitation, Membership, User
from nestwell.accounts.roles import Role
from tests.conftest import PASSWORD


def create_link(client, role="caregiver"):
    response = client.post("/household/invitations/", {"role": role, "label": "Grandpa"})
    assert response.status_code == 200
    return re.search(r"http://testserver(/join/[\w-]+/)", response.content.decode()).group(1)


def join_data():
    return {"display_name": "Grandpa", "email": "gp@example.org", "password1": PASSWORD,
            "password2": PASSWORD}


def test_a_parent_invites_and_the_link_works_once(client_for, alice, household, client):
    link = create_link(client_for(alice), role="viewer")
    invitation = Invitation.objects.get()
    assert link.split("/")[2] not in invitation.token_hash  # only a hash is stored
    client.logout()
    response = client.post(link, join_data())
    assert response.status_code == 302
    grandpa = User.objects.get(email="gp@example.org")
    assert Membership.objects.get(user=grandpa).role == Role.VIEWER
    assert Membership.objects.get(user=grandpa).household == household
    client.logout()
    again = client.get(link)
    assert again.status_code == 410


def test_a_signed_in_person_joins_with_one_tap(client_for, alice, mallory, household):
    client = client_for(alice)
    link = create_link(client)
    client = client_for(mallory)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert Membership.objects.filter(user=mallory, household=household,
                                     role=Role.CAREGIVER).exists()


def test_an_expired_link_does_not_work(client_for, alice, client):
    link = create_link(client_for(alice))
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.logout()
    response = client.post(link, join_data())
    assert response.status_code == 410
    assert not User.objects.filter(email="gp@example.org").exists()


def test_a_cancelled_link_does_not_work(client_for, alice, client):
    link = create_link(client_for(alice))
    invitation = Invitation.objects.get()
    assert client.post(f"/household/invitations/{invitation.pk}/revoke/").status_code == 302
    client.logout()
    assert client.get(link).status_code == 410


def test_an_unknown_link_is_not_found(client, db):
    assert client.get("/join/not-a-real-token/").status_code == 404


def test_a_caregiver_cannot_invite(client_for, bob):
    response = client_for(bob).post("/household/invitations/", {"role": "parent"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_another_household_cannot_cancel_an_invitation(client_for, alice, mallory):
    link = create_link(client_for(alice))
    invitation = Invitation.objects.get()
    response = client_for(mallory).post(f"/household/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert link


def test_a_bad_role_is_refused(client_for, alice):
    response = client_for(alice).post("/household/invitations/", {"role": "owner"})
    assert response.status_code == 302
    assert not Invitation.objects.exists()


def test_the_join_page_says_in_words_what_the_role_allows(client_for, alice, client):
    for role, words in (("caregiver", "invited you as a caregiver: you can log moments"),
                        ("viewer", "invited you as a viewer: you can see the timeline"),
                        ("parent", "invited you as a parent.")):
        link = create_link(client_for(alice), role=role)
        client.logout()
        page = client.get(link).content.decode()
        assert words in page, role
        assert "as Caregiver" not in page and "as Viewer" not in page


def test_the_name_she_was_invited_by_is_offered_on_the_join_form(client_for, alice, client):
    """Valeria invited "Abuela Rosa"; Rosa's sign-up form began empty."""
    link = create_link(client_for(alice))
    client.logout()
    page = client.get(link).content.decode()
    assert re.search(r'name="display_name"[^>]* value="Grandpa"', page)
