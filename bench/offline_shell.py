"""The app shell's weight, in a real browser against `nestwell serve` (gzip, hashed static
names, the service worker): ``python -m bench.offline_shell``.

First visit: every response the browser and the worker fetch (the page, its static files,
what the worker keeps), with the bytes that crossed the wire. Repeat visit: how many static
files still came from the network (target: none; the worker serves them from its cache).
"""

import json
import tempfile
from pathlib import Path

from tests.servers import Database, running

CHROMIUM = "/usr/bin/chromium"


def weigh(requests):
    out = []
    for r in requests:
        response = r.response()
        sizes = r.sizes()
        out.append({"url": r.url, "static": "/static/" in r.url,
                    "from_worker": bool(response and response.from_service_worker),
                    "by_worker": r.service_worker is not None,
                    "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"]})
    return out


def main():
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="nestwell-shell-") as data:
        database = Database(Path(data))
        with running(database, workers=1) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context()
            seen = {"first": [], "repeat": []}
            phase = ["first"]
            context.on("requestfinished", lambda r: seen[phase[0]].append(r))
            page = context.new_page()
            page.goto(server.base + "/login/")
            page.wait_for_load_state("networkidle")
            page.wait_for_function("() => !!navigator.serviceWorker.controller",
                                   timeout=20_000)
            page.wait_for_timeout(1000)
            first = weigh(seen["first"])
            phase[0] = "repeat"
            page.reload()
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            repeat = weigh(seen["repeat"])
            browser.close()
    network = [r for r in first if not r["from_worker"]]
    print(json.dumps({
        "first_visit_requests": len(network),
        "first_visit_bytes": sum(r["bytes"] for r in network),
        "first_visit_static_bytes": sum(r["bytes"] for r in network if r["static"]),
        "repeat_visit_static_from_network": sum(
            1 for r in repeat if r["static"] and not r["from_worker"] and not r["by_worker"]),
        "repeat_visit_static_from_worker": sum(1 for r in repeat if r["static"]
                                               and r["from_worker"]),
        "repeat_visit_bytes_from_network": sum(r["bytes"] for r in repeat
                                               if not r["from_worker"]),
    }, indent=1))


if __name__ == "__main__":
    main()
