"""A hot read whose SQL is built by Django once per process, then run with new values.

Django builds a query's SQL anew each time it runs. For the reads of a page opened all day
(Today, and the running timers every open device asks for) that building costs more than
the database's answer: about 1 ms of CPU for the day's moments against 0.1 ms in SQLite.

``Statement(build, **inputs)`` takes a function that makes the queryset (of instances,
or a ``values_list``) from named values, and the type of each value (a model, for its
primary key; ``datetime``; ``date``; ``int``; ``str``, for an exact match only;
``list[int]``, ids for an ``__in`` lookup only: a statement is compiled for each length,
duplicates are dropped as Django drops them, and an empty list or one of more than
``LONGEST_LIST`` goes through Django).
The first time in a process it builds the queryset once from probe values no real
row has, compiles it, and finds where each probe's value went among the statement's
parameters; everything else in the statement is fixed by the queryset's shape.
Each call then puts the real values in those places, runs the SQL and makes the rows
exactly as Django's own iterator does (the compiler's converters, ``from_db``, the rows
of ``select_related``). On PostgreSQL the statement is also prepared in the session, so
the server parses and plans it once per connection too (``cursor``). What is compiled
is kept for each database alias and shared by the threads of the process (``plans``).

``build`` may use its values only as values of the query, never to choose its shape in
Python (an ``if`` on a value), nor anything else that can change (the active time zone or
language), and it must not read the database: the shape is the probes'. A ``build`` that
gives a list instead of a queryset is simply called each time. The first real call in
each process is also built by Django and compared, and with
``NESTWELL_CHECK_STATEMENTS`` (the test settings) every call is. If the SQL or any
parameter differs, the statement is never reused in that process and every call goes
through Django as before (in the tests, the call fails instead). A value of None, a
boolean or a list where a single value is expected (each can change the shape) always
goes through Django.
"""

import copy
import functools
import logging
from datetime import UTC, date, datetime

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)

logger = logging.getLogger(__name__)
_REFUSED = object()  # a plan: never reused in this process
_UNKNOWN = object()  # a model: build not called yet
IDS = list[int]
LONGEST_LIST = 64
_ONLY_WHEN_ASKED = 2**62  # psycopg's prepare_threshold: executions before it prepares alone


_COMPILED = {}  # {database alias: {statement: plan}}


def plans(connection):
    """The statements compiled for ``connection``'s database: ``{statement: plan}``.

    One set for each alias, shared by every thread of the process (each thread has a
    connection of its own). A plan holds Django's compiler and the queryset's query, some
    20 KB a statement; kept per connection, a worker's four threads held four copies of
    them all (800 KB each for Today, the timers, a day and the dashboard). A plan is only
    read once made (its compiler is bound to each thread's connection by ``_bound``), and
    a thread that compiles one at the same time as another merely replaces it with an
    equal one."""
    compiled = _COMPILED.get(connection.alias)
    if compiled is None:
        compiled = _COMPILED.setdefault(connection.alias, {})
    return compiled


class Statement:
    def __init__(self, build, **inputs):
        self.build = build
        self.inputs = inputs
        self.model = _UNKNOWN  # the queryset's model, None if build gives something else
        for name, kind in inputs.items():
            if not (kind in (datetime, date, int, str) or kind == IDS
                    or (isinstance(kind, type) and issubclass(kind, Model))):
                raise TypeError(f"{name}: a model, datetime, date, int, str or list[int]")
        self.lists = [name for name, kind in inputs.items() if kind == IDS]

    def __call__(self, **values):
        """The rows for these values, as ``list(build(**values))`` gives them: instances,
        or tuples (or single values) for a ``values_list``."""
        if values.keys() != self.inputs.keys():
            raise TypeError(f"give exactly {sorted(self.inputs)}")
        key = self
        if self.lists:
            for name in self.lists:  # as Django's __in: in order, each once
                ids = values[name]
                if not isinstance(ids, list | tuple) or not all(
                        type(i) is int for i in ids):
                    return list(self.build(**values))
                values[name] = list(dict.fromkeys(ids))
            lengths = tuple(len(values[name]) for name in self.lists)
            if not all(0 < n <= LONGEST_LIST for n in lengths):
                return list(self.build(**values))  # nothing to ask, or too many shapes
            key = (self, lengths)
        if any(value is None or isinstance(value, bool | list | tuple | set | dict)
               for name, value in values.items() if name not in self.lists):
            return list(self.build(**values))  # a shape of its own
        model = self.model
        if model is _UNKNOWN:  # the first call: what does build give?
            built = self.build(**values)
            self.model = built.model if isinstance(built, QuerySet) else None
            if self.model is None:
                return list(built)
            model = self.model
        if model is None:
            return list(self.build(**values))
        connection = connections[router.db_for_read(model)]
        compiled = plans(connection)
        plan = compiled.get(key)
        if plan is None:
            plan = compiled[key] = self._compile(connection, values)
        if plan is _REFUSED:
            return list(self.build(**values))
        sql, places, shared, checked, iterable = plan
        flat = self._flat(connection, values)
        params = tuple(constant if at is None else flat[at] for at, constant in places)
        strict = getattr(settings, "NESTWELL_CHECK_STATEMENTS", False)
        if not checked or strict:
            queryset = self.build(**values)
            theirs = queryset.query.get_compiler(using=queryset.db).as_sql()
            if not _same(theirs, (sql, params)):
                if strict:
                    raise AssertionError(f"{self!r}: Django wrote {theirs}, not {(sql, params)}")
                logger.warning("%r is not reused: its shape depends on its values", self)
                compiled[key] = _REFUSED
                return list(queryset)
            plan[3] = True
        compiler = _bound(shared, connection)
        with cursor(connection) as c:
            c.execute(sql, params)
            rows = c.fetchall()
        if compiler.has_extra_select:  # columns only for the order, as Django cuts them
            rows = [row[:compiler.col_count] for row in rows]
        if iterable is ModelIterable:
            return _instances(compiler, rows, connection.alias)
        tuples = compiler.results_iter([rows], tuple_expected=True)
        if iterable is FlatValuesListIterable:
            return [row[0] for row in tuples]
        return list(tuples)

    def first(self, otherwise=None, /, **values):
        """The first row for these values, or ``otherwise`` when there is none."""
        return next(iter(self(**values)), otherwise)

    def _probes(self, values):
        """Values no row has, of the types of ``inputs`` (lists as long as in ``values``)."""
        probes = {}
        for n, (name, kind) in enumerate(self.inputs.items()):
            if kind == IDS:
                probes[name] = [2_100_100_000 + 1_000 * n + k for k in range(len(values[name]))]
            elif kind is datetime:
                probes[name] = datetime(1901, 2, 3, 4, 5, 6, 100_001 + n, tzinfo=UTC)
            elif kind is date:
                probes[name] = date(1901, 3, 1 + n)
            elif kind is int:
                probes[name] = 2_100_000_001 + 7 * n
            elif kind is str:
                probes[name] = f"nestwell-statement-probe-{n}"
            else:
                probes[name] = kind(pk=2_100_000_001 + 7 * n)
        return probes

    def _flat(self, connection, values):
        """Each value as a parameter of the statement, by name (``(name, k)`` for the k-th
        of a list)."""
        flat = {}
        for name, value in values.items():
            if name in self.lists:
                flat.update(((name, k), i) for k, i in enumerate(value))
            else:
                flat[name] = self._adapt(connection, name, value)
        return flat

    def _adapt(self, connection, name, value):
        kind = self.inputs[name]
        if kind is datetime:
            return connection.ops.adapt_datetimefield_value(value)
        if kind is date:
            return connection.ops.adapt_datefield_value(value)
        if kind is str:
            return str(value)
        return int(value.pk if isinstance(value, Model) else value)

    def _compile(self, connection, values):
        probes = self._probes(values)
        queryset = self.build(**probes)
        if (queryset._prefetch_related_lookups or queryset._known_related_objects
                or queryset._iterable_class not in (ModelIterable, ValuesListIterable,
                                                    FlatValuesListIterable)):
            return _REFUSED
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return _REFUSED
        adapted = self._flat(connection, probes)
        places = []
        for param in params:
            found = [at for at, value in adapted.items()
                     if type(value) is type(param) and value == param]
            places.append((found[0], None) if len(found) == 1 else (None, param))
        compiler.connection = None  # shared by the threads: each binds its own (_bound)
        # The last two: not yet compared with Django's; what a row becomes.
        return [sql, places, compiler, False, queryset._iterable_class]

    def __repr__(self):
        return f"Statement({self.build.__qualname__})"


def cursor(connection):
    """A cursor of ``connection``, Django's own (its wrapper, the queries it logs). On
    PostgreSQL the statement's parameters are sent apart from its text and the statement is
    prepared in the session, so the server parses and plans it once per connection too;
    not where the operator has said a pooler stands between (Django's
    ``DISABLE_SERVER_SIDE_CURSORS``, which a pooler in transaction mode needs), nor while
    Django logs queries (``DEBUG``, or a test capturing them), so that its log shows each
    statement with its values as usual."""
    if (connection.vendor != "postgresql" or connection.queries_logged
            or connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")):
        return connection.cursor()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:  # Django's "never": psycopg then ignores prepare=True
        raw.prepare_threshold = _ONLY_WHEN_ASKED  # Django's cursors bind on the client,
        # which never prepares: only these statements are prepared
    usual = raw.cursor_factory
    raw.cursor_factory = _prepared_cursor()  # this thread's connection, for one cursor
    try:
        return connection.cursor()
    finally:
        raw.cursor_factory = usual


@functools.cache
def _prepared_cursor():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparedCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, binary=binary,
                                   prepare=True if prepare is None else prepare)

    return PreparedCursor


def _bound(shared, connection):
    """A plan's compiler (kept without a connection, for every thread) bound to this
    thread's ``connection``, which its converters are given as in Django: a shallow copy,
    made once per connection (a few hundred bytes; the select, the query and the rest are
    the shared one's)."""
    try:
        mine = connection.nestwell_compilers
    except AttributeError:
        mine = connection.nestwell_compilers = {}
    compiler = mine.get(shared)
    if compiler is None:
        compiler = mine[shared] = copy.copy(shared)
        compiler.connection = connection
    return compiler


def _same(theirs, ours):
    """Django's ``(sql, params)`` and ours alike. psycopg's JSON parameters (``Jsonb``)
    have no equality of their own: theirs are compared by the value they carry."""
    (sql, params), (our_sql, our_params) = theirs, ours
    return sql == our_sql and len(params) == len(our_params) and all(
        type(a) is type(b) and (a == b or (hasattr(a, "obj") and a.obj == b.obj))
        for a, b in zip(params, our_params, strict=True))


def _instances(compiler, rows, alias):
    """What Django's ModelIterable makes of ``rows``, with the compiler that wrote the
    statement: its converters, ``from_db``, and the rows of ``select_related``."""
    results = compiler.results_iter([rows])
    select, klass_info = compiler.select, compiler.klass_info
    annotations = compiler.annotation_col_map
    model = klass_info["model"]
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    names = [f[0].target.attname for f in select[start:end]]
    related = get_related_populators(klass_info, select, alias)
    made = []
    for row in results:
        obj = model.from_db(alias, names, row[start:end])
        for populator in related:
            populator.populate(row, obj)
        for attr, at in (annotations or {}).items():
            setattr(obj, attr, row[at])
        made.append(obj)
    return made
