"""Private pages and files are not kept in a shared device's cache (issue 12, finding 17)."""

import pytest

from nestwell.accounts.models import ApiToken


def no_store(response):
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/you/", "/you/check-in/", "/you/check-in/short/",
                                  "/you/check-ins/", "/handover/notes/",
                                  "/you/contacts/", "/account/", "/account/mine/download/",
                                  "/account/delete/",
                                  "/household/data/export/?format=json",
                                  "/household/data/export/?format=csv",
                                  "/insights/report/", "/keepsake/", "/keepsake/book.pdf"])
def test_her_private_pages_and_files_are_not_stored(client_for, alice, nora, path):
    response = client_for(alice).get(path)
    assert response.status_code == 200, path
    assert no_store(response), path


@pytest.mark.parametrize("path", ["/api/v1/checkins", "/api/v1/screenings",
                                  "/api/v1/contacts", "/api/v1/moments"])
def test_api_answers_are_not_stored(client, alice, household, path):
    token = ApiToken.issue(alice, household, "tests").token
    response = client.get(path, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and no_store(response), path

