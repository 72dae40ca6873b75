from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from nestwell import webapp
from nestwell.accounts import safety_net
from nestwell.api import errors as api_errors


@require_safe  # HEAD too: many uptime monitors ask with HEAD (it had been a 405)
@never_cache
def healthz(request):
    """Liveness and readiness: answers ok only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not ready"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
def manifest(request):
    """The web app manifest: public (browsers fetch it without cookies), cached an hour."""
    response = JsonResponse(webapp.manifest(), json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    patch_cache_control(response, public=True, max_age=3600)
    return response


@require_GET
def install_help(request):
    """How to add Nestwell to the home screen, on Android and on iPhone."""
    # A phone installs only from a secure origin: HTTPS, or this machine itself.
    local = request.get_host().rsplit(":", 1)[0] in ("localhost", "127.0.0.1", "[::1]")
    return render(request, "install.html", {"secure": request.is_secure() or local})


def csrf_failure(request, reason=""):
    """A form sent from a page that had gone stale (signed out, or open in another tab).

    Nothing was saved; she is offered the page the form came from, on this site only.
    """
    # A form that says she may not be safe opens the support page, with a button that
    # sends what she entered again (this page has a fresh token): it was a 403 page.
    support = safety_net.support_instead(request)
    if support is not None:
        return support
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "/"
    return render(request, "csrf_failure.html", {"back": back}, status=403)


def server_error(request):
    """The server-error page; for a form that says she may not be safe (the database
    failing as she sent a check-in), the support page, which needs no database. It was a
    500 page, her answer gone and support a link away."""
    if request.path.startswith("/api/"):  # JSON, as everything under /api/ answers
        try:
            content = api_errors.server_error_body(request)
        except Exception:
            content = api_errors.body(500, "Something went wrong on our side.")
        return JsonResponse(content, status=500)
    try:
        support = safety_net.support_instead(request)
    except Exception:  # the error page itself never fails on the safety check
        support = None
    if support is not None:
        support.status_code = 503
        return support
    return defaults.server_error(request)
