"""A note kept by any form, not only the journal's: the care day, the milk, firsts, growth,
photos and "what you noticed" send its writer to the support page when it speaks of harm
(Chloé's walk, 7 Dec: a pumping note and a first's note saying "je veux mourir" were kept
without a word)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nestwell.health.models import Nappy
from nestwell.journal import services as journal
from nestwell.journal.models import Moment
from nestwell.milestones.models import Milestone
from nestwell.milk.models import PumpingSession
from nestwell.wondering.models import Wondering

pytestmark = pytest.mark.django_db

SUPPORT = "/support/?from=note"


def _earlier(hours=3):
    return timezone.localtime(timezone.now() - timedelta(hours=hours)).strftime(
        "%Y-%m-%dT%H:%M")


def test_a_pumping_note_of_harm_is_kept_and_opens_support(client_for, alice, nora):
    client = client_for(alice)
    response = client.post(f"/milk/pumping/?child={nora.pk}", {
        "started_at": _earlier(), "minutes": "20", "side": "both", "amount": "60",
        "unit": "ml", "note": "3 h du matin, encore. Je veux mourir."})
    assert response.status_code == 302 and response.url == SUPPORT
    assert PumpingSession.objects.get().note.endswith("Je veux mourir.")
    # In a browser every form is boosted (htmx), and htmx follows a redirect itself: a
    # header on the redirect would never be read (the review found it so).
    boosted = client.post(f"/milk/pumping/?child={nora.pk}", {
        "started_at": _earlier(5), "minutes": "20", "side": "both", "amount": "60",
        "unit": "ml", "note": "I want to die"}, HTTP_HX_REQUEST="true",
        HTTP_HX_BOOSTED="true")
    assert boosted.status_code == 302 and boosted.url == SUPPORT
    calm = client.post(f"/milk/pumping/?child={nora.pk}", {
        "started_at": _earlier(4), "minutes": "15", "side": "left", "amount": "40",
        "unit": "ml", "note": "evening, tired"})
    assert calm.status_code == 302 and calm.url != SUPPORT


def test_a_firsts_note_that_names_the_baby_opens_support(client_for, alice, nora):
    response = client_for(alice).post(f"/milestones/?child={nora.pk}", {
        "kind": "first_smile", "happened_on": timezone.localdate().isoformat(),
        "note": f"Her first smile, and I'm scared I'll hurt {nora.name}"})
    assert response.status_code == 302 and response.url == SUPPORT
    assert Milestone.objects.count() == 1


def test_a_nappy_note_opens_support_and_a_refused_form_does_not_save(client_for, alice,
                                                                      nora):
    """Refused (a time that is not one), nothing is saved, and the support page comes
    first, with a way back to the form and what she wrote (the last note's list: the
    form came back with its error and her words went unread; if she left it there,
    nothing ever read them)."""
    client = client_for(alice)
    form = {"kind": "wet", "changed_at": "not a time", "note": "I want to die"}
    refused = client.post(f"/care-day/nappies/?child={nora.pk}", form)
    page = refused.content.decode()
    assert refused.status_code == 200 and not Nappy.objects.exists()
    assert 'data-testid="continue-later"' in page and "Back to my form" in page
    assert f'action="/care-day/nappies/?child={nora.pk}"' in page
    assert 'name="note" value="I want to die"' in page
    assert 'name="changed_at" value="not a time"' in page
    # Back to the form (the page's button): the form and its error, her words in it.
    back = client.post(f"/care-day/nappies/?child={nora.pk}", {**form, "go": "continue"})
    back_page = back.content.decode()
    assert back.status_code == 200 and 'data-testid="continue-later"' not in back_page
    assert "I want to die" in back_page and 'class="errorlist' in back_page
    assert not Nappy.objects.exists()
    kept = client.post(f"/care-day/nappies/?child={nora.pk}", {
        "kind": "wet", "changed_at": _earlier(), "note": "I want to die"})
    assert kept.status_code == 302 and kept.url == SUPPORT and Nappy.objects.count() == 1


def test_what_she_noticed_after_a_feed_opens_support_in_place(client_for, alice, nora):
    """The card answers in place (htmx): the support page comes by HX-Redirect; without
    JavaScript, by a redirect."""
    moment = journal.start_timer(child=nora, kind="feeding", user=alice,
                                 details={"method": "breast", "side": "left"})
    moment = journal.stop_timer(moment=moment)
    client = client_for(alice)
    answer = {"key": f"moment:{moment.pk}", "child": nora.pk, "feelings": ["content"],
              "note": "Elle voulait sa maman. Moi j'ai envie de mourir."}
    response = client.post("/noticed/answer/", answer, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Redirect"] == SUPPORT
    other = journal.log_moment(child=nora, kind="feeding", user=alice,
                               started_at=timezone.now() - timedelta(hours=5),
                               ended_at=timezone.now() - timedelta(hours=5, minutes=-10),
                               details={"method": "breast", "side": "right"})
    plain = client.post("/noticed/answer/", {**answer, "key": f"moment:{other.pk}"})
    assert plain.status_code == 302 and plain.url == SUPPORT
    calm = client.post("/noticed/answer/", {**answer, "key": f"moment:{other.pk}",
                                            "note": "sleepy and warm"},
                       HTTP_HX_REQUEST="true")
    assert "HX-Redirect" not in calm


def test_a_form_of_another_app_is_left_to_its_own_reading(client_for, alice, nora):
    """The journal reads its own notes (an unchanged note, its time corrected, asks
    nothing again): this net leaves it alone."""
    client = client_for(alice)
    response = client.post(f"/moments/new/talk/?child={nora.pk}", {
        "child": nora.pk, "started_at": _earlier(), "actor": alice.pk,
        "note": "I want to die"})
    assert response.url == SUPPORT
    moment = Moment.objects.get()
    edited = client.post(f"/moments/{moment.pk}/edit/", {
        "started_at": _earlier(4), "actor": alice.pk, "note": "I want to die",
        "version": moment.version})
    assert edited.status_code == 302 and edited.url != SUPPORT


def test_an_edit_that_leaves_a_note_of_harm_as_it_was_asks_nothing_again(client_for, alice,
                                                                       nora):
    """Her time corrected on a nappy whose note spoke of harm (she saw the support page
    when she wrote it): the edit goes back to the list, as in the journal. The note changed
    to other words of harm, or a calm note changed to harm, asks again (the last note's
    list: every edit of such a record brought the support page back)."""
    client = client_for(alice)
    kept = client.post(f"/care-day/nappies/?child={nora.pk}", {
        "kind": "wet", "changed_at": _earlier(), "note": "I want to die\r\nso tired"})
    assert kept.url == SUPPORT
    nappy = Nappy.objects.get()
    path = f"/care-day/nappies/{nappy.pk}/"
    moved = client.post(path, {"kind": "dirty", "changed_at": _earlier(4),
                               "note": "I want to die\nso tired", "version": 1})
    assert moved.status_code == 302 and moved.url != SUPPORT
    nappy.refresh_from_db()
    assert nappy.kind == "dirty" and nappy.version == 2
    other = client.post(path, {"kind": "dirty", "changed_at": _earlier(4),
                               "note": f"I'm scared I'll hurt {nora.name}", "version": 2})
    assert other.status_code == 302 and other.url == SUPPORT


PUMPING = {"minutes": "20", "side": "both", "amount": "60", "unit": "ml"}


def _an_evening_pumping(client, child):
    client.post(f"/milk/pumping/?child={child.pk}",
                {**PUMPING, "started_at": _earlier(), "note": "evening"})
    return client, PumpingSession.objects.get()


def test_a_calm_pumping_note_changed_to_harm_opens_support(client_for, alice, nora):
    client, session = _an_evening_pumping(client_for(alice), nora)
    edited = client.post(f"/milk/pumping/{session.pk}/", {
        **PUMPING, "started_at": _earlier(), "note": "je ne veux plus vivre",
        "version": session.version},
        HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true")
    assert edited.status_code == 302 and edited.url == SUPPORT
    session.refresh_from_db()
    assert session.note == "je ne veux plus vivre"


def test_the_same_form_sent_again_still_opens_support(client_for, alice, nora):
    """A double tap, or Back then Save: the second is led to what the first made and saves
    nothing. The first answer (the support page) may never have been seen: the second
    opens it too (the review found it led to the firsts page instead)."""
    client = client_for(alice)
    form = {"kind": "first_smile", "happened_on": timezone.localdate().isoformat(),
            "note": "I want to die", "idempotency_key": "6c1f3c0e-7a39-4a4c-9d5e-1f2a3b4c5d6e"}
    first = client.post(f"/milestones/?child={nora.pk}", form)
    second = client.post(f"/milestones/?child={nora.pk}", form)
    assert first.url == SUPPORT and second.url == SUPPORT
    assert Milestone.objects.count() == 1
    calm = {**form, "note": "so happy", "idempotency_key": "0b7e8a1c-2d3f-4e5a-8b9c-0d1e2f3a4b5c"}
    client.post(f"/milestones/?child={nora.pk}", calm)
    assert client.post(f"/milestones/?child={nora.pk}", calm).url != SUPPORT


def test_a_stale_edit_saves_nothing_and_its_words_are_read(client_for, alice, nora):
    """An edit from an older version is refused (this was changed since you opened it)
    and led to the latest version. Its note was not kept, but her words of harm were
    written: the support page first (the review found them dropped unread). A calm stale
    edit goes to the latest version, as before."""
    client, session = _an_evening_pumping(client_for(alice), nora)
    stale = client.post(f"/milk/pumping/{session.pk}/", {
        **PUMPING, "started_at": _earlier(), "note": "je ne veux plus vivre",
        "version": session.version + 5})
    assert stale.status_code == 302 and stale.url == SUPPORT
    session.refresh_from_db()
    assert session.note == "evening"
    calm = client.post(f"/milk/pumping/{session.pk}/", {
        **PUMPING, "started_at": _earlier(), "note": "evening, tired",
        "version": session.version + 5})
    assert calm.status_code == 302 and calm.url == f"/milk/pumping/{session.pk}/"
    assert "changed since you opened it" in client.get(calm.url).content.decode()
    # The journal's own edit too.
    client.post(f"/moments/new/talk/?child={nora.pk}", {
        "child": nora.pk, "started_at": _earlier(), "actor": alice.pk, "note": "hello"})
    moment = Moment.objects.get()
    old = client.post(f"/moments/{moment.pk}/edit/", {
        "started_at": _earlier(4), "actor": alice.pk, "note": "I want to die",
        "version": moment.version + 3})
    assert old.status_code == 302 and old.url == SUPPORT


def test_a_refused_journal_form_with_a_note_of_harm_opens_support_first(client_for, alice,
                                                                        nora):
    """The journal's own forms too: a moment refused with a note of harm."""
    client = client_for(alice)
    refused = client.post(f"/moments/new/talk/?child={nora.pk}", {
        "child": nora.pk, "started_at": "yesterday-ish", "actor": alice.pk,
        "note": f"talked to {nora.name} all morning. I don't trust myself with {nora.name}"})
    assert refused.status_code == 200 and not Moment.objects.exists()
    assert "Back to my form" in refused.content.decode()
    calm = client.post(f"/moments/new/talk/?child={nora.pk}", {
        "child": nora.pk, "started_at": "yesterday-ish", "actor": alice.pk,
        "note": "talked all morning"})
    page = calm.content.decode()
    assert calm.status_code == 200 and 'class="errorlist' in page
    assert "Back to my form" not in page


def test_a_refused_edit_reads_only_what_she_changed(client_for, alice, nora):
    """Her edit of a nappy whose note spoke of harm (she saw the support page when she
    wrote it), refused for its time: the form and its error, as before. A calm note
    changed to harm in a refused edit opens the support page first."""
    client = client_for(alice)
    client.post(f"/care-day/nappies/?child={nora.pk}", {
        "kind": "wet", "changed_at": _earlier(), "note": "I want to die"})
    nappy = Nappy.objects.get()
    path = f"/care-day/nappies/{nappy.pk}/"
    same = client.post(path, {"kind": "dirty", "changed_at": "not a time",
                              "note": "I want to die", "version": 1})
    assert same.status_code == 200 and "Back to my form" not in same.content.decode()
    assert 'class="errorlist' in same.content.decode()
    client.post(path, {"kind": "wet", "changed_at": _earlier(), "note": "all fine",
                       "version": 1})
    nappy.refresh_from_db()
    assert nappy.note == "all fine"
    changed = client.post(path, {"kind": "wet", "changed_at": "not a time",
                                 "note": "je veux mourir", "version": nappy.version})
    assert changed.status_code == 200 and "Back to my form" in changed.content.decode()
    nappy.refresh_from_db()
    assert nappy.note == "all fine"


def _a_feed_two_hours_ago(child, user):
    """A breastfeed of ten minutes, two hours ago: the moment "what you noticed" asks about."""
    return journal.log_moment(child=child, kind="feeding", user=user,
                              started_at=timezone.now() - timedelta(hours=2),
                              ended_at=timezone.now() - timedelta(hours=2, minutes=-10),
                              details={"method": "breast", "side": "left"})


def test_a_refused_card_answered_in_place_is_led_to_support(client_for, alice, nora):
    """"What you noticed" refused in place (a word not offered): htmx is led to the
    support page; a calm refusal keeps the card and its error."""
    moment = _a_feed_two_hours_ago(nora, alice)
    answer = {"key": f"moment:{moment.pk}", "child": nora.pk, "feelings": ["not-a-word"],
              "note": "ya no quiero vivir"}
    client = client_for(alice)
    refused = client.post("/noticed/answer/", answer, HTTP_HX_REQUEST="true")
    assert refused.status_code == 400 and refused["HX-Redirect"] == SUPPORT
    calm = client.post("/noticed/answer/", {**answer, "note": "sleepy"},
                       HTTP_HX_REQUEST="true")
    assert calm.status_code == 400 and "HX-Redirect" not in calm


def test_what_she_noticed_answered_again_is_read(client_for, alice, nora):
    """The same moment answered a second time (a card shown on two phones): the first
    answer is kept, and the words of the second are read (the last note's list: a note
    of harm in it was dropped unread)."""
    moment = _a_feed_two_hours_ago(nora, alice)
    answer = {"key": f"moment:{moment.pk}", "child": nora.pk, "feelings": ["content"],
              "note": "calm feed"}
    client = client_for(alice)
    first = client.post("/noticed/answer/", answer, HTTP_HX_REQUEST="true")
    assert first.status_code == 200 and "HX-Redirect" not in first
    again = client.post("/noticed/answer/", {**answer, "note": "I want to die"},
                        HTTP_HX_REQUEST="true")
    assert again.status_code == 200 and again["HX-Redirect"] == SUPPORT
    assert Wondering.objects.get().note == "calm feed"
    plain = client.post("/noticed/answer/", {**answer, "note": "calm feed"})
    assert plain.status_code == 302 and plain.url != SUPPORT


def test_a_refusal_for_one_of_the_babies_still_reads_her_words(client_for, alice, nora):
    """"Also for" a baby born after the time given: nothing is kept (the first nappy's save
    was rolled back), and the note is read (the review found the rolled-back save hid it)."""
    from nestwell.children.models import Child

    late = Child.objects.create(household=nora.household, name="Kemi",
                                birth_at=timezone.now() - timedelta(hours=2))
    refused = client_for(alice).post(f"/care-day/nappies/?child={nora.pk}", {
        "kind": "wet", "changed_at": _earlier(5), "note": "I want to die",
        "also_for": [late.pk]})
    assert refused.status_code == 200 and not Nappy.objects.exists()
    assert "Back to my form" in refused.content.decode()


def test_a_password_is_never_read_and_a_long_note_goes_back_whole(client, client_for, alice,
                                                                  nora):
    """A wrong password that is a sentence is the sign-in page's refusal, never the support
    page; a note refused for its length goes back whole with "Back to my form"."""
    signin = client.post("/login/", {"username": alice.email, "password": "I want to die now"})
    assert "Back to my form" not in signin.content.decode()
    long_note = "so tired. " * 600 + "I want to die"
    refused = client_for(alice).post(f"/care-day/nappies/?child={nora.pk}", {
        "kind": "wet", "changed_at": _earlier(), "note": long_note})
    page = refused.content.decode()
    assert not Nappy.objects.exists() and "Back to my form" in page
    assert long_note[-200:] in page


def test_a_card_refused_without_javascript_reads_her_words(client_for, alice, nora):
    """"What you noticed" sent without htmx and refused is led back to its page: the
    support page instead, when her words speak of harm."""
    moment = _a_feed_two_hours_ago(nora, alice)
    answer = {"key": f"moment:{moment.pk}", "child": nora.pk, "feelings": ["not-a-word"],
              "note": "ya no quiero vivir"}
    refused = client_for(alice).post("/noticed/answer/", answer)
    assert refused.status_code == 302 and refused.url == SUPPORT
    calm = client_for(alice).post("/noticed/answer/", {**answer, "note": "sleepy"})
    assert calm.status_code == 302 and calm.url != SUPPORT
