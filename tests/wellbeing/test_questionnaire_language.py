"""A questionnaire is shown in her language only in a validated translation; otherwise it
keeps its English wording and says so kindly. Either way it scores the same, and a
positive answer to PHQ-9 question 9 reaches the support page (issue 19, item 5)."""

import json

import pytest
from django.test import override_settings

from nestwell.wellbeing.instruments import BUILT_IN, languages
from nestwell.wellbeing.models import ScreeningResponse
from tests.wellbeing.test_questionnaire_flow import step

pytestmark = pytest.mark.django_db
OFFERED = [("en", "English"), ("fr", "Français"), ("de", "Deutsch"), ("es", "Español"),
           ("ar", "العربية")]
TRANSLATED = {code for code in languages("phq9") if code != "en"}


def speaking(client_for, person, code):
    person.language = code
    person.save()
    return client_for(person)


@override_settings(LANGUAGES=OFFERED)
@pytest.mark.parametrize("code", ["en", "fr", "de", "es", "ar"])
def test_the_intro_says_which_words_the_questions_are_in(client_for, alice, code):
    page = speaking(client_for, alice, code).get("/you/questionnaires/phq9/").content.decode()
    if code == "en":
        assert "wording-notice" not in page and "translation-notice" not in page
        assert "no permission is required to reproduce" in page
    elif code in TRANSLATED:
        assert 'data-testid="translation-notice"' in page
        assert 'data-testid="wording-notice"' not in page
        assert 'data-testid="translation-source"' in page and "Pfizer" in page
    else:
        assert 'data-testid="wording-notice"' in page
        assert 'data-testid="translation-source"' not in page


@override_settings(LANGUAGES=OFFERED)
def test_in_french_the_phq9_is_in_the_french_for_france_wording(client_for, alice):
    client = speaking(client_for, alice, "fr")
    intro = client.get("/you/questionnaires/phq9/").content.decode()
    assert "PHQ-9, French for France (Pfizer)" in intro
    assert "La reproduction, la traduction, l’affichage ou la distribution" in intro
    assert "PHQ9_French%20for%20France.pdf" in intro
    page = step(client, "phq9", [None] * 9, 0, go="start").content.decode()
    assert "Peu d’intérêt ou de plaisir à faire les choses" in page
    assert "Plus de la moitié du temps" in page and "Several days" not in page
    assert '<legend lang="fr" dir="ltr">' in page and "selon quelle fréquence" in page
    page = step(client, "phq9", [0] * 8 + [None], 8, go="continue").content.decode()
    assert "Penser qu’il vaudrait mieux mourir" in page


@override_settings(LANGUAGES=OFFERED)
@pytest.mark.parametrize(("instrument_id", "first"), [
    ("phq2", "Peu d’intérêt ou de plaisir à faire les choses"),
    ("gad7", "Un sentiment de nervosité, d’anxiété ou de tension"),
    ("gad2", "Un sentiment de nervosité, d’anxiété ou de tension")])
def test_the_other_screeners_in_french(client_for, alice, instrument_id, first):
    client = speaking(client_for, alice, "fr")
    assert 'data-testid="translation-notice"' in client.get(
        f"/you/questionnaires/{instrument_id}/").content.decode()
    page = step(client, instrument_id, [None] * (7 if instrument_id == "gad7" else 2), 0,
                go="start").content.decode()
    assert first in page and 'lang="fr"' in page


@override_settings(LANGUAGES=OFFERED)
def test_an_instrument_without_a_translation_stays_english_and_says_so(client_for, alice,
                                                                        nora):
    client = speaking(client_for, alice, "fr")
    assert 'data-testid="wording-notice"' in client.get(
        "/you/questionnaires/pbq/").content.decode()
    page = step(client, "pbq", [None] * 25, 0, go="start").content.decode()
    assert '<legend lang="en" dir="ltr">' in page


@override_settings(LANGUAGES=OFFERED)
def test_in_arabic_the_english_questions_read_left_to_right(client_for, alice):
    client = speaking(client_for, alice, "ar")
    page = step(client, "phq9", [None] * 9, 0, go="start").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<legend lang="en" dir="ltr">' in page and 'class="options" lang="en" dir="ltr"' \
        in page


@override_settings(LANGUAGES=OFFERED)
@pytest.mark.parametrize("code", ["en", "fr", "de", "es", "ar"])
@pytest.mark.parametrize("position", [1, 2, 3])
def test_question_9_reaches_support_in_every_language(client_for, alice, code, position):
    client = speaking(client_for, alice, code)
    # straight away, with questions still unanswered
    page = step(client, "phq9", [0, None, 0, 0, 0, 0, 0, 0, None], 8,
                choice=position).content.decode()
    assert 'data-testid="support-page"' in page
    assert not ScreeningResponse.objects.exists()
    # and once everything is answered: saved with the safety flag, then support
    response = step(client, "phq9", [0] * 8 + [None], 8, choice=position)
    saved = ScreeningResponse.objects.get()
    assert saved.safety == [9] and saved.total == position
    assert response.status_code == 302 and response.url.startswith("/support/")


@override_settings(LANGUAGES=OFFERED)
def test_not_at_all_on_question_9_reaches_the_result_in_french(client_for, alice):
    response = step(speaking(client_for, alice, "fr"), "phq9", [0] * 8 + [None], 8, choice=0)
    assert response.url.startswith("/you/screenings/")
    assert ScreeningResponse.objects.get().safety == []


@override_settings(LANGUAGES=OFFERED)
@pytest.mark.parametrize("instrument_id", ["phq9", "phq2", "gad7", "gad2"])
def test_the_score_is_the_same_in_every_language(client_for, alice, instrument_id):
    count = {"phq9": 9, "phq2": 2, "gad7": 7, "gad2": 2}[instrument_id]
    positions = [(n * 2 + 1) % 4 for n in range(count)]
    positions[-1] = 0  # no safety answer: straight to the result
    saved = {}
    for code in ("en", "fr", "de", "es", "ar"):
        client = speaking(client_for, alice, code)
        step(client, instrument_id, positions[:-1] + [None], count - 1, choice=0)
        response = ScreeningResponse.objects.latest("pk")
        saved[code] = (response.total, response.band, response.band_label, response.version,
                       tuple(response.answers), tuple(response.safety))
    assert len(set(saved.values())) == 1, saved
    assert saved["fr"][4] == tuple(positions)


def test_a_broken_translation_in_a_content_pack_falls_back_to_english(client_for, alice,
                                                                       settings, tmp_path):
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "phq9.de.json").write_text('{"instrument": "phq9"}')
    # Both through the fixture: a decorator's override under the fixture's would outlive
    # the test (the fixture puts back what it found, the decorator's settings).
    settings.LANGUAGES = OFFERED
    settings.NESTWELL_INSTRUMENTS_DIR = str(tmp_path)
    client = speaking(client_for, alice, "de")
    assert 'data-testid="wording-notice"' in client.get(
        "/you/questionnaires/phq9/").content.decode()
    page = step(client, "phq9", [None] * 9, 0, go="start").content.decode()
    assert "Little interest or pleasure in doing things" in page


def test_an_organisation_can_add_a_translation_through_its_content_pack(client_for, alice,
                                                                        settings, tmp_path):
    data = json.loads((BUILT_IN / "translations" / "phq9.fr.json").read_text())
    data.update(language="es", name="Una traducción validada del paquete")
    data["items"][0]["text"] = "Texto del paquete para la pregunta 1"
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "phq9.es.json").write_text(json.dumps(data))
    settings.LANGUAGES = OFFERED
    settings.NESTWELL_INSTRUMENTS_DIR = str(tmp_path)
    client = speaking(client_for, alice, "es")
    intro = client.get("/you/questionnaires/phq9/").content.decode()
    assert "Una traducción validada del paquete" in intro
    page = step(client, "phq9", [None] * 9, 0, go="start").content.decode()
    assert "Texto del paquete para la pregunta 1" in page and 'lang="es"' in page


@override_settings(LANGUAGES=OFFERED)
def test_a_translated_questionnaire_page_needs_no_more_queries(client_for, alice,
                                                              django_assert_max_num_queries):
    client = speaking(client_for, alice, "fr")
    client.get("/you/questionnaires/phq9/")
    with django_assert_max_num_queries(8):
        client.get("/you/questionnaires/phq9/")
    with django_assert_max_num_queries(8):
        step(client, "phq9", [None] * 9, 0, go="start")


@override_settings(LANGUAGES=OFFERED)
def test_another_household_and_a_viewer(client_for, alice, carol, other_household):
    from nestwell.accounts.roles import Role
    from tests.conftest import make_user

    stranger = make_user("eve@example.org", "Eve", other_household, Role.PARENT)
    stranger.language = "fr"
    stranger.save()
    carol.language = "fr"
    carol.save()
    # her own questionnaire for each: nothing of Alice's is ever shown to them
    step(speaking(client_for, alice, "fr"), "phq9", [0] * 8 + [None], 8, choice=0)
    saved = ScreeningResponse.objects.get()
    for person in (stranger, carol):
        client = client_for(person)
        assert client.get(f"/you/screenings/{saved.pk}/").status_code == 404
        assert client.get("/you/questionnaires/phq9/").status_code == 200
