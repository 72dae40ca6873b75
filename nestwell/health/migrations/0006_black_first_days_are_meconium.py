"""Black nappies kept in the first three days of life, before the form refused them there,
become the meconium they were: read as "black after the first days" they called for a
call to the midwife today in the nappies table, the visit report and the handover."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import migrations

MECONIUM_DAYS = 3  # as nestwell.health.nappies.MECONIUM_DAYS when this was written


def black_to_meconium(apps, schema_editor):
    Nappy = apps.get_model("health", "Nappy")
    early = []
    for nappy in (Nappy.objects.filter(colour="black")
                  .select_related("child", "household").iterator()):
        try:
            zone = ZoneInfo(nappy.household.time_zone)
        except (ZoneInfoNotFoundError, ValueError):  # one the machine does not know: UTC,
            zone = ZoneInfo("UTC")                   # as Household.tz reads it
        born = nappy.child.birth_at
        if born is None:
            continue
        day_of_life = ((nappy.changed_at.astimezone(zone).date()
                        - born.astimezone(zone).date()).days + 1)
        if day_of_life <= MECONIUM_DAYS:
            early.append(nappy.pk)
    Nappy.objects.filter(pk__in=early).update(colour="meconium")


class Migration(migrations.Migration):

    dependencies = [
        ("health", "0005_stool_red_and_black"),
    ]

    operations = [
        migrations.RunPython(black_to_meconium, migrations.RunPython.noop),
    ]
