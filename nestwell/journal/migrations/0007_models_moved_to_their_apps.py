from django.db import migrations, models
import django.db.models.deletion

# Models that left journal for their own apps, keeping their tables (see each app's 0001).
MOVED = {"child": "children", "cue": "care", "routine": "care", "routinestep": "care",
         "milestone": "milestones"}


def _move_content_types(apps, schema_editor, moves):
    """Relabel the content types of the moved models, so their permissions (which point
    at the content type) and anything else keyed on it follow the model."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, (old, new) in moves.items():
        if ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            continue  # already there (made by a later post-migrate); leave both alone
        ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    _move_content_types(apps, schema_editor,
                        {model: ("journal", app) for model, app in MOVED.items()})


def backwards(apps, schema_editor):
    _move_content_types(apps, schema_editor,
                        {model: (app, "journal") for model, app in MOVED.items()})


class Migration(migrations.Migration):
    """Child, Cue, Routine, RoutineStep and Milestone now live in the children, care and
    milestones apps, in the same tables: journal forgets them (state only, the database is
    not touched) and their content types are relabelled."""

    dependencies = [
        ('journal', '0006_milestone_external_id'),
        ('children', '0001_initial'),
        ('care', '0001_initial'),
        ('milestones', '0001_initial'),
        ('insights', '0004_sharelink_child_in_children'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
                migrations.RemoveField(
                    model_name='routine',
                    name='child',
                ),
                migrations.RemoveField(
                    model_name='cue',
                    name='child',
                ),
                migrations.AlterField(
                    model_name='moment',
                    name='child',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='moments', to='children.child'),
                ),
                migrations.RemoveField(
                    model_name='milestone',
                    name='child',
                ),
                migrations.RemoveField(
                    model_name='cue',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='cue',
                    name='household',
                ),
                migrations.RemoveField(
                    model_name='cue',
                    name='moment',
                ),
                migrations.RemoveField(
                    model_name='cue',
                    name='responder',
                ),
                migrations.RemoveField(
                    model_name='milestone',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='milestone',
                    name='household',
                ),
                migrations.RemoveField(
                    model_name='routine',
                    name='household',
                ),
                migrations.RemoveField(
                    model_name='routinestep',
                    name='routine',
                ),
                migrations.DeleteModel(
                    name='Child',
                ),
                migrations.DeleteModel(
                    name='Cue',
                ),
                migrations.DeleteModel(
                    name='Milestone',
                ),
                migrations.DeleteModel(
                    name='Routine',
                ),
                migrations.DeleteModel(
                    name='RoutineStep',
                ),
        ]),
        migrations.RunPython(forwards, backwards),
    ]
