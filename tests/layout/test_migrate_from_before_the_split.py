"""A database from before journal was split into children, journal, care, pregnancy and
milestones migrates to the new layout with every row intact (SQLite and PostgreSQL).

The rows are today's demo data as ``main`` made them just before the split
(``demo_before_the_split.json.gz``: ``nestwell demo``'s households, dumped with
``manage dumpdata --all --exclude sessions``, content types and permissions included).
The test takes the test database back to the last migrations before the split, loads the
rows through the historical models, migrates forward and compares every table.
"""

import gzip
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

ROWS = Path(__file__).with_name("demo_before_the_split.json.gz")

# The last migration of each app on main before the split; the new apps did not exist.
BEFORE = [("accounts", "0003_api_tokens"), ("journal", "0006_milestone_external_id"),
          ("wellbeing", "0002_screening_version_length"), ("insights", "0003_weekly_email")]
NEW_APPS = ("children", "care", "milestones")
MOVED = {"child": "children", "cue": "care", "routine": "care", "routinestep": "care",
         "milestone": "milestones"}

pytestmark = pytest.mark.django_db(transaction=True)


def _executor():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


def _snapshot():
    """Every row of every table, as the database returns them: each row a dict by column
    name, since a later migration that rebuilds a SQLite table may reorder its columns."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table == "django_migrations":
                continue
            name = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {name} ORDER BY 1")  # noqa: S608 (table names)
            columns = [column[0] for column in cursor.description]
            tables[table] = [dict(zip(columns, row, strict=True))
                             for row in cursor.fetchall()]
    return tables


def _load(old_apps, records):
    """Insert the dumped rows through the models as they were before the split, times and
    all (auto_now is switched off on these throwaway historical models)."""
    by_model = {}
    for record in records:
        model = old_apps.get_model(record["model"])
        fields = record["fields"]
        values = {model._meta.pk.attname: record["pk"]}
        for field in model._meta.concrete_fields:
            if field.primary_key or field.name not in fields:
                continue
            field.auto_now = field.auto_now_add = False
            value = fields[field.name]
            values[field.attname] = value if field.is_relation else field.to_python(value)
        by_model.setdefault(model, []).append(model(**values))
    with transaction.atomic():  # foreign keys are checked at the end
        for model, objects in by_model.items():
            model.objects.bulk_create(objects)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(by_model)):
            cursor.execute(sql)
    return by_model


def test_a_database_from_before_the_split_keeps_every_row():
    executor = _executor()
    executor.migrate(BEFORE + [(app, None) for app in NEW_APPS])
    executor = _executor()
    applied = executor.loader.applied_migrations
    assert not any(app in NEW_APPS for app, _name in applied)
    assert ("journal", "0007_models_moved_to_their_apps") not in applied

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    # The state before the split: Django's own apps as they are now, and Nestwell's apps as
    # they were then (apps made since, whatever their migrations depend on, did not exist).
    nodes = [node for node in executor.loader.graph.leaf_nodes()
             if not apps.get_app_config(node[0]).name.startswith("nestwell.")] + BEFORE
    old_apps = executor.loader.project_state(nodes, at_end=True).apps
    records = json.loads(gzip.decompress(ROWS.read_bytes()))
    loaded = _load(old_apps, records)
    # One share link too (the demo has none): its child moves app under it.
    child = old_apps.get_model("journal", "Child").objects.order_by("pk").first()
    share = old_apps.get_model("insights", "ShareLink").objects.create(
        household_id=child.household_id, child_id=child.pk,
        created_by_id=old_apps.get_model("accounts", "User").objects.first().pk,
        token_hash="0" * 64, first="2026-11-01", last="2026-11-22",
        expires_at="2026-12-22T00:00:00Z")

    before = _snapshot()
    assert len(before["journal_moment"]) == 996 and len(before["journal_cue"]) == 174
    assert sum(len(objects) for objects in loaded.values()) == len(records)

    executor = _executor()
    executor.migrate(executor.loader.graph.leaf_nodes())
    after = _snapshot()

    # Every table is still there; tables that later migrations add start empty.
    assert set(before) <= set(after)
    assert all(after[table] == [] for table in set(after) - set(before))
    for table in before:
        if table != "django_content_type":
            # Columns that later migrations add (a baby's sex) come with their defaults;
            # every column that was there keeps its value.
            kept = [{column: row[column] for column in old} if old.keys() <= row.keys()
                    else row for row, old in zip(after[table], before[table], strict=False)]
            assert len(after[table]) == len(before[table]) and kept == before[table], (
                f"{table} changed")
    # The moved models' content types follow them (same ids, so permissions still match).
    def relabelled(row):
        row = dict(row)
        if row["app_label"] == "journal" and row["model"] in MOVED:
            row["app_label"] = MOVED[row["model"]]
        return row

    assert after["django_content_type"] == [relabelled(r) for r in before["django_content_type"]]

    # And today's code reads them where they live now.
    from django.contrib.auth.models import Permission

    from nestwell.care.models import Cue, Routine, RoutineStep
    from nestwell.children.models import Child
    from nestwell.insights.models import ShareLink
    from nestwell.journal.models import Moment
    from nestwell.milestones.models import Milestone

    counts = {label: sum(1 for r in records if r["model"] == label) for label in (
        "journal.child", "journal.moment", "journal.cue", "journal.routine",
        "journal.routinestep", "journal.milestone")}
    assert Child.objects.count() == counts["journal.child"] == 2
    assert Moment.objects.count() == counts["journal.moment"]
    assert Cue.objects.count() == counts["journal.cue"]
    assert Routine.objects.count() == counts["journal.routine"]
    assert RoutineStep.objects.count() == counts["journal.routinestep"]
    assert Milestone.objects.count() == counts["journal.milestone"]
    assert ShareLink.objects.get(pk=share.pk).child == Child.objects.get(pk=child.pk)
    assert Permission.objects.get(codename="change_cue").content_type.app_label == "care"
