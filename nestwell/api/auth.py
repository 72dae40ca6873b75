"""Who is calling: a personal token (``Authorization: Bearer nw_…``) or the app's own
session (with its CSRF token). Either way the request ends up with ``request.user``,
``request.household`` and ``request.membership``, like a page does."""

import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from ninja.security import APIKeyCookie, HttpBearer

from nestwell.accounts.models import ApiToken, Membership

TOUCH_EVERY = 60  # seconds between updates of a token's "last used"


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.find(token)
        if found is None:
            return None
        membership = (Membership.objects.select_related("household")
                      .filter(user=found.user, household=found.household).first())
        if membership is None:  # she left the household: the token no longer opens it
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > TOUCH_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        _enter(request, membership)
        return found.user


class SessionAuth(APIKeyCookie):
    """The signed-in app session; unsafe methods need the CSRF token, as forms do."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        if not request.user.is_authenticated or getattr(request, "membership", None) is None:
            return None
        return request.user


def _enter(request, membership):
    request.membership = membership
    request.household = membership.household
    timezone.activate(zoneinfo.ZoneInfo(membership.household.time_zone))
    translation.activate(membership.household.locale)
