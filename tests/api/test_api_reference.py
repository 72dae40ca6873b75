"""The API reference page is worked out from the generated OpenAPI document."""

from nestwell.api import reference
from nestwell.api.main import api


def test_every_operation_of_the_schema_is_listed():
    schema = api.get_openapi_schema(path_params={})
    listed = {(op.method, op.path) for _tag, ops in reference.operations(schema) for op in ops}
    expected = {(method.upper(), path) for path, methods in schema["paths"].items()
                for method in methods if method in reference.METHODS}
    assert listed == expected and ("POST", "/api/v1/moments") in listed


def test_types_read_like_words():
    assert reference.type_of({"type": "array", "items": {"$ref": "#/c/s/MomentOut"}}) == (
        "list of MomentOut")
    assert reference.type_of({"anyOf": [{"type": "integer"}, {"type": "null"}]}) == (
        "integer or null")
    assert reference.type_of({"type": "string", "format": "date-time"}) == (
        "string (date-time)")


def test_the_page_is_a_page_of_the_app(client, db):
    html = client.get("/api/v1/docs").content.decode()
    assert '<html lang="en"' in html and "<main" in html and "<h1>" in html
    assert "swagger" not in html.lower()
