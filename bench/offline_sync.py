"""Offline sync benchmark: ``python -m bench.offline_sync [--runs 3]`` (``make bench`` runs it
on each database).

A phone's queue of 500 entries (moments, timers started and stopped, cries answered and
settled, check-ins) sent in batches of 100 to POST /api/v1/sync, on a fresh SQLite data
directory (or DATABASE_URL): the time per batch (median, p95) and the queries per batch,
with an empty history and with a year of history. Also the app shell's size: what the
service worker keeps on the first visit, gzip as served; a repeat visit fetches none of it.
"""

import argparse
import gzip
import json
import os
import statistics
import tempfile
import time
import uuid
from datetime import timedelta


def entries(child, n, start):
    out, i = [], 0
    while len(out) + 8 <= n:
        def at(m, i=i):
            return (start + timedelta(minutes=m + i)).isoformat()

        timer, cry = str(uuid.uuid4()), str(uuid.uuid4())
        out += [
            {"id": str(uuid.uuid4()), "type": "quick", "at": at(0), "child": child, "kind": "talk"},
            {"id": timer, "type": "quick", "at": at(1), "child": child, "kind": "skin_to_skin"},
            {"id": str(uuid.uuid4()), "type": "stop", "at": at(30), "timer": timer},
            {"id": cry, "type": "crying", "at": at(31), "child": child},
            {"id": str(uuid.uuid4()), "type": "respond", "at": at(32), "episode": cry,
             "way": "rocked"},
            {"id": str(uuid.uuid4()), "type": "settle", "at": at(40), "episode": cry},
            {"id": str(uuid.uuid4()), "type": "checkin", "at": at(41), "answers": {
                "mood": 3, "connection": 3, "energy": 3, "stress": 3, "support": 3,
                "safety": "safe"}},
            {"id": str(uuid.uuid4()), "type": "positive", "at": at(42), "child": child,
             "signal": "smile"},
        ]
        i += 45
    # The rest as one-tap moments, so no crying episode is left open at the end.
    out += [{"id": str(uuid.uuid4()), "type": "quick", "child": child, "kind": "talk",
             "at": (start + timedelta(minutes=i + k)).isoformat()} for k in range(n - len(out))]
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json-line", action="store_true",
                        help="the result on one line (as bench.run reads it)")
    args = parser.parse_args()
    os.environ.setdefault("NESTWELL_DATA_DIR", tempfile.mkdtemp(prefix="nestwell-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nestwell.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    from nestwell.accounts.models import ApiToken, Household, Membership, User
    from nestwell.children.models import Child
    from nestwell.offline.views import SHELL

    household = Household.objects.create(name="Bench", time_zone="Europe/London")
    user = User.objects.create_user(email=f"{uuid.uuid4().hex}@example.org", password="x" * 12)
    Membership.objects.create(user=user, household=household, role="parent")
    child = Child.objects.create(household=household, name="Bea",
                                 birth_at=timezone.now() - timedelta(days=400))
    token = ApiToken.issue(user, household, "bench").token
    client = Client(headers={"Authorization": f"Bearer {token}"})

    times, queries = [], []
    for run in range(args.runs):
        start = timezone.now() - timedelta(days=3 * (run + 1))
        queue = entries(child.pk, 500, start)
        for i in range(0, 500, 100):
            body = json.dumps({"entries": queue[i:i + 100]})
            with CaptureQueriesContext(connection) as ctx:
                began = time.perf_counter()
                response = client.post("/api/v1/sync", body, content_type="application/json")
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, response.content[:300]
            refused = [r for r in response.json()["results"] if r["status"] == "refused"]
            assert not refused, refused[:2]
            queries.append(len(ctx))
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    shell = {}
    for name in SHELL:
        from django.contrib.staticfiles import finders

        with open(finders.find(name), "rb") as file:
            data = file.read()
        shell[name] = (len(data), len(gzip.compress(data)))
    print(json.dumps({
        "database": connection.vendor, "batches": len(times), "entries_per_batch": 100,
        "batch_ms_median": round(statistics.median(times), 1), "batch_ms_p95": round(p95, 1),
        "queries_per_batch": sorted(set(queries)),
        "moments_in_history_at_end": child.moments.count(),
        "shell_bytes": sum(r for r, _ in shell.values()),
        "shell_gzip_bytes": sum(g for _, g in shell.values()),
    }, indent=None if args.json_line else 1))


if __name__ == "__main__":
    main()
