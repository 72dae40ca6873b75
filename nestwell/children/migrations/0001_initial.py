from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    """Child moved here from journal and kept its table (journal_child):
    only Django's idea of where the model lives changes; the database is not touched."""

    initial = True

    dependencies = [
        ('accounts', '0003_api_tokens'),
        ('journal', '0006_milestone_external_id'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
                migrations.CreateModel(
                    name='Child',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=60, verbose_name='name')),
                        ('birth_at', models.DateTimeField(blank=True, null=True, verbose_name='born')),
                        ('due_date', models.DateField(blank=True, null=True, verbose_name='due date')),
                        ('gestation_weeks', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='weeks of pregnancy at birth')),
                        ('gestation_days', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='and days')),
                        ('birth_weight_grams', models.PositiveIntegerField(blank=True, null=True, verbose_name='birth weight (g)')),
                        ('birth_notes', models.TextField(blank=True, max_length=2000, verbose_name='notes on the birth')),
                        ('neonatal_care', models.BooleanField(default=False, verbose_name='stayed in neonatal care')),
                        ('medical_notes', models.TextField(blank=True, help_text="Anything about your baby's health you would like to keep in one place.", max_length=2000, verbose_name='medical notes')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('household', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='children', to='accounts.household')),
                    ],
                    options={
                        'verbose_name_plural': 'children',
                        'db_table': 'journal_child',
                        'ordering': ['created_at', 'pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('birth_at__isnull', False), ('due_date__isnull', False), _connector='OR'), name='child_has_birth_or_due_date')],
                    },
                ),
        ]),
    ]
