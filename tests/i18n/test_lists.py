"""A list reads with her language's comma: "a، b" in Arabic (a Latin comma there read as a
slip), "a, b" elsewhere."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from nestwell.journal.kinds import KINDS
from nestwell.journal.models import Moment
from nestwell.pregnancy import services as pregnancy
from nestwell.words import in_sentence, listed


def test_a_list_takes_her_languages_comma():
    with translation.override("ar"):
        assert listed(["أ", "ب", 3]) == "أ، ب، 3"
    with translation.override("fr"):
        assert listed(iter(["a", "b"])) == "a, b"
    assert listed([]) == ""


def test_the_arabic_movement_count_and_report_read_with_the_arabic_comma(
        client_for, alice, household):
    from nestwell.children.models import Child
    from nestwell.journal.models import Moment

    alice.language = "ar"
    alice.save()
    household.locale = "ar"  # the report's language
    household.save()
    bump = Child.objects.create(household=household, name="Layla",
                                due_date=timezone.localdate() + timedelta(weeks=4))
    session = pregnancy.start_counting(child=bump, user=alice)
    start = session.started_at
    for i in range(11):
        pregnancy.tap(session, at=start + timedelta(minutes=2 * i + 1))
    pregnancy.finish(session)
    client = client_for(alice)
    page = client.get(f"/pregnancy/movements/?child={bump.pk}").content.decode()
    assert "حركة، " in page and "حركة, " not in page
    nora = Child.objects.create(household=household, name="Nora",
                                birth_at=timezone.now() - timedelta(days=20))
    now = timezone.now()
    for side in ("left", "right"):
        Moment.objects.create(household=household, child=nora, kind="feeding",
                              started_at=now - timedelta(hours=2), ended_at=now,
                              details={"method": "breast", "side": side})
    today = timezone.localdate()
    page = client.get(f"/insights/report/?child={nora.pk}&first={today - timedelta(days=6)}"
                      f"&last={today}").content.decode()
    assert ": 1، " in page and ": 1, " not in page


def test_the_amount_field_says_its_unit_in_her_language(client_for, alice, nora):
    """The add-a-feed form read "الكمية (ml)"."""
    alice.language = "ar"
    alice.save()
    page = client_for(alice).get(f"/moments/new/feeding/?child={nora.pk}").content.decode()
    assert "(مل)" in page and "(ml)" not in page


@pytest.mark.parametrize("language,words", [("en", "skin-to-skin"), ("fr", "peau à peau"),
                                            ("es", "piel con piel"), ("de", "Hautkontakt")])
def test_a_kind_inside_a_sentence_keeps_a_german_nouns_capital(language, words):
    with translation.override(language):
        assert in_sentence(KINDS["skin_to_skin"].label) == words


def test_the_partners_entry_reads_as_german_writes_it(client_for, alice, bob, nora):
    Moment.objects.create(household=nora.household, child=nora, kind="skin_to_skin",
                          started_at=timezone.now() - timedelta(hours=1), actor=bob,
                          created_by=bob)
    client = client_for(alice)
    client.post("/language/", {"language": "de"})
    page = client.get("/").content.decode()
    assert "hautkontakt" not in page
