"""Importing from a Baby Buddy server over HTTP: a small server on loopback plays Baby
Buddy, with its token check and paged answers."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest

from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.transfer import babybuddy_api, load

SAMPLES = Path(__file__).parent / "transfer" / "samples" / "babybuddy_api"
LONDON = ZoneInfo("Europe/London")
CHILDREN = [{"id": 1, "first_name": "Nora", "last_name": "Garcia", "birth_date": "2024-03-01",
             "slug": "nora-garcia"},
            {"id": 2, "first_name": "Leo", "last_name": "Garcia", "birth_date": "2024-03-01",
             "slug": "leo-garcia"}]


class FakeBabyBuddy(BaseHTTPRequestHandler):
    token = "secret-key"
    tables = {}

    def do_GET(self):  # noqa: N802 (the http.server name)
        if self.headers.get("Authorization") != f"Token {self.token}":
            return self.answer(401, {"detail": "Invalid token."})
        url = urlparse(self.path)
        table = url.path.strip("/").split("/")[-1]
        items = self.tables.get(table)
        if items is None:
            return self.answer(404, {"detail": "Not found."})
        query = parse_qs(url.query)
        limit, offset = int(query["limit"][0]), int(query["offset"][0])
        limit = min(limit, 3)  # small pages, to walk the "next" links
        page = items[offset:offset + limit]
        nxt = (f"http://{self.headers['Host']}/api/{table}/?limit={limit}&offset="
               f"{offset + limit}" if offset + limit < len(items) else None)
        return self.answer(200, {"count": len(items), "next": nxt, "previous": None,
                                 "results": page})

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def babybuddy():
    FakeBabyBuddy.tables = {
        "children": CHILDREN,
        "feedings": json.loads((SAMPLES / "feedings.json").read_text())["results"],
        "sleep": [], "tummy-times": [],
        "changes": [{"id": i, "child": 1, "time": f"2024-05-01T{i:02d}:10:00+01:00",
                     "wet": True, "solid": i % 3 == 0, "color": "yellow" if i % 3 == 0
                     else "", "amount": None, "notes": "", "tags": []}
                    for i in range(1, 8)],
        "temperature": [{"id": 1, "child": 2, "time": "2024-05-01T09:00:00+01:00",
                         "temperature": 99.1, "notes": "", "tags": []}],
        "pumping": [{"id": i, "child": 1, "amount": 60.0 + i,
                     "start": f"2024-05-01T{i:02d}:30:00+01:00",
                     "end": f"2024-05-01T{i:02d}:45:00+01:00", "duration": "00:15:00",
                     "notes": "", "tags": []} for i in range(1, 4)],
        "medication": [{"id": i, "child": 1, "name": "Ibuprofen" if i % 2 else "Vitamin D",
                        "dosage": 2.5 if i % 2 else 0.5, "dosage_unit": "ml",
                        "time": f"2024-05-02T{i:02d}:30:00+01:00",
                        "next_dose_interval": "06:00:00" if i % 2 else None, "notes": "",
                        "tags": []} for i in range(1, 6)],
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBabyBuddy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_whole_server_comes_in_and_a_second_run_adds_nothing(babybuddy, household, alice):
    rows = babybuddy_api.rows(babybuddy, "secret-key", time_zone=LONDON)
    report = load.load(household, alice, rows, dry_run=False, skip_rejected=True)
    assert report.applied
    # Named as Baby Buddy shows them, last name kept (issue 12, finding 5).
    assert set(Child.objects.values_list("name", flat=True)) == {"Nora Garcia", "Leo Garcia"}
    feeds = Moment.objects.filter(kind="feeding")
    assert feeds.count() == report.created["moment"] >= 5
    assert report.rejected_count == 1  # the feed that ends before it starts
    assert all(m.external_id.startswith("babybuddy:") for m in feeds)
    again = load.load(household, alice,
                      babybuddy_api.rows(babybuddy, "secret-key", time_zone=LONDON),
                      dry_run=False, skip_rejected=True)
    assert sum(again.created.values()) == 0 and Moment.objects.count() == feeds.count()


def test_nappy_changes_and_temperatures_come_over_counted_per_kind(babybuddy, household,
                                                                   alice):
    from nestwell.health.models import Nappy, Temperature

    report = load.load(household, alice,
                       babybuddy_api.rows(babybuddy, "secret-key", time_zone=LONDON),
                       dry_run=False, skip_rejected=True)
    assert report.created["nappy"] == 7 and report.created["temperature"] == 1
    kinds = sorted(Nappy.objects.values_list("kind", flat=True))
    assert kinds == ["both", "both"] + ["wet"] * 5
    assert Nappy.objects.filter(colour="yellow").count() == 2
    temperature = Temperature.objects.get()
    assert (temperature.child.name, str(temperature.celsius)) == ("Leo Garcia", "37.28")  # 99.1 °F
    assert not any("changes" in reason or "temperature" in reason
                   for _line, reason, *_ in report.skipped)


def test_pumping_comes_over_counted(babybuddy, household, alice):
    from nestwell.milk.models import PumpingSession

    report = load.load(household, alice,
                       babybuddy_api.rows(babybuddy, "secret-key", time_zone=LONDON),
                       dry_run=False, skip_rejected=True)
    assert report.created["pumping"] == 3
    assert sorted(PumpingSession.objects.values_list("amount_ml", "minutes")) == [
        (61, 15), (62, 15), (63, 15)]
    assert not any("pumping" in reason for _line, reason, *_ in report.skipped)


def test_medication_comes_over_as_doses_counted(babybuddy, household, alice):
    from decimal import Decimal

    from nestwell.medicines.models import Dose, Medicine

    report = load.load(household, alice,
                       babybuddy_api.rows(babybuddy, "secret-key", time_zone=LONDON),
                       dry_run=False, skip_rejected=True)
    assert report.created["dose"] == 5 and report.created["medicine"] == 2
    ibuprofen = Medicine.objects.get(name="Ibuprofen")
    assert (ibuprofen.child.name, ibuprofen.schedule, ibuprofen.min_hours) == (
        "Nora Garcia", "spaced", Decimal("6.0"))
    assert Dose.objects.filter(medicine=ibuprofen).count() == 3
    assert not any("medication" in reason for _line, reason, *_ in report.skipped)


def test_an_older_server_without_the_care_day_tables_still_imports(babybuddy, household,
                                                                   alice):
    FakeBabyBuddy.tables.pop("changes")
    FakeBabyBuddy.tables.pop("temperature")
    FakeBabyBuddy.tables.pop("pumping")
    FakeBabyBuddy.tables.pop("medication")
    report = load.load(household, alice,
                       babybuddy_api.rows(babybuddy, "secret-key", time_zone=LONDON),
                       dry_run=False, skip_rejected=True)
    assert report.applied and report.created["moment"] >= 5


def test_a_wrong_key_is_explained(babybuddy, household, alice):
    with pytest.raises(babybuddy_api.FetchError, match="refused the API key"):
        list(babybuddy_api.rows(babybuddy, "wrong", time_zone=LONDON))


@pytest.mark.parametrize("url", ["ftp://example.org", "file:///etc/passwd", "not a url", ""])
def test_only_web_addresses(url):
    with pytest.raises(babybuddy_api.FetchError):
        list(babybuddy_api.rows(url, "k", time_zone=LONDON))


def test_an_unreachable_server_is_explained():
    with pytest.raises(babybuddy_api.FetchError, match="could not be reached"):
        list(babybuddy_api.rows("http://127.0.0.1:9", "k", time_zone=LONDON))
