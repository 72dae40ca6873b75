"""The short reads in every language (issue 19): the same nine articles, the same stages,
topics and seed as the English ones, in our voice, and shown in the page's language."""

import pytest
from django.test import override_settings

from nestwell.insights import guidance

LANGUAGES = ("fr", "de", "es", "ar")
# What "should" becomes in each language: the articles never tell her what she ought to do.
OUGHT = {"fr": ("devez", "devriez", "il faut"), "de": ("sollte", "musst"),
         "es": ("debes", "deberías"), "ar": ("يجب", "ينبغي")}


def translated(code):
    return {path.stem: guidance.parse(path.stem, path.read_text(encoding="utf-8"), code)
            for path in sorted((guidance.LIBRARY / code).glob("*.md"))}


def test_every_language_has_its_own_folder():
    assert guidance.languages() == sorted((*LANGUAGES, "en-us"))


BRITISH = ("nappy", "nappies", "health visitor", " cot", "pram", "colour", "counsellor",
           "programme", "cosier", "cosy", "38°c or more")


def test_us_english_reads_its_own_words_and_the_rest_as_written():
    british, american = guidance.library("en"), guidance.library("en-US")
    assert american.keys() == british.keys()
    own = {p.stem for p in (guidance.LIBRARY / "en-us").glob("*.md")}
    assert own and own < british.keys()
    for slug, article in american.items():
        text = f"{article.title}\n{article.lead}\n{article.body}".lower()
        assert not [word for word in BRITISH if word in text], slug
        if slug in own:
            assert article.language == "en-us" and article.body != british[slug].body
            assert (article.stages, article.topics, article.seed, article.title) == (
                british[slug].stages, british[slug].topics, british[slug].seed,
                british[slug].title), slug
        else:
            assert article == british[slug], slug
    assert any("diaper" in a.body for a in american.values())


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_article_is_translated_with_the_same_stages_topics_and_seed(code):
    english = guidance.library()
    articles = translated(code)
    assert articles.keys() == english.keys()
    for slug, article in articles.items():
        assert (article.stages, article.topics, article.seed) == (
            english[slug].stages, english[slug].topics, english[slug].seed), slug
        assert bool(article.lead) == bool(english[slug].lead), slug
        assert article.title != english[slug].title, slug
        assert article.body.count("\n- ") == english[slug].body.count("\n- "), slug
        assert article.body.count("**") == english[slug].body.count("**"), slug
        assert article.html.count("<ul>") == english[slug].html.count("<ul>"), slug


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_translation_tells_her_what_she_ought_to_do(code):
    for article in translated(code).values():
        text = f"{article.title}\n{article.lead}\n{article.body}".lower()
        assert not [word for word in OUGHT[code] if word in text], article.slug


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_summary_stands_alone_and_the_markup_is_understood(code):
    for article in guidance.library(code).values():
        assert article.language == code
        summary = article.summary
        assert summary and not summary.rstrip().endswith(":"), article.slug
        assert "*" not in summary and "*" not in article.html, article.slug


def test_a_missing_translation_falls_back_to_english(tmp_path, monkeypatch):
    english = guidance.LIBRARY / "skin-to-skin.md"
    (tmp_path / "skin-to-skin.md").write_text(english.read_text(encoding="utf-8"))
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "skin-to-skin.md").write_text(
        "title: Le peau à peau\nstages: newborn\ntopics: closeness\nseed: s\n---\nBonjour.")
    monkeypatch.setattr(guidance, "LIBRARY", tmp_path)
    guidance._library.cache_clear()
    try:
        assert guidance.library("fr")["skin-to-skin"].title == "Le peau à peau"
        assert guidance.library("fr-ca")["skin-to-skin"].language == "fr"
        assert guidance.library("de")["skin-to-skin"].language == "en"
        assert guidance.library("en-xa")["skin-to-skin"].title.startswith("Skin-to-skin")
    finally:
        guidance._library.cache_clear()


@pytest.mark.django_db
@override_settings(LANGUAGES=[("en", "English"), ("fr", "Français")])
def test_the_library_and_an_article_speak_french_when_she_does(client_for, alice, nora):
    alice.language = "fr"
    alice.save()
    client = client_for(alice)
    page = client.get("/guidance/").content.decode()
    assert "Le peau à peau, dès la première heure" in page
    assert "Skin-to-skin, from the first hour on" not in page
    page = client.get("/guidance/skin-to-skin/").content.decode()
    assert "<h1>Le peau à peau, dès la première heure</h1>" in page
    assert '<article class="stack">' in page  # no lang="en": the article is French


@pytest.mark.django_db
@override_settings(LANGUAGES=[("en", "English"), ("fr", "Français")])
def test_the_library_stays_english_for_someone_reading_english(client_for, alice, nora):
    client = client_for(alice)
    page = client.get("/guidance/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Skin-to-skin, from the first hour on" in page
    assert "Le peau à peau" not in page
    page = client.get("/guidance/skin-to-skin/").content.decode()
    assert "<h1>Skin-to-skin, from the first hour on</h1>" in page


@pytest.mark.django_db
@override_settings(LANGUAGES=[("en", "English"), ("fr", "Français")])
def test_the_home_suggestion_names_its_article_in_her_language(client_for, alice, nora):
    alice.language = "fr"
    alice.save()
    page = client_for(alice).get("/").content.decode()
    assert "Le peau à peau, dès la première heure" in page
