import re
from datetime import timedelta
from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import Client
from django.utils import timezone

from nestwell.wellbeing import crisis
from nestwell.wellbeing.models import SupportContact


def test_it_needs_no_sign_in_and_shows_an_emergency_number(client, db):
    response = client.get("/support/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "You are not alone" in page
    assert 'href="tel:' in page
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_it_shows_her_own_contacts_ready_to_call(client_for, alice, bob, household):
    SupportContact.objects.create(household=household, owner=alice, name="Midwife Jo",
                                  role="midwife", phone="+44 20 7946 0000")
    SupportContact.objects.create(household=household, owner=bob, name="Bob's brother",
                                  role="trusted", phone="07700 900000")
    page = client_for(alice).get("/support/").content.decode()
    assert "Midwife Jo" in page
    assert 'href="tel:+442079460000"' in page
    assert "Bob's brother" not in page


def test_it_uses_the_households_country(client_for, alice, household):
    data = crisis.load()
    household.country = "GB"
    household.save()
    page = client_for(alice).get("/support/").content.decode()
    for entry in data["countries"]["GB"]["emergency"] + data["countries"]["GB"]["lines"]:
        # A line for parents whose baby has died is shown only where one has.
        assert (f'href="tel:{entry["tel"]}"' in page) is not entry.get("after_loss", False)
    for text_only in data["countries"]["GB"].get("text_services", []):
        assert text_only["text"] in page
    assert 'data-testid="text-service"' in page


def test_it_says_whom_to_call_when_the_worry_is_the_baby(client_for, bob, household):
    """A grandmother worried about the baby at night found only lines for the mother's own
    feelings; NHS 111, the number for a baby's fever, was not there."""
    household.country = "GB"
    household.save()
    page = client_for(bob).get("/support/").content.decode()
    baby = page.split('data-testid="worried-about-baby"')[1].split("</section>")[0]
    assert "health visitor" in baby and 'href="tel:111"' in baby
    household.country = "US"
    household.save()
    baby = client_for(bob).get("/support/").content.decode().split(
        'data-testid="worried-about-baby"')[1].split("</section>")[0]
    assert "emergency number above" in baby and "tel:111" not in baby


def test_it_speaks_to_someone_worried_about_her(client_for, bob, household):
    """A partner whose wife said the baby would be better off without her found only
    words for the person in distress: what to do, and that the lines are his too."""
    page = client_for(bob).get("/support/").content.decode()
    section = page.split('data-testid="worried-about-someone"')[1].split("</section>")[0]
    assert "better off without them" in section and "stay with them" in section
    assert "The lines above are for you too" in section
    assert page.index('id="now-title"') < page.index('data-testid="worried-about-someone"')
    anonymous = Client().get("/support/").content.decode()
    assert 'data-testid="worried-about-someone"' in anonymous


def test_without_a_country_the_time_zone_decides(client_for, alice, household):
    household.country = ""
    household.time_zone = "America/Chicago"
    household.save()
    page = client_for(alice).get("/support/").content.decode()
    assert 'href="tel:988"' in page and 'href="tel:911"' in page


def test_every_number_in_the_data_file_has_a_source_and_a_date(db):
    data = crisis.load()
    assert data is not crisis.FALLBACK
    assert len(data["countries"]) >= 20
    for code, country in data["countries"].items():
        assert country["emergency"], code
        for entry in country["emergency"] + country["lines"]:
            assert entry["source"].startswith("http"), (code, entry)
            # Digits, with + before a country code or * before a short code dialled so
            # (Chile's *4141).
            assert re.fullmatch(r"[+*]?\d+", entry["tel"]), (code, entry)
        for line in country["lines"]:
            assert line["checked"], (code, line)
    assert crisis.country_for_time_zone("Europe/London") == "GB"


def test_it_still_works_when_the_database_is_down(client_for, alice):
    client = client_for(alice)
    with mock.patch("django.db.backends.utils.CursorWrapper.execute",
                    side_effect=OperationalError("database is gone")):
        response = client.get("/support/")
    assert response.status_code == 200
    assert 'href="tel:' in response.content.decode()


def test_it_still_works_with_a_damaged_data_file(tmp_path):
    broken = tmp_path / "lines.json"
    broken.write_text("{not json")
    data = crisis.load(broken)
    assert data is crisis.FALLBACK
    lines = crisis.lines_for("GB", "Europe/London", data)
    assert lines["emergency"][0]["number"] == "112"


def test_every_page_offers_the_way_to_support(client_for, alice, nora, client):
    for url in ("/", "/timeline/", "/you/", "/household/"):
        assert 'href="/support/"' in client_for(alice).get(url).content.decode()
    client.logout()
    assert 'href="/support/"' in client.get("/login/").content.decode()


def test_a_text_service_is_one_tap_away(client_for, alice, household):
    household.country = "GB"
    household.save()
    page = client_for(alice).get("/support/").content.decode()
    assert 'href="sms:85258?&amp;body=SHOUT"' in page
    assert 'href="sms:85258?&amp;body=PANDAS"' in page


def test_text_options_become_sms_links_only_when_they_are_texts():
    assert crisis.sms_href("SHOUT to 85258") == "sms:85258?&body=SHOUT"
    assert crisis.sms_href("0477 13 11 14") == "sms:0477131114"
    assert crisis.sms_href("31393 (SMS – a counsellor calls you back)") == "sms:31393"
    assert crisis.sms_href("WhatsApp 345 036 1628") == ""
    assert crisis.sms_href(None) == ""


def test_every_text_option_in_the_data_file_is_understood():
    for entry in crisis.load()["countries"].values():
        for service in entry.get("text_services", []):
            assert crisis.sms_href(service["text"]).startswith("sms:"), service["text"]


@pytest.mark.parametrize(("header", "country"), [
    ("de-DE,de;q=0.9,en-US;q=0.8", "DE"), ("de", "DE"), ("de,en-US;q=0.9", "DE"),
    ("de-AT", "AT"), ("en-GB", "GB"), ("fr;q=0.1, es-MX", "MX"), ("es-419", ""),
    ("de_DE", "DE"), ("*", ""), ("", ""), ("x;q=abc, fr-CA;q=0.5", "CA"), ("q=1", "")])
def test_the_country_a_browser_language_names(header, country):
    assert crisis.country_for_languages(header) == country


def test_signed_out_the_browser_language_chooses_the_lines(client, db):
    """Not signed in, in a German browser: the German lines (both TelefonSeelsorge
    numbers), not only 112 and a directory; and no word about household settings."""
    page = client.get("/support/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").content.decode()
    for entry in crisis.load()["countries"]["DE"]["lines"]:
        assert f'href="tel:{entry["tel"]}"' in page
        for other in entry.get("alternatives", []):
            assert f'href="tel:{other["tel"]}"' in page
    assert 'href="tel:08001110222"' in page and page.count('data-testid="line-alternative"') == 1
    assert "Haushalt" not in page
    austria = client.get("/support/", HTTP_ACCEPT_LANGUAGE="de-AT").content.decode()
    assert 'href="tel:142"' in austria
    english = client.get("/support/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert 'href="tel:988"' in english and "Household settings" not in english


def test_her_people_come_before_another_countrys_lines(client_for, alice, household):
    SupportContact.objects.create(household=household, owner=alice, name="Midwife Jo",
                                  role="midwife", phone="+44 20 7946 0000")
    page = client_for(alice).get("/support/").content.decode()
    assert page.index("Midwife Jo") < page.index('data-testid="other-country"')
    assert "Household settings" in page  # she is signed in: where the country is set


def test_a_country_found_from_the_time_zone_is_said_to_be_so(client_for, alice, bob,
                                                             household):
    household.country, household.time_zone = "", "Europe/London"
    household.save()
    page = client_for(alice).get("/support/").content.decode()
    assert "Numbers for this country: United Kingdom." in page
    assert "found from your household's time zone" in page
    # a caregiver cannot set it: told who can
    assert "a parent of your household sets its country" in client_for(bob).get(
        "/support/").content.decode()
    household.country = "GB"
    household.save()
    assert "found from your household" not in client_for(alice).get("/support/").content.decode()


def test_what_the_page_says_follows_the_pregnancy_and_the_birth(client, client_for, alice,
                                                               household):
    """Nadia, pregnant, read about a baby safe in a cot; after the birth, "In pregnancy:"
    and nothing about her own warning signs."""
    from nestwell.children.models import Child

    def said():
        page = client_for(alice).get("/support/").content.decode()
        return ("worried-in-pregnancy" in page, "worried-after-birth" in page,
                'data-testid="step-away"' in page)

    assert said() == (True, True, True)  # no baby yet: all of it
    due = timezone.localdate() + timedelta(days=90)
    bump = Child.objects.create(household=household, name="Bump", due_date=due)
    assert said() == (True, False, False)
    bump.birth_at = timezone.now() - timedelta(hours=5)
    bump.save()
    assert said() == (False, True, True)
    Child.objects.create(household=household, name="Next one", due_date=due)  # and expecting
    assert said() == (True, True, True)
    public = Client().get("/support/").content.decode()
    assert "worried-in-pregnancy" in public and "worried-after-birth" in public


def test_a_due_date_long_past_with_no_birth_noted_says_the_signs_after_birth_too(
        client_for, alice, household):
    from nestwell.children.models import Child

    Child.objects.create(household=household, name="Bump",
                         due_date=timezone.localdate() - timedelta(days=20))
    page = client_for(alice).get("/support/").content.decode()
    assert "worried-in-pregnancy" in page and "worried-after-birth" in page


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "ar"])
def test_the_uk_page_says_how_to_reach_999_without_a_voice_call(client, db, language):
    # Grace, who is Deaf: text (once registered), British Sign Language with no sign-up,
    # and the textphone relay, in every language the page speaks.
    page = client.get("/support/?country=GB", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for way in ("register", "999 BSL", "999bsl.co.uk", "Relay UK", "18000"):
        assert way in page, way


def test_a_line_for_after_a_loss_is_shown_only_where_a_baby_has_died(client_for, alice, bob,
                                                                      household, nora):
    # Sands, for parents whose baby has died: not to a household whose babies are well,
    # to every member of one where a twin died, and to no one signed out.
    household.country = "GB"
    household.save()
    assert "08081643332" not in client_for(alice).get("/support/").content.decode()
    twin = nora.__class__.objects.create(household=household, name="Noor",
                                         birth_at=nora.birth_at)
    twin.died_on = timezone.localdate()
    twin.save()
    for person in (alice, bob):
        page = client_for(person).get("/support/").content.decode()
        assert 'href="tel:08081643332"' in page and 'data-testid="after-loss"' in page
        # After the crisis lines, not before them.
        assert page.index("tel:116123") < page.index("tel:08081643332")
    assert "08081643332" not in Client().get("/support/?country=GB").content.decode()


def test_lines_for_after_a_loss_are_left_out_unless_there_was_one():
    lines = {"code": "GB", "lines": [{"number": "1"}, {"number": "2", "after_loss": True}]}
    assert [line["number"] for line in crisis.for_a_loss(lines, False)["lines"]] == ["1"]
    assert crisis.for_a_loss(lines, True) == lines
    assert crisis.for_a_loss({"code": ""}, False)["lines"] == []


def test_stepping_away_from_the_crying_comes_near_the_top(client_for, alice, nora):
    """Ben's walk: after "felt like shaking her", putting the baby down safely and stepping
    away was the last thing on the page, below the countries. It now follows the
    emergency numbers; before a birth, and after a loss, it is not said."""
    page = client_for(alice).get("/support/?from=note").content.decode()
    step = page.index('data-testid="step-away"')
    assert page.index('id="now-title"') < step < page.index('id="talk-title"')
    assert "shaking can, badly" in page
    nora.birth_at, nora.due_date = None, timezone.localdate() + timedelta(days=60)
    nora.save()
    assert 'data-testid="step-away"' not in client_for(alice).get("/support/").content.decode()


def test_germany_has_its_lines_for_pregnancy_and_for_parents(client_for, alice, nora,
                                                              household):
    """Anna's walk (Berlin): no Hilfetelefon Schwangere in Not in pregnancy, and no
    Elterntelefon for a mother overwhelmed by crying. The pregnancy line is shown only
    while a baby is on the way."""
    from nestwell.children.models import Child

    household.country = "DE"
    household.save()
    after = client_for(alice).get("/support/").content.decode()
    assert "0800 111 0 550" in after and 'href="tel:08001110550"' in after
    assert "0800 40 40 020" not in after
    Child.objects.create(household=household, name="Bump",
                         due_date=timezone.localdate() + timedelta(days=60))
    expecting = client_for(alice).get("/support/").content.decode()
    assert "Hilfetelefon Schwangere in Not" in expecting
    assert 'href="tel:08004040020"' in expecting
    public = Client().get("/support/?country=DE", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "0800 40 40 020" in public and "rund um die Uhr" in public


def test_her_own_next_step_comes_before_what_is_written_for_others(client_for, alice):
    """Keisha, sent here by her own note, read "Worried about someone close to you?" as if
    it were about her, and "Tell someone you trust" came only after it."""
    page = client_for(alice).get("/support/?from=checkin").content.decode()
    order = ['id="now-title"', 'id="talk-title"', 'data-testid="tell-someone"',
             'data-testid="worried-about-baby"', 'data-testid="worried-about-someone"']
    assert [page.index(mark) for mark in order] == sorted(page.index(mark) for mark in order)


def test_after_a_note_of_harm_she_is_told_who_can_read_it(client_for, alice, nora):
    """Rosa's walk: her note stayed on the timeline for her sister to read, and nothing
    said so. After a note, and only then, the page says who reads it and where to change
    it, below the help."""
    page = client_for(alice).get("/support/?from=note").content.decode()
    told = page.index('data-testid="note-readers"')
    assert page.index('data-testid="tell-someone"') < told
    assert "Who can read a note depends on where you wrote it" in page
    assert "read by everyone in your household" in page and 'href="/timeline/"' in page
    for reason in ("checkin", "questionnaire", ""):
        page = client_for(alice).get(f"/support/?from={reason}").content.decode()
        assert 'data-testid="note-readers"' not in page
