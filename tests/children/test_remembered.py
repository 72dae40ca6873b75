"""A baby who has died: a parent says so, and nothing looks ahead for that baby any more
(Today, reminders, the weekly e-mail), while everything kept stays and can be undone."""

import io
import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.utils import timezone

from nestwell.accounts.models import ApiToken
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.reminders import services
from nestwell.reminders.models import Preferences

LONDON = ZoneInfo("Europe/London")


def today():
    return timezone.localtime(timezone.now(), LONDON).date()


def tell(client, child, on):
    return client.post(f"/children/{child.pk}/remembered/", {"died_on": on.isoformat()})


def test_a_parent_tells_nestwell_and_today_keeps_only_what_was_kept(client_for, alice, nora,
                                                                     moment):
    client = client_for(alice)
    page = client.get(f"/children/{nora.pk}/remembered/").content.decode()
    assert "If Nora has died" in page and "We are so sorry" in page
    assert "can be undone" in page
    response = tell(client, nora, today())
    assert response.status_code == 302 and response["Location"] == f"/?child={nora.pk}"
    nora.refresh_from_db()
    assert nora.died_on == today()
    home = client.get(response["Location"]).content.decode()
    assert 'data-testid="remembered"' in home
    assert "Born " in home and ", died " in home and " old" not in home
    assert "/moments/quick/" not in home and "starts a timer" not in home
    assert "Something for today" not in home
    assert "/support/" in home and "Kept for Nora" in home
    assert Moment.objects.filter(pk=moment.pk).exists()  # nothing kept is touched
    timeline = client.get(f"/timeline/?child={nora.pk}")
    assert timeline.status_code == 200


def test_a_pregnancy_that_ended(client_for, alice, household):
    bump = Child.objects.create(household=household, name="Bean",
                                due_date=today() + timedelta(weeks=22))
    client = client_for(alice)
    assert "Week 18+0 of pregnancy" in client.get("/").content.decode()
    assert tell(client, bump, today() - timedelta(days=1)).status_code == 302
    home = client.get("/").content.decode()
    assert "Died in pregnancy at 17 weeks, " in home
    assert "of pregnancy" not in home and "Baby&#x27;s movements" not in home
    assert "Firsts" not in home  # firsts are for a baby who was born


def test_the_day_is_checked_and_a_refused_one_changes_nothing(client_for, alice, household,
                                                              nora):
    client = client_for(alice)
    future = tell(client, nora, today() + timedelta(days=1))
    assert future.status_code == 200 and "still to come" in future.content.decode()
    before = tell(client, nora, today() - timedelta(days=40))
    assert "before the birth" in before.content.decode()
    bump = Child.objects.create(household=household, name="Bean",
                                due_date=today() + timedelta(weeks=30))
    early = tell(client, bump, today() - timedelta(weeks=20))
    assert "before the pregnancy began" in early.content.decode()
    garbage = client.post(f"/children/{nora.pk}/remembered/", {"died_on": "soon"})
    assert garbage.status_code == 200
    assert not Child.objects.filter(died_on__isnull=False).exists()


def test_undone_when_told_by_mistake(client_for, alice, nora):
    client = client_for(alice)
    tell(client, nora, today())
    page = client.get(f"/children/{nora.pk}/remembered/").content.decode()
    assert "In memory of Nora" in page and "Undo" in page
    response = client.post(f"/children/{nora.pk}/remembered/undo/", follow=True)
    assert "as they were" in response.content.decode()
    nora.refresh_from_db()
    assert nora.died_on is None
    assert "/moments/quick/" in client.get("/").content.decode()


def test_only_a_parent_of_this_household_may_say_it(client_for, bob, carol, mallory, nora):
    for person, status in ((bob, 403), (carol, 403), (mallory, 404)):
        client = client_for(person)
        assert client.get(f"/children/{nora.pk}/remembered/").status_code == status
        assert tell(client, nora, today()).status_code == status
        assert client.post(f"/children/{nora.pk}/remembered/undo/").status_code == status
    nora.refresh_from_db()
    assert nora.died_on is None


def test_everyone_in_the_household_sees_the_remembered_page(client_for, bob, carol, nora):
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    for person in (bob, carol):
        home = client_for(person).get(f"/?child={nora.pk}").content.decode()
        assert 'data-testid="remembered"' in home and "/moments/quick/" not in home
        assert "The dates kept for Nora" not in home  # a parent's to change


def test_a_twin_who_died_is_not_the_page_opened_first(client_for, alice, household, nora):
    twin = Child.objects.create(household=household, name="Ada", birth_at=nora.birth_at)
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    client = client_for(alice)
    home = client.get("/").content.decode()
    assert "<h1 dir=\"auto\">Ada</h1>" in home and "/moments/quick/" in home
    assert "Nora" in home  # still one tap away, in the switch
    assert 'data-testid="remembered"' in client.get(f"/?child={nora.pk}").content.decode()
    listed = client.get("/children/").content.decode()
    assert "died" in listed and twin.name in listed


def test_the_remembered_page_reads_as_few_queries_as_today(client_for, alice, nora,
                                                         django_assert_max_num_queries):
    client = client_for(alice)
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    client.get("/")
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_no_reminder_looks_ahead_for_a_baby_who_died(alice, household, nora):
    nora.gestation_weeks = 33
    nora.save()
    Preferences.objects.create(user=alice, household=household, kangaroo_on=True,
                               kangaroo_at=time(17), timer_on=True, timer_minutes=30)
    evening = datetime.combine(today(), time(18), LONDON)
    Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                          started_at=evening - timedelta(hours=2), actor=alice,
                          created_by=alice)  # a timer left running
    kinds = sorted(r.kind for r in services.due_for(alice, household, now=evening))
    assert kinds == ["kangaroo", "timer"]
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    assert services.due_for(alice, household, now=evening) == []


def test_no_weekly_email_about_a_baby_who_died(settings, alice, household, nora):
    from nestwell.insights.week import send_weekly

    settings.EMAIL_CONFIGURED = True
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    assert send_weekly() == 0 and mail.outbox == []


def test_the_api_reads_and_sets_the_day(client, alice, bob, nora):
    def call(user, method, body=None):
        token = ApiToken.issue(user, nora.household, "tests").token
        kwargs = {"headers": {"Authorization": f"Bearer {token}"}}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(client, method)(f"/api/v1/children/{nora.pk}", **kwargs)

    assert call(alice, "get").json()["died_on"] is None
    refused = call(alice, "patch", {"died_on": (today() + timedelta(days=3)).isoformat()})
    assert refused.status_code == 422 and "still to come" in refused.content.decode()
    assert call(bob, "patch", {"died_on": today().isoformat()}).status_code == 403
    assert Child.objects.get(pk=nora.pk).died_on is None
    told = call(alice, "patch", {"died_on": today().isoformat()})
    assert told.status_code == 200 and told.json()["died_on"] == today().isoformat()
    renamed = call(alice, "patch", {"name": "Nora May"})
    assert renamed.json()["died_on"] == today().isoformat()  # kept when not given
    assert call(alice, "patch", {"died_on": None}).json()["died_on"] is None


def test_the_day_moves_with_her_data_and_is_checked_on_import(household, alice, nora):
    from nestwell.accounts.models import Household, Membership, User
    from nestwell.transfer import export, load, nestwell_json

    Child.objects.filter(pk=nora.pk).update(died_on=today())
    text = io.StringIO()
    export.write_json(export.Scope(household, alice), text)
    document = json.loads(text.getvalue())
    assert document["children"][0]["died_on"] == today().isoformat()

    def into_a_new_home(doc, name):
        home = Household.objects.create(name=name, time_zone="Europe/London")
        user = User.objects.create_user(email=f"{name}@example.org", password=None,
                                        display_name=name)
        Membership.objects.create(user=user, household=home, role="parent")
        rows = nestwell_json.read(io.BytesIO(json.dumps(doc).encode()), time_zone=LONDON)
        return home, load.load(home, user, rows, dry_run=False)

    home, report = into_a_new_home(document, "moved")
    assert report.applied and Child.objects.get(household=home).died_on == today()
    for bad in ((today() + timedelta(days=5)).isoformat(), "2026-02-30", 7):
        document["children"][0]["died_on"] = bad
        home, report = into_a_new_home(document, f"bad{bad}")
        assert not report.applied and report.rejected_count == 1
        assert not Child.objects.filter(household=home).exists()


def test_a_pregnancy_that_ended_counts_no_more_movements(client_for, alice, household):
    bump = Child.objects.create(household=household, name="Bean",
                                due_date=today() + timedelta(weeks=14))
    client = client_for(alice)
    before = client.get(f"/pregnancy/movements/?child={bump.pk}").content.decode()
    assert "Start counting" in before and "slow down" in before
    Child.objects.filter(pk=bump.pk).update(died_on=today())
    page = client.get(f"/pregnancy/movements/?child={bump.pk}").content.decode()
    assert "Start counting" not in page and "slow down" not in page
    assert "Counted in pregnancy" in page
    refused = client.post(f"/pregnancy/movements/?child={bump.pk}")
    assert refused.status_code == 404
    assert not Moment.objects.filter(child=bump).exists()


def test_the_night_screen_sends_her_to_the_babys_page(client_for, alice, nora):
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    response = client_for(alice).get(f"/night/?child={nora.pk}")
    assert response.status_code == 302 and response["Location"] == f"/?child={nora.pk}"


def test_no_questions_about_the_bond_with_a_baby_who_died(client_for, alice, household, nora):
    """The PBQ ("I feel close to my baby") and the MAAS are not offered for a baby who has
    died; her own questionnaires, the EPDS among them, still are."""
    from nestwell.wellbeing import questionnaires

    bump = Child.objects.create(household=household, name="Bean",
                                due_date=today() + timedelta(weeks=10))

    def offered():
        return {q["id"] for q in questionnaires.offered(household)}

    assert {"pbq", "maas"} <= offered()
    Child.objects.filter(pk__in=[nora.pk, bump.pk]).update(died_on=today())
    assert not {"pbq", "maas"} & offered() and "phq9" in offered()
    client = client_for(alice)
    assert client.get("/you/questionnaires/pbq/").status_code == 404
    assert client.get("/you/questionnaires/maas/").status_code == 404


def test_no_reminder_to_repeat_the_bonding_questionnaire_after_a_loss(alice, household,
                                                                      nora):
    from datetime import UTC

    now = datetime(2026, 6, 10, 13, tzinfo=UTC)
    Child.objects.filter(pk=nora.pk).update(birth_at=now - timedelta(days=60))
    services.ask_to_repeat(alice, household, "pbq", now=now - timedelta(days=15))
    services.ask_to_repeat(alice, household, "phq9", now=now - timedelta(days=15))
    assert sorted(r.link for r in services.due_for(alice, household, now=now)) == [
        "/you/questionnaires/pbq/", "/you/questionnaires/phq9/"]
    Child.objects.filter(pk=nora.pk).update(died_on=(now - timedelta(days=2)).date())
    assert [r.link for r in services.due_for(alice, household, now=now)] == [
        "/you/questionnaires/phq9/"]


def test_no_medicine_reminder_for_a_baby_who_died(alice, household, nora):
    from nestwell.medicines.models import Medicine

    Medicine.objects.create(household=household, child=nora, name="Vitamin D", dose="0.5",
                            unit="ml", schedule="daily", daily_at=time(8, 0), remind=True,
                            remind_user=alice)
    morning = datetime.combine(today(), time(9), LONDON)
    assert [r.kind for r in services.due_for(alice, household, now=morning)] == ["medicine"]
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    assert services.due_for(alice, household, now=morning) == []


def test_a_listening_device_hears_no_crying_in_her_name(client_for, alice, household, nora):
    import pytest
    from django.core.exceptions import ValidationError

    from nestwell.care.models import Cue
    from nestwell.listening import services as listening
    from nestwell.listening.models import ListeningDevice

    now = timezone.now()
    device = ListeningDevice.objects.create(household=household, child=nora, name="Nursery",
                                            created_by=alice, created_at=now,
                                            last_heard_at=now)
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    answer = listening.record(device, kind="cry_started", user=alice, confidence=0.9)
    assert answer.episode is None and not Cue.objects.exists()
    nora.refresh_from_db()
    with pytest.raises(ValidationError):
        listening.register(child=nora, user=alice, name="Nursery")
    page = client_for(alice).get("/listen/").content.decode()
    assert f'value="{nora.pk}"' not in page


def test_her_twin_s_today_says_nothing_of_her_and_her_page_ends_a_timer(client_for, alice,
                                                                      household, nora):
    ada = Child.objects.create(household=household, name="Ada", birth_at=nora.birth_at)
    start = timezone.now() - timedelta(hours=2)
    left = Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                                 started_at=start, actor=alice, created_by=alice)
    Moment.objects.create(household=household, child=nora, kind="feeding",
                          started_at=start - timedelta(hours=1),
                          ended_at=start - timedelta(minutes=40), actor=alice,
                          created_by=alice, details={"method": "bottle"})
    client = client_for(alice)
    assert "Nora" in client.get("/timers/").content.decode()
    before = client.get(f"/?child={ada.pk}").content.decode()
    assert "Nora" in before.split('data-testid="handover"')[1].split("</section>")[0]
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    home = client.get(f"/?child={ada.pk}").content.decode()
    assert 'data-testid="timer"' not in home  # her timer is not on her twin's page
    # nothing logged for Ada: no card at all, or one without her sister
    card = (home.split('data-testid="handover"')[1].split("</section>")[0]
            if 'data-testid="handover"' in home else "")
    assert "Nora" not in card
    assert "Nora" not in client.get("/timers/").content.decode()
    page = client.get(f"/?child={nora.pk}").content.decode()
    assert 'data-testid="remembered-timers"' in page and "Save this end" in page
    assert f'href="/moments/{left.pk}/delete/"' in page  # or left out, gently
    end = (timezone.localtime(start) + timedelta(minutes=45)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(f"/moments/{left.pk}/stop/", {"ended_at": end,
                                                      "next": "home"}).status_code == 302
    left.refresh_from_db()
    assert left.ended_at is not None
    assert 'data-testid="remembered-timers"' not in client.get(
        f"/?child={nora.pk}").content.decode()


def test_the_support_page_after_a_pregnancy_loss_asks_nothing_about_movements(
        client_for, alice, household):
    bump = Child.objects.create(household=household, name="Bean",
                                due_date=today() + timedelta(weeks=14))
    client = client_for(alice)
    assert 'data-testid="worried-in-pregnancy"' in client.get("/support/").content.decode()
    Child.objects.filter(pk=bump.pk).update(died_on=today())
    page = client.get("/support/").content.decode()
    assert 'data-testid="worried-in-pregnancy"' not in page and "moving less" not in page


def test_the_birth_cannot_move_after_the_day_she_died(client_for, alice, nora):
    Child.objects.filter(pk=nora.pk).update(died_on=today() - timedelta(days=20))
    later = (timezone.localtime() - timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    client = client_for(alice)
    page = client.post(f"/children/{nora.pk}/edit/", {
        "name": "Nora", "born": "yes", "birth_at": later}).content.decode()
    assert "after the day your baby died" in page
    token = ApiToken.issue(alice, nora.household, "tests").token
    response = client.patch(
        f"/api/v1/children/{nora.pk}", data=json.dumps({
            "birth_at": (timezone.now() - timedelta(days=5)).isoformat(),
            "died_on": (today() - timedelta(days=20)).isoformat()}),
        content_type="application/json", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422
    nora.refresh_from_db()
    assert timezone.localtime(nora.birth_at).date() < nora.died_on


def test_choosing_her_in_the_switch_is_not_kept_for_the_next_visit(client_for, alice,
                                                                   household, nora):
    ada = Child.objects.create(household=household, name="Ada", birth_at=nora.birth_at)
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    client = client_for(alice)
    chosen = client.post(f"/children/{nora.pk}/select/", {"next": "timeline"})
    assert chosen["Location"] == f"/timeline/?child={nora.pk}"
    assert client.get("/").content.decode().count('<h1 dir="auto">Ada</h1>') == 1
    night = client.get("/night/")
    assert night.status_code == 200  # her sister's tiles, not a redirect to her page
    assert ada.pk


def test_her_pages_do_not_look_ahead_in_their_words(client_for, alice, nora):
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    client = client_for(alice)
    letters = client.get(f"/letters/?child={nora.pk}").content.decode()
    assert "read together one day" not in letters and "whenever you want to" in letters
    firsts = client.get(f"/milestones/?child={nora.pk}").content.decode()
    assert "whenever one comes" not in firsts
    day = client.get(f"/timeline/?child={nora.pk}").content.decode()
    assert "Any moment together counts" not in day


def test_from_a_page_of_day_to_day_care_the_switch_opens_her_own_page(client_for, alice,
                                                                      household, nora):
    Child.objects.create(household=household, name="Ada", birth_at=nora.birth_at)
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    client = client_for(alice)
    for page in ("nappies", "pumping", "kangaroo", "care", "night"):
        chosen = client.post(f"/children/{nora.pk}/select/", {"next": page})
        assert chosen["Location"] == f"/?child={nora.pk}", page
    for page, path in (("letters", "/letters/"), ("milestones", "/milestones/")):
        chosen = client.post(f"/children/{nora.pk}/select/", {"next": page})
        assert chosen["Location"] == f"{path}?child={nora.pk}", page


def test_after_a_loss_the_support_page_speaks_of_her_not_of_a_baby_s_health(client_for,
                                                                           alice, nora):
    """Hana, in crisis after her loss, landed on "If you or your baby are in danger" and
    "Worried about your baby's health? … floppy, or hard to wake"."""
    client = client_for(alice)
    before = client.get("/support/?from=checkin").content.decode()
    assert "If you or your baby are in danger right now" in before
    assert 'data-testid="baby-health"' in before and 'data-testid="step-away"' in before
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    page = client.get("/support/?from=checkin").content.decode()
    assert "If you are in danger right now" in page and "or your baby are" not in page
    assert "Grief after losing a baby" in page
    assert 'data-testid="baby-health"' not in page and 'data-testid="step-away"' not in page
    assert "Your own health" in page and 'data-testid="worried-after-birth"' in page
    assert "tel:" in page  # the lines are all there


def test_the_visit_report_for_a_baby_who_died_counts_nothing_after_that_day(
        client_for, alice, household, nora):
    """Ben's report: a sleep timer left running on the night he died was counted to today,
    "23.7 hours a day on average"."""
    died = today() - timedelta(days=6)
    night = datetime.combine(died, time(2), LONDON)
    Moment.objects.create(household=household, child=nora, kind="sleep", started_at=night,
                          actor=alice, created_by=alice)  # left running
    for day in range(1, 4):
        start = night - timedelta(days=day)
        Moment.objects.create(household=household, child=nora, kind="sleep",
                              started_at=start, ended_at=start + timedelta(hours=3),
                              actor=alice, created_by=alice)
    Child.objects.filter(pk=nora.pk).update(died_on=died)
    first, last = today() - timedelta(days=13), today()
    page = client_for(alice).get(
        f"/insights/report/?child={nora.pk}&first={first}&last={last}").content.decode()
    assert "23." not in page and "hours a day on average" in page
    import re
    hours = re.findall(r"([\d.]+)\s+hours a day on average", page)
    assert hours == ["3.0"], page[page.find("Sleep"):page.find("Sleep") + 400]


def test_pages_of_day_to_day_care_open_her_own_page_instead(client_for, alice, nora):
    """Opened by a bookmark with ?child=: "Today day 43", "Start skin-to-skin", "Vitamin D
    not yet today", "they happened anyway" were still there for Ben."""
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    client = client_for(alice)
    for path in ("/care-day/nappies/", "/care-day/temperatures/", "/care-day/medicines/",
                 "/care-day/medicines/new/", "/kangaroo/", "/routines/", "/care/",
                 "/milk/pumping/", "/insights/", "/insights/week/"):
        response = client.get(f"{path}?child={nora.pk}")
        assert response.status_code == 302, path
        assert response["Location"] == f"/?child={nora.pk}", path
    kept = client.get(f"/?child={nora.pk}").content.decode()
    # the report for a visit stays a tap away, on the two weeks up to the day she died
    first = (today() - timedelta(days=13)).isoformat()
    assert f"/insights/report/?child={nora.pk}&amp;first={first}&amp;last={today()}" in kept
    assert client.get(f"/insights/report/?child={nora.pk}").status_code == 200


def test_no_promise_to_remind_her_of_a_questionnaire_about_a_baby_who_died(client_for,
                                                                          alice, household,
                                                                          nora):
    from nestwell.wellbeing.models import ScreeningResponse

    result = ScreeningResponse.objects.create(household=household, author=alice,
                                              instrument="pbq", version="1", total=4)
    client = client_for(alice)
    assert 'data-testid="remind-repeat"' in client.get(
        f"/you/screenings/{result.pk}/").content.decode()
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    page = client.get(f"/you/screenings/{result.pk}/").content.decode()
    assert 'data-testid="remind-repeat"' not in page
    assert client.post("/reminders/repeat/pbq/").status_code == 404


def test_a_timer_ended_on_her_page_comes_back_to_her_page(client_for, alice, household, nora):
    Child.objects.create(household=household, name="Ada", birth_at=nora.birth_at)
    start = timezone.now() - timedelta(hours=3)
    left = Moment.objects.create(household=household, child=nora, kind="feeding",
                                 started_at=start, actor=alice, created_by=alice,
                                 details={"method": "bottle"})
    Child.objects.filter(pk=nora.pk).update(died_on=today())
    client = client_for(alice)
    wrong = (timezone.localtime(start) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(f"/moments/{left.pk}/stop/", {"ended_at": wrong, "next": "home"})
    assert refused["Location"] == f"/?child={nora.pk}"
    end = (timezone.localtime(start) + timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M")
    saved = client.post(f"/moments/{left.pk}/stop/", {"ended_at": end, "next": "home"})
    assert saved["Location"] == f"/?child={nora.pk}"
    left.refresh_from_db()
    assert left.ended_at is not None



def test_a_report_running_past_the_day_she_died_says_why_its_days_stop(client_for, alice,
                                                                       household, nora):
    died = today() - timedelta(days=20)
    Child.objects.filter(pk=nora.pk).update(died_on=died)
    start = datetime.combine(died - timedelta(days=3), time(12), LONDON)
    Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                          started_at=start, ended_at=start + timedelta(minutes=30),
                          actor=alice, created_by=alice)
    first, last = died - timedelta(days=6), died + timedelta(days=7)
    page = client_for(alice).get(
        f"/insights/report/?child={nora.pk}&first={first}&last={last}").content.decode()
    assert "Nora died on " in page and "runs past today" not in page


def test_no_timer_or_crying_starts_for_her_by_any_way_in(client, client_for, alice, nora):
    """The app offers no timer or crying button on her page; a form kept from before, the
    API and the command line's service are refused the same way. A moment with its own
    times can still be added (a cuddle the day after), and a running timer can be ended."""
    from nestwell.care import services as care
    from nestwell.care.models import Cue
    from nestwell.journal import services as journal

    running = journal.start_timer(child=nora, kind="sleep", user=alice,
                                  started_at=timezone.now() - timedelta(days=2, hours=1))
    nora.died_on = today() - timedelta(days=2)
    nora.save(update_fields=["died_on"])
    web = client_for(alice)
    web.post("/moments/quick/", {"kind": "skin_to_skin", "child": nora.pk}, follow=True)
    web.post("/cues/crying/", {"child": nora.pk})
    assert not Moment.objects.filter(child=nora, kind="skin_to_skin").exists()
    assert not Cue.objects.filter(child=nora).exists()
    token = ApiToken.issue(alice, nora.household, "tests").token

    def post(path, body):
        return client.post(path, json.dumps(body), content_type="application/json",
                           headers={"Authorization": f"Bearer {token}"})

    timer = post("/api/v1/moments", {"child": nora.pk, "kind": "feeding", "running": True,
                                     "details": {"method": "bottle"}})
    assert timer.status_code == 422 and "No timer can be started for Nora" in timer.text
    crying = post("/api/v1/cues", {"child": nora.pk, "signal": "cry"})
    assert crying.status_code == 422 and "No crying episode" in crying.text
    tomorrow = datetime.combine(today() - timedelta(days=1), time(10), LONDON)
    smile = post("/api/v1/cues", {"child": nora.pk, "signal": "smile",
                                  "started_at": tomorrow.isoformat()})
    assert smile.status_code == 422 and "after the day Nora died" in smile.text
    cuddle = post("/api/v1/moments", {"child": nora.pk, "kind": "cuddle",
                                      "started_at": tomorrow.isoformat(),
                                      "ended_at": (tomorrow + timedelta(minutes=40)).isoformat()})
    assert cuddle.status_code == 201, cuddle.text
    import pytest
    from django.core.exceptions import ValidationError
    with pytest.raises(ValidationError, match="No timer can be started"):
        journal.log_moment(child=nora, kind="sleep", user=alice, running=True)
    with pytest.raises(ValidationError, match="No crying episode"):
        care.start_episode(child=nora, user=alice)
    # A stopped moment cannot be made to run again; the timer left running can be edited.
    stopped = Moment.objects.get(child=nora, kind="cuddle")
    with pytest.raises(ValidationError, match="No timer can be started"):
        journal.update_moment(stopped, version=stopped.version, kind="cuddle",
                              started_at=stopped.started_at, ended_at=None, actor=alice,
                              details={}, note="", running=True)
    edited = journal.update_moment(running, version=running.version, kind="sleep",
                                   started_at=running.started_at - timedelta(minutes=5),
                                   ended_at=None, actor=alice, details={}, note="",
                                   running=True)
    assert edited.ended_at is None
    ended = journal.stop_timer(moment=edited, ended_at=edited.started_at + timedelta(hours=2))
    assert ended.ended_at is not None


def test_skin_to_skin_held_offline_before_the_death_was_told_is_kept(client, alice, nora):
    """Review: a phone offline in the unit queued a start and a stop; a partner told Nestwell
    of the death meanwhile, and both were refused on sync: perhaps the last skin-to-skin."""
    import uuid

    Child.objects.filter(pk=nora.pk).update(died_on=today())
    token = ApiToken.issue(alice, nora.household, "tests").token
    start = {"id": str(uuid.uuid4()), "type": "quick", "child": nora.pk,
             "kind": "skin_to_skin",
             "at": (timezone.now() - timedelta(minutes=90)).isoformat()}
    stop = {"id": str(uuid.uuid4()), "type": "stop", "timer": start["id"],
            "at": (timezone.now() - timedelta(minutes=20)).isoformat()}
    response = client.post("/api/v1/sync", json.dumps({"entries": [start, stop]}),
                           content_type="application/json",
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.content
    held = Moment.objects.get(child=nora, kind="skin_to_skin")
    assert held.ended_at is not None
    assert 65 <= (held.ended_at - held.started_at).total_seconds() / 60 <= 75
