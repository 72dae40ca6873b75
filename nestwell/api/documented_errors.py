"""The error answers each operation can really give, added to the OpenAPI document.

django-ninja documents only the success answers an operation declares. Every refusal
goes through ``errors.install`` with one JSON shape, and which refusals an operation can
meet follows from its shape: any call can be unauthenticated (401) or carry an invalid
value (422) or be refused for the role (403); one naming an object in its path or body
can find nothing (404); a call that writes can clash with what is saved (409), send
malformed JSON (400) or too much (413). ``tests/api/test_api_fuzz.py`` checks the
document against the answers the running app gives (schemathesis' status-code
conformance).
"""

from nestwell.api.errors import CODES

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object",
                           "additionalProperties": {"type": "array",
                                                    "items": {"type": "string"}}},
            },
        },
        "support_url": {"type": "string",
                        "description": "Present when the refused request signals a risk "
                                       "of harm: the support page."},
    },
}

DESCRIPTIONS = {
    400: "The body is empty or not a JSON object (or, for an upload, not a readable "
         "multipart form).",
    401: "No valid token or session.",
    403: "Your role in this household does not allow this.",
    404: "Not found in your household.",
    409: "It clashes with something saved, or was changed in between (send the version "
         "you read).",
    413: "The request is larger than an API call may send.",
    422: "Some values are missing or not valid; ``fields`` says which.",
}

WRITES = {"post", "put", "patch", "delete"}


def codes_for(method: str, path: str) -> list[int]:
    codes = {401, 403, 422}
    if "{" in path:
        codes.add(404)
    if method in WRITES:
        codes |= {400, 404, 409, 413}  # 404: the body names a baby or a person
    return sorted(codes)


def add_error_responses(schema: dict) -> dict:
    """Add the refusals to every operation of ``schema`` (in place), and the one error
    shape to its components."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in WRITES | {"get", "head", "options"}:
                continue
            responses = operation.setdefault("responses", {})
            for code in codes_for(method, path):
                if code in responses or str(code) in responses:
                    continue  # the operation declares it itself
                responses[code] = {
                    "description": f"{DESCRIPTIONS[code]} (`{CODES.get(code, 'error')}`)",
                    "content": {"application/json": {"schema": reference}},
                }
    return schema
