"""Reading a Nestwell JSON export back in one pass with ijson, a row at a time, so a file
of any size is never loaded whole and never read twice. Pure: no Django.

The header (``format``, ``version``) comes before the sections, as Nestwell writes it. A
row nested deeper than ``DEPTH`` levels refuses the whole file at once: no export has
that, and walking it would only cost time.
"""

from datetime import date, datetime

import ijson
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nestwell.transfer.records import Rejected, Row

FORMAT = "nestwell-export"
SECTIONS = (("children", "child"), ("moments", "moment"), ("cues", "cue"),
            ("routines", "routine"), ("milestones", "milestone"),
            ("measurements", "measurement"), ("nappies", "nappy"),
            ("temperatures", "temperature"), ("pumping", "pumping"), ("milk", "milk"),
            ("medicines", "medicine"), ("doses", "dose"),
            ("checkins", "checkin"),
            ("screenings", "screening"), ("contacts", "contact"), ("wonderings", "wondering"),
            ("handover_notes", "handover_note"), ("keepsake_notes", "keepsake_note"),
            ("keepsake_books", "keepsake_book"))
ROW_TYPES = dict(SECTIONS)
TIMES = {"started_at", "ended_at", "responded_at", "closed_at", "birth_at", "created_at",
         "changed_at", "taken_at", "expressed_at", "thawed_at", "finished_at",
         "about_at", "quiet_at", "given_at", "read_at"}
# 2 added nappies and temperatures, 3 pumping, the milk store,
# medicines and doses; an older file simply has
# none of them
VERSIONS = (1, 2, 3)
DATES = {"due_date", "happened_on", "measured_on", "died_on", "home_on"}
DEPTH = 32  # an export row is at most 4 levels deep (routine > steps > step > value)
# ijson turns a whole buffer into events (each with its dotted path) before we see one, so
# a small buffer bounds the work done on a file nested absurdly deep before it is refused;
# it costs next to nothing on an ordinary file.
BUFFER = 4096
_OPEN = {"start_map", "start_array"}
_CLOSE = {"end_map", "end_array"}


class NotAnExport(ValueError):
    pass


def _time(value, zone):
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a date and time")
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _version(value):
    if isinstance(value, bool) or not isinstance(value, (int, str)) or (
            isinstance(value, str) and not (value.isascii() and value.isdigit()
                                            and len(value) < 6)):
        raise NotAnExport(_("This export's version (%(value)s) is not a version number Nestwell "
                            "knows.") % {"value": str(value)[:20]})
    if int(value) not in VERSIONS:
        raise NotAnExport(_("This export is version %(value)s; this Nestwell reads versions "
                            "%(versions)s. Update Nestwell first.")
                          % {"value": value, "versions": ", ".join(map(str, VERSIONS))})


def _events(stream):
    """ijson's events, with the nesting depth checked and the error made readable."""
    depth = 0
    try:
        for prefix, event, value in ijson.parse(stream, use_float=True, buf_size=BUFFER):
            if event in _OPEN:
                depth += 1
                if depth > DEPTH:
                    raise NotAnExport(_("This file is nested more than %(depth)s levels deep; a "
                                        "Nestwell export never is.") % {"depth": DEPTH})
            elif event in _CLOSE:
                depth -= 1
            yield prefix, event, value
    except ijson.JSONError as exc:
        raise NotAnExport(_("This is not a readable JSON file (%(value)s).")
                          % {"value": _parser_reason(exc)}) from exc


# The parser's words (yajl's), in ours: its message quotes the file's own bytes.
_PARSER_REASONS = {
    "invalid bytes in utf8 string": gettext_lazy("it holds bytes that are not UTF-8 text"),
    "premature eof": gettext_lazy("it breaks off"),
    "trailing garbage": gettext_lazy("something follows the end of its data"),
    "integer overflow": gettext_lazy("it holds a number far too large to be a real one"),
}


def _parser_reason(exc) -> str:
    """Why the parser stopped, in words for her: never its bytes or its "(right here)"
    picture of the file (a message that was bytes had been shown as "b'lexical…\\n'")."""
    message = exc.args[0] if exc.args else ""
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    first = (str(message).strip().splitlines() or [""])[0]
    reason = first.removeprefix("parse error: ").removeprefix("lexical error: ").strip()
    for known, said in _PARSER_REASONS.items():
        if known in reason.casefold():
            return said
    reason = "".join(c if c.isprintable() else "?" for c in reason)[:100].strip(" .")
    return reason or _("it breaks off")


def check_header(stream):
    """Refuse a file that is not a Nestwell export of a version this Nestwell reads,
    reading only as far as its header."""
    stream.seek(0)
    found = version = None
    for prefix, event, value in _events(stream):
        if prefix == "" and event == "map_key" and value in ROW_TYPES:
            break
        if prefix == "format" and event not in _OPEN:
            found = value
        elif prefix == "version" and event not in _CLOSE:
            version = value if event not in _OPEN else {}
            if event in _OPEN:
                break
        if found is not None and version is not None:
            break
    stream.seek(0)
    if found != FORMAT:
        raise NotAnExport(_("This JSON file is not a Nestwell export (no \"format\": "
                            "\"nestwell-export\" at its start)."))
    _version(version)


def _row(section, index, item, time_zone):
    row_type = ROW_TYPES[section]
    if not isinstance(item, dict):
        return Rejected(index, _("%(section)s item %(index)s: this is not an object of named "
                                 "fields.") % {"section": section, "index": index})
    try:
        for key in TIMES & set(item):
            item[key] = _time(item[key], time_zone)
        for key in DATES & set(item):
            if item[key]:
                if not isinstance(item[key], str):
                    raise TypeError(f"{item[key]!r} is not a date")
                item[key] = date.fromisoformat(item[key])
    except (TypeError, ValueError, OverflowError) as exc:
        return Rejected(index, _("%(section)s item %(index)s: “%(key)s”: a date or time is not "
                                 "valid (%(value)s).")
                               % {"section": section, "index": index, "key": key,
                                  "value": str(exc)[:80]})
    child = item.pop("child", None) if row_type != "child" else item.get("name")
    return Row(index, row_type, child, item)


def read(stream, *, time_zone, options=None):
    """Rows of every section of a Nestwell export (a seekable binary file), in one pass."""
    check_header(stream)
    builder = section = item_prefix = None
    counts = dict.fromkeys(ROW_TYPES, 0)
    try:
        for prefix, event, value in _events(stream):
            if builder is not None:
                builder.event(event, value)
                # The row's own closing event (its prefix is "<section>.item"): compared
                # only on closing events, of some three million events in a large file.
                if event in _CLOSE and prefix == item_prefix:
                    counts[section] += 1
                    yield _row(section, counts[section], builder.value, time_zone)
                    builder = None
                continue
            head, _dot, rest = prefix.partition(".")
            if head in ROW_TYPES and not rest and event not in (
                    "start_array", "end_array", "map_key", "end_map", "null"):
                # A section that is not a list of rows (null counts as none): nothing of it
                # is read, and the import says so.
                counts[head] += 1
                yield Rejected(counts[head], _("“%(head)s” is not a list of rows, so none of it "
                                               "can be read.") % {"head": head})
                continue
            if head in ROW_TYPES and rest == "item":
                if event in _OPEN:
                    builder = ijson.ObjectBuilder()
                    builder.event(event, value)
                    section, item_prefix = head, prefix
                else:  # a bare value where a row should be
                    counts[head] += 1
                    yield Rejected(counts[head], _("%(head)s item %(index)s: this is not an "
                                                   "object of named fields.")
                                                 % {"head": head, "index": counts[head]})
    except NotAnExport as exc:
        yield Rejected(0, _("The file is damaged: %(exc)s Nothing after that point can be "
                            "read.") % {"exc": exc}, whole_file=True)
