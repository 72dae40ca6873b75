"""The support page in her language and for her country (issue 19, item 6): every line
translated, numbers identical in every language, and another country one choice away."""

import json
from unittest import mock

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.test.utils import CaptureQueriesContext

from nestwell.wellbeing import crisis
from nestwell.wellbeing.views import SUPPORT_COUNTRY_COOKIE

LANGUAGES = ("fr", "de", "es", "ar")


def overlay(language):
    return json.loads(crisis.overlay_file(language).read_text(encoding="utf-8"))


def english():
    return json.loads(crisis.DATA_FILE.read_text(encoding="utf-8"))


def translated_entries(data):
    """(where, English entry, overlay part of it) for everything a person reads."""
    for code, country in data["countries"].items():
        yield code, country, ("countries", code)
    yield "default", data["default"], ("default",)


def part_of(words, path):
    for key in path:
        words = words.get(key) or {}
    return words


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_line_of_every_country_has_its_translation(language):
    words = overlay(language)
    missing = []
    for where, entry, path in translated_entries(english()):
        own = part_of(words, path)
        if where != "default" and not own.get("name"):
            missing.append((where, "name"))
        for part, fields in crisis.TRANSLATED.items():
            for item in entry.get(part, []):
                key = crisis.overlay_key(part, item)
                for field in fields:
                    if item.get(field) and not (own.get(part, {}).get(key, {})
                                                .get(field, "").strip()):
                        missing.append((where, part, key, field))
        if entry.get("directory", {}).get("text") and not own.get("directory", {}).get("text"):
            missing.append((where, "directory"))
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_overlay_holds_words_only_for_lines_that_exist(language):
    """No numbers, links or sources of its own, and nothing for a line that is gone (a
    renamed or renumbered line would otherwise keep a stale translation)."""
    words, data = overlay(language), english()
    stray = []
    for where, entry, path in translated_entries(data):
        own = part_of(words, path)
        allowed = {"name", "directory", *crisis.TRANSLATED}
        stray += [(where, key) for key in own if key not in allowed]
        for part, fields in crisis.TRANSLATED.items():
            known = {crisis.overlay_key(part, item) for item in entry.get(part, [])}
            for key, item in own.get(part, {}).items():
                if key not in known or set(item) - set(fields):
                    stray.append((where, part, key))
    assert set(words["countries"]) == set(data["countries"])
    assert stray == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_links_and_sources_are_the_same_in_every_language(language):
    for code in english()["countries"]:
        mine, theirs = crisis.lines_for(code), crisis.lines_for(code, language=language)
        for part in ("emergency", "lines", "text_services"):
            for field in ("number", "tel", "source", "sms", "name"):
                assert ([item.get(field) for item in mine.get(part, [])]
                        == [item.get(field) for item in theirs.get(part, [])]), (code, part)


def test_a_missing_translation_leaves_the_english_field_by_field():
    entry = {"emergency": [{"number": "1", "description": "Police."}],
             "lines": [{"number": "2", "description": "Listening.", "hours": "24/7"}]}
    words = {"lines": {"2": {"description": "Écoute.", "hours": " "}}}
    out = crisis.translate(entry, words)
    assert out["emergency"][0]["description"] == "Police."
    assert out["lines"][0] == {"number": "2", "description": "Écoute.", "hours": "24/7"}
    assert crisis.translate(entry, None) == entry


def test_an_unknown_or_damaged_language_is_english(tmp_path):
    assert crisis.load_overlay("en") == {} and crisis.load_overlay("xx") == {}
    assert crisis.load_overlay("../../etc/passwd") == {}
    broken = tmp_path / "crisis_lines.fr.json"
    broken.write_text("{not json")
    crisis.load_overlay.cache_clear()
    try:
        with mock.patch.object(crisis, "DATA_DIR", tmp_path):
            assert crisis.load_overlay("fr") == {}
            assert crisis.lines_for("FR", language="fr")["lines"][0]["description"] \
                == english()["countries"]["FR"]["lines"][0]["description"]
    finally:
        crisis.load_overlay.cache_clear()


def test_country_names_come_in_her_language_and_her_order():
    names = dict(crisis.country_choices(language="fr"))
    assert names["US"] == "États-Unis" and names["DE"] == "Allemagne"
    order = [name for _code, name in crisis.country_choices(language="fr")]
    assert order.index("Espagne") < order.index("États-Unis") < order.index("Finlande")
    assert dict(crisis.country_choices(language="ar"))["FR"] == "فرنسا"
    assert dict(crisis.country_choices())["FR"] == "France"


def test_the_page_in_french_shows_french_words_and_the_french_country_name(client):
    page = client.get("/support/?country=GB", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    words = overlay("fr")["countries"]["GB"]
    assert words["emergency"]["999"]["description"] in page
    assert words["lines"]["116 123"]["description"] in page
    assert "Royaume-Uni" in page
    assert english()["countries"]["GB"]["lines"][0]["description"] not in page
    # Text links are made from the English wording, whatever the page shows.
    assert 'href="sms:85258?&amp;body=SHOUT"' in page
    assert "SHOUT au 85258" in page


def test_phone_numbers_keep_their_order_in_arabic(client):
    page = client.get("/support/?country=FR", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    assert '<strong><bdi dir="ltr">09 72 39 40 50</bdi></strong>' in page
    assert "<bdi>SOS Amitié</bdi>" in page
    ireland = client.get("/support/?country=IE", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'HELP إلى <bdi dir="ltr">51444</bdi>' in ireland


def test_another_country_shows_its_lines_with_the_emergency_number_first(
        client_for, alice, household):
    household.country = "GB"
    household.save()
    response = client_for(alice).get("/support/?country=FR")
    page = response.content.decode()
    tels = [part.split('"')[0] for part in page.split('href="tel:')[1:]]
    assert tels[:2] == ["15", "112"]
    assert "tel:3114" in page and "tel:116123" not in page
    assert '<option value="FR" selected>' in page
    assert response.cookies[SUPPORT_COUNTRY_COOKIE].value == "FR"


def test_the_chosen_country_is_remembered_for_the_next_visit(client_for, alice, household):
    household.country = "GB"
    household.save()
    client = client_for(alice)
    client.cookies[SUPPORT_COUNTRY_COOKIE] = "DE"
    page = client.get("/support/").content.decode()
    assert 'href="tel:110"' in page and 'href="tel:999"' not in page
    # Choosing her household's country again forgets the choice.
    response = client.get("/support/?country=GB")
    assert 'href="tel:999"' in response.content.decode()
    assert response.cookies[SUPPORT_COUNTRY_COOKIE].value == ""


@pytest.mark.parametrize("code", ["ZZ", "fr<script>", "", "../"])
def test_an_unknown_country_shows_the_default_lines(client, db, code):
    response = client.get("/support/", {"country": code})
    assert response.status_code == 200
    page = response.content.decode()
    if code != "":
        assert 'href="tel:112"' in page and "findahelpline.com" in page
    assert "<script>" not in page.split("<body", 1)[1].split("</form>", 1)[0]
    assert response.cookies[SUPPORT_COUNTRY_COOKIE].value == ""


def test_a_country_without_lines_of_its_own_is_never_shown_as_another(client_for, alice,
                                                                       household):
    """A household in Cairo (before Egypt had lines here; Tehran now) saw the list of
    other countries with its first entry picked (Spain, in Arabic), so "Show" gave Spain's
    numbers; the helpline directory was words without a link."""
    household.time_zone, household.country = "Asia/Tehran", ""  # no lines of its own yet
    household.save(update_fields=["time_zone", "country"])
    client = client_for(alice)
    page = client.get("/support/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    form = page.split('data-testid="other-country"', 1)[1].split("</form>", 1)[0]
    assert '<option value="" selected disabled>' in form and " selected>" not in form.split(
        '<option value="" selected disabled>', 1)[1]
    assert '<a href="https://findahelpline.com" rel="noopener noreferrer">' in page
    household.country = "FR"
    household.save(update_fields=["country"])
    form = client.get("/support/").content.decode().split(
        'data-testid="other-country"', 1)[1].split("</form>", 1)[0]
    assert '<option value="FR" selected>' in form and 'value="" selected' not in form


def test_choosing_a_country_needs_no_database(client_for, alice, household):
    household.country = "GB"
    household.save()
    client = client_for(alice)
    with mock.patch("django.db.backends.utils.CursorWrapper.execute",
                    side_effect=OperationalError("database is gone")):
        response = client.get("/support/?country=ES", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="tel:024"' in page and "España" in page


def test_another_country_costs_no_query(client_for, alice, household):
    client = client_for(alice)
    client.get("/support/")
    counts = []
    for query in ("", "?country=FR", "?country=US", "?country=ZZ"):
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/support/{query}")
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts


@pytest.mark.parametrize("zone,number,name", [
    ("Asia/Amman", "911", "الأردن"), ("Asia/Riyadh", "911", "السعودية"),
    ("Africa/Cairo", "123", "مصر"), ("Asia/Dubai", "999", "الإمارات"),
    ("Africa/Casablanca", "15", "المغرب"), ("Asia/Beirut", "140", "لبنان")])
def test_a_household_in_an_arabic_speaking_country_gets_its_own_numbers(
        client_for, alice, household, zone, number, name):
    """A mother in Amman whose answer signalled risk was offered 112 "across Europe": no
    Arabic-speaking country had its numbers. Its emergency number is the first offered."""
    household.time_zone, household.country = zone, ""
    household.save(update_fields=["time_zone", "country"])
    page = client_for(alice).get("/support/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert f'href="tel:{number}"' in page and name in page
    assert "across Europe" not in page


@pytest.mark.parametrize("zone,numbers,name", [
    ("America/Mexico_City", ("911", "8009112000"), "México"),
    ("America/Argentina/Buenos_Aires", ("911", "08009990091"), "Argentina"),
    ("America/Bogota", ("123", "106"), "Colombia"),
    ("America/Santiago", ("131", "*4141"), "Chile"),
    ("America/Lima", ("106", "113"), "Perú"),
    ("America/Guatemala", ("122",), "Guatemala"),
    ("America/Montevideo", ("911", "08000767"), "Uruguay")])
def test_a_household_in_latin_america_gets_its_own_numbers(client_for, alice, household, zone,
                                                            numbers, name):
    """Lucía in Mexico City, whose answer signalled risk, was offered 112 "across Europe":
    no country of Latin America had its numbers. Mexico's are 911 and Línea de la Vida."""
    household.time_zone, household.country = zone, ""
    household.save(update_fields=["time_zone", "country"])
    page = client_for(alice).get("/support/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for number in numbers:
        assert f'href="tel:{number}"' in page
    assert name in page and "en toda Europa" not in page and "across Europe" not in page
    links = [page.index(f'href="tel:{number}"') for number in numbers]
    assert links == sorted(links)  # the emergency number first
