"""After every baby of the household has died, her check-in is about her alone: it no longer
asks how close she feels to her baby, and its safety question leaves the baby out. With a
living twin or a new pregnancy it asks as before; an answer already given is kept."""

import json
from datetime import timedelta

import jsonschema
from django.utils import timezone

from nestwell.accounts.models import ApiToken
from nestwell.children.models import Child
from nestwell.transfer import export
from nestwell.wellbeing import services
from nestwell.wellbeing.models import CheckIn, asks_closeness
from tests.test_export_import import export_bytes, import_bytes, new_household

FULL = {"mood": "2", "sleep_hours": "5", "energy": "2", "stress": "3", "support": "3",
        "safety": "safe", "note": ""}


def remember(child, days_ago=3):
    child.died_on = timezone.localdate() - timedelta(days=days_ago)
    child.save(update_fields=["died_on"])


def test_the_check_in_asks_about_her_alone(client_for, alice, nora):
    client = client_for(alice)
    before = client.get("/you/check-in/").content.decode()
    assert "How connected did you feel with your baby today?" in before
    assert "you and your baby?" in before
    remember(nora)
    for path in ("/you/check-in/", "/you/check-in/short/"):
        page = client.get(path).content.decode()
        assert 'name="connection"' not in page and "your baby" not in page, path
        assert "Do you feel safe right now?" in page
    response = client.post("/you/check-in/", FULL)
    assert response.status_code == 302 and response.url == "/you/"
    entry = CheckIn.objects.get()
    assert (entry.mood, entry.connection) == (2, None)
    hub = client.get("/you/").content.decode()
    assert "Mood: low" in hub and "closeness" not in hub


def test_a_safety_answer_still_goes_to_support_at_once(client_for, alice, nora):
    remember(nora)
    client = client_for(alice)
    response = client.post("/you/check-in/short/", {"mood": "3", "support": "2",
                                                     "safety": "not_safe"})
    assert response.status_code == 302 and response.url == "/support/?from=checkin"
    assert CheckIn.objects.get().safety == "not_safe"
    # Left unfinished: support first, with her answers carried, and no question about a baby.
    unfinished = client.post("/you/check-in/", {"safety": "unsure"})
    page = unfinished.content.decode()
    assert unfinished.status_code == 200 and "If you are in danger right now" in page
    assert "Finish my check-in" in page


def test_a_living_twin_or_a_new_pregnancy_keeps_the_question(alice, household, nora):
    assert asks_closeness(household)
    remember(nora)
    assert not asks_closeness(household)
    twin = Child.objects.create(household=household, name="Rose",
                                due_date=timezone.localdate() + timedelta(weeks=20))
    assert asks_closeness(household)
    remember(twin)
    assert not asks_closeness(household)


def test_a_household_with_no_baby_yet_is_asked(alice, household):
    assert not household.children.exists() and asks_closeness(household)


def test_an_answer_given_on_a_page_opened_before_is_kept(client_for, alice, nora):
    client = client_for(alice)
    remember(nora)
    client.post("/you/check-in/", {**FULL, "connection": "4"})
    assert CheckIn.objects.get().connection == 4


def test_while_a_baby_lives_the_question_is_still_required(client_for, alice, nora):
    response = client_for(alice).post("/you/check-in/", FULL)
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert not CheckIn.objects.exists()


def test_the_api_and_the_offline_queue_follow_the_same_rule(client, alice, household, nora):
    token = ApiToken.issue(alice, household, "tests").token

    def post(body):
        return client.post("/api/v1/checkins", json.dumps(body), content_type="application/json",
                           headers={"Authorization": f"Bearer {token}"})

    body = {"mood": 3, "energy": 3, "stress": 3, "support": 3, "safety": "safe"}
    refused = post(body)
    assert refused.status_code == 422 and "connection" in refused.content.decode()
    assert not CheckIn.objects.exists()
    remember(nora)
    made = post(body)
    assert made.status_code == 201 and made.json()["connection"] is None
    kept = post({**body, "connection": 5})
    assert kept.json()["connection"] == 5
    entry = services.record_checkin(household=household, author=alice, answers={
        "kind": "short", "mood": "3", "support": "3", "safety": "safe"})
    assert entry.connection is None


def test_her_charts_and_suggestions_read_a_check_in_without_it(client_for, alice, nora):
    remember(nora)
    CheckIn.objects.create(household=nora.household, author=alice, mood=2, support=3,
                           energy=2, stress=3, safety="safe")
    client = client_for(alice)
    assert client.get(f"/?child={nora.pk}").status_code == 200
    # Months later, a new pregnancy: her charts hold the check-ins made without it.
    bump = Child.objects.create(household=nora.household, name="Bean",
                                due_date=timezone.localdate() + timedelta(weeks=30))
    dashboard = client.get(f"/insights/?child={bump.pk}")
    assert dashboard.status_code == 200
    page = dashboard.content.decode()
    assert "Your mood, from 1 (low) to 5 (high)" in page
    assert "Felt close to your baby" not in page
    assert client.get(f"/?child={bump.pk}").status_code == 200


def test_a_check_in_without_it_travels_out_and_back(db):
    source, dan = new_household("Source")
    CheckIn.objects.create(household=source, author=dan, mood=2, energy=2, stress=3,
                           support=3, safety="safe")
    data = export_bytes(source, dan)
    document = json.loads(data)
    jsonschema.validate(document, json.loads(export.SCHEMA.read_text()))
    assert document["checkins"][0]["connection"] is None
    target, jo = new_household("Target")
    report = import_bytes(target, jo, data)
    assert report.applied and report.rejected_count == 0, report.lines()
    assert CheckIn.objects.get(author=jo).connection is None
    # A value out of range is still refused when it is given.
    document["checkins"][0]["connection"] = 9
    again, ann = new_household("Again")
    refused = import_bytes(again, ann, json.dumps(document).encode())
    assert not refused.applied and not CheckIn.objects.filter(author=ann).exists()
