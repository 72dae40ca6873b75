"""The dashboard page: charts as accessible SVG, her own part for her eyes only."""

import re
from datetime import datetime, time, timedelta

from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.journal.models import Moment
from nestwell.wellbeing.models import CheckIn


def fill(household, nora, alice, days=30, start_of=None):
    """``days`` days of moments, a cry and a check-in; each day's moments begin at
    ``start_of(d)`` (d = 0 for the newest), by default "now - d days - 3 h"."""
    now = timezone.now()
    for d in range(days):
        start = start_of(d) if start_of else now - timedelta(days=d, hours=3)
        Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                              started_at=start, ended_at=start + timedelta(minutes=40))
        Moment.objects.create(household=household, child=nora, kind="feeding",
                              started_at=start + timedelta(hours=1),
                              ended_at=start + timedelta(hours=1, minutes=15),
                              details={"method": "breast", "side": "left"})
        Cue.objects.create(household=household, child=nora, signal="cry", started_at=start,
                           responded_at=start + timedelta(minutes=3),
                           closed_at=start + timedelta(minutes=9), outcome="settled")
        CheckIn.objects.create(household=household, author=alice, mood=3, connection=4,
                               energy=2, stress=3, support=3, safety="safe", sleep_hours="5",
                               created_at=now - timedelta(days=d))


def test_charts_are_svg_with_a_title_and_a_description(client_for, alice, nora, household):
    fill(household, nora, alice, days=8)
    page = client_for(alice).get(f"/insights/?child={nora.pk}").content.decode()
    for chart in ("chart-bonding", "chart-moments", "chart-crying", "chart-response",
                  "chart-wellbeing"):
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in page, chart
        assert f'<desc id="{chart}-desc">' in page
    assert "<script" not in page.split("<main")[1].split("</main>")[0]
    assert not re.search(r"<svg[^>]*>.*?<style", page, re.S)
    assert "Last feed" in page and "· left" in page


def test_her_ratings_and_her_hours_of_sleep_have_their_own_scales(client_for, alice, nora,
                                                                   household):
    fill(household, nora, alice, days=8)
    page = client_for(alice).get(f"/insights/?child={nora.pk}").content.decode()
    ratings = re.search(r'<svg[^>]*id="chart-wellbeing".*?</svg>', page, re.S).group(0)
    sleep = re.search(r'<svg[^>]*id="chart-sleep".*?</svg>', page, re.S).group(0)
    assert [t for t in re.findall(r'class="tick"[^>]*>(\d+)<', ratings)] == list("12345")
    assert "Hours of sleep" in sleep and "Hours of sleep" not in ratings
    assert ">hours<" in sleep and ">1–5<" in ratings


def test_every_chart_has_its_numbers_as_a_table(client_for, alice, nora, household):
    fill(household, nora, alice, days=8)
    page = client_for(alice).get(f"/insights/?child={nora.pk}").content.decode()
    assert page.count('<details class="chart-table">') == 6
    table = page.split('data-testid="chart-bonding"')[1].split("</figure>")[0]
    assert '<th scope="col">Skin-to-skin</th>' in table and "<td>40</td>" in table


def test_her_own_part_is_hers_alone(client_for, alice, bob, nora, household):
    fill(household, nora, alice, days=3)
    assert 'data-testid="her-own"' in client_for(alice).get("/insights/").content.decode()
    assert 'data-testid="her-own"' not in client_for(bob).get("/insights/").content.decode()


def test_the_period_can_be_a_month(client_for, alice, nora, household):
    fill(household, nora, alice, days=3)
    page = client_for(alice).get("/insights/?days=30").content.decode()
    assert 'aria-current="page">Last 30 days' in page
    assert client_for(alice).get("/insights/?days=9999").status_code == 200


def test_nothing_logged_is_said_kindly(client_for, alice, nora):
    page = client_for(alice).get("/insights/").content.decode()
    assert "Any moment together counts" in page and "<svg" not in page


def test_another_household_sees_none_of_it(client_for, mallory, alice, nora, household, sam):
    fill(household, nora, alice, days=2)
    page = client_for(mallory).get(f"/insights/?child={nora.pk}").content.decode()
    assert "Nora" not in page


def test_queries_do_not_grow_with_the_history(client_for, alice, nora, household,
                                              django_assert_max_num_queries):
    fill(household, nora, alice, days=5)
    client = client_for(alice)
    with django_assert_max_num_queries(16) as few:
        client.get("/insights/?days=30")
    fill(household, nora, alice, days=30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/insights/?days=30")


def test_charts_are_redrawn_when_something_new_is_logged(client_for, alice, nora, household):
    client = client_for(alice)
    assert "chart-bonding" not in client.get("/insights/").content.decode()
    now = timezone.now()
    Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                          started_at=now - timedelta(hours=1), ended_at=now)
    assert "chart-bonding" in client.get("/insights/").content.decode()
    CheckIn.objects.create(household=household, author=alice, mood=2, connection=3, energy=2,
                           stress=3, support=3, safety="safe")
    assert "chart-wellbeing" in client.get("/insights/").content.decode()


def test_charts_follow_a_removal_an_undo_and_an_edit_out_of_the_window(client_for, alice, nora,
                                                                        household):
    from nestwell.journal import services

    client = client_for(alice)

    def bonding_chart():
        page = client.get("/insights/?days=7").content.decode()
        found = re.search(r'<svg[^>]*chart-bonding.*?</svg>', page, re.S)
        return found.group(0) if found else ""

    now = timezone.now()
    kept = Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                                 started_at=now - timedelta(hours=5),
                                 ended_at=now - timedelta(hours=4))
    gone = Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                                 started_at=now - timedelta(hours=2),
                                 ended_at=now - timedelta(hours=1))
    both = bonding_chart()
    assert both
    services.delete_moment(gone)  # only marks it removed: its updated_at does not move
    one = bonding_chart()
    assert one != both
    services.restore_moment(Moment.objects.get(pk=gone.pk))
    assert bonding_chart() == both
    # An edit that moves a moment far back, out of the chart's window, shows too.
    moved = Moment.objects.get(pk=gone.pk)
    services.update_moment(moved, version=moved.version, kind="skin_to_skin",
                           started_at=now - timedelta(days=20),
                           ended_at=now - timedelta(days=20) + timedelta(hours=1),
                           actor=None, details={}, note="")
    assert bonding_chart() == one
    assert kept.pk  # the other one stayed all along


def test_a_new_cry_redraws_the_crying_chart(client_for, alice, nora, household):
    client = client_for(alice)
    assert "chart-crying" not in client.get("/insights/").content.decode()
    Cue.objects.create(household=household, child=nora, signal="cry",
                       started_at=timezone.now() - timedelta(hours=1))
    assert "chart-crying" in client.get("/insights/").content.decode()


def test_her_questionnaires_are_named_as_she_met_them(client_for, alice, nora, household):
    """ "Worry and anxiety (GAD-7)", as on her own list, not the code "GAD7"."""
    from nestwell.wellbeing.models import ScreeningResponse

    ScreeningResponse.objects.create(household=household, author=alice, instrument="gad7",
                                     version="1", total=11, band="moderate")
    page = client_for(alice).get("/insights/").content.decode()
    part = page.split('data-testid="her-own"')[1].split("</section>")[0]
    assert "Worry and anxiety (GAD-7)" in part and "GAD7" not in part


def test_the_sharing_page_says_what_sharing_questionnaires_shows(client_for, alice, bob):
    page = client_for(alice).get("/you/sharing/").content.decode()
    assert "whether an answer spoke of harm; never your answers one by one" in page


def test_a_feed_a_moment_ago_is_just_now_not_0_minutes(client_for, alice, nora, household):
    """Right after a feed the glance said "0 minutes ago" ("il y a 0 minute" in French)."""
    now = timezone.now()
    Moment.objects.create(household=household, child=nora, kind="feeding",
                          started_at=now - timedelta(seconds=20), ended_at=now,
                          details={"method": "breast", "side": "left"})
    Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                          started_at=now - timedelta(minutes=30),
                          ended_at=now - timedelta(minutes=3))
    client = client_for(alice)
    glance = client.get(f"/insights/?child={nora.pk}").content.decode()
    glance = glance.split('id="glance-title"')[1].split("</section>")[0]
    assert "just now" in glance and "0 minutes" not in glance
    assert re.search(r"\d\sminutes ago", glance)  # skin-to-skin ended three minutes ago
    french = client.get(f"/insights/?child={nora.pk}", HTTP_ACCEPT_LANGUAGE="fr")
    assert "0 minute" not in french.content.decode()


def test_nappies_per_day_begin_on_the_day_she_was_born(client_for, alice, nora, household):
    """Born this morning: the week's table listed the six days before as "none kept"."""
    from nestwell.health.models import Nappy

    now = timezone.now()
    born = now - timedelta(hours=2)
    nora.birth_at = born
    nora.save()
    Nappy.objects.create(household=household, child=nora, kind="dirty", changed_at=now,
                         created_by=alice)
    page = client_for(alice).get(f"/insights/?child={nora.pk}&days=7").content.decode()
    table = page.split('data-testid="dashboard-nappies"')[1].split("</section>")[0]
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(household.time_zone)
    born_day = timezone.localtime(born, zone).date()
    expected = 1 + (timezone.localtime(now, zone).date() - born_day).days
    assert table.count('data-testid="nappy-day"') == expected


def test_nappies_per_day_begin_when_a_baby_born_to_another_came_home(client_for, alice,
                                                                     nora, household):
    """Rachel adopted Eli at three weeks: the weeks before read "none kept", day by day."""
    from nestwell.health.models import Nappy

    now = timezone.now()
    nora.birth_at = now - timedelta(days=25)
    nora.born_to_another = True
    from zoneinfo import ZoneInfo

    # Two days before today as the household's clock reads it (never the machine's).
    nora.home_on = timezone.localtime(now, ZoneInfo(household.time_zone)).date() \
        - timedelta(days=2)
    nora.save()
    Nappy.objects.create(household=household, child=nora, kind="wet", changed_at=now,
                         created_by=alice)
    page = client_for(alice).get(f"/insights/?child={nora.pk}&days=30").content.decode()
    table = page.split('data-testid="dashboard-nappies"')[1].split("</section>")[0]
    assert table.count('data-testid="nappy-day"') == 3


def test_the_minutes_together_leave_sleep_out(client_for, alice, nora, household):
    """Each bar of Elena's "minutes together" was about 800 minutes, 700 of them sleep."""
    # At noon of each of the three days before today, her time: "now - 3 h" (fill) ran
    # across midnight in the small hours, and each day's minutes, rounded apart, gave 164.
    today = timezone.localtime(timezone.now(), household.tz).date()
    fill(household, nora, alice, days=3, start_of=lambda d: datetime.combine(
        today - timedelta(days=d + 1), time(12), tzinfo=household.tz))
    night = datetime.combine(today - timedelta(days=2), time(20), tzinfo=household.tz)
    Moment.objects.create(household=household, child=nora, kind="sleep",
                          started_at=night, ended_at=night + timedelta(hours=10))
    page = client_for(alice).get(f"/insights/?child={nora.pk}").content.decode()
    chart = page.split('data-testid="chart-bonding"')[1].split("</figure>")[0]
    assert "Skin-to-skin" in chart and "Sleep" not in chart
    assert "165 minutes in all" in page  # 3 × (40 + 15), no sleep


def test_skin_to_skin_going_on_reads_now_beside_its_timer(client_for, alice, nora):
    """Kayla: "Last skin-to-skin: 1 minute ago" sat beside the skin-to-skin still running."""
    from nestwell.journal import services as journal

    journal.start_timer(child=nora, kind="skin_to_skin", user=alice,
                        started_at=timezone.now() - timedelta(minutes=3))
    page = client_for(alice).get(f"/insights/?child={nora.pk}").content.decode()
    skin = re.search(r'data-testid="last-skin">(.*?)</div>', page, re.S).group(1)
    assert "<strong>now</strong>" in skin and "ago" not in skin


def test_a_running_breastfeed_is_shown_as_one(client_for, alice, nora):
    """Sofía's walk: "Running now 🍼 Feed" for a baby fed only at the breast."""
    from nestwell.journal import services as journal

    journal.start_timer(child=nora, kind="feeding", user=alice,
                        details={"method": "breast", "side": "left"})
    page = client_for(alice).get(f"/insights/?child={nora.pk}").content.decode()
    running = page[page.index("Running now"):]
    running = running[:running.index("</div>")]
    assert "🤱" in running and "🍼" not in running
