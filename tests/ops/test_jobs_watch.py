"""The scheduled jobs come back when they stop (killed, or ended by a setting they could
not read): they had stopped for good without a word, and the nightly backup with them."""

import logging

from nestwell.ops import gunicorn_conf


class FakeJobs:
    started = 0

    def __init__(self, *args, **kwargs):
        FakeJobs.started += 1
        self.pid, self.returncode = 4242, None

    def poll(self):
        return self.returncode


class Server:
    log = logging.getLogger("tests.jobs")


def test_stopped_jobs_are_started_again_and_said_in_the_log(monkeypatch, caplog):
    monkeypatch.setenv("NESTWELL_JOBS", "on")
    monkeypatch.setattr(gunicorn_conf.subprocess, "Popen", FakeJobs)
    monkeypatch.setattr(gunicorn_conf, "_jobs", None)
    FakeJobs.started = 0
    gunicorn_conf._start_jobs(Server())
    started_at = gunicorn_conf._last_start
    assert FakeJobs.started == 1
    assert not gunicorn_conf.check_jobs(Server(), now=started_at + 600)  # still running
    gunicorn_conf._jobs.returncode = -9  # killed
    # Not in a loop: a job that fails at once is tried again only every five minutes.
    assert not gunicorn_conf.check_jobs(Server(), now=started_at + 60)
    with caplog.at_level(logging.ERROR, logger="tests.jobs"):
        assert gunicorn_conf.check_jobs(Server(), now=started_at + 301)
    assert FakeJobs.started == 2
    assert "stopped with exit code -9; starting them again" in caplog.text


def test_with_jobs_off_nothing_is_started(monkeypatch):
    monkeypatch.setenv("NESTWELL_JOBS", "off")
    monkeypatch.setattr(gunicorn_conf.subprocess, "Popen", FakeJobs)
    monkeypatch.setattr(gunicorn_conf, "_jobs", None)
    FakeJobs.started = 0
    gunicorn_conf._start_jobs(Server())
    assert FakeJobs.started == 0 and not gunicorn_conf.check_jobs(Server())
