"""Two babies crying at once (Bisi's triplets, 7 Dec): answering the one not on the page
kept sending her back to the other, and "has settled" named the baby on the page, not
the one whose feed was running."""

from nestwell.care.models import Cue
from nestwell.children.models import Child
from nestwell.journal.models import Moment


def test_each_tap_on_a_twins_cry_comes_back_to_that_twin(client_for, alice, nora):
    kemi = Child.objects.create(household=nora.household, name="Kemi", birth_at=nora.birth_at)
    client = client_for(alice)
    client.post("/cues/crying/", {"child": nora.pk})
    answer = client.post("/cues/crying/", {"child": kemi.pk})
    assert answer["Location"] == f"/?child={kemi.pk}"
    cue = Cue.objects.get(child=kemi)
    # Nora's page is the one kept; she follows "Go to Kemi" and answers with a feed.
    fed = client.post(f"/cues/{cue.pk}/respond/", {"way": "fed", "next": "home"})
    assert fed["Location"] == f"/?child={kemi.pk}"
    needed = client.post(f"/cues/{cue.pk}/need/", {"need": "hungry", "next": "home"})
    assert needed["Location"] == f"/?child={kemi.pk}"
    settled = client.post(f"/cues/{cue.pk}/settle/", {"outcome": "settled", "next": "home"})
    assert settled["Location"] == f"/?child={kemi.pk}"
    assert Moment.objects.running().filter(child=kemi, kind="feeding").exists()
    assert not Moment.objects.running().filter(child=nora).exists()
    page = client.get(settled["Location"]).content.decode()
    assert "Kemi has settled. Is the feed still going?" in page
    assert "Nora has settled" not in page
