"""The whole household (or one baby, or a period) out, as one JSON document with a
published, versioned schema, or as CSV files in a zip. Written as a stream, so a large
household never sits whole in memory.

What goes out is what the person exporting can see in the app: every baby, moment, cue,
routine, milestone, nappy, temperature, pumping session, bag of stored milk, medicine
and dose of the household (letters only if she wrote them
or they were shared), and her own check-ins, questionnaires, support contacts and wondering
answers, the handover notes she wrote or that were for her, and her notes and choices
for the keepsake book — never another member's.
"""

import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.care.models import Cue, Routine
from nestwell.children.models import Child
from nestwell.growth.models import Measurement
from nestwell.handover.services import visible_notes
from nestwell.health.models import Nappy, Temperature
from nestwell.journal.models import Moment
from nestwell.keepsake import transfer as keepsake
from nestwell.keepsake.models import Keepsake, KeepsakeNote
from nestwell.lib import spreadsheet
from nestwell.medicines.models import Dose, Medicine
from nestwell.milestones.models import Milestone
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.photos.export import write_photos
from nestwell.wellbeing.models import CheckIn, ScreeningResponse, SupportContact
from nestwell.wondering.models import Wondering

# Version 2 added nappies and temperatures, version 3 pumping, the milk store,
# medicines and doses (and later, as optional sections, wonderings, handover notes and
# her notes and choices for the keepsake book; a baby's day of death, and a check-in's
# closeness left empty when it was not asked after a loss; a baby in a neonatal unit now,
# and the day a baby came home);
# older files still import.
SCHEMAS = {1: Path(__file__).with_name("export-schema-v1.json"),
           2: Path(__file__).with_name("export-schema-v2.json"),
           3: Path(__file__).with_name("export-schema-v3.json")}
SCHEMA = SCHEMAS[3]
FORMAT = "nestwell-export"
VERSION = 3
CHUNK = 2000


def _iso(value):
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    return value.isoformat() if hasattr(value, "isoformat") else value


class Scope:
    """Which part of the household to export."""

    def __init__(self, household, user, child=None, since=None, until=None):
        self.household, self.user = household, user
        self.child, self.since, self.until = child, since, until

    def window(self, rows, field="started_at"):
        if self.since:
            rows = rows.filter(**{f"{field}__gte": self.since})
        if self.until:
            rows = rows.filter(**{f"{field}__lt": self.until})
        return rows

    def children(self):
        rows = Child.objects.filter(household=self.household)
        return rows.filter(pk=self.child.pk) if self.child else rows

    def moments(self):
        rows = Moment.objects.alive().readable_by(self.user).filter(household=self.household)
        if self.child:
            rows = rows.filter(child=self.child)
        return self.window(rows).order_by("started_at", "pk")

    def cues(self):
        rows = Cue.objects.filter(household=self.household)
        if self.child:
            rows = rows.filter(child=self.child)
        return self.window(rows).order_by("started_at", "pk")

    def routines(self):
        rows = Routine.objects.filter(child__household=self.household).prefetch_related("steps")
        return rows.filter(child=self.child) if self.child else rows

    def milestones(self):
        rows = Milestone.objects.filter(household=self.household)
        if self.child:
            rows = rows.filter(child=self.child)
        if self.since:
            rows = rows.filter(happened_on__gte=timezone.localtime(self.since).date())
        if self.until:
            rows = rows.filter(happened_on__lt=timezone.localtime(self.until).date())
        return rows.order_by("happened_on", "pk")

    def measurements(self):
        rows = Measurement.objects.filter(household=self.household)
        if self.child:
            rows = rows.filter(child=self.child)
        if self.since:
            rows = rows.filter(measured_on__gte=timezone.localtime(self.since).date())
        if self.until:
            rows = rows.filter(measured_on__lt=timezone.localtime(self.until).date())
        return rows.order_by("measured_on", "pk")

    def nappies(self):
        rows = Nappy.objects.filter(household=self.household)
        if self.child:
            rows = rows.filter(child=self.child)
        return self.window(rows, "changed_at").order_by("changed_at", "pk")

    def temperatures(self):
        rows = Temperature.objects.filter(household=self.household)
        if self.child:
            rows = rows.filter(child=self.child)
        return self.window(rows, "taken_at").order_by("taken_at", "pk")

    # Pumping and the milk store (version 3)
    def pumping(self):
        rows = PumpingSession.objects.filter(household=self.household)
        if self.child:
            rows = rows.filter(child=self.child)
        return self.window(rows, "started_at").order_by("started_at", "pk")

    def milk(self):
        rows = MilkBag.objects.filter(household=self.household)
        if self.child:
            rows = rows.filter(child=self.child)
        return self.window(rows, "expressed_at").order_by("expressed_at", "pk")
    def medicines(self):
        rows = Medicine.objects.filter(household=self.household)
        if self.child:
            rows = rows.filter(child=self.child)
        return rows.order_by("pk")

    def doses(self):
        rows = Dose.objects.filter(household=self.household)
        if self.child:
            rows = rows.filter(child=self.child)
        return self.window(rows, "given_at").order_by("given_at", "pk")

    def checkins(self):
        return self.window(CheckIn.objects.filter(household=self.household, author=self.user),
                           "created_at").order_by("created_at", "pk")

    def screenings(self):
        return self.window(ScreeningResponse.objects.filter(
            household=self.household, author=self.user), "created_at").order_by("created_at",
                                                                                "pk")

    def contacts(self):
        return SupportContact.objects.filter(household=self.household, owner=self.user)

    def wonderings(self):
        rows = Wondering.objects.filter(household=self.household, author=self.user,
                                        answered=True)
        if self.child:
            rows = rows.filter(child=self.child)
        return self.window(rows, "about_at").order_by("about_at", "pk")

    def handover_notes(self):
        """The notes she wrote or that were for her (of the household, whatever the baby)."""
        rows = visible_notes(self.household, self.user).select_related("author", "addressee")
        return self.window(rows, "created_at").order_by("created_at", "pk")

    def keepsake_notes(self):
        """Her own notes for the keepsake book (only ever hers), in the period by their day."""
        rows = KeepsakeNote.objects.filter(household=self.household, author=self.user)
        if self.child:
            rows = rows.filter(child=self.child)
        if self.since:
            rows = rows.filter(written_on__gte=timezone.localtime(self.since).date())
        if self.until:
            rows = rows.filter(written_on__lt=timezone.localtime(self.until).date())
        return rows.order_by("written_on", "pk")

    def keepsake_books(self):
        """Her choices for each baby's book (one per baby; not bound to a period)."""
        rows = Keepsake.objects.filter(household=self.household, user=self.user)
        return (rows.filter(child=self.child) if self.child else rows).order_by("child_id")


def child_row(c):
    return {"name": c.name, "birth_at": _iso(c.birth_at), "due_date": _iso(c.due_date),
            "gestation_weeks": c.gestation_weeks, "gestation_days": c.gestation_days,
            "birth_weight_grams": c.birth_weight_grams, "sex": c.sex,
            "birth_notes": c.birth_notes,
            "neonatal_care": c.neonatal_care, "medical_notes": c.medical_notes,
            "died_on": _iso(c.died_on), "in_unit": c.in_unit, "home_on": _iso(c.home_on),
            "born_to_another": c.born_to_another}


class _Emails(dict):
    """Person id -> e-mail, for the household's members now, read in one query; None for
    anyone else (someone who has left the household is no longer named: the review)."""

    def __init__(self, household):
        from nestwell.accounts.models import Membership

        super().__init__(Membership.objects.filter(household=household)
                         .values_list("user_id", "user__email"))

    def __missing__(self, user_id):
        return None


# Moments and cues are read as plain tuples of the columns the export needs: building a
# model object per row (and converting every date column) was most of an export's time.
# Details are read as the JSON text the database holds and written out as they are, not
# decoded and encoded again.
MOMENT_COLUMNS = ("pk", "child_id", "kind", "started_at", "ended_at", "actor_id",
                  "details_json", "note", "source", "external_id")


class RawJSON(str):
    """JSON text from the database, to be written into the export unchanged."""
CUE_COLUMNS = ("pk", "child_id", "signal", "intensity", "need", "started_at", "responded_at",
               "ways", "responder_id", "closed_at", "outcome", "note", "source", "heard_by",
               "quiet_at", "false_alarm")


def moment_rows(moments, names, emails):
    for (pk, child_id, kind, started, ended, actor_id, details, note, source,
         external_id) in moments.annotate(details_json=Cast("details", TextField())).values_list(
             *MOMENT_COLUMNS).iterator(CHUNK):
        yield {"id": f"moment:{pk}", "child": names[child_id], "kind": kind,
               "started_at": started.isoformat(), "ended_at": _iso(ended),
               "actor": emails[actor_id], "note": note, "source": source,
               "external_id": external_id, "details": RawJSON(details or "{}")}


def cue_rows(cues, names, emails):
    for (pk, child_id, signal, intensity, need, started, responded, ways, responder_id,
         closed, outcome, note, source, heard_by, quiet, false_alarm) in \
            cues.values_list(*CUE_COLUMNS).iterator(CHUNK):
        yield {"id": f"cue:{pk}", "child": names[child_id], "signal": signal,
               "intensity": intensity, "need": need, "started_at": started.isoformat(),
               "responded_at": _iso(responded), "ways": ways,
               "responder": emails[responder_id], "closed_at": _iso(closed),
               "outcome": outcome, "note": note, "source": source, "heard_by": heard_by,
               "quiet_at": _iso(quiet), "false_alarm": false_alarm}


def routine_row(r, names):
    return {"child": names[r.child_id], "name": r.name,
            "steps": [{"kind": s.kind, "at": s.at.strftime("%H:%M"),
                       "tolerance_minutes": s.tolerance_minutes} for s in r.steps.all()]}


def milestone_row(m, names):
    return {"id": f"milestone:{m.pk}", "child": names[m.child_id], "kind": m.kind,
            "title": m.title, "happened_on": m.happened_on.isoformat(), "note": m.note,
            "external_id": m.external_id}


def measurement_row(m, names):
    return {"id": f"measurement:{m.pk}", "child": names[m.child_id],
            "measured_on": m.measured_on.isoformat(), "weight_grams": m.weight_grams,
            "length_mm": m.length_mm, "head_mm": m.head_mm, "measured_by": m.measured_by,
            "note": m.note, "external_id": m.external_id}


# "by": who kept it (an e-mail, or None once she has left), as "actor" for a moment: with
# three adults giving paracetamol, who gave it matters (Rosa's walk).
def nappy_row(n, names, emails):
    return {"id": f"nappy:{n.pk}", "child": names[n.child_id],
            "changed_at": n.changed_at.isoformat(), "kind": n.kind, "colour": n.colour,
            "consistency": n.consistency, "note": n.note, "by": emails[n.created_by_id],
            "external_id": n.external_id}


def temperature_row(t, names, emails):
    return {"id": f"temperature:{t.pk}", "child": names[t.child_id],
            "taken_at": t.taken_at.isoformat(), "celsius": float(t.celsius), "note": t.note,
            "by": emails[t.created_by_id], "external_id": t.external_id}


def pumping_row(s, names, emails):
    return {"id": f"pumping:{s.pk}", "child": names[s.child_id],
            "started_at": s.started_at.isoformat(), "minutes": s.minutes, "side": s.side,
            "amount_ml": s.amount_ml, "note": s.note, "by": emails[s.created_by_id],
            "external_id": s.external_id}


def milk_row(b, names):
    return {"id": f"milk:{b.pk}", "child": names[b.child_id],
            "session": f"pumping:{b.session_id}" if b.session_id else None,
            "expressed_at": b.expressed_at.isoformat(), "amount_ml": b.amount_ml,
            "place": b.place, "thawed_at": _iso(b.thawed_at), "use_by": b.use_by.isoformat(),
            "state": b.state, "finished_at": _iso(b.finished_at), "note": b.note,
            "external_id": b.external_id}
def medicine_row(m, names):
    return {"id": f"medicine:{m.pk}", "child": names[m.child_id], "name": m.name,
            "dose": float(m.dose) if m.dose is not None else None, "unit": m.unit,
            "form": m.form, "schedule": m.schedule,
            "daily_at": m.daily_at.strftime("%H:%M") if m.daily_at else None,
            "min_hours": float(m.min_hours) if m.min_hours is not None else None,
            "most_per_day": m.most_per_day, "stopped": m.stopped, "note": m.note,
            "external_id": m.external_id}


DOSE_COLUMNS = ("pk", "child_id", "medicine__name", "given_at", "amount", "unit", "note",
                "created_by_id", "external_id")


def dose_rows(doses, names, emails):
    for pk, child_id, medicine, at, amount, unit, note, by, external_id in doses.values_list(
            *DOSE_COLUMNS).iterator(CHUNK):
        yield {"id": f"dose:{pk}", "child": names[child_id], "medicine": medicine,
               "given_at": at.isoformat(),
               "amount": float(amount) if amount is not None else None, "unit": unit,
               "note": note, "by": emails[by], "external_id": external_id}


def checkin_row(c):
    return {"created_at": _iso(c.created_at), "mood": c.mood, "connection": c.connection,
            "sleep_hours": float(c.sleep_hours) if c.sleep_hours is not None else None,
            "energy": c.energy, "stress": c.stress, "support": c.support, "safety": c.safety,
            "note": c.note, "kind": c.kind}


def screening_row(s):
    return {"created_at": _iso(s.created_at), "instrument": s.instrument,
            "version": s.version, "answers": s.answers, "total": s.total,
            "subscales": s.subscales, "band": s.band, "band_label": s.band_label,
            "safety": s.safety, "safety_unanswered": s.safety_unanswered, "entry": s.entry}


def wondering_row(w, names=None):
    """Her answer to a wondering question; the baby by name (in her own-data download, where
    the baby may be gone, from the row itself)."""
    child = names.get(w.child_id) if names is not None else (w.child.name if w.child else None)
    return {"child": child, "occasion": w.occasion, "about_at": _iso(w.about_at),
            "prompt": w.prompt, "feelings": w.feelings, "note": w.note,
            "created_at": _iso(w.created_at)}


def handover_note_row(n):
    """A handover note; its writer and the person it was for by e-mail, as moments' actors."""
    return {"id": f"note:{n.pk}", "author": n.author.email, "addressee": n.addressee.email,
            "text": n.text, "created_at": _iso(n.created_at), "read_at": _iso(n.read_at)}


def contact_row(c):
    return {"name": c.name, "role": c.role, "phone": c.phone, "email": c.email,
            "note": c.note, "for_household": c.for_household}


def _names(scope):
    return {c.pk: c.name for c in Child.objects.filter(household=scope.household)}


def sections(scope):
    """(section name, iterator of plain dicts) in the order they are written."""
    names = _names(scope)
    yield "children", (child_row(c) for c in scope.children())
    emails = _Emails(scope.household)
    yield "moments", moment_rows(scope.moments(), names, emails)
    yield "cues", cue_rows(scope.cues(), names, emails)
    yield "routines", (routine_row(r, names) for r in scope.routines())
    yield "milestones", (milestone_row(m, names) for m in scope.milestones())
    yield "measurements", (measurement_row(m, names) for m in scope.measurements())
    yield "nappies", (nappy_row(n, names, emails) for n in scope.nappies().iterator(CHUNK))
    yield "temperatures", (temperature_row(t, names, emails)
                           for t in scope.temperatures().iterator(CHUNK))
    yield "pumping", (pumping_row(s, names, emails)
                      for s in scope.pumping().iterator(CHUNK))
    yield "milk", (milk_row(b, names) for b in scope.milk().iterator(CHUNK))
    yield "medicines", (medicine_row(m, names) for m in scope.medicines())
    yield "doses", dose_rows(scope.doses(), names, emails)
    yield "checkins", (checkin_row(c) for c in scope.checkins().iterator(CHUNK))
    yield "screenings", (screening_row(s) for s in scope.screenings().iterator(CHUNK))
    yield "contacts", (contact_row(c) for c in scope.contacts())
    yield "wonderings", (wondering_row(w, names) for w in scope.wonderings().iterator(CHUNK))
    yield "handover_notes", (handover_note_row(n)
                             for n in scope.handover_notes().iterator(CHUNK))
    yield "keepsake_notes", (keepsake.note_row(n, names)
                             for n in scope.keepsake_notes().iterator(CHUNK))
    yield "keepsake_books", (keepsake.book_row(b, names) for b in scope.keepsake_books())


def header(scope):
    household = scope.household
    return {
        "format": FORMAT, "version": VERSION, "exported_at": timezone.now().isoformat(),
        "exported_by": scope.user.email,
        "household": {"name": household.name, "time_zone": household.time_zone,
                      "locale": household.locale, "country": household.country},
        "scope": {"child": scope.child.name if scope.child else None,
                  "since": _iso(scope.since), "until": _iso(scope.until)},
    }


def _row_encoder():
    """One row as JSON text; a RawJSON value (always last in its row) goes in unchanged."""
    encode = json.JSONEncoder(ensure_ascii=False).encode

    def row_json(row):
        last = next(reversed(row), None)
        if last is None or not isinstance(row[last], RawJSON):
            return encode(row)
        raw = row.pop(last)
        text = encode(row)
        row[last] = raw
        return f'{text[:-1]}, "{last}": {raw}}}' if len(row) > 1 else f'{{"{last}": {raw}}}'

    return row_json


def iter_json(scope):
    """The JSON document as a stream of text pieces, a section at a time."""
    encode = _row_encoder()
    head = json.dumps(header(scope), ensure_ascii=False, indent=1)
    yield head[:-2] + ",\n"  # reopen the object after its last field
    first_section = True
    for name, rows in sections(scope):
        yield ("" if first_section else ",\n") + f' "{name}": ['
        first_section = False
        for i, row in enumerate(rows):
            yield ("\n  " if i == 0 else ",\n  ") + encode(row)
        yield "\n ]"
    yield "\n}\n"


def write_json(scope, out):
    """Write the JSON document to a text stream."""
    for piece in iter_json(scope):
        out.write(piece)


CSV_COLUMNS = {
    "children": ["name", "birth_at", "due_date", "gestation_weeks", "gestation_days",
                 "birth_weight_grams", "sex", "birth_notes", "neonatal_care", "medical_notes",
                 "died_on", "in_unit", "home_on", "born_to_another"],
    "moments": ["id", "child", "kind", "started_at", "ended_at", "actor", "details", "note",
                "source", "external_id"],
    "cues": ["id", "child", "signal", "intensity", "need", "started_at", "responded_at",
             "ways", "responder", "closed_at", "outcome", "note", "source", "heard_by",
             "quiet_at", "false_alarm"],
    "routines": ["child", "name", "steps"],
    "milestones": ["id", "child", "kind", "title", "happened_on", "note", "external_id"],
    "measurements": ["id", "child", "measured_on", "weight_grams", "length_mm", "head_mm",
                     "measured_by", "note", "external_id"],
    "nappies": ["id", "child", "changed_at", "kind", "colour", "consistency", "note", "by",
                "external_id"],
    "temperatures": ["id", "child", "taken_at", "celsius", "note", "by", "external_id"],
    "pumping": ["id", "child", "started_at", "minutes", "side", "amount_ml", "note", "by",
                "external_id"],
    "milk": ["id", "child", "session", "expressed_at", "amount_ml", "place", "thawed_at",
             "use_by", "state", "finished_at", "note", "external_id"],
    "medicines": ["id", "child", "name", "dose", "unit", "form", "schedule", "daily_at",
                  "min_hours", "most_per_day", "stopped", "note", "external_id"],
    "doses": ["id", "child", "medicine", "given_at", "amount", "unit", "note", "by",
              "external_id"],
    "checkins": ["created_at", "mood", "connection", "sleep_hours", "energy", "stress",
                 "support", "safety", "note", "kind"],
    "screenings": ["created_at", "instrument", "version", "answers", "total", "subscales",
                   "band", "band_label", "safety", "safety_unanswered", "entry"],
    "contacts": ["name", "role", "phone", "email", "note", "for_household"],
    "wonderings": ["child", "occasion", "about_at", "prompt", "feelings", "note",
                   "created_at"],
    "handover_notes": ["id", "author", "addressee", "text", "created_at", "read_at"],
    "keepsake_notes": ["id", "child", "written_on", "text", "created_at"],
    "keepsake_books": ["child", "title", "dedication", "first", "last", "paper", "picked",
                       "cover"],
}


def _cell(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _csv_member(archive, filename, columns, rows):
    with archive.open(filename, "w") as raw:
        # With a byte order mark, as the report's CSV: without it a spreadsheet reads the
        # file as the computer's old code page, and Arabic or accented names turn to noise.
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        writer = spreadsheet.writer(text)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
        text.flush()
        text.detach()


def write_csv_zip(scope, out_binary):
    """CSV files in a zip: one per section, and one per kind of moment."""
    names = _names(scope)
    with zipfile.ZipFile(out_binary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _(
            "Nestwell export (CSV). Times are ISO 8601 with their UTC offset. moments.csv "
            "holds every moment; moments-<kind>.csv the same split by kind. Details, ways, "
            "steps, answers, subscales and a questionnaire's safety columns are JSON. The "
            "JSON export holds the same data in one file, "
            "without the photos: they are here, in photos/, listed in photos.csv.") + "\n")
        for name, rows in sections(scope):
            _csv_member(archive, f"{name}.csv", CSV_COLUMNS[name], rows)
        kinds = scope.moments().order_by().values_list("kind", flat=True).distinct()
        emails = _Emails(scope.household)  # read once for every kind's file
        for kind in sorted(set(kinds)):
            rows = moment_rows(scope.moments().filter(kind=kind), names, emails)
            _csv_member(archive, f"moments-{kind}.csv", CSV_COLUMNS["moments"], rows)
        write_photos(archive, scope.moments(), scope.milestones())
