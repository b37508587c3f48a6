"""Every data file names its schema on its first line (for editors) and validates against it (for the build)."""

import re

import pytest

from conftest import ROOT
from hooks.model import schemas, strict_yaml

DATA_FILES = sorted(p for p in (ROOT / "data").rglob("*.yml") if not p.name.startswith("_"))
FIRST_LINE = re.compile(r"^# yaml-language-server: \$schema=(?P<schema>\S+\.schema\.json)$")


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_data_file_names_its_schema_and_validates(path):
    first = path.read_text("utf-8").splitlines()[0]
    match = FIRST_LINE.match(first)
    assert match, f"{path.name}: first line must be '# yaml-language-server: $schema=...'"
    schema_file = (path.parent / match["schema"]).resolve()
    assert schema_file.parent == schemas.SCHEMA_DIR and schema_file.is_file()
    document = strict_yaml.read(path, path.relative_to(ROOT).as_posix())
    name = schema_file.name[: -len(".schema.json")]
    if "kind" in document.data:
        assert document.data["kind"] == name
    assert schemas.validate(document, name) == []


def test_every_schema_has_a_title_for_editors():
    import json

    for schema_file in schemas.SCHEMA_DIR.glob("*.schema.json"):
        assert json.loads(schema_file.read_text("utf-8")).get("title"), schema_file.name


# --- The quick validator is never more lenient than the judge ----------------------------------

import copy  # noqa: E402
from decimal import Decimal  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PLAN = "data/plans/upper-valleys/2022-23.yml"
REAL_PLAN = strict_yaml.read(ROOT / PLAN, PLAN)


def _paths(value, path=()):
    """Every place in the data: each mapping value and list item."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, path + (index,))


PLACES = list(_paths(REAL_PLAN.data))[1:]
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 10**6), st.text(max_size=12),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**6, max_value=10**6),
    st.sampled_from([Decimal("5.0"), Decimal("0.00"), Decimal("-0.01"), "", "2022/23", "2022-23", "1.10", {"en": "a", "cy": "b"}, [], {}]),
)


def _mutated(data, path, value):
    data = copy.deepcopy(data)
    node = data
    for part in path[:-1]:
        node = node[part]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


_DELETE = object()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PLACES), value=st.one_of(VALUES, st.just(_DELETE)))
def test_what_the_quick_validator_accepts_the_judge_accepts(place, value):
    document = strict_yaml.Document(REAL_PLAN.path, _mutated(REAL_PLAN.data, place, value), REAL_PLAN.locations)
    if schemas.quickly_valid(document, "cluster-plan"):
        assert list(schemas.validator("cluster-plan").iter_errors(document.data)) == [], (place, value)


def test_the_quick_validator_accepts_the_real_plans_and_refuses_a_decimal_for_a_whole_number():
    assert schemas.quickly_valid(REAL_PLAN, "cluster-plan")
    wrong = strict_yaml.Document(REAL_PLAN.path, _mutated(REAL_PLAN.data, ("action_plan", "areas", 0, "number"), Decimal("1.0")), REAL_PLAN.locations)
    assert not schemas.quickly_valid(wrong, "cluster-plan")
    assert [p.rule for p in schemas.validate(wrong, "cluster-plan")] == ["schema-type"]


# The quick validator follows the schemas' references as they are written (a registry of the
# schema files). careful_quick_validator is the quick validator as it was: on the schema with
# every $ref written out. The two accept the same data: every data file of the site, and the
# mutated plans above.

import json  # noqa: E402

import jsonschema_rs  # noqa: E402


def _written_out(contents: dict, name: str) -> dict:
    """The schema `name` with every $ref replaced by what it points at (the schemas have no cycles)."""

    def target(reference: str, base: str):
        file, _, pointer = reference.partition("#")
        node = contents[file or base]
        for part in (p for p in pointer.split("/") if p):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node, file or base

    def walk(node, base: str):
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                pointed, pointed_base = target(node["$ref"], base)
                rest = {key: walk(value, base) for key, value in node.items() if key != "$ref"}
                inner = walk(pointed, pointed_base)
                return {**rest, "allOf": [inner]} if rest else inner
            return {key: walk(value, base) for key, value in node.items() if key != "$defs"}
        if isinstance(node, list):
            return [walk(item, base) for item in node]
        return node

    return walk(contents[name], name)


def careful_quick_validator(name: str):
    contents = {file_name: json.loads(text.decode("utf-8")) for file_name, text in schemas._schema_files(schemas.SCHEMA_DIR)}
    return jsonschema_rs.Draft202012Validator(_written_out(contents, f"{name}.schema.json"), validate_formats=False)


CAREFUL_PLAN = careful_quick_validator("cluster-plan")


def _quick_of(document, schema_name: str, careful) -> bool:
    try:
        return bool(careful.is_valid(schemas._for_quick(document.data)))
    except Exception:  # noqa: BLE001 - as schemas.quickly_valid
        return False


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_quick_validator_accepts_each_data_file_as_on_the_written_out_schema(path):
    match = FIRST_LINE.match(path.read_text("utf-8").splitlines()[0])
    name = match.group("schema").rsplit("/", 1)[-1][: -len(".schema.json")]
    document = strict_yaml.read(path, path.relative_to(ROOT).as_posix())
    assert schemas.quickly_valid(document, name) is _quick_of(document, name, careful_quick_validator(name)) is True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PLACES), value=st.one_of(VALUES, st.just(_DELETE)))
def test_the_quick_validator_accepts_what_it_did_on_the_written_out_schema(place, value):
    document = strict_yaml.Document(REAL_PLAN.path, _mutated(REAL_PLAN.data, place, value), REAL_PLAN.locations)
    assert schemas.quickly_valid(document, "cluster-plan") == _quick_of(document, "cluster-plan", CAREFUL_PLAN), (place, value)


def test_the_quick_validator_is_had_for_every_schema_and_never_fetches_a_reference(tmp_path):
    files = schemas._schema_files(schemas.SCHEMA_DIR)
    assert all(schemas._quick_validator(name[: -len(".schema.json")], files) is not None for name, _ in files)
    (tmp_path / "common.schema.json").write_bytes(dict(files)["common.schema.json"])
    outside = tmp_path / "outside.json"  # not a schema file: never read by the quick validator
    outside.write_text('{"type": "object"}', "utf-8")
    (tmp_path / "x.schema.json").write_text(json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": outside.as_uri()}), "utf-8")
    assert schemas._quick_validator("x", schemas._schema_files(tmp_path)) is None  # then the judge decides


# --- What the quick validator sees: only what holds a whole-number decimal is copied ---------------
# for_quick_as_first_written is schemas._for_quick as it was first written, a copy of the whole
# data; the two must give the same data (same values of the same types, in the same order) or
# refuse it alike, on any data and on every data file.

import math  # noqa: E402


def for_quick_as_first_written(value):
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {key: for_quick_as_first_written(item) for key, item in value.items()}
    if isinstance(value, list):
        return [for_quick_as_first_written(item) for item in value]
    if isinstance(value, Decimal) and value == value.to_integral_value():
        if abs(value) >= 2**52:
            raise OverflowError("too large to see exactly")
        return math.nextafter(float(value), math.inf)
    return value


def _typed(value):
    """A value with the type of everything in it: 1, 1.0, True and Decimal('1') stay apart."""
    if isinstance(value, dict):
        return ["dict", [(key, _typed(item)) for key, item in value.items()]]
    if isinstance(value, list):
        return ["list", [_typed(item) for item in value]]
    return [type(value).__name__, repr(value)]


def _seen(function, data):
    try:
        return _typed(function(data))
    except Exception as error:  # noqa: BLE001 - refused: then the judge decides, whichever the exception
        return ["refused", type(error).__name__]


ANY_DATA = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-10, 2**60), st.floats(allow_nan=False), st.text(max_size=3),
        st.decimals(places=2, allow_nan=False, allow_infinity=False), st.decimals(),
        st.sampled_from([Decimal("224786.00"), Decimal("0.00"), Decimal("-0"), Decimal("1E+3"), Decimal(2**52), Decimal("NaN"), Decimal("sNaN")]),
    ),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.sampled_from(["en", "cy", "a", ""]), children, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(ANY_DATA)
def test_the_quick_validator_sees_any_data_as_first_written(data):
    assert _seen(schemas._for_quick, data) == _seen(for_quick_as_first_written, data)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_quick_validator_sees_each_data_file_as_first_written(path):
    data = strict_yaml.read(path, path.relative_to(ROOT).as_posix()).data
    assert _seen(schemas._for_quick, data) == _seen(for_quick_as_first_written, data)


def test_a_mapping_without_a_whole_number_decimal_is_seen_as_it_is():
    texts = REAL_PLAN.data["title"]
    assert schemas._for_quick(texts) is texts
    finance = REAL_PLAN.data["finance"]
    assert schemas._for_quick(finance) is not finance and finance["allocation"] == Decimal("224786.00")  # a copy; the data is kept
