"""What the migrations of several apps share: dropping the one-column indexes Django made
for foreign keys that a composite index now serves (docs/performance.md, Storage)."""

from django.db import migrations


def single_column_indexes(model_name, app_label, columns):
    """Drop (or, backwards, make) the plain one-column indexes Django made for these
    foreign keys, by SQL: altering the fields would make SQLite copy the whole table."""

    def forward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        table = model._meta.db_table
        with schema_editor.connection.cursor() as cursor:
            found = schema_editor.connection.introspection.get_constraints(cursor, table)
        for name, info in found.items():
            if (info["index"] and not info["unique"] and not info["primary_key"]
                    and len(info["columns"]) == 1 and info["columns"][0] in columns):
                schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")

    def backward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        table = model._meta.db_table
        for column in columns:
            name = schema_editor.quote_name(f"{table}_{column}_single")
            schema_editor.execute(f"CREATE INDEX {name} ON {schema_editor.quote_name(table)} "
                                  f"({schema_editor.quote_name(column)})")

    return migrations.RunPython(forward, backward)
