"""What every importer yields: plain rows in Nestwell's terms, or a reason a row was left
out. Pure: no Django, so importers are easy to test on their own."""

from dataclasses import dataclass, field


@dataclass
class Row:
    """One thing to create.

    ``type`` is "moment" or "cue". ``child`` is the baby's name as the file gives it
    (matched by name in the household; None when the file has a single unnamed baby).
    ``data`` for a moment: kind, started_at, ended_at (aware datetimes; ended_at None for
    an instant moment), details (dict, per kind), note, external_id. For a cue: signal,
    need, started_at, responded_at, closed_at, ways (list), note, external_id.
    ``external_id`` makes a re-import idempotent: the same id is never created twice.
    """

    source_row: int
    type: str
    child: str | None
    data: dict = field(default_factory=dict)


@dataclass
class Skipped:
    """A row Nestwell does not keep (a nappy change, a pumping session …): not an error.
    ``count`` says how many such rows it stands for (a whole table left on a server)."""

    source_row: int
    reason: str
    count: int = 1


@dataclass
class Rejected:
    """A row that cannot be read; the reason says what is wrong, for a person.
    ``whole_file``: the file itself is damaged (cut short): nothing of it is saved, even
    with rejected rows left out, since what was read may be only part of what it held."""

    source_row: int
    reason: str
    whole_file: bool = False
