"""A worker of ``nestwell serve`` leaves what the master loaded out of the garbage
collector's sight and collects its young generation less often (ops/collector.py), so a
report that reads three months of rows is not walked again and again as it is built."""

import gc

import pytest

from nestwell.ops import collector, gunicorn_conf


@pytest.fixture
def own_collector():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_the_master_settles_the_collector_before_it_forks(own_collector):
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    gunicorn_conf.pre_fork(server=None, worker=None)
    assert gc.get_freeze_count() > 10_000  # Django and every module, loaded before
    assert gc.get_threshold() == (collector.YOUNGEST, 10, 10)


def test_rows_held_while_a_page_is_built_are_not_collected_over_and_over(own_collector):
    collector.settle()
    seen = []

    def count(phase, info):
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(count)
    try:
        rows = [[n, {"at": n}] for n in range(4_000)]  # 8,000 containers, alive
    finally:
        gc.callbacks.remove(count)
    assert len(rows) == 4_000 and seen == []  # with Python's 700: eleven collections
