"""Growth: adding a weigh-in from the home page, reading it on the WHO chart, on a phone and
a desktop, light and dark."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from nestwell.growth.models import Measurement
from tests.browser.helpers import check_charts, signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_weigh_in_is_kept_and_read_on_the_who_chart(screen, viewport):
    s = screen(viewport, "growth")
    _user, household, child = signed_in_with_baby(s, name="Mila")
    page = s.page
    s.go("/")
    page.get_by_role("link", name="Growth").click()
    expect(page.get_by_role("heading", name="Mila's growth")).to_be_visible()
    expect(page.get_by_test_id("no-sex")).to_be_visible()
    s.shoot("no-sex")

    child.sex, child.birth_weight_grams = "female", 3420
    child.save()
    # her day of birth where the household lives (40 days ago may have been summer time)
    born = child.birth_at.astimezone(ZoneInfo(household.time_zone)).date()
    for day, grams, length, head, who in ((0, 3420, 505, 345, "hospital"),
                                          (5, 3200, None, None, "midwife"),
                                          (12, 3480, None, None, "midwife"),
                                          (26, 4050, 540, 372, "health_visitor")):
        Measurement.objects.create(household=household, child=child,
                                   measured_on=born + timedelta(days=day),
                                   weight_grams=grams, length_mm=length, head_mm=head,
                                   measured_by=who)
    s.go(f"/growth/?child={child.pk}")
    expect(page.get_by_test_id("regain")).to_contain_text("Back to birth weight by day 12")

    page.get_by_text("Add a measurement").click()
    page.get_by_label("Weight", exact=True).fill("42")
    page.get_by_role("button", name="Keep it").click()
    expect(page.get_by_text("3.4 kg is 3400")).to_be_visible()
    page.get_by_label("Weight", exact=True).fill("4480")
    page.get_by_label("Length (cm)").fill("55.2")
    page.get_by_label("Who measured").select_option("parent")
    page.get_by_role("button", name="Keep it").click()
    expect(page.get_by_role("status")).to_contain_text("Measurement kept")
    expect(page.get_by_test_id("measurement")).to_have_count(5)
    expect(page.get_by_test_id("measurement").first).to_contain_text("4.48 kg")
    expect(page.get_by_test_id("measurement").first).to_contain_text("centile")
    expect(page.get_by_test_id("chart-wfa")).to_be_visible()
    check_charts(s, ["growth-wfa", "growth-lfa", "growth-hcfa"])
    s.shoot("chart")

    page.get_by_test_id("chart-wfa").get_by_text("The numbers in a table").click()
    expect(page.get_by_test_id("chart-wfa").get_by_role("table")).to_contain_text("4.48")

    page.get_by_role("link", name="Edit the measurement").first.click()
    expect(page.get_by_role("heading", name="Measurement of")).to_be_visible()
    s.shoot("edit")
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("heading", name="Delete this for good?")).to_be_visible()
    page.get_by_test_id("delete-yes").click()
    expect(page.get_by_test_id("measurement")).to_have_count(4)

    # Weight on the dashboard, and the measurements in the report a health visitor reads.
    s.go(f"/insights/?child={child.pk}")
    expect(page.get_by_test_id("dashboard-growth")).to_be_visible()
    check_charts(s, ["growth-wfa"])
    page.get_by_test_id("dashboard-growth").scroll_into_view_if_needed()
    s.shoot("dashboard")
    s.go(f"/insights/report/?child={child.pk}")
    expect(page.get_by_test_id("report-growth")).to_contain_text("centile")
    check_charts(s, ["chart-growth"])
    s.shoot("report")


def test_the_growth_page_fits_a_narrow_phone(screen):
    from tests.browser.test_small_screens import WIDER_THAN_THE_SCREEN, WORD

    s = screen("narrow", "growth-narrow")
    _user, household, child = signed_in_with_baby(s, name="Maximiliana-Josephine")
    child.sex = "male"
    child.save()
    born = child.birth_at.astimezone(ZoneInfo(household.time_zone)).date()
    for day in (0, 10, 30):
        Measurement.objects.create(household=household, child=child,
                                   measured_on=born + timedelta(days=day),
                                   weight_grams=3500 + day * 30, length_mm=500 + day,
                                   head_mm=350 + day // 3, measured_by="health_visitor",
                                   note=WORD)
    for path in (f"/growth/?child={child.pk}", f"/insights/?child={child.pk}",
                 f"/insights/report/?child={child.pk}"):
        s.go(path)
        sizes = s.page.evaluate(WIDER_THAN_THE_SCREEN)
        assert sizes["page"] == sizes["screen"], f"{path} is wider than the screen: {sizes}"
    s.go(f"/growth/?child={child.pk}")
    check_charts(s, ["growth-wfa", "growth-lfa", "growth-hcfa"])
    s.shoot("page", both_schemes=False)
