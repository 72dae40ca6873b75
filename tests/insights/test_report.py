"""The report for a visit: PDF and CSV, and share links that expire or are stopped."""

import io
import os
import re
from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import formats, timezone
from pypdf import PdfReader

from nestwell.accounts.models import AuditEvent
from nestwell.insights.models import ShareLink
from tests.insights.test_dashboard import fill


def period():
    today = timezone.localdate()
    return f"first={(today - timedelta(days=6)).isoformat()}&last={today.isoformat()}"


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_report_page_and_its_pdf(client_for, alice, nora, household):
    fill(household, nora, alice, days=8)
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert 'data-testid="report"' in page and "Feeds" in page and "Crying" in page
    assert "The mother" not in page  # not included unless she ticks it
    response = client.get(f"/insights/report/?{period()}&download=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Report for a visit: Nora" in text and "Skin-to-skin" in text
    # No questionnaire in it, so none is spoken of at its foot (Rosa's walk).
    assert "times are approximate" in text and "screenings, not diagnoses" not in text


def test_her_wellbeing_only_when_she_includes_it(client_for, alice, bob, nora, household):
    fill(household, nora, alice, days=3)
    with_it = client_for(alice).get(f"/insights/report/?{period()}&wellbeing=on").content
    assert "Check-ins" in with_it.decode()
    assert "Alice&#x27;s own wellbeing, shared by choice" in with_it.decode()
    # her partner asking for "wellbeing" gets his own (none), never hers, and it is named
    # as his: never "the mother's", which a midwife reads as hers
    his = client_for(bob).get(f"/insights/report/?{period()}&wellbeing=on").content.decode()
    assert "none in this period" in his and "mood 3" not in his
    assert "Bob&#x27;s own wellbeing, shared by choice" in his and "mother" not in his
    # In French, her name after "de" is elided in the PDF too, which no page passes through.
    alice.display_name = "Alice"
    alice.save(update_fields=["display_name"])
    pdf = client_for(alice).get(f"/insights/report/?{period()}&wellbeing=on&language=fr"
                                "&download=pdf").content
    assert "Le bien-être d’Alice" in pdf_text(pdf)


def test_csv_has_the_summary_and_a_row_per_day(client_for, alice, nora, household):
    fill(household, nora, alice, days=7)
    body = client_for(alice).get(f"/insights/report/?{period()}&download=csv").content
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Report for a visit: Nora")
    header = next(i for i, line in enumerate(lines) if line.startswith("Date,"))
    assert len(lines) - header - 1 == 7
    assert "Skin-to-skin (min)" in lines[header] and "skin_to_skin" not in lines[header]


def test_a_bad_period_is_explained(client_for, alice, nora):
    today = timezone.localdate()
    page = client_for(alice).get(
        f"/insights/report/?first={today}&last={today - timedelta(days=3)}").content.decode()
    assert "The end comes before the start." in page
    page = client_for(alice).get(
        f"/insights/report/?first={today - timedelta(days=200)}&last={today}").content.decode()
    assert "at most 92 days" in page


def make_link(client, days=7, wellbeing=True):
    today = timezone.localdate()
    data = {"first": (today - timedelta(days=6)).isoformat(), "last": today.isoformat(),
            "days": days, "label": "Midwife Jo"}
    if wellbeing:
        data["wellbeing"] = "on"
    page = client.post("/insights/report/share/", data).content.decode()
    return page.split('data-testid="share-link">')[1].split("</p>")[0]


def test_a_clinician_opens_the_link_without_an_account_and_it_is_audited(
        client_for, client, alice, nora, household):
    fill(household, nora, alice, days=4)
    link = make_link(client_for(alice))
    client.logout()
    path = link.split("testserver")[1]
    page = client.get(path)
    assert page.status_code == 200 and "Report for a visit: Nora" in page.content.decode()
    age = page.content.decode().split('data-testid="report-age"')[1].split("</p>")[0]
    assert "Nora" in age and "weeks old" in age  # as the PDF's first line says
    assert "no-store" in page["Cache-Control"]
    assert client.get(path + "report.pdf")["Content-Type"] == "application/pdf"
    events = AuditEvent.objects.filter(subject=alice, action="report_link_opened")
    assert events.count() == 2 and "Midwife Jo" in events.first().detail
    # Only the page, its PDF and its CSV: report.json had answered with the page.
    for other in ("report.json", "report.html", "report."):
        assert client.get(path + other).status_code == 404, other
    assert events.count() == 2


def test_a_parent_sees_how_often_each_link_of_the_household_was_opened(
        client_for, alice, bob, nora, household):
    """A caregiver's link opened by a clinician was in the caregiver's Who has looked
    alone; the mother sees every link of the household, and now whether it was opened."""
    link = make_link(client_for(bob), wellbeing=False)
    mother = client_for(alice)

    def row():
        page = mother.get(f"/insights/report/?{period()}").content.decode()
        return page.split('data-testid="share-opened">')[1].split("</span>")[0]

    assert row() == "not opened yet"
    from django.test import Client

    clinician = Client()  # no account
    path = link.split("testserver")[1]
    clinician.get(path)
    clinician.get(path + "report.pdf")
    assert row().startswith("opened 2 times, last ")
    assert ShareLink.objects.get().opened == 2


def test_an_expired_link_and_a_stopped_link_refuse(client_for, client, alice, nora, household):
    owner = client_for(alice)
    expired = make_link(owner).split("testserver")[1]
    stopped = make_link(owner).split("testserver")[1]
    ShareLink.objects.filter(pk=ShareLink.objects.order_by("pk").first().pk).update(
        expires_at=timezone.now() - timedelta(minutes=1))
    owner.post(f"/insights/report/share/{ShareLink.objects.order_by('pk').last().pk}/revoke/")
    owner.logout()
    for path in (expired, stopped, expired + "report.pdf", "/r/made-up/"):
        response = client.get(path)
        assert response.status_code == 404 and "no longer works" in response.content.decode()


def test_link_days_are_one_to_thirty(client_for, alice, nora):
    client = client_for(alice)
    today = timezone.localdate()
    for days in (0, 31, "x"):
        client.post("/insights/report/share/", {"first": today, "last": today, "days": days})
    assert not ShareLink.objects.exists()


def test_report_queries_do_not_grow(client_for, alice, nora, household,
                                    django_assert_max_num_queries):
    fill(household, nora, alice, days=5)
    client = client_for(alice)
    with django_assert_max_num_queries(15) as few:
        client.get(f"/insights/report/?{period()}&wellbeing=on")
    fill(household, nora, alice, days=20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/insights/report/?{period()}&wellbeing=on")


def test_the_report_page_shows_the_chart_in_the_colours_of_each_kind(client_for, alice, nora,
                                                                     household):
    fill(household, nora, alice, days=8)
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    chart = page.split('data-testid="chart-report"')[1].split("</figure>")[0]
    assert 'role="img"' in chart and "Minutes together each day, by kind" in chart
    assert 'class="bar c-vermillion" data-series="skin_to_skin"' in chart
    assert 'class="bar c-orange pale" data-series="feeding"' in chart
    assert '<details class="chart-table">' in chart


def pdf_picture(content, name):
    """The first page of a PDF as an RGB picture (poppler's pdftoppm), also kept with the
    screenshots to be looked at."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    import pytest
    from PIL import Image

    from tests.conftest import in_ci

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        message = "pdftoppm is not installed (apt-get install poppler-utils)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(content)
        subprocess.run([pdftoppm, "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile",
                        source, Path(folder) / "page"], check=True, timeout=60)
        picture = Image.open(Path(folder) / "page.png").convert("RGB")
        screenshots = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
        screenshots.mkdir(parents=True, exist_ok=True)
        picture.save(screenshots / f"{name}.png")
        return picture


def test_the_pdf_chart_has_the_same_colour_for_each_kind(client_for, alice, nora, household):
    from nestwell.insights import palette

    fill(household, nora, alice, days=8)
    content = client_for(alice).get(f"/insights/report/?{period()}&download=pdf").content
    picture = pdf_picture(content, "report-pdf-page-1")
    counts = {}
    for count, colour in picture.getcolors(maxcolors=1 << 20):
        counts[colour] = count

    def pixels(kind):
        value = palette.hex_for(palette.look(kind).colour).lstrip("#")
        return counts.get(tuple(int(value[i:i + 2], 16) for i in (0, 2, 4)), 0)

    assert pixels("skin_to_skin") > 500 and pixels("feeding") > 200
    assert pixels("sleep") == 0  # nothing else drawn: none of the other kinds' colours
    text = pdf_text(content)
    assert "Skin-to-skin" in text and "Feed" in text and "min" in text


def test_reportlab_is_loaded_only_when_a_pdf_is_asked_for():
    import os
    import subprocess
    import sys

    code = ("import django, sys; django.setup(); from django.urls import resolve; "
            "resolve('/insights/report/'); import nestwell.urls; "
            "sys.exit(1 if 'reportlab' in sys.modules else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_markup_in_a_name_or_a_label_is_text_in_the_pdf(client_for, alice, nora, household):
    """Issue 12, finding 11: no link, no picture from the server's disk, no 500."""
    import tempfile

    from PIL import Image

    # A short path, so the name fits the 60 characters a name may have (PostgreSQL checks).
    handle, path = tempfile.mkstemp(suffix=".png", dir="/tmp")
    os.close(handle)
    picture = Path(path)
    Image.new("RGB", (40, 40), "red").save(picture)
    client = client_for(alice)
    try:
        for name in ('<a href="https://evil.example/">Bo</a>', f'<img src="{picture}"/>',
                     '<img src="/no/such/file.png"/>', "Bo & <b>Li", "<para>x</para>"):
            nora.name = name
            nora.save()
            response = client.get(f"/insights/report/?{period()}&download=pdf")
            assert response.status_code == 200, name
            reader = PdfReader(io.BytesIO(response.content))
            assert b"/URI" not in response.content, name
            assert not any("/Annots" in page for page in reader.pages), name
            assert not any(page["/Resources"].get("/XObject") for page in reader.pages), name
            assert name.split(">")[0] in pdf_text(response.content).replace("\n", " "), name
    finally:
        picture.unlink()


def test_a_safety_answer_stands_out_on_the_report_and_the_shared_page(
        client_for, client, alice, nora, household):
    from nestwell.wellbeing.models import CheckIn

    fill(household, nora, alice, days=4)
    CheckIn.objects.create(household=household, author=alice, mood=2, connection=3, energy=2,
                           stress=4, support=2, safety="not_safe")
    own = client_for(alice).get(f"/insights/report/?{period()}&wellbeing=on").content.decode()
    link = make_link(client_for(alice))
    client.logout()
    shared = client.get(link.split("testserver")[1]).content.decode()
    for page in (own, shared):
        flag = page.split('data-testid="safety-flag"')[0].rsplit("<p", 1)[1]
        assert "attention" in flag and "calm" not in flag
        # Named, not "she": a father or a partner may share his own.
        assert "in this period Alice answered a question about safety" in page


def test_a_kind_with_nothing_logged_says_so_instead_of_zero(client_for, alice, nora,
                                                            household):
    """Bottles and skin-to-skin with none in the period: "none noted", never "0 ml in all"
    or "0.0 minutes a day"; a bottle without an amount still counts as a bottle."""
    from nestwell.journal.models import Moment

    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert page.count("none noted in this period") >= 3  # feeds, bottles, skin-to-skin
    assert "0\u00a0ml in all" not in page and "0.0\u00a0minutes a day" not in page
    assert "0 feeds" not in page
    now = timezone.now()
    # at noon three days ago, her time: the figures a day are over the four days since
    noon = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=3),
                                                time(12)))
    for kind, details, minutes in (("feeding", {"method": "bottle"}, 10),
                                   ("skin_to_skin", {}, 20)):
        Moment.objects.create(household=household, child=nora, kind=kind, details=details,
                              started_at=noon, ended_at=noon + timedelta(minutes=minutes),
                              created_by=alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert "1 bottle, no amount noted" in page and "ml in all" not in page
    assert "5 min a day on average" in page  # 20 over 4 days, not over 7
    # one feed three days ago, nothing since: a rate over the hours logged, said so
    assert re.search(r"1 feed, about 0\.\d a day \(a rate over the \d+ hours logged\)", page)
    day = formats.date_format(noon.date(), "j M")
    assert (f"Day-to-day logging began on {day}, so figures a day are averaged over 4 days."
            in page)
    # Its one feed is a rate over hours, not over full days: nothing to reconcile.
    assert "Feeds and sleep a day are averaged over the full days" not in page
    note = f"Day-to-day logging began on {day}, so figures a day are averaged over 4 days."
    assert note in pdf_text(client.get(f"/insights/report/?{period()}&download=pdf").content
                            ).replace("\n", " ")
    assert note in client.get(f"/insights/report/?{period()}&download=csv").content.decode()
    # With amounts on some of them, the total says which bottles it counts.
    for amount in (90, 60):
        Moment.objects.create(household=household, child=nora, kind="feeding",
                              details={"method": "bottle", "amount_ml": amount},
                              started_at=now - timedelta(hours=3),
                              ended_at=now - timedelta(hours=3), created_by=alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert "3 bottles, 150\u00a0ml in all (amount noted for 2)" in page


def test_minutes_under_one_read_as_seconds():
    """A cry answered in 8 seconds read "0.1 min"."""
    from nestwell.insights import visit

    assert visit._minutes(8 / 60) == "8 s"
    assert visit._minutes(0.001) == "1 s"
    assert visit._minutes(2.5) == "2.5\u00a0min"
    assert visit._minutes(None) == "—"


def test_each_babys_files_are_named_for_her(client_for, alice, household):
    """Twins' reports downloaded as the same nestwell-report-<day>.pdf and overwrote each
    other."""
    from nestwell.children.models import Child

    client = client_for(alice)
    today = timezone.localdate()
    for name, expected in (("Sofía", "Sof%C3%ADa"), ("Mateo José", "Mateo-Jos%C3%A9")):
        child = Child.objects.create(household=household, name=name,
                                     birth_at=timezone.now() - timedelta(days=20))
        for fmt in ("pdf", "csv"):
            disposition = client.get(f"/insights/report/?child={child.pk}&{period()}"
                                     f"&download={fmt}")["Content-Disposition"]
            assert disposition.startswith("attachment;")
            first = today - timedelta(days=6)
            assert f"nestwell-report-{expected}-{first}_{today}.{fmt}" in disposition, \
                disposition
        disposition = client.get(f"/insights/protocol/?child={child.pk}&download=pdf")[
            "Content-Disposition"]
        assert f"nestwell-protocol-{expected}-" in disposition, disposition


def test_a_corrected_age_before_the_due_date_says_so():
    """The report read "day 19 (-14 corrected)"."""
    from datetime import date

    from nestwell.insights import visit

    on = date(2026, 12, 2)
    assert visit._corrected(-14, on) == "14 days before the due date"
    assert visit._corrected(-1, on) == "1 day before the due date"
    # with its unit, as the real age has one: "40 corrected" read as a number alone
    assert visit._corrected(10, on) == "10 days corrected"
    assert visit._corrected(40, on) == "5 weeks corrected"


def test_every_line_of_the_pdf_stays_on_the_page_the_safety_flags_first(
        client_for, alice, nora, household):
    """A long row (the safety answer of two questionnaires, in Spanish) wraps in its column:
    drawn on one line it ran off the page, and the flag lost its end."""
    from nestwell.wellbeing.models import CheckIn, ScreeningResponse
    from tests.pdf_check import beyond_the_right_margin
    from tests.pdf_check import text as pdf_words

    fill(household, nora, alice, days=4)
    CheckIn.objects.create(household=household, author=alice, mood=2, connection=3, energy=2,
                           stress=4, support=2, safety="not_safe")
    for instrument, total, item in (("epds", 17, 10), ("phq9", 16, 9)):
        ScreeningResponse.objects.create(household=household, author=alice,
                                         instrument=instrument, version="1", total=total,
                                         safety=[item])
    client = client_for(alice)
    # (Arabic is drawn in joined letter forms this measure cannot size; its cells were
    # paragraphs already.)
    for language in ("es", "en", "de", "fr"):
        pdf = client.get(f"/insights/report/?{period()}&wellbeing=on&language={language}"
                         "&download=pdf").content
        assert beyond_the_right_margin(pdf) == [], language
        if language == "es":
            assert "(ítem 10)" in pdf_words(pdf).replace("\n", " ")
    # The sign of risk first, in plain words, before the total and its band (Aoife's walk:
    # "3 · Few or no signs of low mood · answered a safety question" read as reassurance).
    page = client.get(f"/insights/report/?{period()}&wellbeing=on").content.decode()
    assert "a safety question (item 9) answered with a sign of risk · 16" in page


def test_a_baby_born_early_has_his_birth_at_the_top_of_the_report(client_for, alice, nora,
                                                                   household):
    """Jana's report for the paediatrician said "Emil · 5 weeks old" and nothing of 31+4
    weeks, 1.62 kg or the neonatal unit."""
    nora.gestation_weeks, nora.gestation_days = 31, 4
    nora.birth_weight_grams, nora.neonatal_care = 1620, True
    nora.save()
    fill(household, nora, alice, days=3)
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    birth = page.split('data-testid="report-birth">')[1].split("</p>")[0]
    assert "Born at 31+4 weeks" in birth and "neonatal care" in birth
    text = pdf_text(client.get(f"/insights/report/?{period()}&download=pdf").content)
    assert "Born at 31+4 weeks" in text and "neonatal care" in text
    # A baby born at term with nothing noted: no line.
    nora.gestation_weeks = nora.gestation_days = nora.birth_weight_grams = None
    nora.neonatal_care = False
    nora.save()
    assert 'data-testid="report-birth"' not in client.get(
        f"/insights/report/?{period()}").content.decode()


def test_a_link_that_carries_her_wellbeing_says_so_when_it_is_made(client_for, alice, nora):
    client = client_for(alice)
    today = timezone.localdate()
    data = {"first": (today - timedelta(days=6)).isoformat(), "last": today.isoformat(),
            "days": 7, "label": "GP"}
    plain = client.post("/insights/report/share/", data).content.decode()
    assert 'data-testid="share-has-wellbeing"' not in plain
    carried = client.post("/insights/report/share/", {**data, "wellbeing": "on"}).content.decode()
    notice = carried.split('data-testid="share-has-wellbeing"')[1].split("</p>")[0]
    assert "includes your own check-ins and questionnaire results" in notice


def test_not_sure_of_feeling_safe_is_counted_as_said(client_for, alice, nora, household):
    from nestwell.wellbeing.models import CheckIn

    CheckIn.objects.create(household=household, author=alice, mood=2, connection=3, energy=2,
                           stress=4, support=2, safety="unsure")
    page = client_for(alice).get(f"/insights/report/?{period()}&wellbeing=on").content.decode()
    assert "check-ins not sure of feeling safe, or not feeling safe: 1" in page


def test_two_periods_ending_on_one_day_are_two_files(client_for, alice, nora):
    """The last fortnight and the last three months both ended today and downloaded under
    one name, the second overwriting the first."""
    client = client_for(alice)
    today = timezone.localdate()
    names = set()
    for days in (13, 89):
        first = today - timedelta(days=days)
        names.add(client.get(f"/insights/report/?first={first}&last={today}&download=pdf")[
            "Content-Disposition"])
    assert len(names) == 2, names


def test_every_page_of_the_pdf_says_whose_it_is_and_which_page(client_for, alice, nora,
                                                               household):
    """A printed report whose pages came apart could not be put together again: no page
    said whose it was, nor which page it was."""
    fill(household, nora, alice, days=8)
    client = client_for(alice)
    content = client.get(f"/insights/report/?{period()}&protocol=on&download=pdf").content
    pages = PdfReader(io.BytesIO(content)).pages
    assert len(pages) >= 2  # the protocol begins a page of its own
    for number, page in enumerate(pages, start=1):
        text = " ".join(page.extract_text().split())
        assert f"Page {number} of {len(pages)}" in text, text[-200:]
        assert f"{nora.name} ·" in text


def test_the_shared_page_reads_in_the_units_of_whoever_made_the_link(client_for, client,
                                                                    alice, nora, household):
    """A Texan family's paediatrician read ml, kg, °C and a 24-hour clock on the shared
    page, its PDF and CSV, where the family's own report said fl oz, lb and °F."""
    from nestwell.health.models import Temperature

    alice.volume_unit, alice.temperature_unit, alice.clock = "oz", "F", "12"
    alice.save(update_fields=["volume_unit", "temperature_unit", "clock"])
    taken = timezone.localtime().replace(hour=14, minute=33, second=0, microsecond=0)
    if taken > timezone.localtime():
        taken -= timedelta(days=1)
    Temperature.objects.create(household=household, child=nora, celsius="38.1",
                               taken_at=taken)
    path = make_link(client_for(alice)).split("testserver")[1]
    client.logout()
    page = client.get(path).content.decode()
    assert "100.6\u00a0°F" in page and "°C" not in page
    assert "2:33\u00a0PM" in page or "2:33 PM" in page, page.split("100.6")[1][:120]
    assert "100.6" in pdf_text(client.get(path + "report.pdf").content)
    lines = client.get(path + "report.csv").content.decode("utf-8-sig").splitlines()
    header = lines.index("Temperature taken,°C,°F")
    assert lines[header + 1].endswith(",38.1,100.6")


def test_a_paper_score_without_its_harm_question_reads_as_unknown_not_as_nought(
        client_for, alice, bob, nora, household):
    """An EPDS total from paper with question 10 left empty was kept like one with 10 at
    0: the midwife reading the report could not tell them apart."""
    from nestwell.wellbeing.models import Share

    fill(household, nora, alice, days=3)
    client = client_for(alice)
    client.post("/you/questionnaires/epds/paper/", {"total": "14"})
    client.post("/you/questionnaires/epds/paper/", {"total": "9", "safety_score": "0"})
    page = client.get(f"/insights/report/?{period()}&wellbeing=on").content.decode()
    assert page.count("safety question 10 not noted") == 1
    text = pdf_text(client.get(
        f"/insights/report/?{period()}&wellbeing=on&download=pdf").content)
    assert "safety question 10 not noted" in " ".join(text.split())
    assert "safety question 10 not noted" in client.get("/insights/").content.decode()
    # The one she shares her questionnaires with reads it too
    Share.objects.create(household=household, owner=alice, member=bob, checkins=False,
                         screenings=True)
    shared = client_for(bob).get(f"/you/shared/{alice.pk}/").content.decode()
    assert shared.count("safety question 10 not noted") == 1


def test_a_report_of_one_day_says_1_day(client_for, alice, nora, household):
    day = timezone.localdate().isoformat()
    page = client_for(alice).get(f"/insights/report/?first={day}&last={day}").content.decode()
    assert "(1 day)" in page and "(1 days)" not in page
    week = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    assert "(7 days)" in week


def test_the_firsts_of_the_period_and_the_solids_are_in_the_report(client_for, alice, nora,
                                                                  household):
    """Elena's 12-month check-up: no firsts (standing, first steps, a first word, what a
    check-up asks about), and solids counted among the feeds without a word."""
    from nestwell.journal.models import Moment
    from nestwell.milestones.models import Milestone

    nora.birth_at = timezone.now() - timedelta(days=330)
    nora.save()
    today = timezone.localdate()
    Milestone.objects.create(household=household, child=nora, kind="first_steps",
                             happened_on=today - timedelta(days=2))
    Milestone.objects.create(household=household, child=nora, kind="other",
                             title="Waved <b>bye-bye</b>", happened_on=today - timedelta(days=3))
    Milestone.objects.create(household=household, child=nora, kind="first_smile",
                             happened_on=today - timedelta(days=300))  # before the period
    noon = timezone.now() - timedelta(days=1)
    for method in ("solids", "solids", "breast"):
        Moment.objects.create(household=household, child=nora, kind="feeding",
                              started_at=noon, ended_at=noon + timedelta(minutes=10),
                              details={"method": method})
        noon += timedelta(hours=3)
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    firsts = page.split('data-testid="report-firsts"')[1].split("</dl>")[0]
    assert "First steps" in firsts and "Waved &lt;b&gt;bye-bye&lt;/b&gt;" in firsts
    assert "smile" not in firsts.lower()
    assert "10\xa0months" in firsts or "10 months" in firsts
    assert firsts.index("Waved") < firsts.index("First steps")
    assert "<dt>Solids</dt><dd>2 of these feeds</dd>" in page
    text = pdf_text(client.get(f"/insights/report/?{period()}&download=pdf").content)
    assert "Firsts in this period" in text and "First steps" in text
    body = client.get(f"/insights/report/?{period()}&download=csv").content.decode("utf-8-sig")
    assert "First steps" in body and "Solids,2 of these feeds" in body


def test_a_score_at_the_cut_off_is_said_first_and_a_safety_answer_of_nought_is_said(
        client_for, alice, nora, household):
    """The health visitor: an EPDS of 13 was on the last page, below the pumping, and the
    report said nothing of question 10 when it was answered 0."""
    fill(household, nora, alice, days=3)
    client = client_for(alice)
    from nestwell.wellbeing.models import ScreeningResponse

    client.post("/you/questionnaires/epds/paper/", {"total": "13", "safety_score": "0"})
    client.post("/you/questionnaires/epds/paper/", {"total": "6", "safety_score": "0"})
    ScreeningResponse.objects.create(household=household, author=alice, instrument="phq9",
                                     version="1", answers=[0, 1, 0, 0, 1, 0, 0, 0, 0],
                                     total=2, band_label="Few or no signs of low mood")
    page = client.get(f"/insights/report/?{period()}&wellbeing=on").content.decode()
    first = page.split('data-testid="score-attention"')[1].split("</p>")[0]
    assert "EPDS of " in first and ": 13, probable signs of depression" in first
    assert ": 6," not in first
    assert page.index('data-testid="score-attention"') < page.index("Care and closeness")
    # said for the questionnaire answered here, question by question; a paper total
    # makes no claim (one kept before its safety score was asked for looks the same)
    assert page.count("safety question 9 answered with no sign of risk") == 1
    assert "safety question 10 answered" not in page
    text = " ".join(pdf_text(client.get(
        f"/insights/report/?{period()}&wellbeing=on&download=pdf").content).split())
    assert "13, probable signs of depression" in text
    assert text.index("Worth attention first") < text.index("Care and closeness")
    assert "screenings, not diagnoses" in text
    body = client.get(f"/insights/report/?{period()}&wellbeing=on&download=csv").content
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("Worth attention first,") and "13, probable signs" in lines[1]
    # without her wellbeing, nothing of it
    plain = client.get(f"/insights/report/?{period()}").content.decode()
    assert "score-attention" not in plain and "EPDS" not in plain


def test_the_bottles_say_what_milk(client_for, alice, nora, household):
    """The health visitor: "5 bottles, 581 ml in all", all expressed breast milk, did not
    say so; breast milk or formula is what she asks first."""
    from nestwell.journal.models import Moment

    noon = timezone.now() - timedelta(days=1)
    for milk in ("breast_milk", "breast_milk", "formula", ""):
        Moment.objects.create(household=household, child=nora, kind="feeding",
                              started_at=noon, ended_at=noon + timedelta(minutes=10),
                              details={"method": "bottle", "amount_ml": 100,
                                       **({"milk": milk} if milk else {})})
        noon += timedelta(hours=3)
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    assert ("4 bottles, 400\u00a0ml in all · Expressed breast milk: 2, Formula: 1"
            in page), page.split("<dt>Bottles</dt>")[1][:200]


def test_a_pbq_part_over_its_cut_off_is_said_first(client_for, alice, nora, household):
    """The review: the PBQ has no bands, only cut-offs for its parts, so one over them was
    named nowhere."""
    from nestwell.wellbeing.models import ScreeningResponse

    fill(household, nora, alice, days=2)
    ScreeningResponse.objects.create(
        household=household, author=alice, instrument="pbq", version="1", answers=[0] * 25,
        total=14, subscales={"impaired_bonding": 12, "rejection_anger": 2,
                             "infant_focused_anxiety": 0, "risk_of_abuse": 0})
    page = client_for(alice).get(f"/insights/report/?{period()}&wellbeing=on").content.decode()
    first = page.split('data-testid="score-attention"')[1].split("</p>")[0]
    assert ": 14, at or above a published cut-off (General factor (impaired bonding))" in first


def test_every_band_worth_attention_is_a_band_of_an_instrument():
    """Keyed on the bands' words, as kept with each result: a band renamed in the data
    would silently drop out of "Worth attention first"."""
    import json
    from pathlib import Path

    from nestwell.wellbeing import bands

    data = Path(bands.__file__).parent / "instruments" / "data"
    labels = {b["label"] for f in data.glob("*.json")
              for b in json.loads(f.read_text())["bands"]}
    assert labels >= bands.WORTH_ATTENTION


def test_the_csv_leaves_a_day_with_nothing_logged_empty_not_nought(client_for, alice, nora,
                                                                   household):
    """The health visitor: "2026-11-16,0,0,0" for two days nobody logged read as a baby
    not fed; the protocol says "—"."""
    from nestwell.journal.models import Moment

    today = timezone.localdate()
    for ago in (1, 4):  # the days between are not logged
        noon = timezone.make_aware(datetime.combine(today - timedelta(days=ago), time(12)))
        Moment.objects.create(household=household, child=nora, kind="feeding",
                              started_at=noon, ended_at=noon + timedelta(minutes=20),
                              details={"method": "breast", "side": "left"})
    lines = client_for(alice).get(f"/insights/report/?{period()}&download=csv").content.decode(
        "utf-8-sig").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Date,"))
    rows = dict(line.split(",", 1) for line in lines[header + 1:header + 8])
    assert rows[(today - timedelta(days=1)).isoformat()] == "20"
    assert rows[(today - timedelta(days=2)).isoformat()] == ""  # nothing logged that day


def test_a_few_seconds_of_skin_to_skin_is_under_a_minute_not_zero(client_for, alice, nora,
                                                                   household):
    from nestwell.journal.models import Moment

    start = timezone.now() - timedelta(days=2)
    Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                          started_at=start, ended_at=start + timedelta(seconds=12),
                          actor=alice, created_by=alice)
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    assert "under a minute a day on average" in page
    assert ">0\u00a0s a day" not in page and "0 s a day" not in page


def test_the_closing_line_never_has_a_page_of_its_own(client_for, alice, nora, household):
    """Rachel's report on US Letter: page 2 held only "Made with Nestwell …". However
    long what comes before, the last section goes with it."""
    from nestwell.insights import report_pdf, visit

    fill(household, nora, alice, days=3)
    today = timezone.localdate()
    report = visit.build(nora, today - timedelta(days=6), today, reader=alice)
    words = visit.words(report, nora)
    closing = words["footer"][:40]
    for extra_rows in range(0, 48, 3):
        padded = dict(words, care_rows=[*words["care_rows"],
                                        *[[f"Row {i}", "a value"] for i in range(extra_rows)]])
        pages = PdfReader(io.BytesIO(report_pdf.render(
            child_name="Nora", age_text="3 weeks", words=padded, paper="letter"))).pages
        last = pages[-1].extract_text()
        assert closing in last and words["crying_heading"] in last, (extra_rows, len(pages))


def test_the_same_score_entered_again_is_worth_attention_once(client_for, alice, nora,
                                                              household):
    """Aoife entered her EPDS five times in a minute (unsure it was kept): "Worth attention
    first" said the same line five times."""
    fill(household, nora, alice, days=3)
    client = client_for(alice)
    for _ in range(3):
        client.post("/you/questionnaires/epds/paper/", {"total": "14", "safety_score": "0"})
    client.post("/you/questionnaires/epds/paper/", {"total": "16", "safety_score": "0"})
    body = client.get(f"/insights/report/?{period()}&wellbeing=on&download=csv").content
    lines = [line for line in body.decode("utf-8-sig").splitlines()
             if line.startswith("Worth attention first,")]
    assert sum("14, probable signs" in line for line in lines) == 1
    assert sum("16, probable signs" in line for line in lines) == 1


def test_check_ins_without_sleep_say_so_in_words(client_for, alice, nora, household):
    """Ben's walk: "sleep — hours on average" when no check-in gave its hours."""
    from nestwell.wellbeing.models import CheckIn

    fill(household, nora, alice, days=4)
    CheckIn.objects.all().delete()
    CheckIn.objects.create(household=household, author=alice, mood=3, connection=3, energy=3,
                           stress=3, support=3, safety="safe")
    page = client_for(alice).get(f"/insights/report/?{period()}&wellbeing=on").content.decode()
    assert "<dd>1; mood 3.0 of 5 on average; no hours of sleep given</dd>" in page
    CheckIn.objects.create(household=household, author=alice, mood=4, connection=3, energy=3,
                           stress=3, support=3, safety="safe", sleep_hours=6)
    page = client_for(alice).get(f"/insights/report/?{period()}&wellbeing=on").content.decode()
    assert "<dd>2; mood 3.5 of 5 on average; sleep 6.0 hours on average</dd>" in page


def test_a_check_in_note_of_harm_counts_among_the_safety_answers(client_for, client, alice,
                                                                 nora, household):
    """Sofía's report read "not feeling safe: 0" after five check-ins whose notes had
    opened the support page. Her words count (the baby named too); they are never shown."""
    from nestwell.wellbeing.models import CheckIn

    fill(household, nora, alice, days=4)
    CheckIn.objects.all().delete()
    CheckIn.objects.create(household=household, author=alice, mood=3, connection=3, energy=3,
                           stress=3, support=3, safety="safe", note="so tired, all fine")
    page = client_for(alice).get(f"/insights/report/?{period()}&wellbeing=on").content.decode()
    assert 'data-testid="safety-flag"' not in page
    CheckIn.objects.create(household=household, author=alice, mood=3, connection=3, energy=3,
                           stress=3, support=3, safety="safe",
                           note=f"a veces pienso en sacudir a {nora.name}")
    page = client_for(alice).get(f"/insights/report/?{period()}&wellbeing=on").content.decode()
    assert 'data-testid="safety-flag"' in page
    assert ("not feeling safe: 0; check-ins whose own words spoke of ending a life, of "
            "self-harm or of harming the baby: 1; questionnaires with a safety answer: 0"
            in page)
    assert "sacudir" not in page
