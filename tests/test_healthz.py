from unittest import mock

from django.db.utils import OperationalError


def test_it_answers_ok_with_the_database_checked(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_it_says_so_when_the_database_is_down(client, db):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute",
                    side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_it_rejects_post(client, db):
    assert client.post("/healthz").status_code == 405


def test_an_uptime_monitor_may_ask_with_head(client, db):
    """`curl -I /healthz` (HEAD) had been refused with 405, and monitors reported it down."""
    response = client.head("/healthz")
    assert response.status_code == 200 and response.content == b""


def test_an_address_only_a_button_sends_to_says_so_when_opened(client_for, alice, nora):
    """/care-day/medicines/given/ opened from the browser's history was a blank page."""
    response = client_for(alice).get("/care-day/medicines/given/")
    assert response.status_code == 405 and "POST" in response["Allow"]
    page = response.content.decode()
    assert 'data-testid="not-allowed"' in page and "Nothing was changed." in page
    assert response["X-Frame-Options"]  # framing and the rest, as on any page
    # The API still answers in JSON.
    api = client_for(alice).get("/api/v1/sync")
    assert api.status_code in (401, 403, 405) and api["Content-Type"].startswith(
        "application/json")
