"""JSON Schema validation of data files, with problems that point at a file's line.

The schemas in data/schemas/ are the documentation of the data format: editors use them
as people type (through the `# yaml-language-server: $schema=...` line) and the build
validates every file against the same schema.

Two validators, one verdict. jsonschema (Python) is the judge: its errors make the problems,
with their plain-language messages. It is slow (about 40 ms a plan file, and 0.2 s to import),
so each file is first given to jsonschema-rs, a compiled validator of the same JSON Schema
draft, on the same schema and the same references; only a file it does not accept is
validated again by jsonschema, which then says what is wrong. The quick one is never more
lenient than the judge: it sees each whole-number decimal (224786.00) as just above it, so
only the judge can accept a decimal where a whole number is wanted, as it does not (a
property test in tests/test_schemas.py compares the two on mutated plans).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import math
from typing import TYPE_CHECKING

from hooks.problems import Problem
from hooks.model.strict_yaml import Document, format_field

if TYPE_CHECKING:  # jsonschema is imported only when a file needs the judge
    from jsonschema.exceptions import ValidationError

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schemas"


def _schema_files(schema_dir: Path) -> tuple:
    """(name, bytes) of every schema, read afresh: a schema edited while the site is served is used at once."""
    return tuple((file.name, file.read_bytes()) for file in sorted(schema_dir.glob("*.schema.json")))


def schema_files(schema_dir: Path = SCHEMA_DIR) -> tuple:
    """The schemas as they are now, for validating many files against them: plan_data.read reads
    them once and gives them to validate for every data file (one reading, one version of the schemas)."""
    return _schema_files(schema_dir)


def schema_file_problems(schema_dir: Path = SCHEMA_DIR) -> list[Problem]:
    """Every file of data/schemas/ that is not a readable JSON Schema: then no data can be validated."""
    problems = []
    where = "data/schemas"
    for file in sorted(schema_dir.iterdir()) if schema_dir.is_dir() else []:
        path = f"{where}/{file.name}"
        if file.is_dir() or not file.name.endswith(".schema.json"):
            problems.append(Problem(
                path, None, "schema-file", "data/schemas/ holds only the data's schemas, named NAME.schema.json", "move this file out of data/schemas/, or rename it NAME.schema.json if it is a schema",
                message_cy="dim ond sgemâu'r data, a'u henwau ar y ffurf ENW.schema.json, sydd i fod yn data/schemas/",
                hint_cy="symudwch y ffeil hon allan o data/schemas/, neu rhowch yr enw ENW.schema.json arni os sgema ydyw",
            ))
            continue
        try:
            schema = json.loads(file.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(
                path, None, "schema-file", "the schema is not UTF-8 text", "restore the file from git",
                message_cy="nid yw'r sgema yn destun UTF-8", hint_cy="adferwch y ffeil o git",
            ))
            continue
        except ValueError as error:
            problems.append(Problem(
                path, getattr(error, "lineno", None), "schema-file", f"the schema is not valid JSON ({getattr(error, 'msg', error)})", "correct the line named, or restore the file from git",
                message_cy=f"nid yw'r sgema yn JSON dilys (yng ngeiriau Python, yn Saesneg: {getattr(error, 'msg', error)})",
                hint_cy="cywirwch y llinell a enwir, neu adferwch y ffeil o git",
            ))
            continue
        if not isinstance(schema, dict) or "$schema" not in schema:
            problems.append(Problem(
                path, 1, "schema-file", "the schema does not say which JSON Schema draft it follows ($schema)", 'start it with "$schema": "https://json-schema.org/draft/2020-12/schema"',
                message_cy="nid yw'r sgema yn dweud pa ddrafft o JSON Schema y mae'n ei ddilyn ($schema)",
                hint_cy='dechreuwch ef â "$schema": "https://json-schema.org/draft/2020-12/schema"',
            ))
    return problems


def validator(name: str, schema_dir: Path = SCHEMA_DIR, files: tuple | None = None):
    """The judge for one schema; files: the schemas as schema_files gives them, else read now from schema_dir."""
    return _validator(name, _schema_files(schema_dir) if files is None else files)


@lru_cache(maxsize=64)
def _validator(name: str, files: tuple):
    """The validator of one schema, made once per content of the schema files (a pure function of them)."""
    import jsonschema
    from referencing import Registry, Resource

    contents = {file_name: json.loads(text.decode("utf-8")) for file_name, text in files}
    registry = Registry().with_resources([(file_name, Resource.from_contents(schema)) for file_name, schema in contents.items()])
    checker = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "number", lambda _, value: isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
    )
    cls = jsonschema.validators.extend(jsonschema.Draft202012Validator, type_checker=checker)
    return cls(contents[f"{name}.schema.json"], registry=registry)


# --- The quick validator -------------------------------------------------------------------------


QUICK_BASE = "file:///data/schemas/"  # where the quick validator sees the schema files, so that "common.schema.json#/..." is found


def _not_retrieved(uri: str):
    """A reference to anything but a schema file is never fetched (from the disk or the web): no quick validator, the judge decides."""
    raise LookupError(f"{uri} is not one of the schema files")


@lru_cache(maxsize=64)
def _quick_registry(files: tuple):
    """jsonschema-rs's registry of every schema file, made once per content of the files."""
    import jsonschema_rs

    return jsonschema_rs.Registry([(QUICK_BASE + file_name, json.loads(text.decode("utf-8"))) for file_name, text in files], retriever=_not_retrieved)


@lru_cache(maxsize=64)
def _quick_validator(name: str, files: tuple):
    """jsonschema-rs on the schema, its references looked up in the registry of the schema files,
    or None where it cannot be had (then the judge alone decides).

    The references are followed as they are written (the schemas were written out, every $ref
    replaced by what it points at, before: a schema of 200 kB for a plan, which cost the quick
    validator most of its making; tests/test_schemas.py checks the two accept the same data).
    """
    try:
        import jsonschema_rs

        schema = json.loads(dict(files)[f"{name}.schema.json"].decode("utf-8"))
        return jsonschema_rs.Draft202012Validator(schema, registry=_quick_registry(files), retriever=_not_retrieved, base_uri=QUICK_BASE + f"{name}.schema.json", validate_formats=False)
    except Exception:  # noqa: BLE001 - no quick validator: correct, only slower
        return None


_BIGGEST_EXACT = 2**52  # below it, the next float above a whole number is not whole


def _for_quick(value):
    """The data as the quick validator sees it: a whole-number decimal as the float just above it.

    Only what holds such a decimal is copied (a plan holds a few dozen among its thousands of
    values): a mapping or list without one is given as it is, since the validator only reads it.
    """
    if isinstance(value, (dict, list)):
        copy = None  # made at the first item seen otherwise
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            if type(item) is not str:  # most values: a text, seen as it is
                quick = _for_quick(item)
                if quick is not item:
                    if copy is None:
                        copy = dict(value) if isinstance(value, dict) else list(value)
                    copy[key] = quick
        return value if copy is None else copy
    if isinstance(value, Decimal) and value == value.to_integral_value():
        if abs(value) >= _BIGGEST_EXACT:
            raise OverflowError("too large to see exactly")
        return math.nextafter(float(value), math.inf)
    return value


def quickly_valid(document: Document, schema_name: str, schema_dir: Path = SCHEMA_DIR, files: tuple | None = None) -> bool:
    """True when the quick validator accepts the file (then the judge would too); False means: ask the judge.

    files: the schemas as schema_files gives them, else read now from schema_dir.
    """
    quick = _quick_validator(schema_name, _schema_files(schema_dir) if files is None else files)
    if quick is None:
        return False
    try:
        return bool(quick.is_valid(_for_quick(document.data)))
    except Exception:  # noqa: BLE001 - data it cannot take: the judge decides
        return False


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


def _describe_cy(value) -> str:
    """_describe in Welsh. A phrase starting "y " (the article) after a word ending in a vowel is written with 'r: see _after."""
    if isinstance(value, bool):
        return "gwerth gwir/gau"
    if isinstance(value, (int, Decimal, float)):
        return f"y rhif {value}"
    if value is None:
        return "dim byd (gwag)"
    if isinstance(value, str):
        return f"y testun '{value[:40]}{'…' if len(value) > 40 else ''}'"
    if isinstance(value, list):
        return "rhestr"
    return "set o feysydd"


def _after(word: str, phrase: str) -> str:
    """A Welsh phrase after a word ending in a vowel ("mae", "nid yw"): its article "y" becomes 'r ("mae'r rhif 5")."""
    return f"{word}'r {phrase[2:]}" if phrase.startswith("y ") else f"{word} {phrase}"


_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "object": "a mapping of fields",
    "array": "a list",
    "null": "nothing (null)",
    "boolean": "true or false",
}
_TYPE_NAMES_CY = {  # after "disgwylid" (expected): no mutation
    "string": "testun",
    "number": "rhif",
    "integer": "rhif cyfan",
    "object": "set o feysydd",
    "array": "rhestr",
    "null": "dim byd (null)",
    "boolean": "gwir neu gau (true/false)",
}
# The same after "neu" (or), which softens the word after it: "testun neu rif", "neu ddim byd".
_TYPE_NAMES_CY_AFTER_NEU = {
    "string": "destun",
    "number": "rif",
    "integer": "rif cyfan",
    "object": "set o feysydd",
    "array": "restr",
    "null": "ddim byd (null)",
    "boolean": "wir neu gau (true/false)",
}
_LINK_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")


def _wanted(types, names: dict = _TYPE_NAMES) -> str:
    types = [types] if isinstance(types, str) else list(dict.fromkeys(types))
    if names is _TYPE_NAMES_CY:
        return " neu ".join(_TYPE_NAMES_CY.get(t, t) if index == 0 else _TYPE_NAMES_CY_AFTER_NEU.get(t, t) for index, t in enumerate(types))
    return " or ".join(names.get(t, t) for t in types)


def _number_hint(value: str, whole: bool = False, language: str = "en") -> str:
    """How to write a number someone typed as text (with £, %, commas, spaces)."""
    welsh = language == "cy"
    if whole:
        return "ysgrifennwch rif cyfan, heb ddyfynodau (er enghraifft 3)" if welsh else "write a whole number, without quotes (for example 3)"
    cleaned = re.sub(r"[£%\s]", "", value)
    if re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", cleaned):
        cleaned = cleaned.replace(",", "")  # thousands separators
    elif re.fullmatch(r"-?[0-9]+,[0-9]+", cleaned):
        cleaned = cleaned.replace(",", ".")  # a decimal comma
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cleaned):
        if welsh:
            return f"ysgrifennwch y rhif ar ei ben ei hun, heb ddyfynodau, £, % na chomas: {cleaned}"
        return f"write the number alone, without quotes, £, % or commas: {cleaned}"
    if welsh:
        return "ysgrifennwch rif, heb ddyfynodau, £, % na chomas (er enghraifft 1234.50)"
    return "write a number, without quotes, £, % or commas (for example 1234.50)"


# Each pattern of data/schemas/ in words: a fix never prints a regular expression.
PATTERN_WORDS = {
    r"^[a-z][a-z0-9_]*$": "lower-case letters, digits and _ only, starting with a letter (for example population_2021)",
    r"^[A-Za-z][A-Za-z0-9_-]*$": "letters, digits, _ and - only, with no spaces, starting with a letter (for example last_updated)",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "lower-case letters and digits, with a single hyphen between words (for example upper-valleys)",
    r"^[0-9]{4}-[0-9]{2}$": "four digits, a hyphen and two digits, in quotes (for example \"2024-25\")",
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date written YYYY-MM-DD, in quotes (for example \"2024-03-31\")",
    r"^[0-9]+\.[0-9]+$": "two numbers with a point between them, in quotes (for example \"1.1\")",
    r"^[0-9a-f]{12}$": "twelve characters, digits and the letters a to f only, as the check prints them (for example 3f9a0c12b7e4)",
    r"^[A-Z](?:[a-z]?[A-Z])+[a-z]?$": "an abbreviation as it is written: capital letters, at least two, with at most one small letter after each (for example LSOA, CCLl)",
}
# The same in Welsh; each follows a colon in the fix ("ysgrifennwch ef fel hyn: ..."), so needs no mutation.
PATTERN_WORDS_CY = {
    r"^[a-z][a-z0-9_]*$": "llythrennau bach, digidau a _ yn unig, gan ddechrau â llythyren (er enghraifft population_2021)",
    r"^[A-Za-z][A-Za-z0-9_-]*$": "llythrennau, digidau, _ a - yn unig, heb fylchau, gan ddechrau â llythyren (er enghraifft last_updated)",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "llythrennau bach a digidau, gydag un cysylltnod rhwng geiriau (er enghraifft upper-valleys)",
    r"^[0-9]{4}-[0-9]{2}$": "pedwar digid, cysylltnod a dau ddigid, rhwng dyfynodau (er enghraifft \"2024-25\")",
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "dyddiad ar y ffurf BBBB-MM-DD, rhwng dyfynodau (er enghraifft \"2024-03-31\")",
    r"^[0-9]+\.[0-9]+$": "dau rif â phwynt rhyngddynt, rhwng dyfynodau (er enghraifft \"1.1\")",
    r"^[0-9a-f]{12}$": "deuddeg nod, sef digidau a'r llythrennau a i f yn unig, fel y mae'r gwiriad yn eu hargraffu (er enghraifft 3f9a0c12b7e4)",
    r"^[A-Z](?:[a-z]?[A-Z])+[a-z]?$": "byrfodd fel y'i hysgrifennir: priflythrennau, o leiaf dwy, ag un llythyren fach ar y mwyaf ar ôl pob un (er enghraifft ACEHI, CCLl)",
}


def pattern_in_words(pattern: str, language: str = "en") -> str:
    """What a schema's pattern asks for, in plain words (never the pattern itself), in English or Welsh ("cy")."""
    if language == "cy":
        return PATTERN_WORDS_CY.get(pattern, "y ffurf a roddir yn nisgrifiad y maes hwn yn data/schemas/")
    return PATTERN_WORDS.get(pattern, "the form the description of this field in data/schemas/ gives")


def _guidance(schema: dict) -> str:
    """What the schema itself says a value should be: its description, else its title."""
    return schema.get("description") or schema.get("title") or ""


def _guidance_cy(guidance: str) -> str:
    """The schema's own description is in English only: the Welsh fix gives it, introduced as such."""
    return f"mae data/schemas/ yn disgrifio'r maes hwn fel hyn (yn Saesneg): {guidance}"


def _type_explanation(instance, wanted, schema: dict) -> tuple[str, str, str, str]:
    """(message, fix, the message in Welsh, the fix in Welsh)."""
    types = [wanted] if isinstance(wanted, str) else list(wanted)
    message = f"expected {_wanted(types)}, found {_describe(instance)}"
    message_cy = f"disgwylid {_wanted(types, _TYPE_NAMES_CY)}, ond cafwyd {_describe_cy(instance)}"
    if "string" in types:
        if instance is None:
            return message, "write the text after the colon, in double quotes", message_cy, "ysgrifennwch y testun ar ôl y colon, rhwng dyfynodau dwbl"
        if isinstance(instance, (bool, int, Decimal, float)):
            written = str(instance).lower() if isinstance(instance, bool) else str(instance)
            return (
                message, f'write it in double quotes, exactly as it should read: "{written}" (YAML reads {written} without quotes as a number or true/false)',
                message_cy, f'rhowch ef rhwng dyfynodau dwbl, yn union fel y dylai ddarllen: "{written}" (heb ddyfynodau, mae YAML yn darllen {written} fel rhif neu fel gwir/gau)',
            )
        return message, "write the value in double quotes", message_cy, "rhowch y gwerth rhwng dyfynodau dwbl"
    if ("number" in types or "integer" in types) and isinstance(instance, str):
        whole = "number" not in types
        return message, _number_hint(instance, whole=whole), message_cy, _number_hint(instance, whole=whole, language="cy")
    if "object" in types and isinstance(instance, str) and {"en", "cy"} <= set(schema.get("properties", {})):
        return (
            f"expected the text in English and Welsh (en: and cy:), found {_describe(instance)}",
            "write it on two indented lines below the field: 'en: \"...\"' and 'cy: \"...\"'",
            f"disgwylid y testun yn Saesneg ac yn Gymraeg (en: a cy:), ond cafwyd {_describe_cy(instance)}",
            "ysgrifennwch ef ar ddwy linell wedi'u mewnoli o dan y maes: 'en: \"...\"' a 'cy: \"...\"'",
        )
    if "array" in types:
        return message, "start each item of the list on its own line with '- '", message_cy, "dechreuwch bob eitem yn y rhestr ar ei llinell ei hun gyda '- '"
    guidance = _guidance(schema)
    if guidance:
        return message, guidance, message_cy, _guidance_cy(guidance)
    return message, "check the value against the schema in data/schemas/", message_cy, "gwiriwch y gwerth yn erbyn y sgema yn data/schemas/"


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


def _explain(error: ValidationError) -> tuple[str, str, str, str]:
    """(message, fix, the message in Welsh, the fix in Welsh) of one schema error."""
    keyword = error.validator
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return (
            f"the field '{missing}' is missing", f"add '{missing}:' here (see the schema in data/schemas/)",
            f"mae'r maes '{missing}' ar goll", f"ychwanegwch '{missing}:' yma (gweler y sgema yn data/schemas/)",
        )
    if keyword == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        allowed = ", ".join(error.schema.get("properties", {}))
        named = ", ".join(repr(e) for e in extra)
        return (
            f"unknown field{'s' if len(extra) > 1 else ''} {named}",
            "check the spelling of the field name; the fields allowed here are: " + allowed,
            f"{'meysydd anhysbys' if len(extra) > 1 else 'maes anhysbys'} {named}",
            "gwiriwch sillafiad enw'r maes; y meysydd a ganiateir yma yw: " + allowed,
        )
    if keyword == "type":
        return _type_explanation(error.instance, error.validator_value, error.schema)
    if keyword == "minLength":
        return "the text is empty", "write the text, in this language", "mae'r testun yn wag", "ysgrifennwch y testun, yn yr iaith hon"
    if keyword == "minItems":
        return "the list is empty", "add at least one item", "mae'r rhestr yn wag", "ychwanegwch o leiaf un eitem"
    if keyword == "minProperties":
        return (
            "the mapping is empty", "add at least one field, or remove the empty mapping",
            "mae'r set o feysydd yn wag", "ychwanegwch o leiaf un maes, neu tynnwch y set wag",
        )
    if keyword in ("minimum", "exclusiveMinimum"):
        return (
            f"{_describe(error.instance)} is below the smallest value allowed here ({error.validator_value})", "amounts, counts and numbers of staff are never negative: correct the number",
            f"{_after('mae', _describe_cy(error.instance))} yn is na'r gwerth lleiaf a ganiateir yma ({error.validator_value})", "nid yw symiau, cyfrifon na niferoedd staff byth yn negyddol: cywirwch y rhif",
        )
    if keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        return (
            f"{_describe(error.instance)} is not allowed here", "use one of: " + ", ".join("null (not stated)" if a is None else repr(a) for a in allowed),
            f"ni chaniateir {_describe_cy(error.instance)} yma", "defnyddiwch un o'r rhain: " + ", ".join("null (heb ei nodi)" if a is None else repr(a) for a in allowed),
        )
    if keyword == "pattern":
        instance = error.instance
        scheme = _LINK_SCHEME.match(instance)
        if "https?" in error.validator_value and not (scheme and scheme[1].lower() in ("http", "https")):
            kind = f"a '{scheme[1]}:' link" if scheme else "this link"
            kind_cy = f"dolen '{scheme[1]}:'" if scheme else "y ddolen hon"
            return (
                f"{kind} is not allowed: a link must be a public web address", 'write the full address, starting with https:// (for example "https://www.gov.wales/...")',
                f"ni chaniateir {kind_cy}: rhaid i ddolen fod yn gyfeiriad gwe cyhoeddus", 'ysgrifennwch y cyfeiriad llawn, gan ddechrau â https:// (er enghraifft "https://www.llyw.cymru/...")',
            )
        if "https?" in error.validator_value:
            return (
                f"{_describe(instance)} is not a usable web address", "a web address has no spaces, quotes or < >: copy it again from the browser's address bar",
                f"{_after('nid yw', _describe_cy(instance))} yn gyfeiriad gwe y gellir ei ddefnyddio", "nid oes bylchau, dyfynodau na < > mewn cyfeiriad gwe: copïwch ef eto o far cyfeiriad y porwr",
            )
        if "propertyNames" in error.relative_schema_path:
            return (
                f"the field name '{instance}' is not allowed here", f"write a field name here in {pattern_in_words(error.validator_value)}",
                f"ni chaniateir yr enw maes '{instance}' yma", f"ysgrifennwch enw maes yma fel hyn: {pattern_in_words(error.validator_value, 'cy')}",
            )
        guidance = _guidance(error.schema)
        message, message_cy = f"{_describe(instance)} is not in the expected form", f"{_after('nid yw', _describe_cy(instance))} ar y ffurf ddisgwyliedig"
        if guidance:
            return message, guidance, message_cy, _guidance_cy(guidance)
        return message, f"write it as {pattern_in_words(error.validator_value)}", message_cy, f"ysgrifennwch ef fel hyn: {pattern_in_words(error.validator_value, 'cy')}"
    if keyword == "propertyNames":
        return (
            f"the field name {_describe(error.instance)} is not allowed here", "use lower-case letters, digits and _ only, starting with a letter",
            f"ni chaniateir {_describe_cy(error.instance)} yn enw maes yma", "defnyddiwch lythrennau bach, digidau a _ yn unig, gan ddechrau â llythyren",
        )
    if keyword in ("oneOf", "anyOf") and _all_of_another_kind(error):
        wanted = [sub.validator_value for sub in error.context]
        objects = [sub.schema for sub in error.context if sub.validator_value == "object"]
        return _type_explanation(error.instance, wanted, objects[0] if objects else error.schema)
    if keyword in ("oneOf", "anyOf"):
        guidance = _guidance(error.schema)
        message = f"{_describe(error.instance)} is not in any of the forms allowed here"
        message_cy = f"{_after('nid yw', _describe_cy(error.instance))} ar unrhyw un o'r ffurfiau a ganiateir yma"
        if guidance:
            return message, guidance, message_cy, _guidance_cy(guidance)
        return message, "see the schema's description of this field in data/schemas/", message_cy, "gweler disgrifiad y sgema o'r maes hwn yn data/schemas/"
    if keyword == "uniqueItems":
        return "the list has the same item twice", "remove the repeated item", "mae'r un eitem ddwywaith yn y rhestr", "tynnwch yr eitem sydd yno ddwywaith"
    # jsonschema's own words, in English: the Welsh says so.
    return error.message, "see the schema in data/schemas/", f"(yng ngeiriau jsonschema, yn Saesneg) {error.message}", "gweler y sgema yn data/schemas/"


def validate(document: Document, schema_name: str, files: tuple | None = None) -> list[Problem]:
    """The problems of a file against its schema (none: valid). files: the schemas as schema_files
    gives them, for a caller validating many files; else they are read now."""
    if files is None:
        files = schema_files()
    if quickly_valid(document, schema_name, files=files):
        return []
    problems = []
    for error in validator(schema_name, files=files).iter_errors(document.data):
        error = _choose(error)
        path = tuple(error.absolute_path)
        message, hint, message_cy, hint_cy = _explain(error)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            path += tuple(extra[:1])  # point at the unknown field itself
        elif "propertyNames" in error.relative_schema_path and isinstance(error.instance, str):
            path += (error.instance,)  # point at the field name that is not allowed
        line, column = document.location_of(path)
        problems.append(
            Problem(document.path, line, f"schema-{error.validator}", message, hint, column, field=format_field(path), message_cy=message_cy, hint_cy=hint_cy)
        )
    return problems
