from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    """Cue, Routine and RoutineStep moved here from journal and kept their tables (journal_cue,
    journal_routine, journal_routinestep):
    only Django's idea of where the model lives changes; the database is not touched."""

    initial = True

    dependencies = [
        ('accounts', '0003_api_tokens'),
        ('children', '0001_initial'),
        ('journal', '0006_milestone_external_id'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
                migrations.CreateModel(
                    name='Cue',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('signal', models.CharField(choices=[('cry', 'Crying'), ('fuss', 'Fussing'), ('smile', 'Smile'), ('coo', 'Coo or hum'), ('reach', 'Reached out'), ('crawl_toward', 'Came towards you'), ('turn_away', 'Turned away'), ('rooting', 'Rooting'), ('arching', 'Arching back'), ('other', 'Something else')], max_length=20, verbose_name='what your baby did')),
                        ('intensity', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Softly'), (2, 'Clearly'), (3, 'Strongly')], null=True, verbose_name='how strongly')),
                        ('need', models.CharField(blank=True, choices=[('hunger', 'Hungry'), ('comfort', 'Comfort'), ('tiredness', 'Tired'), ('play', 'Play'), ('pain', 'Pain or discomfort'), ('unknown', 'Not sure')], max_length=16, verbose_name='what they seemed to need')),
                        ('started_at', models.DateTimeField(verbose_name='started')),
                        ('responded_at', models.DateTimeField(blank=True, null=True, verbose_name='answered at')),
                        ('ways', models.JSONField(blank=True, default=list, verbose_name='how')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='settled at')),
                        ('outcome', models.CharField(blank=True, choices=[('', 'Open'), ('settled', 'Settled'), ('unsettled', 'Still unsettled')], default='', max_length=10)),
                        ('note', models.TextField(blank=True, max_length=2000, verbose_name='note')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('version', models.PositiveIntegerField(default=1)),
                    ],
                    options={
                        'db_table': 'journal_cue',
                        'ordering': ['-started_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Routine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=60, verbose_name='name')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'db_table': 'journal_routine',
                        'ordering': ['name', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='RoutineStep',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('kind', models.CharField(choices=[('skin_to_skin', 'Skin-to-skin'), ('feeding', 'Feed'), ('talk', 'Talking'), ('sing', 'Singing'), ('read', 'Reading'), ('cuddle', 'Cuddle'), ('face_to_face', 'Face-to-face'), ('babywearing', 'Babywearing'), ('massage', 'Baby massage'), ('bath', 'Bath'), ('play', 'Play'), ('soothing', 'Soothing'), ('sleep', 'Sleep'), ('bump_talk', 'Talking to the bump'), ('bump_music', 'Music for the bump'), ('movement_count', 'Movements'), ('letter', 'Letter to baby')], max_length=32, verbose_name='what')),
                        ('at', models.TimeField(verbose_name='at about')),
                        ('tolerance_minutes', models.PositiveSmallIntegerField(default=45, verbose_name='give or take (minutes)')),
                    ],
                    options={
                        'db_table': 'journal_routinestep',
                        'ordering': ['position', 'at', 'pk'],
                    },
                ),
                migrations.AddField(
                    model_name='cue',
                    name='child',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cues', to='children.child'),
                ),
                migrations.AddField(
                    model_name='cue',
                    name='created_by',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name='cue',
                    name='household',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cues', to='accounts.household'),
                ),
                migrations.AddField(
                    model_name='cue',
                    name='moment',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='answered_cues', to='journal.moment'),
                ),
                migrations.AddField(
                    model_name='cue',
                    name='responder',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='who answered'),
                ),
                migrations.AddField(
                    model_name='routine',
                    name='child',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='routines', to='children.child'),
                ),
                migrations.AddField(
                    model_name='routine',
                    name='household',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.household'),
                ),
                migrations.AddField(
                    model_name='routinestep',
                    name='routine',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='care.routine'),
                ),
                migrations.AddIndex(
                    model_name='cue',
                    index=models.Index(fields=['child', 'started_at'], name='cue_child_time'),
                ),
                migrations.AddConstraint(
                    model_name='cue',
                    constraint=models.UniqueConstraint(condition=models.Q(('closed_at__isnull', True), ('signal__in', ('cry', 'fuss'))), fields=('child',), name='one_open_distress_episode'),
                ),
                migrations.AddConstraint(
                    model_name='cue',
                    constraint=models.CheckConstraint(condition=models.Q(('responded_at__isnull', True), ('responded_at__gte', models.F('started_at')), _connector='OR'), name='cue_answered_after_start'),
                ),
                migrations.AddConstraint(
                    model_name='cue',
                    constraint=models.CheckConstraint(condition=models.Q(('closed_at__isnull', True), ('closed_at__gte', models.F('started_at')), _connector='OR'), name='cue_closed_after_start'),
                ),
        ]),
    ]
