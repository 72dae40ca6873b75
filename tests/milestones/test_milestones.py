"""Milestones ("firsts"): the pure rules, the page, editing with a version, the API."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.children.models import Child
from nestwell.milestones import kinds as milestones
from nestwell.milestones.models import Milestone

# --- pure --------------------------------------------------------------------------

@pytest.mark.parametrize(("on", "born", "problem"), [
    (date(2026, 5, 2), date(2026, 5, 1), None),
    (date(2026, 5, 1), date(2026, 5, 1), None),            # on the day of the birth
    (date(2026, 4, 30), date(2026, 5, 1), "before the birth"),
    (date(2026, 6, 2), date(2026, 5, 1), "not come yet"),  # after "today"
    (date(2026, 5, 2), None, "once your baby is here"),
])
def test_a_milestone_date_is_between_the_birth_and_today(on, born, problem):
    found = milestones.date_problem(on, born, today=date(2026, 6, 1))
    assert (found is None) if problem is None else (problem in found)


def test_a_milestone_of_its_own_is_called_by_its_title():
    assert milestones.label("other", "First time in the sea") == "First time in the sea"
    assert str(milestones.label("first_smile", "ignored")) == "First real smile"
    assert str(milestones.label("gone-kind")) == "Something else"


# --- the page ------------------------------------------------------------------------

def _today():
    return timezone.localdate().isoformat()


def test_a_first_smile_is_kept_with_the_age_it_came(client_for, alice, nora):
    page = client_for(alice).get(f"/milestones/?child={nora.pk}").content.decode()
    assert "Nora's firsts" in page and "Nothing here yet" in page
    response = client_for(alice).post(f"/milestones/?child={nora.pk}", {
        "kind": "first_smile", "happened_on": _today(), "note": "At the window, in the sun"})
    assert response.status_code == 302
    kept = Milestone.objects.get()
    assert (kept.child, kept.kind, kept.created_by) == (nora, "first_smile", alice)
    page = client_for(alice).get(response.url).content.decode()
    assert "First real smile" in page and "At the window, in the sun" in page
    assert "at\u00a04\u00a0weeks" in page  # Nora is 30 days old; the age never wraps apart
    assert "is kept" in page


@pytest.mark.parametrize(("data", "message"), [
    ({"kind": "other", "happened_on": "{today}"}, "Give it a few words"),
    ({"kind": "first_smile", "happened_on": "{tomorrow}"}, "has not come yet"),
    ({"kind": "first_smile", "happened_on": "{before}"}, "before the birth"),
    ({"kind": "dances", "happened_on": "{today}"}, "Select a valid choice"),
    ({"kind": "first_smile", "happened_on": "31/02/2026"}, "Enter a valid date"),
    ({"kind": "first_smile", "happened_on": "0001-01-01"}, "between 1900 and 2200"),
    ({"kind": "first_smile", "happened_on": "{today}", "note": "x" * 2001}, "at most 2000"),
])
def test_bad_input_is_explained_and_nothing_is_saved(client_for, alice, nora, data, message):
    today = timezone.localdate()
    values = {"today": today, "tomorrow": today + timedelta(days=1),
              "before": today - timedelta(days=31)}
    data = {k: v.format(**{n: d.isoformat() for n, d in values.items()})
            for k, v in data.items()}
    response = client_for(alice).post(f"/milestones/?child={nora.pk}", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_baby_not_born_yet_has_no_firsts_to_add(client_for, alice, household):
    bump = Child.objects.create(household=household, name="Bean",
                                due_date=timezone.localdate() + timedelta(weeks=8))
    page = client_for(alice).get(f"/milestones/?child={bump.pk}").content.decode()
    assert "Firsts begin once Bean is here" in page and 'name="kind"' not in page
    response = client_for(alice).post(f"/milestones/?child={bump.pk}", {
        "kind": "first_smile", "happened_on": _today()}, follow=True)
    assert "once your baby is here" in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_viewer_sees_firsts_but_cannot_add_or_change_them(client_for, carol, nora, alice):
    kept = Milestone.objects.create(household=nora.household, child=nora, kind="first_laugh",
                                    happened_on=timezone.localdate())
    page = client_for(carol).get(f"/milestones/?child={nora.pk}").content.decode()
    assert "First laugh" in page and 'name="kind"' not in page and "/edit" not in page
    assert client_for(carol).post(f"/milestones/?child={nora.pk}", {
        "kind": "first_smile", "happened_on": _today()}).status_code == 403
    assert client_for(carol).post(f"/milestones/{kept.pk}/", {"delete": "1"}).status_code == 403
    assert Milestone.objects.count() == 1


def test_another_household_cannot_see_or_touch_them(client_for, mallory, nora, sam):
    kept = Milestone.objects.create(household=nora.household, child=nora, kind="first_laugh",
                                    happened_on=timezone.localdate(), note="private giggle")
    page = client_for(mallory).get(f"/milestones/?child={nora.pk}").content.decode()
    assert "private giggle" not in page and "Sam's firsts" in page  # her own baby instead
    assert client_for(mallory).get(f"/milestones/{kept.pk}/").status_code == 404
    assert client_for(mallory).post(f"/milestones/{kept.pk}/",
                                    {"delete": "1", "confirmed": "1"}).status_code == 404
    assert Milestone.objects.filter(pk=kept.pk).exists()


def test_an_edit_from_an_old_version_is_refused_with_a_message(client_for, alice, bob, nora):
    kept = Milestone.objects.create(household=nora.household, child=nora, kind="first_smile",
                                    happened_on=timezone.localdate(), note="first words")
    form = {"kind": "first_smile", "happened_on": _today(), "version": kept.version}
    assert client_for(alice).post(f"/milestones/{kept.pk}/",
                                  {**form, "note": "Alice's note"}).status_code == 302
    response = client_for(bob).post(f"/milestones/{kept.pk}/", {**form, "note": "Bob's"})
    assert response.status_code == 302 and response.url == f"/milestones/{kept.pk}/"
    page = client_for(bob).get(response.url).content.decode()
    assert "This was changed since you opened it" in page and "Alice&#x27;s note" in page
    kept.refresh_from_db()
    assert kept.note == "Alice's note" and kept.version == 2


def test_a_first_can_be_renamed_and_removed(client_for, alice, nora):
    kept = Milestone.objects.create(household=nora.household, child=nora, kind="first_smile",
                                    happened_on=timezone.localdate())
    client_for(alice).post(f"/milestones/{kept.pk}/", {
        "kind": "other", "title": "Blew a raspberry", "happened_on": _today(),
        "version": kept.version})
    kept.refresh_from_db()
    assert kept.label == "Blew a raspberry"
    response = client_for(alice).post(f"/milestones/{kept.pk}/", {"delete": "1", "confirmed": "1"})
    assert response.status_code == 302 and not Milestone.objects.exists()


def test_the_page_costs_the_same_queries_with_many_firsts(client_for, alice, nora):
    client = client_for(alice)

    def queries():
        with CaptureQueriesContext(connection) as seen:
            assert client.get(f"/milestones/?child={nora.pk}").status_code == 200
        return len(seen)

    Milestone.objects.create(household=nora.household, child=nora, kind="first_smile",
                             happened_on=timezone.localdate())
    few = queries()
    Milestone.objects.bulk_create([
        Milestone(household=nora.household, child=nora, kind="other", title=f"First {i}",
                  happened_on=timezone.localdate() - timedelta(days=i % 25))
        for i in range(40)])
    assert queries() == few
