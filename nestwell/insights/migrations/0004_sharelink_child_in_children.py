from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    """The share link's child is children.Child now (the same table, journal_child)."""

    dependencies = [
        ('children', '0001_initial'),
        ('insights', '0003_weekly_email'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
                migrations.AlterField(
                    model_name='sharelink',
                    name='child',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='children.child'),
                ),
        ]),
    ]
