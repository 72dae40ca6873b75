"""Signing out everywhere else, the password unchanged (Aoife's walk: only a new password
ended her other sessions)."""

import pytest
from django.test import Client
from django.test.utils import override_settings

from nestwell.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def is_signed_in(client):
    return client.get("/account/").status_code == 200


def test_every_other_session_ends_and_this_one_stays(alice, bob, nora):
    phone, laptop, his = signed_in(alice), signed_in(alice), signed_in(bob)
    token = ApiToken.issue(user=alice, household=nora.household, name="script")
    page = phone.get("/account/").content.decode()
    assert 'data-testid="sign-out-elsewhere"' in page
    response = phone.post("/account/sign-out-elsewhere/", follow=True)
    assert "Everywhere else you were signed in is signed out" in response.content.decode()
    assert is_signed_in(phone) and not is_signed_in(laptop) and is_signed_in(his)
    alice.refresh_from_db()
    assert alice.sessions_ended == 1
    # Her password still signs her in anew, and again everywhere else can be ended.
    again = signed_in(alice)
    phone.post("/account/sign-out-elsewhere/")
    assert is_signed_in(phone) and not is_signed_in(again)
    # Her API tokens are left: they have their own page.
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_it_takes_a_post_from_someone_signed_in(client, alice):
    assert client.post("/account/sign-out-elsewhere/").status_code == 302
    assert User.objects.get(pk=alice.pk).sessions_ended == 0
    assert signed_in(alice).get("/account/sign-out-elsewhere/").status_code == 405


def test_sessions_made_before_the_count_existed_stay_valid(alice):
    """The stamp is Django's own until she first uses it: no one is signed out by the
    upgrade."""
    from django.utils.crypto import salted_hmac

    djangos_own = salted_hmac("django.contrib.auth.models.AbstractBaseUser."
                              "get_session_auth_hash", alice.password,
                              algorithm="sha256").hexdigest()
    assert alice.get_session_auth_hash() == djangos_own
    alice.sessions_ended = 1
    assert alice.get_session_auth_hash() != djangos_own


@override_settings(SECRET_KEY="new-key", SECRET_KEY_FALLBACKS=["old-key"])
def test_a_session_signed_with_an_older_key_ends_too(alice):
    """Django checks a session against the hashes of older secret keys as well: those
    carry the count too."""
    alice.sessions_ended = 2
    old = list(alice.get_session_auth_fallback_hash())
    alice.sessions_ended = 3
    assert old[0] not in list(alice.get_session_auth_fallback_hash())
