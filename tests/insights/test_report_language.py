"""The report is in the household's language, or in another one chosen for a midwife or
doctor who reads it; a shared link keeps the language it was made in (issue 19, item 2)."""

from datetime import timedelta

from django.utils import timezone

from nestwell.insights.models import ShareLink
from tests.insights.test_dashboard import fill
from tests.insights.test_report import make_link, pdf_text, period

FR, DE = "Rapport pour un rendez-vous", "Bericht für einen Termin"


def test_the_households_language_unless_she_chooses_another(client_for, alice, nora,
                                                            household):
    household.locale = "de"
    household.save()
    alice.language = "en"  # she reads English; the household's language is German
    alice.save()
    fill(household, nora, alice, days=3)
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}&language=de").content.decode()
    assert "Pflege und Nähe" in page and 'lang="de" data-testid="report-content"' in page
    assert "etwa 0,4 pro Tag" in page  # numbers as German writes them
    assert 'value="de" selected' in client.get("/insights/report/").content.decode()
    pdf = client.get(f"/insights/report/?{period()}&language=fr&download=pdf")
    assert FR in pdf_text(pdf.content)
    # Her own screens stay in her language around it.
    assert "Show the report" in page


def test_a_language_not_offered_is_refused_with_a_word(client_for, alice, nora):
    page = client_for(alice).get(f"/insights/report/?{period()}&language=xx")
    assert "Select a valid choice" in page.content.decode()
    assert 'data-testid="report-content"' not in page.content.decode()


def test_a_shared_link_keeps_the_language_it_was_made_in(client_for, client, alice, nora,
                                                          household):
    fill(household, nora, alice, days=3)
    owner = client_for(alice)
    today = timezone.localdate()
    page = owner.post("/insights/report/share/", {
        "first": (today - timedelta(days=6)).isoformat(), "last": today.isoformat(),
        "days": 7, "label": "Dr Weber", "language": "de"}).content.decode()
    link = page.split('data-testid="share-link">')[1].split("</p>")[0]
    assert ShareLink.objects.get().language == "de"
    owner.logout()
    path = link.split("testserver")[1]
    shared = client.get(path, HTTP_ACCEPT_LANGUAGE="fr")
    assert DE in shared.content.decode() and shared["Content-Language"] == "de"
    assert DE in pdf_text(client.get(path + "report.pdf").content)


def test_a_link_from_before_languages_is_in_the_households(client_for, client, alice, nora,
                                                           household):
    link = make_link(client_for(alice))
    ShareLink.objects.update(language="")
    household.locale = "fr"
    household.save()
    client.logout()
    assert FR in client.get(link.split("testserver")[1]).content.decode()


def test_a_pdf_its_fonts_cannot_print_is_made_in_english_and_the_page_says_so(
        client_for, alice, nora, household):
    fill(household, nora, alice, days=3)
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}&language=ar").content.decode()
    assert 'data-testid="pdf-in-english"' in page
    text = pdf_text(client.get(f"/insights/report/?{period()}&language=ar&download=pdf").content)
    assert "Report for a visit: Nora" in text
    french = client.get(f"/insights/report/?{period()}&language=fr").content.decode()
    assert 'data-testid="pdf-in-english"' not in french


def test_the_protocol_and_keepsake_pdfs_print_in_english_from_an_arabic_page(
        client_for, alice, nora, household):
    alice.language = "ar"
    alice.save()
    client = client_for(alice)
    assert 'data-testid="pdf-in-english"' in client.get(
        f"/insights/protocol/?child={nora.pk}").content.decode()
    protocol = client.get(f"/insights/protocol/?child={nora.pk}&download=pdf")
    assert protocol["Content-Type"] == "application/pdf"
    assert not any("\u0600" <= ch <= "\u06ff" for ch in pdf_text(protocol.content))
    book = client.get(f"/keepsake/book.pdf?child={nora.pk}")
    assert book["Content-Type"] == "application/pdf"
    assert not any("\u0600" <= ch <= "\u06ff" for ch in pdf_text(book.content))
