"""A result's band in her language: the words were kept in English on each response and
shown so on Arabic, French… pages and reports."""

import json
from pathlib import Path

from nestwell.wellbeing import bands
from nestwell.wellbeing.models import ScreeningResponse
from tests.wellbeing.test_questionnaire_flow import answer_all

DATA = Path(bands.__file__).parent / "instruments" / "data"


def test_every_band_of_every_instrument_is_listed():
    found = {band["label"] for path in DATA.glob("*.json")
             for band in json.loads(path.read_text(encoding="utf-8")).get("bands", [])}
    assert found and found <= set(bands.LABELS), found - set(bands.LABELS)


def test_a_result_reads_in_her_language_wherever_it_is_shown(client_for, alice, nora):
    alice.language = "fr"
    alice.save()
    client = client_for(alice)
    response = answer_all(client, "phq9", [1, 1, 2, 3, 1, 0, 0, 0, 0])
    assert ScreeningResponse.objects.get().band_label == "Mild signs of low mood"  # kept
    for url in (response.url, "/you/", f"/insights/?child={nora.pk}"):
        page = client.get(url).content.decode()
        assert "Signes légers d’humeur basse" in page and "Mild signs" not in page, url


def test_no_band_reads_as_nothing():
    assert bands.label("") == ""
