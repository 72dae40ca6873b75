"""A form that signals a risk of harm but cannot be taken opens the support page at once:
sent from a page gone stale (the CSRF check), after her session ended, or while the
database fails (the safety audit of 6 Dec: a 403 page, the sign-in page and a 500 page,
her answer gone each time and support a link away)."""

import json
from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client

from nestwell.wellbeing.models import CheckIn

NOT_SAFE = {"mood": "2", "connection": "2", "energy": "2", "stress": "4", "support": "2",
            "safety": "not_safe", "note": "I can't keep going like this"}
SAFE = {**NOT_SAFE, "safety": "safe", "note": "Long night."}


def stale(user):
    """A signed-in client whose form carries a token that no longer matches."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/you/check-in/")
    return client


@pytest.mark.parametrize(("path", "data"), [
    ("/you/check-in/", NOT_SAFE),
    ("/you/check-in/", {**SAFE, "note": "I have been having thoughts of hurting myself"}),
    ("/you/check-in/short/", {"mood": "1", "connection": "3", "support": "3",
                              "safety": "safe"}),
    ("/you/questionnaires/phq9/", {"answers": "0,0,0,0,0,0,0,0,", "step": "8",
                                   "choice": "2", "go": "next"}),
    ("/you/questionnaires/epds/paper/", {"total": "14", "safety_score": "2"}),
])
def test_a_risky_form_from_a_stale_page_opens_support_and_can_be_sent_again(alice, path,
                                                                             data):
    client = stale(alice)
    response = client.post(path, {**data, "csrfmiddlewaretoken": "x" * 64})
    page = response.content.decode()
    assert response.status_code == 200, page[:300]
    assert 'data-testid="continue-later"' in page and "Send it again" in page
    assert "Thank you for being honest" in page
    assert f'action="{path}"' in page
    assert 'name="csrfmiddlewaretoken" value="xxxxxxxx' not in page  # a fresh token
    assert not CheckIn.objects.exists()


def test_a_safe_form_from_a_stale_page_gets_the_calm_403(alice):
    response = stale(alice).post("/you/check-in/", {**SAFE, "csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403 and b"Please try that again" in response.content


def test_a_risky_form_after_the_session_ended_opens_support_not_the_sign_in_page(db):
    client = Client()
    response = client.post("/you/check-in/", NOT_SAFE)
    page = response.content.decode()
    assert response.status_code == 200 and "Thank you for being honest" in page
    assert "continue-later" not in page  # nothing to send again: she is signed out
    assert client.post("/you/check-in/", SAFE).status_code == 302  # the sign-in page


def test_a_risky_form_while_the_database_fails_opens_support(client_for, alice):
    client = client_for(alice)
    client.raise_request_exception = False
    with mock.patch("nestwell.wellbeing.models.CheckIn.save",
                    side_effect=DatabaseError("disk I/O error")):
        response = client.post("/you/check-in/", NOT_SAFE)
        page = response.content.decode()
        assert response.status_code == 503 and "Thank you for being honest" in page
        assert "Send it again" in page
        calm = client.post("/you/check-in/", SAFE)
        assert calm.status_code == 500 and "Thank you for being honest" not in \
            calm.content.decode()


def test_the_api_answers_a_risky_check_in_with_support_while_the_database_fails(client_for,
                                                                                 alice):
    client = client_for(alice)
    client.raise_request_exception = False
    body = {"mood": 2, "connection": 2, "energy": 2, "stress": 4, "support": 2,
            "safety": "not_safe"}
    with mock.patch("nestwell.wellbeing.models.CheckIn.save",
                    side_effect=DatabaseError("disk I/O error")):
        response = client.post("/api/v1/checkins", json.dumps(body),
                               content_type="application/json")
    assert response.status_code == 500
    assert response.json()["support_url"] == "/support/"


def test_a_risky_form_with_every_query_failing_still_opens_support(client_for, alice):
    """The auditor's database, a garbage file: the session's user cannot even be read."""
    from django.db.backends.utils import CursorWrapper

    client = client_for(alice)
    client.raise_request_exception = False
    with mock.patch.object(CursorWrapper, "execute", side_effect=DatabaseError("not a db")), \
            mock.patch.object(CursorWrapper, "executemany",
                              side_effect=DatabaseError("not a db")):
        response = client.post("/you/check-in/", NOT_SAFE)
    page = response.content.decode()
    assert response.status_code == 503, page[:500]
    assert "Thank you for being honest" in page and "tel:" in page


@pytest.mark.parametrize(("path", "body"), [
    ("/api/v1/checkins", {"mood": 2, "connection": 2, "energy": 2, "stress": 4, "support": 2,
                          "safety": "NOT_SAFE"}),
    ("/api/v1/checkins", {"mood": 2, "connection": 2, "energy": 2, "stress": 4, "support": 2,
                          "safety": "not safe"}),
    ("/api/v1/screenings", {"instrument": "phq9", "answers": "0,0,0,0,0,0,0,0,2"}),
    ("/api/v1/screenings", {"instrument": "PHQ9", "answers": [0, 0, 0, 0, 0, 0, 0, 0, 2]}),
])
def test_the_api_hears_a_risk_sent_in_a_shape_it_refuses(client_for, alice, path, body):
    """The safety audit: "NOT_SAFE", answers as a string or "PHQ9" were refused without
    support_url."""
    response = client_for(alice).post(path, json.dumps(body), content_type="application/json")
    assert 400 <= response.status_code < 500
    assert response.json()["support_url"] == "/support/"


def test_the_api_answers_in_json_with_support_when_every_query_fails(client_for, alice):
    """A real garbage database: the failure comes before the API (her session cannot be
    read), and the answer was the HTML error page."""
    from django.db.backends.utils import CursorWrapper

    client = client_for(alice)
    client.raise_request_exception = False
    body = {"mood": 2, "connection": 2, "energy": 2, "stress": 4, "support": 2,
            "safety": "not_safe"}
    with mock.patch.object(CursorWrapper, "execute", side_effect=DatabaseError("not a db")):
        risky = client.post("/api/v1/checkins", json.dumps(body),
                            content_type="application/json")
        calm = client.post("/api/v1/checkins", json.dumps({**body, "safety": "safe"}),
                           content_type="application/json")
    assert risky.status_code == 500 and risky.json()["support_url"] == "/support/"
    assert calm.status_code == 500 and "support_url" not in calm.json()
    assert calm.json()["error"]["code"] == "server_error"
