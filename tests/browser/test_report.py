"""The report for a visit, and the clinician's view through a share link."""

import re

import pytest
from playwright.sync_api import expect

from nestwell.wellbeing.models import CheckIn
from tests.browser.helpers import check_charts, signed_in_with_baby
from tests.insights.test_dashboard import fill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_make_a_report_and_share_it(screen, viewport):
    s = screen(viewport, "report")
    user, household, child = signed_in_with_baby(s)
    fill(household, child, user, days=10)
    CheckIn.objects.create(household=household, author=user, mood=2, connection=3, energy=2,
                           stress=4, support=2, safety="not_safe")
    page = s.page
    s.go(f"/insights/?child={child.pk}")
    page.get_by_role("link", name="Report for a visit").click()
    page.get_by_label("Include my check-ins and questionnaire results").check()
    page.get_by_role("button", name="Show the report").click()
    # The page opens on a default report (no check-ins) with its own share form: wait for
    # the report she asked for, or "Make a link" may share the old one (a slow machine).
    expect(page).to_have_url(re.compile(r"wellbeing=on"))
    expect(page.get_by_test_id("report")).to_be_visible()
    expect(page.get_by_test_id("chart-report")).to_be_visible()
    check_charts(s, {"chart-report"})
    # ten days logged in a fortnight: the figures a day say what they are averaged over
    expect(page.get_by_test_id("averaged-note")).to_contain_text(
        "so figures a day are averaged over")
    s.shoot("page")
    page.get_by_label("For whom (you and the parents see this)").fill("Midwife Jo")
    page.get_by_role("button", name="Make a link").click()
    link = page.get_by_test_id("share-link").inner_text()
    s.shoot("link")
    # The clinician, without an account: the chart, and the safety answer she cannot miss.
    clinician = screen(viewport, "report-clinician")
    clinician.page.goto(link)
    expect(clinician.page.get_by_test_id("report")).to_be_visible()
    expect(clinician.page.get_by_test_id("chart-report")).to_be_visible()
    flag = clinician.page.get_by_test_id("safety-flag")
    expect(flag).to_contain_text("asks for a conversation")
    colours = clinician.page.evaluate("""() => {
      const css = getComputedStyle(document.documentElement);
      return {flag: getComputedStyle(document.querySelector('[data-testid=safety-flag]'))
                .backgroundColor, calm: css.getPropertyValue('--calm-soft').trim()};
    }""")
    assert colours["flag"] != "rgb(227, 239, 233)"  # --calm-soft, the calm green
    clinician.shoot("page")
