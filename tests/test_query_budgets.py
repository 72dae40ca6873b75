"""Query budgets: every page, walked from the same route table as the authorization test,
costs the same number of queries with a little data and with much more. A page whose
query count follows the data (an N+1) fails here, whichever page it is."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.health.models import Nappy, Temperature
from nestwell.journal.models import Moment
from nestwell.medicines.models import Dose, Medicine
from nestwell.milestones.models import Milestone
from nestwell.wellbeing.models import CheckIn, ScreeningResponse
from tests.test_authorization import (  # noqa: F401 (objects is a fixture)
    MEMBER,
    PARENT,
    PERSONAL,
    ROUTES,
    SIGNED_IN,
    WRITER,
    objects,
    url_for,
)

PAGES = [(name, "") for name, (who, _obj, methods) in ROUTES.items()
         if "GET" in methods and who in (SIGNED_IN, MEMBER, WRITER, PARENT, PERSONAL)
         and name != "transfer:export"]
# The export streams the whole household, as JSON or as CSV files.
PAGES += [("transfer:export", "?format=json"), ("transfer:export", "?format=csv")]


def grow(household, child, person, per_day, days=30):
    """``per_day`` more of everything on each of the last ``days`` days (today included)."""
    now = timezone.now()
    moments, cues, care_day, doses = [], [], [], []
    # One more medicine of each schedule each time, with its doses.
    medicines = [Medicine.objects.create(household=household, child=child, name=f"{kind} {n}",
                                         schedule=kind, daily_at="08:00" if kind == "daily"
                                         else None, min_hours=4 if kind == "spaced" else None,
                                         most_per_day=4 if kind == "spaced" else None,
                                         remind=True, remind_user=person)
                 for n, kind in enumerate(("daily", "spaced", ""),
                                          start=Medicine.objects.count())]
    for day in range(days):
        for i in range(per_day):
            start = now - timedelta(days=day, minutes=7 * i + 30)
            for kind, minutes, details in (
                    ("feeding", 15, {"method": "breast", "side": "left"}),
                    ("skin_to_skin", 30, {}), ("talk", 0, {}), ("sing", 0, {})):
                moments.append(Moment(household=household, child=child, kind=kind,
                                      started_at=start, ended_at=start + timedelta(
                                          minutes=minutes), actor=person,
                                      created_by=person, details=details))
            cues.append(Cue(household=household, child=child, signal="cry", need="comfort",
                            started_at=start, responded_at=start + timedelta(minutes=2),
                            ways=["picked_up"], responder=person,
                            closed_at=start + timedelta(minutes=8), outcome="settled"))
            care_day.append(Nappy(household=household, child=child, kind="dirty",
                                  colour="grey" if i % 3 else "yellow", changed_at=start))
            care_day.append(Temperature(household=household, child=child, celsius=38,
                                        taken_at=start))
            doses.extend(Dose(household=household, child=child, medicine=m, given_at=start,
                              created_by=person) for m in medicines)
            CheckIn.objects.create(household=household, author=person, mood=3,
                                   connection=4, energy=3, stress=2, support=4,
                                   safety="safe", created_at=start)
            Milestone.objects.create(household=household, child=child, kind="other",
                                     title=f"First {day}-{i}", created_by=person,
                                     happened_on=timezone.localdate() - timedelta(days=day))
        ScreeningResponse.objects.create(household=household, author=person,
                                         instrument="phq9", version="1", total=3,
                                         answers=[0] * 9, created_at=now - timedelta(days=day))
    Moment.objects.bulk_create(moments)
    Cue.objects.bulk_create(cues)
    Nappy.objects.bulk_create([r for r in care_day if isinstance(r, Nappy)])
    Temperature.objects.bulk_create([r for r in care_day if isinstance(r, Temperature)])
    Dose.objects.bulk_create(doses)


def queries(client, url):
    cache.clear()
    client.get(url)  # once to settle anything a first visit does (today's suggestions…)
    cache.clear()
    with CaptureQueriesContext(connection) as seen:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            for _chunk in response.streaming_content:
                pass
    assert response.status_code in (200, 302), (url, response.status_code)
    return len(seen)


@pytest.mark.parametrize(("name", "query"), PAGES)
def test_a_page_costs_the_same_queries_with_more_data(client_for, alice, bob, household, nora,
                                                      objects, name, query):  # noqa: F811
    # What Alice shares is read by Bob (objects shares her check-ins with him).
    client = client_for(bob if name == "wellbeing:shared" else alice)
    url = url_for(name, objects[ROUTES[name][1]]) + query
    grow(household, nora, alice, per_day=1, days=2)  # fewer than a page
    few = queries(client, url)
    grow(household, nora, alice, per_day=6)
    assert queries(client, url) == few, f"{url}: the query count grew with the data"
