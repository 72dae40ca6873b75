from nestwell.wellbeing.models import ScreeningResponse


def step(client, instrument, answers, at, choice=None, go="next"):
    data = {"answers": ",".join("" if a is None else str(a) for a in answers), "step": at,
            "go": go}
    if choice is not None:
        data["choice"] = choice
    return client.post(f"/you/questionnaires/{instrument}/", data)


def answer_all(client, instrument, positions):
    answers = [None] * len(positions)
    response = None
    for i, position in enumerate(positions):
        response = step(client, instrument, answers, i, choice=position)
        answers[i] = position
    return response


def test_the_intro_explains_and_stores_nothing(client_for, alice, nora):
    page = client_for(alice).get("/you/questionnaires/phq9/").content.decode()
    assert "screening, not a diagnosis" in page
    assert "9 questions, one per screen" in page
    assert not ScreeningResponse.objects.exists()


def test_one_question_per_screen_and_nothing_saved_until_the_end(client_for, alice, nora):
    client = client_for(alice)
    page = step(client, "phq9", [None] * 9, 0, go="start").content.decode()
    assert "Little interest or pleasure in doing things" in page
    page = step(client, "phq9", [None] * 9, 0, choice=2).content.decode()
    assert "Feeling down, depressed, or hopeless" in page
    assert 'name="answers" value="2,,,,,,,,"' in page
    assert not ScreeningResponse.objects.exists()


def test_going_back_keeps_the_answers(client_for, alice, nora):
    client = client_for(alice)
    page = step(client, "phq9", [2, 1, None, None, None, None, None, None, None], 2,
                go="back").content.decode()
    assert "Feeling down, depressed, or hopeless" in page
    assert 'id="opt-1" name="choice" value="1" checked' in page


def test_next_without_an_answer_asks_kindly(client_for, alice, nora):
    page = step(client_for(alice), "phq9", [None] * 9, 0).content.decode()
    assert "Choose the answer closest" in page


def test_a_finished_questionnaire_is_scored_saved_and_explained(client_for, alice, nora):
    client = client_for(alice)
    response = answer_all(client, "phq9", [1, 1, 2, 3, 1, 0, 0, 0, 0])
    saved = ScreeningResponse.objects.get()
    assert response.url == f"/you/screenings/{saved.pk}/"
    assert (saved.total, saved.band, saved.safety, saved.author) == (8, "mild", [], alice)
    assert saved.answers == [1, 1, 2, 3, 1, 0, 0, 0, 0]
    page = client.get(response.url).content.decode()
    assert "Mild signs of low mood" in page and "not a diagnosis" in page
    assert "Kroenke" in page and "about 14 days" in page


def test_phq9_item_9_goes_to_the_support_page_at_once(client_for, alice, nora):
    response = answer_all(client_for(alice), "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1])
    saved = ScreeningResponse.objects.get()
    assert saved.safety == [9]
    assert response.url == f"/support/?from=questionnaire&screening={saved.pk}"
    # Its result page: no "Few or no signs of low mood" beside the safety answer (the
    # safety audit: reassurance next to a harm answer).
    page = client_for(alice).get(f"/you/screenings/{saved.pk}/").content.decode()
    assert 'data-testid="safety-note"' in page and "Few or no signs" not in page.split(
        'data-testid="total"')[1].split("</p>")[0]


def test_a_pbq_harm_answer_shows_support_before_the_next_question(client_for, alice, nora):
    client = client_for(alice)
    answers = [None] * 25
    response = step(client, "pbq", answers, 17, choice=3)  # item 18: 'Sometimes'
    page = response.content.decode()
    assert 'data-testid="support-page"' in page
    assert "Continue the questionnaire" in page
    assert 'name="step" value="18"' in page
    assert not ScreeningResponse.objects.exists()


def test_pbq_item_24_does_the_same(client_for, alice, nora):
    page = step(client_for(alice), "pbq", [None] * 25, 23, choice=0).content.decode()
    assert 'data-testid="support-page"' in page


def test_never_on_a_harm_item_carries_on(client_for, alice, nora):
    page = step(client_for(alice), "pbq", [None] * 25, 17, choice=5).content.decode()
    assert 'data-testid="support-page"' not in page
    assert "I am afraid of my baby" not in page and "My baby makes me anxious" in page


def test_an_impossible_choice_is_refused(client_for, alice, nora):
    page = step(client_for(alice), "phq9", [None] * 9, 0, choice=7).content.decode()
    assert "Please choose one of the answers shown." in page


def test_epds_from_paper_with_item_10(client_for, alice, nora):
    client = client_for(alice)
    response = client.post("/you/questionnaires/epds/paper/", {"total": "14",
                                                               "safety_score": "1"})
    saved = ScreeningResponse.objects.get()
    assert (saved.total, saved.band, saved.safety, saved.entry) == (14, "probable", [10],
                                                                     "paper")
    assert response.url.startswith("/support/?from=questionnaire")


def test_epds_paper_total_out_of_range_saves_nothing(client_for, alice, nora):
    page = client_for(alice).post("/you/questionnaires/epds/paper/",
                                  {"total": "31"}).content.decode()
    assert 'class="errorlist' in page
    assert not ScreeningResponse.objects.exists()


def test_epds_wording_is_not_shown_without_a_content_pack(client_for, alice, bob, nora):
    # Its paper form's score is what she can enter (a 404 said it might be another
    # household's); no question is shown, and a caregiver still finds nothing there.
    response = client_for(alice).get("/you/questionnaires/epds/")
    assert (response.status_code, response.url) == (302, "/you/questionnaires/epds/paper/")
    assert client_for(bob).get("/you/questionnaires/epds/").status_code == 404


def test_a_paper_score_without_the_harm_question_says_its_answer_is_unknown(client_for,
                                                                            alice, nora):
    """A total of 16 with question 10 left empty said only "carrying a lot"; the answer
    that matters most was never mentioned."""
    client = client_for(alice)
    form = client.get("/you/questionnaires/epds/paper/").content.decode()
    assert "score 3, 2, 1 and 0, from the first one down" in form
    response = client.post("/you/questionnaires/epds/paper/", {"total": "16"})
    saved = ScreeningResponse.objects.get()
    # Kept with the result, not only said once: opened again, it still says so
    assert saved.safety_unanswered == [10] and saved.safety == []
    assert response.url == f"/you/screenings/{saved.pk}/"
    for _ in range(2):
        page = client.get(response.url).content.decode()
        assert 'data-testid="safety-unknown"' in page and 'href="/support/"' in page
    assert "safety question 10 not noted" in client.get("/you/").content.decode()
    # The card's words hold for the EPDS only (the PHQ-9's item 9 scores 0 at the top);
    # the list still says its score is not known
    response = client.post("/you/questionnaires/phq9/paper/", {"total": "12"})
    phq9 = ScreeningResponse.objects.latest("pk")
    assert phq9.safety_unanswered == [9]
    assert 'data-testid="safety-unknown"' not in client.get(response.url).content.decode()
    response = client.post("/you/questionnaires/epds/paper/",
                           {"total": "16", "safety_score": "0"})
    known = ScreeningResponse.objects.latest("pk")
    assert known.safety_unanswered == []
    assert response.url == f"/you/screenings/{known.pk}/"
    assert 'data-testid="safety-unknown"' not in client.get(response.url).content.decode()


def test_the_bonding_questionnaire_is_offered_only_after_birth(client_for, alice, household):
    from datetime import timedelta

    from django.utils import timezone

    from nestwell.children.models import Child

    Child.objects.create(household=household, name="Bump",
                         due_date=timezone.localdate() + timedelta(weeks=8))
    client = client_for(alice)
    assert client.get("/you/questionnaires/pbq/").status_code == 404
    assert client.get("/you/questionnaires/phq9/").status_code == 200


def expecting(household):
    from datetime import timedelta

    from django.utils import timezone

    from nestwell.children.models import Child

    return Child.objects.create(household=household, name="Bump",
                                due_date=timezone.localdate() + timedelta(weeks=8))


def test_maas_is_offered_in_pregnancy_and_scored_with_its_subscales(client_for, alice,
                                                                     household):
    expecting(household)
    client = client_for(alice)
    assert "Feelings about your baby before birth" in client.get("/you/").content.decode()
    answers = [2] * 19
    answers[11] = 1  # item 12: could imagine it, never has (scores 4)
    response = answer_all(client, "maas", answers)
    saved = ScreeningResponse.objects.get()
    assert (saved.total, saved.subscales, saved.band, saved.safety) == (
        58, {"quality": 31, "intensity": 24}, "", [])
    page = client.get(response.url).content.decode()
    assert "Quality of attachment" in page and "no pass mark" in page
    assert "Condon" in page and "above the published threshold" not in page


def test_maas_item_12_shows_support_before_the_next_question(client_for, alice, household):
    expecting(household)
    page = step(client_for(alice), "maas", [None] * 19, 11, choice=2).content.decode()
    assert 'data-testid="support-page"' in page
    assert not ScreeningResponse.objects.exists()


def test_maas_is_not_offered_once_no_baby_is_expected(client_for, alice, nora):
    assert client_for(alice).get("/you/questionnaires/maas/").status_code == 404


def test_her_partner_cannot_read_her_result(client_for, alice, bob, mallory, nora):
    answer_all(client_for(alice), "gad7", [1, 1, 1, 1, 1, 1, 1])
    saved = ScreeningResponse.objects.get()
    for person in (bob, mallory):
        assert client_for(person).get(f"/you/screenings/{saved.pk}/").status_code == 404
    assert 'data-testid="screening"' not in client_for(bob).get("/you/").content.decode()


def test_history_shows_earlier_answers(client_for, alice, nora):
    client = client_for(alice)
    answer_all(client, "gad2", [0, 1])
    response = answer_all(client, "gad2", [3, 2])
    page = client.get(response.url).content.decode()
    assert "Over time" in page
    assert page.count('datetime="') >= 2


def test_an_organisations_epds_pack_is_offered_in_the_app(client_for, alice, nora, settings,
                                                           tmp_path):
    import json

    from nestwell.wellbeing.instruments import BUILT_IN

    data = json.loads((BUILT_IN / "epds.json").read_text())
    data["wording_included"] = True
    data["items"][9]["text"] = "Pack wording for question 10"
    (tmp_path / "epds.json").write_text(json.dumps(data))
    settings.NESTWELL_INSTRUMENTS_DIR = str(tmp_path)
    client = client_for(alice)
    assert "/you/questionnaires/epds/" in client.get("/you/").content.decode()
    page = step(client, "epds", [0] * 9 + [None], 9, go="continue").content.decode()
    assert "Pack wording for question 10" in page
    response = step(client, "epds", [0] * 9 + [None], 9, choice=0)  # first option scores 3
    saved = ScreeningResponse.objects.get()
    assert saved.safety == [10] and response.url.startswith("/support/")


def test_a_last_question_safety_answer_wins_over_an_earlier_gap(client_for, alice, nora):
    # PHQ-9 item 9 is the last question: an earlier unanswered one must not hide it.
    answers = [0, None, 0, 0, 0, 0, 0, 0, None]
    page = step(client_for(alice), "phq9", answers, 8, choice=2).content.decode()
    assert 'data-testid="support-page"' in page
    assert 'name="step" value="1"' in page  # carrying on goes to the gap
    assert not ScreeningResponse.objects.exists()


def test_carrying_on_after_support_shows_the_next_question(client_for, alice, nora):
    page = step(client_for(alice), "pbq", [1] * 17 + [3] + [None] * 7, 18,
                go="continue").content.decode()
    assert 'data-testid="support-page"' not in page
    assert 'name="answers" value="' + ",".join(["1"] * 17 + ["3"]) in page


def test_a_paper_safety_score_reaches_support_even_with_a_wrong_total(client_for, alice, nora):
    client = client_for(alice)
    for total in ("31", "", "abc"):
        page = client.post("/you/questionnaires/epds/paper/",
                           {"total": total, "safety_score": "2"}).content.decode()
        assert 'data-testid="support-page"' in page, total
        assert "Back to the paper score" in page
    assert not ScreeningResponse.objects.exists()
    back = client.post("/you/questionnaires/epds/paper/",
                       {"go": "continue", "total": "31", "safety_score": "2"}).content.decode()
    assert 'data-testid="support-page"' not in back and 'value="31"' in back


def test_a_paper_score_of_zero_on_item_10_with_a_wrong_total_just_asks_again(client_for, alice,
                                                                             nora):
    page = client_for(alice).post("/you/questionnaires/epds/paper/",
                                  {"total": "31", "safety_score": "0"}).content.decode()
    assert 'data-testid="support-page"' not in page and 'class="errorlist' in page


def test_each_page_marks_exactly_the_answers_that_open_support(client_for, alice, nora):
    """The item pages mark the answers that signal risk (data-risk), so that offline the
    page opens the support page as the server would: for every question of every
    questionnaire she is offered, the marks are the server's own safety answers."""
    import re

    from nestwell.wellbeing import questionnaires

    client = client_for(alice)
    checked = 0
    for instrument_id in ("phq9", "phq2", "gad7", "gad2", "pbq", "epds"):
        if client.get(f"/you/questionnaires/{instrument_id}/").status_code != 200:
            continue  # not offered here (no content pack, or not at this stage)
        instrument = questionnaires.get(instrument_id)
        count = questionnaires.item_count(instrument)
        for at in range(count):
            page = step(client, instrument_id, [None] * count, at, go="continue")
            marked = {int(v) for v in re.findall(r'name="choice" value="(\d+)"[^>]*data-risk',
                                                 page.content.decode())}
            expected = {p for p in range(len(instrument.items[at].options))
                        if questionnaires.flagged(instrument, at, p)}
            assert marked == expected, (instrument_id, at)
            checked += bool(expected)
    assert checked >= 3  # PHQ-9's question 9 and the PBQ's harm questions at least


def test_the_paper_form_says_from_which_safety_score_support_opens(client_for, alice, nora):
    page = client_for(alice).get("/you/questionnaires/phq9/paper/")
    assert page.status_code == 200 and 'data-risk-from="1"' in page.content.decode()
    gad = client_for(alice).get("/you/questionnaires/gad7/paper/")
    assert gad.status_code == 200 and "data-risk-from" not in gad.content.decode()


def test_an_answer_about_harm_is_never_drowned_by_a_low_total(client_for, alice, nora):
    """A low total with a safety answer: the result says nothing reassuring, offers no
    "again in two weeks", and every list that shows the entry marks the answer."""
    household = alice.memberships.first().household
    calm = ScreeningResponse.objects.create(
        household=household, author=alice, instrument="epds", version="test", total=2,
        band="below_threshold", band_label="Below the usual screening threshold")
    flagged = ScreeningResponse.objects.create(
        household=household, author=alice, instrument="epds", version="test", total=1,
        band="below_threshold", band_label="Below the usual screening threshold",
        safety=[10], entry="paper")
    client = client_for(alice)
    page = client.get(f"/you/screenings/{flagged.pk}/").content.decode()
    assert 'data-testid="safety-note"' in page and "one answer matters more" in page
    assert "thoughts of harming yourself" in page and "harm to your baby" not in page
    assert "few of these difficulties" not in page
    assert 'data-testid="remind-repeat"' not in page and "answer it again" not in page
    assert page.count("an answer about harm") == 1  # in "Over time", on its row only
    page = client.get(f"/you/screenings/{calm.pk}/").content.decode()
    assert "few of these difficulties" in page and 'data-testid="remind-repeat"' in page
    assert 'data-testid="safety-note"' not in page
    assert page.count("an answer about harm") == 1
    for path in ("/you/", "/insights/"):
        page = client.get(path).content.decode()
        assert page.count("an answer about harm") == 1, path


def test_a_paper_total_below_its_own_safety_score_is_explained_after_support(client_for,
                                                                            alice, nora):
    """A total of 1 with question 10 scored 3 cannot be: support comes first, then the form
    says why the total needs a second look, and nothing is kept until it adds up."""
    client = client_for(alice)
    typed = {"total": "1", "safety_score": "3"}
    page = client.post("/you/questionnaires/epds/paper/", typed).content.decode()
    assert 'data-testid="support-page"' in page
    back = client.post("/you/questionnaires/epds/paper/",
                       {**typed, "go": "continue"}).content.decode()
    assert "so it is at least 3" in back and 'value="1"' in back
    assert not ScreeningResponse.objects.exists()
    saved = client.post("/you/questionnaires/epds/paper/", {"total": "12", "safety_score": "3"})
    assert saved.status_code == 302 and ScreeningResponse.objects.get().total == 12


def test_paper_scores_out_of_range_are_explained_in_plain_words(client_for, alice, nora):
    page = client_for(alice).post("/you/questionnaires/epds/paper/",
                                  {"total": "31", "safety_score": "0"}).content.decode()
    assert "The total is a number from 0 to 30." in page and "Ensure this value" not in page
    page = client_for(alice).post("/you/questionnaires/epds/paper/",
                                  {"total": "3", "safety_score": "4"}).content.decode()
    assert "One question scores 0, 1, 2 or 3." in page


def test_a_harm_answer_chosen_then_back_still_shows_support(client_for, alice, nora):
    """She chooses "Several days" on item 9, then taps Back instead of Next: the answer
    reached the server, so the support page comes first; she can carry on from item 9."""
    client = client_for(alice)
    page = step(client, "phq9", [0] * 8 + [None], 8, choice=1, go="back").content.decode()
    assert 'data-testid="support-page"' in page and 'data-testid="continue-later"' in page
    assert 'name="answers" value="0,0,0,0,0,0,0,0,1"' in page
    assert 'name="step" value="8"' in page
    assert not ScreeningResponse.objects.exists()
    # "Never" then Back is just Back.
    page = step(client, "phq9", [0] * 8 + [None], 8, choice=0, go="back").content.decode()
    assert 'data-testid="support-page"' not in page


def test_every_result_offers_who_to_reach(client_for, alice, nora):
    response = answer_all(client_for(alice), "phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0])
    page = client_for(alice).get(response.url).content.decode()
    assert 'data-testid="screening-support"' in page and 'href="/support/"' in page


def test_the_bonding_questionnaires_safety_answer_is_named_as_about_the_baby(client_for,
                                                                             alice):
    # The PBQ's items 18 and 24 ask about harm to the baby, not thoughts of self-harm.
    household = alice.memberships.first().household
    flagged = ScreeningResponse.objects.create(
        household=household, author=alice, instrument="pbq", version="test", total=12,
        safety=[18])
    page = client_for(alice).get(f"/you/screenings/{flagged.pk}/").content.decode()
    assert 'data-testid="safety-note"' in page and "harm to your baby" in page
    assert "harming yourself" not in page and 'href="/support/"' in page


def test_a_paper_score_typed_on_an_arabic_keyboard_reaches_support(client_for, alice, nora):
    """A browser's number field dropped "٢" (an Arabic keyboard's 2) and sent nothing, so
    a safety score that signals risk never reached the support page. The fields are text
    now, and read digits of any script, on the server as on the phone."""
    from nestwell.wellbeing import questionnaires

    client = client_for(alice)
    page = client.get("/you/questionnaires/phq9/paper/").content.decode()
    assert 'type="number"' not in page and page.count('inputmode="numeric"') == 2
    page = client.get("/you/questionnaires/epds/paper/").content.decode()
    assert 'type="number"' not in page and page.count('inputmode="numeric"') == 1
    assert questionnaires.paper_risk(questionnaires.get("epds"), "\u200f٢")
    assert questionnaires.paper_risk(questionnaires.get("phq9"), "۱")  # a Persian 1
    assert not questionnaires.paper_risk(questionnaires.get("epds"), "٠")
    for total in ("٣١", "abc"):  # a total the form cannot have: support first all the same
        page = client.post("/you/questionnaires/epds/paper/",
                           {"total": total, "safety_score": "٢"}).content.decode()
        assert 'data-testid="support-page"' in page, total
    response = client.post("/you/questionnaires/epds/paper/", {"total": "١٧",
                                                               "safety_score": "٢"})
    saved = ScreeningResponse.objects.get()
    assert (saved.total, saved.safety) == (17, [10])
    assert response.url.startswith("/support/?from=questionnaire")


def test_her_result_leads_with_words_and_the_number_follows_quietly(client_for, alice, nora):
    """A screening, never a grade: the warm sentence first, then the total and its band in
    small print; no licence line about reproducing wording the page does not show; the
    way to support is a whole sentence and a link of its own."""
    client = client_for(alice)
    response = answer_all(client, "phq9", [2, 3, 3, 2, 2, 1, 2, 1, 0])
    page = client.get(response.url).content.decode()
    words = page.index('data-testid="explanation"')
    assert words < page.index('data-testid="total"') < page.index('data-testid="band"')
    result = page.split('class="result muted small"')[1].split("</p>")[0]
    assert "16" in result and "out of 27" in result
    assert "Moderately severe signs of low mood" in result
    assert "no permission is required" not in page
    assert "you do not have to wait for an appointment." in page
    assert ">See who you can reach, day and night</a>" in page


def test_the_paper_epds_result_says_nothing_of_content_packs(client_for, alice, nora):
    client = client_for(alice)
    client.post("/you/questionnaires/epds/paper/", {"total": "12", "safety_score": "0"})
    page = client.get(f"/you/screenings/{ScreeningResponse.objects.get().pk}/").content.decode()
    assert "content pack" not in page and "publisher" not in page
    assert 'data-testid="total">12<' in page


def test_her_list_names_each_questionnaire_as_she_met_it(client_for, alice, nora):
    client = client_for(alice)
    answer_all(client, "gad7", [3, 2, 2, 1, 3, 2, 2])
    page = client.get("/you/").content.decode()
    row = page.split('data-testid="screening"')[1].split("</li>")[0]
    assert "Worry and anxiety (GAD-7)" in row and "GAD7" not in row
    assert "total 15 · Severe signs of anxiety" in row


def test_a_caregiver_is_offered_the_general_questionnaires_not_the_parents(client_for, bob,
                                                                           alice, nora):
    """A grandmother who helps was offered "Feelings about your baby" (the PBQ) and an EPDS
    score from paper: they are about being the baby's parent."""
    hub = client_for(bob).get("/you/").content.decode()
    assert "part of looking after a baby." in hub  # not "your baby", to a grandmother
    assert "/you/questionnaires/phq9/" in hub and "/you/questionnaires/gad7/" in hub
    assert "/you/questionnaires/pbq/" not in hub and "/paper/" not in hub
    assert client_for(bob).get("/you/questionnaires/pbq/").status_code == 404
    mother = client_for(alice).get("/you/").content.decode()
    assert "/you/questionnaires/pbq/" in mother and "/you/questionnaires/epds/paper/" in mother


def test_an_answer_on_its_way_reaches_support_whoever_is_answering(client_for, bob, nora):
    """Only beginning one is for the baby's parents: an answer posted mid-questionnaire (a
    role changed meanwhile, a repeat reminder) had met a 404, a safety answer too."""
    import re

    client = client_for(bob)
    assert client.post("/you/questionnaires/pbq/", {"go": "start"}).status_code == 404
    count = 25
    page = step(client, "pbq", [None] * count, 17, go="continue")
    assert page.status_code == 200
    risky = re.findall(r'name="choice" value="(\d+)"[^>]*data-risk', page.content.decode())
    assert risky, "item 18 of the PBQ marks its risky answers"
    response = step(client, "pbq", [0] * 17 + [None] * 8, 17, choice=risky[0])
    assert 'data-testid="support-page"' in response.content.decode()


def test_any_paper_total_without_its_safety_score_says_so_on_its_result(client_for, alice,
                                                                        nora):
    """The EPDS's card aside, a PHQ-9 total kept without item 9 said nothing of it on its
    own result page (only in a list of two or more)."""
    client = client_for(alice)
    response = client.post("/you/questionnaires/phq9/paper/", {"total": "4"})
    page = client.get(response.url).content.decode()
    assert 'data-testid="safety-not-noted"' in page
    assert "safety question 9 not noted" in page
    response = client.post("/you/questionnaires/phq9/paper/",
                           {"total": "4", "safety_score": "0"})
    assert 'data-testid="safety-not-noted"' not in client.get(response.url).content.decode()


def test_the_epds_question_10_from_paper_is_chosen_by_the_place_of_the_answer(
        client_for, alice, nora):
    """Nadia circled "the third answer" and had to work out that it scores 1; a 0 typed
    instead never reached support. She picks the place now; those that signal risk are
    marked for the offline script, and the last one (0) and "not noted" are not."""
    import re

    client = client_for(alice)
    page = client.get("/you/questionnaires/epds/paper/").content.decode()
    radios = re.findall(r'<input type="radio" name="safety_score" value="(\d?)"([^>]*)>', page)
    assert [value for value, _rest in radios] == ["3", "2", "1", "0", ""]
    assert [("data-risk" in rest) for _value, rest in radios] == [True, True, True, False,
                                                                  False]
    assert "The third answer (scores 1)" in page and "data-risk-from" not in page
    response = client.post("/you/questionnaires/epds/paper/",
                           {"total": "14", "safety_score": "1"})
    assert response.status_code == 302 and response.url.startswith(
        "/support/?from=questionnaire&screening=")
    saved = ScreeningResponse.objects.get()
    assert (saved.total, saved.safety) == (14, [10])
    unknown = client.post("/you/questionnaires/epds/paper/",
                          {"total": "9", "safety_score": ""})
    assert unknown.status_code == 302
    assert ScreeningResponse.objects.latest("created_at").safety_unanswered == [10]


def test_a_risky_score_typed_before_the_places_is_checked_again_after_support(client_for,
                                                                             alice, nora):
    """A page opened before the places sent "٢" with a total it cannot have: support
    opened, and back on the form no place was checked, so saving lost her answer."""
    client = client_for(alice)
    for typed in ("٢", "02", " 2", "\u200f٢"):
        page = client.post("/you/questionnaires/epds/paper/", {
            "go": "continue", "total": "31", "safety_score": typed}).content.decode()
        assert '<input type="radio" name="safety_score" value="2"' in page
        checked = page.split('value="2"')[1].split(">")[0]
        assert "checked" in checked, typed


def test_the_last_answer_sent_twice_is_kept_once(client_for, alice, nora):
    """The safety audit: a double tap on the last question saved two results."""
    import re

    client = client_for(alice)
    answer_all(client, "phq9", [0, 0, 0, 0, 0, 0, 0, 0])  # up to the last question
    page = step(client, "phq9", [0] * 8 + [None], 7, choice=0).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page)[1]
    last = {"answers": "0,0,0,0,0,0,0,0,", "step": "8", "choice": "2", "go": "next",
            "idempotency_key": key}
    first = client.post("/you/questionnaires/phq9/", last)
    again = client.post("/you/questionnaires/phq9/", last)
    assert ScreeningResponse.objects.count() == 1
    assert first.url.startswith("/support/") and again.url.startswith("/support/")


def test_a_pbq_begun_before_the_baby_died_still_brings_a_harm_answer_to_support(
        client_for, alice, nora):
    """Once the baby has died the PBQ is no longer offered (no one begins it); one already
    on its way is still read: a harm answer opened a 404 page instead of support."""
    from django.utils import timezone

    from nestwell.children.models import Child

    client = client_for(alice)
    assert client.post("/you/questionnaires/pbq/", {"go": "start"}).status_code == 200
    Child.objects.filter(pk=nora.pk).update(died_on=timezone.localdate())  # the other parent
    page = step(client, "pbq", [None] * 25, 17, choice=3).content.decode()
    assert 'data-testid="support-page"' in page
    assert client.post("/you/questionnaires/pbq/", {"go": "start"}).status_code == 404
    continued = step(client, "pbq", [1] * 24 + [None], 24, choice=5)
    assert continued.status_code == 302 and ScreeningResponse.objects.filter(
        instrument="pbq").exists()  # what she answered to the end is kept
