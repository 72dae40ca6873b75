"""Under a note of harm on any page the household reads (a nappy, a temperature, a dose,
pumping, the milk store), whoever reads it is shown how to help, as on Today and the
timeline (Camille's walk: Julien read her words on the pumping page as ordinary entries)."""

import pytest

HARM = "jpeux plus, jveux en finir"
CALM = "bien tiré ce matin"


def _records(api, nora, note):
    medicine = api.post("/api/v1/medicines", {
        "child": nora.pk, "name": "Paracetamol", "dose": "2.5", "unit": "ml",
        "form": "liquid", "schedule": "spaced", "min_hours": "4", "most_per_day": 4}).data
    made = [api.post("/api/v1/nappies", {"child": nora.pk, "kind": "wet", "note": note}),
            api.post("/api/v1/temperatures", {"child": nora.pk, "celsius": "37.1",
                                              "note": note}),
            api.post("/api/v1/doses", {"medicine": medicine["id"], "note": note}),
            api.post("/api/v1/pumping", {"child": nora.pk, "amount_ml": 60, "note": note}),
            api.post("/api/v1/milk", {"child": nora.pk, "amount_ml": 60, "note": note})]
    assert [r.status_code for r in made] == [201] * 5, [r.data for r in made]


PAGES = ["/care-day/nappies/", "/care-day/temperatures/", "/care-day/medicines/",
         "/milk/pumping/", "/milk/store/"]


@pytest.mark.parametrize("path", PAGES)
def test_a_note_of_harm_shows_how_to_help_on_every_page(api_for, client_for, alice, bob,
                                                       nora, path):
    _records(api_for(alice), nora, HARM)
    page = client_for(bob).get(f"{path}?child={nora.pk}").content.decode()
    assert HARM.replace(",", "") in page.replace(",", "")
    assert page.count('data-testid="note-help"') == 1
    assert 'href="/support/#someone-title"' in page


@pytest.mark.parametrize("path", PAGES)
def test_a_calm_note_shows_nothing_more(api_for, client_for, alice, bob, nora, path):
    _records(api_for(alice), nora, CALM)
    page = client_for(bob).get(f"{path}?child={nora.pk}").content.decode()
    assert CALM in page and 'data-testid="note-help"' not in page


@pytest.mark.parametrize("path", PAGES)
def test_the_baby_named_counts_on_every_page(api_for, client_for, alice, bob, nora, path):
    """The second review: the help line reads the baby's name from what the page holds."""
    _records(api_for(alice), nora, f"so tired, scared I'll hurt {nora.name}")
    page = client_for(bob).get(f"{path}?child={nora.pk}").content.decode()
    assert page.count('data-testid="note-help"') == 1
