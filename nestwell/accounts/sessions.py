"""Sessions in the database, as Django keeps them, read through a statement built once per
connection: every signed-in request (and the timers poll every open device makes) reads
its session first. ``SESSION_ENGINE`` names this module; the table and what is stored are
Django's own, so sessions made before stay valid."""

from datetime import datetime

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from nestwell.lib.statements import Statement

_LIVE = Statement(lambda key, now: Session.objects.filter(
    session_key=key, expire_date__gt=now)[:1], key=str, now=datetime)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        key = self.session_key
        found = _LIVE(key=key, now=timezone.now()) if key else []
        if found:
            return found[0]
        self._session_key = None
        return None
