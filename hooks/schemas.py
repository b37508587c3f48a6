"""JSON Schema validation of data files, with problems that point at a file's line.

The schemas in data/schemas/ are the documentation of the data format: editors use them
as people type (through the `# yaml-language-server: $schema=...` line) and the build
validates every file against the same schema.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import jsonschema
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from hooks.problems import Problem
from hooks.strict_yaml import Document, format_field

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schemas"


@lru_cache(maxsize=None)
def _registry(schema_dir: Path) -> Registry:
    resources = []
    for file in sorted(schema_dir.glob("*.schema.json")):
        resources.append((file.name, Resource.from_contents(json.loads(file.read_text("utf-8")))))
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def validator(name: str, schema_dir: Path = SCHEMA_DIR):
    schema = json.loads((schema_dir / f"{name}.schema.json").read_text("utf-8"))
    checker = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "number", lambda _, value: isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
    )
    cls = jsonschema.validators.extend(jsonschema.Draft202012Validator, type_checker=checker)
    return cls(schema, registry=_registry(schema_dir))


def _describe(value) -> str:
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, Decimal, float)):
        return f"the number {value}"
    if value is None:
        return "nothing (empty)"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _explain(error: ValidationError) -> tuple[str, str]:
    keyword = error.validator
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"the field '{missing}' is missing", f"add '{missing}:' here (see the schema in data/schemas/)"
    if keyword == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return (
            f"unknown field{'s' if len(extra) > 1 else ''} {', '.join(repr(e) for e in extra)}",
            "check the spelling of the field name; the fields allowed here are: " + ", ".join(error.schema.get("properties", {})),
        )
    if keyword == "type":
        wanted = error.validator_value
        found = _describe(error.instance)
        if wanted == "string" or (isinstance(wanted, list) and "string" in wanted):
            return f"expected text, found {found}", "write the value in double quotes"
        return f"expected {wanted}, found {found}", "check the value against the schema"
    if keyword == "minLength":
        return "the text is empty", "write the text, in this language"
    if keyword == "minItems":
        return "the list is empty", "add at least one item"
    if keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        return f"{_describe(error.instance)} is not allowed here", "use one of: " + ", ".join(repr(a) for a in allowed)
    if keyword == "pattern":
        return f"{_describe(error.instance)} is not in the expected form", f"it must match {error.validator_value}"
    if keyword == "oneOf":
        return f"{_describe(error.instance)} is not in any of the forms allowed here", "see the schema's description of this field"
    return error.message, "see the schema in data/schemas/"


def validate(document: Document, schema_name: str) -> list[Problem]:
    problems = []
    for error in validator(schema_name).iter_errors(document.data):
        error = best_match([error]) if error.context else error
        path = tuple(error.absolute_path)
        message, hint = _explain(error)
        problems.append(
            Problem(document.path, document.line_of(path), f"schema-{error.validator}", message, hint, field=format_field(path))
        )
    return problems
