"""The prompt library: every prompt has a known source, every band its words."""

from datetime import date

import pytest

from nestwell.wondering import library
from nestwell.wondering.words import FEELINGS


def test_every_prompt_names_a_source_that_is_listed():
    sources = library.sources()
    for source in sources.values():
        assert source["cite"] and source["url"].startswith("https://")
    for band in library.BANDS:
        for occasion in library.OCCASIONS:
            for prompt in library.prompts(band, occasion):
                assert prompt.source in sources, prompt.id
                assert "{name}" in prompt.text, prompt.id


def test_every_word_offered_has_a_label():
    for band in library.BANDS:
        assert set(library.feelings(band)) <= set(FEELINGS)


def test_prompt_ids_are_unique():
    ids = [p.id for band in library.BANDS for occasion in library.library()["bands"][band][
        "prompts"] for p in library.prompts(band, occasion)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("born", "band"), [
    (None, "pregnancy"), (date(2026, 6, 1), "pregnancy"), (date(2026, 3, 10), "newborn"),
    (date(2026, 1, 14), "newborn"), (date(2026, 1, 13), "2_4m"), (date(2025, 11, 9), "2_4m"),
    (date(2025, 11, 8), "4_8m"), (date(2025, 7, 10), "4_8m"), (date(2025, 7, 9), "8_12m"),
    (date(2024, 1, 1), "8_12m")])
def test_the_band_follows_the_age(born, band):
    assert library.band_for(born, date(2026, 3, 10)) == band


def test_the_same_moment_always_gets_the_same_prompt():
    first = library.choose("newborn", "settle", "cue:41")
    assert all(library.choose("newborn", "settle", "cue:41") == first for _ in range(5))
    assert first.occasion == "settle" and first.band == "newborn"
    chosen = {library.choose("newborn", "daily", f"daily:2026-03-{d:02}").id
              for d in range(1, 29)}
    assert len(chosen) > 1  # the days vary


def test_pregnancy_falls_back_to_its_daily_prompts():
    assert library.choose("pregnancy", "feed", "moment:1").occasion == "daily"
    assert library.choose("pregnancy", "daily", "daily:2026-03-10").asked("Bump").count(
        "Bump") == 1


def _every_prompt():
    return {p.id: p for band in library.BANDS for occasion in library.OCCASIONS
            for p in library.prompts(band, occasion)}


@pytest.mark.parametrize("language", ["fr", "de", "es", "ar"])
def test_every_prompt_is_asked_in_each_of_nestwell_s_languages(language):
    """A French page asked its question in English: the library had no translations."""
    translated = library.translations()[language]
    prompts = _every_prompt()
    assert translated.keys() == prompts.keys()
    for pid, prompt in prompts.items():
        text = translated[pid]
        assert text.count("{name}") == prompt.text.count("{name}") and "{" not in \
            text.replace("{name}", ""), pid
        assert prompt.asked("Lou", language) == text.replace("{name}", "Lou") != \
            prompt.asked("Lou"), pid
    if language == "fr":  # no gendered pronoun for a baby who may be a girl or a boy
        assert not any(word in text.split() for text in translated.values()
                       for word in ("il", "elle", "Il", "Elle")), language


def test_a_language_without_a_translation_asks_in_english():
    prompt = next(iter(_every_prompt().values()))
    assert prompt.asked("Lou", "pt-br") == prompt.asked("Lou") == \
        prompt.text.replace("{name}", "Lou")
