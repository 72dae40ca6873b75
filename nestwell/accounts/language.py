"""Which language a page speaks: her own choice (her account), else the one she picked
before signing in (a cookie), else her browser's, else her household's, else English.
Only languages whose catalogue is complete are ever chosen (settings.LANGUAGES)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

from nestwell.accounts.measures import household_country


def available() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


# English as North America speaks it (diaper, crib, pediatrician): a Canadian phone reads
# the US words rather than the British ones (nappy, cot, health visitor).
NORTH_AMERICAN = {"en-ca": "en-us"}
NORTH_AMERICA = {"US", "CA", ""}  # "": a household whose country is not known


def from_browser(header: str) -> str | None:
    for code, _weight in trans_real.parse_accept_lang_header(header or ""):
        if code == "*":
            continue
        code = NORTH_AMERICAN.get(code.lower(), code)
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def choose(request, household=None, account=True) -> str:
    """``account=False`` leaves her account out (the database is not answering)."""
    codes = available()
    user = getattr(request, "user", None) if account else None
    if user is not None and user.is_authenticated and user.language in codes:
        return user.language
    picked = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if picked in codes:
        return picked
    browser = from_browser(request.headers.get("Accept-Language", ""))
    if browser in NORTH_AMERICAN.values() and household is not None \
            and household_country(household) not in NORTH_AMERICA:
        # Many phones say en-US wherever they are: a family in Leeds keeps its nappies and
        # its health visitor unless she chooses US English herself.
        browser = settings.LANGUAGE_CODE
    if browser in codes:
        return browser
    if household is not None and household.locale in codes:
        return household.locale
    return settings.LANGUAGE_CODE

