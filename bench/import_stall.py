"""Does a big import make another household wait? ``python -m bench.import_stall``

A fresh SQLite data directory is filled with a profile (twins-3y by default), exported as
Nestwell JSON (``--copies N`` repeats the moments to make the file larger), and imported
into an empty household, while another household posts a moment through the API
(``POST /api/v1/moments``, through Django's whole stack on its own database connection)
every 50 ms. Prints one JSON line: the file's size, the import's time, when its rows were
written, the posts' median, 95th-percentile and worst times, how many took over a second,
any that failed, and this process's longest garbage collection. Issue 12 wants the worst
under 1 s. The exported document is freed before the posts begin (``--keep-document``
keeps it, as this bench did before 2026-12-02: its collections then paused the posts).
"""

import argparse
import gc
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from statistics import median, quantiles


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="twins-3y")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--keep-document", action="store_true",
                        help="keep the exported document in memory while posting (how this "
                             "bench ran before 2026-12-02: its garbage collection then "
                             "paused the posts, not the import)")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="nestwell-stall-")
    os.environ.update(NESTWELL_DATA_DIR=data_dir, NESTWELL_JOBS="off",
                      DJANGO_SETTINGS_MODULE="nestwell.settings",
                      NESTWELL_ALLOWED_HOSTS="testserver")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from bench.generate import generate
    from nestwell.accounts.models import ApiToken, Household, Membership, User
    from nestwell.journal.models import Child
    from nestwell.transfer import export

    call_command("migrate", interactive=False, verbosity=0)
    household, mother, _children, _token, counts = generate(args.profile)
    text = io.StringIO()
    export.write_json(export.Scope(household, mother), text)
    document = json.loads(text.getvalue())
    base = document["moments"]
    for copy in range(1, args.copies):  # the same moments again, under ids of their own
        document["moments"] += [{**row, "id": f"copy{copy}:{row['id']}", "external_id": ""}
                                for row in base if row["ended_at"]]
    data = json.dumps(document).encode()

    other = Household.objects.create(name="Next door", time_zone="Europe/London")
    neighbour = User.objects.create_user(email="next@bench.invalid", password=None)
    Membership.objects.create(user=neighbour, household=other, role="parent")
    baby = Child.objects.create(household=other, name="Ivy",
                                birth_at=timezone.now() - timezone.timedelta(days=40))
    token = ApiToken.issue(neighbour, other, "bench").token
    target = Household.objects.create(name="Moved in", time_zone="Europe/London")
    mover = User.objects.create_user(email="mover@bench.invalid", password=None)
    Membership.objects.create(user=mover, household=target, role="parent")
    connection.close()

    path = os.path.join(data_dir, "export.json")
    with open(path, "wb") as out:
        out.write(data)
    file_mb, moments_in_file = round(len(data) / 1e6, 1), len(document["moments"])
    if not args.keep_document:
        # The posting thread must not pay for this process's own memory: a full garbage
        # collection walking a 200,000-row document takes seconds on a busy machine, which
        # an app worker (that never holds the file) would not.
        del document, base, text, data
        gc.collect()
        gc.freeze()
    pauses = []  # this process's garbage collections: (generation, ms)

    def timed_gc(phase, info, clock=[0.0]):  # noqa: B006 (the clock is kept between calls)
        if phase == "start":
            clock[0] = time.perf_counter()
        else:
            pauses.append((info["generation"], (time.perf_counter() - clock[0]) * 1000))

    gc.callbacks.append(timed_gc)
    stop = threading.Event()
    posts = []
    started = [time.perf_counter()]

    def neighbour_posts():
        client = Client()
        # One post first, not timed: the first request of a process loads the API's code.
        client.post("/api/v1/moments", {"child": baby.pk, "kind": "talk"},
                    content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
        while not stop.is_set():
            begun = time.perf_counter()
            response = client.post("/api/v1/moments", {"child": baby.pk, "kind": "talk"},
                                   content_type="application/json",
                                   HTTP_AUTHORIZATION=f"Bearer {token}")
            posts.append(((time.perf_counter() - begun) * 1000, response.status_code,
                          begun - started[0]))
            time.sleep(0.05)
        connection.close()

    writer = threading.Thread(target=neighbour_posts)
    writer.start()
    time.sleep(0.5)
    wall = time.time()
    begun = started[0] = time.perf_counter()
    # The import runs in its own process, as the web worker or `nestwell import` would.
    done = subprocess.run([sys.executable, "-m", "nestwell.cli", "import", path, "--format",
                           "nestwell", "--skip-rejected", "--json", "--as",
                           "mover@bench.invalid"], capture_output=True, text=True,
                          check=False)
    import_s = time.perf_counter() - begun
    time.sleep(0.5)
    stop.set()
    writer.join()
    report = json.loads(done.stdout or "{}") if done.returncode == 0 else {
        "error": done.stderr[-500:]}
    from django.db.models import Max, Min

    from nestwell.journal.models import Moment

    # When the rows were written (each batch stamps its rows), in seconds after the start.
    window = Moment.objects.filter(household=target).aggregate(a=Min("created_at"),
                                                               b=Max("created_at"))
    writing = [round(window[k].timestamp() - wall, 1) for k in "ab"] if window["a"] else None
    times = sorted(ms for ms, _status, _at in posts)
    print(json.dumps({
        "profile": args.profile, "counts": counts, "file_mb": file_mb,
        "moments_in_file": moments_in_file, "imported": report.get("applied"),
        "created": report.get("created"), "rejected": report.get("rejected"),
        "error": report.get("error"), "import_s": round(import_s, 1), "writing_s": writing,
        "posts": len(posts), "failed_posts": sum(1 for _ms, s, _at in posts if s >= 300),
        "worst_post_ms": round(times[-1], 1),
        "median_post_ms": round(median(times), 1) if times else None,
        "p95_post_ms": round(quantiles(times, n=20)[-1], 1) if len(times) > 1 else None,
        "posts_over_1s": sum(1 for ms in times if ms > 1000),
        "kept_document": args.keep_document,
        "worst_gc_ms": round(max((ms for _g, ms in pauses), default=0), 1),
        # When the slowest posts began, in seconds after the import started (< 0: before).
        "slowest": [(round(at, 1), round(ms)) for ms, _s, at in sorted(posts)[-5:]],
    }))


if __name__ == "__main__":
    main()
