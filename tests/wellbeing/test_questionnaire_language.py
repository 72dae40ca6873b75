"""A questionnaire keeps its validated English wording in every language, says so kindly,
and scores the same (issue 19, item 5)."""

import pytest
from django.test import override_settings

from nestwell.wellbeing.models import ScreeningResponse

pytestmark = pytest.mark.django_db
OFFERED = [("en", "English"), ("fr", "Français")]


@override_settings(LANGUAGES=OFFERED)
def test_in_another_language_the_questions_are_english_and_it_says_why(client_for, alice):
    alice.language = "fr"
    alice.save()
    page = client_for(alice).get("/you/questionnaires/phq9/").content.decode()
    assert 'data-testid="wording-notice"' in page
    english = client_for(alice)
    alice.language = "en"
    alice.save()
    assert 'data-testid="wording-notice"' not in english.get(
        "/you/questionnaires/phq9/").content.decode()


@override_settings(LANGUAGES=OFFERED)
def test_the_score_is_the_same_in_every_language(client_for, alice):
    totals = {}
    for code in ("en", "fr"):
        alice.language = code
        alice.save()
        client = client_for(alice)
        answers = ",".join(["2"] * 8 + [""])
        client.post("/you/questionnaires/phq9/", {"answers": answers, "step": 8,
                                                  "choice": "0", "go": "next"})
        totals[code] = ScreeningResponse.objects.latest("pk").total
    assert totals == {"en": 16, "fr": 16}
