"""Where a page's time goes: ``python -m bench.profile [--profile baby-3m] [--page …]``.

Fills a throwaway SQLite data directory with a generated profile (as bench.run does), then
runs the page under cProfile and prints the top lines, the ones docs/performance.md quotes.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time

PAGES = ("dashboard_cold", "dashboard_after_log", "dashboard", "report", "report_pdf")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="baby-3m",
                        choices=("smoke", "baby-3m", "twins-3y", "hosted"))
    parser.add_argument("--page", default="dashboard_cold", choices=PAGES)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--sort", default="cumulative", choices=("cumulative", "tottime"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nestwell-profile-") as data:
        os.environ.update({"NESTWELL_DATA_DIR": data, "NESTWELL_JOBS": "off",
                           "DJANGO_SETTINGS_MODULE": "nestwell.settings"})
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("NESTWELL_ALLOWED_HOSTS", "testserver")
        import django

        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command
        from django.test import Client
        from django.utils import timezone

        from bench.generate import generate
        from nestwell.journal import services

        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        _household, mother, children, _token, _counts = generate(args.profile)
        child = children[0]
        client = Client()
        client.force_login(mother, backend="django.contrib.auth.backends.ModelBackend")
        today = timezone.localdate()
        period = (f"first={today.replace(day=1).isoformat()}&last={today.isoformat()}"
                  f"&child={child.pk}&wellbeing=on")
        path = {"report": f"/insights/report/?{period}",
                "report_pdf": f"/insights/report/?{period}&download=pdf"}.get(
            args.page, f"/insights/?child={child.pk}&days=7")
        before = {"dashboard_cold": cache.clear,
                  "dashboard_after_log": lambda: services.log_moment(
                      child=child, kind="talk", user=mother)}.get(args.page, lambda: None)
        for _ in range(2):  # imports and first-use costs stay out of the profile
            assert client.get(path).status_code == 200
        # CPU time of this process: on a shared machine the wall clock counts the
        # neighbours' work as ours.
        profiler = cProfile.Profile(time.process_time)
        for _ in range(args.runs):
            before()
            profiler.enable()
            response = client.get(path)
            profiler.disable()
            assert response.status_code == 200
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        print(f"{args.page} on {args.profile}, {args.runs} runs, "
              f"{stats.total_tt / args.runs * 1000:.1f} ms of CPU a run under the profiler")
        stats.sort_stats(args.sort).print_stats(args.top)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
