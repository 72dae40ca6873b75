"""A tile whose label has one long word (German compounds) sets it smaller instead of
breaking it in the middle ("Hautkontak / t" on a phone)."""

from nestwell.journal.templatetags.journal import long_word


def test_a_long_word_is_told_apart():
    assert long_word("Hautkontakt") and long_word("Babymassage")
    assert not long_word("Skin-to-skin")  # it breaks at its hyphens
    assert not long_word("Stillen · links") and not long_word("Gesicht zu Gesicht")
    assert not long_word("")


def test_todays_tiles_carry_it_in_german(client_for, alice, nora):
    alice.language = "de"
    alice.save()
    page = client_for(alice).get("/").content.decode()
    assert 'class="tile long-word"' in page and "Hautkontakt" in page
