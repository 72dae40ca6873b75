"""The keepsake book prints in every shipped language: in Arabic, joined and read from the
right (a long note broken into lines in reading order); in French, with a name or a note in
any script; always in the embedded fonts (issue 18, issue 19 item 8)."""

from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from nestwell.keepsake.models import KeepsakeNote
from tests import pdf_check
from tests.keepsake.conftest import choices, keys

BOOK = "/keepsake/book.pdf"
LONG = "بداية " + " ".join(["قمر ونجوم"] * 60) + " نهاية"


def made_in(language, client_for, alice, mila, story):
    alice.language = language
    alice.save()
    mila.name = "ليلى Mila"
    mila.save()
    note = KeepsakeNote.objects.create(household=mila.household, child=mila, author=alice,
                                       written_on=date(2026, 5, 3), text=LONG)
    client = client_for(alice)
    client.post(f"/keepsake/?child={mila.pk}", choices(
        title="سنة ليلى الأولى", dedication="إليك، بكل حبنا.",
        picked=keys(story, "alice_letter", "smile") + [f"note-{note.pk}"]))
    response = client.get(f"{BOOK}?child={mila.pk}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "pdf-in-english" not in client.get(f"/keepsake/?child={mila.pk}").content.decode()
    return response.content


def test_the_book_in_arabic(client_for, alice, mila, story):
    content = made_in("ar", client_for, alice, mila, story)
    text = pdf_check.text(content)
    with translation.override("ar"):
        made = _("Made with love, and with Nestwell")
    for word in pdf_check.words("سنة ليلى الأولى إليك بكل حبنا " + made):
        assert word in text, word
    assert "the snow fell today" in text  # her letter in English, as she wrote it
    assert text.index("بداية") < text.index("نهاية")  # the long note's lines in order
    assert pdf_check.joined(content)
    fonts = pdf_check.fonts(content)
    assert all(fonts.values()) and {"NotoSans-Regular", "NotoNaskhArabic-Regular"} <= set(fonts)


def test_the_book_in_french_with_a_note_in_arabic(client_for, alice, mila, story):
    content = made_in("fr", client_for, alice, mila, story)
    text = pdf_check.text(content)
    assert "ليلى" in text and "Mila" in text and "Fait avec amour" in text
    assert text.index("بداية") < text.index("نهاية")
    assert all(pdf_check.fonts(content).values())
