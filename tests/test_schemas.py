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
