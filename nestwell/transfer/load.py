"""Checking and saving imported rows: a dry run reports what would happen; the real run is
one transaction, so a file with a bad row changes nothing (unless asked to leave bad rows
out). Duplicates are skipped through ``external_id``, so importing twice is harmless."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import time as clock
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import transaction

from nestwell.accounts.models import Membership
from nestwell.care import cues as cue_words
from nestwell.care.models import Cue, Routine, RoutineStep
from nestwell.children.models import Child
from nestwell.journal.kinds import KINDS, DetailsError, validate_details
from nestwell.journal.models import Moment, Source
from nestwell.journal.services import check_times
from nestwell.milestones import kinds as milestone_kinds
from nestwell.milestones.models import Milestone
from nestwell.transfer.records import Rejected, Row, Skipped
from nestwell.transfer.rows_insert import insert_rows
from nestwell.wellbeing.instruments import IDS as INSTRUMENTS
from nestwell.wellbeing.models import CheckIn, ScreeningResponse, SupportContact

WORDS = {"child": ("baby", "babies"), "moment": ("moment", "moments"), "cue": ("cue", "cues"),
         "routine": ("routine", "routines"), "milestone": ("milestone", "milestones"),
         "checkin": ("check-in", "check-ins"),
         "screening": ("questionnaire result", "questionnaire results"),
         "contact": ("support contact", "support contacts")}
BATCH = 1000
SHOWN = 200  # rows listed by name in a report; the counts are always complete


@dataclass
class Report:
    dry_run: bool
    created: Counter = field(default_factory=Counter)
    duplicates: int = 0
    skipped: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    applied: bool = False

    def note(self, bucket, row, reason):
        items = getattr(self, bucket)
        if len(items) < SHOWN:
            items.append((row, reason))
        else:
            self.more[bucket] += 1

    def __post_init__(self):
        self.more = Counter()

    @property
    def rejected_count(self):
        return len(self.rejected) + self.more["rejected"]

    @property
    def skipped_count(self):
        return len(self.skipped) + self.more["skipped"]

    def as_dict(self):
        return {"dry_run": self.dry_run, "applied": self.applied,
                "created": dict(self.created), "duplicates": self.duplicates,
                "skipped": self.skipped_count, "rejected": self.rejected_count,
                "rejected_rows": [{"row": r, "reason": why} for r, why in self.rejected],
                "skipped_rows": [{"row": r, "reason": why} for r, why in self.skipped]}

    def lines(self):
        made = ", ".join(f"{n} {WORDS.get(kind, (kind, kind + 's'))[n != 1]}"
                         for kind, n in sorted(self.created.items())) or "nothing"
        verb = "Would create" if self.dry_run else ("Created" if self.applied else
                                                    "Nothing was imported; would have created")
        out = [f"{verb}: {made}.",
               f"Already there (skipped as duplicates): {self.duplicates}.",
               f"Not kept by Nestwell (skipped): {self.skipped_count}.",
               f"Rejected: {self.rejected_count}."]
        for row, why in self.rejected:
            out.append(f"  row {row}: {why}")
        if self.more["rejected"]:
            out.append(f"  … and {self.more['rejected']} more rejected rows.")
        return out


class _Bad(Exception):
    pass


class Loader:
    def __init__(self, household, user, report, child=None):
        self.household, self.user, self.report = household, user, report
        self.children = {c.name.casefold(): c for c in Child.objects.filter(household=household)}
        self.default_child = child
        self.members = {m.user.email.casefold(): m.user for m in
                        Membership.objects.filter(household=household).select_related("user")}
        self.external_ids = set(Moment.objects.filter(household=household)
                                .exclude(external_id="").values_list("external_id", flat=True))
        # The same baby, kind and start is the same moment, whatever its ids say.
        self.moment_keys = set(Moment.objects.alive().filter(household=household)
                               .values_list("child_id", "kind", "started_at"))
        self.running = set(Moment.objects.running().filter(household=household)
                           .values_list("child_id", "kind"))
        self.cue_keys = set(Cue.objects.filter(household=household)
                            .values_list("child_id", "signal", "started_at"))
        self.open_distress = set(Cue.objects.open_distress().filter(household=household)
                                 .values_list("child_id", flat=True))
        self.moments, self.cues = [], []

    # What is already there, read once (not a query per imported row).
    @cached_property
    def milestone_keys(self):
        return set(Milestone.objects.filter(household=self.household).values_list(
            "child_id", "kind", "happened_on", "title"))

    @cached_property
    def milestone_ids(self):
        return set(Milestone.objects.filter(household=self.household).exclude(
            external_id="").values_list("external_id", flat=True))

    @cached_property
    def checkin_times(self):
        return set(CheckIn.objects.filter(author=self.user).values_list("created_at",
                                                                         flat=True))

    @cached_property
    def screening_keys(self):
        return set(ScreeningResponse.objects.filter(author=self.user).values_list(
            "instrument", "created_at"))

    # --- helpers -------------------------------------------------------------------
    def child_for(self, name):
        if name:
            found = self.children.get(str(name).casefold())
            if found is None:
                raise _Bad(f"There is no baby called “{name}” in this household. Add the "
                           "baby first, or choose which baby these rows are for.")
            return found
        if self.default_child is not None:
            return self.default_child
        if len(self.children) == 1:
            return next(iter(self.children.values()))
        raise _Bad("The row does not say which baby it is for; choose one for the import.")

    def person(self, email):
        return self.members.get(str(email).casefold(), self.user) if email else self.user

    def flush(self):
        if self.moments:
            insert_rows(Moment, self.moments, BATCH)
            self.moments = []
        if self.cues:
            insert_rows(Cue, self.cues, BATCH)
            self.cues = []

    # --- one row of each type ------------------------------------------------------
    def child(self, row):
        data = row.data
        name = (data.get("name") or "").strip()
        if not name or len(name) > 60:
            raise _Bad("A baby needs a name of 1 to 60 characters.")
        if name.casefold() in self.children:
            return "duplicate"
        if not data.get("birth_at") and not data.get("due_date"):
            raise _Bad("A baby needs a birth time or a due date.")
        self.children[name.casefold()] = Child.objects.create(
            household=self.household, name=name, birth_at=data.get("birth_at"),
            due_date=data.get("due_date"), gestation_weeks=data.get("gestation_weeks"),
            gestation_days=data.get("gestation_days"),
            birth_weight_grams=data.get("birth_weight_grams"),
            birth_notes=data.get("birth_notes") or "",
            neonatal_care=bool(data.get("neonatal_care")),
            medical_notes=data.get("medical_notes") or "")
        return "child"

    def moment(self, row):
        data = row.data
        child = self.child_for(row.child)
        kind = data.get("kind")
        if kind not in KINDS:
            raise _Bad(f"“{kind}” is not a kind of moment Nestwell keeps.")
        started, ended = data.get("started_at"), data.get("ended_at")
        if started is None:
            raise _Bad("The start time is missing.")
        if ended is None and not KINDS[kind].timed:
            ended = started
        try:
            check_times(started, ended)
            details = validate_details(kind, data.get("details") or {})
        except ValidationError as exc:
            raise _Bad(" ".join(exc.messages)) from exc
        except DetailsError as exc:
            raise _Bad(str(exc)) from exc
        external_id = str(data.get("external_id") or data.get("id") or "")[:100]
        if (external_id and external_id in self.external_ids) or (
                child.pk, kind, started) in self.moment_keys:
            return "duplicate"
        self.moment_keys.add((child.pk, kind, started))
        if ended is None:
            if (child.pk, kind) in self.running:
                raise _Bad(f"A {kind} timer is already running for {child.name}.")
            self.running.add((child.pk, kind))
        note = str(data.get("note") or "").replace("\x00", "")
        if len(note) > 2000:
            raise _Bad("The note is longer than 2000 characters.")
        if external_id:
            self.external_ids.add(external_id)
        self.moments.append({
            "household_id": self.household.pk, "child_id": child.pk, "kind": kind,
            "started_at": started, "ended_at": ended,
            "actor_id": self.person(data.get("actor")).pk, "created_by_id": self.user.pk,
            "details": details, "note": note, "source": Source.IMPORT,
            "external_id": external_id})
        return "moment"

    def cue(self, row):
        data = row.data
        child = self.child_for(row.child)
        signal = data.get("signal")
        if signal not in cue_words.SIGNALS:
            raise _Bad(f"“{signal}” is not a cue Nestwell knows.")
        started = data.get("started_at")
        if started is None:
            raise _Bad("The start time is missing.")
        responded, closed = data.get("responded_at"), data.get("closed_at")
        if responded and responded < started or closed and closed < started:
            raise _Bad("An answer or settling time is before the cue began.")
        need = data.get("need") or ""
        if need and need not in dict(cue_words.NEED_CHOICES):
            raise _Bad(f"“{need}” is not a need Nestwell knows.")
        ways = [w for w in (data.get("ways") or []) if w in cue_words.WAYS]
        if (child.pk, signal, started) in self.cue_keys:
            return "duplicate"
        if signal in cue_words.DISTRESS and closed is None:
            if child.pk in self.open_distress:
                closed = started  # only one open episode per baby: close the older one
            else:
                self.open_distress.add(child.pk)
        if signal not in cue_words.DISTRESS:
            closed = closed or started
        self.cue_keys.add((child.pk, signal, started))
        self.cues.append({
            "household_id": self.household.pk, "child_id": child.pk, "signal": signal,
            "need": need,
            "intensity": data.get("intensity") if data.get("intensity") in (1, 2, 3) else None,
            "started_at": started, "responded_at": responded, "ways": ways,
            "responder_id": (self.person(data.get("responder")).pk
                             if data.get("responder") else None),
            "closed_at": closed, "outcome": data.get("outcome") if data.get("outcome") in (
                "settled", "unsettled") and closed else "",
            "note": str(data.get("note") or "").replace("\x00", "")[:2000],
            "created_by_id": self.user.pk})
        return "cue"

    def routine(self, row):
        child = self.child_for(row.child)
        name = str(row.data.get("name") or "").strip()
        steps = row.data.get("steps") or []
        if not name or not steps:
            raise _Bad("A routine needs a name and at least one step.")
        if Routine.objects.filter(child=child, name=name).exists():
            return "duplicate"
        parsed = []
        for step in steps:
            if step.get("kind") not in KINDS:
                raise _Bad(f"A step of “{name}” has an unknown kind.")
            try:
                at = clock.fromisoformat(step.get("at"))
            except (TypeError, ValueError) as exc:
                raise _Bad(f"A step of “{name}” has no valid time.") from exc
            parsed.append((step["kind"], at, int(step.get("tolerance_minutes") or 45)))
        routine = Routine.objects.create(household=self.household, child=child, name=name)
        RoutineStep.objects.bulk_create([
            RoutineStep(routine=routine, position=i, kind=k, at=at, tolerance_minutes=t)
            for i, (k, at, t) in enumerate(parsed)])
        return "routine"

    def milestone(self, row):
        from datetime import date

        from django.utils import timezone

        data = row.data
        child = self.child_for(row.child)
        kind = data.get("kind")
        if kind not in milestone_kinds.KINDS:
            raise _Bad(f"“{kind}” is not a milestone Nestwell knows.")
        on = data.get("happened_on")
        if not isinstance(on, date):
            raise _Bad("A milestone needs the day it happened.")
        title = str(data.get("title") or "").replace("\x00", "").strip()[:80]
        note = str(data.get("note") or "").replace("\x00", "").strip()
        if kind == "other" and not title:
            raise _Bad("A milestone of kind “other” needs a title.")
        if len(note) > 2000:
            raise _Bad("The note is longer than 2000 characters.")
        born = timezone.localtime(child.birth_at).date() if child.birth_at else None
        problem = milestone_kinds.date_problem(on, born, timezone.localdate())
        if problem:
            raise _Bad(problem)
        external_id = str(data.get("external_id") or data.get("id") or "")[:100]
        key = (child.pk, kind, on, title if kind == "other" else "")
        if key in self.milestone_keys or (external_id and external_id in self.milestone_ids):
            return "duplicate"
        self.milestone_keys.add(key)
        self.milestone_ids.add(external_id)
        Milestone.objects.create(household=self.household, child=child, kind=kind,
                                 title=title if kind == "other" else "", happened_on=on,
                                 note=note, created_by=self.user, external_id=external_id)
        return "milestone"

    def checkin(self, row):
        data = row.data
        scales = ("mood", "connection", "energy", "stress", "support")
        if any(not isinstance(data.get(s), int) or not 1 <= data[s] <= 5 for s in scales):
            raise _Bad("Check-in answers are from 1 to 5.")
        if data.get("safety") not in ("safe", "unsure", "not_safe") or not data.get(
                "created_at"):
            raise _Bad("A check-in needs its time and a safety answer.")
        if data["created_at"] in self.checkin_times:
            return "duplicate"
        self.checkin_times.add(data["created_at"])
        CheckIn.objects.create(
            household=self.household, author=self.user, created_at=data["created_at"],
            sleep_hours=data.get("sleep_hours"), safety=data["safety"],
            note=str(data.get("note") or "")[:2000], **{s: data[s] for s in scales})
        return "checkin"

    def screening(self, row):
        data = row.data
        if data.get("instrument") not in INSTRUMENTS or not isinstance(data.get("total"), int):
            raise _Bad("A questionnaire result needs a known instrument and a total.")
        if not data.get("created_at"):
            raise _Bad("A questionnaire result needs its time.")
        key = (data["instrument"], data["created_at"])
        if key in self.screening_keys:
            return "duplicate"
        self.screening_keys.add(key)
        ScreeningResponse.objects.create(
            household=self.household, author=self.user, instrument=data["instrument"],
            version=str(data.get("version") or "")[:160], answers=data.get("answers"),
            total=data["total"], subscales=data.get("subscales") or {},
            band=str(data.get("band") or "")[:40],
            band_label=str(data.get("band_label") or "")[:120],
            safety=data.get("safety") or [], entry=data.get("entry") or "app",
            created_at=data["created_at"])
        return "screening"

    def contact(self, row):
        from nestwell.wellbeing.forms import SupportContactForm

        form = SupportContactForm({k: row.data.get(k) or "" for k in
                                   ("name", "role", "phone", "email", "note")})
        if not form.is_valid():
            raise _Bad("; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
        if SupportContact.objects.filter(owner=self.user, name=form.cleaned_data["name"],
                                         role=form.cleaned_data["role"]).exists():
            return "duplicate"
        contact = form.save(commit=False)
        contact.household, contact.owner = self.household, self.user
        contact.save()
        return "contact"


def load(household, user, items, *, dry_run=True, child=None, skip_rejected=False):
    """Check (and unless ``dry_run``, save) rows from an importer. Returns a Report."""
    report = Report(dry_run=dry_run)
    with transaction.atomic():
        loader = Loader(household, user, report, child=child)
        for item in items:
            if isinstance(item, Skipped):
                report.note("skipped", item.source_row, item.reason)
                continue
            if isinstance(item, Rejected):
                report.note("rejected", item.source_row, item.reason)
                continue
            if not isinstance(item, Row) or not hasattr(loader, item.type):
                report.note("rejected", getattr(item, "source_row", 0),
                            "Not something Nestwell can import.")
                continue
            try:
                outcome = getattr(loader, item.type)(item)
            except _Bad as exc:
                report.note("rejected", item.source_row, str(exc))
                continue
            if outcome == "duplicate":
                report.duplicates += 1
            else:
                report.created[outcome] += 1
            if len(loader.moments) >= BATCH or len(loader.cues) >= BATCH:
                loader.flush()
        loader.flush()
        if dry_run or (report.rejected_count and not skip_rejected):
            transaction.set_rollback(True)
        else:
            report.applied = True
    return report
