"""Export, then import into an empty household: the same data comes back."""

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nestwell.accounts.models import Household, Membership, User
from nestwell.care.models import Cue, Routine, RoutineStep
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.milestones.models import Milestone
from nestwell.transfer import export, load, nestwell_json
from nestwell.wellbeing import questionnaires
from nestwell.wellbeing.models import CheckIn, ScreeningResponse, SupportContact

LONDON = ZoneInfo("Europe/London")
NOW = timezone.now().replace(microsecond=0)

DETAILS = {
    "feeding": st.sampled_from([{"method": "breast", "side": "left", "eye_contact": True},
                                {"method": "bottle", "amount_ml": 90, "milk": "formula"},
                                {}]),
    "sing": st.sampled_from([{"song": "Twinkle, twinkle ✨"}, {}]),
    "sleep": st.sampled_from([{"place": "cot"}, {}]),
    "talk": st.sampled_from([{"eye_contact": True}, {}]),
    "skin_to_skin": st.just({}),
    "bath": st.just({}),
}

# The nights the clocks changed in London (2025): 01:30 happened twice on 26 October and
# not at all on 30 March; moments there must come back at the same instants.
CLOCK_CHANGES = [datetime(2025, 10, 26, 0, 30, tzinfo=UTC),
                 datetime(2025, 10, 26, 1, 30, tzinfo=UTC),
                 datetime(2025, 10, 26, 0, 59, tzinfo=UTC),
                 datetime(2025, 3, 30, 0, 30, tzinfo=UTC),
                 datetime(2025, 3, 30, 1, 0, tzinfo=UTC)]
FIXED_START = NOW - timedelta(hours=6)
# Born before every moment the strategy makes (nothing is kept from before a birth).
BORN = min(NOW - timedelta(days=300), datetime(2025, 3, 1, tzinfo=UTC))

moment_strategy = st.fixed_dictionaries({
    "kind": st.sampled_from(sorted(DETAILS)),
    # Often the same start as another moment, or a clock-change night.
    "start": st.one_of(st.integers(1, 60 * 24 * 200).map(lambda m: NOW - timedelta(minutes=m)),
                       st.just(FIXED_START), st.sampled_from(CLOCK_CHANGES)),
    "length": st.integers(0, 180),
    # NUL cannot be stored in PostgreSQL text; the app refuses it at the door.
    "note": st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)),
                    max_size=40),
    "twin": st.booleans(),
}).flatmap(lambda m: DETAILS[m["kind"]].map(lambda d: {**m, "details": d}))


def new_household(name):
    household = Household.objects.create(name=name, time_zone="Europe/London")
    user = User.objects.create_user(email=f"{name.lower()}@example.org", password=None,
                                    display_name=name)
    Membership.objects.create(user=user, household=household, role="parent")
    return household, user


def fill(household, user, moments, cues, checkins):
    nora = Child.objects.create(household=household, name="Nora",
                                birth_at=BORN, gestation_weeks=35,
                                birth_weight_grams=2400)
    ada = Child.objects.create(household=household, name="Ada",
                               birth_at=BORN)
    for m in moments:
        start = m["start"]
        Moment.objects.create(household=household, child=ada if m["twin"] else nora,
                              kind=m["kind"], started_at=start,
                              ended_at=min(start + timedelta(minutes=m["length"]), NOW),
                              actor=user,
                              details=m["details"], note=m["note"], created_by=user)
    for i, minutes in enumerate(cues):
        start = NOW - timedelta(minutes=minutes * 7 + 10) if minutes >= 0 else CLOCK_CHANGES[i % 2]
        Cue.objects.create(household=household, child=nora, signal="cry", need="comfort",
                           started_at=start, responded_at=start + timedelta(minutes=2),
                           ways=["picked_up"], closed_at=start + timedelta(minutes=9),
                           outcome="settled", responder=user,
                           # Every other one heard by a listening device, one "not crying".
                           **({"source": "detector", "heard_by": "Nursery phone",
                               "quiet_at": start + timedelta(minutes=1),
                               "false_alarm": i == 1} if i % 2 else {}))
    for i, mood in enumerate(checkins):
        CheckIn.objects.create(household=household, author=user, mood=mood, connection=4,
                               energy=2, stress=3, support=4, safety="safe",
                               sleep_hours="5.5", created_at=NOW - timedelta(days=i))
    routine = Routine.objects.create(household=household, child=nora, name="Bedtime")
    RoutineStep.objects.create(routine=routine, kind="bath", at="18:30")
    Milestone.objects.create(household=household, child=nora, kind="first_smile",
                             happened_on=NOW.date() - timedelta(days=1), note="at the window")
    Milestone.objects.create(household=household, child=nora, kind="other",
                             title="First time in the sea", happened_on=NOW.date())
    saved = questionnaires.save(household=household, author=user,
                                instrument=questionnaires.get("phq9"),
                                answers=[0, 1, 0, 0, 2, 0, 0, 0, 1])
    ScreeningResponse.objects.filter(pk=saved.pk).update(created_at=NOW - timedelta(days=3))
    paper = questionnaires.save(household=household, author=user,
                                instrument=questionnaires.get("phq9"), answers=None,
                                entry="paper", safety_unanswered=[9],
                                result=questionnaires.paper_result(
                                    questionnaires.get("phq9"), 11, None))
    ScreeningResponse.objects.filter(pk=paper.pk).update(created_at=NOW - timedelta(days=2))
    SupportContact.objects.create(household=household, owner=user, name="Jo", role="gp",
                                  phone="0123 456")


def snapshot(household, user):
    names = {c.pk: c.name for c in Child.objects.filter(household=household)}
    return {
        "children": sorted((c.name, c.birth_at, c.gestation_weeks, c.birth_weight_grams)
                           for c in Child.objects.filter(household=household)),
        "moments": sorted((names[m.child_id], m.kind, m.started_at, m.ended_at,
                           json.dumps(m.details, sort_keys=True), m.note, m.deleted_at)
                          for m in Moment.objects.filter(household=household)),
        "cues": sorted((names[c.child_id], c.signal, c.intensity, c.need, c.started_at,
                        c.responded_at, c.closed_at, c.outcome, tuple(c.ways), c.note,
                        c.source, c.heard_by, c.quiet_at, c.false_alarm)
                       for c in Cue.objects.filter(household=household)),
        "routines": sorted((r.name, tuple((s.kind, s.at) for s in r.steps.all()))
                           for r in Routine.objects.filter(child__household=household)),
        "milestones": sorted((names[m.child_id], m.kind, m.title, m.happened_on, m.note)
                             for m in Milestone.objects.filter(household=household)),
        "checkins": sorted((c.created_at, c.mood, c.connection, str(c.sleep_hours), c.energy,
                            c.stress, c.support, c.safety, c.note)
                           for c in CheckIn.objects.filter(author=user)),
        "screenings": sorted((s.instrument, s.version, json.dumps(s.answers), s.total,
                              json.dumps(s.subscales, sort_keys=True), s.band, s.band_label,
                              json.dumps(s.safety), json.dumps(s.safety_unanswered), s.entry,
                              s.created_at)
                             for s in ScreeningResponse.objects.filter(author=user)),
        "contacts": sorted((c.name, c.role, c.phone, c.email, c.note)
                           for c in SupportContact.objects.filter(owner=user)),
    }


def export_bytes(household, user, **scope):
    text = io.StringIO()
    export.write_json(export.Scope(household, user, **scope), text)
    return text.getvalue().encode()


def import_bytes(household, user, data, dry_run=False):
    rows = nestwell_json.read(io.BytesIO(data), time_zone=LONDON)
    return load.load(household, user, rows, dry_run=dry_run)


counter = iter(range(10**6))


@pytest.mark.django_db
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
# Two moments of one kind may start at the same second for the same baby (and on the night
# the clocks change): each comes back, once.
@given(moments=st.lists(moment_strategy, max_size=25),
       cues=st.lists(st.integers(-1, 500), max_size=5),
       checkins=st.lists(st.integers(1, 5), max_size=4))
def test_export_then_import_gives_the_same_data(moments, cues, checkins):
    n = next(counter)
    source, alice = new_household(f"Source{n}")
    fill(source, alice, moments, cues, checkins)
    data = export_bytes(source, alice)
    target, jess = new_household(f"Target{n}")
    report = import_bytes(target, jess, data)
    assert report.applied and report.rejected_count == 0, report.lines()
    assert snapshot(target, jess) == snapshot(source, alice)
    again = import_bytes(target, jess, data)  # importing twice adds nothing
    assert sum(again.created.values()) == 0 and snapshot(target, jess) == snapshot(source,
                                                                                   alice)


def test_the_export_document_names_its_format_and_version(household, alice, moment):
    document = json.loads(export_bytes(household, alice))
    assert (document["format"], document["version"]) == ("nestwell-export", 3)
    assert document["household"]["time_zone"] == "Europe/London"
    assert [m["kind"] for m in document["moments"]] == ["skin_to_skin"]


def test_her_partner_exports_none_of_her_private_things(household, alice, bob, nora):
    CheckIn.objects.create(household=household, author=alice, mood=2, connection=3, energy=2,
                           stress=4, support=2, safety="safe", note="Quillfeather")
    Moment.objects.create(household=household, child=nora, kind="letter", started_at=NOW,
                          ended_at=NOW, note="Dear Bramblewick", created_by=alice)
    data = export_bytes(household, bob).decode()
    assert "Quillfeather" not in data and "Bramblewick" not in data
    assert "Bramblewick" in export_bytes(household, alice).decode()


def test_one_baby_and_a_period(household, alice, nora, moment):
    ada = Child.objects.create(household=household, name="Ada", birth_at=NOW)
    Moment.objects.create(household=household, child=ada, kind="talk", started_at=NOW,
                          ended_at=NOW)
    old = NOW - timedelta(days=40)
    Moment.objects.create(household=household, child=nora, kind="talk", started_at=old,
                          ended_at=old)
    document = json.loads(export_bytes(household, alice, child=nora,
                                       since=NOW - timedelta(days=7)))
    assert [c["name"] for c in document["children"]] == ["Nora"]
    assert [m["kind"] for m in document["moments"]] == ["skin_to_skin"]


def test_csv_zip_has_a_file_per_section_and_per_kind(household, alice, moment, nora):
    Moment.objects.create(household=household, child=nora, kind="feeding", started_at=NOW,
                          ended_at=NOW, details={"method": "breast", "side": "left"})
    out = io.BytesIO()
    export.write_csv_zip(export.Scope(household, alice), out)
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    names = set(archive.namelist())
    assert {"moments.csv", "cues.csv", "children.csv", "checkins.csv",
            "moments-feeding.csv", "moments-skin_to_skin.csv"} <= names
    import csv

    rows = list(csv.DictReader(io.StringIO(archive.read("moments-feeding.csv").decode())))
    assert len(rows) == 1 and rows[0]["kind"] == "feeding"
    assert json.loads(rows[0]["details"]) == {"method": "breast", "side": "left"}


def test_a_bad_row_changes_nothing_and_is_reported(household, alice, nora):
    document = json.loads(export_bytes(household, alice))
    document["moments"] = [
        {"id": "x1", "child": "Nora", "kind": "talk", "started_at": NOW.isoformat(),
         "ended_at": None, "details": {}, "note": ""},
        {"id": "x2", "child": "Nora", "kind": "feeding", "started_at": NOW.isoformat(),
         "ended_at": None, "details": {"side": "up"}, "note": ""},
        {"id": "x3", "child": "Zed", "kind": "talk", "started_at": NOW.isoformat()},
    ]
    data = json.dumps(document).encode()
    report = import_bytes(household, alice, data)
    assert not report.applied and report.rejected_count == 2
    assert [row for row, _ in report.rejected] == [2, 3]
    assert "Zed" in report.rejected[1][1]
    assert not Moment.objects.exists()
    dry = import_bytes(household, alice, data, dry_run=True)
    assert dry.created["moment"] == 1 and not Moment.objects.exists()


def test_what_a_listening_device_added_is_checked_on_import(household, alice, nora):
    document = json.loads(export_bytes(household, alice))
    start = NOW - timedelta(hours=1)
    cue = {"child": "Nora", "signal": "cry", "started_at": start.isoformat(),
           "closed_at": (start + timedelta(minutes=5)).isoformat()}
    document["cues"] = [
        {**cue, "source": "robot"},
        {**cue, "source": "detector", "quiet_at": (start - timedelta(minutes=1)).isoformat()},
        {**cue, "source": "detector", "false_alarm": "yes"},
        {**cue, "signal": "smile", "source": "detector"},
    ]
    report = import_bytes(household, alice, json.dumps(document).encode())
    assert not report.applied and report.rejected_count == 4
    assert not Cue.objects.exists()


@pytest.mark.parametrize("content", [b"", b"{}", b"[1, 2]", b'{"format": "other"}',
                                     b"\x89PNG\r\n", b'{"format": "nestwell-export", '
                                                     b'"version": 9}'])
def test_a_foreign_file_is_refused_clearly(household, alice, content):
    with pytest.raises(nestwell_json.NotAnExport):
        list(nestwell_json.read(io.BytesIO(content), time_zone=LONDON))


def test_an_export_matches_the_published_schema(household, alice, nora, moment):
    import jsonschema

    schema = json.loads((export.SCHEMA).read_text())
    Cue.objects.create(household=household, child=nora, signal="smile", started_at=NOW,
                       closed_at=NOW)
    CheckIn.objects.create(household=household, author=alice, mood=3, connection=3, energy=3,
                           stress=3, support=3, safety="safe", sleep_hours="6.5")
    jsonschema.validate(json.loads(export_bytes(household, alice)), schema)


def test_each_published_schema_says_its_own_version(client, db):
    # The version 3 schema was titled "version 2".
    import json

    for version in (1, 2, 3):
        schema = json.loads(b"".join(client.get(
            f"/schemas/nestwell-export-{version}.json").streaming_content))
        assert schema["title"] == f"Nestwell export, version {version}", version
        assert schema["$id"].endswith(f"nestwell-export-{version}.json")
