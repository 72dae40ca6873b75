"""Odd values in a request get a calm answer, never a 500 (issue 12, finding 14).

``str.isdigit()`` accepts '²' and other digits ``int()`` refuses, and ``int()`` refuses
numbers thousands of digits long: every value a request sends is read as ASCII digits of
a bounded length."""

import json

import pytest
from django.test import Client

from nestwell.journal.models import Moment
from nestwell.wellbeing.models import ScreeningResponse

ODD = ["²", "1²", "٣", "9" * 5000, "-1", " ", ""]


@pytest.fixture
def quiet_client(client):
    """Lets a 500 come back as a response instead of raising in the test."""
    client.raise_request_exception = False
    return client


def signed_in(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize("text", ODD)
def test_whole_number_takes_only_short_ascii_digits(text):
    from nestwell.forms import whole_number

    assert whole_number(text) is None


def test_whole_number_reads_plain_digits():
    from nestwell.forms import whole_number

    assert whole_number("42") == 42 and whole_number("0") == 0
    assert whole_number("1" * 10) is None and whole_number("1" * 10, max_digits=10) == 1111111111


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1970-01-01"])
def test_a_day_no_journal_holds_shows_today(quiet_client, alice, nora, day):
    response = signed_in(quiet_client, alice).get(f"/timeline/?day={day}")
    assert response.status_code == 200


@pytest.mark.parametrize("data", [
    {"answers": "²,1", "step": "1", "go": "next", "choice": "1"},
    {"answers": "", "step": "0", "go": "next", "choice": "²"},
    {"answers": "", "step": "0", "go": "next", "choice": "9" * 5000},
    {"answers": "9" * 5000, "step": "9" * 5000, "go": "next"},
])
def test_questionnaire_answers_that_are_not_numbers(quiet_client, alice, nora, data):
    response = signed_in(quiet_client, alice).post("/you/questionnaires/phq9/", data)
    assert response.status_code == 200
    assert not ScreeningResponse.objects.exists()


def test_an_odd_choice_is_asked_again(alice, nora, client):
    page = signed_in(client, alice).post("/you/questionnaires/phq9/", {
        "answers": "", "step": "0", "go": "next", "choice": "²"}).content.decode()
    assert "Please choose one of the answers shown." in page


@pytest.mark.parametrize("child", ["²", "9" * 5000, "-3"])
def test_quick_log_with_an_odd_child(quiet_client, alice, nora, child):
    response = signed_in(quiet_client, alice).post("/moments/quick/",
                                                   {"kind": "talk", "child": child})
    assert response.status_code == 404
    assert not Moment.objects.exists()


@pytest.mark.parametrize("screening", ["²", "9" * 5000])
def test_the_support_page_with_an_odd_screening(quiet_client, screening):
    assert quiet_client.get(f"/support/?screening={screening}").status_code == 200


def test_an_api_body_over_the_limit_is_a_413(api_body_client, nora, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"child": nora.pk, "kind": "talk", "note": "x" * 5000})
    response = api_body_client.post("/api/v1/moments", data=body,
                                    content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert not Moment.objects.exists()


@pytest.fixture
def api_body_client(alice, household):
    from nestwell.accounts.models import ApiToken

    client = Client(headers={
        "Authorization": f"Bearer {ApiToken.issue(alice, household, 'tests').token}"})
    client.raise_request_exception = False
    return client
