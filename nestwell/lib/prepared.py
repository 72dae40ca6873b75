"""One row by fixed columns, with the statement written once per database connection.

Django builds a query's SQL anew every time it runs, and for a lookup by key that costs
far more than the database's answer: the API's lookup of the baby named in a call was a
quarter of a quick-log's CPU, nearly all of it building the statement. Here the statement
is written once per connection from the model's own metadata (names quoted, values as
parameters), and each row becomes an instance exactly as Django makes it: the same value
converters (times on SQLite, JSON), then ``Model.from_db``. On PostgreSQL it is also
prepared in the session, as ``lib.statements`` prepares its own (``statements.cursor``):
the server then parses and plans it once per connection too.
"""

import weakref

from django.db import connections, router

from nestwell.lib import statements

_plans = weakref.WeakKeyDictionary()  # per database connection: {(model, names): plan}


def loader(connection, model):
    """What turns a row of ``model``'s concrete fields (in their order) into an instance:
    the model, the fields' attribute names and each column with its converters."""
    fields = []
    for field in model._meta.concrete_fields:
        column = field.get_col(model._meta.db_table)
        fields.append((column, connection.ops.get_db_converters(column)
                       + column.get_db_converters(connection)))
    return model, [f.attname for f in model._meta.concrete_fields], fields


def columns(connection, model, alias):
    """The quoted columns of ``model``'s concrete fields, in the loader's order."""
    quote = connection.ops.quote_name
    return [f"{alias}.{quote(f.column)}" for f in model._meta.concrete_fields]


def convert(connection, column, converters, value):
    for converter in converters:
        value = converter(value, column, connection)
    return value


def build(connection, load, row, at=0):
    """The instance made from ``row[at:]`` by ``load`` (from ``loader``), and the position
    of the row's next column."""
    model, attnames, fields = load
    end = at + len(fields)
    values = [convert(connection, column, converters, value)
              for (column, converters), value in zip(fields, row[at:end], strict=True)]
    return model.from_db(connection.alias, attnames, values), end


def _plan(connection, model, names):
    plans = _plans.setdefault(connection, {})
    plan = plans.get((model, names))
    if plan is None:
        fields = [model._meta.pk if name == "pk" else model._meta.get_field(name)
                  for name in names]
        if not any(f.primary_key or f.unique for f in fields):
            raise ValueError(f"{model.__name__}: {names} may match more than one row")
        quote = connection.ops.quote_name
        where = " AND ".join(f"t.{quote(f.column)} = %s" for f in fields)
        sql = (f"SELECT {', '.join(columns(connection, model, 't'))} "  # noqa: S608
               f"FROM {quote(model._meta.db_table)} t WHERE {where}")  # quoted names only
        plan = (sql, fields, loader(connection, model))
        plans[(model, names)] = plan
    return plan


def get(model, **where):
    """``model.objects.filter(**where).first()``, for conditions that name a unique field
    (the primary key, say): the instance, or None. A condition is a field's name (or
    ``pk``) and a value, or an instance for a foreign key."""
    connection = connections[router.db_for_read(model)]
    names = tuple(where)
    sql, fields, load = _plan(connection, model, names)
    params = [field.get_db_prep_value(getattr(value, "pk", value), connection)
              for field, value in zip(fields, where.values(), strict=True)]
    with statements.cursor(connection) as cursor:
        try:
            cursor.execute(sql, params)
        except OverflowError:  # SQLite: a number no row can hold matches none, as in Django
            return None
        row = cursor.fetchone()
    return None if row is None else build(connection, load, row)[0]
