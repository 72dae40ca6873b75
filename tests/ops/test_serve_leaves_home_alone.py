"""`nestwell serve` writes only in its data directory: gunicorn's control socket (on by
default since gunicorn 25.1, in $XDG_RUNTIME_DIR or ~/.gunicorn) is turned off, so two
servers of one person no longer share, and take over, one socket."""

import time

import pytest

from tests.servers import running, throwaway_database

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_server_writes_nothing_in_her_home_or_runtime_folder(tmp_path):
    home, runtime = tmp_path / "home", tmp_path / "runtime"
    home.mkdir()
    runtime.mkdir()
    with throwaway_database(tmp_path / "data") as database:
        (tmp_path / "data").mkdir(exist_ok=True)
        database.env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime))
        database.setup()
        with running(database, workers=1) as server:
            assert server.request("GET", "/healthz")[0] == 200
            # While it runs (gunicorn removes its socket when it stops).
            time.sleep(1)
            assert list(home.iterdir()) == [] and list(runtime.iterdir()) == []
