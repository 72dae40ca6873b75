"""The growth page: keeping measurements, their centiles and chart, kind refusals, editing
with a version, who may see and change them, and a page that costs the same queries."""

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.growth import progress
from nestwell.growth.models import Measurement


def _day(days_ago=0):
    return (timezone.localdate() - timedelta(days=days_ago)).isoformat()


@pytest.fixture
def girl(nora):
    nora.sex = "female"
    nora.birth_weight_grams = 3300
    nora.save()
    return nora


def test_a_weight_is_kept_and_read_on_the_who_chart(client_for, alice, girl):
    page = client_for(alice).get(f"/growth/?child={girl.pk}").content.decode()
    # Her birth weight (kept with the birth) is the first line, and the chart's first
    # point; the form to add one of her own stays open.
    assert "Nora's growth" in page and "Nothing here yet" not in page
    assert "3.3\u00a0kg" in page and "at birth" in page
    assert '<details class="card" open>' in page
    assert f'href="/children/{girl.pk}/edit/" aria-label="Edit the birth weight"' in page
    response = client_for(alice).post(f"/growth/?child={girl.pk}", {
        "measured_on": _day(), "weight_grams": "4,250", "length_mm": "53.5",
        "head_mm": "37.1", "measured_by": "health_visitor", "note": "At the clinic"})
    assert response.status_code == 302
    kept = Measurement.objects.get()
    assert (kept.weight_grams, kept.length_mm, kept.head_mm) == (4250, 535, 371)
    assert (kept.measured_by, kept.created_by) == ("health_visitor", alice)
    page = client_for(alice).get(response.url).content.decode()
    assert "4.25 kg" in page and "53.5 cm long" in page and "Health visitor" in page
    assert "centile" in page and "At the clinic" in page
    assert 'data-testid="chart-wfa"' in page and "<svg" in page
    assert "50th" in page and "97th" in page          # the centile lines are named
    assert "Weight for age on the WHO Child Growth Standards for girls" in page
    # Her age as the WHO tables count it (0 on the day of the birth): said as an age, so
    # it never reads against the nappies' "day 1" of life; past four weeks, in weeks.
    zone = ZoneInfo(girl.household.time_zone)
    days = (kept.measured_on - timezone.localtime(girl.birth_at, zone).date()).days
    assert days > 28 and f"{days // 7} weeks old" in page and "days old" not in page
    assert f"day {days}<" not in page and f"day {days} " not in page


def test_without_a_sex_the_page_says_centiles_need_it(client_for, alice, nora):
    Measurement.objects.create(household=nora.household, child=nora,
                               measured_on=timezone.localdate(), weight_grams=4000)
    page = client_for(alice).get(f"/growth/?child={nora.pk}").content.decode()
    assert 'data-testid="no-sex"' in page and "centiles need to know" in page
    assert "<svg" not in page and "4 kg" in page and "centile)" not in page


@pytest.mark.parametrize(("data", "message"), [
    ({"weight_grams": "", "length_mm": "", "head_mm": ""}, "Add at least one"),
    ({"weight_grams": "4.2.1"}, "or in kilograms, like 3.45 kg"),
    ({"weight_grams": "4.2 st"}, "or in kilograms, like 3.45 kg"),
    ({"weight_grams": "42"}, "3.4 kg is 3400"),
    ({"weight_grams": "42000"}, "we take 300 g to 30,000 g"),
    ({"length_mm": "21"}, "An inch is about 2.5 cm"),
    ({"head_mm": "99"}, "we take 20 to 60 cm"),
    ({"length_mm": "abc"}, "Enter a number"),
    ({"weight_grams": "३४००"}, "or in kilograms, like 3.45 kg"),
    ({"weight_grams": "4000", "measured_on": "{tomorrow}"}, "has not come yet"),
    ({"weight_grams": "4000", "measured_on": "{before}"}, "before the birth"),
    ({"weight_grams": "4000", "measured_by": "neighbour"}, "Select a valid choice"),
])
def test_bad_input_is_explained_kindly_and_nothing_is_saved(client_for, alice, girl, data,
                                                            message):
    form = {"measured_on": _day(), "measured_by": "parent", **data}
    form["measured_on"] = form["measured_on"].format(
        tomorrow=_day(-1), before=_day(40))
    response = client_for(alice).post(f"/growth/?child={girl.pk}", form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(("typed", "saved", "message"), [
    ("113 oz", 3203, None), ("7 lb 1 oz", 3203, None),
    # "3200" was saved as 32 lb 0 oz; it is now refused, and the range is said in lb
    ("3200", None, "Enter the weight in pounds and ounces, like 7 lb 10 oz."),
    ("70 lb", None, "we take about 11 oz to 66 lb"),
])
def test_in_pounds_and_ounces_what_she_types_is_what_is_kept(client_for, alice, girl, typed,
                                                            saved, message):
    alice.weight_unit = "imperial"
    alice.save(update_fields=["weight_unit"])
    response = client_for(alice).post(f"/growth/?child={girl.pk}", {
        "measured_on": _day(), "measured_by": "parent", "weight_grams": typed})
    if saved:
        assert response.status_code == 302
        assert Measurement.objects.get().weight_grams == saved
    else:
        assert response.status_code == 200 and message in response.content.decode()
        assert "in grams" not in response.content.decode()
        assert not Measurement.objects.exists()


def test_every_problem_on_the_form_is_said_at_once(client_for, alice, girl):
    """A weight the form cannot read does not hide the service's rules on the other
    fields (a day not come yet, a length out of range)."""
    response = client_for(alice).post(f"/growth/?child={girl.pk}", {
        "measured_on": _day(-1), "measured_by": "parent", "weight_grams": "heavy",
        "length_mm": "21"})
    page = response.content.decode()
    assert "or in kilograms, like 3.45 kg" in page
    assert "has not come yet" in page and "An inch is about 2.5 cm" in page
    assert "Add at least one" not in page          # the weight was given, only unreadable
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(("typed", "grams"), [
    ("3450", 3450), ("3 450", 3450), ("3,450", 3450), ("3450 g", 3450),
    ("3.45 kg", 3450), ("3,45kg", 3450), ("4.2", 4200), ("4,2", 4200), ("3.450", 3450)])
def test_a_weight_is_taken_in_grams_or_kilograms(client_for, alice, girl, typed, grams):
    response = client_for(alice).post(f"/growth/?child={girl.pk}", {
        "measured_on": _day(), "measured_by": "parent", "weight_grams": typed})
    assert response.status_code == 302
    assert Measurement.objects.get().weight_grams == grams


def test_a_viewer_sees_measurements_but_cannot_add_or_change_them(client_for, carol, girl):
    kept = Measurement.objects.create(household=girl.household, child=girl,
                                      measured_on=timezone.localdate(), weight_grams=4000)
    page = client_for(carol).get(f"/growth/?child={girl.pk}").content.decode()
    assert "4 kg" in page and "Add a measurement" not in page
    assert client_for(carol).post(f"/growth/?child={girl.pk}", {
        "measured_on": _day(), "weight_grams": "4100", "measured_by": "parent"}
    ).status_code == 403
    assert client_for(carol).post(f"/growth/{kept.pk}/", {"delete": "1"}).status_code == 403
    assert Measurement.objects.count() == 1


def test_another_household_cannot_see_or_touch_them(client_for, mallory, girl, sam):
    kept = Measurement.objects.create(household=girl.household, child=girl,
                                      measured_on=timezone.localdate(), weight_grams=4321,
                                      note="private weigh-in")
    page = client_for(mallory).get(f"/growth/?child={girl.pk}").content.decode()
    assert "private weigh-in" not in page and "Sam's growth" in page
    assert client_for(mallory).get(f"/growth/{kept.pk}/").status_code == 404
    assert client_for(mallory).post(f"/growth/{kept.pk}/", {"delete": "1"}).status_code == 404
    assert Measurement.objects.filter(pk=kept.pk).exists()


def test_an_edit_from_an_old_version_is_refused_with_a_message(client_for, alice, bob, girl):
    kept = Measurement.objects.create(household=girl.household, child=girl,
                                      measured_on=timezone.localdate(), weight_grams=4000)
    form = {"measured_on": _day(), "measured_by": "parent", "version": kept.version}
    assert client_for(alice).post(f"/growth/{kept.pk}/",
                                  {**form, "weight_grams": "4050"}).status_code == 302
    response = client_for(bob).post(f"/growth/{kept.pk}/", {**form, "weight_grams": "4100"})
    assert response.status_code == 302 and response.url == f"/growth/{kept.pk}/"
    page = client_for(bob).get(response.url).content.decode()
    assert "This was changed since you opened it" in page and 'value="4050"' in page
    kept.refresh_from_db()
    assert kept.weight_grams == 4050 and kept.version == 2


def test_a_measurement_can_be_changed_and_removed(client_for, alice, girl):
    kept = Measurement.objects.create(household=girl.household, child=girl,
                                      measured_on=timezone.localdate(), weight_grams=4000)
    page = client_for(alice).get(f"/growth/{kept.pk}/").content.decode()
    assert 'value="4000"' in page
    client_for(alice).post(f"/growth/{kept.pk}/", {
        "measured_on": _day(), "measured_by": "midwife", "weight_grams": "",
        "length_mm": "54.0", "version": kept.version})
    kept.refresh_from_db()
    assert (kept.weight_grams, kept.length_mm, kept.measured_by) == (None, 540, "midwife")
    response = client_for(alice).post(f"/growth/{kept.pk}/", {"delete": "1", "confirmed": "1"})
    assert response.status_code == 302 and not Measurement.objects.exists()


def test_a_preterm_baby_is_read_at_corrected_age(client_for, alice, girl):
    girl.gestation_weeks, girl.gestation_days = 32, 0
    girl.save()
    Measurement.objects.create(household=girl.household, child=girl,
                               measured_on=timezone.localdate(), weight_grams=2100)
    page = client_for(alice).get(f"/growth/?child={girl.pk}").content.decode()
    # 30 days old, born 8 weeks early: still before the due date, so not on the charts yet,
    # said as such (it read "-26 days corrected" and "outside the WHO tables")
    assert 'data-testid="corrected-note"' in page
    assert "26 days before the due date" in page and "-26" not in page
    assert "the WHO charts begin at the due date" in page
    assert "outside the WHO tables" not in page
    # the dashboard said to add the baby's sex, which was there
    page = client_for(alice).get(f"/insights/?child={girl.pk}").content.decode()
    assert 'data-testid="growth-before-due"' in page and "girls and boys" not in page
    # nor in the report a nurse reads ("2.1 kg (outside the WHO tables)" on every line)
    page = client_for(alice).get(f"/insights/report/?child={girl.pk}").content.decode()
    assert "(the WHO charts begin at the due date)" in page
    assert "outside the WHO tables" not in page


def test_birth_weight_regain_is_said_gently():
    born = date(2026, 3, 1)
    back = progress.birth_weight_regain(3500, born, [(date(2026, 3, 4), 3250),
                                                     (date(2026, 3, 11), 3520)])
    assert back == {"back_on_day": 10, "at_first_weighing": False, "latest_day": 10,
                    "latest_grams": 3520, "lowest_percent": 7.1}
    # Nobody weighed her before day 34: back "at the first weighing", not "by day 34"
    late = progress.birth_weight_regain(2450, born, [(date(2026, 4, 4), 3100)])
    assert late["back_on_day"] == 34 and late["at_first_weighing"] is True
    not_yet = progress.birth_weight_regain(3500, born, [(date(2026, 3, 5), 3300)])
    assert not_yet["back_on_day"] is None and not_yet["latest_day"] == 4
    assert progress.birth_weight_regain(None, born, [(date(2026, 3, 5), 3300)]) is None
    assert progress.birth_weight_regain(3500, born, [(date(2026, 6, 5), 6300)]) is None


def test_the_regain_card_names_its_source(client_for, alice, girl):
    Measurement.objects.create(household=girl.household, child=girl,
                               measured_on=timezone.localdate() - timedelta(days=20),
                               weight_grams=3400)
    page = client_for(alice).get(f"/growth/?child={girl.pk}").content.decode()
    assert "At or above birth weight at the first weighing after the birth, on day 10." \
        in page and "Back to birth weight by day" not in page
    assert "by about two weeks" in page and "Source: NHS" in page


def test_a_baby_born_early_is_not_held_to_the_two_weeks_of_babies_born_at_term(
        client_for, alice, girl):
    """At 31 weeks, "back to their birth weight by about two weeks" read as a verdict."""
    girl.gestation_weeks, girl.gestation_days = 31, 2
    girl.save()
    Measurement.objects.create(household=girl.household, child=girl,
                               measured_on=timezone.localdate() - timedelta(days=20),
                               weight_grams=3400)
    page = client_for(alice).get(f"/growth/?child={girl.pk}").content.decode()
    assert 'data-testid="regain"' in page and 'data-testid="regain-early"' in page
    assert "by about two weeks" not in page and "neonatal team" in page


def test_the_regain_card_is_for_the_first_six_weeks(client_for, alice, girl):
    """At ten weeks the card still headed the growth page (the guide says six weeks)."""
    Measurement.objects.create(household=girl.household, child=girl,
                               measured_on=timezone.localdate() - timedelta(days=20),
                               weight_grams=3400)
    client = client_for(alice)
    born = timezone.localtime(girl.birth_at).date()
    assert 'data-testid="regain"' in client.get(f"/growth/?child={girl.pk}").content.decode()
    girl.birth_at -= timedelta(days=43 - (timezone.localdate() - born).days)
    girl.save(update_fields=["birth_at"])
    page = client.get(f"/growth/?child={girl.pk}").content.decode()
    assert 'data-testid="regain"' not in page


def test_the_page_costs_the_same_queries_with_many_measurements(client_for, alice, girl):
    client = client_for(alice)

    def queries():
        with CaptureQueriesContext(connection) as seen:
            assert client.get(f"/growth/?child={girl.pk}").status_code == 200
        return len(seen)

    Measurement.objects.create(household=girl.household, child=girl,
                               measured_on=timezone.localdate(), weight_grams=4000)
    few = queries()
    Measurement.objects.bulk_create([
        Measurement(household=girl.household, child=girl,
                    measured_on=timezone.localdate() - timedelta(days=i % 29),
                    weight_grams=3300 + i * 10, length_mm=500 + i, head_mm=350 + i % 10)
        for i in range(60)])
    assert queries() == few


def test_the_dashboard_shows_weight_on_the_chart(client_for, alice, girl):
    # The birth weight alone is a point already (the card said "No weights kept yet"
    # while the growth page and the visit report showed it).
    page = client_for(alice).get(f"/insights/?child={girl.pk}").content.decode()
    assert "No weights kept yet" not in page and 'id="growth-wfa"' in page
    girl.birth_weight_grams = None
    girl.save()
    page = client_for(alice).get(f"/insights/?child={girl.pk}").content.decode()
    assert "No weights kept yet" in page
    Measurement.objects.create(household=girl.household, child=girl,
                               measured_on=timezone.localdate(), weight_grams=4100)
    page = client_for(alice).get(f"/insights/?child={girl.pk}").content.decode()
    assert 'data-testid="dashboard-growth"' in page and 'id="growth-wfa"' in page
    girl.sex = ""
    girl.save()
    page = client_for(alice).get(f"/insights/?child={girl.pk}").content.decode()
    assert "drawn separately for girls and boys" in page


def test_the_demo_baby_has_weigh_ins_on_the_chart(db):
    from nestwell.children.models import Child
    from nestwell.ops.demo import fill_demo

    fill_demo()
    leo = Child.objects.get(name="Leo")
    assert leo.sex == "male" and Measurement.objects.filter(child=leo).count() == 6
    rows = progress.rows_for(leo, Measurement.objects.filter(child=leo))
    assert all(15 <= float(r.centile("wfa")) <= 85 for r in rows if r.centile("wfa"))


def test_the_bench_generator_weighs_its_babies_weekly(db):
    from bench.generate import generate

    _household, _mother, children, _token, counts = generate("smoke")
    assert counts["measurements"] == 2  # days 0 and 7 of a week-old baby
    assert children[0].sex == "female"


def test_the_charts_table_writes_days_and_z_scores_in_her_language(client_for, alice,
                                                                    girl):
    """Chloé's table read "2026-11-01" and "+0.40" beside "3,42 kg"."""
    weighed = timezone.localtime(girl.birth_at, girl.household.tz).date() + timedelta(days=10)
    Measurement.objects.create(household=girl.household, child=girl, measured_on=weighed,
                               weight_grams=4100)
    alice.language = "fr"
    alice.save()
    page = client_for(alice).get(f"/insights/?child={girl.pk}").content.decode()
    start = page.index("<table", page.index('id="growth-wfa"'))
    table = page[start:page.index("</table>", start)]
    assert weighed.isoformat() not in table and f"{weighed.year}</th>" in table
    assert not re.search(r"\d{4}-\d{2}-\d{2}", table)
    assert re.search(r"<td>[+-]\d+,\d+</td>", table)
    assert not re.search(r"<td>[+-]\d+\.\d+</td>", table)


def test_the_babys_page_keeps_the_sex_for_the_charts(client_for, alice, nora):
    page = client_for(alice).get(f"/children/{nora.pk}/edit/").content.decode()
    assert "centiles need it" in page


def test_the_dashboards_weight_chart_is_kept_until_a_weight_changes(client_for, alice, girl):
    """A warm look draws nothing and reads no weighings (the chart is kept with the other
    charts, 13 ms of drawing for a year of them); a new, edited or removed weight, or the
    baby's sex, draws it again."""
    import re

    from nestwell.growth import services

    client = client_for(alice)

    def chart():
        page = client.get(f"/insights/?child={girl.pk}").content.decode()
        found = re.search(r'<svg[^>]*growth-wfa.*?</svg>', page, re.S)
        return found.group(0) if found else page

    today = timezone.localdate()
    services.add_measurement(child=girl, measured_on=today - timedelta(days=9), user=alice,
                             weight_grams=3500)
    one = chart()
    assert "<svg" in one
    with CaptureQueriesContext(connection) as looked:
        assert chart() == one
    read = [q["sql"] for q in looked.captured_queries
            if q["sql"].startswith('SELECT "growth_measurement"')]
    assert read == []  # only the stamp, inside the dashboard's one statement of stamps
    second = services.add_measurement(child=girl, measured_on=today - timedelta(days=2),
                                      user=alice, weight_grams=3700)
    two = chart()
    assert two != one
    services.update_measurement(second, version=second.version,
                                measured_on=second.measured_on, weight_grams=3900)
    edited = chart()
    assert edited not in (one, two)
    services.delete_measurement(Measurement.objects.get(pk=second.pk))
    assert chart() == one
    girl.sex = ""
    girl.save()
    assert "drawn separately for girls and boys" in chart()


def test_a_weight_no_baby_of_her_age_could_have_is_asked_about(client_for, alice, girl):
    # 18,500 g for a baby of a month (1,850 typed with a 0 too many) was kept, charted at
    # the top of the chart and sent in the report; a real large baby still is kept.
    client = client_for(alice)
    response = client.post(f"/growth/?child={girl.pk}", {
        "measured_on": _day(), "weight_grams": "18500", "measured_by": "parent"})
    assert response.status_code == 200
    assert "is a digit out of place?" in response.content.decode()
    assert not Measurement.objects.exists()
    response = client.post(f"/growth/?child={girl.pk}", {
        "measured_on": _day(), "weight_grams": "6900", "measured_by": "parent"})
    assert response.status_code == 302 and Measurement.objects.get().weight_grams == 6900


def test_past_four_weeks_an_age_is_said_as_parents_say_it(client_for, alice, household):
    """Rosa's walk: her daughter of two read "825 days old"."""
    from datetime import datetime, time

    from nestwell.children.models import Child
    from nestwell.growth import services as growth

    zone = ZoneInfo(household.time_zone)
    today = timezone.localtime(timezone=zone).date()
    # 840 days: more than any 27 calendar months hold and less than any 28 do.
    born = datetime.combine(today - timedelta(days=840), time(12), tzinfo=zone)
    sofia = Child.objects.create(household=household, name="Sofía", birth_at=born)
    growth.add_measurement(child=sofia, user=alice, measured_on=today, weight_grams=12500)
    page = client_for(alice).get(f"/growth/?child={sofia.pk}").content.decode()
    assert "27 months old" in page and "days old" not in page


def test_a_corrected_age_past_four_weeks_is_said_as_parents_say_it(client_for, alice,
                                                                   household):
    """"19 months old (544 days corrected)" read like a count, not an age (the review of
    Rosa's walk): past four weeks the corrected age is in weeks or months too."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from nestwell.children.models import Child
    from nestwell.growth import services as growth

    zone = ZoneInfo(household.time_zone)
    today = timezone.localtime(timezone=zone).date()
    born = datetime.combine(today - timedelta(days=600), time(12), tzinfo=zone)
    early = Child.objects.create(household=household, name="Lía", birth_at=born,
                                 gestation_weeks=32, gestation_days=0)
    growth.add_measurement(child=early, user=alice, measured_on=today, weight_grams=9800)
    page = client_for(alice).get(f"/growth/?child={early.pk}").content.decode()
    # 600 - 56 = 544 days from the due date: more than any 17 calendar months hold, less
    # than any 18 do.
    assert "corrected age: 17 months" in page and "days corrected" not in page
    # In the first four weeks after the due date, the days, as before.
    early.birth_at = born + timedelta(days=600 - 70)  # 70 days old, 14 days corrected
    early.save()
    page = client_for(alice).get(f"/growth/?child={early.pk}").content.decode()
    assert "14 days corrected" in page
    # Said the same way in Spanish and French, without brackets inside brackets
    # ("(14 días (edad corregida))").
    for language, said in (("es", "(edad corregida: 14 días)"),
                           ("fr", "(âge corrigé\u00a0: 14 jours)")):
        alice.language = language
        alice.save(update_fields=["language"])
        page = client_for(alice).get(f"/growth/?child={early.pk}").content.decode()
        assert said in page, language
