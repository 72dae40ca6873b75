"""Sign-in pauses and reset e-mails behind a reverse proxy (issue 12, finding 18)."""

import uuid

import pytest
from django.test import Client

from nestwell.accounts.roles import Role
from tests.conftest import PASSWORD, make_user

PROXY = "127.0.0.1"
ATTACKER = "203.0.113.9"
ALICE_AT_HOME = "198.51.100.7"


def via_proxy(forwarded_for, remote=PROXY):
    return Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for)


def fail_five_times(client):
    for _ in range(5):
        client.post("/login/", {"username": "alice@example.org", "password": "wrong"})


def signs_in(client):
    return client.post("/login/", {"username": "alice@example.org",
                                   "password": PASSWORD}).status_code == 302


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


def test_a_stranger_behind_the_proxy_cannot_lock_her_out(behind_proxy, alice):
    fail_five_times(via_proxy(ATTACKER))
    assert signs_in(via_proxy(ALICE_AT_HOME))
    # the stranger himself is paused
    assert via_proxy(ATTACKER).post("/login/", {"username": "alice@example.org",
                                                "password": PASSWORD}).status_code == 429


def test_the_header_a_client_sends_itself_is_not_believed(behind_proxy, alice):
    # The proxy appends the address it saw: the attacker's own header comes first.
    fail_five_times(via_proxy(f"{ALICE_AT_HOME}, {ATTACKER}"))
    assert signs_in(via_proxy(ALICE_AT_HOME))


def test_a_client_that_bypasses_the_proxy_is_judged_by_its_own_address(behind_proxy, alice):
    for home in ("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"):
        via_proxy(home, remote=ATTACKER).post("/login/", {"username": "alice@example.org",
                                                          "password": "wrong"})
    assert via_proxy("192.0.2.6", remote=ATTACKER).post(
        "/login/", {"username": "alice@example.org", "password": PASSWORD}).status_code == 429
    assert signs_in(via_proxy(ALICE_AT_HOME))


def test_without_the_setting_the_header_is_ignored(alice):
    fail_five_times(via_proxy(ATTACKER))
    assert not signs_in(via_proxy(ALICE_AT_HOME))


def test_password_reset_emails_are_limited(household, mailoutbox, settings):
    # A person and a client address of this test's own: the counts live for an hour.
    email = f"dana-{uuid.uuid4().hex[:12]}@example.org"
    make_user(email, "Dana", household, Role.PARENT)
    settings.PASSWORD_RESET_EMAILS_PER_HOUR = 3
    client = Client(REMOTE_ADDR=f"192.0.2.{uuid.uuid4().int % 250 + 1}")
    pages = [client.post("/password-reset/", {"email": email}) for _ in range(5)]
    assert len(mailoutbox) == 3
    assert {page["Location"] for page in pages} == {"/password-reset/sent/"}
    # another person, from elsewhere, is not held back by Dana's count
    Client(REMOTE_ADDR="198.51.100.254").post("/password-reset/", {"email": "x@example.org"})
    make_user("erin@example.org", "Erin", household, Role.VIEWER)
    Client(REMOTE_ADDR="198.51.100.253").post("/password-reset/",
                                              {"email": "erin@example.org"})
    assert len(mailoutbox) == 4
