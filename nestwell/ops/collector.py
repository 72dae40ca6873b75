"""Python's garbage collector in a worker of ``nestwell serve``.

Set once in the gunicorn master before it forks (``ops/gunicorn_conf.py``, ``pre_fork``),
and by the benchmarks' measuring process, which stands in for a worker (``bench/measure``).
"""

import gc

# Container objects allocated (less those freed) before the youngest generation is
# collected: Python's default is 700. A 90-day report allocates some 18,000 of them as it
# reads and groups three months of rows, so with 700 it was collected 26 times per view,
# and the rows still in use were promoted until, about every fifth view, a full
# collection walked them all (15–30 ms, most of the report's p95). With 10,000: one young
# collection per report and no full one in 27 views (docs/performance.md). The other two
# thresholds are Python's own.
YOUNGEST = 10_000


def settle():
    """Everything loaded so far (Django, every view and module: about 145,000 objects)
    lives as long as the worker: move it out of the collector's sight, so that no
    collection walks it again and its memory pages stay shared with the master (a
    collection writes to each object it visits); then collect the young less often."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST, middle, oldest)
