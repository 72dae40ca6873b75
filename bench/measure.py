"""Measurements inside one Django process, on the database the environment names
(NESTWELL_DATA_DIR for SQLite, or DATABASE_URL). Run by bench.run; prints JSON."""

import argparse
import http.client
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from statistics import median


def timed(function, runs, warmup=2, before=None):
    """Median and p95 of ``function`` in ms; ``before`` runs ahead of each call, untimed.
    Also the median CPU time of this process (``cpu_median_ms``): on a shared machine the
    wall clock counts the neighbours' work too, the CPU time only ours."""
    for _ in range(warmup):
        function()
    samples, cpu = [], []
    for _ in range(runs):
        if before:
            before()
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    samples.sort()
    return {"median_ms": round(median(samples), 1),
            "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 1),
            "cpu_median_ms": round(median(cpu), 1), "runs": runs}


def paired(first, second, runs, warmup=2):
    """Two profiles measured alternately in one process (A, B, A, B…), so that both see
    the same machine load: the median and p95 of each, and the median of the ratios
    A ÷ B of each pair (what a "3 years ÷ 3 months" figure should be)."""
    for _ in range(warmup):
        first()
        second()
    a, b, ratios = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        first()
        middle = time.perf_counter()
        second()
        ended = time.perf_counter()
        a.append((middle - started) * 1000)
        b.append((ended - middle) * 1000)
        ratios.append(a[-1] / b[-1])

    def stats(samples):
        ordered = sorted(samples)
        return {"median_ms": round(median(ordered), 1),
                "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1),
                "runs": runs}
    return stats(a), stats(b), round(median(ratios), 2)


def storage(children, counts):
    """Bytes of the moments and cues tables with their indexes (SQLite: dbstat; PostgreSQL:
    pg_total_relation_size), and per day of history (days × babies of the first household),
    measured right after generation, before a second profile is added."""
    from django.db import connection
    from django.utils import timezone

    from nestwell.care.models import Cue
    from nestwell.journal.models import Moment

    tables = (Moment._meta.db_table, Cue._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")
            sizes = dict(cursor.fetchall())
            cursor.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'")
            owner = dict(cursor.fetchall())
            per = {t: sum(v for k, v in sizes.items() if k == t or owner.get(k) == t)
                   for t in tables}
            indexes = {k: v for k, v in sizes.items() if owner.get(k) in tables}
        else:
            per, indexes = {}, {}
            for table in tables:
                cursor.execute("SELECT pg_total_relation_size(%s)", [table])
                per[table] = cursor.fetchone()[0]
                cursor.execute("SELECT indexrelname, pg_relation_size(indexrelid) FROM "
                               "pg_stat_user_indexes WHERE relname = %s", [table])
                indexes.update(cursor.fetchall())
    days = max(1, (timezone.now() - children[0].birth_at).days) * len(children)
    total = sum(per.values())
    return {"bytes": per, "indexes": indexes, "baby_days": days,
            "bytes_per_baby_day": round(total / days)}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_of_workers(master_pid):
    sizes = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/status") as f:
                status = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        if status.get("PPid", "").strip() == str(master_pid):  # the workers (jobs are off)
            sizes.append(int(status["VmRSS"].split()[0]) // 1024)
    return sizes


def throughput(token, session_cookie, child_id, seconds):
    port = free_port()
    env = {**os.environ, "NESTWELL_JOBS": "off", "NESTWELL_PORT": str(port)}
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "nestwell.cli", "serve", "--workers", "2",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        # The first request after `nestwell serve` on this (existing) data directory: from
        # the command's start to the first answer of /healthz, then of a signed-in page.
        def answered(path, **headers):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                return response.status == 200
            finally:
                connection.close()

        first = None
        while time.perf_counter() - started < 60:
            try:
                if answered("/healthz"):
                    first = time.perf_counter() - started
                    break
            except OSError:
                pass
            time.sleep(0.01)
        assert answered(f"/timeline/?child={child_id}", Cookie=f"sessionid={session_cookie}")
        first_page = time.perf_counter() - started
        time.sleep(1.5)

        def load(path, *extra):
            out = subprocess.run([sys.executable, "-m", "bench.load", base + path,
                                  "--seconds", str(seconds), "--concurrency", "8", *extra],
                                 capture_output=True, text=True, timeout=seconds + 60)
            return json.loads(out.stdout)

        results = {"first_healthz_s": round(first, 2) if first else None,
                   "first_page_s": round(first_page, 2), "healthz": load("/healthz")}
        # The page first: the quick-log run adds hundreds of moments to today, which would
        # otherwise make "today" on the timeline far longer than any real day.
        results["page"] = load(f"/timeline/?child={child_id}",
                               "--header", f"Cookie: sessionid={session_cookie}")
        results["quick_log_api"] = load(
            "/api/v1/moments", "--method", "POST", "--body",
            json.dumps({"child": child_id, "kind": "talk"}),
            "--header", f"Authorization: Bearer {token}")
        results["worker_rss_mb"] = rss_of_workers(server.pid)
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="smoke")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--no-server", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated measurement names")
    parser.add_argument("--pair", default="", help="a second profile (baby-3m) generated in "
                        "the same database; the pages are measured on both alternately")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nestwell.settings")
    os.environ.setdefault("NESTWELL_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from bench import yardstick
    from bench.generate import generate
    from nestwell.accounts.models import Household, Membership, User
    from nestwell.cli.server import collect_static
    from nestwell.journal import services
    from nestwell.ops import collector
    from nestwell.transfer import export, load, nestwell_json

    call_command("migrate", interactive=False, verbosity=0)
    collect_static()  # as `nestwell serve` does, so that its start finds them collected
    started = time.perf_counter()
    household, mother, children, token, counts = generate(args.profile)
    generated_s = round(time.perf_counter() - started, 1)
    stored = storage(children, counts)
    child = children[0]
    client = Client()
    client.force_login(mother, backend="django.contrib.auth.backends.ModelBackend")
    if args.pair:
        _h, small_mother, small_children, small_token, _c = generate(args.pair)
        small_child = small_children[0]
        small_client = Client()
        small_client.force_login(small_mother,
                                 backend="django.contrib.auth.backends.ModelBackend")
    if connection.vendor == "postgresql":
        # Statistics, as autovacuum gathers them within a minute of such a fill on a real
        # server: without them PostgreSQL sorted a household's 100,000 moments for the API
        # list (136 ms) instead of walking moment_household_time (0.16 ms).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    # As in a worker of `nestwell serve` (ops/gunicorn_conf.py, pre_fork; ops/collector.py):
    # what is loaded before the first request is frozen for the garbage collector, and so
    # is what the generator left in this process, which no server has (otherwise a full
    # collection walked it all every few requests: 60 ms of CPU in a page's p95); and the
    # young generation is collected as seldom as in a worker.
    collector.settle()
    today = timezone.localdate()
    first90 = today - timedelta(days=89)
    only = set(filter(None, args.only.split(",")))
    results = {"profile": args.profile, "counts": counts, "generated_s": generated_s,
               "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]}
    results["storage"] = stored

    def want(name):
        return not only or name in only

    def get(path, on=None, **headers):
        def call():
            response = (on or client).get(path, headers=headers)
            assert response.status_code == 200, (path, response.status_code)
            if hasattr(response, "streaming_content"):
                for _chunk in response.streaming_content:
                    pass
        return call

    yesterday = (today - timedelta(days=1)).isoformat()
    # The pages she opens most, measured on both profiles alternately with --pair.
    hot = {
        "home": lambda c, k, t: get(f"/?child={k.pk}", c),
        "timers_poll": lambda c, k, t: get("/timers/", c),
        "timeline_day": lambda c, k, t: get(f"/timeline/?child={k.pk}&day={yesterday}", c),
        "api_list_100": lambda c, k, t: get("/api/v1/moments?limit=100", c,
                                            Authorization=f"Bearer {t}"),
        "dashboard": lambda c, k, t: get(f"/insights/?child={k.pk}&days=7", c),
    }
    if want("yardstick") or want("home"):
        # The machine's yardstick (bench/yardstick.py), and home measured alternately with
        # it: "home per yardstick" compares runs on machines of different speeds.
        stick = yardstick.make()
        results["yardstick"] = timed(stick, args.runs)
        if want("home"):
            _home, _stick, results["home_per_yardstick"] = paired(
                hot["home"](client, child, token), stick, args.runs)
    for name, page in hot.items():
        if not want(name.split("_")[0]) and not want(name):
            continue
        if args.pair:
            big, small, ratio = paired(page(client, child, token),
                                       page(small_client, small_child, small_token), args.runs)
            results[name] = big
            results[f"{name}_{args.pair}"] = small
            results[f"{name}_ratio"] = ratio
        elif name in ("home", "timers_poll", "api_list_100"):
            results[name] = timed(page(client, child, token), args.runs)
    if want("dashboard"):
        dashboard = get(f"/insights/?child={child.pk}&days=7")
        # Warm: the charts come from the cache (as on every view until something changes).
        if "dashboard" not in results:  # already measured with its pair
            results["dashboard"] = timed(dashboard, args.runs)

        def log_one():  # as a parent does between two looks at the dashboard
            services.log_moment(child=child, kind="talk", user=mother)
        results["dashboard_after_log"] = timed(dashboard, args.runs, before=log_one)
        # The first view of the day, or after a restart: every chart is drawn.
        results["dashboard_cold"] = timed(dashboard, args.runs, before=cache.clear)
    if want("timeline") and not args.pair:
        results["timeline_day"] = timed(get(f"/timeline/?child={child.pk}&day={yesterday}"),
                                        args.runs)
    if want("quick_log"):
        def quick():
            response = client.post("/moments/quick/", {"child": child.pk, "kind": "talk"})
            assert response.status_code == 302
        results["quick_log_post"] = timed(quick, args.runs)
    period = f"first={first90.isoformat()}&last={today.isoformat()}&child={child.pk}"
    if want("insights90"):
        results["insights_90_days"] = timed(get(f"/insights/report/?{period}&wellbeing=on"),
                                            max(5, args.runs // 2))
    if want("pdf90"):
        results["pdf_90_days"] = timed(get(f"/insights/report/?{period}&wellbeing=on"
                                           "&download=pdf"), max(3, args.runs // 4))
    # The 24-hour protocol of the last 14 days (issue 18): the page and its PDF.
    protocol = (f"/insights/protocol/?child={child.pk}"
                f"&first={(today - timedelta(days=13)).isoformat()}")
    if want("protocol"):
        results["protocol_14_days"] = timed(get(protocol), max(5, args.runs // 2))
    if want("protocolpdf"):
        results["protocol_pdf"] = timed(get(protocol + "&download=pdf"),
                                        max(3, args.runs // 4))
    # The care day's medicines page (issue 17): every medicine with its next safe time and
    # today's doses, whatever the history of doses.
    if want("medicines"):
        results["medicines_page"] = timed(get(f"/care-day/medicines/?child={child.pk}"),
                                          max(5, args.runs // 2))
    if want("export") or want("import"):
        buffer = io.StringIO()

        def do_export():
            buffer.seek(0)
            buffer.truncate()
            export.write_json(export.Scope(household, mother), buffer)
        results["export"] = timed(do_export, 3, warmup=1)
        data = buffer.getvalue().encode()
        results["export_mb"] = round(len(data) / 1e6, 1)
        if want("import"):
            samples = []
            for i in range(2):
                target = Household.objects.create(name=f"import {i}", time_zone="Europe/London")
                user = User.objects.create_user(email=f"import{i}@bench.invalid", password=None)
                Membership.objects.create(user=user, household=target, role="parent")
                begun = time.perf_counter()
                report = load.load(target, user, nestwell_json.read(
                    io.BytesIO(data), time_zone=timezone.get_current_timezone()),
                    dry_run=False)
                samples.append((time.perf_counter() - begun) * 1000)
                assert report.applied, report.lines()
            results["import"] = {"median_ms": round(median(samples), 1),
                                 "p95_ms": round(max(samples), 1), "runs": len(samples)}
    if not args.no_server:
        session = SessionStore()
        session[SESSION_KEY] = str(mother.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = mother.get_session_auth_hash()
        session.save()
        results["server"] = throughput(token, session.session_key, child.pk, args.seconds)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
