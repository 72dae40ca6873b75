"""Run the benchmarks: ``python -m bench.run [--profile twins-3y] [--db sqlite,postgres]``.

Each database gets a fresh data directory (and a fresh PostgreSQL database), is filled by
the generator, then measured in its own process (bench.measure). Prints a table and writes
JSON. Targets (2 cores, twins-3y) are checked and reported, never asserted in unit tests.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

TARGETS = {  # name: (p95 limit in ms, or other limit)
    "dashboard": 20, "dashboard_after_log": 40, "dashboard_cold": 60,  # issue 15's targets
    "timeline_day": 25, "quick_log_post": 30,
    "home": 40, "timers_poll": 40, "api_list_100": 15,
    "insights_90_days": 100, "pdf_90_days": 300, "export": 5000, "import": 20000,
    "protocol_14_days": 100, "protocol_pdf": 1000,  # issue 18's targets
    "medicines_page": 100,  # issue 17: a care-day page, like the protocol page
}
# The offline queue: a batch of 100 mixed entries (issue 14). About 8 queries an entry, and
# as many commits on SQLite, each waiting for the disk.
SYNC_BATCH_P95_MS = 3000
SYNC_QUERIES_PER_BATCH = 850
PAIRED = ("home", "timers_poll", "timeline_day", "api_list_100", "dashboard")
RATIO_LIMITS = {"home": 1.2}  # 3 years ÷ 3 months, median of the pairs
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


@contextmanager
def fresh(db):
    """The environment of a measuring process: a fresh data directory, and on PostgreSQL a
    fresh database, dropped afterwards."""
    with tempfile.TemporaryDirectory(prefix="nestwell-bench-") as data:
        env = {**os.environ, "NESTWELL_DATA_DIR": data, "NESTWELL_JOBS": "off",
               "DJANGO_SETTINGS_MODULE": "nestwell.settings"}
        env.pop("DATABASE_URL", None)
        name = None
        if db == "postgres":
            import psycopg

            name = f"nestwell_bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
        try:
            yield env
        finally:
            if name:
                import psycopg

                with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_module(db, module, args, env):
    """``python -m module args`` in its own process; its last line of output, as JSON."""
    out = subprocess.run([sys.executable, "-m", module, *args],
                         env=env, capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise SystemExit(f"{module} failed on {db}:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(db, profile, runs, seconds, extra=()):
    """One measuring process on a fresh database; ``extra`` is passed to bench.measure."""
    with fresh(db) as env:
        return run_module(db, "bench.measure", ["--profile", profile, "--runs", str(runs),
                                                "--seconds", str(seconds), *extra], env)


def measure_sync(db, runs):
    """The offline queue (issue 14): 500 entries sent to POST /api/v1/sync in batches of
    100, ``runs`` times, on a fresh database of its own (bench.offline_sync)."""
    with fresh(db) as env:
        return run_module(db, "bench.offline_sync", ["--runs", str(runs), "--json-line"], env)


def check(result, twins):
    """(name, measured, target, met) rows."""
    rows = []
    for name, limit in TARGETS.items():
        if name in result:
            value = result[name]["p95_ms"]
            rows.append((f"{name} p95", f"{value} ms", f"≤ {limit} ms", value <= limit))
    if "yardstick" in result:
        rows.append(("machine's yardstick (bench/yardstick.py), median",
                     f"{result['yardstick']['median_ms']} ms", "—", None))
    if "home_per_yardstick" in result:
        rows.append(("home ÷ yardstick (paired; compares machines)",
                     f"{result['home_per_yardstick']:.2f}", "—", None))
    for name in PAIRED:
        if f"{name}_ratio" in result:
            ratio, limit = result[f"{name}_ratio"], RATIO_LIMITS.get(name)
            rows.append((f"{name} 3 years ÷ 3 months (paired)", f"{ratio:.2f}",
                         f"≤ {limit}" if limit else "—", ratio <= limit if limit else None))
    sync = result.get("offline_sync")
    if sync:
        rows.append(("offline sync, batch of 100 entries p95", f"{sync['batch_ms_p95']} ms",
                     f"≤ {SYNC_BATCH_P95_MS} ms", sync["batch_ms_p95"] <= SYNC_BATCH_P95_MS))
        worst = max(sync["queries_per_batch"])
        rows.append(("offline sync, queries per batch of 100 (at most)", str(worst),
                     f"≤ {SYNC_QUERIES_PER_BATCH}", worst <= SYNC_QUERIES_PER_BATCH))
    server = result.get("server")
    if server:
        health = server["healthz"]["per_second"]
        for name in ("quick_log_api", "page"):
            ratio = server[name]["per_second"] / health if health else 0
            rows.append((f"{name} req/s ÷ healthz", f"{server[name]['per_second']} / {health}"
                         f" = {ratio:.2f}", "≥ 0.50" if name == "quick_log_api" else "—",
                         ratio >= 0.5 if name == "quick_log_api" else None))
        if server.get("first_page_s") is not None:
            rows.append(("first request after `nestwell serve` (/healthz, then a page)",
                         f"{server.get('first_healthz_s')} s, {server['first_page_s']} s",
                         "≤ 2 s", server["first_page_s"] <= 2))
        worst = max(server["worker_rss_mb"] or [0])
        rows.append(("memory per worker", f"{worst} MB", "≤ 80 MB", worst <= 80))
    for name, label in (("dashboard", ""), ("dashboard_after_log", ", after a new moment"),
                        ("dashboard_cold", ", cold")):
        if twins is not None and name in result and name in twins:
            ratio = result[name]["median_ms"] / twins[name]["median_ms"]
            rows.append((f"dashboard 3 years ÷ 3 months (separate runs{label})", f"{ratio:.2f}",
                         "≤ 1.5", ratio <= 1.5))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="twins-3y",
                        choices=("smoke", "baby-3m", "twins-3y", "hosted"))
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--out", default="")
    parser.add_argument("--sync-runs", type=int, default=None,
                        help="times the offline queue of 500 entries is sent (default 3, "
                        "1 with the smoke profile; 0: not measured)")
    args = parser.parse_args(argv)
    if args.sync_runs is None:
        args.sync_runs = 1 if args.profile == "smoke" else 3
    report = {}
    for db in args.db.split(","):
        pair = ("--pair", "baby-3m") if args.profile == "twins-3y" else ()
        result = measure(db, args.profile, args.runs, args.seconds, pair)
        small = None
        if args.profile == "twins-3y":
            small = measure(db, "baby-3m", args.runs, args.seconds,
                            ("--only", "dashboard", "--no-server"))
            result["dashboard_3_months"] = small["dashboard"]
            result["dashboard_after_log_3_months"] = small.get("dashboard_after_log")
            result["dashboard_cold_3_months"] = small.get("dashboard_cold")
        if args.sync_runs:
            result["offline_sync"] = measure_sync(db, args.sync_runs)
        result["checks"] = check(result, small)
        report[db] = result
        print(f"\n== {db}: {args.profile} — {result['counts']}")
        for name in ("home", "home_baby-3m", "timers_poll", "timers_poll_baby-3m",
                     "api_list_100", "api_list_100_baby-3m", "timeline_day_baby-3m",
                     "dashboard", "dashboard_after_log", "dashboard_cold", "timeline_day",
                     "quick_log_post", "insights_90_days", "pdf_90_days", "protocol_14_days",
                     "protocol_pdf", "medicines_page", "export", "import"):
            if name in result:
                r = result[name]
                cpu = r.get("cpu_median_ms")
                print(f"  {name:<20} median {r['median_ms']:>8} ms   p95 {r['p95_ms']:>8} ms"
                      + (f"   cpu {cpu:>8} ms" if cpu is not None else ""))
        sync = result.get("offline_sync")
        if sync:
            print(f"  {'offline_sync (100)':<20} median {sync['batch_ms_median']:>8} ms   "
                  f"p95 {sync['batch_ms_p95']:>8} ms   queries {sync['queries_per_batch']}")
        for name, measured, target, met in result["checks"]:
            mark = {True: "met", False: "MISSED", None: ""}[met]
            print(f"  {name:<52} {measured:<24} {target:<10} {mark}")
    out = Path(args.out) if args.out else None
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=1))
        print(f"\nWritten to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
