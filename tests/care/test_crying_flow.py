"""The crying card as a tired parent uses it: still crying, a mistaken tap, what the baby
seemed to need, and a calm word inside a long episode (issue 13, items 6 and 27)."""

from datetime import timedelta

from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.wellbeing.models import SupportContact


def cry(client, child):
    client.post("/cues/crying/", {"child": child.pk})
    return Cue.objects.get()


def test_still_unsettled_keeps_the_episode_open(client_for, alice, nora):
    client = client_for(alice)
    episode = cry(client, nora)
    client.post(f"/cues/{episode.pk}/respond/", {"way": "rocked"})
    page = client.post(f"/cues/{episode.pk}/settle/", {"outcome": "still"}, follow=True)
    episode.refresh_from_db()
    assert episode.is_open and episode.outcome == ""
    html = page.content.decode()
    assert "Still crying: the card stays open." in html
    assert 'data-testid="crying-episode"' in html


def test_the_card_sends_still_unsettled_as_still_crying(client_for, alice, nora):
    client = client_for(alice)
    episode = cry(client, nora)
    client.post(f"/cues/{episode.pk}/respond/", {"way": "rocked"})
    html = client.get("/").content.decode()
    button = html.index(">Still unsettled</button>")
    assert 'name="outcome" value="still"' in html[button - 200:button]


def test_stop_noting_closes_it_as_unsettled(client_for, alice, nora):
    client = client_for(alice)
    episode = cry(client, nora)
    client.post(f"/cues/{episode.pk}/respond/", {"way": "rocked"})
    client.post(f"/cues/{episode.pk}/settle/", {"outcome": "unsettled"})
    episode.refresh_from_db()
    assert not episode.is_open and episode.outcome == "unsettled"


def test_a_mistaken_tap_is_undone_from_the_card(client_for, alice, nora):
    client = client_for(alice)
    episode = cry(client, nora)
    assert "Tapped by mistake? Undo" in client.get("/").content.decode()
    client.post(f"/cues/{episode.pk}/undo/", {"next": "home"})
    assert not Cue.objects.exists()


def test_an_unanswered_episode_can_be_taken_back_after_the_undo_window(client_for, alice,
                                                                        nora):
    client = client_for(alice)
    episode = cry(client, nora)
    Cue.objects.filter(pk=episode.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert "Tapped by mistake? Undo" in client.get("/").content.decode()
    client.post(f"/cues/{episode.pk}/undo/", {"next": "home"})
    assert not Cue.objects.exists()


def test_an_answered_episode_is_part_of_the_record(client_for, alice, nora):
    client = client_for(alice)
    episode = cry(client, nora)
    client.post(f"/cues/{episode.pk}/respond/", {"way": "rocked"})
    Cue.objects.filter(pk=episode.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert "Tapped by mistake" not in client.get("/").content.decode()
    page = client.post(f"/cues/{episode.pk}/undo/", {"next": "home"}, follow=True)
    assert "too late to undo" in page.content.decode()
    assert Cue.objects.filter(pk=episode.pk).exists()


def test_the_need_is_one_optional_tap(client_for, alice, nora):
    client = client_for(alice)
    episode = cry(client, nora)
    client.post(f"/cues/{episode.pk}/respond/", {"way": "rocked"})
    html = client.get("/").content.decode()
    assert 'data-testid="needs"' in html and "Tired" in html
    client.post(f"/cues/{episode.pk}/need/", {"need": "tiredness"})
    episode.refresh_from_db()
    assert episode.need == "tiredness"
    assert 'aria-pressed="true">Tired</button>' in client.get("/").content.decode()
    client.post(f"/cues/{episode.pk}/settle/", {"outcome": "settled"})
    care = client.get("/care/?days=7").content.decode()
    assert "Tired" in care  # "what seemed to help for each need" fills without editing


def test_a_second_tap_on_the_same_need_clears_it(client_for, alice, nora):
    client = client_for(alice)
    episode = cry(client, nora)
    client.post(f"/cues/{episode.pk}/need/", {"need": "comfort"})
    client.post(f"/cues/{episode.pk}/need/", {"need": "comfort"})
    episode.refresh_from_db()
    assert episode.need == ""


def test_an_unknown_need_changes_nothing(client_for, alice, nora):
    client = client_for(alice)
    episode = cry(client, nora)
    page = client.post(f"/cues/{episode.pk}/need/", {"need": "wifi"}, follow=True)
    episode.refresh_from_db()
    assert episode.need == "" and "Choose one of the needs offered." in page.content.decode()


def test_another_household_cannot_set_the_need(client_for, alice, mallory, nora):
    episode = cry(client_for(alice), nora)
    assert client_for(mallory).post(f"/cues/{episode.pk}/need/",
                                    {"need": "hunger"}).status_code == 404


def _long_episode(nora, alice, minutes):
    return Cue.objects.create(household=nora.household, child=nora, signal="cry",
                              started_at=timezone.now() - timedelta(minutes=minutes),
                              created_by=alice)


def test_a_short_cry_has_no_long_crying_card(client_for, alice, nora):
    _long_episode(nora, alice, minutes=5)
    assert 'data-testid="long-crying"' not in client_for(alice).get("/").content.decode()


def test_a_long_cry_brings_a_calm_card_with_her_own_numbers(client_for, alice, bob, nora):
    _long_episode(nora, alice, minutes=25)
    SupportContact.objects.create(household=nora.household, owner=alice, name="Priya",
                                  role="health_visitor", phone="+44 20 7946 0000")
    SupportContact.objects.create(household=nora.household, owner=alice, name="Ann",
                                  role="trusted", phone="07700 900000")
    SupportContact.objects.create(household=nora.household, owner=bob, name="Dr Bob's GP",
                                  role="gp", phone="020 7946 1111")
    html = client_for(alice).get("/").content.decode()
    assert 'data-testid="long-crying"' in html
    assert "safe to lay your baby on their back in the cot" in html
    assert "high-pitched" in html and "hard to wake" in html
    assert "not medical advice" in html
    assert 'href="tel:+442079460000"' in html
    # The country's emergency number beside them (her midwife's line may be closed):
    # the household is in London, so 999.
    assert 'href="tel:999" data-testid="crying-emergency">📞 Emergency: 999<' in html
    assert 'href="tel:111" data-testid="crying-health-line"' in html  # in the UK, NHS 111 too
    assert "Ann" not in html  # only her care team
    assert "Dr Bob" not in html and "02079461111" not in html  # never someone else's


def test_without_numbers_the_card_offers_to_add_one(client_for, alice, bob, nora):
    _long_episode(nora, alice, minutes=25)
    SupportContact.objects.create(household=nora.household, owner=alice, name="Priya",
                                  role="midwife", phone="+44 20 7946 0000")
    html = client_for(bob).get("/").content.decode()
    assert "Add a midwife" in html and "health visitor" in html
    assert 'data-testid="crying-emergency"' in html  # with no number of her own too
    assert "Priya" not in html and "tel:+44" not in html


def test_the_long_crying_article_names_its_sources(client_for, alice):
    html = client_for(alice).get("/guidance/when-crying-goes-on/").content.decode()
    assert "NHS" in html and "Babies cry, you can cope" in html
    assert "not medical advice" in html


def test_a_twins_crying_shows_on_the_other_twins_page(client_for, alice, bob, nora):
    """Twins: Léa cries and her father answers; her mother, with Hugo on her page, sees
    it on Today and the night screen, with the way to Léa's card. Each card names its
    baby."""
    from nestwell.children.models import Child

    hugo = Child.objects.create(household=nora.household, name="Hugo",
                                birth_at=nora.birth_at)
    episode = cry(client_for(bob), nora)
    client_for(bob).post(f"/cues/{episode.pk}/respond/", {"way": "rocked"})
    client = client_for(alice)
    for path, back in ((f"/?child={hugo.pk}", "/"), (f"/night/?child={hugo.pk}", "/night/")):
        page = client.get(path).content.decode()
        assert page.count('data-testid="crying-elsewhere"') == 1, path
        card = page[page.index('data-testid="crying-elsewhere"'):]
        card = card[:card.index("</section>")]
        assert "Nora: crying since" in card and "Rocked" in card and "Bob" in card
        # Chosen as the chips choose, so the next taps stay with her (Bisi's walk).
        assert f'action="/children/{nora.pk}/select/"' in card
        chosen = client.post(f"/children/{nora.pk}/select/",
                             {"next": "night" if "night" in path else "home"})
        assert chosen["Location"] == back
        assert 'data-testid="crying-episode"' in client.get(back).content.decode()
        client.post(f"/children/{hugo.pk}/select/")
        assert 'data-testid="crying-episode"' not in page
        assert "Hugo is crying" in page  # his own button stays
    page = client.get(f"/?child={nora.pk}").content.decode()
    assert 'data-testid="crying-elsewhere"' not in page
    title = page[page.index('id="crying-title"'):]
    assert "· Nora</h2>" in title[:title.index("</h2>") + 5]
