from datetime import datetime, time, timedelta

from django.utils import timezone

from nestwell.care.models import Routine, RoutineStep
from nestwell.journal.models import Moment


def formset(steps, **extra):
    data = {"name": "Bedtime", "steps-TOTAL_FORMS": str(len(steps)),
            "steps-INITIAL_FORMS": "0", "steps-MIN_NUM_FORMS": "1",
            "steps-MAX_NUM_FORMS": "12"}
    for i, (kind, at, tolerance) in enumerate(steps):
        data.update({f"steps-{i}-kind": kind, f"steps-{i}-at": at,
                     f"steps-{i}-tolerance_minutes": str(tolerance)})
    data.update(extra)
    return data


def test_a_parent_builds_a_bedtime_routine(client_for, alice, nora):
    response = client_for(alice).post(f"/routines/new/?child={nora.pk}", formset(
        [("feeding", "19:00", 45), ("bath", "18:30", 30), ("sing", "19:20", 20)]))
    assert response.status_code == 302
    routine = Routine.objects.get()
    assert [s.kind for s in routine.steps.all()] == ["bath", "feeding", "sing"]


def test_a_routine_needs_a_step_and_sane_windows(client_for, alice, nora):
    client = client_for(alice)
    response = client.post(f"/routines/new/?child={nora.pk}", formset(
        [("bath", "18:30", 999)]))
    assert response.status_code == 200
    assert not Routine.objects.exists()
    response = client.post(f"/routines/new/?child={nora.pk}", formset(
        [("", "", 45)], **{"steps-0-tolerance_minutes": ""}))
    assert response.status_code == 200
    assert not Routine.objects.exists()


def test_today_the_steps_tick_off_when_moments_are_logged(client_for, alice, nora):
    local_now = timezone.localtime(timezone.now(), nora.household.tz)
    routine = Routine.objects.create(household=nora.household, child=nora, name="Today")
    RoutineStep.objects.create(routine=routine, kind="talk",
                               at=time(local_now.hour, local_now.minute), tolerance_minutes=30)
    RoutineStep.objects.create(routine=routine, kind="bath",
                               at=time((local_now.hour + 12) % 24, 0), tolerance_minutes=5)
    client = client_for(alice)
    client.post("/moments/quick/", {"kind": "talk", "child": nora.pk})
    page = client.get("/").content.decode()
    assert page.count('data-testid="routine-step"') == 2
    assert "✓" in page and "○" in page


def test_the_routines_page_shows_how_regular_the_days_were(client_for, alice, nora):
    routine = Routine.objects.create(household=nora.household, child=nora, name="Bedtime")
    Routine.objects.filter(pk=routine.pk).update(created_at=timezone.now() - timedelta(days=60))
    RoutineStep.objects.create(routine=routine, kind="bath", at=time(18, 30))
    tz = nora.household.tz
    today = timezone.localdate(timezone.now(), tz)
    for offset in range(1, 8):
        day = today - timedelta(days=offset)
        at = datetime.combine(day, time(18, 40), tzinfo=tz)
        Moment.objects.create(household=nora.household, child=nora, kind="bath",
                              started_at=at, ended_at=at + timedelta(minutes=10))
    page = client_for(alice).get("/routines/").content.decode()
    assert "Over the last 28 days, 25% of the steps happened near their time" in page  # 7/28


def test_a_new_routine_counts_only_the_days_since_it_began(client_for, alice, nora):
    routine = Routine.objects.create(household=nora.household, child=nora, name="Bedtime")
    RoutineStep.objects.create(routine=routine, kind="bath", at=time(18, 30))
    page = client_for(alice).get("/routines/").content.decode()
    assert page.count(' title="') == 1  # one day dot: today
    assert "Nothing noted near these times yet" in page


def test_another_household_cannot_see_or_edit_a_routine(client_for, alice, mallory, nora):
    routine = Routine.objects.create(household=nora.household, child=nora, name="Bedtime")
    client = client_for(mallory)
    assert client.get(f"/routines/{routine.pk}/").status_code == 404
    assert client.post(f"/routines/{routine.pk}/", {"delete": "1"}).status_code == 404
    assert Routine.objects.exists()


def test_a_viewer_cannot_change_routines(client_for, carol, nora):
    routine = Routine.objects.create(household=nora.household, child=nora, name="Bedtime")
    assert client_for(carol).post(f"/routines/{routine.pk}/", {"delete": "1"}).status_code == 403
    assert client_for(carol).get("/routines/").status_code == 200


def test_routines_read_with_their_steps_as_prefetch_gives_them(alice, nora, sam):
    """``routines_and_moments``: the routines, each step lent to its routine as Django's
    prefetch would (no further query for ``routine.steps.all()`` or ``step.routine``),
    and the window's moments of the routines' kinds only; three statements."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nestwell.care.routines import routines_and_moments

    evening = Routine.objects.create(household=nora.household, child=nora, name="Evening")
    morning = Routine.objects.create(household=nora.household, child=nora, name="Morning")
    Routine.objects.create(household=nora.household, child=nora, name="Empty")
    Routine.objects.create(household=sam.household, child=sam, name="Not hers")
    for routine, kind, at in ((evening, "sing", "19:20"), (evening, "bath", "18:30"),
                              (morning, "feeding", "07:00")):
        RoutineStep.objects.create(routine=routine, kind=kind, at=at)
    now = timezone.now()
    for kind in ("sing", "feeding", "talk"):
        Moment.objects.create(household=nora.household, child=nora, kind=kind,
                              started_at=now, ended_at=now, created_by=alice)
    today = timezone.localdate()
    for _ in range(2):  # compiled, then reused
        with CaptureQueriesContext(connection) as seen:
            routines, moments = routines_and_moments(nora, today, today)
            steps = {r.name: [(s.kind, s.routine is r) for s in r.steps.all()]
                     for r in routines}
        assert len(seen.captured_queries) == 3
        theirs = Routine.objects.filter(child=nora).prefetch_related("steps")
        assert [r.pk for r in routines] == [r.pk for r in theirs]
        assert steps == {r.name: [(s.kind, True) for s in r.steps.all()] for r in theirs}
        assert steps["Evening"] == [("bath", True), ("sing", True)]
        assert sorted(kind for kind, _at in moments) == ["feeding", "sing"]
    routines, moments = routines_and_moments(sam, today, today)  # no steps: no moments read
    assert [r.name for r in routines] == ["Not hers"] and moments == []


def test_the_sets_of_kinds_kept_as_statements_are_bounded(alice, nora, monkeypatch):
    """Each household's set of kinds has a statement of its own; past ``MOST_KIND_SETS``
    the moments are read through Django, the same rows."""
    from nestwell.care import routines

    now = timezone.now()
    Moment.objects.create(household=nora.household, child=nora, kind="sing",
                          started_at=now, ended_at=now, created_by=alice)
    monkeypatch.setattr(routines, "_OF_KINDS", {})
    monkeypatch.setattr(routines, "MOST_KIND_SETS", 1)
    window = {"child": nora, "start": now - timedelta(hours=1),
              "end": now + timedelta(hours=1)}
    kept = routines._moments_of(("sing",))
    assert isinstance(kept, routines.Statement)
    other = routines._moments_of(("bath", "sing"))
    assert not isinstance(other, routines.Statement)
    assert list(routines._OF_KINDS) == [("sing",)]
    assert [k for k, _at in kept(**window)] == [k for k, _at in other(**window)] == ["sing"]


def as_the_browser_sends_it(page):
    """Every field of the routine's form with the value a browser sends untouched: a
    select's chosen option (or its first), an input's value."""
    import re

    form = re.search(r'<form method="post"[^>]*>(.*?)</form>', page, re.S).group(1)
    data = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and 'type="checkbox"' not in tag:
            data[name[1]] = value[1] if value else ""
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options) or re.search(
            r'<option value="([^"]*)"', options)
        data[name] = chosen.group(1)
    return data


def test_a_routine_of_three_steps_is_saved_from_the_page_as_it_comes(client_for, alice, nora):
    client = client_for(alice)
    url = f"/routines/new/?child={nora.pk}"
    data = as_the_browser_sends_it(client.get(url).content.decode())
    assert data["steps-TOTAL_FORMS"] == "4"
    data.update({"name": "Bedtime"})
    for i, (kind, at) in enumerate([("bath", "18:30"), ("feeding", "19:00"), ("sing", "19:20")]):
        data.update({f"steps-{i}-kind": kind, f"steps-{i}-at": at})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert [s.kind for s in Routine.objects.get().steps.all()] == ["bath", "feeding", "sing"]
