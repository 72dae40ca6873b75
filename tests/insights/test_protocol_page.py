"""The 24-hour protocol page and its PDF: twins apart, the clock change in London, who may
see it, bad dates, and a constant number of queries."""

import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from nestwell.care.models import Cue
from nestwell.children.models import Child
from nestwell.insights.protocol import gather
from nestwell.insights.protocol.grid import CRYING, FEEDING, SKIN, SKIPPED, SLEEP, UNKNOWN
from nestwell.journal.models import Moment

LONDON = ZoneInfo("Europe/London")
FIRST = date(2026, 3, 23)  # the clocks go forward in London on Sunday 29 March
AFTER = datetime(2026, 4, 30, tzinfo=UTC)


def local(day, hh, mm=0):
    return datetime(2026, 3, day, hh, mm, tzinfo=LONDON)


@pytest.fixture
def twins(household):
    born = datetime(2026, 3, 1, 10, tzinfo=UTC)
    return [Child.objects.create(household=household, name=name, birth_at=born)
            for name in ("Ada", "Ben")]


@pytest.fixture
def logged(twins, household, alice):
    ada, ben = twins

    def moment(child, kind, start, end):
        Moment.objects.create(household=household, child=child, kind=kind, started_at=start,
                              ended_at=end, actor=alice, created_by=alice)

    moment(ada, "sleep", local(28, 23), local(29, 3))  # across midnight and the change
    Cue.objects.create(household=household, child=ada, signal="cry",
                       started_at=local(29, 10), closed_at=local(29, 10, 30))
    moment(ada, "feeding", local(29, 10, 15), local(29, 10, 45))  # a feed while crying
    moment(ben, "feeding", local(29, 12), local(29, 12, 30))
    Cue.objects.create(household=household, child=ben, signal="smile",
                       started_at=local(29, 14, 5))
    moment(ben, "letter", local(29, 16), local(29, 16))  # not the baby's day
    return twins


def cells(**runs):
    out = [UNKNOWN] * 96
    for state, (lo, hi) in runs.items():
        out[lo:hi + 1] = [state] * (hi - lo + 1)
    return out


def test_twins_each_have_their_own_protocol_cell_by_cell(logged, alice):
    ada, ben = logged
    with timezone.override(LONDON):
        hers = gather.gather(ada, alice, FIRST, now=AFTER).days
        his = gather.gather(ben, alice, FIRST, now=AFTER).days
    saturday, sunday = hers[5], hers[6]
    assert saturday.cells == cells(sleep=(92, 95))
    expected = cells(sleep=(0, 11), crying=(40, 41), feeding=(42, 42))
    expected[4:8] = [SKIPPED] * 4
    assert sunday.cells == expected
    assert (sunday.hours, sunday.clock) == (23, "forward")
    assert sunday.minutes == {CRYING: 30, SLEEP: 120, FEEDING: 30, SKIN: 0}
    assert his[6].cells == cells(feeding=(48, 49), awake=(56, 56))[:4] + [SKIPPED] * 4 + \
        cells(feeding=(48, 49), awake=(56, 56))[8:]
    assert his[6].minutes[CRYING] == 0 and his[6].little
    assert hers[0].band.label == "0-6 weeks"  # 22 days old


def test_skin_to_skin_is_not_drawn_as_awake(logged, alice, household):
    """Three hours of kangaroo care, often slept through, read "awake 10:00-13:00" in the
    protocol a neonatal nurse was given; a sleep logged inside it still shows."""
    _ada, ben = logged
    Moment.objects.create(household=household, child=ben, kind="skin_to_skin",
                          started_at=local(25, 10), ended_at=local(25, 13), actor=alice,
                          created_by=alice)
    Moment.objects.create(household=household, child=ben, kind="sleep",
                          started_at=local(25, 11), ended_at=local(25, 12), actor=alice,
                          created_by=alice)
    with timezone.override(LONDON):
        wednesday = gather.gather(ben, alice, FIRST, now=AFTER).days[2]
    assert wednesday.cells == cells(sleep=(44, 47))
    assert wednesday.minutes == {CRYING: 0, SLEEP: 60, FEEDING: 0, SKIN: 180}
    # Not drawn, but said: the nurse reads how long it was, on the page and in the PDF
    plain = " ".join(gather.notes(wednesday)).replace("\u00a0", " ")
    assert "Skin-to-skin: 3 h 00 min (not drawn" in plain
    assert gather.short_note(wednesday).replace("\u00a0", " ") == "skin-to-skin 3 h 00 min"
    assert "Skin-to-skin: 3 h 00 min" in gather.summary(wednesday).replace("\u00a0", " ")


def test_a_total_with_nothing_logged_is_a_dash_not_zero(logged, alice):
    """A family that never logs sleep saw "Sleep 0 min" on every day, which a clinician
    read as a baby who did not sleep."""
    _ada, ben = logged
    with timezone.override(LONDON):
        protocol = gather.gather(ben, alice, FIRST, now=AFTER)
        sunday = gather.table_rows(protocol)[6]
        assert (sunday["crying"], sunday["sleep"], sunday["feeding"]) == ("—", "—", "30\xa0min")
        assert "crying none logged, sleep none logged, feeding 30\xa0min" in sunday["summary"]
        assert gather.words(protocol, ben)["how"].endswith("A dash: none of it logged that day.")


def test_a_cry_of_seconds_is_not_a_dash(logged, alice, household):
    """A nine-second cry, drawn in its box, had its day's crying read "—", none logged."""
    _ada, ben = logged
    Cue.objects.create(household=household, child=ben, signal="cry",
                       started_at=local(29, 14, 30), closed_at=local(29, 14, 30) +
                       timedelta(seconds=9))
    with timezone.override(LONDON):
        sunday = gather.table_rows(gather.gather(ben, alice, FIRST, now=AFTER))[6]
    assert sunday["crying"] == "0\xa0min" and sunday["sleep"] == "—"


def test_the_page_draws_the_days_in_pictures_and_words(client_for, alice, logged):
    ada, _ben = logged
    page = client_for(alice).get(
        f"/insights/protocol/?child={ada.pk}&first={FIRST}").content.decode()
    assert page.count('<tr data-day="') == 14
    assert 'class="pt-crying" fill="url(#protocol-hatch)"' in page
    assert "sleep 00:00–01:00; sleep 02:00–03:00; crying 10:00–10:30; feeding 10:30–10:45" \
        in page
    assert "The clocks went forward" in page and "Little logged this day." in page
    assert "Wolke D, Bilgin A, Samara M" in page and "Reference for 0–6 weeks" in page


def test_a_twelve_hour_clock_reads_its_own_hours(client_for, alice, logged):
    """A Texan family on a 12-hour clock read "00 03 … 21" above the strips and
    "feeding 00:30–01:00" in the words, on the page and in the PDF."""
    ada, _ben = logged
    alice.clock = "12"
    alice.save(update_fields=["clock"])
    client = client_for(alice)
    page = client.get(f"/insights/protocol/?child={ada.pk}&first={FIRST}").content.decode()
    assert '<span class="at-0">12a</span>' in page and '<span class="at-15">3p</span>' in page
    assert "sleep 12:00\u00a0AM–1:00\u00a0AM" in page or "sleep 12:00 AM–1:00 AM" in page
    pdf = client.get(f"/insights/protocol/?child={ada.pk}&first={FIRST}&download=pdf").content
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "12a" in text and "9p" in text


def test_the_pdf_has_the_protocol(client_for, alice, logged):
    ada, _ben = logged
    response = client_for(alice).get(
        f"/insights/protocol/?child={ada.pk}&first={FIRST}&download=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "24-hour protocol: Ada" in text and "Wolke" in text
    assert "Sun 29 Mar" in text and "2 h 00 min" in text


def test_the_default_is_the_last_fourteen_days(client_for, alice, nora):
    page = client_for(alice).get("/insights/protocol/").content.decode()
    assert page.count('<tr data-day="') == 14
    assert f'<tr data-day="{timezone.localdate().isoformat()}"' in page


def test_it_offers_no_earlier_weeks_than_the_birth(client_for, alice, nora):
    """Nora is 30 days old: from the default fortnight, one fortnight back holds her
    birth, and from that one nothing earlier is offered (it went on into last year)."""
    client = client_for(alice)
    page = client.get("/insights/protocol/").content.decode()
    assert "Two weeks earlier" in page
    born = timezone.localtime(nora.birth_at).date()
    page = client.get(f"/insights/protocol/?first={born.isoformat()}").content.decode()
    assert "Two weeks earlier" not in page and "Two weeks later" in page


def test_a_bad_or_future_date_is_explained_and_nothing_is_drawn(client_for, alice, nora):
    client = client_for(alice)
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    for value, words in (("soon", "Enter a valid date."), (future, "in the future"),
                         ("1999-01-01", "too far in the past")):
        response = client.get(f"/insights/protocol/?first={value}")
        assert response.status_code == 200
        assert words in response.content.decode() and '<tr data-day="' not in \
            response.content.decode()


def test_before_the_birth_it_waits(client_for, alice, household):
    Child.objects.create(household=household, name="Bump",
                         due_date=timezone.localdate() + timedelta(days=40))
    page = client_for(alice).get("/insights/protocol/").content.decode()
    assert "begins once your baby is born" in page


def test_a_viewer_may_read_it(client_for, carol, logged):
    response = client_for(carol).get(f"/insights/protocol/?first={FIRST}")
    assert response.status_code == 200 and "Ada" in response.content.decode()


def test_another_household_never_sees_these_babies(client_for, mallory, sam, logged):
    ada, _ben = logged
    response = client_for(mallory).get(f"/insights/protocol/?child={ada.pk}&first={FIRST}")
    assert "Ada" not in response.content.decode() and "Sam" in response.content.decode()


def test_a_household_without_a_baby_gets_404(client_for, mallory):
    assert client_for(mallory).get("/insights/protocol/").status_code == 404


def test_queries_stay_the_same_whatever_was_logged(client_for, alice, twins, household):
    ada, _ben = twins
    client = client_for(alice)
    url = f"/insights/protocol/?child={ada.pk}&first={FIRST}"
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    start = local(22, 0)
    Moment.objects.bulk_create(
        Moment(household=household, child=ada, kind=kind, started_at=start + timedelta(
            minutes=45 * i), ended_at=start + timedelta(minutes=45 * i + 20))
        for i in range(500) for kind in ("feeding", "play"))
    Cue.objects.bulk_create(Cue(household=household, child=ada, signal="fuss",
                                started_at=start + timedelta(minutes=45 * i + 5),
                                closed_at=start + timedelta(minutes=45 * i + 12))
                            for i in range(500))
    assert count() == before


def report_query(**more):
    today = timezone.localdate()
    query = f"first={(today - timedelta(days=6)).isoformat()}&last={today.isoformat()}"
    return query + "".join(f"&{k}={v}" for k, v in more.items())


def test_the_report_for_a_visit_includes_it_only_when_she_chooses(client_for, alice, nora):
    client = client_for(alice)
    without = client.get(f"/insights/report/?{report_query()}").content.decode()
    assert 'data-testid="protocol"' not in without and "Include the 24-hour protocol" in without
    page = client.get(f"/insights/report/?{report_query(protocol='on')}").content.decode()
    assert 'data-testid="protocol"' in page and page.count('<tr data-day="') == 14
    assert f'<tr data-day="{timezone.localdate().isoformat()}"' in page
    assert '<input type="hidden" name="protocol" value="on">' in page  # kept for sharing
    plain = client.get(f"/insights/report/?{report_query(download='pdf')}").content
    both = client.get(f"/insights/report/?{report_query(protocol='on', download='pdf')}")
    pages = PdfReader(io.BytesIO(both.content)).pages
    assert len(PdfReader(io.BytesIO(plain)).pages) == 1 and len(pages) == 2
    assert "24-hour protocol: Nora" in pages[1].extract_text()


def test_the_share_link_carries_her_choice(client_for, client, alice, nora):
    today = timezone.localdate()
    owner = client_for(alice)
    links = []
    for chosen in (True, False):
        data = {"first": (today - timedelta(days=6)).isoformat(), "last": today.isoformat(),
                "days": 7, "label": "Dr Lee", **({"protocol": "on"} if chosen else {})}
        page = owner.post("/insights/report/share/", data).content.decode()
        links.append(page.split('data-testid="share-link">')[1].split("</p>")[0]
                     .split("testserver")[1])
    client.logout()
    with_it, without = (client.get(path).content.decode() for path in links)
    assert 'data-testid="protocol"' in with_it and "pt-crying" in with_it
    assert 'data-testid="protocol"' not in without
    pdf = client.get(links[0] + "report.pdf").content
    assert "24-hour protocol: Nora" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(("country", "zone", "size"), [
    ("GB", "Europe/London", (595, 842)), ("US", "Europe/London", (612, 792)),
    # A country never chosen is the time zone's, as for the units: Texas prints on Letter.
    ("", "America/Chicago", (612, 792))])
def test_the_pdfs_print_on_her_country_s_paper(client_for, alice, nora, household, country,
                                              zone, size):
    """A4, or US Letter in the countries that print on it (as the keepsake book does): a
    visit report from the US came out on A4, which a US printer shrinks or crops."""
    household.country, household.time_zone = country, zone
    household.save(update_fields=["country", "time_zone"])
    client = client_for(alice)
    for query in (report_query(download="pdf"), report_query(protocol="on", download="pdf")):
        pages = PdfReader(io.BytesIO(client.get(f"/insights/report/?{query}").content)).pages
        assert {tuple(round(float(v)) for v in p.mediabox[2:]) for p in pages} == {size}
    assert len(pages) == 2  # the report's page, then the protocol's, on either paper
    alone = client.get(f"/insights/protocol/?child={nora.pk}&download=pdf").content
    pages = PdfReader(io.BytesIO(alone)).pages
    assert len(pages) == 1 and tuple(round(float(v)) for v in pages[0].mediabox[2:]) == size


def test_a_full_protocol_still_fits_one_letter_page(client_for, alice, logged, household):
    household.country = "US"
    household.save(update_fields=["country"])
    ada, _ben = logged
    response = client_for(alice).get(
        f"/insights/protocol/?child={ada.pk}&first={FIRST}&download=pdf")
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 1 and round(float(pages[0].mediabox[3])) == 792


def test_the_reference_band_names_its_weeks_in_her_language():
    from django.utils import translation

    from nestwell.insights.protocol import gather, grid

    band = grid.band_for(22)
    with translation.override("es"):
        words = gather.band_words(band)
    assert "0–6 semanas" in words and "weeks" not in words


def test_a_clock_that_ends_in_a_point_ends_the_sentence_once(logged, alice, household,
                                                              monkeypatch):
    """Valeria's Spanish 12-hour clock reads "9:30 p. m.": the row said "p. m.."."""
    _ada, ben = logged
    Moment.objects.create(household=household, child=ben, kind="sleep",
                          started_at=local(25, 11), ended_at=local(25, 12), actor=alice,
                          created_by=alice)
    monkeypatch.setattr(gather, "_clock", lambda quarter: "9:30 p. m.")
    with timezone.override(LONDON):
        wednesday = gather.gather(ben, alice, FIRST, now=AFTER).days[2]
    said = gather.summary(wednesday)
    assert "p. m.." not in said and said.count("9:30 p. m.") == 2


def test_past_twelve_weeks_it_does_not_explain_a_band_it_never_draws(client_for, alice,
                                                                     logged):
    """Elena's protocol at 11 months: the legend said "beside the reference band" and a
    paragraph explained it, on a page with no band."""
    ada, _ben = logged
    first = (ada.birth_at + timedelta(weeks=20)).date()
    Cue.objects.create(household=ada.household, child=ada, signal="cry",
                       started_at=datetime.combine(first, datetime.min.time(), UTC)
                       + timedelta(hours=12, minutes=10),
                       closed_at=datetime.combine(first, datetime.min.time(), UTC)
                       + timedelta(hours=12, minutes=40))
    page = client_for(alice).get(
        f"/insights/protocol/?child={ada.pk}&first={first}").content.decode()
    assert "beside the reference band" not in page and "Beside each day" not in page
    assert "none of these days falls in them" in page
    early = client_for(alice).get(
        f"/insights/protocol/?child={ada.pk}&first={FIRST}").content.decode()
    assert "beside the reference band" in early and "Beside each day" in early


def test_a_baby_a_few_days_old_opens_on_the_day_of_birth(client_for, alice, household):
    """Lena: her son, born nine weeks early six days ago, opened on seven rows of "before
    the birth", and the report for a visit on a week of empty days."""
    today = timezone.localtime(timezone.now(), LONDON).date()
    born = datetime.combine(today - timedelta(days=6), datetime.min.time(), LONDON) \
        + timedelta(hours=4)
    jonas = Child.objects.create(household=household, name="Jonas", birth_at=born,
                                 gestation_weeks=31, gestation_days=0)
    client = client_for(alice)
    protocol = client.get(f"/insights/protocol/?child={jonas.pk}").content.decode()
    assert f'value="{(today - timedelta(days=6)).isoformat()}"' in protocol
    report = client.get(f"/insights/report/?child={jonas.pk}").content.decode()
    assert f'name="first" value="{(today - timedelta(days=6)).isoformat()}"' in report
    # Older than two weeks: the last two weeks, as before.
    jonas.birth_at = born - timedelta(days=30)
    jonas.save()
    report = client.get(f"/insights/report/?child={jonas.pk}").content.decode()
    assert f'name="first" value="{(today - timedelta(days=13)).isoformat()}"' in report
