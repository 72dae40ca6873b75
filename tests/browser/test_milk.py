"""Pumping and the milk store in a browser: a session kept with its milk put in the fridge
in one step, then moved to the freezer and thawed, the use-by worked out each time; phone
and desktop, light and dark."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.milk import services
from nestwell.milk.models import MilkBag, PumpingSession
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_pumping_into_the_store_then_freezer_then_thawed(screen, viewport):
    s = screen(viewport, "milk", timezone_id="Europe/London")
    user, _household, child = signed_in_with_baby(s, name="Wren")
    earlier = timezone.now() - timedelta(days=3)
    services.add_bag(child=child, user=user, expressed_at=earlier, amount_ml=60,
                     place="freezer", note="From the weekend, a long note to see how it "
                                           "wraps on a small phone screen")
    page = s.page
    s.go("/")
    # The button among Today's links (the milk line above also names pumping).
    page.get_by_role("link", name=re.compile(r"Pumping$")).click()
    expect(page.get_by_role("heading", name="Pumping", exact=True)).to_be_visible()
    s.shoot("pumping-empty")

    page.get_by_label("How long (minutes, if you like)").fill("18")
    page.get_by_label("Both", exact=True).check()
    page.get_by_label("How much (if you like)").fill("4")
    page.get_by_label("fl oz", exact=True).check()
    page.get_by_label("In the fridge", exact=True).check()
    page.get_by_role("button", name="Keep it").click()
    expect(page.get_by_role("status")).to_contain_text("118 ml put in the store")
    expect(page.get_by_test_id("pumping").first).to_contain_text("Pumped 118 ml")
    assert PumpingSession.objects.get(child=child).amount_ml == 118
    s.shoot("pumping")

    page.get_by_role("link", name="The milk store").click()
    expect(page.get_by_role("heading", name="Milk store")).to_be_visible()
    bags = page.get_by_test_id("milk-bag")
    expect(bags).to_have_count(2)
    expect(bags.first).to_have_attribute("data-place", "fridge")  # soonest use-by first
    expect(page.get_by_text("Breastfeeding Network", exact=False)).to_be_visible()
    s.shoot("store")

    bags.first.get_by_role("button", name="Move: in the freezer").click()
    expect(page.get_by_role("status")).to_contain_text("in the freezer")
    fresh = MilkBag.objects.get(child=child, amount_ml=118)
    assert fresh.place == "freezer" and fresh.use_by > timezone.now() + timedelta(days=150)

    older = page.get_by_test_id("milk-bag").first  # the weekend's bag is used first now
    expect(older).to_contain_text("60 ml")
    older.get_by_role("button", name="Thaw in the fridge").click()
    # A tap meant for another bag is taken back in one more.
    toast = page.get_by_test_id("undo")
    expect(toast).to_contain_text("60 ml thawing in the fridge.")
    s.shoot("store-undo")
    toast.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("status")).to_contain_text("Taken back.")
    expect(page.get_by_test_id("milk-bag").first).to_have_attribute("data-place", "freezer")
    page.get_by_test_id("milk-bag").first.get_by_role("button",
                                                      name="Thaw in the fridge").click()
    expect(page.get_by_test_id("undo")).to_contain_text("thawing in the fridge")
    thawed = page.get_by_test_id("milk-bag").first
    expect(thawed).to_have_attribute("data-place", "thawed")
    expect(thawed.get_by_role("button", name="Move: in the freezer")).to_have_count(0)
    s.shoot("store-thawed")

    thawed.get_by_role("link", name="Edit 60 ml").click()
    expect(page.get_by_role("heading", name="60 ml of milk")).to_be_visible()
    s.shoot("bag-edit")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_colostrum_before_the_birth(screen, viewport):
    """From 36 weeks of pregnancy: the pregnancy home links to the page, a few millilitres
    go straight into the freezer, and the store lists the syringe."""
    from nestwell.children.models import Child

    s = screen(viewport, "milk", timezone_id="Europe/London")
    _user, household, born = signed_in_with_baby(s, name="Wren")
    bean = Child.objects.create(household=household, name="Bean",
                                due_date=timezone.localdate() + timedelta(days=17))
    page = s.page
    s.go(f"/?child={bean.pk}")
    page.get_by_test_id("colostrum-link").click()
    expect(page.get_by_role("heading", name="Colostrum before the birth")).to_be_visible()
    page.get_by_label("How much (if you like)").fill("1")
    page.get_by_label("ml", exact=True).check()
    page.get_by_label("In the freezer", exact=True).check()
    page.get_by_role("button", name="Keep it").click()
    expect(page.get_by_role("status")).to_contain_text("1 ml put in the store")
    expect(page.get_by_test_id("pumping").first).to_contain_text("1 ml")
    assert PumpingSession.objects.get(child=bean).amount_ml == 1
    s.shoot("colostrum")
    page.get_by_role("link", name="The milk store").click()
    expect(page.get_by_test_id("milk-bag")).to_have_count(1)
    expect(page.get_by_role("link", name="Colostrum before the birth")).to_be_visible()
    assert born.pk != bean.pk


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_today_counts_the_milk_that_can_still_be_given(screen, viewport):
    """Ben's walk: Today counted milk past its use-by time as milk there. It counts what can
    still be given and says how many are past it; the line leads to the store."""
    s = screen(viewport, "milk-today")
    user, _household, child = signed_in_with_baby(s, name="Maisie")
    now = timezone.now()
    services.add_bag(child=child, user=user, expressed_at=now - timedelta(hours=2),
                     amount_ml=120, place="fridge")
    for days in (10, 12):
        services.add_bag(child=child, user=user, expressed_at=now - timedelta(days=days),
                         amount_ml=90, place="fridge")
    s.go("/")
    line = s.page.get_by_test_id("milk-today")
    expect(line).to_contain_text(re.compile(r"In the store: 1 bottle or bag, 120\s?ml\."))
    expect(line.get_by_test_id("milk-past")).to_have_text("2 past their use-by time.")
    line.scroll_into_view_if_needed()
    s.shoot("today")
    line.get_by_role("link", name=re.compile("In the store")).click()
    expect(s.page).to_have_url(re.compile(r"/milk/store/"))
