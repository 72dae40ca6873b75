"""Two app processes on one database, two parents editing the same moment: the later save
made from an old version is refused with a clear conflict (409 in the API, a message in
the app), and the first change is kept. Never a silent lost update.

Runs on the database the suite runs on (SQLite by default, PostgreSQL with DATABASE_URL).
"""

import re
import threading
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.servers import running, throwaway_database

PASSWORD = "a calm long password 1"


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    # One database and two servers for the whole module; each test uses its own moment.
    with throwaway_database(tmp_path_factory.mktemp("two-servers")) as database:
        setup = database.setup()
        with running(database, workers=1) as first, running(database, workers=1) as second:
            assert first.port != second.port
            yield setup, first, second


def _new_moment(server, setup, note="Humming in the kitchen"):
    status, body = server.api("POST", "/moments", setup["tokens"]["Mum"],
                              {"child": setup["child"], "kind": "talk", "note": note})
    assert status == 201, body
    return body


def test_the_api_refuses_a_stale_patch_from_the_other_process(two_servers):
    setup, first, second = two_servers
    mum, dad = setup["tokens"]["Mum"], setup["tokens"]["Dad"]
    moment = _new_moment(first, setup)

    # Both read the same version, each through a different process.
    _, seen_by_mum = first.api("GET", f"/moments/{moment['id']}", mum)
    _, seen_by_dad = second.api("GET", f"/moments/{moment['id']}", dad)
    assert seen_by_mum["version"] == seen_by_dad["version"]

    status, saved = first.api("PATCH", f"/moments/{moment['id']}", mum,
                              {"version": seen_by_mum["version"], "note": "Mum's words"})
    assert status == 200 and saved["version"] == seen_by_mum["version"] + 1

    status, refused = second.api("PATCH", f"/moments/{moment['id']}", dad,
                                 {"version": seen_by_dad["version"], "note": "Dad's words"})
    assert status == 409
    assert refused["error"]["code"] == "stale"
    assert "while you were editing" in refused["error"]["message"]

    _, now = second.api("GET", f"/moments/{moment['id']}", dad)
    assert now["note"] == "Mum's words" and now["version"] == saved["version"]

    # Dad reads again and his change goes through.
    status, retried = second.api("PATCH", f"/moments/{moment['id']}", dad,
                                 {"version": now["version"], "note": "Dad's words"})
    assert status == 200 and retried["note"] == "Dad's words"


def test_simultaneous_saves_have_exactly_one_winner(two_servers):
    setup, first, second = two_servers
    mum, dad = setup["tokens"]["Mum"], setup["tokens"]["Dad"]
    moment = _new_moment(first, setup)
    version = moment["version"]
    rounds = 15
    for n in range(rounds):
        results = {}
        gate = threading.Barrier(2)

        def save(name, server, token, n=n, version=version, results=results, gate=gate):
            gate.wait()
            results[name] = server.api("PATCH", f"/moments/{moment['id']}", token,
                                       {"version": version, "note": f"{name} {n}"})

        threads = [threading.Thread(target=save, args=("Mum", first, mum)),
                   threading.Thread(target=save, args=("Dad", second, dad))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        statuses = sorted(status for status, _ in results.values())
        assert statuses == [200, 409], results
        winner = next(name for name, (status, _) in results.items() if status == 200)
        _, now = first.api("GET", f"/moments/{moment['id']}", mum)
        assert now["note"] == f"{winner} {n}"  # the winner's words, not a mix
        version = now["version"]
    assert version == moment["version"] + rounds


class _Form(HTMLParser):
    """The fields of the form that carries a ``version`` field, as a browser would send."""

    def __init__(self):
        super().__init__()
        self.forms, self._current, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._current = {"action": a.get("action", ""), "fields": []}
            self.forms.append(self._current)
        elif self._current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button"):
                self._current["fields"].append((a["name"], a.get("value", "on" if kind in (
                    "checkbox", "radio") else "")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self._current["fields"].append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a.get("name")
            self._current["fields"].append((self._textarea, ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self._current:
            name, value = self._current["fields"][-1]
            self._current["fields"][-1] = (name, value + data)

    @classmethod
    def with_version(cls, html):
        parser = cls()
        parser.feed(html)
        return next(dict(f["fields"]) for f in parser.forms
                    if any(name == "version" for name, _ in f["fields"]))


class Person:
    """A signed-in browser session on one server: cookies, CSRF, redirects."""

    def __init__(self, server, email):
        self.server, self.cookies = server, SimpleCookie()
        page = self.get("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self.post("/login/", {"csrfmiddlewaretoken": token, "username": email,
                                          "password": PASSWORD})
        assert status == 302, "sign-in failed"

    def _send(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={m.value}" for k, m in self.cookies.items()),
                   "Referer": self.server.base + path}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, response_headers, raw = self.server.request(
            method, path, body.encode() if body is not None else None, headers)
        for name, value in response_headers.items():
            if name.lower() == "set-cookie":
                self.cookies.load(value)
        return status, response_headers, raw.decode()

    def get(self, path):
        status, headers, page = self._send("GET", path)
        while status in (301, 302):
            status, headers, page = self._send("GET", headers["Location"])
        assert status == 200, (path, status)
        return page

    def post(self, path, fields):
        status, headers, page = self._send("POST", path, urlencode(fields))
        return status, headers.get("Location", page)


def test_the_app_tells_the_second_person_and_keeps_the_first_change(two_servers):
    setup, first, second = two_servers
    moment = _new_moment(first, setup, note="Telling her about the rain")
    edit = f"/moments/{moment['id']}/edit/"
    mum, dad = Person(first, "mum@example.org"), Person(second, "dad@example.org")

    mum_form = _Form.with_version(mum.get(edit))
    dad_form = _Form.with_version(dad.get(edit))
    assert mum_form["version"] == dad_form["version"] == str(moment["version"])

    status, where = mum.post(edit, {**mum_form, "note": "Telling her about the rain, softly"})
    assert status == 302 and "/timeline/" in where

    status, where = dad.post(edit, {**dad_form, "note": "Reading the weather to him"})
    assert status == 302 and where.endswith(edit)  # back to the form, not to the timeline
    page = dad.get(where)
    assert "This was changed since you opened it" in page
    fresh = _Form.with_version(page)
    assert fresh["note"].strip() == "Telling her about the rain, softly"
    assert fresh["version"] == str(moment["version"] + 1)

    _, now = first.api("GET", f"/moments/{moment['id']}", setup["tokens"]["Mum"])
    assert now["note"] == "Telling her about the rain, softly"

    # Saving again from the fresh form goes through.
    status, where = dad.post(edit, {**fresh, "note": "Reading the weather to him"})
    assert status == 302 and "/timeline/" in where
    _, now = first.api("GET", f"/moments/{moment['id']}", setup["tokens"]["Mum"])
    assert now["note"] == "Reading the weather to him"
