"""``nestwell serve`` keeps glibc to two malloc arenas (ops/gunicorn_conf.py): each worker
thread otherwise kept freed memory of its own (80 → 77–78 MB a worker after the bench's
load). An operator's own MALLOC_ARENA_MAX is left alone."""

import ctypes

from nestwell.ops import gunicorn_conf


class _Libc:
    def __init__(self):
        self.calls = []

    def mallopt(self, param, value):
        self.calls.append((param, value))
        return 1


def test_two_arenas_are_asked_for_unless_the_operator_chose(monkeypatch):
    libc = _Libc()
    monkeypatch.setattr(ctypes, "CDLL", lambda name: libc)
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert gunicorn_conf.fewer_malloc_arenas() is True
    assert libc.calls == [(-8, 2)]  # M_ARENA_MAX in glibc's malloc.h
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert gunicorn_conf.fewer_malloc_arenas() is False
    assert libc.calls == [(-8, 2)]


def test_a_c_library_without_mallopt_is_left_as_it_is(monkeypatch):
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    monkeypatch.setattr(ctypes, "CDLL", lambda name: object())  # no mallopt (musl, macOS)
    assert gunicorn_conf.fewer_malloc_arenas() is False


def test_on_this_machine_glibc_takes_it():
    # The real call, in this test process: glibc answers 1 when it accepts the setting.
    import platform

    if platform.libc_ver()[0] == "glibc":
        assert ctypes.CDLL(None).mallopt(gunicorn_conf.M_ARENA_MAX, 8) == 1
