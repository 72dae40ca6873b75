"""Errors as JSON with one stable shape:

    {"error": {"code": "not_found", "message": "…", "fields": {"name": ["…"]}}}

A refused request that still says she may not be safe (a check-in answered "not safe"
with another field missing, a questionnaire with a safety answer among invalid ones)
also carries ``"support_url": "/support/"``: the safety path never waits for the rest.
"""

import logging

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.http.request import RawPostDataException
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

log = logging.getLogger("nestwell.api")

CODES = {400: "bad_request", 401: "not_signed_in", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "invalid",
         500: "server_error"}


class Conflict(Exception):
    """Someone changed the thing in between, or it clashes with another (409)."""


_risk_checks = []


def support_when(check):
    """Register ``check(request) -> bool``: whether a refused request signals a risk of
    harm, so that its error still points to the support page."""
    _risk_checks.append(check)
    return check


def _signals_risk(request) -> bool:
    for check in _risk_checks:
        try:
            if check(request):
                return True
        except Exception:
            log.exception("Safety check on a refused request failed")
    return False


def server_error_body(request):
    """The API's answer when the server fails before the API is reached (the database
    down as the request came in): JSON, and support_url when the request says she may
    not be safe."""
    content = body(500, "Something went wrong on our side; nothing was changed.")
    if _signals_risk(request):
        content["support_url"] = "/support/"
    return content


def body(status, message, fields=None, code=None):
    return {"error": {"code": code or CODES.get(status, "error"), "message": str(message),
                      "fields": fields or {}}}


def django_fields(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        return {name: [str(m) for e in errors for m in e.messages]
                for name, errors in exc.error_dict.items()}
    return {}


def _codes(exc: DjangoValidationError) -> set:
    if hasattr(exc, "error_dict"):
        return {e.code for errors in exc.error_dict.values() for e in errors}
    if hasattr(exc, "error_list"):
        return {e.code for e in exc.error_list}
    return {getattr(exc, "code", None)}


def _empty_body(request) -> bool:
    """Whether the request came with no body (a multipart form, already read, has one)."""
    try:
        return not request.body.strip()
    except RawPostDataException:
        return False


def install(api):
    def respond(request, status, message, fields=None, code=None):
        content = body(status, message, fields, code)
        # A 500 too (the database failing as a "not safe" check-in came in): support.
        if status >= 400 and _signals_risk(request):
            content["support_url"] = "/support/"
        return api.create_response(request, content, status=status)

    @api.exception_handler(NinjaValidationError)
    def invalid_request(request, exc):
        if _empty_body(request) and any(
                tuple(err.get("loc", ()))[:1] == ("body",) for err in exc.errors):
            # No body at all where the call takes one: as unreadable as a body that is
            # not an object (it had read as a missing field named "request").
            return respond(request, 400, "The body is empty: send the fields as "
                                         '{"name": value, …} (application/json).')
        fields = {}
        for err in exc.errors:
            loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path",
                                                                    "payload", "data")]
            message = err.get("msg", "invalid")
            if err.get("type") == "extra_forbidden":
                message = "This call does not take this field; leave it out (the API " \
                          "reference lists the fields each call takes)."
            fields.setdefault(".".join(loc) or "request", []).append(message)
        return respond(request, 422, "Some values are missing or not valid.", fields)

    @api.exception_handler(DjangoValidationError)
    def invalid_values(request, exc):
        if getattr(exc, "code", None) == "stale":
            # The app's words show the latest version beside them; an API call has none.
            return respond(request, 409, "Someone changed or removed this while you were "
                                         "editing: read it again (GET) for its current "
                                         "version, then make your change again.",
                           code="stale")
        if _codes(exc) & {"conflict"}:
            return respond(request, 409, exc.messages[0], django_fields(exc))
        fields = django_fields(exc)
        message = exc.messages[0] if exc.messages else "Not valid."
        return respond(request, 422, message, fields)

    @api.exception_handler(Conflict)
    def conflict(request, exc):
        return respond(request, 409, str(exc))

    @api.exception_handler(RequestDataTooBig)
    def body_too_large(request, exc):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
        return respond(request, 413, f"The request is larger than the {limit:g} MB an API "
                                     "call may send; send less at a time.")

    @api.exception_handler(MultiPartParserError)
    def unreadable_form(request, exc):
        return respond(request, 400, "The body is not a readable multipart form (send the "
                                     "file as multipart/form-data).")

    @api.exception_handler(OverflowError)
    def too_large(request, exc):
        return respond(request, 422, "A number is far too large.")

    @api.exception_handler(DataError)
    def out_of_range(request, exc):
        return respond(request, 422, "A value cannot be stored: it is out of range or holds "
                                     "a control character.")

    @api.exception_handler(IntegrityError)
    def integrity(request, exc):
        return respond(request, 409, "This clashes with something already saved.")

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return respond(request, 401, "Sign in, or send a personal API token as "
                                     "'Authorization: Bearer <token>'.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return respond(request, 403, str(exc) or "Your role in this household does not "
                                                 "allow this.")

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, "Not found.")

    @api.exception_handler(ObjectDoesNotExist)
    def missing(request, exc):
        return respond(request, 404, "Not found.")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400 and str(exc.message).startswith("Cannot parse request body"):
            # django-ninja's words for a body that is not JSON, or (ObjectParser) not an
            # object; with DEBUG on it adds the parser's exception.
            return respond(request, 400, "The body is not a JSON object: send the fields as "
                                         '{"name": value, …} (application/json).')
        return respond(request, exc.status_code, exc.message)

    @api.exception_handler(Exception)
    def unexpected(request, exc):
        log.exception("API error on %s %s", request.method, request.path)
        return respond(request, 500, "Something went wrong on our side; nothing was changed.")


class JsonErrorsUnderApi:
    """Every answer under /api/ is JSON, as the API reference says: a path no route takes
    (/api/v1/moments/abc, /api/v1/nope) had the HTML page of a 404, and a method an
    address does not take (PUT) Django's plain-text 405."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (404, 405) and request.path.startswith("/api/") \
                and not response.get("Content-Type", "").startswith("application/json"):
            message = "Not found." if response.status_code == 404 else (
                f"This address does not take {request.method}; it takes "
                f"{response.get('Allow', 'other methods')}.")
            answer = JsonResponse(body(response.status_code, message),
                                  status=response.status_code)
            if response.has_header("Allow"):
                answer["Allow"] = response["Allow"]
            return answer
        return response
