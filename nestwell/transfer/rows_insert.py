"""Inserting many rows of one model at once, without building a model object per row.

An import of a few years of moments spends most of its time in the ORM's per-object work
(``Model.__init__`` and ``bulk_create`` preparing every field of every object). Rows here
are plain dicts of field values, adapted the way the ORM would adapt them, and written with
one ``executemany`` per batch (SQLite) or one ``COPY`` (PostgreSQL). Only for rows already
validated by the loader.
"""

from datetime import UTC

from django.db import connection, models
from django.utils import timezone


def _plain_sqlite():
    """SQLite keeping times in UTC (Django's default): times can be written directly."""
    return connection.vendor == "sqlite" and connection.timezone_name == "UTC"


def _sqlite_datetime(value):
    """What Django's SQLite backend stores for an aware time: naive UTC, as text."""
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
        elif isinstance(field, models.JSONField):
            adapt = lambda value, field=field: field.get_db_prep_save(value, connection)  # noqa: E731
        else:
            adapt = None
        plan.append((field.column, field.attname, missing, adapt))
    return plan


def insert_rows(model, rows, batch_size=2000):
    """Insert ``rows`` (dicts keyed by field attname, e.g. ``child_id``) into ``model``'s
    table. Missing fields take their default (or now, for auto_now fields)."""
    if not rows:
        return
    plan = _column_plan(model)
    now = timezone.now()
    quote = connection.ops.quote_name
    # Only quoted names from the model's own metadata go into the text; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table), ", ".join(quote(c) for c, *_ in plan),
        ", ".join(["%s"] * len(plan)))
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
