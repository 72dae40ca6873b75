"""Redis, as a scaled-out deployment uses it: the shared cache and the job queue."""

import os
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache

from tests.conftest import in_ci

REDIS_URL = os.environ.get("NESTWELL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        if in_ci():
            pytest.fail(f"Redis is not reachable at {REDIS_URL}; CI needs it.")
        pytest.skip("Redis is not running here")
    return REDIS_URL


def test_the_shared_cache_works_across_clients(redis_url):
    first, second = RedisCache(redis_url, {}), RedisCache(redis_url, {})
    key = f"nestwell-test-{uuid.uuid4()}"
    first.set(key, {"timers": 2}, 30)
    assert second.get(key) == {"timers": 2}
    second.delete(key)


def test_a_job_goes_through_the_redis_queue(redis_url):
    import importlib

    import huey.storage
    from huey import Huey

    # Without REDIS_URL the settings keep redis out of huey's own import (memory per
    # worker), so huey's Redis storage is read afresh here, with redis importable.
    storage = importlib.reload(huey.storage)
    huey = Huey(f"nestwell-test-{uuid.uuid4()}", storage_class=storage.RedisStorage,
                url=redis_url)

    @huey.task()
    def add(a, b):
        return a + b

    result = add(2, 3)
    task = huey.dequeue()
    huey.execute(task)
    assert result.get() == 5
    huey.flush()
