"""JSON Schema validation of data files, with problems that point at a file's line.

The schemas in data/schemas/ are the documentation of the data format: editors use them
as people type (through the `# yaml-language-server: $schema=...` line) and the build
validates every file against the same schema.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import jsonschema
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from hooks.problems import Problem
from hooks.model.strict_yaml import Document, format_field

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schemas"


def _schema_files(schema_dir: Path) -> tuple:
    """(name, bytes) of every schema, read afresh: a schema edited while the site is served is used at once."""
    return tuple((file.name, file.read_bytes()) for file in sorted(schema_dir.glob("*.schema.json")))


def validator(name: str, schema_dir: Path = SCHEMA_DIR):
    return _validator(name, _schema_files(schema_dir))


@lru_cache(maxsize=64)
def _validator(name: str, files: tuple):
    """The validator of one schema, made once per content of the schema files (a pure function of them)."""
    contents = {file_name: json.loads(text.decode("utf-8")) for file_name, text in files}
    registry = Registry().with_resources([(file_name, Resource.from_contents(schema)) for file_name, schema in contents.items()])
    checker = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "number", lambda _, value: isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
    )
    cls = jsonschema.validators.extend(jsonschema.Draft202012Validator, type_checker=checker)
    return cls(contents[f"{name}.schema.json"], registry=registry)


def _describe(value) -> str:
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, Decimal, float)):
        return f"the number {value}"
    if value is None:
        return "nothing (empty)"
    if isinstance(value, str):
        return f"the text '{value[:40]}{'…' if len(value) > 40 else ''}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "object": "a mapping of fields",
    "array": "a list",
    "null": "nothing (null)",
    "boolean": "true or false",
}
_LINK_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")


def _wanted(types) -> str:
    types = [types] if isinstance(types, str) else list(dict.fromkeys(types))
    return " or ".join(_TYPE_NAMES.get(t, t) for t in types)


def _number_hint(value: str, whole: bool = False) -> str:
    """How to write a number someone typed as text (with £, %, commas, spaces)."""
    if whole:
        return "write a whole number, without quotes (for example 3)"
    cleaned = re.sub(r"[£%\s]", "", value)
    if re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", cleaned):
        cleaned = cleaned.replace(",", "")  # thousands separators
    elif re.fullmatch(r"-?[0-9]+,[0-9]+", cleaned):
        cleaned = cleaned.replace(",", ".")  # a decimal comma
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cleaned):
        return f"write the number alone, without quotes, £, % or commas: {cleaned}"
    return "write a number, without quotes, £, % or commas (for example 1234.50)"


def _guidance(schema: dict) -> str:
    """What the schema itself says a value should be: its description, else its title."""
    return schema.get("description") or schema.get("title") or ""


def _type_explanation(instance, wanted, schema: dict) -> tuple[str, str]:
    types = [wanted] if isinstance(wanted, str) else list(wanted)
    message = f"expected {_wanted(types)}, found {_describe(instance)}"
    if "string" in types:
        if instance is None:
            return message, "write the text after the colon, in double quotes"
        if isinstance(instance, (bool, int, Decimal, float)):
            written = str(instance).lower() if isinstance(instance, bool) else str(instance)
            return message, f'write it in double quotes, exactly as it should read: "{written}" (YAML reads {written} without quotes as a number or true/false)'
        return message, "write the value in double quotes"
    if ("number" in types or "integer" in types) and isinstance(instance, str):
        return message, _number_hint(instance, whole="number" not in types)
    if "object" in types and isinstance(instance, str) and {"en", "cy"} <= set(schema.get("properties", {})):
        return (
            f"expected the text in English and Welsh (en: and cy:), found {_describe(instance)}",
            "write it on two indented lines below the field: 'en: \"...\"' and 'cy: \"...\"'",
        )
    if "array" in types:
        return message, "start each item of the list on its own line with '- '"
    guidance = _guidance(schema)
    return message, guidance or "check the value against the schema in data/schemas/"


_WEIGHT = {"additionalProperties": 10, "const": 10, "enum": 5, "required": 3}


def _score(sub: ValidationError) -> int:
    """How badly one branch of a oneOf misses: a value of another kind altogether misses most."""
    if sub.validator == "type" and not sub.path:
        return 100
    return _WEIGHT.get(sub.validator, 1)


def _branch_choice(error: ValidationError) -> ValidationError | None:
    """The most plausible reading of a oneOf/anyOf mistake, or None if no branch stands out."""
    branches: dict = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    ranked = sorted((sum(_score(sub) for sub in subs), index) for index, subs in branches.items())
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return None
    return min(branches[ranked[0][1]], key=lambda sub: (-len(sub.path), _score(sub)))


def _all_of_another_kind(error: ValidationError) -> bool:
    """Every branch of a oneOf fails only because the value is of another kind (text, number, ...)."""
    return bool(error.context) and all(sub.validator == "type" and not sub.path for sub in error.context)


def _choose(error: ValidationError) -> ValidationError:
    """Follow oneOf/anyOf mistakes down to the most telling one."""
    while error.validator in ("oneOf", "anyOf") and error.context:
        chosen = _branch_choice(error)
        if chosen is None:
            return error
        error = chosen
    return error


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
        return _type_explanation(error.instance, error.validator_value, error.schema)
    if keyword == "minLength":
        return "the text is empty", "write the text, in this language"
    if keyword == "minItems":
        return "the list is empty", "add at least one item"
    if keyword == "minProperties":
        return "the mapping is empty", "add at least one field, or remove the empty mapping"
    if keyword in ("minimum", "exclusiveMinimum"):
        return f"{_describe(error.instance)} is below the smallest value allowed here ({error.validator_value})", "amounts, counts and numbers of staff are never negative: correct the number"
    if keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        return f"{_describe(error.instance)} is not allowed here", "use one of: " + ", ".join("null (not stated)" if a is None else repr(a) for a in allowed)
    if keyword == "pattern":
        instance = error.instance
        scheme = _LINK_SCHEME.match(instance)
        if "https?" in error.validator_value and not (scheme and scheme[1].lower() in ("http", "https")):
            kind = f"a '{scheme[1]}:' link" if scheme else "this link"
            return f"{kind} is not allowed: a link must be a public web address", 'write the full address, starting with https:// (for example "https://www.gov.wales/...")'
        if "https?" in error.validator_value:
            return f"{_describe(instance)} is not a usable web address", "a web address has no spaces, quotes or < >: copy it again from the browser's address bar"
        guidance = _guidance(error.schema)
        return f"{_describe(instance)} is not in the expected form", guidance or f"it must match {error.validator_value}"
    if keyword == "propertyNames":
        return f"the field name {_describe(error.instance)} is not allowed here", "use lower-case letters, digits and _ only, starting with a letter"
    if keyword in ("oneOf", "anyOf") and _all_of_another_kind(error):
        wanted = [sub.validator_value for sub in error.context]
        objects = [sub.schema for sub in error.context if sub.validator_value == "object"]
        return _type_explanation(error.instance, wanted, objects[0] if objects else error.schema)
    if keyword in ("oneOf", "anyOf"):
        guidance = _guidance(error.schema)
        return f"{_describe(error.instance)} is not in any of the forms allowed here", guidance or "see the schema's description of this field in data/schemas/"
    if keyword == "uniqueItems":
        return "the list has the same item twice", "remove the repeated item"
    return error.message, "see the schema in data/schemas/"


def validate(document: Document, schema_name: str) -> list[Problem]:
    problems = []
    for error in validator(schema_name).iter_errors(document.data):
        error = _choose(error)
        path = tuple(error.absolute_path)
        message, hint = _explain(error)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            path += tuple(extra[:1])  # point at the unknown field itself
        line, column = document.location_of(path)
        problems.append(
            Problem(document.path, line, f"schema-{error.validator}", message, hint, column, field=format_field(path))
        )
    return problems
