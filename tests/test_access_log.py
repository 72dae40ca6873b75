"""The access log keeps routes, never the secret in a link (issue 12, finding 16)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from nestwell.lib.redact import RedactSecretLinks
from nestwell.ops.gunicorn_conf import RedactingLogger, logger_class

SECRETS = [
    ("/r/s3cr3t-Token_x/", "/r/[redacted]/"),
    ("/r/s3cr3t-Token_x/report.csv", "/r/[redacted]/report.csv"),
    ("/join/inv1te-T0ken/", "/join/[redacted]/"),
    ("/password-reset/MQ/cz3tok-abc123/", "/password-reset/[redacted]/[redacted]/"),
]


def logged(tmp_path, path, referer="-"):
    log = tmp_path / "access.log"
    config = Config()
    config.set("accesslog", str(log))
    logger = RedactingLogger(config)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": path, "PATH_INFO": path,
               "QUERY_STRING": "", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "192.0.2.1",
               "HTTP_REFERER": referer, "HTTP_USER_AGENT": "tests"}
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", referer)])
    logger.access(response, request, environ, timedelta(milliseconds=3))
    for handler in logger.access_log.handlers:
        handler.flush()
    return log.read_text()


def test_the_server_uses_the_redacting_logger():
    assert logger_class is RedactingLogger


@pytest.mark.parametrize(("path", "kept"), SECRETS)
def test_a_secret_link_is_logged_without_its_secret(tmp_path, path, kept):
    text = logged(tmp_path, path, referer=f"https://nest.example{path}")
    secrets = set(path.split("/")) - set(kept.split("/"))
    assert secrets and not any(secret in text for secret in secrets) and kept in text


def test_other_paths_are_logged_whole(tmp_path):
    text = logged(tmp_path, "/password-reset/sent/")
    assert "/password-reset/sent/" in text
    assert "/timeline/?day=2026-01-01" in logged(tmp_path, "/timeline/?day=2026-01-01")


def test_djangos_own_log_lines_lose_the_token_too(client, db):
    """Django logs "Not Found: /r/<token>/" for a stopped link: the console handler of
    LOGGING filters it like the access log."""
    import io
    import logging

    from django.conf import settings

    handler_config = settings.LOGGING["handlers"]["console"]
    assert "secret_links" in handler_config["filters"]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecretLinks())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client.get("/r/a-stopped-s3cret/")
        client.get("/join/an-old-inv1te/")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "Not Found: /r/[redacted]/" in text
    assert "s3cret" not in text and "inv1te" not in text


def test_a_refusal_is_one_line_without_a_traceback(client_for, carol, nora, caplog):
    """A viewer's tap on a button she may not use wrote a whole traceback to the log."""
    import logging

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client_for(carol).post("/moments/quick/", {"kind": "talk",
                                                              "child": nora.pk})
    assert response.status_code == 403
    refused = [r for r in caplog.records if r.name == "django.request"]
    assert refused and all(r.exc_info is None for r in refused)
    assert "Forbidden" in refused[0].getMessage()


def test_an_unknown_host_is_one_line_naming_the_setting(client, db, caplog):
    """Each request for a host name not listed wrote thirteen lines of traceback, ending
    in "add it to ALLOWED_HOSTS", a name the operator never sets."""
    import logging

    with caplog.at_level(logging.WARNING, logger="django.security.DisallowedHost"):
        response = client.get("/healthz", HTTP_HOST="192.168.1.20")
    assert response.status_code == 400
    said = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert said and all(r.exc_info is None for r in said)
    assert "NESTWELL_ALLOWED_HOSTS" in said[0].getMessage()
    assert "192.168.1.20" in said[0].getMessage()
