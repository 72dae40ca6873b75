from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    """Milestone moved here from journal and kept its table (journal_milestone):
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
                    name='Milestone',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('first_smile', 'First real smile'), ('first_laugh', 'First laugh'), ('first_coo', 'First coos and babbles'), ('knows_voice', 'Turned to your voice'), ('reaches', 'Reached out for you'), ('holds_head', 'Held their head up'), ('rolls_over', 'Rolled over'), ('sits', 'Sat up'), ('first_food', 'First taste of food'), ('first_tooth', 'First tooth'), ('crawls', 'Crawled'), ('waves', 'Waved'), ('first_word', 'First word'), ('stands', 'Stood up'), ('first_steps', 'First steps'), ('other', 'Something else')], max_length=32, verbose_name='what')),
                        ('title', models.CharField(blank=True, max_length=80, verbose_name='in your words')),
                        ('happened_on', models.DateField(verbose_name='when')),
                        ('note', models.TextField(blank=True, max_length=2000, verbose_name='note')),
                        ('external_id', models.CharField(blank=True, max_length=100)),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('child', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='children.child')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('household', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.household')),
                    ],
                    options={
                        'db_table': 'journal_milestone',
                        'ordering': ['-happened_on', '-pk'],
                        'indexes': [models.Index(fields=['child', 'happened_on'], name='journal_mil_child_i_202e8f_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('kind', 'other'), _negated=True), models.Q(('title', ''), _negated=True), _connector='OR'), name='milestone_other_has_a_title'), models.UniqueConstraint(condition=models.Q(('external_id', ''), _negated=True), fields=('household', 'external_id'), name='unique_milestone_external_id')],
                    },
                ),
        ]),
    ]
