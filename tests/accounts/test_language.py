"""Her language (issue 19, item 2): her own choice, else what she picked before signing
in, else her browser's, else her household's; only languages Nestwell offers."""

import pytest
from django.conf import settings
from django.test import Client, override_settings

from nestwell.accounts.models import User

pytestmark = pytest.mark.django_db

OFFERED = [("en", "English"), ("fr", "Français"), ("de", "Deutsch"), ("ar", "العربية")]


@pytest.fixture(autouse=True)
def offered():
    # Languages are offered once their catalogue is complete; these tests offer some.
    with override_settings(LANGUAGES=OFFERED):
        yield


def language_of(response):
    return response.headers["Content-Language"]


@pytest.mark.parametrize(("mine", "cookie", "browser", "home", "expected"), [
    ("de", "fr", "ar", "fr", "de"),       # her own choice first
    ("", "fr", "de", "ar", "fr"),         # then what she picked before signing in
    ("", "", "de-AT,de;q=0.9", "fr", "de"),  # then her browser
    ("", "", "ja,pt;q=0.8", "fr", "fr"),  # a browser language not offered: the household
    ("", "", "", "xx", "en"),             # nothing offered: English
    ("it", "zz", "", "", "en"),           # never a language that is not offered
])
def test_the_language_she_sees(client_for, alice, household, mine, cookie, browser, home,
                               expected):
    alice.language = mine
    alice.save()
    household.locale = home
    household.save()
    client = client_for(alice)
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get("/you/", HTTP_ACCEPT_LANGUAGE=browser)
    assert language_of(response) == expected


def test_a_page_says_it_depends_on_the_person(client_for, alice):
    for response in (client_for(alice).get("/you/"), Client().get("/login/")):
        assert "Cookie" in {v.strip() for v in response.headers["Vary"].split(",")}


def test_before_signing_in_her_pick_is_kept_in_a_cookie():
    client = Client()
    response = client.post("/language/", {"language": "fr", "next": "/login/"})
    assert response.status_code == 302 and response.url == "/login/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    page = client.get("/login/")
    assert language_of(page) == "fr"
    assert '<html lang="fr" dir="ltr"' in page.content.decode()


def test_signed_in_her_choice_follows_her_to_every_device(client_for, alice, household):
    client_for(alice).post("/language/", {"language": "ar", "next": "/account/"})
    alice.refresh_from_db()
    assert alice.language == "ar"
    other_phone = Client()
    other_phone.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    page = other_phone.get("/you/", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert language_of(page) == "ar"
    assert '<html lang="ar" dir="rtl"' in page.content.decode()
    client_for(alice).post("/language/", {"language": "", "next": "/account/"})
    alice.refresh_from_db()
    assert alice.language == ""


@pytest.mark.parametrize("code", ["it", "xx", "en-xa", "<script>"])
def test_a_language_not_offered_changes_nothing(client_for, alice, code):
    client = client_for(alice)
    response = client.post("/language/", {"language": code, "next": "/account/"},
                           follow=True)
    assert "That language is not available yet." in response.content.decode()
    assert User.objects.get(pk=alice.pk).language == ""
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


@pytest.mark.parametrize("target", ["https://elsewhere.example/", "//elsewhere.example/"])
def test_the_way_back_stays_on_this_site(target):
    response = Client().post("/language/", {"language": "fr", "next": target})
    assert response.url == "/"


def test_the_choice_is_offered_in_each_languages_own_name(client_for, alice):
    page = client_for(alice).get("/account/").content.decode()
    assert 'data-testid="account-language"' in page
    assert '<option value="ar" lang="ar">العربية</option>' in page
    footer = client_for(alice).get("/you/").content.decode()
    assert 'data-testid="language-form"' in footer and 'lang="fr">Français</button>' in footer


def test_with_english_alone_no_choice_is_shown(client_for, alice):
    with override_settings(LANGUAGES=[("en", "English")]):
        page = client_for(alice).get("/account/").content.decode()
    assert 'data-testid="account-language"' not in page
    assert 'data-testid="language-form"' not in page


@pytest.mark.parametrize(("browser", "expected"), [
    ("en-US,en;q=0.9", "en-us"), ("en-CA,en;q=0.9,fr-CA;q=0.8", "en-us"),
    ("en-GB,en;q=0.9", "en"), ("en", "en"), ("en-AU", "en"), ("fr-CA,fr;q=0.9", "fr"),
])
def test_a_north_american_browser_reads_us_english(browser, expected):
    offered = [*OFFERED, ("en-us", "English (US)")]
    with override_settings(LANGUAGES=offered):
        response = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=browser)
    assert language_of(response) == expected


@pytest.mark.parametrize(("country", "zone", "expected"), [
    ("GB", "Europe/London", "en"), ("", "Europe/London", "en"), ("IE", "Europe/Dublin", "en"),
    ("US", "America/Chicago", "en-us"), ("", "America/Toronto", "en-us"),
])
def test_a_us_browser_reads_us_english_only_in_north_america(client_for, alice, household,
                                                             country, zone, expected):
    """Many phones say en-US wherever they are: a family in Leeds kept its nappies."""
    household.country, household.time_zone = country, zone
    household.save()
    offered = [*OFFERED, ("en-us", "English (US)")]
    with override_settings(LANGUAGES=offered):
        response = client_for(alice).get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert language_of(response) == expected
    alice.language = "en-us"  # her own choice stands wherever she lives
    alice.save()
    with override_settings(LANGUAGES=offered):
        response = client_for(alice).get("/", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert language_of(response) == "en-us"
