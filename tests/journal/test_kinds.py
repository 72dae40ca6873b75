import pytest

from nestwell.journal.kinds import KINDS, DetailsError, describe, validate_details


def test_every_kind_named_in_the_design_exists():
    for code in ("skin_to_skin", "feeding", "talk", "sing", "read", "cuddle", "babywearing",
                 "massage", "bath", "play", "face_to_face", "soothing", "sleep", "bump_talk",
                 "bump_music", "movement_count", "letter", "note"):
        assert code in KINDS


def test_a_breastfeed_with_eye_contact_is_valid():
    clean = validate_details("feeding", {"method": "breast", "side": "left",
                                         "eye_contact": True, "amount_ml": ""})
    assert clean == {"method": "breast", "side": "left", "eye_contact": True}


def test_a_bottle_amount_is_kept_as_a_number():
    assert validate_details("feeding", {"method": "bottle", "amount_ml": "120"}) == {
        "method": "bottle", "amount_ml": 120}


@pytest.mark.parametrize(("details", "field"), [
    ({"method": "bottle", "amount_ml": -5}, "amount_ml"),
    ({"method": "bottle", "amount_ml": 0}, "amount_ml"),
    ({"method": "bottle", "amount_ml": 5000}, "amount_ml"),
    ({"method": "breast", "side": "middle"}, "side"),
    ({"method": "bottle", "side": "left"}, "side"),
    ({"method": "breast", "amount_ml": 80}, "amount_ml"),
    ({"method": "carrier pigeon"}, "method"),
    ({"colour": "blue"}, "colour"),
])
def test_impossible_feed_details_are_refused_with_a_reason(details, field):
    with pytest.raises(DetailsError) as excinfo:
        validate_details("feeding", details)
    assert field in excinfo.value.errors
    assert all(message for message in excinfo.value.errors[field])


def test_an_unknown_kind_is_refused():
    with pytest.raises(DetailsError) as excinfo:
        validate_details("teleport", {})
    assert "kind" in excinfo.value.errors


def test_soothing_ways_are_a_list_of_known_ways():
    assert validate_details("soothing", {"ways": ["rocking", "singing"]}) == {
        "ways": ["rocking", "singing"]}
    with pytest.raises(DetailsError):
        validate_details("soothing", {"ways": ["shouting"]})


def test_text_details_are_trimmed_and_bounded():
    assert validate_details("sing", {"song": "  Hush little baby "}) == {
        "song": "Hush little baby"}
    with pytest.raises(DetailsError):
        validate_details("sing", {"song": "la" * 200})


def test_describe_reads_like_a_sentence():
    assert describe("feeding", {"method": "breast", "side": "left", "eye_contact": True}) == (
        "Breast · Left · eye contact")
    assert describe("feeding", {"method": "bottle", "amount_ml": 120}) == "Bottle · 120\u00a0ml"
    assert describe("cuddle", {}) == ""


def test_a_title_is_quoted_as_her_language_quotes():
    """Elena's timeline, in German: “Die kleine Raupe Nimmersatt” in English marks."""
    from django.utils import translation

    from nestwell.journal.kinds import describe

    assert describe("read", {"book": "Goodnight Moon"}) == "“Goodnight Moon”"
    with translation.override("de"):
        assert describe("read", {"book": "Die kleine Raupe"}) == "„Die kleine Raupe“"
    with translation.override("fr"):
        assert describe("read", {"book": "Petit Ours"}) == "«\u00a0Petit Ours\u00a0»"
