"""Inserting many rows of one model at once, without building a model object per row.

An import of a few years of moments spends most of its time in the ORM's per-object work
(``Model.__init__`` and ``bulk_create`` preparing every field of every object). Rows here
are plain dicts of field values, adapted the way the ORM would adapt them, and written with
one ``executemany`` per batch (SQLite) or one ``COPY`` (PostgreSQL). Only for rows already
validated by the loader.
"""

import json
from datetime import UTC

from django.db import connection, models
from django.utils import timezone

# Plain values the drivers take as they are (text, whole numbers, ids); every other kind
# of field is adapted by the field itself, as the ORM would.
_AS_IS = (models.CharField, models.TextField, models.IntegerField, models.ForeignKey,
          models.AutoField, models.BigAutoField)


def _plain_sqlite():
    """SQLite keeping times in UTC (Django's default): times can be written directly."""
    return connection.vendor == "sqlite" and connection.timezone_name == "UTC"


def _sqlite_datetime(value):
    """What Django's SQLite backend stores for an aware time: naive UTC, as text."""
    if value.tzinfo is UTC:  # as most files give them: the text without "+00:00"
        return value.isoformat(" ")[:-6]
    if timezone.is_naive(value):
        return connection.ops.adapt_datetimefield_value(value)
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def _column_plan(model):
    """(column, attname, how to fill a missing value, how to adapt a value) per field."""
    plan = []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
            missing = "now"
        elif field.has_default():
            missing = field.get_default
        else:
            missing = None
        if isinstance(field, models.DateTimeField):
            adapt = (_sqlite_datetime if _plain_sqlite()
                     else connection.ops.adapt_datetimefield_value)
        elif isinstance(field, models.JSONField) and _plain_sqlite():
            # What the field's own preparation comes to on SQLite, without its calls.
            adapt = lambda value, encoder=field.encoder: json.dumps(value, cls=encoder)  # noqa: E731
        elif isinstance(field, _AS_IS):
            adapt = None
        else:  # JSON elsewhere, decimals, dates, booleans…: as the ORM prepares them
            adapt = lambda value, field=field: field.get_db_prep_save(value, connection)  # noqa: E731
        plan.append((field.column, field.attname, missing, adapt))
    return plan


def _lines(plan, rows):
    now = timezone.now()
    values = []
    for row in rows:
        line = []
        for _column, attname, missing, adapt in plan:
            if attname in row:
                value = row[attname]
            elif missing == "now":
                value = now
            elif missing is not None:
                value = missing()
            else:
                value = None
            line.append(adapt(value) if adapt is not None and value is not None else value)
        values.append(line)
    return values


def insert_rows_returning(model, rows):
    """Insert ``rows`` as ``insert_rows`` does, a few hundred to a statement, and return
    the new rows' primary keys (for the import to take them out again if a later batch
    fails)."""
    if not rows:
        return []
    plan = _column_plan(model)
    known = {attname for _c, attname, *_ in plan}
    for row in rows:  # a name that is no field would be dropped without a word
        if not known.issuperset(row):
            raise ValueError(f"{model.__name__} has no field {sorted(set(row) - known)}")
    quote = connection.ops.quote_name
    values = _lines(plan, rows)
    width = len(plan)
    # As many rows a statement as Django lets one statement carry parameters (its
    # max_query_params: 999 on SQLite, whatever the library takes; none on PostgreSQL, so
    # 500 rows), the figure bulk_create uses.
    size = max(1, min(500, (connection.features.max_query_params or 999) // width))
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608
        quote(model._meta.db_table), ", ".join(quote(c) for c, *_ in plan))
    one = "(" + ", ".join(["%s"] * width) + ")"
    pk = quote(model._meta.pk.column)
    made = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), size):
            chunk = values[start:start + size]
            cursor.execute(head + ", ".join([one] * len(chunk)) + f" RETURNING {pk}",
                           [v for line in chunk for v in line])
            made += [row[0] for row in cursor.fetchall()]
    return made


def insert_rows(model, rows, batch_size=2000):
    """Insert ``rows`` (dicts keyed by field attname, e.g. ``child_id``) into ``model``'s
    table. Missing fields take their default (or now, for auto_now fields)."""
    if not rows:
        return
    plan = _column_plan(model)
    quote = connection.ops.quote_name
    # Only quoted names from the model's own metadata go into the text; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table), ", ".join(quote(c) for c, *_ in plan),
        ", ".join(["%s"] * len(plan)))
    values = _lines(plan, rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one statement: several times faster than one
            # INSERT per row, with the same constraints checked.
            copy_sql = "COPY {} ({}) FROM STDIN".format(
                quote(model._meta.db_table), ", ".join(quote(c) for c, *_ in plan))
            with cursor.cursor.copy(copy_sql) as copy:
                for line in values:
                    copy.write_row(line)
            return
        for start in range(0, len(values), batch_size):
            cursor.executemany(sql, values[start:start + batch_size])
