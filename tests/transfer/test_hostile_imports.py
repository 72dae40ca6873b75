"""Every import is hostile input: a crafted or damaged row is refused with a message naming
the row and the field, nothing is half-written, and nothing that gets in can break an
account afterwards (issue 12, findings 2 and 3)."""

import copy
import csv
import io
import json
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nestwell.accounts.models import Household, Membership, User
from nestwell.care.models import Cue, Routine
from nestwell.children.models import Child
from nestwell.growth.models import Measurement
from nestwell.handover.models import Note
from nestwell.health.models import Nappy, Temperature
from nestwell.journal.models import Moment
from nestwell.keepsake.models import Keepsake, KeepsakeNote
from nestwell.medicines.models import Dose, Medicine
from nestwell.milestones.models import Milestone
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.transfer import export, load, nestwell_json
from nestwell.transfer.importers import FORMATS
from nestwell.wellbeing.models import CheckIn, ScreeningResponse, SupportContact
from nestwell.wondering.models import Wondering

LONDON = ZoneInfo("Europe/London")
SAMPLES = __import__("pathlib").Path(__file__).parent / "samples"
NOW = timezone.now().replace(microsecond=0)
MODELS = (Child, Moment, Cue, Routine, Milestone, Measurement, CheckIn, ScreeningResponse,
          SupportContact, Nappy, Temperature, PumpingSession, MilkBag, Wondering,
          Medicine, Dose, Note, KeepsakeNote, Keepsake)
# A field named in a reason: “field” (the loader) or 'column' (the file readers).
NAMED_FIELD = re.compile(r"“[^”]+”|'[^']+'")


def iso(delta):
    return (NOW - delta).isoformat()


def a_good_export():
    """A valid export with one row of every section."""
    return {
        "format": "nestwell-export", "version": 3,
        "children": [{"name": "Nora", "birth_at": iso(timedelta(days=90)), "due_date": None,
                      "gestation_weeks": 39, "gestation_days": 2, "birth_weight_grams": 3400,
                      "birth_notes": "", "neonatal_care": False, "medical_notes": ""}],
        "moments": [{"id": "moment:1", "child": "Nora", "kind": "feeding",
                     "started_at": iso(timedelta(hours=5)),
                     "ended_at": iso(timedelta(hours=4, minutes=40)), "actor": None,
                     "note": "", "source": "web", "external_id": "",
                     "details": {"method": "bottle", "amount_ml": 90}},
                    {"id": "moment:2", "child": "Nora", "kind": "talk",
                     "started_at": iso(timedelta(hours=3)), "ended_at": iso(timedelta(hours=3)),
                     "actor": None, "note": "hello", "source": "web", "external_id": "",
                     "details": {}}],
        "cues": [{"id": "cue:1", "child": "Nora", "signal": "cry", "intensity": 2,
                  "need": "comfort", "started_at": iso(timedelta(hours=2)),
                  "responded_at": iso(timedelta(hours=1, minutes=58)), "ways": ["picked_up"],
                  "responder": None, "closed_at": iso(timedelta(hours=1, minutes=50)),
                  "outcome": "settled", "note": ""}],
        "routines": [{"child": "Nora", "name": "Bedtime",
                      "steps": [{"kind": "bath", "at": "18:30", "tolerance_minutes": 30}]}],
        "milestones": [{"id": "milestone:1", "child": "Nora", "kind": "first_smile",
                        "title": "", "happened_on": (NOW - timedelta(days=40)).date().isoformat(),
                        "note": "", "external_id": ""}],
        "measurements": [{"id": "measurement:1", "child": "Nora",
                          "measured_on": (NOW - timedelta(days=30)).date().isoformat(),
                          "weight_grams": 4300, "length_mm": 540, "head_mm": 370,
                          "measured_by": "midwife", "note": "", "external_id": ""}],
        "nappies": [{"id": "nappy:1", "child": "Nora", "changed_at": iso(timedelta(hours=6)),
                     "kind": "dirty", "colour": "yellow", "consistency": "seedy", "note": "",
                     "external_id": ""}],
        "temperatures": [{"id": "temperature:1", "child": "Nora",
                          "taken_at": iso(timedelta(hours=7)), "celsius": 37.2, "note": "",
                          "external_id": ""}],
        "pumping": [{"id": "pumping:1", "child": "Nora", "started_at": iso(timedelta(hours=8)),
                     "minutes": 15, "side": "left", "amount_ml": 90, "note": "",
                     "external_id": ""}],
        "milk": [{"id": "milk:1", "child": "Nora", "session": "pumping:1",
                  "expressed_at": iso(timedelta(hours=8)), "amount_ml": 90, "place": "fridge",
                  "thawed_at": None, "use_by": iso(timedelta(days=-7)), "state": "kept",
                  "finished_at": None, "note": "", "external_id": ""}],
        "medicines": [{"id": "medicine:1", "child": "Nora", "name": "Paracetamol",
                       "dose": 2.5, "unit": "ml", "form": "liquid", "schedule": "spaced",
                       "daily_at": None, "min_hours": 4, "most_per_day": 4,
                       "stopped": False, "note": "", "external_id": ""}],
        "doses": [{"id": "dose:1", "child": "Nora", "medicine": "Paracetamol",
                   "given_at": iso(timedelta(hours=8)), "amount": 2.5, "unit": "ml",
                   "note": "", "external_id": ""}],
        "checkins": [{"created_at": iso(timedelta(days=1)), "mood": 3, "connection": 4,
                      "sleep_hours": 5.5, "energy": 2, "stress": 3, "support": 4,
                      "safety": "safe", "note": ""}],
        "screenings": [{"created_at": iso(timedelta(days=2)), "instrument": "phq9",
                        "version": "v", "answers": [0, 1, 0, 0, 0, 0, 0, 0, 0], "total": 1,
                        "subscales": {}, "band": "minimal", "band_label": "", "safety": [],
                        "entry": "app"}],
        "contacts": [{"name": "Jo", "role": "gp", "phone": "0123 456", "email": "",
                      "note": ""}],
        "wonderings": [{"child": "Nora", "occasion": "settle",
                        "about_at": iso(timedelta(hours=1, minutes=50)),
                        "prompt": "What do you think Nora was feeling just now?",
                        "feelings": ["wanting_you"], "note": "", "created_at": None}],
        "handover_notes": [{"id": "note:1", "author": None, "addressee": None,
                            "text": "Bottle at 6", "created_at": iso(timedelta(hours=1)),
                            "read_at": None}],
        "keepsake_notes": [{"id": "keepsake_note:1", "child": "Nora",
                            "written_on": (NOW - timedelta(days=10)).date().isoformat(),
                            "text": "You held my thumb all the way home.",
                            "created_at": iso(timedelta(days=9))}],
        "keepsake_books": [{"child": "Nora", "title": "Nora", "dedication": "",
                            "first": None, "last": None, "paper": "a4",
                            "picked": ["birth", "milestone:1", "keepsake_note:1", "photo:3"],
                            "cover": "photo:3"}],
    }


counter = iter(range(10**6))


def new_household():
    n = next(counter)
    household = Household.objects.create(name=f"Target{n}", time_zone="Europe/London")
    user = User.objects.create_user(email=f"t{n}@example.org", password=None,
                                    display_name="T")
    Membership.objects.create(user=user, household=household, role="parent")
    return household, user


def counts():
    return [model.objects.count() for model in MODELS]


def import_json(document, household, user, **kwargs):
    data = json.dumps(document).encode() if not isinstance(document, bytes) else document
    rows = nestwell_json.read(io.BytesIO(data), time_zone=LONDON)
    return load.load(household, user, rows, **kwargs)


def the_account_still_works(household, user):
    """What broke for good before: reading every row back, and exporting them."""
    for model in MODELS:
        list(model.objects.all())
    out = io.StringIO()
    export.write_json(export.Scope(household, user), out)
    json.loads(out.getvalue())


@pytest.mark.django_db
def test_a_good_export_comes_in_whole():
    household, user = new_household()
    report = import_json(a_good_export(), household, user, dry_run=False)
    assert report.applied and report.rejected_count == 0, report.lines()
    assert dict(report.created) == {"child": 1, "moment": 2, "cue": 1, "routine": 1,
                                    "milestone": 1, "measurement": 1, "checkin": 1, "screening": 1,
                                    "contact": 1, "nappy": 1, "temperature": 1,
                                    "pumping": 1, "milk": 1, "wondering": 1,
                                    "medicine": 1, "dose": 1, "handover_note": 1,
                                    "keepsake_note": 1, "keepsake_book": 1}
    the_account_still_works(household, user)


# Each reproduced on the old main: a 500, or a row that broke pages for good.
CRAFTED = [
    ("checkins", "sleep_hours", 999),
    ("checkins", "sleep_hours", "abc"),
    ("checkins", "mood", True),
    ("screenings", "answers", "zz"),
    ("screenings", "answers", [9, 9, 9, 9, 9, 9, 9, 9, 9]),
    ("screenings", "entry", "x" * 50),
    ("screenings", "total", -1),
    ("screenings", "total", 7),  # not what the answers add up to
    ("children", "name", 5),
    ("children", "birth_weight_grams", -5),
    ("children", "birth_at", "0001-01-01T00:00:00+05:00"),
    ("moments", "kind", []),
    ("moments", "started_at", "0001-01-01T00:00:00+05:00"),
    ("moments", "started_at", "9999-12-31T23:00:00"),
    ("moments", "details", "x"),
    ("moments", "note", 5),
    ("cues", "signal", {}),
    ("cues", "ways", 5),
    ("cues", "ways", ["juggled"]),
    ("routines", "steps", ["x"]),
    ("routines", "steps", [{"kind": "bath", "at": "18:30", "tolerance_minutes": -5}]),
    ("milestones", "kind", ["x"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("section", "name", "value"), CRAFTED)
def test_a_crafted_value_is_refused_naming_its_row_and_field(section, name, value):
    household, user = new_household()
    document = a_good_export()
    document[section][0][name] = value
    before = counts()
    report = import_json(document, household, user, dry_run=False)
    assert not report.applied and counts() == before, report.lines()
    row, reason = report.rejected[0]
    assert row == 1 and f"“{name}" in reason, reason


@pytest.mark.django_db
def test_subscales_and_band_come_from_the_answers_not_the_file():
    household, user = new_household()
    document = a_good_export()
    document["screenings"][0].update(subscales="x", band="severe", band_label="<b>x</b>",
                                     safety="abc")
    assert import_json(document, household, user, dry_run=False).applied
    stored = ScreeningResponse.objects.get(author=user)
    assert stored.total == 1 and stored.band == "minimal" and stored.safety == []
    assert isinstance(stored.subscales, dict)


@pytest.mark.django_db
def test_a_paper_score_keeps_only_real_safety_questions():
    household, user = new_household()
    document = a_good_export()
    document["screenings"][0].update(answers=None, total=3, entry="paper", safety="abc")
    report = import_json(document, household, user, dry_run=False)
    assert not report.applied and "“safety”" in report.rejected[0][1]
    document["screenings"][0]["safety"] = [9]
    assert import_json(document, household, user, dry_run=False).applied
    assert ScreeningResponse.objects.get(author=user).safety == [9]


@pytest.mark.django_db
@pytest.mark.parametrize("document", [
    {"format": "nestwell-export", "version": {}},
    {"format": "nestwell-export", "version": [1]},
    {"format": "nestwell-export", "version": "1" * 5000},
    {"format": "nestwell-export", "version": 4},
])
def test_a_version_nestwell_does_not_read_is_a_refusal_not_a_crash(document):
    with pytest.raises(nestwell_json.NotAnExport):
        nestwell_json.check_header(io.BytesIO(json.dumps(document).encode()))


@pytest.mark.django_db
def test_a_file_nested_very_deep_is_refused_at_once():
    household, user = new_household()
    deep = (b'{"format": "nestwell-export", "version": 1, "screenings": [{"answers": '
            + b"[" * 200_000 + b"]" * 200_000 + b"}]}")
    before = counts()
    report = import_json(deep, household, user, dry_run=False)
    assert not report.applied and counts() == before
    assert "nested more than" in report.rejected[0][1]


@pytest.mark.django_db
def test_bare_values_where_rows_belong_are_rejected():
    household, user = new_household()
    document = a_good_export()
    document["moments"] = ["x", 5]
    report = import_json(document, household, user, dry_run=False)
    assert not report.applied and report.rejected_count == 2


# --- the property: any mutation of a good file -----------------------------------------

HOSTILE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**300),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30),
    st.sampled_from(["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00", "2024-13-01",
                     "", "9" * 5000, "x" * 3000, "\x00", "-5", "abc", "18:30",
                     "2024-10-27T01:30:00"]),
    st.lists(st.integers(-3, 12), max_size=10),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
SECTIONS = [name for name, _type in nestwell_json.SECTIONS]


@st.composite
def mutated_exports(draw):
    document = copy.deepcopy(a_good_export())
    where = draw(st.sampled_from(["row", "row", "row", "section", "header"]))
    if where == "header":
        document[draw(st.sampled_from(["format", "version"]))] = draw(HOSTILE)
        return document, None
    section = draw(st.sampled_from(SECTIONS))
    if where == "section":
        document[section] = draw(HOSTILE)
        return document, None
    rows = document[section]
    index = draw(st.integers(0, len(rows) - 1))
    keys = sorted(rows[index]) + ["steps", "answers", "extra"]
    rows[index][draw(st.sampled_from(keys))] = draw(HOSTILE)
    return document, (section, index + 1)


@pytest.mark.django_db
@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=mutated_exports())
def test_no_mutated_export_crashes_or_half_imports(case):
    document, where = case
    household, user = new_household()
    before = counts()
    try:
        report = import_json(document, household, user, dry_run=False)
    except nestwell_json.NotAnExport:
        assert counts() == before  # the importer's own refusal of the whole file
        return
    if not report.applied:
        assert counts() == before, report.lines()
        for row, reason in report.rejected:
            assert isinstance(row, int) and reason, report.lines()
            if where is not None and row == where[1] and "object of named" not in reason:
                assert NAMED_FIELD.search(reason), reason
        return
    assert counts() == [b + report.created.get(key, 0) for b, key in zip(
        before, ("child", "moment", "cue", "routine", "milestone", "measurement", "checkin",
                 "screening", "contact", "nappy", "temperature", "pumping", "milk", "wondering",
                 "medicine", "dose", "handover_note", "keepsake_note", "keepsake_book"),
        strict=True)]
    the_account_still_works(household, user)


CSV_CASES = [
    ("babybuddy-csv", SAMPLES / "babybuddy" / "feedings.csv", {}),
    ("babybuddy-csv", SAMPLES / "babybuddy" / "sleep.csv", {}),
    ("huckleberry-csv", SAMPLES / "huckleberry.csv", {"child": "Nora"}),
    ("babytracker-csv", SAMPLES / "babytracker" / "nursing.csv", {"child": "Nora"}),
    ("generic-csv", SAMPLES / "generic.csv", {
        "kind": "Activity", "start": "Began", "end": "Finished", "child": "Baby",
        "note": "Comment", "external_id": "Ref", "details.method": "How",
        "details.side": "Side", "details.amount_ml": "Millilitres",
        "date_format": "%d/%m/%Y %H:%M",
        "kind_map": {"Breastfeed": "feeding", "Bottle": "feeding", "Nap": "sleep",
                     "Story": "read", "Cuddles": "cuddle", "Nappy": None,
                     "Crying": "cue:cry", "Massage": "massage"}}),
]
HOSTILE_CELLS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["9999-12-31 23:00", "0001-01-01 00:00", "9" * 5000, "-5", "abc", "",
                     "\x00", "1e400", "nan", "inf", "2024-10-27 01:30:00",
                     "2024-03-31 01:30:00", "99:99", "5000 oz", "0.01"]))


@st.composite
def mutated_csvs(draw):
    fmt, path, options = draw(st.sampled_from(CSV_CASES))
    lines = [line for line in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
             if line]
    row = draw(st.integers(0, len(lines) - 1))
    column = draw(st.integers(0, len(lines[row]) - 1))
    lines[row][column] = draw(HOSTILE_CELLS)
    out = io.StringIO()
    csv.writer(out).writerows(lines)
    return fmt, path.name, options, out.getvalue()


@pytest.mark.django_db
@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=mutated_csvs())
def test_no_mutated_csv_crashes_or_half_imports(case):
    fmt, name, options, text = case
    household, user = new_household()
    Child.objects.create(household=household, name="Nora", birth_at=NOW - timedelta(days=900))
    before = counts()
    try:
        rows = FORMATS[fmt](io.StringIO(text), time_zone=LONDON,
                            options={**options, "file_name": name})
        report = load.load(household, user, rows, dry_run=False)
    except ValueError:
        assert counts() == before  # the importer's own refusal of the whole file
        return
    if not report.applied:
        assert counts() == before, report.lines()
        for row, reason in report.rejected:
            assert isinstance(row, int) and row >= 1, report.lines()
            assert NAMED_FIELD.search(reason) or "line cannot be read" in reason, reason
        return
    the_account_still_works(household, user)


@pytest.mark.django_db
def test_a_moment_is_never_credited_to_a_viewer_or_silently_to_someone_else():
    """A crafted actor had made a viewer the one who logged a feed (a viewer logs nothing),
    and a stranger's rows had become the importer's without a word."""
    household, user = new_household()
    grandma = User.objects.create_user(email="oma@example.org", password=None,
                                       display_name="Oma")
    Membership.objects.create(user=grandma, household=household, role="viewer")
    helper = User.objects.create_user(email="jo@example.org", password=None,
                                      display_name="Jo")
    Membership.objects.create(user=helper, household=household, role="caregiver")
    document = a_good_export()
    first, second = document["moments"]
    first["actor"], second["actor"] = "oma@example.org", "someone@example.org"
    document["cues"][0]["responder"] = "OMA@example.org"
    document["moments"].append({**second, "id": "moment:3", "actor": "jo@example.org",
                                "started_at": iso(timedelta(hours=2, minutes=30)),
                                "ended_at": iso(timedelta(hours=2, minutes=30))})
    report = import_json(document, household, user, dry_run=False)
    assert report.applied and report.rejected_count == 0, report.lines()
    assert set(Moment.objects.values_list("actor__email", flat=True)) == {
        user.email, "jo@example.org"}
    assert Cue.objects.get().responder == user
    lines = "\n".join(report.lines())
    assert "Brought in, but worth a look:" in lines
    assert "oma@example.org only views this household and logs nothing: kept as yours." in lines
    assert "someone@example.org is not in this household: kept as yours." in lines
    assert "OMA@example.org only views" in lines


@pytest.mark.django_db
def test_the_check_says_how_to_keep_a_partners_rows_theirs_when_moving_server():
    """Moving server: the check named each of Sam's rows "kept as yours" and nothing more;
    once imported they were Ellie's for good. The check now says to invite Sam first, and
    which kind of row each note is about."""
    household, user = new_household()
    document = a_good_export()
    first, second = document["moments"]
    first["actor"] = second["actor"] = "sam@example.org"
    report = import_json(document, household, user, dry_run=True)
    lines = report.lines()
    hint = [line for line in lines if "invite them first" in line]
    assert hint and hint[0].startswith("sam@example.org is not in this household yet")
    assert any(line.strip().startswith("row 1: moment 1: sam@example.org") for line in lines)
    # Once Sam has joined, the same file keeps her rows hers and gives no hint.
    sam = User.objects.create_user(email="sam@example.org", password=None, display_name="Sam")
    Membership.objects.create(user=sam, household=household, role="parent")
    report = import_json(document, household, user, dry_run=False)
    assert not [line for line in report.lines() if "invite them first" in line]
    assert set(Moment.objects.values_list("actor__email", flat=True)) == {"sam@example.org"}


@pytest.mark.django_db
def test_a_number_too_large_says_so_in_words_and_names_no_row_0():
    household, user = new_household()
    data = json.dumps(a_good_export()).replace('"Nora"', '"Nora", "birth_weight_grams": '
                                                + "9" * 40, 1).encode()
    report = import_json(data, household, user, dry_run=True)
    lines = "\n".join(report.lines())
    assert "a number far too large to be a real one" in lines, lines
    assert "row 0" not in lines and "overflow" not in lines


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "given", "kept"), [
    ("gp", True, True), ("gp", "true", False), ("gp", 1, False),
    ("counsellor", True, False), ("trusted", True, False)])
def test_a_contact_is_given_to_the_household_only_for_a_true_on_the_care_team(role, given,
                                                                             kept):
    household, user = new_household()
    document = a_good_export()
    document["contacts"] = [{"name": "Jo", "role": role, "phone": "0123 456", "email": "",
                             "note": "", "for_household": given}]
    report = import_json(document, household, user, dry_run=False)
    assert report.applied and report.rejected_count == 0, report.lines()
    assert SupportContact.objects.get(owner=user).for_household is kept


@pytest.mark.django_db
@pytest.mark.parametrize("unanswered", ["abc", [3], [True], {"9": 1}, [9, "x"]])
def test_an_unanswered_safety_question_must_be_a_real_one(unanswered):
    household, user = new_household()
    document = a_good_export()
    document["screenings"][0].update(answers=None, total=3, entry="paper",
                                     safety_unanswered=unanswered)
    before = counts()
    report = import_json(document, household, user, dry_run=False)
    assert not report.applied and counts() == before
    assert "“safety_unanswered”" in report.rejected[0][1], report.rejected


@pytest.mark.django_db
def test_an_unanswered_safety_question_is_kept_only_where_it_can_be():
    household, user = new_household()
    document = a_good_export()
    # Answered in the app: every question has its answer
    document["screenings"][0]["safety_unanswered"] = [9]
    report = import_json(document, household, user, dry_run=False)
    assert not report.applied and "“safety_unanswered”" in report.rejected[0][1]
    # Flagged and unknown at once cannot both be true
    document["screenings"][0].update(answers=None, total=3, entry="paper", safety=[9])
    report = import_json(document, household, user, dry_run=False)
    assert not report.applied and "“safety_unanswered”" in report.rejected[0][1]
    document["screenings"][0]["safety"] = []
    assert import_json(document, household, user, dry_run=False).applied
    stored = ScreeningResponse.objects.get(author=user)
    assert (stored.safety, stored.safety_unanswered) == ([], [9])


@pytest.mark.django_db
@pytest.mark.parametrize("unanswered", ["", 0, {}, False])
def test_an_empty_value_that_is_not_a_list_is_refused_too(unanswered):
    household, user = new_household()
    document = a_good_export()
    document["screenings"][0].update(answers=None, total=3, entry="paper",
                                     safety_unanswered=unanswered)
    report = import_json(document, household, user, dry_run=False)
    assert not report.applied and "“safety_unanswered”" in report.rejected[0][1]


@pytest.mark.django_db
@pytest.mark.parametrize(("amount", "unit", "kept"), [
    ("5 ml", "", ("5.00", "ml")), ("3 gotas", "", ("3.00", "drops")),
    ("1 Tablette", "tablet", ("1.00", "tablet")),
])
def test_a_dose_with_its_unit_typed_after_it_comes_in(amount, unit, kept):
    """The dose import refused "5 ml" that the form and the API read (Rosa's walk)."""
    from nestwell.medicines.models import Dose

    household, user = new_household()
    document = a_good_export()
    document["doses"][0].update(amount=amount, unit=unit)
    report = import_json(document, household, user, dry_run=False)
    assert report.applied and report.rejected_count == 0, report.lines()
    dose = Dose.objects.get(household=household)
    assert (str(dose.amount), dose.unit) == kept


@pytest.mark.django_db
def test_a_dose_whose_typed_unit_disagrees_is_refused_and_changes_nothing():
    household, user = new_household()
    document = a_good_export()
    document["doses"][0].update(amount="5 mg", unit="ml")
    before = counts()
    report = import_json(document, household, user, dry_run=False)
    assert not report.applied and counts() == before
    assert any("chosen as its unit" in line for line in report.lines()), report.lines()


@pytest.mark.django_db
def test_a_dose_skipped_as_a_duplicate_names_no_one():
    """A dose already in the file, given again by someone not in the household, is
    skipped: the check no longer asks her to invite someone about a row it does not keep
    (the other rows of the care day already asked who gave them only after that)."""
    household, user = new_household()
    document = a_good_export()
    dose = document["doses"][0]
    document["doses"].append({**dose, "id": "", "by": "someone@example.org"})
    check = import_json(document, household, user, dry_run=True)
    assert check.rejected_count == 0 and check.duplicates == 1, check.lines()
    assert "someone@example.org" not in "\n".join(check.lines())
    report = import_json(document, household, user, dry_run=False)
    assert report.applied and Dose.objects.filter(household=household).count() == 1
