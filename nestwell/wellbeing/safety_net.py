"""Whether a form that cannot be taken still signals a risk of harm, and the support page
it opens then (registered with ``accounts.safety_net``).

A check-in answered "not safe" from a page gone stale was a 403 page; after her session
ended, the sign-in page; with the database failing, a 500 page: each time her answer was
gone and support was a link away. Now each of them shows the support page at once. Only
the form itself is read (no database): a check-in's answers, a questionnaire's answer at
its step, a paper score's safety question, and any text sent that speaks of ending her
life, of self-harm or of harming the baby.
"""

import logging

from django.contrib.auth.models import AnonymousUser
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from nestwell.wellbeing import questionnaires
from nestwell.wellbeing.harm_words import mentions_harm
from nestwell.wellbeing.models import CheckInKind, signals_risk
from nestwell.wellbeing.views import support

log = logging.getLogger("nestwell.safety")

# What is never carried to the page's "send it again": the stale token, her password.
NOT_CARRIED = frozenset({"csrfmiddlewaretoken", "password", "password1", "password2",
                         "old_password", "new_password1", "new_password2"})
LONGEST = 5000  # a field carried back at most this long (a note is 2000)


def reason_in(request) -> str:
    """"checkin", "questionnaire" or "note" when the form sent signals a risk of harm,
    else ""."""
    data = request.POST
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    name = f"{match.namespace}:{match.url_name}" if match else ""
    if name in ("wellbeing:checkin", "wellbeing:checkin_short"):
        kind = CheckInKind.SHORT if name.endswith("short") else CheckInKind.FULL
        if signals_risk(kind, {k: data.get(k) for k in data}):
            return "checkin"
    elif name in ("wellbeing:questionnaire", "wellbeing:paper"):
        instrument = questionnaires.get(match.kwargs.get("instrument_id", ""))
        if instrument is not None and _questionnaire_risk(instrument, data, name):
            return "questionnaire"
    if any(isinstance(v, str) and mentions_harm(v) for k in data if k not in NOT_CARRIED
           for v in data.getlist(k)):
        return "note"
    return ""


def _questionnaire_risk(instrument, data, name) -> bool:
    if name == "wellbeing:paper":
        return questionnaires.paper_risk(instrument, data.get("safety_score"))
    count = questionnaires.item_count(instrument)
    answers = questionnaires.parse_answers(data.get("answers", ""), count)
    try:
        step = min(max(int(data.get("step", 0)), 0), count - 1)
        position = int(data.get("choice", ""))
    except (TypeError, ValueError):
        position = None
    if position is not None and questionnaires.valid_position(instrument, step, position):
        answers[step] = position
    return questionnaires.risk_in(instrument, answers)


def _readable_without_the_database(request):
    """When her session or account cannot be read (the database failing before the page
    began), the support page is made as for someone signed out, in her browser's
    language, with no query: national lines, never a second error."""
    try:
        request.user.is_authenticated  # noqa: B018 (reads the session's user)
        return
    except Exception:
        log.warning("The support page for %s is made as for someone signed out: her "
                    "account could not be read", request.path)
    request.user = AnonymousUser()
    request.household = request.membership = None
    if hasattr(request, "session"):
        request.session._session_cache = {}  # read as empty: no query
    if not hasattr(request, "LANGUAGE_CODE"):
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()


def support_instead(request):
    """The support page for a form that could not be taken but signals a risk; with a
    button that sends what she entered again, when she is still signed in."""
    reason = reason_in(request)
    if not reason:
        return None
    _readable_without_the_database(request)
    continue_to = None
    if request.user.is_authenticated:
        fields = [(k, v) for k in request.POST if k not in NOT_CARRIED
                  for v in request.POST.getlist(k) if isinstance(v, str) and len(v) <= LONGEST]
        continue_to = {
            "action": request.path, "fields": fields,
            "text": _("What you sent could not be kept just now. When you are ready, you can "
                      "send it again from here: it is kept on this page only."),
            "button": _("Send it again"),
        }
    return support(request, reason=reason, continue_to=continue_to)
