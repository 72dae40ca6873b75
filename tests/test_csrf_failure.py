"""A form sent from a stale page gets a calm page that saves nothing, not Django's debug page."""
import pytest
from django.test import Client

from nestwell.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def stale_client():
    client = Client(enforce_csrf_checks=True)
    client.get("/login/")  # the cookie a new visitor gets
    return client


def test_a_stale_sign_in_form_saves_nothing_and_offers_the_page_again():
    User.objects.create_user(email="jess@example.org", password=PASSWORD, display_name="Jess")
    client = stale_client()
    response = client.post("/login/", {"username": "jess@example.org", "password": PASSWORD,
                                       "csrfmiddlewaretoken": "x" * 64},
                           HTTP_REFERER="http://testserver/login/?next=/you/")
    assert response.status_code == 403
    assert response.templates[0].name == "csrf_failure.html"
    assert b"Please try that again" in response.content
    assert b'href="http://testserver/login/?next=/you/"' in response.content
    assert b"<style" not in response.content  # the content security policy forbids it
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("referer", ["https://elsewhere.example/phish", "javascript:alert(1)", ""])
def test_the_way_back_never_leads_off_this_site(referer):
    response = stale_client().post("/login/", {"username": "a", "password": "b"},
                                   HTTP_REFERER=referer)
    assert response.status_code == 403
    assert b'href="/"' in response.content
