"""The session store (``nestwell.accounts.sessions``): Django's table and encoding, read
through a statement; a session that has expired, was ended elsewhere or never existed
loads as no session, and a signed-in page answers as Django's own store would."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends import db as django_db
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from nestwell.accounts.sessions import SessionStore


def test_it_is_the_engine():
    assert settings.SESSION_ENGINE == "nestwell.accounts.sessions"


def test_a_live_session_loads_as_django_stores_it(db):
    theirs = django_db.SessionStore()
    theirs["household_id"] = 7
    theirs["words"] = "<&> é"
    theirs.create()
    ours = SessionStore(theirs.session_key)
    assert ours.load() == {"household_id": 7, "words": "<&> é"}
    assert ours.session_key == theirs.session_key


def test_expired_ended_and_unknown_sessions_load_as_none(db):
    expired = SessionStore()
    expired["a"] = 1
    expired.create()
    Session.objects.filter(pk=expired.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1))
    ended = SessionStore()
    ended["b"] = 2
    ended.create()
    ended_key = ended.session_key
    ended.delete()
    for key in (expired.session_key, ended_key, "x" * 32, None):
        store = SessionStore(key)
        assert store.load() == {}
        assert store.session_key is None


def test_signed_in_and_signed_out_pages(client_for, alice, nora):
    client = client_for(alice)
    assert client.get("/").status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(pk=key).delete()  # ended elsewhere (her password changed)
    assert client.get("/").status_code == 302
    stranger = Client()
    stranger.cookies[settings.SESSION_COOKIE_NAME] = key
    assert stranger.get("/").status_code == 302
