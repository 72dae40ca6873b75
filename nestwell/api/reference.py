"""The API reference page, worked out from the OpenAPI document (pure: no Django).

Swagger UI fails an accessibility scan (contrast, nested controls, no page language, no
landmarks); this plain page says the same from the same generated schema, in the app's
own layout, and tools still read /api/v1/openapi.json."""

from dataclasses import dataclass, field

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    description: str = ""


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Field] = field(default_factory=list)
    body: str = ""
    responses: list[tuple[str, str]] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        cleaned = self.path.strip("/").replace("/", "-").replace("{", "").replace("}", "")
        return f"{self.method.lower()}-{cleaned}"


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_of(schema: dict) -> str:
    """A short, readable type: 'string', 'integer or null', 'list of MomentOut'."""
    if not schema:
        return "any"
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return " or ".join(dict.fromkeys(type_of(s) for s in schema[key]))
    kind = schema.get("type", "object")
    if kind == "array":
        return f"list of {type_of(schema.get('items', {}))}"
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    return kind


def _content_type(content: dict) -> str:
    schema = (content or {}).get("application/json", {}).get("schema", {})
    return type_of(schema) if schema else ""


def operations(schema: dict) -> list[tuple[str, list[Operation]]]:
    """The operations grouped by tag, in the schema's order."""
    groups: dict[str, list[Operation]] = {}
    for path, methods in schema.get("paths", {}).items():
        for method in METHODS:
            op = methods.get(method)
            if op is None:
                continue
            params = [Field(p["name"], f"{p.get('in', '')}: {type_of(p.get('schema', {}))}",
                            bool(p.get("required")), p.get("description", ""))
                      for p in op.get("parameters", [])]
            body = _content_type(op.get("requestBody", {}).get("content", {}))
            responses = [(code, _content_type(r.get("content", {})) or r.get("description", ""))
                         for code, r in op.get("responses", {}).items()]
            tag = (op.get("tags") or ["api"])[0]
            groups.setdefault(tag, []).append(Operation(
                method.upper(), path, op.get("summary", ""), op.get("description", ""),
                params, body, responses))
    return list(groups.items())


def schemas(schema: dict) -> list[tuple[str, list[Field]]]:
    """Every named schema with its fields."""
    out = []
    for name, body in schema.get("components", {}).get("schemas", {}).items():
        required = set(body.get("required", []))
        out.append((name, [Field(prop, type_of(spec), prop in required,
                                 spec.get("description", ""))
                           for prop, spec in body.get("properties", {}).items()]))
    return out
