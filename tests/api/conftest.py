import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nestwell.accounts.models import ApiToken


class Api:
    """A small client for the API with a personal token."""

    def __init__(self, client, token=None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def call(self, method, path, body=None):
        kwargs = {"headers": self.headers}
        if body is not None and any(isinstance(v, bytes) for v in body.values()):
            # A multipart form: each bytes value a file of its own.
            kwargs["data"] = {k: SimpleUploadedFile(f"{k}.jpg", v, "image/jpeg")
                              if isinstance(v, bytes) else v for k, v in body.items()}
        elif body is not None:
            kwargs.update(data=json.dumps(body, default=str), content_type="application/json")
        response = getattr(self.client, method.lower())(path, **kwargs)
        is_json = response.get("Content-Type", "").startswith("application/json")
        response.data = json.loads(response.content) if response.content and is_json else None
        return response

    def get(self, path):
        return self.call("GET", path)

    def post(self, path, body=None):
        return self.call("POST", path, body if body is not None else {})

    def patch(self, path, body):
        return self.call("PATCH", path, body)

    def delete(self, path):
        return self.call("DELETE", path)


@pytest.fixture
def api_for(client):
    def make(user, household=None):
        if user is None:
            return Api(client)
        household = household or user.memberships.first().household
        return Api(client, ApiToken.issue(user, household, "tests").token)

    return make
