"""Where a page's time goes: ``python -m bench.profile [--profile baby-3m] [--page …]``.

Fills a throwaway data directory (and with ``--db postgres`` a throwaway PostgreSQL database
on the benchmarks' server, bench.run.PG_ADMIN) with a generated profile, as bench.run does,
then runs the page under cProfile and prints the top lines, the ones docs/performance.md
quotes.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from datetime import timedelta

PAGES = ("dashboard_cold", "dashboard_after_log", "dashboard", "report", "report_pdf",
         "api_list", "quick_log_api", "home")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="baby-3m",
                        choices=("smoke", "baby-3m", "twins-3y", "hosted"))
    parser.add_argument("--page", default="dashboard_cold", choices=PAGES)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--sort", default="cumulative", choices=("cumulative", "tottime"))
    parser.add_argument("--db", default="sqlite", choices=("sqlite", "postgres"))
    parser.add_argument("--data", default="", help="a data directory to keep (SQLite only): "
                        "filled with the profile the first time, used as it is afterwards")
    args = parser.parse_args(argv)
    if args.data and args.db != "sqlite":
        parser.error("--data keeps a SQLite data directory; PostgreSQL's is always fresh")
    from bench.run import fresh

    with fresh(args.db) as env:
        os.environ.update(env)
        if "DATABASE_URL" not in env:
            os.environ.pop("DATABASE_URL", None)
        if args.data:
            os.environ["NESTWELL_DATA_DIR"] = args.data
        os.environ.setdefault("NESTWELL_ALLOWED_HOSTS", "testserver")
        import django

        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command
        from django.test import Client
        from django.utils import timezone

        from bench.generate import generate
        from nestwell.cli.server import collect_static
        from nestwell.journal import services

        call_command("migrate", interactive=False, verbosity=0)
        collect_static()
        from nestwell.accounts.models import ApiToken, Membership
        from nestwell.children.models import Child

        email = f"mother1@{args.profile}.bench.invalid"
        membership = Membership.objects.filter(user__email=email).first()
        if membership is None:
            generate(args.profile)
            membership = Membership.objects.get(user__email=email)
        mother, household = membership.user, membership.household
        child = Child.objects.filter(household=household).order_by("pk").first()
        token = ApiToken.issue(mother, household, "profile").token
        client = Client()
        client.force_login(mother, backend="django.contrib.auth.backends.ModelBackend")
        today = timezone.localdate()
        period = (f"first={(today - timedelta(days=89)).isoformat()}&last={today.isoformat()}"
                  f"&child={child.pk}&wellbeing=on")
        path = {"report": f"/insights/report/?{period}",
                "report_pdf": f"/insights/report/?{period}&download=pdf",
                "api_list": "/api/v1/moments?limit=100",
                "home": f"/?child={child.pk}"}.get(
            args.page, f"/insights/?child={child.pk}&days=7")
        before = {"dashboard_cold": cache.clear,
                  "dashboard_after_log": lambda: services.log_moment(
                      child=child, kind="talk", user=mother)}.get(args.page, lambda: None)
        auth = {"Authorization": f"Bearer {token}"}

        script = Client()  # the API as a script calls it: a token, no session

        def ask():
            if args.page == "quick_log_api":
                return script.post("/api/v1/moments", {"child": child.pk, "kind": "talk"},
                                   content_type="application/json", headers=auth)
            if args.page == "api_list":
                return script.get(path, headers=auth)
            return client.get(path)

        for _ in range(2):  # imports and first-use costs stay out of the profile
            assert ask().status_code in (200, 201)
        # CPU time of this process: on a shared machine the wall clock counts the
        # neighbours' work as ours.
        profiler = cProfile.Profile(time.process_time)
        for _ in range(args.runs):
            before()
            profiler.enable()
            response = ask()
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            profiler.disable()
            assert response.status_code in (200, 201)
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        print(f"{args.page} on {args.profile}, {args.runs} runs, "
              f"{stats.total_tt / args.runs * 1000:.1f} ms of CPU a run under the profiler")
        stats.sort_stats(args.sort).print_stats(args.top)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
