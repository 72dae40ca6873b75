import re

from django.core import mail

from tests.conftest import PASSWORD

NEW = "a-new-quiet-morning-7"


def test_change_password_works(client_for, alice):
    client = client_for(alice)
    response = client.post("/account/password/", {
        "old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW)


def test_a_viewer_or_caregiver_comes_back_to_her_own_account_page(client_for, carol,
                                                                   alice):
    """It went to the household's settings, a parent's page: "This needs another role"
    right after "Your password is changed"."""
    client = client_for(carol)
    page = client.post("/account/password/", {
        "old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}, follow=True)
    assert page.status_code == 200 and page.redirect_chain[-1][0] == "/account/"
    assert "Your password is changed." in page.content.decode()


def test_change_password_needs_the_old_one(client_for, alice):
    client = client_for(alice)
    response = client.post("/account/password/", {
        "old_password": "not-it", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_reset_sends_a_link_that_works_once(client, alice):
    response = client.post("/password-reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW)
    again = client.get(link, follow=True)
    assert "has expired" in again.content.decode()


def test_reset_for_an_unknown_address_looks_the_same(client, db):
    response = client.post("/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
