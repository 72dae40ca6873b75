"""Query plans of the hot paths: the pages and API calls used most (home, the timers every
open device polls, a day of the timeline, the API list and the quick-log) never read the
moments table from end to end, nor walk one household's whole history through an index.

The query budgets count queries; they cannot see a query that grows with the history. This
test asks the database how it would run each query those requests make on the moments and
cues tables (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL) with a long history in
it, with the statement's parameters bound as the request bound them. Whether SQLite can
use a partial index depends on it: it matches a bound value against the index's literal
in a plain comparison (`NOT external_id = ''`), but not in a list (cues' `signal IN
('cry', 'fuss')`), so a plan asked for with the values written into the SQL can look
better than the one the request gets.
"""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from nestwell.accounts.models import ApiToken
from nestwell.care.models import Cue
from nestwell.journal.models import Moment

TABLE = "journal_moment"
CUES = "journal_cue"


def history(household, child, person, days=400, per_day=30):
    """A long history (12,000 moments, 4,000 crying episodes), all ended or settled, and
    one running timer."""
    now = timezone.now()
    rows = [Moment(household=household, child=child, kind="talk", started_at=start,
                   ended_at=start, actor=person, created_by=person)
            for day in range(days) for i in range(per_day)
            for start in [now - timedelta(days=day, minutes=40 * i + 5)]]
    Moment.objects.bulk_create(rows, batch_size=2000)
    Cue.objects.bulk_create(
        [Cue(household=household, child=child, signal="cry", started_at=start,
             responded_at=start + timedelta(minutes=1), responder=person,
             closed_at=start + timedelta(minutes=9), outcome="settled", created_by=person)
         for day in range(days) for i in range(10)
         for start in [now - timedelta(days=day, minutes=130 * i + 20)]], batch_size=2000)
    Moment.objects.create(household=household, child=child, kind="feeding",
                          started_at=now - timedelta(minutes=3), ended_at=None,
                          actor=person, created_by=person)
    # No ANALYZE: Nestwell never runs it, so SQLite plans from the schema alone, as here.


class Query(dict):
    """One statement a request ran: ``sql`` as the database got it (with placeholders) and
    its ``params``."""


def queries_on(table, run):
    """The SELECTs on ``table`` that ``run()`` made, with their parameters unbound."""
    seen = []

    def keep(execute, sql, params, many, context):
        seen.append(Query(sql=sql, params=params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        response = run()
    assert response.status_code < 400, response.status_code
    return [q for q in seen
            if q["sql"].lstrip().upper().startswith("SELECT") and f'"{table}"' in q["sql"]]


def moment_queries(run):
    return queries_on(TABLE, run)


def plan(sql, params=None):
    """The plan lines for ``sql`` with ``params`` bound as the request bound them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return [row[-1] for row in cursor.fetchall()]
        # A small test table is cheaper to read whole, so PostgreSQL would rightly scan it;
        # with sequential scans priced out, a plan that still scans has no index to use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return [row[0] for row in cursor.fetchall()]


# The partial indexes that hold only what is open (running timers, unsettled episodes) or
# the ids an import matches on: probing them reads a handful of rows, not the history.
SMALL_INDEXES = ("moment_running_time", "external_id", "cue_open_time")


def walks_history(lines, sql, table=TABLE):
    """The lines of a plan that read ``table`` without bounding it by time, by a small
    partial index or by primary key; empty when the plan is good."""
    bad = []
    bounded_by_limit = re.search(r"\bLIMIT\b", sql, re.I) and "ORDER BY" in sql.upper()
    short = table.removeprefix("journal_")  # the indexes are named after it: moment_…, cue_…
    for line in lines:
        if table not in line and short not in line:
            continue
        if connection.vendor == "sqlite":
            read = re.match(r"\s*(?:SEARCH|SCAN)\s+(\w+)", line)
            if read and read.group(1) != table and not re.fullmatch(r"[A-Z]\d+", read.group(1)):
                continue  # another table, probed by its moment (a photo by moment_id)
            if re.match(rf"\s*SCAN {table}\b", line):
                bad.append(line)  # the whole table
            elif ("USING INDEX" in line and "started_at" not in line
                  and not any(name in line for name in SMALL_INDEXES)
                  and "PRIMARY KEY" not in line and not bounded_by_limit):
                bad.append(line)  # every row of one household or child
        elif f"Seq Scan on {table}" in line:
            bad.append(line)
    return bad


@pytest.fixture
def long_history(household, nora, alice):
    history(household, nora, alice)
    return nora


def check(queries, counted=False, table=TABLE):
    """``counted``: the API list asked for ``count=true`` answers how many rows match in
    all, which by its nature reads every matching row; that one query is let through (its
    cost is in docs/performance.md), the page of rows itself must be an index probe."""
    assert queries, "the request read no moments: the test would prove nothing"
    for query in queries:
        if counted and query["sql"].startswith('SELECT COUNT(*) AS "__count"'):
            continue
        lines = plan(query["sql"], query["params"])
        assert not walks_history(lines, query["sql"], table), (query["sql"], lines)


@pytest.mark.django_db
def test_home_finds_the_running_timers_by_their_index(client_for, alice, long_history):
    client = client_for(alice)
    queries = moment_queries(lambda: client.get("/"))
    running = [q for q in queries if "ended_at\" IS NULL" in q["sql"]]
    assert running, "home no longer asks for the running timers"
    check(queries)


@pytest.mark.django_db
def test_home_finds_an_unsettled_episode_by_its_index(client_for, alice, long_history):
    """Today asks for each baby's crying that has not settled yet: with every episode of
    three years settled, that must not mean reading all of them (on SQLite the unique
    index of open episodes lists the signals, and the query binds its list)."""
    client = client_for(alice)
    queries = queries_on(CUES, lambda: client.get("/"))
    open_ones = [q for q in queries if '"closed_at" IS NULL' in q["sql"]]
    assert open_ones, "home no longer asks for the unsettled episodes"
    check(queries, table=CUES)
    # Its LIMIT 1 bounds nothing when no episode is open: the walk through the baby's
    # cues by time would go to the first one. Only an index of open episodes bounds it.
    for query in open_ones:
        lines = plan(query["sql"], query["params"])
        if connection.vendor == "sqlite":
            assert any("cue_open_time" in line or "one_open_distress_episode" in line
                       for line in lines), (query["sql"], lines)


@pytest.mark.django_db
def test_home_with_every_card_reads_cues_by_time(client_for, alice, household, long_history):
    """The wondering card looks for episodes settled today: by the household and time."""
    from nestwell.wondering.models import Choices

    Choices.objects.update_or_create(user=alice, household=household,
                                     defaults={"after_feed": True, "after_settle": True})
    client = client_for(alice)
    queries = queries_on(CUES, lambda: client.get("/"))
    assert any('"outcome" = ' in q["sql"] for q in queries), "no settled-today query"
    check(queries, table=CUES)


@pytest.mark.django_db
def test_the_timers_poll_finds_the_running_timers_by_their_index(client_for, alice,
                                                                  long_history):
    client = client_for(alice)
    check(moment_queries(lambda: client.get("/timers/")))


@pytest.mark.django_db
def test_a_day_of_the_timeline_reads_that_day(client_for, alice, long_history):
    client = client_for(alice)
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    check(moment_queries(lambda: client.get(f"/timeline/?child={long_history.pk}&day={day}")))


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?kind=talk", "?since=2020-01-01T00:00:00Z",
                                   "?child={child}"])
def test_the_api_list_and_timers(client, alice, household, long_history, query):
    headers = {"Authorization": "Bearer " + ApiToken.issue(alice, household, "plans").token}
    url = "/api/v1/moments" + query.format(child=long_history.pk)
    # No count unless asked for (`count=true`): the page itself is an index probe.
    check(moment_queries(lambda: client.get(url, headers=headers)))
    check(moment_queries(lambda: client.get("/api/v1/timers", headers=headers)))
    sep = "&" if "?" in url else "?"
    check(moment_queries(lambda: client.get(url + sep + "count=true", headers=headers)),
          counted=True)


@pytest.mark.django_db
def test_quick_log_through_the_api_and_the_form(client_for, client, alice, household,
                                                long_history):
    token = ApiToken.issue(alice, household, "plans").token
    api = lambda: client.post(  # noqa: E731
        "/api/v1/moments", data=json.dumps({"child": long_history.pk, "kind": "sing"}),
        content_type="application/json", headers={"Authorization": f"Bearer {token}"})
    queries = moment_queries(api)
    browser = client_for(alice)
    queries += moment_queries(
        lambda: browser.post("/moments/quick/", {"child": long_history.pk, "kind": "cuddle"}))
    for query in queries:
        assert not walks_history(plan(query["sql"], query["params"]), query["sql"]), query["sql"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["sing", "letter"])
def test_an_api_entry_with_its_own_id_finds_a_clash_by_index(client, alice, household,
                                                             long_history, kind):
    """A script that sends its own ids (to make a retry harmless) must not make every
    entry read the household's whole history to see whether the id is taken."""
    token = ApiToken.issue(alice, household, "plans").token
    body = {"child": long_history.pk, "kind": kind, "external_id": f"script-{kind}-1"}
    if kind == "letter":
        body["note"] = "Dear you"
    queries = moment_queries(lambda: client.post(
        "/api/v1/moments", data=json.dumps(body), content_type="application/json",
        headers={"Authorization": f"Bearer {token}"}))
    clash = [q for q in queries if '"external_id" = ' in q["sql"]]
    assert clash, "the id is no longer checked before the insert"
    check(clash)
    for query in clash:
        lines = plan(query["sql"], query["params"])
        if connection.vendor == "sqlite":
            assert any("external_id" in line for line in lines), (query["sql"], lines)


def care_history(household, child, person, days=400, per_day=8):
    """Three of the care day's records that grow every day: 3,200 nappies, and as many
    pumping sessions and doses."""
    from nestwell.health.models import Nappy
    from nestwell.medicines.models import Dose, Medicine
    from nestwell.milk.models import PumpingSession

    now = timezone.now()
    times = [now - timedelta(days=day, minutes=170 * i + 7)
             for day in range(days) for i in range(per_day)]
    medicine = Medicine.objects.create(household=household, child=child, name="Vitamin D",
                                       created_by=person)
    Nappy.objects.bulk_create([Nappy(household=household, child=child, changed_at=at,
                                     kind="wet", created_by=person) for at in times],
                              batch_size=2000)
    PumpingSession.objects.bulk_create(
        [PumpingSession(household=household, child=child, started_at=at, minutes=15,
                        amount_ml=90, created_by=person) for at in times], batch_size=2000)
    Dose.objects.bulk_create([Dose(household=household, child=child, medicine=medicine,
                                   given_at=at, created_by=person) for at in times],
                             batch_size=2000)


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "table"), [("/api/v1/nappies", "health_nappy"),
                                             ("/api/v1/pumping", "milk_pumpingsession"),
                                             ("/api/v1/doses", "medicines_dose")])
def test_the_care_days_lists_read_the_newest_by_index(client, alice, household, nora, path,
                                                       table):
    """The household's list, newest first (a script's "what changed", or the API without
    a child): a probe of the household's time index, not a sort of its whole history."""
    care_history(household, nora, alice)
    headers = {"Authorization": "Bearer " + ApiToken.issue(alice, household, "plans").token}
    queries = [q for q in queries_on(table, lambda: client.get(path, headers=headers))
               if "ORDER BY" in q["sql"]]
    assert queries, f"{path} no longer reads {table} in order"
    for query in queries:
        lines = plan(query["sql"], query["params"])
        if connection.vendor == "sqlite":
            assert not any(re.match(rf"\s*SCAN {table}\b", line) or "TEMP B-TREE" in line
                           for line in lines), (query["sql"], lines)
        else:
            assert not any(f"Seq Scan on {table}" in line for line in lines), lines


def test_the_rule_sees_a_walk_through_the_history():
    """The checker itself: the plan SQLite chose for the running timers before they had an
    index sorted by time is refused, and the one it chooses now is accepted."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan text")
    sql = 'SELECT * FROM "journal_moment" WHERE "ended_at" IS NULL ORDER BY "started_at"'
    assert walks_history(["SEARCH journal_moment USING INDEX moment_household_time "
                          "(household_id=?)"], sql)
    assert walks_history(["SCAN journal_moment"], sql)
    assert not walks_history(["SEARCH journal_moment USING INDEX moment_running_time "
                              "(household_id=?)"], sql)
    assert not walks_history(["SEARCH journal_moment USING INDEX moment_child_time "
                              "(child_id=? AND started_at>? AND started_at<?)"], sql)


@pytest.mark.django_db
@pytest.mark.parametrize("table", [
    TABLE, "journal_cue", "health_nappy", "health_temperature", "milk_pumpingsession",
    "milk_milkbag", "medicines_dose", "medicines_medicine"])
def test_no_index_repeats_the_start_of_another(table):
    """Storage: an index whose columns are the first columns of another one costs space
    and every write, and serves nothing the longer one does not."""
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            pytest.skip(f"no table {table}")
        found = connection.introspection.get_constraints(cursor, table)
    # A partial index (running timers, open episodes, the ids a file gave) holds only
    # some rows: it neither repeats another nor serves every read that starts like it.
    def partial(name):
        return any(word in name for word in ("running", "external", "open"))

    plain = {name: c["columns"] for name, c in found.items()
             if c["index"] and not c["unique"] and not c["primary_key"]}
    everything = {name: c["columns"] for name, c in found.items()
                  if c["columns"] and not partial(name)}
    repeated = [(name, other) for name, columns in plain.items() if not partial(name)
                for other, longer in everything.items()
                if other != name and len(longer) > len(columns)
                and longer[:len(columns)] == columns]
    assert not repeated, repeated
