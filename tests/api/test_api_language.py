"""An API call answers in the language of the person whose token it is (issue 19)."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(LANGUAGES=[("en", "English"), ("fr", "Français")])
def test_an_api_token_speaks_her_language(api_for, alice):
    alice.language = "fr"
    alice.save()
    response = api_for(alice).get("/api/v1/me")
    assert response.headers["Content-Language"] == "fr"
