"""A baby born early who stayed in neonatal care, in Chromium: the first hour's kind word,
the birth weight as the first measurement, the milk store's unit rules first, and the
movements counted in pregnancy without the urgent advice."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.journal.models import Moment
from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_every_screen import visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_pages_after_a_neonatal_birth(screen, viewport):
    s = screen(viewport, "neonatal")
    _user, household, emil = signed_in_with_baby(s, name="Emil")
    emil.sex, emil.birth_weight_grams, emil.neonatal_care = "male", 1850, True
    emil.gestation_weeks, emil.gestation_days = 32, 4
    emil.save()
    counted = emil.birth_at - timedelta(days=20)
    Moment.objects.create(household=household, child=emil, kind="movement_count",
                          started_at=counted, ended_at=counted + timedelta(minutes=6),
                          details={"count": 12})

    visit(s, f"/children/{emil.pk}/first-hour/", "first-hour", "The first hour")
    expect(s.page.get_by_test_id("first-hour-later")).to_contain_text("whenever it came")

    visit(s, f"/growth/?child={emil.pk}", "growth", "Emil's growth")
    first = s.page.get_by_test_id("measurement").first
    expect(first).to_contain_text("1.85")
    expect(first).to_contain_text("at birth")

    visit(s, f"/milk/store/?child={emil.pk}", "milk-store", "Milk store")
    expect(s.page.get_by_test_id("unit-rules")).to_be_visible()

    visit(s, f"/pregnancy/movements/?child={emil.pk}", "movements", "Emil's movements")
    expect(s.page.get_by_test_id("movement-advice")).to_have_count(0)
    expect(s.page.get_by_test_id("movement-session")).to_contain_text("12 movements")

    born_day = timezone.localtime(emil.birth_at, household.tz).date()
    visit(s, f"/timeline/?child={emil.pk}&day={born_day}", "birth-day", None)
    birth = s.page.locator('[data-kind="birth"]')
    expect(birth).to_contain_text("Emil is born")
    expect(birth).to_contain_text("32+4 weeks")
