"""Query plans of the hot paths: the pages and API calls used most (home, the timers every
open device polls, a day of the timeline, the API list and the quick-log) never read the
moments table from end to end, nor walk one household's whole history through an index.

The query budgets count queries; they cannot see a query that grows with the history. This
test asks the database how it would run each query those requests make on the moments
table (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL) with a long history in it.
"""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.accounts.models import ApiToken
from nestwell.journal.models import Moment

TABLE = "journal_moment"


def history(household, child, person, days=400, per_day=30):
    """A long history (12,000 moments), all ended, and one running timer."""
    now = timezone.now()
    rows = [Moment(household=household, child=child, kind="talk", started_at=start,
                   ended_at=start, actor=person, created_by=person)
            for day in range(days) for i in range(per_day)
            for start in [now - timedelta(days=day, minutes=40 * i + 5)]]
    Moment.objects.bulk_create(rows, batch_size=2000)
    Moment.objects.create(household=household, child=child, kind="feeding",
                          started_at=now - timedelta(minutes=3), ended_at=None,
                          actor=person, created_by=person)
    # No ANALYZE: Nestwell never runs it, so SQLite plans from the schema alone, as here.


def moment_queries(run):
    with CaptureQueriesContext(connection) as seen:
        response = run()
    assert response.status_code < 400, response.status_code
    return [q for q in seen.captured_queries
            if q["sql"].lstrip().upper().startswith("SELECT") and TABLE in q["sql"]]


def plan(sql):
    """The plan lines for ``sql`` (already with its parameters, as captured)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return [row[-1] for row in cursor.fetchall()]
        # A small test table is cheaper to read whole, so PostgreSQL would rightly scan it;
        # with sequential scans priced out, a plan that still scans has no index to use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        return [row[0] for row in cursor.fetchall()]


def walks_history(lines, sql):
    """The lines of a plan that read moments without bounding them by time, by the
    running-timers index or by primary key; empty when the plan is good."""
    bad = []
    bounded_by_limit = re.search(r"\bLIMIT\b", sql, re.I) and "ORDER BY" in sql.upper()
    for line in lines:
        if TABLE not in line and "moment" not in line:
            continue
        if connection.vendor == "sqlite":
            read = re.match(r"\s*(?:SEARCH|SCAN)\s+(\w+)", line)
            if read and read.group(1) != TABLE and not re.fullmatch(r"[A-Z]\d+", read.group(1)):
                continue  # another table, probed by its moment (a photo by moment_id)
            if re.match(r"\s*SCAN journal_moment\b", line):
                bad.append(line)  # the whole table
            elif ("USING INDEX" in line and "started_at" not in line
                  and "moment_running_time" not in line and "PRIMARY KEY" not in line
                  and "external_id" not in line and not bounded_by_limit):
                bad.append(line)  # every row of one household or child
        elif "Seq Scan on journal_moment" in line:
            bad.append(line)
    return bad


@pytest.fixture
def long_history(household, nora, alice):
    history(household, nora, alice)
    return nora


def check(queries, counted=False):
    """``counted``: the API list asked for ``count=true`` answers how many rows match in
    all, which by its nature reads every matching row; that one query is let through (its
    cost is in docs/performance.md), the page of rows itself must be an index probe."""
    assert queries, "the request read no moments: the test would prove nothing"
    for query in queries:
        if counted and query["sql"].startswith('SELECT COUNT(*) AS "__count"'):
            continue
        lines = plan(query["sql"])
        assert not walks_history(lines, query["sql"]), (query["sql"], lines)


@pytest.mark.django_db
def test_home_finds_the_running_timers_by_their_index(client_for, alice, long_history):
    client = client_for(alice)
    queries = moment_queries(lambda: client.get("/"))
    running = [q for q in queries if "ended_at\" IS NULL" in q["sql"]]
    assert running, "home no longer asks for the running timers"
    check(queries)


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
        assert not walks_history(plan(query["sql"]), query["sql"]), query["sql"]


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
@pytest.mark.parametrize("table", [TABLE, "journal_cue"])
def test_no_index_repeats_the_start_of_another(table):
    """Storage: an index whose columns are the first columns of another one costs space
    and every write, and serves nothing the longer one does not."""
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            pytest.skip(f"no table {table}")
        found = connection.introspection.get_constraints(cursor, table)
    plain = {name: c["columns"] for name, c in found.items()
             if c["index"] and not c["unique"] and not c["primary_key"]}
    partial = {name for name in plain if "running" in name or "external" in name}
    everything = {name: c["columns"] for name, c in found.items() if c["columns"]}
    repeated = [(name, other) for name, columns in plain.items() if name not in partial
                for other, longer in everything.items()
                if other != name and len(longer) > len(columns)
                and longer[:len(columns)] == columns]
    assert not repeated, repeated
