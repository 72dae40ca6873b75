"""The machine's yardstick: a fixed piece of work of the kind a Nestwell page does, written
here once and never tuned, so that runs on different machines can be compared.

The machines the benchmarks run on differ by a factor of three in speed from one day to the
next (docs/performance.md), so a page's milliseconds alone cannot say whether the code got
faster. The yardstick does what a page's time is made of, with none of Nestwell's code: it
builds SQL with Django's ORM (on Django's own models, not executed), renders a Django
template with a loop, filters and escaping, and runs SQLite on a small table in memory.
A page measured alternately with it (``bench.measure``, "per yardstick") reads the same on
a slow machine and a fast one, as long as the code, Django and SQLite stay the same.
"""

import sqlite3
from datetime import UTC, datetime, timedelta

_TEMPLATE = (
    "{% for row in rows %}<li class=\"{% if row.done %}done{% endif %}\">"
    "<a href=\"/moments/{{ row.pk }}/\">{{ row.label|title }}</a> "
    "<span>{{ row.at|date:'H:i' }} · {{ row.minutes|default:'—' }} min</span>"
    "{% if row.note %}<p>{{ row.note|truncatechars:40 }}</p>{% endif %}</li>{% endfor %}")
_ROWS = [{"pk": i, "label": f"feed <{i}> & more", "done": i % 3 == 0,
          "at": datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=37 * i),
          "minutes": i % 40 or None, "note": "a note that runs a little long " * (i % 2)}
         for i in range(120)]


def _engine_template():
    from django.template import Context, Engine

    template = Engine(debug=False).from_string(_TEMPLATE)
    return template, Context


def _orm():
    """SQL for ten querysets, as a page's ORM calls build it (compiled, not run)."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Count, Q

    made = []
    for i in range(10):
        rows = (Permission.objects.filter(Q(codename__startswith="add") | Q(pk__gt=i),
                                          content_type__app_label="auth")
                .select_related("content_type").order_by("-pk")[:20])
        made.append(str(rows.query))
        made.append(str(Group.objects.filter(name=f"g{i}").annotate(n=Count("permissions"))
                        .values("name", "n").query))
    return made


def _sqlite():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE m (id INTEGER PRIMARY KEY, child INT, at TEXT, kind TEXT)")
    connection.execute("CREATE INDEX m_child_at ON m (child, at)")
    start = datetime(2026, 1, 1)
    connection.executemany("INSERT INTO m (child, at, kind) VALUES (?, ?, ?)",
                           [(i % 2, (start + timedelta(minutes=20 * i)).isoformat(" "),
                             "feeding" if i % 3 else "sleep") for i in range(2000)])
    found = 0
    for day in range(40):
        since = (start + timedelta(days=day)).isoformat(" ")
        found += len(connection.execute(
            "SELECT id, kind, at FROM m WHERE child = ? AND at >= ? ORDER BY at LIMIT 30",
            (day % 2, since)).fetchall())
    connection.close()
    return found


def make():
    """The yardstick as a function of no arguments (Django must be set up)."""
    template, Context = _engine_template()

    def yardstick():
        _orm()
        template.render(Context({"rows": _ROWS}))
        _sqlite()

    return yardstick
