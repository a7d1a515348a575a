#!/usr/bin/env python3
"""Writes docs/API.md and docs/openapi/{app,tenant,admin}.json from the OpenAPI descriptions the service serves.

The test suite saves them to target/openapi/ (OpenApiLintIntegrationTest), and fails when docs/API.md misses
an operation or docs/openapi/ differs from what is served (clients are generated from docs/openapi/app.json).
After changing an endpoint:

    ./mvnw verify -Dtest=OpenApiLintIntegrationTest && python3 docs/generate-api-reference.py
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GROUPS = [("app", "Mobile apps (bearer token from a sign-in, or public)"),
          ("tenant", "Partner servers (signed requests: see TENANT-GUIDE.md)"),
          ("admin", "Operators (bearer token of an ADMIN)")]


def resolve(spec, schema):
    while schema and "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema or {}


def example(spec, schema, depth=0):
    schema = resolve(spec, schema)
    if "example" in schema:
        return schema["example"]
    if "examples" in schema and schema["examples"]:
        return schema["examples"][0]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("oneOf", "anyOf", "allOf"):
        if key in schema:
            merged = {}
            for part in schema[key]:
                value = example(spec, part, depth + 1)
                if isinstance(value, dict):
                    merged.update(value)
                elif key != "allOf":
                    return value
            return merged
    if not schema:
        # no type at all: the data of an answer with nothing to say (Envelope<Void>), always null
        return None
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "null":
        return None
    if kind == "object" or "properties" in schema:
        if depth > 4:
            return {}
        return {name: example(spec, prop, depth + 1) for name, prop in schema.get("properties", {}).items()}
    if kind == "array":
        return [example(spec, schema.get("items", {}), depth + 1)] if depth <= 4 else []
    if kind == "integer":
        return 0
    if kind == "number":
        return 0.0
    if kind == "boolean":
        return False
    if schema.get("format") == "binary":
        return "<file>"
    return "string"


def block(value):
    return "```json\n" + json.dumps(value, ensure_ascii=False, indent=2) + "\n```\n"


def main():
    out = ["# API reference", "",
           "Every operation, by group, with a request and an answer example and the error codes it can "
           "answer. Every answer is the envelope `{\"code\", \"msg\", \"data\", \"traceId\"}` "
           "([ERRORS.md](ERRORS.md)). Generated from the OpenAPI description the service serves "
           "(`docs/generate-api-reference.py`); the build fails when an operation is missing here.", ""]
    for group, title in GROUPS:
        with open(os.path.join(ROOT, "target", "openapi", f"{group}.json")) as f:
            spec = json.load(f)
        out += [f"## {group}: {title}", ""]
        for path, item in spec["paths"].items():
            for method, op in item.items():
                if method not in ("get", "post", "put", "patch", "delete"):
                    continue
                out += [f"### `{method.upper()} {path}`", "", op.get("summary", "").strip(), ""]
                if op.get("description"):
                    out += [op["description"].strip(), ""]
                security = op.get("security") or []
                names = sorted({name for requirement in security for name in requirement})
                out += ["Authentication: " + (", ".join(f"`{n}`" for n in names) if names else "none (public)"), ""]
                params = op.get("parameters", [])
                if params:
                    out += ["| parameter | in | required | description |", "|---|---|---|---|"]
                    for p in params:
                        desc = (p.get("description") or "").replace("\n", " ").replace("|", "\\|")
                        out.append(f"| `{p['name']}` | {p['in']} | {'yes' if p.get('required') else 'no'} | {desc} |")
                    out.append("")
                body = op.get("requestBody", {}).get("content", {})
                if body:
                    media, content = next(iter(body.items()))
                    if content.get("examples"):
                        value = next(iter(content["examples"].values())).get("value")
                    elif content.get("example") is not None:
                        value = content["example"]
                    else:
                        value = example(spec, content.get("schema", {}))
                    out += [f"Request (`{media}`):", "", block(value)]
                ok = op.get("responses", {}).get("200", {}).get("content", {})
                if ok:
                    media, content = next(iter(ok.items()))
                    value = example(spec, content.get("schema", {}))
                    if isinstance(value, dict) and "code" in value:
                        value["code"], value["msg"] = 200, "成功"
                    out += ["Answer:", "", block(value)]
                errors = [(status, response) for status, response in op.get("responses", {}).items()
                          if status[0] in "45"]
                if errors:
                    out += ["Errors: " + "; ".join(r.get("description", status) for status, r in errors) + ".", ""]
    for group, _ in GROUPS:
        with open(os.path.join(ROOT, "target", "openapi", f"{group}.portless.json")) as f:
            text = f.read()
        with open(os.path.join(ROOT, "docs", "openapi", f"{group}.json"), "w") as f:
            f.write(text.rstrip("\n") + "\n")
    with open(os.path.join(ROOT, "docs", "API.md"), "w") as f:
        f.write("\n".join(out).rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
