"""A load generator in its own process: N threads with keep-alive connections hit one URL
for a few seconds and count the answers. Prints JSON."""

import argparse
import http.client
import json
import threading
import time
from urllib.parse import urlparse


def worker(url, seconds, method, body, headers, results, lock):
    parsed = urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    done, statuses, latencies = 0, {}, []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
            status = 0
        latencies.append(time.perf_counter() - started)
        statuses[status] = statuses.get(status, 0) + 1
        done += 1
    with lock:
        results["requests"] += done
        for status, n in statuses.items():
            results["statuses"][str(status)] = results["statuses"].get(str(status), 0) + n
        results["latencies"].extend(latencies)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body", default=None)
    parser.add_argument("--header", action="append", default=[])
    args = parser.parse_args()
    headers = dict(h.split(": ", 1) for h in args.header)
    if args.body:
        headers.setdefault("Content-Type", "application/json")
    results = {"requests": 0, "statuses": {}, "latencies": []}
    lock = threading.Lock()
    threads = [threading.Thread(target=worker, args=(
        args.url, args.seconds, args.method, args.body.encode() if args.body else None,
        headers, results, lock)) for _ in range(args.concurrency)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies = sorted(results.pop("latencies"))
    results["seconds"] = round(elapsed, 2)
    results["per_second"] = round(results["requests"] / elapsed, 1)
    if latencies:
        results["median_ms"] = round(latencies[len(latencies) // 2] * 1000, 1)
        results["p95_ms"] = round(latencies[int(len(latencies) * 0.95)] * 1000, 1)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
