"""The support page for a form that signals a risk of harm but cannot be taken: sent from
a page gone stale (the CSRF check), after her session ended, or while the database fails.

This layer knows nothing of check-ins or questionnaires; the wellbeing app registers the
check that does (``wellbeing.safety_net``), so that the sign-in redirect here, the CSRF
failure page and the server-error page can all ask it. A check that fails is logged and
never stands in the way of the page that would have been shown.
"""

import logging

log = logging.getLogger("nestwell.safety")

_checks = []


def register(check):
    """``check(request)`` returns the support page as a response when the form sent
    signals a risk of harm, else None."""
    if check not in _checks:
        _checks.append(check)
    return check


def support_instead(request):
    """The support page, when the form sent with ``request`` signals a risk; else None."""
    if request.method != "POST":
        return None
    for check in _checks:
        try:
            response = check(request)
        except Exception:
            log.exception("The safety check on %s could not run", request.path)
            continue
        if response is not None:
            return response
    return None
