"""Pages travel compressed when she asked for them, never when another site did (BREACH,
see nestwell/compression.py)."""

import gzip

from nestwell.accounts.models import ApiToken
from tests.insights.test_dashboard import fill

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_her_own_page_is_sent_compressed(client_for, alice, household, nora):
    fill(household, nora, alice, days=30)
    client = client_for(alice)
    plain = client.get("/insights/", **GZIP)
    response = client.get("/insights/", HTTP_SEC_FETCH_SITE="same-origin", **GZIP)
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content)
    assert b"<h1" in html and b"csrfmiddlewaretoken" in html
    assert len(response.content) < len(html) / 3
    assert "Accept-Encoding" in response["Vary"] and "Sec-Fetch-Site" in response["Vary"]
    # The masked CSRF token differs between two responses, so nothing stable leaks.
    assert plain.content != html


def test_a_typed_address_is_compressed_too(client_for, alice, nora):
    response = client_for(alice).get("/", HTTP_SEC_FETCH_SITE="none", **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"


def test_a_request_another_site_made_is_not_compressed(client_for, alice, household, nora):
    fill(household, nora, alice, days=5)
    client = client_for(alice)
    for site in ("cross-site", "same-site"):
        response = client.get("/insights/", HTTP_SEC_FETCH_SITE=site, **GZIP)
        assert not response.has_header("Content-Encoding")
        assert b"csrfmiddlewaretoken" in response.content


def test_a_browser_that_does_not_say_where_it_came_from_gets_it_plain(client_for, alice):
    response = client_for(alice).get("/", **GZIP)
    assert not response.has_header("Content-Encoding")


def test_a_script_without_cookies_gets_compressed_json(client, alice, household, nora):
    fill(household, nora, alice, days=5)
    token = ApiToken.issue(alice, household, "script").token
    response = client.get("/api/v1/moments", HTTP_AUTHORIZATION=f"Bearer {token}", **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"


def test_files_are_not_compressed_again(client_for, alice, nora):
    response = client_for(alice).get(f"/insights/report/?child={nora.pk}&download=pdf",
                                     HTTP_SEC_FETCH_SITE="same-origin", **GZIP)
    assert response["Content-Type"] == "application/pdf"
    assert not response.has_header("Content-Encoding")
