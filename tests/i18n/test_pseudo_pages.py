"""Every word a page shows goes through the catalogue (issue 19, item 7).

Each page and e-mail is rendered in the pseudo-language (tests/i18n/pseudo.py), where every message
comes back marked ⟦…⟧; English left outside the marks never went through gettext and could
not be translated. What may stay: what the person typed (names, e-mail), time-zone ids,
and — listed by their source — the guidance library in English (the pseudo-language has
no translation of its own and falls back to it), the crisis-line data and the country names
that come with it.
"""

import json
import re
from datetime import timedelta
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

import nestwell
from nestwell.journal.models import Moment
from tests.i18n.pseudo import CLOSE, CODE, OPEN, pseudo_language

pytestmark = pytest.mark.django_db

SKIP_TAGS = {"script", "style", "code", "pre", "template"}
WORD = re.compile(r"[A-Za-z]{3,}")
ZONE_ID = re.compile(r"^[A-Z][A-Za-z_]+(/[A-Za-z0-9_ +-]+)+$|^UTC$")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# Content files whose words come per language (issue 19), not through gettext: the
# guidance library (translated in insights/guidance/<code>/; the pseudo-language has no
# folder of its own and reads the English files, as any language without a translation
# would), the crisis lines, the questionnaires (only validated translations may be shown),
# the wondering prompts and the crying reference with their sources.
# The crisis lines have overlays per language (wellbeing/data/crisis_lines.<code>.json);
# the pseudo-language has none and shows the English file, which stays listed here.
PENDING_FILES = ("insights/guidance/*.md", "wellbeing/data/crisis_lines.json",
                 "wellbeing/instruments/data/*.json", "wondering/data/*.json",
                 "insights/protocol/data/*.json")


def pending_content():
    package = Path(nestwell.__file__).parent
    found = set()
    for pattern in PENDING_FILES:
        for path in package.glob(pattern):
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".json":
                found |= {s for s in _strings(json.loads(text)) if WORD.search(s)}
            else:
                lines = (line.split(":", 1)[1] if ":" in line[:12] else line
                         for line in text.splitlines())
                found |= {line.strip(" -*") for line in lines if WORD.search(line)}
    return found


class Text(HTMLParser):
    """The text a person sees or hears: text nodes, and the attributes read aloud."""

    def __init__(self):
        super().__init__()
        self.skipping = 0
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skipping += 1
        for name, value in attrs:
            if name in ("aria-label", "placeholder", "alt", "title") and value:
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.found.append(data)


def english_left(html, allowed):
    parser = Text()
    parser.feed(html)
    left = set()
    for text in parser.found:
        bare, inner = text, re.compile(re.escape(OPEN) + "[^" + OPEN + CLOSE + "]*"
                                       + re.escape(CLOSE))
        while inner.search(bare):  # a message within a message: innermost first
            bare = inner.sub(" ", bare)
        bare = " ".join(bare.split())
        if not bare or ZONE_ID.match(bare) or bare in allowed:
            continue
        # Links first: an allowed word inside one (a reset token's "pbq" or "calm") would
        # otherwise split it and leave the rest of the token to be read as English.
        bare = re.sub(r"\b(doi:|https?://)\S*", " ", bare)
        for word in sorted(allowed, key=len, reverse=True):
            bare = bare.replace(word, " ")
        if WORD.search(bare):
            left.add(" ".join(text.split())[:100])
    return sorted(left)


SIGNED_IN = [
    "/", "/timeline/", "/night/", "/you/", "/you/check-in/", "/you/check-in/short/",
    "/you/check-ins/", "/you/contacts/", "/you/contacts/new/", "/you/sharing/",
    "/you/audit/", "/you/questionnaires/phq9/",
    "/you/questionnaires/epds/paper/", "/household/", "/household/data/", "/children/",
    "/account/", "/account/password/", "/account/tokens/", "/account/mine/",
    "/account/delete/", "/support/",
    "/insights/", "/insights/week/", "/insights/protocol/", "/insights/report/",
    "/guidance/", "/care/", "/routines/", "/milestones/", "/noticed/", "/handover/notes/",
    "/reminders/settings/", "/listen/", "/listening/devices/", "/care-day/nappies/",
    "/care-day/temperatures/", "/care-day/medicines/", "/care-day/medicines/new/",
    "/milk/pumping/", "/milk/store/", "/growth/", "/install/",
]
SIGNED_OUT = ["/login/", "/signup/", "/password-reset/", "/support/"]


@pytest.fixture
def in_pseudo(household, alice, nora):
    alice.language = CODE
    alice.save()
    household.locale = CODE  # the report for a visit is in the household's language
    household.country = "GB"
    household.save()
    now = timezone.now()
    for kind, details in (("feeding", {"method": "breast", "side": "left"}),
                          ("skin_to_skin", {}), ("talk", {"eye_contact": True})):
        Moment.objects.create(household=household, child=nora, kind=kind,
                              started_at=now - timedelta(hours=2),
                              ended_at=now - timedelta(hours=1), details=details,
                              created_by=alice)
    with pseudo_language():
        # Each language is offered in its own name, never translated.
        names = {name for _code, name in settings.LANGUAGES}
        # NHS 111 is a service's name, as the data file's lines are (a button on the UK's
        # fever and long-cry cards and the support page).
        yield {"Nestwell", "NHS 111", household.name, nora.name, alice.display_name,
               alice.email, *names, *pending_content()}


@pytest.mark.parametrize("path", SIGNED_IN)
def test_no_english_is_left_on_her_pages(path, in_pseudo, client_for, alice):
    response = client_for(alice).get(path, follow=True)
    assert response.status_code == 200, path
    assert english_left(response.content.decode(), in_pseudo) == []


@pytest.mark.parametrize("weeks_to_go", [3, 6], ids=["37 weeks", "34 weeks"])
@pytest.mark.parametrize("path", ["/", "/milk/pumping/", "/milk/store/"])
def test_no_english_is_left_before_the_birth(path, weeks_to_go, in_pseudo, client_for, alice,
                                             household):
    from nestwell.children.models import Child

    bean = Child.objects.create(household=household, name="Bean", due_date=(
        timezone.localdate() + timedelta(weeks=weeks_to_go)))
    response = client_for(alice).get(f"{path}?child={bean.pk}", follow=True)
    assert response.status_code == 200, path
    assert english_left(response.content.decode(), in_pseudo | {"Bean"}) == []


@pytest.mark.parametrize("path", SIGNED_OUT)
def test_no_english_is_left_before_signing_in(path, in_pseudo):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = CODE
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert english_left(response.content.decode(), in_pseudo) == []


def test_the_guard_sees_english_that_skipped_the_catalogue(in_pseudo):
    page = "<main><h1>⟦Ţóday⟧</h1><p>Feeds logged</p><p>Nora</p><p>Europe/London</p></main>"
    assert english_left(page, in_pseudo) == ["Feeds logged"]


def test_a_link_is_never_read_as_english_whatever_its_token_holds(in_pseudo):
    # A reset link's token is the time in base 36 and a hash: when it happened to hold
    # an allowed word ("pbq"), the word was taken out first and the rest read as English.
    for token in ("dj1pbq-1fda3011781ed79b3f78b1ab9b2daa5e", "calm12-abcdef", "dj1ps2-fda"):
        mail = f"<div>⟦Ĥéllo⟧\n\nhttp://testserver/password-reset/MQ/{token}/\n</div>"
        assert english_left(mail, in_pseudo) == [], token


def english_left_in_mail(message, allowed):
    """The words of an e-mail (its subject and plain-text body) left in English."""
    text = f"{message.subject}\n{message.body}"
    return english_left(f"<div>{escape(text)}</div>", allowed)


def test_no_english_is_left_in_the_password_reset_email(in_pseudo, alice, mailoutbox):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = CODE
    client.post("/password-reset/", {"email": alice.email}, follow=True)
    assert len(mailoutbox) == 1
    assert OPEN in mailoutbox[0].subject and OPEN in mailoutbox[0].body
    assert english_left_in_mail(mailoutbox[0], in_pseudo) == []


def test_no_english_is_left_in_the_weekly_email(in_pseudo, alice, nora, mailoutbox,
                                                settings):
    from nestwell.insights.week import send_weekly

    settings.EMAIL_CONFIGURED = True
    assert send_weekly() == 1
    # Her week's lines are made in the household's language too.
    assert OPEN in mailoutbox[0].subject and mailoutbox[0].body.count(OPEN) >= 4
    assert english_left_in_mail(mailoutbox[0], in_pseudo) == []


def test_the_mail_guard_sees_english_that_skipped_the_catalogue(in_pseudo):
    class Message:
        subject, body = "⟦Ýóúr wééék⟧", "⟦Héllo Alice⟧\n- 3 feeds logged\n"

    left = english_left_in_mail(Message, in_pseudo)
    assert len(left) == 1 and "feeds logged" in left[0]
    Message.body = "⟦Héllo⟧ Alice\n- ⟦3 féééds lóggéd⟧\n"
    assert english_left_in_mail(Message, in_pseudo) == []


def test_no_english_is_left_when_a_dose_is_asked_about(in_pseudo, client_for, alice, nora):
    """The page a tap on "Given now" shows soon after another dose (rendered by a POST)."""
    from nestwell.medicines import services

    medicine = services.add_medicine(child=nora, user=alice, name="Calpol", dose="2.5",
                                     unit="ml", schedule="spaced", min_hours="4")
    services.give(medicine=medicine, user=alice)
    response = client_for(alice).post("/care-day/medicines/given/", {
        "child": nora.pk, "medicine": medicine.pk, "next": "medicines"})
    page = response.content.decode()
    assert response.status_code == 200 and 'data-testid="give-again"' in page
    assert english_left(page, in_pseudo | {"Calpol"}) == []
