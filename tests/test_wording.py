"""Words and numbers as a tired parent reads them: units that never wrap apart, names that
clinicians recognise, kind wording where a number could sting."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.milestones.models import Milestone
from nestwell.wellbeing.models import ScreeningResponse
from tests.insights.test_report import pdf_text, period

NBSP = "\u00a0"


def _bottle_today(household, nora, ml):
    # An hour ago, but never before today's midnight (the test may run just after one).
    zone = ZoneInfo(household.time_zone)
    midnight = datetime.combine(timezone.now().astimezone(zone).date(), time(0, 1), zone)
    start = max(timezone.now() - timedelta(hours=1), midnight)
    Moment.objects.create(household=household, child=nora, kind="feeding", started_at=start,
                          ended_at=start + timedelta(minutes=10),
                          details={"method": "bottle", "amount_ml": ml})


def test_an_amount_and_its_unit_stay_together(client_for, alice, nora, household):
    _bottle_today(household, nora, 120)
    assert f"120{NBSP}ml" in client_for(alice).get("/timeline/").content.decode()
    report = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    assert f"120{NBSP}ml in all" in report


def test_an_age_stays_on_one_line(client_for, alice, nora, household):
    Milestone.objects.create(household=household, child=nora, kind="smile",
                             happened_on=timezone.localdate())
    page = client_for(alice).get(f"/milestones/?child={nora.pk}").content.decode()
    assert f"at{NBSP}" in page and "at 5 weeks" not in page


def test_questionnaires_are_named_as_clinicians_write_them(client_for, alice, nora, household):
    ScreeningResponse.objects.create(household=household, author=alice, instrument="phq9",
                                     version="1", total=7, band_label="mild")
    client = client_for(alice)
    query = f"{period()}&wellbeing=on"
    page = client.get(f"/insights/report/?{query}").content.decode()
    csv = client.get(f"/insights/report/?{query}&download=csv").content.decode("utf-8-sig")
    pdf = pdf_text(client.get(f"/insights/report/?{query}&download=pdf").content)
    for text in (page, csv, pdf):
        assert "PHQ-9" in text and "PHQ9" not in text


def _episode(household, child, user, start, outcome, ways=("feed",)):
    return Cue.objects.create(household=household, child=child, signal="cry",
                              started_at=start, responded_at=start + timedelta(minutes=2),
                              closed_at=start + timedelta(minutes=10), outcome=outcome,
                              need="hungry", ways=list(ways), responder=user)


def test_what_helped_never_counts_failures(client_for, alice, nora, household):
    _episode(household, nora, alice, timezone.now() - timedelta(hours=3), "unsettled")
    page = client_for(alice).get(f"/care/?child={nora.pk}").content.decode()
    assert "settled 0 of" not in page and "0 of 1" not in page
    assert "tried once" in page


def test_the_nights_read_as_shared_not_scored(client_for, alice, bob, nora, household):
    night = timezone.localtime().replace(hour=2, minute=0) - timedelta(days=1)
    for i, who in enumerate((alice, alice, bob)):
        _episode(household, nora, who, night + timedelta(minutes=20 * i), "settled")
    page = client_for(alice).get(f"/care/?child={nora.pk}").content.decode()
    assert "Who answered at night" not in page and " · 2<" not in page
    assert "3 cries at night were answered, by" in page
    assert f"{alice.display_name} and {bob.display_name}" in page


def test_pregnancy_pages_do_not_speak_of_feeds_or_crying_buttons(client_for, alice, household):
    bean = Child.objects.create(household=household, name="Bean",
                                due_date=date.today() + timedelta(weeks=8))
    client = client_for(alice)
    dashboard = client.get(f"/insights/?child={bean.pk}").content.decode()
    assert "Last feed" not in dashboard and 'data-testid="last-feed"' not in dashboard
    answering = client.get(f"/care/?child={bean.pk}").content.decode()
    assert "Baby is crying" not in answering and "Once Bean is here" in answering


def test_the_add_a_first_plus_is_a_plain_plus(client_for, alice, nora):
    page = client_for(alice).get(f"/milestones/?child={nora.pk}").content.decode()
    assert "\uff0b" not in page and "Add a first" in page


def test_a_questionnaire_screen_has_a_main_heading(client_for, alice, nora):
    client = client_for(alice)
    page = client.post("/you/questionnaires/phq9/", {"go": "start", "step": "0",
                                                     "answers": ""}).content.decode()
    assert "<h1" in page and "question 1 of 9" in page


def _pages_without_arguments(patterns=None, prefix="/"):
    """Every page of the URLconf that takes no argument (the API and admin aside)."""
    from django.urls import URLPattern, get_resolver

    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern)
        if "<" in route or route.startswith(("^", "api/", "admin/")):
            continue
        if isinstance(entry, URLPattern):
            found.append(prefix + route)
        else:
            found += _pages_without_arguments(entry.url_patterns, prefix + route)
    return found


def test_no_select_offers_an_empty_row_of_dashes(client_for, alice, nora):
    """Django's "---------" is no choice a person can read: each empty choice has words
    ("Not given", "Choose one") or there is none."""
    client = client_for(alice)
    pages = _pages_without_arguments() + [f"/children/{nora.pk}/edit/", "/you/contacts/new/"]
    seen = 0
    for path in pages:
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", "") \
                or getattr(response, "streaming", False):
            continue
        seen += 1
        assert "---------" not in response.content.decode(), path
    assert seen > 50


def test_the_heading_over_her_babys_signals_is_not_one_of_them(client_for, alice, nora,
                                                                household):
    """The heading read "Nora reached out" over a chip also called "Reached out"; in
    Arabic it gave the baby a gender."""
    import re

    from django.utils.html import strip_tags

    for language in ("en", "fr", "ar"):
        household.locale = language
        household.save()
        alice.language = language
        alice.save()
        page = client_for(alice).get(f"/?child={nora.pk}").content.decode()
        heading = strip_tags(page.split('<h2 id="cues-title">')[1].split("</h2>")[0])
        section = page.split('aria-labelledby="cues-title"')[1].split("</section>")[0]
        chips = [strip_tags(c).strip() for c in re.findall(r'class="chip">(.*?)</button>',
                                                           section, re.S)]
        assert len(chips) >= 3 and "Nora" in heading
        assert not any(chip.split(" ", 1)[-1].casefold() in heading.casefold()
                       for chip in chips), (heading, chips)


def test_in_fluid_ounces_the_report_says_the_milk_in_fluid_ounces(client_for, alice, nora,
                                                                  household):
    """A household reading fl oz saw "3 bottles, 148 ml in all" in its report."""
    _bottle_today(household, nora, 148)
    alice.volume_unit = "oz"
    alice.save(update_fields=["volume_unit"])
    report = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    assert f"1 bottle, 5{NBSP}fl{NBSP}oz in all" in report
