"""Each suggestion rule on hand-built weeks (pure), then the home card."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nestwell.insights import guidance, suggestions
from nestwell.insights.suggestions import Recent, pick
from nestwell.journal.models import Moment
from nestwell.wellbeing.models import CheckIn

CALM_WEEK = Recent(stage="early_months", days_since_skin=0, talk_or_sing=10, bump_talk=0,
                   cries=2, evening_cries=1, checkins=5)


def codes(recent):
    return [s.code for s in pick(recent, limit=10)]


def test_a_calm_week_suggests_nothing():
    assert codes(CALM_WEEK) == []


@pytest.mark.parametrize(("change", "code"), [
    ({"days_since_skin": 3}, "skin"),
    ({"days_since_skin": None}, "skin"),
    ({"cries": 6, "evening_cries": 3}, "evening-crying"),
    ({"low_mood_days": 2, "short_sleep_days": 2}, "self-care"),
    ({"low_support_days": 3}, "support"),
    ({"felt_far_days": 2}, "far"),
    ({"talk_or_sing": 0}, "talk"),
])
def test_each_rule_on_its_own(change, code):
    assert codes(Recent(**{**CALM_WEEK.__dict__, **change})) == [code]


@pytest.mark.parametrize(("change", "silent"), [
    ({"days_since_skin": 2}, "skin"),
    ({"days_since_skin": None, "stage": "beyond"}, "skin"),  # past the first year
    ({"cries": 3, "evening_cries": 3}, "evening-crying"),
    ({"cries": 6, "evening_cries": 2}, "evening-crying"),
    ({"low_mood_days": 2, "short_sleep_days": 1}, "self-care"),
    ({"checkins": 2, "low_support_days": 2}, "support"),
])
def test_just_below_each_threshold_it_stays_quiet(change, silent):
    assert silent not in codes(Recent(**{**CALM_WEEK.__dict__, **change}))


def test_in_pregnancy_only_the_bump_and_her_own_rules():
    quiet = Recent(stage="pregnancy", bump_talk=0, talk_or_sing=0, days_since_skin=None)
    assert codes(quiet) == ["bump"]


def test_at_most_two_and_her_own_first_and_put_away_respected():
    hard = Recent(stage="newborn", days_since_skin=None, talk_or_sing=0, cries=8,
                  evening_cries=6, checkins=5, low_mood_days=3, short_sleep_days=4,
                  low_support_days=3, felt_far_days=0)
    assert [s.code for s in pick(hard)] == ["self-care", "support"]
    assert [s.code for s in pick(hard, frozenset({"self-care"}))] == ["support", "skin"]


def test_every_suggestion_points_to_an_article_and_never_says_should():
    everything = Recent(stage="newborn", days_since_skin=None, talk_or_sing=0, cries=8,
                        evening_cries=8, checkins=5, low_mood_days=5, short_sleep_days=5,
                        low_support_days=5, felt_far_days=5)
    found = pick(everything, limit=10) + pick(Recent(stage="pregnancy"), limit=10)
    assert {s.code for s in found} == suggestions.CODES
    for s in found:
        assert s.article in guidance.library()
        assert "should" not in s.text.lower()


def test_the_library_is_complete_and_kind():
    articles = guidance.library()
    assert len(articles) >= 8
    for article in articles.values():
        assert article.seed and article.stages and article.title
        assert "should" not in article.body.lower()
        assert "<script" not in article.html
    assert any("pregnancy" in a.stages for a in articles.values())


def test_the_renderer_escapes_and_keeps_lists():
    html = guidance.render("Hello <b>you</b> **there**\n\n- one\n- *two*")
    assert html == ("<p>Hello &lt;b&gt;you&lt;/b&gt; <strong>there</strong></p>\n"
                    "<ul><li>one</li><li><em>two</em></li></ul>")


def test_the_home_card_and_not_now(client_for, alice, nora, household):
    client = client_for(alice)
    page = client.get("/").content.decode()
    assert 'data-code="skin"' in page and "Skin-to-skin, from the first hour on" in page
    client.post("/insights/suggestions/skin/put-away/")
    assert 'data-code="skin"' not in client.get("/").content.decode()
    assert client.post("/insights/suggestions/nonsense/put-away/").status_code == 404


def test_her_low_week_is_only_suggested_to_her(client_for, alice, bob, nora, household):
    now = timezone.now()
    Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                          started_at=now - timedelta(hours=2), ended_at=now)
    for d in range(3):
        CheckIn.objects.create(household=household, author=alice, mood=1, connection=3,
                               energy=1, stress=5, support=3, safety="safe", sleep_hours="3",
                               created_at=now - timedelta(days=d))
    assert 'data-code="self-care"' in client_for(alice).get("/").content.decode()
    assert 'data-code="self-care"' not in client_for(bob).get("/").content.decode()


def test_a_caregiver_or_a_viewer_is_not_offered_the_parents_suggestions(client_for, alice,
                                                                         bob, carol, nora):
    """The grandmother who helps (a caregiver), or a viewer, was offered "skin-to-skin can
    calm you both", written for the baby's parents."""
    assert 'data-testid="suggestions"' in client_for(alice).get("/").content.decode()
    for person in (bob, carol):
        assert 'data-testid="suggestions"' not in client_for(person).get("/").content.decode()


def test_suggestions_can_be_turned_off_and_on(client_for, alice, nora):
    client = client_for(alice)
    client.post("/insights/suggestions/switch/", {"on": "0"})
    assert 'data-testid="suggestions"' not in client.get("/").content.decode()
    client.post("/insights/suggestions/switch/", {"on": "1"})
    assert 'data-testid="suggestions"' in client.get("/").content.decode()


def test_articles_carry_the_not_advice_note(client_for, carol, nora):
    page = client_for(carol).get("/guidance/skin-to-skin/").content.decode()
    assert 'data-testid="not-advice"' in page and "not medical advice" in page
    assert client_for(carol).get("/guidance/nope/").status_code == 404
    listing = client_for(carol).get("/guidance/").content.decode()
    assert "Skin-to-skin, from the first hour on" in listing


def test_in_a_neonatal_unit_skin_to_skin_is_the_units_card_not_a_suggestion():
    """Lena: "after the next bath or feed might be an easy moment", for a son in the unit."""
    quiet = Recent(stage="newborn", days_since_skin=None, talk_or_sing=3)
    assert [s.code for s in pick(quiet)] == ["skin"]
    assert pick(Recent(stage="newborn", days_since_skin=None, talk_or_sing=3,
                       in_unit=True)) == []
