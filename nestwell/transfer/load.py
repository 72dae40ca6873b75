"""Checking and saving imported rows. Every file is hostile input.

Two steps. First every row is checked, with the same rules as the app's own forms and
services, and what it would create is written to a spool on disk (so a file of any size
never sits whole in memory); nothing touches the database's write lock yet. A dry run stops
there. Then, only when every row passed (or bad rows are to be left out), the checked rows
are written in short transactions of at most ``BATCH`` rows each, so another household's
write never waits long on SQLite's one write lock. Should a write still fail half-way (a
timer started meanwhile, say), what this import had written is removed again: an import
adds all of its rows or none.

Duplicates: a row with its source's own id (``external_id``, or a Nestwell export's ``id``)
is a duplicate only of a row imported with that id before. A row without one is matched on
baby, kind and start time, counted: two moments with the same start in a file are two
moments, and the file imported again adds nothing.
"""

import pickle
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nestwell.accounts.models import Membership
from nestwell.accounts.roles import Role
from nestwell.care import cues as cue_words
from nestwell.care.models import Cue, Routine, RoutineStep
from nestwell.children.models import Child
from nestwell.growth import services as growth_services
from nestwell.growth.models import Measurement
from nestwell.handover import services as handover
from nestwell.handover.models import NOTE_LIMIT as HANDOVER_NOTE_LIMIT
from nestwell.handover.models import Note
from nestwell.health import nappies as nappy_words
from nestwell.health import services as health
from nestwell.health.models import Nappy, Temperature
from nestwell.journal.kinds import KINDS, DetailsError, validate_details
from nestwell.journal.models import Moment, Source
from nestwell.journal.services import check_in_life, check_times
from nestwell.journal.timeutil import within_bounds
from nestwell.keepsake import transfer as keepsake
from nestwell.keepsake.models import Keepsake, KeepsakeNote
from nestwell.lib.times import time_error
from nestwell.medicines import services as medicine_services
from nestwell.medicines.models import Dose, Medicine
from nestwell.milestones import kinds as milestone_kinds
from nestwell.milestones.models import Milestone
from nestwell.milk import services as milk_services
from nestwell.milk import storage as milk_storage
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.transfer.records import Rejected, Row, Skipped
from nestwell.transfer.rows_insert import insert_rows, insert_rows_returning
from nestwell.wellbeing.instruments import IDS as INSTRUMENTS
from nestwell.wellbeing.models import CheckIn, ScreeningResponse, SupportContact
from nestwell.wondering.models import Occasion as WonderingOccasion
from nestwell.wondering.models import Wondering
from nestwell.wondering.services import NOTE_LIMIT as WONDERING_NOTE_LIMIT
from nestwell.wondering.words import FEELINGS

# What each kind is called, counted ("3 moments") and on its own ("moments").
WORDS = {
    "child": (lambda n: ngettext("%(n)s baby", "%(n)s babies", n),
              lambda n: ngettext("baby", "babies", n)),
    "moment": (lambda n: ngettext("%(n)s moment", "%(n)s moments", n),
               lambda n: ngettext("moment", "moments", n)),
    "cue": (lambda n: ngettext("%(n)s cue", "%(n)s cues", n),
            lambda n: ngettext("cue", "cues", n)),
    "routine": (lambda n: ngettext("%(n)s routine", "%(n)s routines", n),
                lambda n: ngettext("routine", "routines", n)),
    "milestone": (lambda n: ngettext("%(n)s milestone", "%(n)s milestones", n),
                  lambda n: ngettext("milestone", "milestones", n)),
    "checkin": (lambda n: ngettext("%(n)s check-in", "%(n)s check-ins", n),
                lambda n: ngettext("check-in", "check-ins", n)),
    "screening": (lambda n: ngettext("%(n)s questionnaire result",
                                     "%(n)s questionnaire results", n),
                  lambda n: ngettext("questionnaire result", "questionnaire results", n)),
    "contact": (lambda n: ngettext("%(n)s support contact", "%(n)s support contacts", n),
                lambda n: ngettext("support contact", "support contacts", n)),
    "measurement": (lambda n: ngettext("%(n)s growth measurement", "%(n)s growth measurements", n),
                    lambda n: ngettext("growth measurement", "growth measurements", n)),
    "nappy": (lambda n: ngettext("%(n)s nappy", "%(n)s nappies", n),
              lambda n: ngettext("nappy", "nappies", n)),
    "temperature": (lambda n: ngettext("%(n)s temperature", "%(n)s temperatures", n),
                    lambda n: ngettext("temperature", "temperatures", n)),
    "pumping": (lambda n: ngettext("%(n)s pumping session", "%(n)s pumping sessions", n),
                lambda n: ngettext("pumping session", "pumping sessions", n)),
    "milk": (lambda n: ngettext("%(n)s bag of stored milk", "%(n)s bags of stored milk", n),
             lambda n: ngettext("bag of stored milk", "bags of stored milk", n)),
    "wondering": (lambda n: ngettext("%(n)s wondering", "%(n)s wonderings", n),
                  lambda n: ngettext("wondering", "wonderings", n)),
    "handover_note": (lambda n: ngettext("%(n)s handover note", "%(n)s handover notes", n),
                      lambda n: ngettext("handover note", "handover notes", n)),
    "medicine": (lambda n: ngettext("%(n)s medicine", "%(n)s medicines", n),
                 lambda n: ngettext("medicine", "medicines", n)),
    "dose": (lambda n: ngettext("%(n)s dose", "%(n)s doses", n),
             lambda n: ngettext("dose", "doses", n)),
    "keepsake_note": (lambda n: ngettext("%(n)s note for the keepsake book",
                                         "%(n)s notes for the keepsake book", n),
                      lambda n: ngettext("note for the keepsake book",
                                         "notes for the keepsake book", n)),
    "keepsake_book": (lambda n: ngettext("%(n)s keepsake book's choices",
                                         "%(n)s keepsake books' choices", n),
                      lambda n: ngettext("keepsake book's choices", "keepsake books' choices", n)),
}


def counted(kind, n, shown=None):
    """``n`` of a kind in the reader's language, e.g. "3 moments" (``shown``: n as shown)."""
    words = WORDS.get(kind)
    if words is None:
        return f"{shown if shown is not None else n} {kind}"
    return words[0](n) % {"n": shown if shown is not None else n}


def noun(kind, n=2):
    """What a kind is called in the reader's language, e.g. "moments"."""
    words = WORDS.get(kind)
    return words[1](n) if words else kind


# Care-day rows written the same way: checked here, then bulk-created per batch.
CARE_DAY_MODELS = {"nappy": Nappy, "temperature": Temperature, "pumping": PumpingSession,
                   "milk": MilkBag}
BATCH = 1000  # rows written per transaction: a few milliseconds of the write lock
# Between two batches on SQLite the import lets go of the write lock for this long. Another
# writer waiting for the lock does not queue: its busy handler sleeps and tries again, at
# most 100 ms apart once it has waited a third of a second. Without a gap longer than that,
# the import took the lock back before the other writer woke, batch after batch (seconds).
YIELD_SECONDS = 0.11
# It lets go once it has written for this long (batches one after another hold the lock
# without a gap another writer can use), not after every batch: on a quiet machine a batch
# takes well under a tenth of a second, and a pause after each one was half of a large
# import's time. A batch that alone takes longer is followed by a pause, as before.
HOLD_SECONDS = 0.4
SHOWN = 200  # rows listed by name in a report; the counts are always complete
NOTE_LIMIT = 2000
ID_LIMIT = 100


STRANGERS_SHOWN = 5  # people named in the hint on the check page


@dataclass
class Report:
    dry_run: bool
    created: Counter = field(default_factory=Counter)
    duplicates: int = 0
    skipped: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    flagged: list = field(default_factory=list)
    applied: bool = False
    damaged: bool = False  # the file was cut short: nothing is saved (records.Rejected)
    rows: int = 0  # items read from the importer (what a progress bar counts up to)
    strangers: list = field(default_factory=list)  # people the file names, not members

    def note(self, bucket, row, reason, count=1):
        items = getattr(self, bucket)
        if bucket == "skipped":
            self.skipped_reasons[reason] += count
        if len(items) < SHOWN:
            items.append((row, reason))
            self.more[bucket] += count - 1
        else:
            self.more[bucket] += count

    def __post_init__(self):
        self.more = Counter()
        self.skipped_reasons = Counter()

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
                "skipped_rows": [{"row": r, "reason": why} for r, why in self.skipped],
                "skipped_reasons": dict(self.skipped_reasons),
                "flagged_rows": [{"row": r, "reason": why} for r, why in self.flagged]}

    def lines(self):
        """What the check or import did, in whole sentences of the reader's language."""
        made = ", ".join(counted(kind, n) for kind, n in sorted(self.created.items()))
        if self.dry_run:
            first = (_("Would create: %(made)s.") % {"made": made} if made
                     else _("Would create: nothing."))
        elif self.applied:
            first = (_("Created: %(made)s.") % {"made": made} if made
                     else _("Created: nothing."))
        else:
            first = (_("Nothing was imported; would have created: %(made)s.") % {"made": made}
                     if made else _("Nothing was imported; would have created: nothing."))
        out = [first,
               _("Already there (skipped as duplicates): %(n)s.") % {"n": self.duplicates},
               _("Not kept by Nestwell (skipped): %(n)s.") % {"n": self.skipped_count}]
        for reason, n in self.skipped_reasons.most_common():
            out.append(f"  {n} × {reason}")
        out.append(_("Rejected: %(n)s.") % {"n": self.rejected_count})
        for row, why in self.rejected:
            # A damaged file is no one row of it: the reason alone.
            out.append("  " + (_("row %(row)s: %(why)s") % {"row": row, "why": why} if row
                               else why))
        if self.more["rejected"]:
            more = self.more["rejected"]
            out.append("  " + ngettext("… and %(n)s more rejected row.",
                                       "… and %(n)s more rejected rows.", more) % {"n": more})
        if self.flagged:
            n = len(self.flagged) + self.more["flagged"]
            if self.dry_run:
                lead = _("Would come in, but worth a look: %(n)s.")
            elif self.applied:
                lead = _("Brought in, but worth a look: %(n)s.")
            else:
                lead = _("Worth a look: %(n)s.")
            out.append(lead % {"n": n})
            out.extend("  " + _("row %(row)s: %(why)s") % {"row": row, "why": why}
                       for row, why in self.flagged)
        if self.strangers and self.dry_run:
            # Moving server: what a partner logged would be hers for good, so she hears
            # how to keep it theirs while she still can.
            shown = [_shown(person) for person in self.strangers[:STRANGERS_SHOWN]]
            out.append(ngettext(
                "%(people)s is not in this household yet, so what the file says they did "
                "would be kept as yours. To keep it as theirs, invite them first (Household, "
                "then Invite someone), and check the file again once they have joined.",
                "%(people)s are not in this household yet, so what the file says they did "
                "would be kept as yours. To keep it as theirs, invite them first (Household, "
                "then Invite someone), and check the file again once they have joined.",
                len(self.strangers)) % {"people": ", ".join(shown) + (
                    " …" if len(self.strangers) > len(shown) else "")})
        return out


class _Bad(Exception):
    """A row that cannot be imported; the message names the field and says why."""

    def __init__(self, field_name, message):
        super().__init__(f"“{field_name}”: {message}" if field_name else message)


class _NewChild:
    """A baby this import will create (it has no primary key until the writing step)."""

    pk = None

    def __init__(self, name, birth_at, due_date=None):
        self.name, self.birth_at, self.due_date = name, birth_at, due_date
        self.ref = ("new", name.casefold())


def _id_scope(kind):
    """Letters' ids are their author's own; every other moment's are the household's."""
    return "letter" if kind == "letter" else ""


_NESTWELL_ROW = re.compile(r"(nappy|temperature|pumping|milk|dose):\d+")
_SESSION_ID = re.compile(r"pumping:\d+")


def _nestwell_row(external_id):
    """A Nestwell export's own row id ("nappy:12"), not an id another app gave the row."""
    return bool(external_id) and _NESTWELL_ROW.fullmatch(external_id) is not None


def _ref(child):
    return child.ref if child.pk is None else child.pk


def _shown(value, limit=40):
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _form_errors(form, about=""):
    """A form's errors, each after the field it is about (``about`` for the whole form's)."""
    return "; ".join(f"“{name if name != '__all__' else about}”: "
                     f"{' '.join(str(m) for m in messages)}"
                     for name, messages in form.errors.items())


def _gap(data):
    """A "no sooner than" gap a file gives with a dose (Baby Buddy's next dose interval),
    in hours, when it is one a medicine may have; else None."""
    try:
        hours = medicine_services.read_amount(data.get("min_hours"), "min_hours")
    except ValidationError:
        return None
    if hours is None or not Decimal("0.5") <= hours <= medicine_services.LONGEST_GAP:
        return None
    return hours.quantize(Decimal("0.1"))


class Checker:
    """Checks one row of each type and says what it would create, without writing."""

    def __init__(self, household, user, child=None):
        self.household, self.user = household, user
        self.now = timezone.now()
        self.children = {c.name.casefold(): c for c in Child.objects.filter(household=household)}
        self.default_child = child
        memberships = list(Membership.objects.filter(household=household)
                           .select_related("user"))
        self.members = {m.user.email.casefold(): m.user for m in memberships}
        # Who may log here: a moment or an answer to a cry is never a viewer's.
        self.loggers = {m.user.email.casefold() for m in memberships if m.role != Role.VIEWER}
        # Milk's use-by follows the household's country (4 days in a US fridge, 8 in a UK one).
        self.milk_fridge_days = milk_services.fridge_days(household)
        self.row_notes = []  # what is worth a look in the row being checked
        # The file's id of each letter and first ("moment:5321") -> how it is found here
        # once written: a book's picks name the file's ids, and a row brought in before
        # (from another tracker) is kept under its own external id, not the file's.
        self.book_rows = {}
        self.strangers = set()  # e-mails the file names of people not in the household
        # Ids a new moment would clash with (see MomentQuerySet.same_external_id): any
        # moment's but a letter's, and her own letters' (someone else's stay unseen).
        self.external_ids = {
            (_id_scope(kind), external_id) for kind, external_id in
            Moment.objects.filter(household=household).exclude(external_id="")
            .exclude(Q(kind="letter") & ~Q(created_by=user))
            .values_list("kind", "external_id")}
        # Rows without an id of their own: already there, counted (not a set: two moments
        # of one kind may share a start).
        self.moment_keys = Counter(Moment.objects.alive().filter(household=household)
                                   .values_list("child_id", "kind", "started_at"))
        self.moment_seen = Counter()
        self.running = set(Moment.objects.running().filter(household=household)
                           .values_list("child_id", "kind"))
        self.cue_keys = Counter(Cue.objects.filter(household=household)
                                .values_list("child_id", "signal", "started_at"))
        self.cue_seen = Counter()
        self.open_distress = set(Cue.objects.open_distress().filter(household=household)
                                 .values_list("child_id", flat=True))
        self.routine_keys = set(Routine.objects.filter(household=household)
                                .values_list("child_id", "name"))
        self.implied = Counter()  # made along with other rows (a dose's medicine)

    @cached_property
    def milestone_keys(self):
        return set(Milestone.objects.filter(household=self.household).values_list(
            "child_id", "kind", "happened_on", "title"))

    @cached_property
    def milestone_ids(self):
        return set(Milestone.objects.filter(household=self.household).exclude(
            external_id="").values_list("external_id", flat=True))

    @cached_property
    def measurement_keys(self):
        return set(Measurement.objects.filter(household=self.household).values_list(
            "child_id", "measured_on", "weight_grams", "length_mm", "head_mm"))

    @cached_property
    def measurement_ids(self):
        return set(Measurement.objects.filter(household=self.household).exclude(
            external_id="").values_list("external_id", flat=True))

    @cached_property
    def checkin_times(self):
        return set(CheckIn.objects.filter(author=self.user).values_list("created_at",
                                                                         flat=True))

    @cached_property
    def screening_keys(self):
        return set(ScreeningResponse.objects.filter(author=self.user).values_list(
            "instrument", "created_at"))

    @cached_property
    def wondering_times(self):
        return set(Wondering.objects.filter(author=self.user).values_list("occasion",
                                                                           "about_at"))

    @cached_property
    def contact_keys(self):
        return set(SupportContact.objects.filter(owner=self.user).values_list("name", "role"))

    @cached_property
    def care_day_ids(self):
        """External ids, the (child, time) of every row already kept (a set, for rows
        without an id) and their counts (for a Nestwell export's own rows), per model."""
        found = {}
        for model, when in ((Nappy, "changed_at"), (Temperature, "taken_at"),
                            (PumpingSession, "started_at"), (MilkBag, "expressed_at")):
            rows = model.objects.filter(household=self.household)
            kept = Counter(rows.values_list("child_id", when))
            found[model] = (set(rows.exclude(external_id="").values_list("external_id",
                                                                          flat=True)),
                            set(kept), kept, Counter())
        return found

    def _care_day_duplicate(self, model, child, at, external_id):
        ids, keys, kept, seen = self.care_day_ids[model]
        key = (_ref(child), at)
        if (external_id and external_id in ids) or (not external_id and key in keys):
            return True
        if _nestwell_row(external_id):
            # A Nestwell export's row number says nothing of what this household holds
            # (its own rows have no external id): the same baby and time, counted, as for
            # moments, so that her own export imported again adds nothing, and two bags
            # from one session are both kept in a new household.
            seen[key] += 1
            if seen[key] <= kept[key]:
                return True
        ids.add(external_id)
        keys.add(key)
        return False

    def _care_day_time(self, child, data, name):
        at = self.when(data, name)
        born = getattr(child, "birth_at", None)
        if born is None:
            raise _Bad("child", _("%(name)s is not born yet in Nestwell, so there are no "
                                  "nappies, temperatures or doses to keep.") % {"name": child.name})
        if at < born - timedelta(hours=1):
            raise _Bad(name, _("This is before the birth."))
        return at

    def _in_meconium_days(self, child, at):
        zone = self.household.tz
        return nappy_words.black_is_meconium(child.birth_at.astimezone(zone).date(),
                                             at.astimezone(zone).date())

    def _milk_time(self, child, data, name):
        """Milk is kept from the birth, or from 36 weeks of pregnancy (the milk app's rule)."""
        at = self.when(data, name)
        problem = milk_services.too_early(child, at)
        if problem:
            raise _Bad(name, problem)
        return at

    def nappy(self, row):
        data = row.data
        child = self.child_for(row.child)
        at = self._care_day_time(child, data, "changed_at")
        kind = data.get("kind")
        if not isinstance(kind, str) or kind not in nappy_words.KINDS:
            raise _Bad("kind", _("%(kind)s is not wet, dirty, both or dry.")
                               % {"kind": _shown(kind)})
        colour = self.text(data, "colour", 12)
        consistency = self.text(data, "consistency", 12)
        if colour and colour not in nappy_words.STOOL_COLOURS:
            raise _Bad("colour", _("%(colour)s is not a colour on the card.")
                                 % {"colour": _shown(colour)})
        if consistency and consistency not in nappy_words.CONSISTENCIES:
            raise _Bad("consistency", _("%(consistency)s is not a texture Nestwell knows.")
                                      % {"consistency": _shown(consistency)})
        if (colour or consistency) and not nappy_words.is_dirty(kind):
            raise _Bad("colour", _("A colour or texture goes with a dirty nappy."))
        if colour == "black" and self._in_meconium_days(child, at):
            # The form refuses it there (health.services); a file from before that rule,
            # or from another tracker, means the meconium and is kept as it.
            colour = "meconium"
        note = self.text(data, "note", NOTE_LIMIT)
        external_id = self.external_id(data)
        if self._care_day_duplicate(Nappy, child, at, external_id):
            return "duplicate"
        by = self.person(data, "by", logs=True)  # after: a skipped row names no one
        return "nappy", {"child_id": _ref(child), "changed_at": at, "kind": kind,
                         "colour": colour, "consistency": consistency, "note": note,
                         "created_by_id": by.pk, "external_id": external_id}

    def temperature(self, row):
        data = row.data
        child = self.child_for(row.child)
        at = self._care_day_time(child, data, "taken_at")
        reading = data.get("celsius", data.get("reading"))
        unit = data.get("unit") or "C"
        if isinstance(reading, bool) or not isinstance(reading, (str, int, float, Decimal)):
            raise _Bad("celsius", _("%(reading)s is not a temperature.")
                                  % {"reading": _shown(reading)})
        try:
            # A number, as an export writes it: one from a reading taken in °F (38.33 for
            # 101 °F) comes back as it went out; text is read as typed on the form.
            celsius = health.read_temperature(
                reading, str(unit), exported=isinstance(reading, (int, float, Decimal)))
        except ValidationError as exc:
            raise _Bad("celsius", " ".join(exc.messages)) from exc
        note = self.text(data, "note", NOTE_LIMIT)
        external_id = self.external_id(data)
        if self._care_day_duplicate(Temperature, child, at, external_id):
            return "duplicate"
        by = self.person(data, "by", logs=True)  # after: a skipped row names no one
        return "temperature", {"child_id": _ref(child), "taken_at": at, "celsius": celsius,
                               "note": note, "created_by_id": by.pk,
                               "external_id": external_id}

    # --- pumping and the milk store (the milk app's rules) -----------------------------
    def _milk_amount(self, data, *, required):
        value = data.get("amount_ml")
        if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal,
                                                             type(None))):
            raise _Bad("amount_ml", _("%(value)s is not an amount.") % {"value": _shown(value)})
        try:
            return milk_services.read_amount(value, str(data.get("unit") or "ml"),
                                             required=required)
        except ValidationError as exc:
            raise _Bad("amount_ml", " ".join(exc.messages)) from exc

    def pumping(self, row):
        data = row.data
        child = self.child_for(row.child)
        at = self._milk_time(child, data, "started_at")
        minutes = data.get("minutes")
        if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)
                                    or not 0 <= minutes <= milk_services.MOST_MINUTES):
            raise _Bad("minutes", _("%(minutes)s is not a number of minutes (0 to "
                                    "%(most_minutes)s).")
                                  % {"minutes": _shown(minutes),
                                     "most_minutes": milk_services.MOST_MINUTES})
        side = data.get("side") or ""
        if side not in ("", "left", "right", "both"):
            raise _Bad("side", _("%(side)s is not left, right or both.") % {"side": _shown(side)})
        amount = self._milk_amount(data, required=False)
        note = self.text(data, "note", NOTE_LIMIT)
        external_id = self.external_id(data)
        if self._care_day_duplicate(PumpingSession, child, at, external_id):
            return "duplicate"
        by = self.person(data, "by", logs=True)  # after: a skipped row names no one
        return "pumping", {"child_id": _ref(child), "started_at": at, "minutes": minutes,
                           "side": side, "amount_ml": amount, "note": note,
                           "created_by_id": by.pk, "external_id": external_id}

    def milk(self, row):
        data = row.data
        child = self.child_for(row.child)
        at = self._milk_time(child, data, "expressed_at")
        amount = self._milk_amount(data, required=True)
        place = data.get("place")
        if place not in milk_storage.PLACES:
            raise _Bad("place", _("%(place)s is not room, fridge, freezer or thawed.")
                                % {"place": _shown(place)})
        thawed_at = self.when(data, "thawed_at", required=place == "thawed")
        if thawed_at is not None and thawed_at < at:
            raise _Bad("thawed_at", _("This is before the milk was expressed."))
        state = data.get("state") or "kept"
        if state not in ("kept", "used", "discarded", "to_unit"):
            raise _Bad("state", _("%(state)s is not kept, used, discarded or taken to the "
                                  "unit.") % {"state": _shown(state)})
        finished_at = self.when(data, "finished_at", required=state != "kept")
        note = self.text(data, "note", NOTE_LIMIT)
        external_id = self.external_id(data)
        # The session it came from, by the file's id ("pumping:12"); linked when written.
        session = data.get("session")
        session = session if isinstance(session, str) and _SESSION_ID.fullmatch(session) \
            else ""
        if self._care_day_duplicate(MilkBag, child, at, external_id):
            return "duplicate"
        # The use-by is worked out again from the guidance, never taken from the file.
        use_by = milk_storage.use_by(place, at, timezone.get_current_timezone(),
                                     thawed_at=thawed_at,
                                     fridge_days=self.milk_fridge_days)
        return "milk", {"child_id": _ref(child), "expressed_at": at, "amount_ml": amount,
                        "place": place, "thawed_at": thawed_at if place == "thawed" else None,
                        "use_by": use_by, "state": state,
                        "finished_at": finished_at if state != "kept" else None,
                        "note": note, "external_id": external_id, "session_ref": session}
    @cached_property
    def medicine_refs(self):
        """(baby, folded name) -> the medicine's pk, or a key for one this import makes."""
        return {(child_id, name.casefold()): pk for pk, child_id, name in
                Medicine.objects.filter(household=self.household).values_list(
                    "pk", "child_id", "name")}

    def _medicine_ref(self, child, name):
        """The medicine of that name for that baby: known, or one this import creates
        (a dose from a file that names only its medicine, as Baby Buddy's do), counted
        once."""
        key = (_ref(child), name.strip().casefold())
        if key not in self.medicine_refs:
            self.implied["medicine"] += 1
            self.medicine_refs[key] = ("new-medicine", *key)
        return self.medicine_refs[key], key

    def medicine(self, row):
        data = row.data
        child = self.child_for(row.child)
        if getattr(child, "birth_at", None) is None:
            raise _Bad("child", _("%(name)s is not born yet in Nestwell, so there are no "
                                  "medicines to keep.") % {"name": child.name})
        fields = {k: data.get(k) for k in ("name", "dose", "unit", "form", "schedule",
                                           "daily_at", "min_hours", "most_per_day",
                                           "note")}
        fields["name"] = self.text(data, "name", 80, required=True)
        fields["note"] = self.text(data, "note", NOTE_LIMIT)
        fields["stopped"] = data.get("stopped") is True
        for name in ("dose", "min_hours", "most_per_day"):
            if isinstance(fields[name], bool):
                raise _Bad(name, _("%(value)s is not a number.") % {"value": _shown(fields[name])})
        try:
            checked = medicine_services.check_medicine(fields)
        except ValidationError as exc:
            raise _Bad("", "; ".join(f"“{k}”: {' '.join(v)}"
                                     for k, v in exc.message_dict.items())) from exc
        external_id = self.external_id(data)
        key = (_ref(child), checked["name"].casefold())
        if key in self.medicine_refs:
            return "duplicate"
        self.medicine_refs[key] = ("new-medicine", *key)
        checked.pop("remind", None)
        return "medicine", {**checked, "child_id": _ref(child), "ref": key,
                            "external_id": "" if external_id.startswith("medicine:")
                            else external_id}

    @cached_property
    def dose_keys(self):
        rows = Dose.objects.filter(household=self.household)
        kept = Counter(rows.values_list("medicine_id", "given_at"))
        return (set(rows.exclude(external_id="").values_list("external_id", flat=True)),
                set(kept), kept, Counter())

    def dose(self, row):
        data = row.data
        child = self.child_for(row.child)
        at = self._care_day_time(child, data, "given_at")
        name = self.text(data, "medicine", 80, required=True)
        amount, unit = data.get("amount"), data.get("unit") or ""
        if isinstance(amount, bool) or not isinstance(amount, (str, int, float, Decimal,
                                                               type(None))):
            raise _Bad("amount", _("%(amount)s is not a dose.") % {"amount": _shown(amount)})
        if not isinstance(unit, str):
            raise _Bad("unit", _("%(unit)s is not a unit.") % {"unit": _shown(unit)})
        try:  # "5 ml" in the amount, as the form and the API read it (Rosa's walk)
            amount, unit = medicine_services.amount_and_unit(amount, unit, "amount", "unit")
        except ValidationError as exc:
            raise _Bad("unit", " ".join(exc.messages)) from exc
        try:
            amount = medicine_services.read_amount(amount, "amount")
        except ValidationError as exc:
            raise _Bad("amount", " ".join(exc.messages)) from exc
        if unit and unit not in medicine_services.UNIT_CODES:
            raise _Bad("unit", _("%(unit)s is not one of %(units)s.")
                               % {"unit": _shown(unit),
                                  "units": ", ".join(sorted(medicine_services.UNIT_CODES))})
        if amount is not None and not unit:
            raise _Bad("unit", _("A dose needs its unit (ml, mg, drops…)."))
        note = self.text(data, "note", NOTE_LIMIT)
        external_id = self.external_id(data)
        ids, keys, kept, counted = self.dose_keys
        if external_id and external_id in ids:
            return "duplicate"
        # A duplicate is of a medicine already known (a dose kept before made it known):
        # the medicine is looked up first, and made only for a dose that is kept.
        known = self.medicine_refs.get((_ref(child), name.strip().casefold()))
        if known is not None:
            seen = (known, at)
            if not external_id and seen in keys:
                return "duplicate"
            if _nestwell_row(external_id):  # as for the care day's rows
                counted[seen] += 1
                if counted[seen] <= kept[seen]:
                    return "duplicate"
        by = self.person(data, "by", logs=True)  # after: a skipped row names no one
        ref, _key = self._medicine_ref(child, name)  # last: only a dose kept makes one
        seen = (ref, at)
        ids.add(external_id)
        keys.add(seen)
        return "dose", {"child_id": _ref(child), "medicine": ref, "name": name.strip(),
                        "given_at": at, "amount": amount, "unit": unit, "note": note,
                        "created_by_id": by.pk, "external_id": external_id,
                        "min_hours": _gap(data)}

    # --- plain values ----------------------------------------------------------------
    @staticmethod
    def text(data, name, limit, *, required=False):
        value = data.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise _Bad(name, _("%(value)s is not text.") % {"value": _shown(value)})
        value = value.replace("\x00", "")
        if required and not value.strip():
            raise _Bad(name, _("is missing."))
        if len(value) > limit:
            raise _Bad(name, _("is longer than %(limit)s characters.") % {"limit": limit})
        return value

    def when(self, data, name, *, required=True):
        """An aware time in the years Nestwell keeps and not in the future, in UTC."""
        value = data.get(name)
        if value is None or value == "":
            if required:
                raise _Bad(name, _("the time is missing."))
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise _Bad(name, _("%(value)s is not a date and time.") % {"value": _shown(value)})
        if not within_bounds(value):
            raise _Bad(name, _("%(year)s is not a year Nestwell keeps (2000 to now).")
                             % {"year": value.year})
        value = value.astimezone(UTC)
        error = time_error(value, self.now)
        if error:
            raise _Bad(name, str(error))
        return value

    def external_id(self, data):
        value = data.get("external_id") or data.get("id") or ""
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise _Bad("id", _("%(value)s is not an id.") % {"value": _shown(value)})
        value = str(value).replace("\x00", "")
        if len(value) > ID_LIMIT:
            raise _Bad("id", _("is longer than %(id_limit)s characters.") % {"id_limit": ID_LIMIT})
        return value

    def child_for(self, name):
        if name is not None and name != "":
            if not isinstance(name, str):
                raise _Bad("child", _("%(name)s is not a baby's name.") % {"name": _shown(name)})
            found = self.named(name)
            if found is None:
                raise _Bad("child", _("There is no baby called “%(name)s” in this household. "
                                      "Add the baby first, or choose which baby these rows are "
                                      "for.") % {"name": _shown(name)})
            return found
        if self.default_child is not None:
            return self.default_child
        if len(self.children) == 1:
            return next(iter(self.children.values()))
        raise _Bad("child", _("The row does not say which baby it is for; choose one for the "
                              "import."))

    def named(self, name):
        """The baby of that name; else the one baby whose name is that name with more
        words after it, or the start of it ("Nora" and Baby Buddy's "Nora Garcia"): a
        baby added by hand under her first name is the one a file names in full."""
        folded = name.strip().casefold()
        found = self.children.get(folded)
        if found is not None or not folded:
            return found
        near = [child for known, child in self.children.items()
                if known.startswith(folded + " ") or folded.startswith(known + " ")]
        return near[0] if len(near) == 1 else None

    def person(self, data, name, logs=False):
        """The member named by e-mail, or the person importing for someone who is not in
        this household (or, for what only a caregiver or parent logs, ``logs``, a viewer):
        never silently, the row is worth a look."""
        email = data.get(name)
        if not email:
            return self.user
        if not isinstance(email, str):
            raise _Bad(name, _("%(email)s is not an e-mail address.") % {"email": _shown(email)})
        key = email.casefold()
        if key in self.members and (not logs or key in self.loggers):
            return self.members[key]
        if key != self.user.email.casefold():
            if key not in self.members:
                self.strangers.add(key.strip())
            reason = (_("%(email)s is not in this household: kept as yours.") if key not in
                      self.members else
                      _("%(email)s only views this household and logs nothing: kept as yours."))
            self.row_notes.append(reason % {"email": _shown(email)})
        return self.user

    # --- one row of each type: (what it creates, how to write it) or "duplicate" ---------
    def child(self, row):
        from nestwell.children.forms import ChildForm

        data = row.data
        name = self.text(data, "name", 60, required=True).strip()
        if self.named(name) is not None:
            return "duplicate"  # there already, perhaps under her first name only
        born = self.when(data, "birth_at", required=False)
        form = ChildForm({
            "name": name, "born": "yes" if born else "no", "birth_at": born,
            "due_date": data.get("due_date") if isinstance(data.get("due_date"), date) else (
                "x" if data.get("due_date") else None),
            "gestation_weeks": data.get("gestation_weeks"),
            "gestation_days": data.get("gestation_days"),
            "birth_weight_grams": data.get("birth_weight_grams"),
            "sex": data.get("sex") or "",
            "birth_notes": self.text(data, "birth_notes", NOTE_LIMIT),
            "neonatal_care": data.get("neonatal_care") is True or data.get("in_unit") is True,
            "in_unit": data.get("in_unit") is True,
            "born_to_another": data.get("born_to_another") is True,
            "home_on": data.get("home_on") if isinstance(data.get("home_on"), date) else (
                "x" if data.get("home_on") else None),
            "medical_notes": self.text(data, "medical_notes", NOTE_LIMIT)})
        if not form.is_valid():
            errors = {k: v for k, v in form.errors.items()
                      # An old export may hold a pregnancy whose due date has passed.
                      if not (k == "due_date" and isinstance(data.get("due_date"), date))}
            if errors:
                raise _Bad("", _form_errors(form, about="birth_at"))
        fields = {k: form.cleaned_data.get(k) for k in (
            "name", "birth_at", "gestation_weeks", "gestation_days", "birth_weight_grams",
            "sex", "birth_notes", "neonatal_care", "in_unit", "home_on", "born_to_another",
            "medical_notes")}
        fields["sex"] = fields["sex"] or ""
        fields["due_date"] = None if born else data.get("due_date")
        fields["died_on"] = self.died_on(data, form.cleaned_data.get("birth_at"),
                                         fields["due_date"])
        self.children[name.casefold()] = _NewChild(
            name, born, fields["due_date"] if isinstance(fields["due_date"], date) else None)
        return "child", fields

    @staticmethod
    def died_on(data, born, due):
        """The day a baby died, checked as the page checks it (a baby who has died stays
        remembered when her book moves to another Nestwell)."""
        from nestwell.children.forms import RememberedForm

        died = data.get("died_on")
        if died in (None, ""):
            return None
        if not isinstance(died, date):
            raise _Bad("died_on", _("This is not a date (%(value)s).") % {"value": _shown(died)})
        form = RememberedForm({"died_on": died.isoformat()},
                              child=Child(birth_at=born, due_date=due if isinstance(due, date)
                                          else None))
        if not form.is_valid():
            raise _Bad("died_on", " ".join(form.errors["died_on"]))
        return died

    def moment(self, row):
        data = row.data
        child = self.child_for(row.child)
        kind = data.get("kind")
        if not isinstance(kind, str) or kind not in KINDS:
            raise _Bad("kind", _("%(kind)s is not a kind of moment Nestwell keeps.")
                               % {"kind": _shown(kind)})
        started = self.when(data, "started_at")
        ended = self.when(data, "ended_at", required=False)
        if ended is None and not KINDS[kind].timed:
            ended = started
        raw_details = data.get("details") or {}
        if not isinstance(raw_details, dict):
            raise _Bad("details", _("%(raw_details)s is not a set of details.")
                                  % {"raw_details": _shown(raw_details)})
        try:
            check_times(started, ended, now=self.now)
            check_in_life(child, kind, started)
            details = validate_details(kind, raw_details)
        except ValidationError as exc:
            raise _Bad("", "; ".join(f"“{k}”: {' '.join(v)}"
                                     for k, v in exc.message_dict.items())) from exc
        except DetailsError as exc:
            raise _Bad("details", str(exc)) from exc
        note = self.text(data, "note", NOTE_LIMIT)
        actor = self.person(data, "actor", logs=True)
        external_id = self.external_id(data)
        ref = _ref(child)
        if kind == "letter" and isinstance(data.get("id"), str):
            self.book_rows[data["id"]] = ("letter", external_id, started)
        if external_id and (_id_scope(kind), external_id) in self.external_ids:
            return "duplicate"
        if not external_id or external_id.startswith("moment:"):
            # No id of its own (or a Nestwell export's row number, which says nothing in
            # another household): the same baby, kind and start, counted.
            key = (ref, kind, started)
            self.moment_seen[key] += 1
            if self.moment_seen[key] <= self.moment_keys[key]:
                return "duplicate"
        if ended is None:
            if (ref, kind) in self.running:
                raise _Bad("ended_at", _("A %(kind)s timer is already running for %(name)s.")
                                       % {"kind": kind, "name": child.name})
            self.running.add((ref, kind))
        if external_id:
            self.external_ids.add((_id_scope(kind), external_id))
        return "moment", {
            "child_id": ref, "kind": kind, "started_at": started, "ended_at": ended,
            "actor_id": actor.pk, "details": details, "note": note,
            "external_id": external_id}

    def cue(self, row):
        data = row.data
        child = self.child_for(row.child)
        signal = data.get("signal")
        if not isinstance(signal, str) or signal not in cue_words.SIGNALS:
            raise _Bad("signal", _("%(signal)s is not a cue Nestwell knows.")
                                 % {"signal": _shown(signal)})
        started = self.when(data, "started_at")
        responded = self.when(data, "responded_at", required=False)
        closed = self.when(data, "closed_at", required=False)
        if responded and responded < started:
            raise _Bad("responded_at", _("the answer is before the cue began."))
        if closed and closed < started:
            raise _Bad("closed_at", _("the settling time is before the cue began."))
        try:
            check_in_life(child, None, started)
        except ValidationError as exc:
            raise _Bad("started_at", " ".join(exc.messages)) from exc
        need = data.get("need") or ""
        if not isinstance(need, str) or need and need not in cue_words.NEEDS:
            raise _Bad("need", _("%(need)s is not a need Nestwell knows.") % {"need": _shown(need)})
        ways = data.get("ways") or []
        if not isinstance(ways, list) or not all(isinstance(w, str) and w in cue_words.WAYS
                                                  for w in ways):
            raise _Bad("ways", _("%(ways)s is not a list of ways Nestwell knows.")
                               % {"ways": _shown(ways)})
        intensity = data.get("intensity")
        if intensity is not None and (isinstance(intensity, bool) or intensity not in (1, 2, 3)):
            raise _Bad("intensity", _("%(intensity)s is not 1, 2 or 3.")
                                    % {"intensity": _shown(intensity)})
        outcome = data.get("outcome") or ""
        if not isinstance(outcome, str) or outcome not in ("", "settled", "unsettled"):
            raise _Bad("outcome", _("%(outcome)s is not settled or unsettled.")
                                  % {"outcome": _shown(outcome)})
        note = self.text(data, "note", NOTE_LIMIT)
        responder = (self.person(data, "responder", logs=True) if data.get("responder")
                     else None)
        heard = self.heard(data, signal, started)
        ref = _ref(child)
        key = (ref, signal, started)
        self.cue_seen[key] += 1
        if self.cue_seen[key] <= self.cue_keys[key]:
            return "duplicate"
        if signal in cue_words.DISTRESS and closed is None:
            if ref in self.open_distress:
                closed = started  # only one open episode per baby: close the older one
            else:
                self.open_distress.add(ref)
        if signal not in cue_words.DISTRESS:
            closed = closed or started
        return "cue", {
            "child_id": ref, "signal": signal, "need": need, "intensity": intensity,
            "started_at": started, "responded_at": responded, "ways": ways,
            "responder_id": responder.pk if responder else None, "closed_at": closed,
            "outcome": outcome if closed else "", "note": note, **heard}

    def heard(self, data, signal, started):
        """What a listening device added to a crying episode: which one heard it, when the
        room was quiet again, and whether someone said it was not crying."""
        source = data.get("source") or ""
        if source not in ("", "detector") or source and signal not in cue_words.DISTRESS:
            raise _Bad("source", _("%(source)s is not a source Nestwell knows.")
                                 % {"source": _shown(source)})
        quiet = self.when(data, "quiet_at", required=False)
        if quiet and quiet < started:
            raise _Bad("quiet_at", _("the quiet is before the crying began."))
        false_alarm = data.get("false_alarm")
        if false_alarm is not None and not isinstance(false_alarm, bool):
            raise _Bad("false_alarm", _("%(false_alarm)s is not true or false.")
                                      % {"false_alarm": _shown(false_alarm)})
        return {"source": source, "heard_by": self.text(data, "heard_by", 60),
                "quiet_at": quiet if source else None,
                "false_alarm": bool(false_alarm) and source == "detector"}

    def routine(self, row):
        from nestwell.care.forms import RoutineForm, StepForm

        child = self.child_for(row.child)
        name = self.text(row.data, "name", 60, required=True).strip()
        form = RoutineForm({"name": name})
        if not form.is_valid():
            raise _Bad("", _form_errors(form, about="name"))
        steps = row.data.get("steps")
        if not isinstance(steps, list) or not 1 <= len(steps) <= 12:
            raise _Bad("steps", _("A routine has from 1 to 12 steps."))
        if (_ref(child), name) in self.routine_keys:
            return "duplicate"
        parsed = []
        for number, step in enumerate(steps, start=1):
            if not isinstance(step, dict):
                raise _Bad(f"steps {number}", _("%(step)s is not a step.") % {"step": _shown(step)})
            at = step.get("at")
            if isinstance(at, str):
                try:
                    clock.fromisoformat(at)
                except ValueError:
                    at = None
            step_form = StepForm({"kind": step.get("kind"), "at": at if isinstance(
                at, str) else None, "tolerance_minutes": step.get("tolerance_minutes", 45)})
            if not step_form.is_valid():
                raise _Bad(f"steps {number}", _form_errors(step_form, about="at"))
            parsed.append({k: step_form.cleaned_data[k]
                           for k in ("kind", "at", "tolerance_minutes")})
        self.routine_keys.add((_ref(child), name))
        return "routine", {"child_id": _ref(child), "name": name, "steps": parsed}

    def milestone(self, row):
        data = row.data
        child = self.child_for(row.child)
        kind = data.get("kind")
        if not isinstance(kind, str) or kind not in milestone_kinds.KINDS:
            raise _Bad("kind", _("%(kind)s is not a milestone Nestwell knows.")
                               % {"kind": _shown(kind)})
        on = data.get("happened_on")
        if not isinstance(on, date) or on.year < 1900:
            raise _Bad("happened_on", _("A milestone needs the day it happened."))
        title = self.text(data, "title", 80).strip()
        note = self.text(data, "note", NOTE_LIMIT).strip()
        if kind == "other" and not title:
            raise _Bad("title", _("A milestone of kind “other” needs a title."))
        born = timezone.localtime(child.birth_at).date() if child.birth_at else None
        problem = milestone_kinds.date_problem(on, born, timezone.localdate())
        if problem:
            raise _Bad("happened_on", problem)
        external_id = self.external_id(data)
        key = (_ref(child), kind, on, title if kind == "other" else "")
        if isinstance(data.get("id"), str):
            self.book_rows[data["id"]] = ("first", external_id, key[1:])
        if key in self.milestone_keys or (external_id and external_id in self.milestone_ids):
            return "duplicate"
        self.milestone_keys.add(key)
        if external_id:
            self.milestone_ids.add(external_id)
        return "milestone", {"child_id": _ref(child), "kind": kind,
                             "title": title if kind == "other" else "", "happened_on": on,
                             "note": note, "external_id": external_id}

    def measurement(self, row):
        """Weight (g), length and head circumference (mm) on a day: the growth app's own
        rules (``growth.services.check_values``), the same as the form's."""
        data = row.data
        child = self.child_for(row.child)
        values = {}
        for name in ("weight_grams", "length_mm", "head_mm"):
            value = data.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise _Bad(name, _("%(value)s is not a whole number.") % {"value": _shown(value)})
            values[name] = value
        on = data.get("measured_on")
        if isinstance(on, datetime) or not isinstance(on, date):
            raise _Bad("measured_on", _("A measurement needs the day it was taken."))
        measured_by = data.get("measured_by") or "other"
        if not isinstance(measured_by, str):  # a list or number in a file is not a person
            raise _Bad("measured_by", _("%(measured_by)s is not who measured.")
                                      % {"measured_by": _shown(measured_by)})
        note = self.text(data, "note", NOTE_LIMIT)
        born = timezone.localtime(child.birth_at).date() if child.birth_at else None
        try:
            note = growth_services.check_values(born, on, values["weight_grams"],
                                                values["length_mm"], values["head_mm"],
                                                measured_by, note, timezone.localdate())
        except ValidationError as exc:
            name, messages = next(iter(exc.message_dict.items()))
            raise _Bad(name, " ".join(messages)) from None
        external_id = self.external_id(data)
        key = (_ref(child), on, values["weight_grams"], values["length_mm"],
               values["head_mm"])
        if key in self.measurement_keys or (external_id and
                                            external_id in self.measurement_ids):
            return "duplicate"
        self.measurement_keys.add(key)
        if external_id:
            self.measurement_ids.add(external_id)
        return "measurement", {"child_id": _ref(child), "measured_on": on, **values,
                               "measured_by": measured_by, "note": note,
                               "external_id": external_id}

    def checkin(self, row):
        from nestwell.wellbeing.forms import checkin_form
        from nestwell.wellbeing.models import CheckInKind

        data = row.data
        created = self.when(data, "created_at")
        fields = ("mood", "connection", "energy", "stress", "support", "sleep_hours",
                  "safety")
        values = {}
        for name in fields:
            value = data.get(name)
            if isinstance(value, bool) or not isinstance(value, (int, float, str, type(None))):
                raise _Bad(name, _("%(value)s is not an answer.") % {"value": _shown(value)})
            values[name] = "" if value is None else str(value)
        values["note"] = self.text(data, "note", NOTE_LIMIT)
        kind = data.get("kind", CheckInKind.FULL)  # files from before the short check-in
        # Left empty when it was not asked (every baby of the household had died).
        form = checkin_form(kind, values, closeness=values["connection"] != "") \
            if isinstance(kind, str) else None
        if form is None:
            raise _Bad("kind", _("%(kind)s is not a kind of check-in.") % {"kind": _shown(kind)})
        if not form.is_valid():
            raise _Bad("", _form_errors(form, about="safety"))
        if created in self.checkin_times:
            return "duplicate"
        self.checkin_times.add(created)
        return "checkin", {**form.cleaned_data, "kind": kind, "created_at": created}

    def screening(self, row):
        from nestwell.wellbeing import questionnaires

        data = row.data
        instrument_id = data.get("instrument")
        if not isinstance(instrument_id, str) or instrument_id not in INSTRUMENTS:
            raise _Bad("instrument", _("%(instrument_id)s is not a questionnaire Nestwell knows.")
                                     % {"instrument_id": _shown(instrument_id)})
        instrument = questionnaires.get(instrument_id)
        if instrument is None:
            raise _Bad("instrument", _("%(instrument_id)s is not available here.")
                                     % {"instrument_id": instrument_id})
        created = self.when(data, "created_at")
        entry = data.get("entry") or "app"
        if entry not in ("app", "paper"):
            raise _Bad("entry", _("%(entry)s is not app or paper.") % {"entry": _shown(entry)})
        answers, total = data.get("answers"), data.get("total")
        engine = questionnaires.engine()
        try:
            if answers is not None:
                # The scores are worked out again from the answers, never taken on trust.
                result = engine.score(instrument, answers)
                flagged = result.safety
            else:
                # A total given on paper: checked against the questionnaire's range; the
                # safety questions noted with it must be this questionnaire's own.
                result = engine.score_total(instrument, total)
                flagged = data.get("safety") or []
                if not isinstance(flagged, list) or not all(
                        isinstance(n, int) and not isinstance(n, bool)
                        and n in instrument.safety for n in flagged):
                    raise _Bad("safety", _("%(flagged)s is not a list of this questionnaire's "
                                           "safety questions.") % {"flagged": _shown(flagged)})
            unanswered = data.get("safety_unanswered")
            unanswered = [] if unanswered is None else unanswered
            if answers is not None and unanswered:
                raise _Bad("safety_unanswered", _("Every question has an answer here, so none "
                                                  "can be unanswered."))
            if not isinstance(unanswered, list) or not all(
                    isinstance(n, int) and not isinstance(n, bool)
                    and n in instrument.safety and n not in flagged for n in unanswered):
                raise _Bad("safety_unanswered", _("%(items)s is not a list of this "
                                                  "questionnaire's safety questions left "
                                                  "unanswered.") % {"items": _shown(unanswered)})
        except engine.InvalidAnswers as exc:
            raise _Bad("answers" if answers is not None else "total", str(exc)) from exc
        if answers is not None and total is not None and total != result.total:
            raise _Bad("total", _("%(total)s is not what the answers add up to (%(total2)s).")
                                % {"total": _shown(total), "total2": result.total})
        key = (instrument_id, created)
        if key in self.screening_keys:
            return "duplicate"
        self.screening_keys.add(key)
        return "screening", {
            "instrument": result.instrument, "version": result.version,
            "answers": list(answers) if answers is not None else None, "total": result.total,
            "subscales": dict(result.subscales),
            "band": result.band.code if result.band else "",
            "band_label": str(result.band.label)[:120] if result.band else "",
            "safety": list(flagged), "safety_unanswered": sorted(set(unanswered)),
            "entry": entry, "created_at": created}

    def wondering(self, row):
        """Her answer to a wondering question. The feed or cry it followed is not linked
        again (the file's ids are not this household's): the answer keeps its time."""
        data = row.data
        child = self.child_for(row.child)
        occasion = data.get("occasion")
        if occasion not in WonderingOccasion.values:
            raise _Bad("occasion", _("%(occasion)s is not feed, settle or daily.")
                                   % {"occasion": _shown(occasion)})
        about = self.when(data, "about_at")
        feelings = data.get("feelings") or []
        if not isinstance(feelings, list) or len(feelings) > len(FEELINGS) or not all(
                isinstance(f, str) and f in FEELINGS for f in feelings):
            raise _Bad("feelings", _("%(feelings)s is not a list of the words offered.")
                                   % {"feelings": _shown(feelings)})
        prompt = self.text(data, "prompt", 300).strip()
        note = self.text(data, "note", WONDERING_NOTE_LIMIT).strip()
        if not feelings and not note:
            raise _Bad("feelings", _("An answer needs a word or a line."))
        # When she answered (a file without it: when it is brought in, as before).
        created = self.when(data, "created_at", required=False)
        if (occasion, about) in self.wondering_times:
            return "duplicate"
        self.wondering_times.add((occasion, about))
        return "wondering", {"child_id": _ref(child), "occasion": occasion,
                             "key": f"import:{occasion[0]}:{about.timestamp():.6f}",
                             "about_at": about, "prompt": prompt,
                             "feelings": list(dict.fromkeys(feelings)), "note": note,
                             **({"created_at": created} if created else {})}

    @cached_property
    def note_keys(self):
        return set(Note.objects.filter(household=self.household).values_list(
            "author_id", "addressee_id", "created_at", "text"))

    def handover_note(self, row):
        """A note from one member for another. Both are found by e-mail, as a moment's
        actor is; someone not in this household becomes the person importing. A note is
        only ever its two people's, so one that is then not hers (between two others) is
        refused: an import never puts words in someone else's mouth."""
        data = row.data
        author = self.person(data, "author", logs=True)  # a viewer writes no notes
        addressee = self.person(data, "addressee")
        if self.user not in (author, addressee):
            raise _Bad("author", _("This note is between two other people of the household; "
                                   "only they can bring it in."))
        text = self.text(data, "text", HANDOVER_NOTE_LIMIT).strip()
        problem = handover.text_error(text)
        if problem:
            raise _Bad("text", str(problem))
        created = self.when(data, "created_at")
        read = self.when(data, "read_at", required=False)
        if read is not None and read < created:
            raise _Bad("read_at", _("This is before the note was written."))
        key = (author.pk, addressee.pk, created, text)
        if key in self.note_keys:
            return "duplicate"
        self.note_keys.add(key)
        return "handover_note", {"author_id": author.pk, "addressee_id": addressee.pk,
                                 "text": text, "created_at": created, "read_at": read}

    # --- her notes and choices for the keepsake book (keepsake/transfer.py) -----------
    @cached_property
    def keepsake_note_keys(self):
        """Her notes already kept here: (baby, day, words) -> pk."""
        return {(child_id, day, text): pk for pk, child_id, day, text in
                KeepsakeNote.objects.filter(household=self.household, author=self.user)
                .values_list("pk", "child_id", "written_on", "text")}

    @cached_property
    def keepsake_note_ids(self):
        """The file's id of each note -> its pk here, or the ref of one this import makes."""
        return {}

    @cached_property
    def keepsake_books(self):
        return set(Keepsake.objects.filter(household=self.household, user=self.user)
                   .values_list("child_id", flat=True))

    def keepsake_note(self, row):
        """One of her notes for the book: hers, whoever wrote it in the other Nestwell
        (an export only ever holds the exporting person's own)."""
        self.keepsake_note_count = getattr(self, "keepsake_note_count", 0) + 1
        if self.keepsake_note_count > keepsake.MOST_NOTES:
            raise _Bad("", _("More than %(most_notes)s notes for the keepsake book in one file; "
                             "no book has that many.") % {"most_notes": keepsake.MOST_NOTES})
        child = self.child_for(row.child)
        try:
            checked = keepsake.check_note(row.data, timezone.localdate())
        except keepsake.Refused as exc:
            raise _Bad(exc.field, str(exc)) from exc
        file_id = self.external_id(row.data)
        key = (_ref(child), checked["written_on"], checked["text"])
        known = self.keepsake_note_keys.get(key)
        if known is not None:
            if file_id:
                self.keepsake_note_ids[file_id] = known
            return "duplicate"
        ref = ("new-keepsake-note", len(self.keepsake_note_keys))
        self.keepsake_note_keys[key] = ref
        if file_id:
            self.keepsake_note_ids[file_id] = ref
        return "keepsake_note", {"child_id": _ref(child), "ref": ref, **checked}

    def keepsake_book(self, row):
        """Her choices for one baby's book. Picks are the file's ids: letters and firsts
        are found when written (by the id each keeps); notes by what became of them above;
        photos are not in a JSON file, so those picks and the cover are left out (said)."""
        child = self.child_for(row.child)
        try:
            checked = keepsake.check_book(row.data, timezone.localdate())
        except keepsake.Refused as exc:
            raise _Bad(exc.field, str(exc)) from exc
        if _ref(child) in self.keepsake_books:
            return "duplicate"  # she has a book for this baby here: it stays as she left it
        self.keepsake_books.add(_ref(child))
        photos = sum(1 for p in checked["picked"] if p.startswith("photo:"))
        photos += 1 if checked["cover"] and checked["cover"] not in checked["picked"] else 0
        if photos:
            row.data["flag"] = ngettext(
                "%(n)s photo picked for %(name)s's keepsake book is not in a JSON export: "
                "tick it again in the book.",
                "%(n)s photos picked for %(name)s's keepsake book are not in a JSON export: "
                "tick them again in the book.", photos) % {"n": photos, "name": child.name}
        notes = {p: self.keepsake_note_ids[p] for p in checked["picked"]
                 if p in self.keepsake_note_ids}
        rows = {p: self.book_rows[p] for p in checked["picked"] if p in self.book_rows}
        missing = self._picks_not_here(child, [
            p for p in checked["picked"]
            if p != "birth" and not p.startswith("photo:") and p not in notes
            and p not in rows])
        if missing:
            flag = ngettext(
                "%(n)s item picked for %(name)s's keepsake book is neither in this file nor "
                "here: tick it again in the book, if it is still wanted.",
                "%(n)s items picked for %(name)s's keepsake book are neither in this file "
                "nor here: tick them again in the book, if they are still wanted.",
                missing) % {"n": missing, "name": child.name}
            row.data["flag"] = f"{row.data['flag']} {flag}" if row.data.get("flag") else flag
        return "keepsake_book", {"child_id": _ref(child), "notes": notes, "rows": rows,
                                 **{k: v for k, v in checked.items() if k != "cover"}}

    def _picks_not_here(self, child, picks):
        """How many of a book's picks (file ids of letters, firsts and notes that are not
        rows of this file) this household does not keep under those ids either."""
        if not picks:
            return 0
        if child.pk is None:
            return len(picks)
        letters = set(Moment.objects.alive().readable_by(self.user).filter(
            household=self.household, child=child, kind="letter",
            external_id__in=picks).values_list("external_id", flat=True))
        firsts = set(Milestone.objects.filter(
            household=self.household, child=child, external_id__in=picks).values_list(
            "external_id", flat=True))
        return sum(1 for p in picks if not (p.startswith("moment:") and p in letters
                                            or p.startswith("milestone:") and p in firsts))

    def contact(self, row):
        from nestwell.wellbeing.forms import SupportContactForm

        values = {k: self.text(row.data, k, NOTE_LIMIT) for k in
                  ("name", "role", "phone", "email", "note")}
        # Only a true, on the baby's care team, is given to everyone in the household:
        # anything else keeps it hers (and is no reason to refuse the row).
        from nestwell.wellbeing.contacts import GIVEN_TO_HOUSEHOLD

        values["for_household"] = (row.data.get("for_household") is True
                                   and values["role"] in GIVEN_TO_HOUSEHOLD)
        form = SupportContactForm(values)
        if not form.is_valid():
            raise _Bad("", _form_errors(form, about="phone"))
        key = (form.cleaned_data["name"], form.cleaned_data["role"])
        if key in self.contact_keys:
            return "duplicate"
        self.contact_keys.add(key)
        return "contact", {k: form.cleaned_data[k] for k in
                           ("name", "role", "phone", "email", "note", "for_household")}


class Writer:
    """Writes checked rows in short transactions, and can take them all out again."""

    def __init__(self, household, user):
        self.household, self.user = household, user
        self.children = {}  # ("new", folded name) -> pk
        self.kinds = Counter()  # rows written so far, per kind
        self.made = {Child: [], Routine: [], Milestone: [], CheckIn: [],
                     ScreeningResponse: [], SupportContact: [], Measurement: [],
                     Wondering: [], Medicine: [], Dose: [], Note: [], KeepsakeNote: [],
                     Keepsake: [],
                     **{model: [] for model in CARE_DAY_MODELS.values()}}
        self.medicines = {}  # ("new-medicine", child ref, folded name) -> pk
        self.keepsake_notes = {}  # ("new-keepsake-note", n) -> pk
        self.moment_floor = Moment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.cue_floor = Cue.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def child_id(self, ref):
        return self.children[ref] if isinstance(ref, tuple) else ref

    def medicine_id(self, values):
        """The pk of a medicine this import makes: made now with ``values`` the first time
        (a bare one, by name, for a dose whose file had no medicine row)."""
        key = ("new-medicine", *values["ref"])
        if key not in self.medicines:
            fields = {k: v for k, v in values.items() if k not in ("ref", "child_id")}
            made = Medicine.objects.create(household=self.household, created_by=self.user,
                                           child_id=self.child_id(values["child_id"]),
                                           **fields)
            self.medicines[key] = made.pk
            self.made[Medicine].append(made.pk)
        return self.medicines[key]

    def write(self, batch, then=None):
        """Write one batch in one transaction; ``then()`` runs inside it, last."""
        household, user = self.household, self.user
        moments, cues = [], []
        care_day = {model: [] for model in (*CARE_DAY_MODELS.values(), Dose)}
        books = []
        with transaction.atomic():
            for what, values in batch:
                self.kinds[what] += 1
                if what == "child":
                    child = Child.objects.create(household=household, **values)
                    self.children[("new", child.name.casefold())] = child.pk
                    self.made[Child].append(child.pk)
                elif what == "moment":
                    moments.append({**values, "child_id": self.child_id(values["child_id"]),
                                    "household_id": household.pk, "created_by_id": user.pk,
                                    "source": Source.IMPORT})
                elif what == "cue":
                    cues.append({**values, "child_id": self.child_id(values["child_id"]),
                                 "household_id": household.pk, "created_by_id": user.pk})
                elif what == "routine":
                    routine = Routine.objects.create(
                        household=household, child_id=self.child_id(values["child_id"]),
                        name=values["name"])
                    self.made[Routine].append(routine.pk)
                    RoutineStep.objects.bulk_create([RoutineStep(routine=routine, position=i,
                                                                 **step)
                                                     for i, step in enumerate(values["steps"])])
                elif what == "milestone":
                    made = Milestone.objects.create(
                        household=household, created_by=user,
                        **{**values, "child_id": self.child_id(values["child_id"])})
                    self.made[Milestone].append(made.pk)
                elif what == "measurement":
                    made = Measurement.objects.create(
                        household=household, created_by=user,
                        **{**values, "child_id": self.child_id(values["child_id"])})
                    self.made[Measurement].append(made.pk)
                elif what == "checkin":
                    made = CheckIn.objects.create(household=household, author=user, **values)
                    self.made[CheckIn].append(made.pk)
                elif what == "screening":
                    made = ScreeningResponse.objects.create(household=household, author=user,
                                                            **values)
                    self.made[ScreeningResponse].append(made.pk)
                elif what == "contact":
                    made = SupportContact.objects.create(household=household, owner=user,
                                                         **values)
                    self.made[SupportContact].append(made.pk)
                elif what == "wondering":
                    made = Wondering.objects.create(
                        household=household, author=user,
                        **{**values, "child_id": self.child_id(values["child_id"])})
                    self.made[Wondering].append(made.pk)
                elif what == "handover_note":
                    made = Note.objects.create(household=household, **values)
                    self.made[Note].append(made.pk)
                elif what == "keepsake_note":
                    made = KeepsakeNote.objects.create(
                        household=household, author=user,
                        child_id=self.child_id(values["child_id"]),
                        written_on=values["written_on"], text=values["text"])
                    self.keepsake_notes[values["ref"]] = made.pk
                    self.made[KeepsakeNote].append(made.pk)
                elif what == "keepsake_book":
                    books.append(values)  # once this batch's moments are in (its letters)
                elif what in CARE_DAY_MODELS:
                    care_day[CARE_DAY_MODELS[what]].append({
                        "created_by_id": user.pk, **values,
                        "child_id": self.child_id(values["child_id"]),
                        "household_id": household.pk})
                elif what == "medicine":
                    self.medicine_id(values)
                elif what == "dose":
                    medicine = values["medicine"]
                    if isinstance(medicine, tuple):
                        gap = values.get("min_hours")
                        medicine = self.medicine_id({
                            "ref": medicine[1:], "child_id": values["child_id"],
                            "name": values["name"], "schedule": "spaced" if gap else "",
                            "min_hours": gap})
                    care_day[Dose].append({
                        "household_id": household.pk, "created_by_id": user.pk,
                        "medicine_id": medicine, "child_id": self.child_id(values["child_id"]),
                        **{k: values[k] for k in ("given_at", "amount", "unit", "note",
                                                  "created_by_id", "external_id")
                           if k in values}})
            # The sessions first: a bag names the session it came from.
            for model in sorted(care_day, key=lambda model: model is MilkBag):
                if model is MilkBag:
                    self._link_sessions(care_day[model])
                self.made[model] += insert_rows_returning(model, care_day[model])
            insert_rows(Moment, moments, BATCH)
            insert_rows(Cue, cues, BATCH)
            for values in books:
                self.keepsake_book(values)
            if then:
                then()

    def _link_sessions(self, bags):
        """Each bag's pumping session, named by the file's id ("pumping:12"): the session
        this household keeps under that id for the same baby (brought in now or before).
        None when there is none (the session was left out, or is this household's own)."""
        refs = {bag["session_ref"] for bag in bags if bag.get("session_ref")}
        found = {}
        if refs:
            found = {(ref, child_id): pk for pk, child_id, ref in PumpingSession.objects.filter(
                household=self.household, external_id__in=refs).order_by("pk").values_list(
                    "pk", "child_id", "external_id")}
        for bag in bags:
            ref = bag.pop("session_ref", "")
            bag["session_id"] = found.get((ref, bag["child_id"])) if ref else None

    def keepsake_book(self, values):
        """Her choices for a baby's book, each pick found here by the file's id: the letters
        and firsts this household keeps under it (brought in now or before), her notes."""
        child_id = self.child_id(values["child_id"])
        wanted = values["picked"]
        letters, firsts = self._book_rows(child_id, wanted, values.get("rows", {}))
        notes = {p: self.keepsake_notes.get(ref) if isinstance(ref, tuple) else ref
                 for p, ref in values["notes"].items()}
        picked, _left = keepsake.resolve(wanted, child_id=child_id, letters=letters,
                                         firsts=firsts, notes=notes)
        made = Keepsake.objects.create(
            household=self.household, user=self.user, child_id=child_id,
            title=values["title"], dedication=values["dedication"], first=values["first"],
            last=values["last"], paper=values["paper"], picked=picked, cover="")
        self.made[Keepsake].append(made.pk)

    def _book_rows(self, child_id, wanted, rows):
        """The letters and firsts a book picks, as {file id: pk here}: each found by the
        id it is kept under (its own from another tracker, else the file's), or else by
        what it is (a letter's start; a first's kind and day), as a duplicate is found."""
        letters_wanted = [p for p in wanted if p.startswith("moment:")]
        firsts_wanted = [p for p in wanted if p.startswith("milestone:")]
        letters, firsts = {}, {}
        if letters_wanted:
            known = [rows.get(p) or ("letter", p, None) for p in letters_wanted]
            found = list(Moment.objects.alive().readable_by(self.user).filter(
                household=self.household, child_id=child_id, kind="letter").filter(
                Q(external_id__in=[k[1] for k in known if k[1]])
                | Q(started_at__in=[k[2] for k in known if k[2]])).values_list(
                "pk", "external_id", "started_at"))
            for pick, (_kind, external_id, started) in zip(letters_wanted, known, strict=True):
                pk = next((f[0] for f in found if external_id and f[1] == external_id),
                          None) or next((f[0] for f in found if started and f[2] == started),
                                        None)
                if pk is not None:
                    letters[pick] = pk
        if firsts_wanted:
            known = [rows.get(p) or ("first", p, None) for p in firsts_wanted]
            found = list(Milestone.objects.filter(
                household=self.household, child_id=child_id).filter(
                Q(external_id__in=[k[1] for k in known if k[1]])
                | Q(happened_on__in=[k[2][1] for k in known if k[2]])).values_list(
                "pk", "external_id", "kind", "happened_on", "title"))
            for pick, (_kind, external_id, key) in zip(firsts_wanted, known, strict=True):
                pk = next((f[0] for f in found if external_id and f[1] == external_id),
                          None) or next((f[0] for f in found if key and (
                              f[2], f[3], f[4] if f[2] == "other" else "") == key), None)
                if pk is not None:
                    firsts[pick] = pk
        return letters, firsts

    def undo(self):
        """Take out everything this import wrote (after a write failed half-way)."""
        with transaction.atomic():
            Moment.objects.filter(household=self.household, source=Source.IMPORT,
                                  created_by=self.user, pk__gt=self.moment_floor).delete()
            Cue.objects.filter(household=self.household, created_by=self.user,
                               pk__gt=self.cue_floor).delete()
            for model, pks in self.made.items():
                model.objects.filter(pk__in=pks).delete()


class _Spool:
    """Checked rows, kept on disk in batches until they are written."""

    def __init__(self):
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self.batch, self.count = [], 0

    def add(self, item):
        self.batch.append(item)
        self.count += 1
        if len(self.batch) >= BATCH:
            self._dump()

    def _dump(self):
        if self.batch:
            pickle.dump(self.batch, self.file, protocol=pickle.HIGHEST_PROTOCOL)
            self.batch = []

    def batches(self):
        self._dump()
        self.file.seek(0)
        while True:
            try:
                # Only what this process wrote a moment ago is read back.
                yield pickle.load(self.file)  # noqa: S301
            except EOFError:
                return

    def close(self):
        self.file.close()


def _where(item):
    """Which row of the file, e.g. "moment 12" (the kind in the reader's language)."""
    return _("%(kind)s %(row)s") % {"kind": noun(item.type, 1), "row": item.source_row}


def load(household, user, items, *, dry_run=True, child=None, skip_rejected=False,
         progress=None):
    """Check (and unless ``dry_run``, save) rows from an importer. Returns a Report.

    ``progress(done, total, phase=..., kinds=...)``, when given, is called every ``BATCH``
    rows while they are checked (``phase="checking"``, ``done`` rows read, ``total`` None),
    then once per batch written, inside that batch's transaction (``phase="saving"``,
    ``kinds`` the rows written so far per kind)."""
    report = Report(dry_run=dry_run)
    checker = Checker(household, user, child=child)
    spool = _Spool()
    try:
        for seen, item in enumerate(items, start=1):
            report.rows = seen
            if progress and seen % BATCH == 0:
                progress(seen, None, phase="checking")
            if isinstance(item, Skipped):
                report.note("skipped", item.source_row, item.reason, max(int(item.count), 0))
                continue
            if isinstance(item, Rejected):
                report.note("rejected", item.source_row, item.reason)
                report.damaged = report.damaged or getattr(item, "whole_file", False)
                continue
            if not isinstance(item, Row) or item.type not in WORDS or not isinstance(
                    item.data, dict):
                report.note("rejected", getattr(item, "source_row", 0),
                            _("Not something Nestwell can import."))
                continue
            checker.row_notes = []
            try:
                outcome = getattr(checker, item.type)(item)
            except _Bad as exc:
                report.note("rejected", item.source_row, f"{_where(item)}: {exc}")
                continue
            if outcome == "duplicate":
                report.duplicates += 1
                continue
            report.created[outcome[0]] += 1
            flag = item.data.get("flag") if isinstance(item.data.get("flag"), str) else ""
            reasons = ([flag] if flag else []) + checker.row_notes
            if reasons:  # one row, one line, however many reasons; which row, as a rejection
                report.note("flagged", item.source_row, f"{_where(item)}: {' '.join(reasons)}")
            if not dry_run:
                spool.add(outcome)
        report.created.update(checker.implied)
        report.strangers = sorted(checker.strangers, key=str.casefold)
        if dry_run or (report.rejected_count and (not skip_rejected or report.damaged)):
            return report
        writer = Writer(household, user)
        done = 0
        try:
            pause = YIELD_SECONDS if connection.vendor == "sqlite" else 0
            held_from = None  # when the import last took the write lock back
            last = 0.0  # how long the last batch took: the next one, about
            for batch in spool.batches():
                began = time.monotonic()
                if held_from is None:
                    held_from = began
                elif pause and began - held_from + last > HOLD_SECONDS:
                    time.sleep(pause)  # outside any transaction: others write now
                    began = held_from = time.monotonic()
                done += len(batch)
                writer.write(batch, then=progress and (
                    lambda done=done: progress(done, spool.count, phase="saving",
                                               kinds=dict(writer.kinds))))
                last = time.monotonic() - began
        except Exception:
            writer.undo()
            raise
        report.applied = True
        return report
    finally:
        spool.close()
