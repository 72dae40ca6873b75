"""What other apps add to the journal, registered from their ``AppConfig.ready()``.

The journal sits below care, pregnancy, milestones and insights and never imports them;
they add themselves here instead:

- ``timeline(model, entries=, rows=)``: entries of another kind on the one timeline (cues
  beside moments). ``entries(child, start, end)`` gives a queryset of them (or a list);
  on Today its SQL is built once per connection (``lib.statements``), so it may use its
  values only as the query's values, never to choose the query in Python. ``rows(can_write)``
  gives a function that makes a ``TimelineRow`` of one entry (URLs reversed once per call).
- ``home(context)``: more for the home page; ``context(request, child)`` returns a dict.
- ``night(context)``: the same for the night screen, which shows less (the crying card).
- ``today_read(request)``: on Today, what the page has read already for itself (``Read``:
  the running timers, the household's children, the day's entries of each kind), so that a
  card uses it instead of asking again; ``read_today(request, model, child)`` gives one
  kind's entries of the day.
- ``moment_logged(hook)``: ``hook(moment)`` runs inside the transaction that saved a moment
  logged live (a feed logged while the baby cries answers the cry).
- ``moment_continued(hook)``: ``hook(old, new)`` runs inside the transaction in which ``new``
  takes over from ``old`` (a breastfeed switched to the other side): what pointed to the
  old one may follow.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class TimelineSource:
    entries: Callable
    rows: Callable


timeline_sources: dict[type, TimelineSource] = {}
home_context: list[Callable] = []
night_context: list[Callable] = []
moment_logged_hooks: list[Callable] = []
moment_continued_hooks: list[Callable] = []


def timeline(model, *, entries, rows):
    timeline_sources[model] = TimelineSource(entries=entries, rows=rows)


def home(context):
    if context not in home_context:
        home_context.append(context)


def night(context):
    if context not in night_context:
        night_context.append(context)


def moment_logged(hook):
    if hook not in moment_logged_hooks:
        moment_logged_hooks.append(hook)


def moment_continued(hook):
    if hook not in moment_continued_hooks:
        moment_continued_hooks.append(hook)


@dataclass(frozen=True)
class Read:
    """What Today has read for itself, lent to its cards: the running timers (the
    household's, oldest first), the household's children, and the entries of ``child_pk``
    on the local ``day`` by model, each kind only where the page read all of them."""
    child_pk: int
    day: date
    timers: list
    children: list
    entries: dict = field(default_factory=dict)


def lend(request, read: Read):
    request.today_read = read


def today_read(request) -> Read | None:
    """What Today has read (``Read``), or None on any other page."""
    return getattr(request, "today_read", None)


def read_today(request, model, child):
    """``(day, entries)``: the entries of ``model`` for ``child`` on the local ``day`` that
    the home page read for its list, all of them; ``None`` where it did not (another page,
    another child, or more that day than the list shows)."""
    read = today_read(request)
    if read is None or read.child_pk != child.pk or model not in read.entries:
        return None
    return read.day, read.entries[model]
