"""Back and re-save never makes a duplicate (issue 13, item 23): every create form carries
a one-time key, and the same form sent twice leads to what the first one made."""

import re
import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from nestwell.accounts.idempotency import forget_old
from nestwell.accounts.models import Household, SubmittedForm
from nestwell.care.models import Routine
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.milestones.models import Milestone
from nestwell.wellbeing.models import CheckIn, ScreeningResponse, SupportContact

KEY = re.compile(r'name="idempotency_key" value="([0-9a-f-]{36})"')


def london(instant):
    return timezone.localtime(instant, ZoneInfo("Europe/London")).strftime("%Y-%m-%dT%H:%M")


def routine_data(user):
    return {"name": "Bedtime", "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "0",
            "steps-MIN_NUM_FORMS": "1", "steps-MAX_NUM_FORMS": "12",
            "steps-0-kind": "bath", "steps-0-at": "18:30", "steps-0-tolerance_minutes": "30"}


# (form page, what it sends, the rows it makes)
FORMS = {
    "moment": ("/moments/new/feeding/?child={nora}", lambda user: {"actor": user.pk,
        "started_at": london(timezone.now() - timedelta(hours=2)),
        "ended_at": london(timezone.now() - timedelta(hours=1, minutes=40)),
        "method": "bottle", "amount_ml": "90"}, lambda: Moment.objects.count()),
    "milestone": ("/milestones/?child={nora}", lambda user: {
        "kind": "first_smile", "happened_on": timezone.localdate().isoformat()},
        lambda: Milestone.objects.count()),
    "routine": ("/routines/new/?child={nora}", routine_data, lambda: Routine.objects.count()),
    "child": ("/children/new/", lambda user: {
        "name": "Ivy", "born": "yes", "birth_at": london(timezone.now() - timedelta(days=3))},
        lambda: Child.objects.count()),
    "letter": ("/letters/?child={nora}", lambda user: {"text": "Dear Nora"},
               lambda: Moment.objects.filter(kind="letter").count()),
    "check-in": ("/you/check-in/", lambda user: {
        "mood": "3", "connection": "4", "energy": "2", "stress": "3", "support": "4",
        "safety": "safe"}, lambda: CheckIn.objects.count()),
    "contact": ("/you/contacts/new/", lambda user: {"name": "Jo", "role": "midwife",
                                                "phone": "0207 946 0000"},
                lambda: SupportContact.objects.count()),
    "paper score": ("/you/questionnaires/phq9/paper/", lambda user: {"total": "4"},
                    lambda: ScreeningResponse.objects.count()),
}


def key_of(page):
    found = KEY.findall(page.content.decode())
    assert len(found) == 1, "the form carries one key"
    return found[0]


@pytest.mark.parametrize("name", FORMS)
def test_sending_a_create_form_twice_makes_one_row(client_for, alice, nora, name):
    url, data, rows = FORMS[name]
    url = url.format(nora=nora.pk)
    client = client_for(alice)
    before = rows()
    key = key_of(client.get(url))
    first = client.post(url, {**data(alice), "idempotency_key": key})
    assert first.status_code == 302, first.content.decode()[:2000]
    assert rows() == before + 1
    again = client.post(url, {**data(alice), "idempotency_key": key}, follow=True)
    assert rows() == before + 1
    assert again.redirect_chain[0][0] == first.url
    assert "This was already saved; here it is." in again.content.decode()


def test_each_visit_gets_a_new_key(client_for, alice, nora):
    client = client_for(alice)
    url = f"/milestones/?child={nora.pk}"
    assert key_of(client.get(url)) != key_of(client.get(url))


def test_a_form_with_errors_keeps_its_key_free_to_save(client_for, alice, nora):
    client = client_for(alice)
    url = f"/milestones/?child={nora.pk}"
    key = key_of(client.get(url))
    wrong = client.post(url, {"kind": "first_smile", "happened_on": "", "idempotency_key": key})
    assert wrong.status_code == 200 and key_of(wrong) == key  # the same key comes back
    assert not SubmittedForm.objects.exists()
    right = client.post(url, {"kind": "first_smile", "happened_on":
                              timezone.localdate().isoformat(), "idempotency_key": key})
    assert right.status_code == 302 and Milestone.objects.count() == 1


def test_a_key_is_per_person(client_for, alice, bob, nora):
    key = str(uuid.uuid4())
    url = f"/letters/?child={nora.pk}"
    client_for(alice).post(url, {"text": "From Alice", "idempotency_key": key})
    client_for(bob).post(url, {"text": "From Bob", "idempotency_key": key})
    assert Moment.objects.filter(kind="letter").count() == 2


def test_a_copy_that_lost_the_race_is_led_to_the_result(client_for, alice, nora):
    # The other copy has claimed the key (as a simultaneous request would, committed first).
    key = str(uuid.uuid4())
    SubmittedForm.objects.create(user=alice, key=key, result_url="/letters/?child=1")
    page = client_for(alice).post(f"/letters/?child={nora.pk}",
                                  {"text": "Dear Nora", "idempotency_key": key})
    assert page.status_code == 302 and page.url == "/letters/?child=1"
    assert not Moment.objects.filter(kind="letter").exists()


def test_a_form_without_a_key_or_with_a_bad_one_still_works(client_for, alice, nora):
    client = client_for(alice)
    for extra in ({}, {"idempotency_key": "not-a-key"}):
        client.post(f"/letters/?child={nora.pk}", {"text": "Dear Nora", **extra})
    assert Moment.objects.filter(kind="letter").count() == 2
    assert not SubmittedForm.objects.exists()


def test_a_safety_answer_still_reaches_support_with_a_key(client_for, alice):
    client = client_for(alice)
    key = key_of(client.get("/you/check-in/"))
    page = client.post("/you/check-in/", {"safety": "not_safe", "idempotency_key": key})
    assert page.status_code == 200 and "support" in page.content.decode().lower()
    assert not SubmittedForm.objects.exists()


def test_a_new_household_is_made_once(client, db):
    from nestwell.accounts.models import User
    from tests.conftest import PASSWORD

    user = User.objects.create_user(email="new@example.org", password=PASSWORD)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    key = key_of(client.get("/household/new/"))
    client.post("/household/new/", {"name": "Us", "time_zone": "Europe/London", "locale": "en",
                                     "idempotency_key": key})
    client.post("/household/new/", {"name": "Us", "time_zone": "Europe/London", "locale": "en",
                                     "idempotency_key": key})
    assert Household.objects.filter(name="Us").count() == 1


def test_old_keys_are_forgotten(alice):
    old = SubmittedForm.objects.create(user=alice, key=str(uuid.uuid4()))
    SubmittedForm.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    fresh = SubmittedForm.objects.create(user=alice, key=str(uuid.uuid4()))
    assert forget_old() == 1
    assert list(SubmittedForm.objects.all()) == [fresh]


@pytest.mark.parametrize("url", ["/you/check-in/", "/you/check-in/short/"])
def test_back_then_a_safety_answer_is_saved_and_opens_support(client_for, alice, url):
    """She checks in feeling safe, goes Back (the same form, the same key), answers "No"
    and saves: a new check-in, and the support page at once, never "already saved"."""
    client = client_for(alice)
    key = key_of(client.get(url))
    answers = {"mood": "3", "connection": "4", "energy": "2", "stress": "3", "support": "4",
               "sleep_hours": "5", "safety": "safe"}
    first = client.post(url, {**answers, "idempotency_key": key})
    assert first.status_code == 302 and "support" not in first.url
    again = client.post(url, {**answers, "safety": "not_safe", "idempotency_key": key})
    assert again.status_code == 302 and again.url.startswith("/support/")
    assert list(CheckIn.objects.order_by("pk").values_list("safety", flat=True)) == [
        "safe", "not_safe"]
    # And the very same answers sent a third time are a copy: led to the support page.
    third = client.post(url, {**answers, "safety": "not_safe", "idempotency_key": key},
                        follow=True)
    assert third.redirect_chain[0][0] == again.url and CheckIn.objects.count() == 2


def test_back_then_a_risky_paper_score_is_saved_and_opens_support(client_for, alice):
    client = client_for(alice)
    url = "/you/questionnaires/epds/paper/"
    key = key_of(client.get(url))
    first = client.post(url, {"total": "9", "safety_score": "0", "idempotency_key": key})
    assert first.status_code == 302 and "support" not in first.url
    again = client.post(url, {"total": "11", "safety_score": "2", "idempotency_key": key})
    assert again.status_code == 302 and again.url.startswith("/support/")
    assert list(ScreeningResponse.objects.order_by("pk").values_list("total", flat=True)) == [
        9, 11]
