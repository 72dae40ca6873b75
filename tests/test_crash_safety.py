"""Crash safety: a real server takes writes from concurrent clients and is killed with
SIGKILL in the middle of them. After a restart, every write that was answered 2xx is in the
database and the database passes its own integrity check.

Runs on the database the suite runs on (SQLite by default, PostgreSQL with DATABASE_URL),
so CI covers both. Loopback only; bounded in time.
"""

import http.client
import threading
import time

from tests.servers import Server, throwaway_database

CLIENTS = 8
WRITES = 3000  # what the clients would send if nothing stopped them
# SIGKILL once this many writes were answered (or after a while): enough writes in flight
# to catch a lost one, few enough that eight clients do not hold both cores for half a
# minute of the suite.
KILL_AFTER = 600
KILL_DEADLINE = 20  # seconds

CHECK_SQLITE = """
import django, json
django.setup()
from django.db import connection
from nestwell.journal.models import Moment
with connection.cursor() as c:
    c.execute("PRAGMA integrity_check")
    integrity = [row[0] for row in c.fetchall()]
    c.execute("PRAGMA foreign_key_check")
    orphans = c.fetchall()
ids = list(Moment.objects.filter(external_id__startswith="crash-")
           .values_list("external_id", flat=True))
print(json.dumps({"integrity": integrity, "orphans": len(orphans), "ids": ids}))
"""

CHECK_POSTGRES = """
import django, json
django.setup()
from django.db import connection
from nestwell.journal.models import Moment
with connection.cursor() as c:
    c.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
    # Every B-tree index of the app, checked against its table (heapallindexed).
    c.execute(\"\"\"
        SELECT bt_index_check(index => i.indexrelid, heapallindexed => true), 'ok'
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_am am ON am.oid = ic.relam
        JOIN pg_namespace n ON n.oid = ic.relnamespace
        WHERE am.amname = 'btree' AND n.nspname = 'public'
    \"\"\")
    checked = len(c.fetchall())
    # Every table can be read to the end.
    c.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    for (table,) in c.fetchall():
        c.execute(f'SELECT count(*) FROM "{table}"')
ids = list(Moment.objects.filter(external_id__startswith="crash-")
           .values_list("external_id", flat=True))
print(json.dumps({"integrity": ["ok"], "indexes_checked": checked, "orphans": 0,
                  "ids": ids}))
"""


def _client(server, token, child, number, answered, lock, stop):
    for i in range(WRITES // CLIENTS):
        if stop.is_set():
            return
        external_id = f"crash-{number}-{i}"
        try:
            status, body = server.api("POST", "/moments", token, {
                "child": child, "kind": "talk", "note": f"write {number}/{i}",
                "external_id": external_id})
        except (OSError, http.client.HTTPException):
            return  # the server is gone: this write was never answered
        if 200 <= status < 300:
            assert body["external_id"] == external_id
            with lock:
                answered.append(external_id)
        elif status >= 500:
            return


def test_writes_answered_before_a_sigkill_survive_it(tmp_path):
    with throwaway_database(tmp_path) as database:
        setup = database.setup()
        token, child = setup["tokens"]["Mum"], setup["child"]
        server = Server(database, workers=2).start()
        answered, lock, stop = [], threading.Lock(), threading.Event()
        clients = [threading.Thread(target=_client,
                                    args=(server, token, child, n, answered, lock, stop))
                   for n in range(CLIENTS)]
        try:
            for client in clients:
                client.start()
            deadline = time.monotonic() + KILL_DEADLINE
            while len(answered) < KILL_AFTER and time.monotonic() < deadline:
                time.sleep(0.01)
            server.kill()  # mid-stream: clients are still sending
            killed_with = len(answered)
        finally:
            stop.set()
            server.kill()
            for client in clients:
                client.join(timeout=60)
        assert killed_with > 100, f"only {killed_with} writes before the kill:\n" + \
            server.output()
        assert len(answered) < WRITES, "the kill came after all writes had finished"

        # Restart on the same database: it starts, it answers, and nothing answered is lost.
        restarted = Server(database, workers=2).start()
        try:
            status, body = restarted.api("POST", "/moments", token,
                                         {"child": child, "kind": "sing"})
            assert status == 201, body
            status, body = restarted.api("GET", f"/moments?child={child}&kind=talk&limit=1",
                                         token)
            assert status == 200
        finally:
            restarted.stop()

        check = database.run(CHECK_POSTGRES if database.engine == "postgresql"
                             else CHECK_SQLITE)
        assert check["integrity"] == ["ok"]
        assert check["orphans"] == 0
        if database.engine == "postgresql":
            assert check["indexes_checked"] >= 10  # amcheck really looked at the indexes
        stored = set(check["ids"])
        lost = [i for i in answered if i not in stored]
        assert not lost, f"{len(lost)} of {len(answered)} answered writes are missing"
        assert len(check["ids"]) == len(stored), "a write was stored twice"

        # The check can fail: a write answered but not stored would be reported.
        database.run("import django, json\ndjango.setup()\n"
                     "from nestwell.journal.models import Moment\n"
                     f"Moment.objects.filter(external_id={answered[0]!r}).delete()\n"
                     "print(json.dumps({}))")
        again = database.run(CHECK_POSTGRES if database.engine == "postgresql"
                             else CHECK_SQLITE)
        assert answered[0] not in set(again["ids"])
