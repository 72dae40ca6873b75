#!/usr/bin/env python3
"""Where a test run's time goes: the seconds of each test file (setup, call and teardown),
summed from pytest's JUnit XML (``.ci/run`` keeps artifacts/ci-sqlite.xml and
artifacts/ci-postgres.xml), the longest first.

    python scripts/test-times.py artifacts/ci-sqlite.xml [--top 30]
"""

import argparse
import sys
import xml.etree.ElementTree as ET  # noqa: S405 (pytest's own report, not input from outside)
from collections import Counter


def by_file(path):
    seconds, counts = Counter(), Counter()
    for case in ET.parse(path).iter("testcase"):  # noqa: S314 (as above)
        parts = case.get("classname", "").split(".")  # tests.care.test_x[.TestClass]
        module = next((i for i, part in enumerate(parts) if part.startswith("test_")),
                      len(parts) - 1)
        name = ".".join(parts[:module + 1])
        seconds[name] += float(case.get("time") or 0)
        counts[name] += 1
    return seconds, counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    seconds, counts = by_file(args.report)
    total = sum(seconds.values())
    print(f"{total:8.0f} s in {sum(counts.values())} tests (summed over the workers)")
    for name, spent in seconds.most_common(args.top):
        print(f"{spent:8.1f} s {100 * spent / total:5.1f} % {counts[name]:5d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
