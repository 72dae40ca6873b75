"""Readers for other baby trackers' exports. Each turns a file into Nestwell rows
(``nestwell.transfer.records``): ``read(stream, *, time_zone, options=None)`` takes a text
stream and yields Row, Skipped or Rejected items lazily, numbered by their line in the
file. Pure: standard library only, no Django. Baby Buddy's REST API objects are read by
``babybuddy.rows_from_api`` (fetching them is not done here).

``FORMATS`` maps a format id to its reader; ``DESCRIPTIONS`` says, for a person, what each
one reads.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from nestwell.transfer.importers import babybuddy, babytracker, generic_csv, huckleberry

FORMATS: dict[str, Callable] = {
    "babybuddy-csv": babybuddy.read,
    "huckleberry-csv": huckleberry.read,
    "babytracker-csv": babytracker.read,
    "generic-csv": generic_csv.read,
}

DESCRIPTIONS: dict[str, str] = {
    "babybuddy-csv": "Baby Buddy: one CSV file from its admin export (feedings, sleep, tummy "
                     "time, nappy changes, temperatures, pumping, medication; other tables "
                     "are left "
                     "out).",
    "huckleberry-csv": "Huckleberry: the app's CSV export (sleep, feeds, nappies, pumping, "
                       "growth, temperatures, medicines, bath, tummy time …).",
    "babytracker-csv": "Baby Tracker (Nighp): one of its CSV files per activity, such as "
                       "nursing.csv, formula.csv, sleep.csv, diaper.csv, pump.csv, "
                       "growth.csv, temperature.csv or medication.csv.",
    "generic-csv": "Any CSV file, with a mapping that says which column holds the kind, the "
                   "start, the end, the baby and the details.",
}


def reader_for(format_id: str) -> Callable:
    """The reader for a format id; ValueError naming the known ones otherwise."""
    try:
        return FORMATS[format_id]
    except KeyError:
        raise ValueError(_("Unknown import format “%(format_id)s”; known formats: %(formats)s.")
                         % {"format_id": format_id,
                            "formats": ", ".join(sorted(FORMATS))}) from None
