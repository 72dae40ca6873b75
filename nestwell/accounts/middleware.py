
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from nestwell.accounts import language, measures
from nestwell.accounts.models import Membership, User
from nestwell.lib.statements import Statement

SESSION_KEY = "household_id"
SUPPORT_PATH = "/support/"


# Read on every signed-in request: built once per connection (lib.statements).
_CHOSEN = Statement(lambda user, household: Membership.objects.select_related("household")
                    .filter(user=user, household_id=household)[:1],
                    user=User, household=int)


def current_membership(request):
    """The signed-in user's membership in the household they are looking at, or None."""
    user = request.user
    if not user.is_authenticated:
        return None
    wanted = request.session.get(SESSION_KEY)
    if type(wanted) is int:  # what the app keeps there; anything else chooses nothing
        chosen = _CHOSEN(user=user, household=wanted)
        if chosen:
            return chosen[0]
    return (Membership.objects.select_related("household").filter(user=user)
            .order_by("created_at").first())


class HouseholdMiddleware:
    """Puts ``request.household`` and ``request.membership`` on each request and shows
    times in the household's zone and language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            membership = current_membership(request)
        except DatabaseError:
            # The support page must render even when the database does not answer.
            if request.path != SUPPORT_PATH:
                raise
            membership = None
        request.membership = membership
        request.household = membership.household if membership else None
        if membership:
            timezone.activate(membership.household.tz)
        try:
            chosen = language.choose(request, request.household)
        except DatabaseError:
            if request.path != SUPPORT_PATH:
                raise
            chosen = language.choose(request, account=False)
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()
        try:
            request.measures = measures.for_person(request.user, request.household)
        except DatabaseError:
            if request.path != SUPPORT_PATH:
                raise
            request.measures = measures.Measures()
        token = measures.activate(request.measures)
        try:
            response = self.get_response(request)
        finally:
            timezone.deactivate()
            measures.deactivate(token)
        # The page depends on her (her account's or her cookie's language): Vary: Cookie.
        # Not Accept-Language: the service worker keeps words.json from whichever page
        # installed it (the sign-in page, say), and a copy that varies on it no longer
        # matched offline. Nestwell sends no cache lifetimes, so nothing shared keeps a
        # page across browsers anyway.
        patch_vary_headers(response, ("Cookie",))
        # What the page was made in (an API token's person may have another language).
        response.headers.setdefault("Content-Language", translation.get_language())
        translation.deactivate()
        return response


# Pages and answers that hold one person's private data, or a household's whole journal in
# one file: a shared tablet's browser must not keep them for the next person to find.
NO_STORE_PREFIXES = ("/you/", "/account/", "/api/v1/", "/household/data/export/", "/handover/",
                     "/insights/report/", "/insights/week/", "/r/", "/keepsake/")


class NoStoreMiddleware:
    """``Cache-Control: no-store`` (and private, max-age=0) on private pages and files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(NO_STORE_PREFIXES):
            add_never_cache_headers(response)
        return response
