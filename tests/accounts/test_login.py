from tests.conftest import PASSWORD


def test_it_signs_in_with_email_in_any_case(client, alice):
    response = client.post("/login/", {"username": "Alice@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code in (200, 302)
    assert "_auth_user_id" in client.session


def test_a_wrong_password_is_refused_kindly(client, alice):
    response = client.post("/login/", {"username": "alice@example.org", "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    text = response.content.decode()
    assert "do not match an account here" in text
    assert "case-sensitive" not in text and "Please enter a correct" not in text


def test_repeated_failures_pause_sign_in(client, alice):
    for _ in range(5):
        client.post("/login/", {"username": "alice@example.org", "password": "wrong"})
    response = client.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "paused for 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_pause_is_per_account(client, alice, mallory):
    for _ in range(5):
        client.post("/login/", {"username": "alice@example.org", "password": "wrong"})
    response = client.post("/login/", {"username": "mallory@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_sign_out_needs_a_post(client_for, alice):
    client = client_for(alice)
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_pages_need_sign_in(client, db):
    response = client.get("/timeline/")
    assert response.status_code == 302
    assert response.url.startswith("/login/?next=/timeline/")


def test_a_session_ends_after_two_months(client, alice):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    session = Session.objects.get(session_key=client.session.session_key)
    assert timedelta(days=59) < session.expire_date - timezone.now() <= timedelta(days=60)
    signed_in = client.get("/timeline/")
    assert not (signed_in.status_code == 302 and signed_in.url.startswith("/login/"))
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/timeline/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_the_pause_lifts_after_its_time(client, alice, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    for _ in range(5):
        client.post("/login/", {"username": "alice@example.org", "password": "wrong"})
    assert client.post("/login/", {"username": "alice@example.org",
                                   "password": PASSWORD}).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = client.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 302
