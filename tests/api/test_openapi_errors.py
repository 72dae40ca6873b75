"""The OpenAPI document declares the refusals the API really gives (issue 12, finding 19).
The fuzz run (test_api_fuzz.py) checks every answer against it; this checks the shape."""

from nestwell.api.main import api


def responses(method, path):
    found = api.get_openapi_schema()["paths"][f"/api/v1{path}"][method]["responses"]
    return {str(code): answer for code, answer in found.items()}


def test_a_write_declares_every_refusal():
    codes = set(responses("post", "/moments"))
    assert {"201", "400", "401", "403", "404", "409", "413", "422"} <= codes


def test_a_read_of_one_object_declares_not_found():
    assert {"200", "401", "403", "404", "422"} <= set(responses("get", "/moments/{moment_id}"))


def test_refusals_share_the_error_shape():
    schema = api.get_openapi_schema()
    refusal = responses("patch", "/moments/{moment_id}")["409"]
    assert refusal["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"}
    assert schema["components"]["schemas"]["Error"]["required"] == ["error"]
