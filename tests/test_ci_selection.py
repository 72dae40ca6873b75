"""What CI's PostgreSQL run leaves out (tests/conftest.py): only what cannot reach a
database, and the desktop twins of browser tests."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import _a_desktop_twin, _cannot_reach_a_database


def item(tmp_path, source="def test_it():\n    assert 1\n", fixtures=(), mark=None,
         nodeid="tests/test_x.py::test_it", params=None):
    path = Path(tmp_path) / f"test_{abs(hash((source, nodeid)))}.py"
    path.write_text(source, encoding="utf-8")
    return SimpleNamespace(
        path=path, fixturenames=list(fixtures), nodeid=nodeid,
        callspec=None if params is None else SimpleNamespace(
            params=params, id=nodeid[nodeid.index("[") + 1:-1]),
        get_closest_marker=lambda name: mark if name == "django_db" else None)


def test_a_test_that_asks_for_no_database_is_left_out(tmp_path):
    assert _cannot_reach_a_database(item(tmp_path, fixtures=["django_db_blocker", "settings"]))


@pytest.mark.parametrize("how", [
    {"fixtures": ["db"]}, {"fixtures": ["transactional_db"]}, {"fixtures": ["live_server"]},
    {"fixtures": ["django_db_setup"]}, {"mark": object()},
    {"source": "import subprocess\n"}, {"source": "import sys\nsys.executable\n"},
    {"source": "import psycopg\n"}, {"source": "import sqlite3\n"},
    {"source": "def test_it(django_db_blocker):\n    django_db_blocker.unblock()\n"},
    {"source": "import os\nos.environ['DATABASE_URL']\n"},
    {"source": "from tests.servers import running\n"},
])
def test_a_test_that_can_reach_one_runs_on_postgresql_too(tmp_path, how):
    assert not _cannot_reach_a_database(item(tmp_path, **how))


def test_only_a_desktop_run_with_a_phone_twin_is_left_out(tmp_path):
    desktop = item(tmp_path, nodeid="tests/browser/t.py::test_a[ar-desktop]",
                   params={"viewport": "desktop"})
    phone = "tests/browser/t.py::test_a[ar-phone]"
    assert _a_desktop_twin(desktop, {desktop.nodeid, phone})
    assert not _a_desktop_twin(desktop, {desktop.nodeid, "tests/browser/t.py::test_a[fr-phone]"})
    alone = item(tmp_path, nodeid="tests/browser/t.py::test_b[desktop]",
                 params={"viewport": "desktop"})
    assert not _a_desktop_twin(alone, {alone.nodeid})
    a_phone = item(tmp_path, nodeid=phone, params={"viewport": "phone"})
    assert not _a_desktop_twin(a_phone, {desktop.nodeid, phone})
