"""Who is calling: a personal token (``Authorization: Bearer nw_…``) or the app's own
session (with its CSRF token). Either way the request ends up with ``request.user``,
``request.household`` and ``request.membership``, like a page does."""


from django.conf import settings
from django.utils import timezone, translation
from ninja.security import APIKeyCookie, HttpBearer

from nestwell.accounts import language
from nestwell.accounts.models import ApiToken

TOUCH_EVERY = 60  # seconds between updates of a token's "last used"


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        # The token, its person and her membership of its household, in one query: none
        # when the token is unknown or revoked, she is inactive, or she left the household.
        membership = ApiToken.membership_for(token)
        if membership is None:
            return None
        now = timezone.now()
        last_used = membership.token_last_used_at
        if last_used is None or (now - last_used).total_seconds() > TOUCH_EVERY:
            ApiToken.objects.filter(pk=membership.token_id).update(last_used_at=now)
        request.user = membership.user
        _enter(request, membership)
        return membership.user


class SessionAuth(APIKeyCookie):
    """The signed-in app session; unsafe methods need the CSRF token, as forms do."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        # A script that sent a token (wrong, revoked, or ended with a password change) and
        # no session is told it is not signed in (401), not that a CSRF check it never
        # took part in failed (403); a session still needs its CSRF token.
        if (self.param_name not in request.COOKIES
                or "HTTP_AUTHORIZATION" in request.META):
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        if not request.user.is_authenticated or getattr(request, "membership", None) is None:
            return None
        return request.user


def _enter(request, membership):
    request.membership = membership
    request.household = membership.household
    timezone.activate(membership.household.tz)
    translation.activate(language.choose(request, membership.household))
