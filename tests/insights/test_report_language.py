"""The report is in the household's language, or in another one chosen for a midwife or
doctor who reads it; a shared link keeps the language it was made in (issue 19, item 2)."""

import re
from datetime import timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nestwell.children.models import Child
from nestwell.insights.models import ShareLink
from tests import pdf_check
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
    # numbers as German writes them (1,0 or 0,8: three feeds on three or four days)
    assert re.search(r"etwa [01],\d pro Tag", page)
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


def arabic(msgid, **values):
    with translation.override("ar"):
        return _(msgid) % values if values else str(_(msgid))


def test_the_report_pdf_prints_in_arabic_joined_from_the_right_with_its_fonts_embedded(
        client_for, alice, nora, household):
    fill(household, nora, alice, days=3)
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}&language=ar").content.decode()
    assert "pdf-in-english" not in page
    content = client.get(f"/insights/report/?{period()}&language=ar&download=pdf").content
    text = pdf_check.text(content)
    for sentence in (arabic("Report for a visit: %(name)s", name="Nora"),
                     arabic("Care and closeness"), arabic("Crying and how it was answered")):
        for word in pdf_check.words(sentence):
            assert word in text, word
    assert "Nora" in text and "Report for a visit" not in text
    assert pdf_check.joined(content)
    assert pdf_check.fonts(content) == {"NotoSans-Regular": True, "NotoSans-Bold": True,
                                        "NotoNaskhArabic-Regular": True,
                                        "NotoNaskhArabic-Bold": True}


def test_the_report_and_protocol_pdf_in_french_with_a_name_in_any_script(
        client_for, alice, household):
    household.locale = "fr"
    household.save()
    child = Child.objects.create(household=household, name="Zoë ليلى Ли",
                                 birth_at=timezone.now() - timedelta(days=30))
    fill(household, child, alice, days=3)
    content = client_for(alice).get(
        f"/insights/report/?child={child.pk}&{period()}&language=fr&protocol=on"
        "&download=pdf").content
    text = pdf_check.text(content)
    assert FR in text and "Zoë" in text and "ليلى" in text and "Ли" in text
    assert "Protocole" in text or "protocole" in text
    fonts = pdf_check.fonts(content)
    assert all(fonts.values()) and "NotoNaskhArabic-Regular" in fonts
    assert not any(name.startswith(("Helvetica", "Times")) for name in fonts)


def test_the_protocol_pdf_in_arabic(client_for, alice, nora, household):
    alice.language = "ar"
    alice.save()
    fill(household, nora, alice, days=3)
    content = client_for(alice).get(f"/insights/protocol/?child={nora.pk}&download=pdf")
    assert content["Content-Type"] == "application/pdf"
    text = pdf_check.text(content.content)
    for sentence in (arabic("24-hour protocol: %(name)s", name="Nora"),
                     arabic("Crying beside a reference"), arabic("Day"), arabic("Sleep")):
        for word in pdf_check.words(sentence):
            assert word in text, word
    assert pdf_check.joined(content.content) and all(pdf_check.fonts(content.content).values())
