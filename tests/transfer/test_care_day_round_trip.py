"""A whole household out and back in: every care-day row (nappies, temperatures, pumping,
milk, medicines, doses), every moment and cue, comes back with the same values. The
import writes those rows without building model objects (``rows_insert``), so this is
what shows that each kind of value (times, decimals, dates, JSON, booleans) is stored as
the ORM would store it."""

import io
import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from nestwell.accounts.models import Household, Membership
from nestwell.health.models import Nappy, Temperature
from nestwell.medicines.models import Dose
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.ops.demo import fill_demo
from nestwell.transfer import export, load, nestwell_json
from nestwell.wondering.models import Wondering
from tests.conftest import make_user

SECTIONS = ("children", "moments", "cues", "measurements", "nappies", "temperatures",
            "pumping", "milk", "medicines", "doses")


def _document(household, user):
    out = io.StringIO()
    export.write_json(export.Scope(household, user), out)
    return json.loads(out.getvalue())


def _comparable(document):
    """The rows of each section without what an import gives anew: the row's own id, the
    source id it keeps from the first file, and the link of a milk bag to its session."""
    kept = {}
    for name in SECTIONS:
        rows = [{k: v for k, v in row.items()
                 if k not in ("id", "external_id", "session", "actor", "responder", "by",
                              "source")}
                for row in document[name]]
        kept[name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
    return kept


def _into_another_household(family, document):
    """``document`` imported into a new household; that household, its parent, and its own
    export. As the command line and the import job do: in the household's own zone (a
    frozen bag's use-by date is counted in her calendar, across a change of the clocks)."""
    target = Household.objects.create(name="Again", time_zone=family.time_zone)
    her = make_user("again@example.org", "Maya", target, "parent")
    with timezone.override(ZoneInfo(target.time_zone)):
        report = load.load(target, her, nestwell_json.read(
            io.BytesIO(json.dumps(document).encode()),
            time_zone=timezone.get_current_timezone()), dry_run=False)
    assert report.applied and not report.rejected_count, report.lines()
    return target, her, _document(target, her)


def test_every_care_day_row_comes_back_as_it_went(db):
    fill_demo(today=timezone.localdate())
    family = Household.objects.get(name="Maya & Sam")
    mother = Membership.objects.filter(household=family, role="parent").first().user
    first = _document(family, mother)
    assert all(first[name] for name in ("nappies", "temperatures", "pumping", "milk",
                                        "medicines", "doses", "moments", "cues"))
    target, her, again = _into_another_household(family, first)
    assert _comparable(again) == _comparable(first)
    # And the rows read back through the ORM as the ORM wrote the first ones.
    for model in (Nappy, Temperature, PumpingSession, MilkBag, Dose):
        assert model.objects.filter(household=target).count() == model.objects.filter(
            household=family).count(), model.__name__
        row = model.objects.filter(household=target).order_by("pk").first()
        row.full_clean(exclude=["created_by", "household", "child", "medicine", "session"])



def _bags_and_their_sessions(document):
    started = {row["id"]: row["started_at"] for row in document["pumping"]}
    return sorted((bag["child"], bag["expressed_at"], bag["amount_ml"],
                   started.get(bag["session"])) for bag in document["milk"])


def test_a_bag_keeps_its_session_and_an_answer_its_time_in_another_household(db):
    """On the way through a JSON file a bag of milk lost the pumping session it came from,
    and her answers to a wondering question took the time of the import."""
    fill_demo(today=timezone.localdate())
    family = Household.objects.get(name="Maya & Sam")
    for user in {m.user for m in Membership.objects.filter(household=family)}:
        for days, w in enumerate(Wondering.objects.filter(household=family, author=user)):
            Wondering.objects.filter(pk=w.pk).update(created_at=w.about_at.replace(
                microsecond=0) + timezone.timedelta(minutes=days + 1))
    mother = Wondering.objects.filter(household=family).first().author
    first = _document(family, mother)
    assert sum(bag["session"] is not None for bag in first["milk"]) >= 3
    assert len(first["wonderings"]) >= 3
    target, her, again = _into_another_household(family, first)
    assert _bags_and_their_sessions(again) == _bags_and_their_sessions(first)
    assert sorted(w["created_at"] for w in again["wonderings"]) == \
        sorted(w["created_at"] for w in first["wonderings"])
    # Each bag's session is one of this household's, for the same baby.
    for bag in MilkBag.objects.filter(household=target).exclude(session=None):
        assert bag.session.household_id == target.pk and bag.session.child_id == bag.child_id


def test_her_own_export_imported_again_adds_nothing(db):
    """The same file imported into the household it came from: every row is already there
    (the export's row ids say nothing of that household's own rows, so each row is matched
    by its baby and its time, counted, as moments are)."""
    fill_demo(today=timezone.localdate())
    family = Household.objects.get(name="Maya & Sam")
    mother = Membership.objects.filter(household=family, role="parent").first().user
    models = (Nappy, Temperature, PumpingSession, MilkBag, Dose)
    before = {m.__name__: m.objects.filter(household=family).count() for m in models}
    document = json.dumps(_document(family, mother)).encode()
    with timezone.override(ZoneInfo(family.time_zone)):
        report = load.load(family, mother, nestwell_json.read(
            io.BytesIO(document), time_zone=timezone.get_current_timezone()), dry_run=False)
    assert not report.rejected_count, report.lines()
    after = {m.__name__: m.objects.filter(household=family).count() for m in models}
    assert after == before


def test_a_reading_taken_in_fahrenheit_comes_back_as_it_went(household, alice, nora):
    """101 °F is kept as 38.33 °C; an import of the export had made it 38.3 (100.9 °F)."""
    from decimal import Decimal

    from nestwell.health import services as health

    health.add_temperature(child=nora, celsius=health.read_temperature("101", "F"),
                           user=alice, taken_at=timezone.now() - timedelta(hours=1))
    target, _her, _again = _into_another_household(household, _document(household, alice))
    assert Temperature.objects.get(household=target).celsius == Decimal("38.33")


def test_who_kept_each_care_day_row_goes_out_and_comes_back(household, alice, bob, nora):
    """Rosa's walk: the screen said "5 ml · by Rosa", the export said nobody. Back in a
    household where that person is a member, the row is theirs again; where they are not,
    it is the importer's, and the report says so."""
    from nestwell.health import services as health
    from nestwell.medicines import services as medicines

    medicine = medicines.add_medicine(child=nora, user=alice, name="Paracetamol", dose="2.5",
                                      unit="ml")
    medicines.give(medicine=medicine, user=bob, given_at=timezone.now() - timedelta(hours=2))
    health.add_nappy(child=nora, user=bob, kind="wet", changed_at=timezone.now()
                     - timedelta(hours=1))
    document = _document(household, alice)
    assert [row["by"] for row in document["doses"]] == ["bob@example.org"]
    assert [row["by"] for row in document["nappies"]] == ["bob@example.org"]
    target = Household.objects.create(name="Again", time_zone=household.time_zone)
    her = make_user("again@example.org", "Maya", target, "parent")
    Membership.objects.create(user=bob, household=target, role="caregiver")
    with timezone.override(ZoneInfo(target.time_zone)):
        report = load.load(target, her, nestwell_json.read(
            io.BytesIO(json.dumps(document).encode()),
            time_zone=timezone.get_current_timezone()), dry_run=False)
    assert report.applied and not report.rejected_count, report.lines()
    assert Dose.objects.get(household=target).created_by == bob
    assert Nappy.objects.get(household=target).created_by == bob


def test_someone_who_has_left_is_not_named_in_the_export(household, alice, bob, nora):
    """The review: Bob logged a nappy and a moment, was taken out of the household, and
    the parent's export still gave his e-mail."""
    from nestwell.health import services as health
    from nestwell.journal.models import Moment

    health.add_nappy(child=nora, user=bob, kind="wet",
                     changed_at=timezone.now() - timedelta(hours=1))
    Moment.objects.create(household=household, child=nora, kind="cuddle", actor=bob,
                          created_by=bob, started_at=timezone.now() - timedelta(hours=2))
    assert _document(household, alice)["nappies"][0]["by"] == "bob@example.org"
    Membership.objects.filter(user=bob, household=household).delete()
    document = _document(household, alice)
    assert document["nappies"][0]["by"] is None
    assert [m["actor"] for m in document["moments"]] == [None]
    assert "bob@example.org" not in json.dumps(document)
