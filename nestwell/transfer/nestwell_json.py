"""Reading a Nestwell JSON export back, a section at a time with ijson, so a file of any
size is never loaded whole. Pure: no Django."""

from datetime import date, datetime

import ijson

from nestwell.transfer.records import Rejected, Row

FORMAT = "nestwell-export"
SECTIONS = (("children", "child"), ("moments", "moment"), ("cues", "cue"),
            ("routines", "routine"), ("milestones", "milestone"), ("checkins", "checkin"),
            ("screenings", "screening"), ("contacts", "contact"))
TIMES = {"started_at", "ended_at", "responded_at", "closed_at", "birth_at", "created_at"}
DATES = {"due_date", "happened_on"}


class NotAnExport(ValueError):
    pass


def _time(value, zone):
    if value in (None, ""):
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def check_header(stream):
    stream.seek(0)
    try:
        found = next(ijson.items(stream, "format"), None)
        stream.seek(0)
        version = next(ijson.items(stream, "version"), None)
    except ijson.JSONError as exc:
        raise NotAnExport(f"This is not a readable JSON file ({exc}).") from exc
    if found != FORMAT:
        raise NotAnExport("This JSON file is not a Nestwell export (no \"format\": "
                          "\"nestwell-export\").")
    if version is None or int(version) > 1:
        raise NotAnExport(f"This export is version {version}; this Nestwell reads version 1. "
                          "Update Nestwell first.")


def read(stream, *, time_zone, options=None):
    """Rows of every section of a Nestwell export (a seekable binary file)."""
    check_header(stream)
    for section, row_type in SECTIONS:
        stream.seek(0)
        try:
            # Numbers come as int and float (not Decimal), which is what Nestwell stores.
            items = ijson.items(stream, f"{section}.item", use_float=True)
            for index, item in enumerate(items, start=1):
                try:
                    for key in TIMES & set(item):
                        item[key] = _time(item[key], time_zone)
                    for key in DATES & set(item):
                        if item[key]:
                            item[key] = date.fromisoformat(item[key])
                except (TypeError, ValueError) as exc:
                    yield Rejected(index, f"{section} item {index}: a date or time is not "
                                          f"valid ({exc}).")
                    continue
                child = item.pop("child", None) if row_type != "child" else item.get("name")
                yield Row(index, row_type, child, item)
        except ijson.JSONError as exc:
            yield Rejected(0, f"The file is damaged in its {section} ({exc}); nothing after "
                              "that point can be read.")
            return
