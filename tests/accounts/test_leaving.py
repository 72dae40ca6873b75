"""A person who leaves takes nothing with her, and cannot take the mother's data away
(issue 12, findings 7 to 9)."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from nestwell.accounts.models import ApiToken, AuditEvent, Household, Invitation, Membership
from nestwell.accounts.roles import Role
from nestwell.accounts.services import accept_invitation
from nestwell.insights.models import ShareLink
from nestwell.wellbeing.models import CheckIn, ScreeningResponse, Share, SupportContact
from tests.conftest import PASSWORD, make_user
from tests.insights.test_report import make_link


def opens(path):
    return Client().get(path).status_code


def me(token):
    return Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code


def remove(client, user):
    membership = Membership.objects.get(user=user)
    return client.post(f"/household/members/{membership.pk}/", {"remove": "1", "confirmed": "1"})


# --- 7: report links end with their maker's place in the household ---------------------

def test_removing_a_caregiver_stops_her_report_links(client_for, alice, bob, nora):
    path = make_link(client_for(bob), wellbeing=False).split("testserver")[1]
    assert opens(path) == 200 and opens(path + "report.csv") == 200
    remove(client_for(alice), bob)
    assert opens(path) == 404 and opens(path + "report.csv") == 404
    assert ShareLink.objects.get().revoked_at is not None


def test_a_link_works_only_while_its_maker_may_make_links(client_for, bob, nora):
    path = make_link(client_for(bob), wellbeing=False).split("testserver")[1]
    Membership.objects.filter(user=bob).update(role=Role.VIEWER)
    assert opens(path) == 404
    Membership.objects.filter(user=bob).update(role=Role.CAREGIVER)
    assert opens(path) == 200


def test_a_viewer_cannot_make_a_link(client_for, carol, nora):
    today = timezone.localdate().isoformat()
    response = client_for(carol).post("/insights/report/share/",
                                      {"first": today, "last": today, "days": 3})
    assert response.status_code == 403 and not ShareLink.objects.exists()
    assert "Share with a clinician" not in client_for(carol).get(
        f"/insights/report/?first={today}&last={today}").content.decode()


def test_a_parent_sees_and_stops_every_link_of_the_household(alice, bob, nora):
    bobs = make_link(_signed_in(bob), wellbeing=False).split("testserver")[1]
    link = ShareLink.objects.get()
    today = timezone.localdate().isoformat()
    page = _signed_in(alice).get(f"/insights/report/?first={today}&last={today}")
    assert "made by Bob" in page.content.decode()
    assert _signed_in(alice).post(f"/insights/report/share/{link.pk}/revoke/"
                                  ).status_code == 302
    assert opens(bobs) == 404
    assert AuditEvent.objects.filter(subject=bob, actor=alice,
                                     action="report_link_stopped").exists()


def test_a_caregiver_cannot_stop_someone_elses_link(alice, bob, nora):
    make_link(_signed_in(alice), wellbeing=False)
    link = ShareLink.objects.get()
    assert _signed_in(bob).post(f"/insights/report/share/{link.pk}/revoke/"
                                ).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def _signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


# --- 8: her own data is hers; the maker of the household cannot be cut off ---------------

def test_an_invited_parent_cannot_remove_or_demote_the_one_who_invited_her(household, alice):
    dana = make_user("dana@example.org", "Dana", household, Role.PARENT)
    client = _signed_in(dana)
    assert remove(client, alice).status_code == 302
    response = client.post(f"/household/members/{Membership.objects.get(user=alice).pk}/",
                           {"role": "viewer"})
    assert response.status_code == 302
    assert Membership.objects.get(user=alice).role == Role.PARENT
    assert "joined before you" in client.get("/household/").content.decode()
    # the other way round is allowed, and audited
    remove(_signed_in(alice), dana)
    assert not Membership.objects.filter(user=dana).exists()
    assert AuditEvent.objects.filter(actor=alice, subject=dana,
                                     action="member_removed").exists()


def test_a_parent_may_step_back_herself(household, alice):
    dana = make_user("dana@example.org", "Dana", household, Role.PARENT)
    remove(_signed_in(dana), dana)
    assert not Membership.objects.filter(user=dana).exists()


def test_only_the_longest_standing_parent_deletes_the_household(household, alice):
    dana = make_user("dana@example.org", "Dana", household, Role.PARENT)
    client = _signed_in(dana)
    assert client.get("/household/data/delete/").status_code == 403
    response = client.post("/household/data/delete/",
                           {"name": household.name, "password": PASSWORD})
    assert response.status_code == 403 and Household.objects.filter(pk=household.pk).exists()
    assert "Delete the household" not in client.get("/household/data/").content.decode()


def _private(user, household):
    CheckIn.objects.create(household=household, author=user, mood=3, connection=4, energy=2,
                           stress=3, support=4, safety="safe", note=f"{user} note")
    ScreeningResponse.objects.create(household=household, author=user, instrument="phq9",
                                     version="1", total=4)
    SupportContact.objects.create(household=household, owner=user, name="Jo", role="gp")


def test_deleting_the_household_keeps_the_other_members_private_data(household, alice, bob):
    _private(alice, household)
    _private(bob, household)
    response = _signed_in(alice).post("/household/data/delete/",
                                      {"name": household.name, "password": PASSWORD})
    assert response.status_code == 302 and not Household.objects.exists()
    for model, field in ((CheckIn, "author"), (ScreeningResponse, "author"),
                         (SupportContact, "owner")):
        assert not model.objects.filter(**{field: alice}).exists()
        assert model.objects.filter(**{field: bob}, household=None).count() == 1
    document = _signed_in(bob).get("/account/mine/download/").json()
    assert document["checkins"][0]["note"] == "Bob note"
    assert document["checkins"][0]["household"] is None


def test_a_removed_mother_still_downloads_and_deletes_her_own_data(household, alice):
    dana = make_user("dana@example.org", "Dana", household, Role.PARENT)
    _private(dana, household)
    remove(_signed_in(alice), dana)
    client = _signed_in(dana)
    page = client.get("/account/mine/")
    assert page.status_code == 200 and "1 check-in" in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    download = client.get("/account/mine/download/")
    assert download.json()["checkins"][0]["household"] == "The Garcias"
    assert "no-store" in download["Cache-Control"]
    refused = client.post("/account/mine/", {"password": "not it"})
    assert refused.status_code == 400 and CheckIn.objects.filter(author=dana).exists()
    client.post("/account/mine/", {"password": PASSWORD})
    assert not CheckIn.objects.filter(author=dana).exists()
    assert not ScreeningResponse.objects.filter(author=dana).exists()
    assert not SupportContact.objects.filter(owner=dana).exists()


def test_nobody_else_reads_her_own_data_page(household, alice, bob):
    _private(alice, household)
    assert _signed_in(bob).get("/account/mine/download/").json()["checkins"] == []
    assert Client().get("/account/mine/download/").status_code == 302


def test_leaving_ends_what_was_shared_both_ways(household, alice, bob):
    Share.objects.create(household=household, owner=alice, member=bob, checkins=True)
    Share.objects.create(household=household, owner=bob, member=alice, checkins=True)
    remove(_signed_in(alice), bob)
    assert not Share.objects.exists()


# --- 9: tokens end with a password change, a reset, or leaving --------------------------

def test_removing_a_member_ends_her_tokens_even_if_she_comes_back(household, alice, bob):
    made = ApiToken.issue(bob, household, "script")
    assert me(made.token) == 200
    remove(_signed_in(alice), bob)
    invitation = Invitation.issue(household, Role.CAREGIVER, alice)
    accept_invitation(invitation, bob)
    assert me(made.token) == 401


def test_a_password_change_ends_her_tokens(household, alice):
    made = ApiToken.issue(alice, household, "script")
    response = _signed_in(alice).post("/account/password/", {
        "old_password": PASSWORD, "new_password1": "another-quiet-night-27",
        "new_password2": "another-quiet-night-27"})
    assert response.status_code == 302
    assert me(made.token) == 401


def test_a_password_reset_ends_her_tokens(household, alice):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    made = ApiToken.issue(alice, household, "script")
    client = Client()
    uid = urlsafe_base64_encode(force_bytes(alice.pk))
    url = client.get(f"/password-reset/{uid}/{default_token_generator.make_token(alice)}/"
                     )["Location"]
    response = client.post(url, {"new_password1": "another-quiet-night-27",
                                 "new_password2": "another-quiet-night-27"})
    assert response.status_code == 302
    assert me(made.token) == 401


def test_a_new_token_after_the_change_works(household, alice):
    alice.set_password("another-quiet-night-27")
    alice.save()
    assert me(ApiToken.issue(alice, household, "new script").token) == 200


def test_an_invitation_she_made_is_no_way_back_in(household, alice):
    dana = make_user("dana@example.org", "Dana", household, Role.PARENT)
    kept = Invitation.issue(household, Role.PARENT, dana)
    remove(_signed_in(alice), dana)
    assert Client().get(f"/join/{kept.token}/").status_code == 410
    kept.refresh_from_db()
    assert kept.revoked_at is not None


def test_a_parent_lowered_to_caregiver_cannot_use_her_open_invitations(household, alice):
    dana = make_user("dana@example.org", "Dana", household, Role.PARENT)
    kept = Invitation.issue(household, Role.PARENT, dana)
    _signed_in(alice).post(f"/household/members/{Membership.objects.get(user=dana).pk}/",
                           {"role": "caregiver"})
    assert Client().get(f"/join/{kept.token}/").status_code == 410


def test_the_letters_he_wrote_leave_with_him_and_he_alone_deletes_them(household, alice,
                                                                      bob, nora):
    """A private letter had stayed on the server after its author left, where nobody, he
    included, could read, download or delete it."""
    from nestwell.journal.models import Moment

    now = timezone.now()
    private = Moment.objects.create(household=household, child=nora, kind="letter",
                                    started_at=now, ended_at=now, note="Only mine",
                                    created_by=bob,
                                    actor=bob, details={"shared": False})
    Moment.objects.create(household=household, child=nora, kind="letter",
                          started_at=now - timedelta(hours=1),
                          ended_at=now - timedelta(hours=1), note="For all of us",
                          created_by=bob, actor=bob,
                          details={"shared": True})
    remove(_signed_in(alice), bob)
    client = _signed_in(bob)
    assert "2 letters to your baby" in client.get("/account/mine/").content.decode()
    letters = client.get("/account/mine/download/").json()["letters"]
    assert sorted((x["text"], x["shared"], x["to"], x["household"]) for x in letters) == [
        ("For all of us", True, "Nora", "The Garcias"),
        ("Only mine", False, "Nora", "The Garcias")]
    assert _signed_in(alice).get("/account/mine/download/").json()["letters"] == []
    client.post("/account/mine/", {"password": PASSWORD})
    assert not Moment.objects.filter(pk=private.pk).exists()
    assert Moment.objects.filter(kind="letter", note="For all of us").exists()  # the family's


def test_a_password_change_stops_her_report_links_and_says_what_ended(client_for, household,
                                                                      alice, bob, nora):
    """What she made stops when she changes her password: her report links too (one held
    her wellbeing, and it had gone on working); his stay."""
    hers = make_link(client_for(alice)).split("testserver")[1]
    his = make_link(client_for(bob), wellbeing=False).split("testserver")[1]
    assert opens(hers) == 200 and opens(his) == 200
    client = _signed_in(alice)
    assert "stops your API tokens, the report links you made" in client.get(
        "/account/password/").content.decode()
    response = client.post("/account/password/", {
        "old_password": PASSWORD, "new_password1": "another-quiet-night-27",
        "new_password2": "another-quiet-night-27"}, follow=True)
    page = response.content.decode()
    assert "your API tokens, report links and notifications have stopped" in page
    assert opens(hers) == 404 and opens(his) == 200


def test_a_password_set_from_the_command_line_stops_her_report_links(client_for, alice, nora):
    path = make_link(client_for(alice), wellbeing=False).split("testserver")[1]
    alice.set_password("another-quiet-night-27")
    alice.save()
    assert opens(path) == 404
    alice.display_name = "Alice G"
    alice.save()  # a save without a new password changes nothing
    assert ShareLink.objects.filter(revoked_at__isnull=True).count() == 0
    fresh = make_link(_signed_in(alice),
                      wellbeing=False).split("testserver")[1]
    alice.display_name = "Alice"
    alice.save()
    assert opens(fresh) == 200


def test_someone_removed_is_told_so_once_and_someone_who_left_is_not(household, alice, bob):
    remove(_signed_in(alice), bob)
    page = _signed_in(bob).get("/household/new/").content.decode()
    told = page.split('data-testid="removed-from"')[1].split("</p>")[0]
    assert "no longer a member of <bdi>The Garcias</bdi>" in told
    AuditEvent.objects.filter(subject=bob).update(at=timezone.now() - timedelta(days=31))
    assert 'data-testid="removed-from"' not in _signed_in(bob).get(
        "/household/new/").content.decode()  # an old story is not told again
    dana = make_user("dana@example.org", "Dana", household, Role.CAREGIVER)
    client = _signed_in(dana)
    client.post(f"/household/{household.pk}/leave/")
    assert 'data-testid="removed-from"' not in client.get("/household/new/").content.decode()
