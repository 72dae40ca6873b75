"""The card on Today after a feed or a settled cry, answering it in two taps, her choices,
and What you noticed: hers alone."""

from datetime import time, timedelta

import pytest
from django.urls import reverse

from nestwell.care import services as care
from nestwell.children.models import Child
from nestwell.journal import services as journal
from nestwell.wondering import services
from nestwell.wondering.models import Choices, Wondering

pytestmark = pytest.mark.django_db


@pytest.fixture
def baby(clock, household):
    return Child.objects.create(household=household, name="Lou",
                                birth_at=clock() - timedelta(days=20))


def a_feed(clock, baby, user, minutes=12):
    moment = journal.start_timer(child=baby, kind="feeding", user=user,
                                 details={"method": "breast", "side": "left"})
    clock.advance(minutes=minutes)
    return journal.stop_timer(moment=moment)


def a_settled_cry(clock, baby, user):
    cue = care.start_episode(child=baby, user=user, signal="cry")
    clock.advance(minutes=1)
    cue = care.respond(cue=cue, user=user, way="picked_up")
    clock.advance(minutes=6)
    return care.settle(cue=cue, user=user, outcome="settled")


def home(client):
    return client.get(reverse("journal:home"))


def test_after_she_stops_a_feed_today_asks_gently(client_for, clock, alice, baby):
    client = client_for(alice)
    assert "wondering" not in home(client).context or not home(client).context["wondering"]
    moment = a_feed(clock, baby, alice)
    page = home(client)
    card = page.context["wondering"]
    assert card["key"] == f"moment:{moment.pk}" and card["occasion"] == "feed"
    assert "Lou" in card["question"]
    assert b'data-testid="wondering-card"' in page.content
    assert ("wanting_you", "wanting you") in [(c, str(w)) for c, w in card["feelings"]]


def test_on_a_twins_page_the_card_says_which_baby_it_is_about(client_for, clock, alice,
                                                              baby, household):
    twin = Child.objects.create(household=household, name="Adam", birth_at=baby.birth_at)
    a_feed(clock, baby, alice)
    client = client_for(alice)
    on_twin = client.get(reverse("journal:home"), {"child": twin.pk})
    card = on_twin.context["wondering"]
    assert card["child"] == baby and card["elsewhere"]
    assert b'data-testid="wondering-about"' in on_twin.content
    assert "About Lou" in on_twin.content.decode()
    # A refused answer (a note too long) shows the card again, still saying whom about.
    again = client.post(reverse("wondering:answer"), {
        "key": card["key"], "child": baby.pk, "elsewhere": "1", "note": "x" * 600},
        HTTP_HX_REQUEST="true")
    assert again.status_code == 400 and b'data-testid="wondering-about"' in again.content
    own = client.get(reverse("journal:home"), {"child": baby.pk})
    assert not own.context["wondering"]["elsewhere"]
    assert b'data-testid="wondering-about"' not in own.content


def test_the_question_is_asked_in_her_language(client_for, clock, alice, baby, household):
    """French pages asked their question in English: the prompts had no translations."""
    from nestwell.wondering import library

    household.locale = "fr"
    household.save()
    a_feed(clock, baby, alice)
    page = home(client_for(alice))
    card = page.context["wondering"]
    asked = next(p for p in library.prompts(card["band"], card["occasion"])
                 if p.id == card["prompt_id"])
    french = library.translations()["fr"][asked.id].replace("{name}", "Lou")
    assert card["question"] == french != asked.asked("Lou")
    assert french in page.content.decode()


def test_after_a_cry_she_answered_settles(client_for, clock, alice, baby):
    cue = a_settled_cry(clock, baby, alice)
    card = home(client_for(alice)).context["wondering"]
    assert card["key"] == f"cue:{cue.pk}" and card["occasion"] == "settle"


def test_her_partner_is_not_asked_about_her_feed(client_for, clock, alice, bob, baby):
    a_feed(clock, baby, alice)
    assert home(client_for(bob)).context["wondering"] is None


def test_two_taps_keep_the_answer_and_it_is_not_asked_again(client_for, clock, alice, baby):
    moment = a_feed(clock, baby, alice)
    client = client_for(alice)
    response = client.post(reverse("wondering:answer"), {
        "key": f"moment:{moment.pk}", "feelings": ["content", "sleepy"]},
        headers={"HX-Request": "true"})
    assert response.status_code == 200 and b"wondering-done" in response.content
    kept = Wondering.objects.get()
    assert (kept.author, kept.child, kept.moment, kept.occasion) == (alice, baby, moment, "feed")
    assert kept.feelings == ["content", "sleepy"] and "Lou" in kept.prompt
    assert home(client).context["wondering"] is None
    # Sent twice (Back, then again): kept once.
    client.post(reverse("wondering:answer"), {"key": f"moment:{moment.pk}",
                                              "feelings": ["hungry"]})
    assert Wondering.objects.get().feelings == ["content", "sleepy"]


def test_without_javascript_it_answers_and_goes_back(client_for, clock, alice, baby):
    moment = a_feed(clock, baby, alice)
    response = client_for(alice).post(reverse("wondering:answer"), {
        "key": f"moment:{moment.pk}", "note": "She held my finger the whole time"})
    assert response.status_code == 302 and response.url == reverse("journal:home")
    assert Wondering.objects.get().note == "She held my finger the whole time"


@pytest.mark.parametrize(("data", "message"), [
    ({}, b"Tap what you noticed"),
    ({"feelings": ["grumpy"]}, b"Choose among the words offered"),
    ({"feelings": ["content"], "note": "x" * 501}, b"at most 500"),
    ({"feelings": ["content"], "note": "a\x00b"}, b"invisible control character"),
])
def test_bad_answers_change_nothing(client_for, clock, alice, baby, data, message):
    moment = a_feed(clock, baby, alice)
    response = client_for(alice).post(reverse("wondering:answer"), {
        "key": f"moment:{moment.pk}", "child": baby.pk, **data},
        headers={"HX-Request": "true"})
    assert response.status_code == 400 and message in response.content
    assert b"wondering-card" in response.content  # the card again, to try once more
    assert not Wondering.objects.exists()


@pytest.mark.parametrize("key", ["moment:999999", "cue:999999", "daily:2020-01-01",
                                 "daily:someday", "moment:x", "nothing"])
def test_a_key_that_is_not_hers_is_refused(client_for, clock, alice, baby, key):
    response = client_for(alice).post(reverse("wondering:answer"), {
        "key": key, "child": baby.pk, "feelings": ["content"]})
    assert response.status_code == 302
    assert not Wondering.objects.exists()


def test_another_households_feed_cannot_be_answered(client_for, clock, alice, baby, mallory):
    moment = a_feed(clock, baby, alice)
    client_for(mallory).post(reverse("wondering:answer"), {
        "key": f"moment:{moment.pk}", "feelings": ["content"]})
    assert not Wondering.objects.exists()


def test_not_now_puts_it_away_and_it_still_counts(client_for, clock, alice, baby):
    moment = a_feed(clock, baby, alice)
    client = client_for(alice)
    client.post(reverse("wondering:put_away"), {"key": f"moment:{moment.pk}"})
    assert Wondering.objects.get().answered is False
    a_settled_cry(clock, baby, alice)
    assert home(client).context["wondering"] is None  # one a day, by default
    assert client.get(reverse("wondering:noticed")).context["weeks"] == []


def test_dont_ask_me_again_turns_every_moment_off(client_for, clock, alice, baby):
    a_feed(clock, baby, alice)
    client = client_for(alice)
    client.post(reverse("wondering:never"), headers={"HX-Request": "true"})
    choices = Choices.objects.get(user=alice)
    assert not (choices.after_feed or choices.after_settle or choices.daily)
    assert home(client).context["wondering"] is None
    clock.advance(days=1)
    a_feed(clock, baby, alice)
    assert home(client).context["wondering"] is None


def test_she_may_allow_more_each_day(client_for, clock, alice, baby):
    client = client_for(alice)
    response = client.post(reverse("wondering:choices"), {
        "after_feed": "on", "after_settle": "on", "daily_at": "20:00", "per_day": "2"})
    assert response.status_code == 302
    assert "after a feed you gave and after a cry you answered has settled; at most 2 " \
        "times a day" in client.get(reverse("wondering:noticed")).content.decode()
    first = a_feed(clock, baby, alice)
    client.post(reverse("wondering:answer"), {"key": f"moment:{first.pk}",
                                              "feelings": ["content"]})
    clock.advance(hours=2)
    cue = a_settled_cry(clock, baby, alice)
    assert home(client).context["wondering"]["key"] == f"cue:{cue.pk}"
    client.post(reverse("wondering:put_away"), {"key": f"cue:{cue.pk}"})
    clock.advance(hours=2)
    a_feed(clock, baby, alice)
    assert home(client).context["wondering"] is None  # two were asked today


def test_a_bad_choice_is_explained_and_nothing_saved(client_for, clock, alice):
    response = client_for(alice).post(reverse("wondering:choices"), {
        "after_feed": "on", "daily_at": "25:99", "per_day": "40"})
    assert response.status_code == 400
    assert not Choices.objects.exists()


def test_the_daily_question_shows_on_today_at_her_time(client_for, clock, alice, baby):
    Choices.objects.create(user=alice, household=baby.household, after_feed=False,
                           after_settle=False, daily=True, daily_at=time(19, 0))
    client = client_for(alice)
    clock.advance(hours=8, minutes=59)  # 18:59 in London
    assert home(client).context["wondering"] is None
    clock.advance(minutes=1)
    card = home(client).context["wondering"]
    assert card["key"] == "daily:2026-03-10" and card["child"] == baby
    client.post(reverse("wondering:answer"), {"key": card["key"], "child": baby.pk,
                                              "feelings": ["curious"]})
    assert Wondering.objects.get().occasion == "daily"
    assert home(client).context["wondering"] is None


def test_a_viewer_may_wonder_too_but_only_about_her_day(client_for, clock, carol, baby):
    Choices.objects.create(user=carol, household=baby.household, daily=True,
                           daily_at=time(9, 0))
    card = home(client_for(carol)).context["wondering"]
    assert card["key"] == "daily:2026-03-10"


def _answer(user, baby, clock, key=None, feelings=("content",), note=""):
    clock.advance(minutes=1)
    return services.answer(user=user, household=baby.household, child=baby,
                           key=key or f"daily:{clock().date().isoformat()}",
                           feelings=list(feelings), note=note)


def test_what_you_noticed_is_hers_alone(client_for, clock, alice, bob, baby):
    _answer(alice, baby, clock, note="Alice own words")
    _answer(bob, baby, clock, note="Bob own words")
    mine = client_for(alice).get(reverse("wondering:noticed")).content.decode()
    assert "Alice own words" in mine and "Bob own words" not in mine
    his = client_for(bob).get(reverse("wondering:noticed")).content.decode()
    assert "Bob own words" in his and "Alice own words" not in his


def test_the_thread_goes_by_week_and_by_baby(client_for, clock, alice, baby, household):
    twin = Child.objects.create(household=household, name="Max", birth_at=baby.birth_at)
    for day in range(10):
        _answer(alice, baby if day % 2 else twin, clock)
        clock.advance(days=1)
    client = client_for(alice)
    page = client.get(reverse("wondering:noticed"))
    # Newest week first: Monday 16 to Thursday 19, then Tuesday 10 to Sunday 15.
    assert [len(entries) for _monday, entries in page.context["weeks"]] == [4, 6]
    assert all(monday.weekday() == 0 for monday, _ in page.context["weeks"])
    only_max = client.get(reverse("wondering:noticed"), {"child": twin.pk})
    assert sum(len(e) for _m, e in only_max.context["weeks"]) == 5


def test_the_thread_costs_the_same_queries_however_long(client_for, clock, alice, baby,
                                                        django_assert_max_num_queries):
    client = client_for(alice)
    _answer(alice, baby, clock)
    client.get(reverse("wondering:noticed"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("wondering:noticed"))
    Wondering.objects.bulk_create([Wondering(
        household=baby.household, author=alice, child=baby, occasion="daily",
        key=f"daily:{day}", about_at=clock() - timedelta(days=day),
        feelings=["content", "curious"], note="a line") for day in range(1, 200)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("wondering:noticed"))
    assert page.status_code == 200


def test_today_costs_a_few_queries_more_at_most(client_for, clock, alice, baby,
                                                django_assert_max_num_queries):
    client = client_for(alice)
    home(client)
    with django_assert_max_num_queries(40) as quiet:
        home(client)
    for _ in range(20):
        a_settled_cry(clock, baby, alice)
        a_feed(clock, baby, alice, minutes=5)
    with django_assert_max_num_queries(len(quiet.captured_queries)):
        assert home(client).status_code == 200


def test_she_removes_one_and_her_partner_cannot(client_for, clock, alice, bob, baby):
    kept = _answer(alice, baby, clock)
    url = reverse("wondering:remove", args=[kept.pk])
    assert client_for(bob).post(url).status_code == 404
    assert client_for(alice).post(url).status_code == 302
    assert not Wondering.objects.exists()


def test_her_export_and_her_own_data_hold_her_answers_only(client_for, clock, alice, bob,
                                                           baby):
    import json

    _answer(alice, baby, clock, note="Alice words")
    _answer(bob, baby, clock, note="Bob words")
    exported = b"".join(client_for(alice).get(reverse("transfer:export"),
                                              {"format": "json"}).streaming_content)
    data = json.loads(exported)
    assert [w["note"] for w in data["wonderings"]] == ["Alice words"]
    assert data["wonderings"][0]["child"] == "Lou" and data["version"] == 3
    mine = client_for(bob).get(reverse("own_data_export")).json()
    assert [w["note"] for w in mine["wonderings"]] == ["Bob words"]


def test_deleting_her_own_data_removes_her_wonderings(client_for, clock, alice, bob, baby):
    from nestwell.transfer import own_data

    _answer(alice, baby, clock)
    _answer(bob, baby, clock)
    own_data.delete_all(alice)
    assert list(Wondering.objects.values_list("author", flat=True)) == [bob.pk]


def test_the_api_keeps_hers_and_shows_only_hers(api_for, clock, alice, bob, baby):
    made = api_for(alice).post("/api/v1/wonderings", {
        "key": "daily:2026-03-10", "child": baby.pk, "feelings": ["curious"], "note": "hm"})
    assert made.status_code == 201 and made.data["occasion"] == "daily"
    assert api_for(bob).get("/api/v1/wonderings").data["items"] == []
    assert api_for(bob).get(f"/api/v1/wonderings/{made.data['id']}").status_code == 404
    refused = api_for(alice).post("/api/v1/wonderings", {
        "key": "daily:2026-03-10", "child": baby.pk, "feelings": ["grumpy"]})
    assert refused.status_code == 422 or refused.status_code == 400
    assert Wondering.objects.count() == 1


def test_her_answers_go_out_and_come_back_once(clock, alice, baby, household, other_household,
                                               mallory):
    import io
    import json
    from zoneinfo import ZoneInfo

    import jsonschema

    from nestwell.transfer import export, load, nestwell_json

    Child.objects.create(household=other_household, name="Lou", birth_at=baby.birth_at)
    _answer(alice, baby, clock, feelings=("content", "curious"), note="Watching the light")
    moment = a_feed(clock, baby, alice)
    _answer(alice, baby, clock, key=f"moment:{moment.pk}", feelings=("sleepy",))
    text = io.StringIO()
    export.write_json(export.Scope(household, alice), text)
    document = json.loads(text.getvalue())
    jsonschema.validate(document, json.loads(export.SCHEMA.read_text()))
    assert [w["occasion"] for w in document["wonderings"]] == ["daily", "feed"]

    def bring_in():
        rows = nestwell_json.read(io.BytesIO(text.getvalue().encode()),
                                  time_zone=ZoneInfo("Europe/London"))
        return load.load(other_household, mallory, rows, dry_run=False)

    report = bring_in()
    assert report.applied and report.rejected_count == 0, report.lines()
    theirs = Wondering.objects.filter(author=mallory).order_by("about_at")
    assert [(w.occasion, w.feelings, w.note, w.child.name) for w in theirs] == [
        ("daily", ["content", "curious"], "Watching the light", "Lou"),
        ("feed", ["sleepy"], "", "Lou")]
    assert theirs[1].moment is None  # the feed's id was the other household's
    bring_in()
    assert Wondering.objects.filter(author=mallory).count() == 2  # once, not twice


def test_an_imported_answer_with_words_we_do_not_offer_is_refused(clock, alice, household,
                                                                  baby):
    import io
    import json
    from zoneinfo import ZoneInfo

    from nestwell.transfer import load, nestwell_json

    document = {"format": "nestwell-export", "version": 2, "household": {}, "children": [],
                "wonderings": [{"child": "Lou", "occasion": "daily",
                                "about_at": "2026-03-09T20:00:00+00:00",
                                "feelings": ["grumpy"]},
                               {"child": "Lou", "occasion": "someday",
                                "about_at": "2026-03-09T20:00:00+00:00", "note": "x"}]}
    rows = nestwell_json.read(io.BytesIO(json.dumps(document).encode()),
                              time_zone=ZoneInfo("Europe/London"))
    report = load.load(household, alice, rows, dry_run=False)
    assert report.rejected_count == 2
    assert not Wondering.objects.exists()


def test_a_girls_feelings_agree_with_her_in_french(client_for, clock, alice, baby, household):
    """Chloé's walk: Léa was "curieux", "fatigué". A girl's words take her form; a baby
    whose sex is not noted keeps the words as they were."""
    household.locale = "fr"
    household.save()
    a_feed(clock, baby, alice)
    unnoted = dict(home(client_for(alice)).context["wondering"]["feelings"])
    baby.sex = "female"
    baby.save()
    card = home(client_for(alice)).context["wondering"]
    said = dict(card["feelings"])
    from django.utils import translation

    with translation.override("fr"):  # the words are read as the page reads them
        assert {str(w) for w in said.values()} & {"contente", "fatiguée", "curieuse",
                                                  "somnolente"}
        assert not {str(w) for w in unnoted.values()} & {"contente", "fatiguée", "curieuse"}
    girl = {"content": "contente", "tired": "fatiguée", "curious": "curieuse",
            "sleepy": "somnolente", "proud": "fière", "frustrated": "frustrée"}
    boy = {"content": "content", "tired": "fatigué", "curious": "curieux",
           "sleepy": "somnolent", "proud": "fier", "frustrated": "frustré"}
    first, second = [code for code in said if code in girl][:2]
    _answer(alice, baby, clock, feelings=(first, second))
    thread = client_for(alice).get(reverse("wondering:noticed")).content.decode()
    assert f"{girl[first]}, {girl[second]}" in thread
    baby.sex = "male"
    baby.save()
    thread = client_for(alice).get(reverse("wondering:noticed")).content.decode()
    assert f"{boy[first]}, {boy[second]}" in thread
