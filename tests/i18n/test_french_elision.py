"""French elision before a name put into a translated line: "la croissance d’Emma", not
"de Emma" (a fifth of babies' names begin with a vowel)."""

import pytest
from django.http import HttpResponse

from nestwell.french import elide, typeset_page
from nestwell.typography import Typesetting


@pytest.mark.parametrize(("made", "read"), [
    ("La croissance de Emma", "La croissance d’Emma"),
    ("Les couches de Inès", "Les couches d’Inès"),
    ("De Élodie et de Œdipe", "D’Élodie et d’Œdipe"),
    ("plus longtemps que Adam, lorsque Eva dort", "plus longtemps qu’Adam, lorsqu’Eva dort"),
    ("jusque Ulysse", "jusqu’Ulysse"),
    ("La croissance de Léa", "La croissance de Léa"),
    ("de Hugo, de Yanis", "de Hugo, de Yanis"),  # usage varies: left as written
    ("le score de EPDS", "le score de EPDS"),  # an acronym
    ("Inde Emma", "Inde Emma"),  # not the word "de"
    ("de 11 jours", "de 11 jours"),
])
def test_elide(made, read):
    assert elide(made) == read


def test_never_her_own_words_nor_a_tag():
    page = ('<h1>La croissance de Emma</h1><input value="de Emma">'
            '<textarea name="note">de Emma</textarea><p dir="auto">chez de Anne</p>'
            '<p>Les mots de <b>Emma</b></p><a aria-label="Le repas de Emma" '
            'data-x="de Emma" title="de Emma">x</a><input title="de Emma" value="de Emma">')
    assert typeset_page(page) == (
        '<h1>La croissance d’Emma</h1><input value="de Emma">'
        '<textarea name="note">de Emma</textarea><p dir="auto">chez de Anne</p>'
        '<p>Les mots de <b>Emma</b></p><a aria-label="Le repas d’Emma" '
        'data-x="de Emma" title="d’Emma">x</a><input title="d’Emma" value="de Emma">')


def test_only_french_pages_are_elided():
    def answer(language):
        response = HttpResponse("<p>La croissance de Emma</p>")
        response["Content-Language"] = language
        return Typesetting(lambda request: response)(None).content.decode()

    assert answer("fr") == "<p>La croissance d’Emma</p>"
    assert answer("es") == answer("de") == "<p>La croissance de Emma</p>"


def test_a_french_page_names_the_baby_with_elision(client_for, alice, nora):
    emma = nora
    emma.name = "Emma"
    emma.save(update_fields=["name"])
    alice.language = "fr"
    alice.save(update_fields=["language"])
    page = client_for(alice).get(f"/growth/?child={emma.pk}").content.decode()
    assert "La croissance d’Emma" in page and "de Emma" not in page
