"""Deleting an account: everything that was hers alone goes, in one step and only with her
password; what she logged for a baby stays with its household, without her name; the last
parent of a household is told what to do first, and nothing is deleted."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from nestwell.accounts.models import ApiToken, Membership
from nestwell.accounts.roles import Role
from nestwell.insights.models import ShareLink
from nestwell.journal.models import Moment
from nestwell.wellbeing.models import CheckIn
from tests.conftest import PASSWORD, make_user
from tests.insights.test_report import make_link

User = get_user_model()


def _signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _letter(household, child, user, note, shared, hours):
    at = timezone.now() - timedelta(hours=hours)
    return Moment.objects.create(household=household, child=child, kind="letter",
                                 started_at=at, ended_at=at, note=note, created_by=user,
                                 actor=user, details={"shared": shared})


def test_a_caregiver_deletes_his_account_and_what_he_logged_stays(household, alice, bob,
                                                                   nora):
    feed = Moment.objects.create(household=household, child=nora, kind="talk",
                                 started_at=timezone.now(), ended_at=timezone.now(),
                                 actor=bob, created_by=bob)
    private = _letter(household, nora, bob, "Only mine", False, 2)
    shared = _letter(household, nora, bob, "For all of us", True, 3)
    CheckIn.objects.create(household=household, author=bob, mood=3, connection=3, energy=3,
                           stress=3, support=3, safety="safe")
    token = ApiToken.issue(bob, household, "script").token
    link = make_link(_signed_in(bob), wellbeing=False).split("testserver")[1]
    client, elsewhere = _signed_in(bob), _signed_in(bob)
    page = client.get("/account/delete/").content.decode()
    assert "The Garcias" in page and 'data-testid="delete-account"' in page
    # a wrong password, or the box not ticked: told, and nothing changes
    assert client.post("/account/delete/", {"password": "nope", "understood": "on"}
                       ).status_code == 400
    refused = client.post("/account/delete/", {"password": PASSWORD})
    assert refused.status_code == 400 and "Tick this" in refused.content.decode()
    assert User.objects.filter(pk=bob.pk).exists()
    done = client.post("/account/delete/", {"password": PASSWORD, "understood": "on"})
    assert done.status_code == 200 and 'data-testid="account-deleted"' in done.content.decode()
    assert not User.objects.filter(pk=bob.pk).exists()
    assert not Membership.objects.filter(user_id=bob.pk).exists()
    assert not CheckIn.objects.filter(author_id=bob.pk).exists()
    assert not Moment.objects.filter(pk=private.pk).exists()
    shared.refresh_from_db()
    feed.refresh_from_db()
    assert feed.actor is None and shared.created_by is None  # the family's, nameless
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}
                        ).status_code == 401
    assert not ShareLink.objects.exists() and Client().get(link).status_code == 404
    for c in (client, elsewhere):  # signed out here and on his other devices
        assert c.get("/").status_code == 302
    assert Membership.objects.filter(user=alice).exists()


def test_the_last_parent_is_told_what_to_do_first_and_nothing_goes(household, alice,
                                                                    bob):
    client = _signed_in(alice)
    page = client.get("/account/delete/").content.decode()
    assert "You are the only parent of <bdi>The Garcias</bdi>" in page
    assert 'data-testid="delete-account"' not in page
    response = client.post("/account/delete/", {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 400
    assert User.objects.filter(pk=alice.pk).exists()
    assert Membership.objects.filter(user=alice).exists()


def test_a_parent_beside_another_parent_may_go(household, alice):
    dana = make_user("dana@example.org", "Dana", household, Role.PARENT)
    response = _signed_in(dana).post("/account/delete/", {"password": PASSWORD,
                                                          "understood": "on"})
    assert response.status_code == 200
    assert not User.objects.filter(email="dana@example.org").exists()
    assert Membership.objects.get(household=household).user == alice


def test_someone_in_no_household_may_go_and_signed_out_nobody_reaches_it(client, db):
    lone = User.objects.create_user(email="lone@example.org", password=PASSWORD,
                                    display_name="Lone")
    assert _signed_in(lone).post("/account/delete/", {"password": PASSWORD,
                                                      "understood": "on"}).status_code == 200
    assert not User.objects.filter(email="lone@example.org").exists()
    assert client.get("/account/delete/").status_code == 302


def test_the_account_page_offers_it(client_for, bob):
    assert 'href="/account/delete/"' in client_for(bob).get("/account/").content.decode()


def test_the_only_member_is_asked_to_delete_the_household_first(household, alice):
    page = _signed_in(alice).get("/account/delete/").content.decode()
    assert "You are the only one in <bdi>The Garcias</bdi>. Delete the household first" in page
    assert "Make someone else a parent" not in page


def test_a_private_letter_without_a_shared_word_and_one_in_the_bin_go_too(household, alice,
                                                                           bob, nora):
    """A letter from the API has no "shared" key (SQL reads it as unknown), and a letter
    removed a minute ago waits in the bin: both had outlived the account, nameless."""
    from nestwell.journal.services import delete_moment

    at = timezone.now()
    bare = Moment.objects.create(household=household, child=nora, kind="letter",
                                 started_at=at, ended_at=at, note="no key", created_by=bob,
                                 actor=bob, details={})
    binned = _letter(household, nora, bob, "in the bin", False, 1)
    delete_moment(binned)
    kept = _letter(household, nora, bob, "shared", True, 2)
    assert _signed_in(bob).post("/account/delete/", {"password": PASSWORD,
                                                     "understood": "on"}).status_code == 200
    assert not Moment.objects.filter(pk__in=[bare.pk, binned.pk]).exists()
    assert Moment.objects.filter(pk=kept.pk).exists()


def test_her_uploaded_import_files_go_with_her_account(household, alice, bob, tmp_path,
                                                       django_capture_on_commit_callbacks):
    from nestwell.transfer.models import ImportJob

    upload = tmp_path / "upload.json"
    upload.write_text("{}")
    ImportJob.objects.create(household=household, started_by=bob, path=str(upload),
                             file_name="upload.json")
    with django_capture_on_commit_callbacks(execute=True):
        _signed_in(bob).post("/account/delete/", {"password": PASSWORD, "understood": "on"})
    assert not upload.exists()
