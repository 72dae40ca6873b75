"""The page of an error on the server's side: in her language, and with the way to support
one tap away (the one page that must never be out of reach)."""

import pytest
from django.test import Client


@pytest.fixture
def failing(monkeypatch):
    def broken():
        raise RuntimeError("a fault of ours")

    monkeypatch.setattr("nestwell.webapp.manifest", broken)
    return Client(raise_request_exception=False)


def test_an_error_page_offers_support_and_today(failing, db):
    response = failing.get("/manifest.webmanifest")
    assert response.status_code == 500
    page = response.content.decode()
    assert 'href="/support/"' in page and "Need support now?" in page
    assert 'href="/">Back to Today<' in page


def test_it_is_in_her_language(failing, db):
    failing.cookies["django_language"] = "es"
    page = failing.get("/manifest.webmanifest", headers={"Accept-Language": "es"}
                       ).content.decode()
    assert 'lang="es"' in page and "¿Necesitas apoyo ahora?" in page
    failing.cookies["django_language"] = "ar"
    page = failing.get("/manifest.webmanifest", headers={"Accept-Language": "ar"}
                       ).content.decode()
    assert 'dir="rtl"' in page
