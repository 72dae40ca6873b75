"""Her choices (kept, or the first-time defaults) and the book's words: what the PDF
prints, in the household's language, with nothing she did not pick."""

from dataclasses import dataclass
from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nestwell.accounts import measures
from nestwell.children.current import remembered_label
from nestwell.keepsake import gather, layout
from nestwell.keepsake.models import Keepsake


@dataclass
class Choices:
    title: str
    dedication: str
    first: date
    last: date
    paper: str
    picked: list
    cover: str
    saved: bool = False

    def initial(self):
        return {"title": self.title, "dedication": self.dedication, "first": self.first,
                "last": self.last, "paper": self.paper, "picked": self.picked,
                "cover": self.cover}


def born_on(child):
    return timezone.localtime(child.birth_at).date() if child.birth_at else None


def default_title(child):
    return _("%(name)s, from the very beginning") % {"name": child.name}


def choices(child, user, today):
    """Her kept choices for ``child``'s book, else the defaults: from the start of the
    pregnancy to today, A4 or US Letter by the household's country, nothing ticked."""
    kept = Keepsake.objects.filter(user=user, child=child).first()
    start = layout.pregnancy_start(due_date=child.due_date, birth_date=born_on(child),
                                   gestation_days=child.gestation_total_days) or today
    if kept is None:
        return Choices(default_title(child), "", min(start, today), today,
                       measures.paper(child.household), [], "")
    return Choices(kept.title, kept.dedication, kept.first or start, kept.last or today,
                   kept.paper, list(kept.picked), kept.cover, saved=True)


def month_words(month, name):
    """A month's heading and the line under it."""
    heading = formats.date_format(date(month.year, month.month, 1), "YEAR_MONTH_FORMAT")
    if month.phase == layout.PREGNANCY:
        line = _("Waiting for %(name)s") % {"name": name}
    elif month.phase == layout.BIRTH:
        line = _("The month %(name)s arrived") % {"name": name}
    elif month.phase == layout.REMEMBERED:
        line = _("Remembering %(name)s") % {"name": name}
    else:
        line = ngettext("%(name)s at %(n)s month", "%(name)s at %(n)s months",
                        month.months_old) % {"name": name, "n": month.months_old}
    return heading, line


def _cover_line(child):
    born = born_on(child)
    if child.is_remembered:
        return remembered_label(child, born)
    if born:
        return _("Born %(day)s") % {"day": measures.day(born, "j F Y")}
    return _("Expected %(day)s") % {"day": measures.day(child.due_date, "j F Y")}


def words(child, chosen, found):
    """Everything the PDF prints: the cover, then the picked entries within her dates, by
    month in time order."""
    entries = layout.within(gather.picked_entries(found, chosen.picked), chosen.first,
                            chosen.last)
    cover = next((e.photo for e in found["photos"] if e.key == chosen.cover), None)
    months = []
    for month in layout.months(entries, born_on(child), child.died_on):
        heading, line = month_words(month, child.name)
        months.append({"heading": heading, "line": line, "entries": [
            {"day": measures.day(e.day, "j F"), "heading": e.heading,
             "text": e.text, "photo": e.photo, "caption": e.caption}
            for e in month.entries]})
    return {
        "title": chosen.title or default_title(child), "name": child.name,
        "cover_line": _cover_line(child), "dedication": chosen.dedication,
        "cover_photo": cover, "paper": chosen.paper, "months": months,
        "empty": _("Nothing is ticked for these dates yet. Choose what to keep on the "
                   "keepsake page, and this book fills with it."),
        "made": _("Made with love, and with Nestwell"),
    }
