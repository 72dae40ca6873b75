"""What may go in one person's book for one baby, read in a fixed number of queries
whatever the history's length, each scoped to the household (and letters, photos and notes
to what this person may read)."""

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from nestwell.accounts import measures
from nestwell.journal.models import Moment
from nestwell.keepsake import layout
from nestwell.keepsake.layout import Entry
from nestwell.keepsake.models import KeepsakeNote
from nestwell.milestones.models import Milestone
from nestwell.photos.models import Photo
from nestwell.pregnancy import birth
from nestwell.pregnancy.services import letters_for

LIMIT = 500  # of each kind: far more than a book holds, and the page stays quick
SHORT = 140
FIRST_HOUR = {"skin_to_skin": gettext_lazy("First skin-to-skin"),
              "feeding": gettext_lazy("First feed"), "cuddle": gettext_lazy("First hold")}


def _day(moment):
    return timezone.localtime(moment.started_at).date()


def _short(text):
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[:SHORT - 1].rstrip() + "…"


def _letters(child, user):
    for letter in (letters_for(user, child.household).filter(child=child)
                   .order_by("started_at", "pk")[:LIMIT]):
        author = letter.created_by
        heading = (_("A letter") if author is None or author.pk == user.pk
                   else _("A letter from %(name)s") % {"name": author})
        yield Entry(f"letter-{letter.pk}", _day(letter), heading, letter.note,
                    sort=layout.at_time(letter.started_at))


def _first_hour_lines(child, user):
    lines = []
    for kind, moment in birth.firsts(child).items():
        when = formats.time_format(timezone.localtime(moment.started_at), "TIME_FORMAT")
        line = f"{FIRST_HOUR.get(kind, moment.kind_label)}: {when}"
        minutes = int(moment.duration.total_seconds() // 60) if moment.duration else 0
        if minutes:
            line += ", " + ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
        if moment.actor and moment.actor.pk != user.pk:
            line += " · " + str(moment.actor)
        lines.append(line)
    return lines


def _birth(child, user):
    if not child.is_born:
        return
    born = timezone.localtime(child.birth_at)
    lines = [_("Born at %(time)s on %(day)s.") % {
        "time": formats.time_format(born, "TIME_FORMAT"),
        "day": measures.day(born.date(), "j F Y")}]  # "9. Dezember 2025", "December 9, 2025"
    if child.gestation_weeks:
        lines.append(_("After %(weeks)s weeks and %(days)s days of waiting.")
                     % {"weeks": child.gestation_weeks, "days": child.gestation_days or 0})
    if child.birth_weight_grams:
        lines.append(_("Weighing %(weight)s.") % {"weight": measures.weight(
            child.birth_weight_grams)})  # in her units: 7 lb 8 oz, or 3.4 kg
    lines += _first_hour_lines(child, user)
    if child.birth_notes:
        lines.append(child.birth_notes)
    yield Entry(f"birth-{child.pk}", born.date(),
                _("%(name)s is born, and the first hour") % {"name": child.name},
                "\n".join(lines), sort=layout.at_time(born))


def _firsts(child):
    for first in Milestone.objects.filter(child=child, household=child.household)[:LIMIT]:
        yield Entry(f"first-{first.pk}", first.happened_on, str(first.label), first.note,
                    sort=layout.kept(layout.FIRST, first.pk))


def _photos(child, user):
    readable = Moment.objects.alive().readable_by(user).filter(child=child)
    rows = (Photo.objects.filter(household=child.household)
            .filter(Q(moment__in=readable.values("pk")) | Q(milestone__child=child))
            .select_related("moment", "milestone").order_by("pk")[:LIMIT])
    for photo in rows:
        if photo.moment is not None:
            owner = photo.moment
            day, words = _day(owner), owner.note
            letter = owner.kind == "letter"
            label = _("A letter") if letter else str(owner.kind_label)
            joins = f"letter-{owner.pk}" if letter else ""
        else:
            owner = photo.milestone
            day, words, label = owner.happened_on, owner.note, str(owner.label)
            joins = f"first-{owner.pk}"
        # Her own caption when she wrote one; else what the photo belongs to.
        caption = photo.caption or label + (f": {_short(words)}" if words else "")
        yield Entry(f"photo-{photo.pk}", day, _("A photo"),
                    sort=layout.kept(layout.PHOTO, photo.pk), photo=photo, caption=caption,
                    joins=joins)


def _notes(child, user):
    for note in KeepsakeNote.objects.filter(household=child.household, child=child,
                                            author=user)[:LIMIT]:
        yield Entry(f"note-{note.pk}", note.written_on, _("In my words"), note.text,
                    sort=layout.kept(layout.NOTE, note.pk))


def candidates(child, user):
    """Every item this person may choose for ``child``'s book, by kind:
    {"letters", "birth", "firsts", "photos", "notes"} → [Entry]."""
    return {"letters": list(_letters(child, user)), "birth": list(_birth(child, user)),
            "firsts": list(_firsts(child)), "photos": list(_photos(child, user)),
            "notes": list(_notes(child, user))}


def keys(found):
    return {entry.key for entries in found.values() for entry in entries}


def picked_entries(found, picked):
    """The entries of the book: those picked, a picked photo joining its picked letter or
    first (with her caption, if she wrote one), else standing alone with its caption."""
    picked = set(picked)
    chosen = {e.key: e for kind in ("letters", "birth", "firsts", "notes")
              for e in found[kind] if e.key in picked}
    alone = []
    for photo in found["photos"]:
        if photo.key not in picked:
            continue
        owner = chosen.get(photo.joins)
        if owner is not None and owner.photo is None:
            # With its letter or first it needs no words about what it is: only hers.
            owner.photo, owner.caption = photo.photo, photo.photo.caption
        else:
            alone.append(photo)
    return list(chosen.values()) + alone
