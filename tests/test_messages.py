"""Messages for people: places counted from 1, no regular expressions, problems called what they are.

A problem of a data file names its exact place (priorities[1].goal, counted from 0 as the
schemas and the fingerprint keys count) and, beside it, the place as people count it
(priority 2, goal).
"""

from __future__ import annotations

import json
import re

import pytest

from hooks.problems import ITEM_NOUNS, Problem, describe_field


@pytest.mark.parametrize(
    "place, described",
    [
        ("plan.priorities[1].goal", "plan, priority 2, goal"),
        ("priorities[0].goals[2].methods[0]", "priority 1, goal 3, method 1"),
        ("priorities[1].goal.cy", "priority 2, goal, the Welsh"),
        ("key_facts[0].source_url", "key fact 1, source_url"),
        ("clusters[7].name.en", "cluster 8, name, the English"),
        ("swot.strengths[9]", "swot, strength 10"),
        ("unheard_of[4].name", "item 5 of unheard_of, name"),
        ("tables[0][3]", "item 1 of tables, item 4"),
        ("title", "title"),
    ],
)
def test_a_place_is_described_counting_from_1(place, described):
    assert describe_field(place) == described


def test_every_list_of_the_data_has_a_noun():
    """Every list the data files hold (found by reading them) has its noun for an item."""
    import yaml

    from conftest import ROOT

    lists = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, list):
                    lists.add(key)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((ROOT / "data").rglob("*.yml")):
        walk(yaml.safe_load(path.read_text("utf-8")))
    assert lists and not lists - set(ITEM_NOUNS), sorted(lists - set(ITEM_NOUNS))


def test_a_problem_shows_both_places_in_each_format():
    problem = Problem("data/plans/afan/2023-24.yml", 12, "schema-required", "the goal is missing", "write it", field="priorities[1].goal")
    assert "(at priorities[1].goal: priority 2, goal)" in problem.as_text()
    assert "(at priorities[1].goal: priority 2, goal)" in problem.as_github()
    assert problem.as_dict()["field"] == "priorities[1].goal"  # tools get the exact place, unchanged


def test_a_place_without_a_list_is_not_repeated():
    problem = Problem("data/interface.yml", 3, "text-empty", "the Welsh of this text is empty", "write it", field="financial_year")
    assert "(at financial_year)" in problem.as_text()


# --- Messages of the YAML reader ------------------------------------------------------------


def _yaml_problem(text: str):
    from hooks.model import strict_yaml
    from hooks.problems import ContentError

    with pytest.raises(ContentError) as caught:
        strict_yaml.parse(text, "data/plans/afan/2023-24.yml")
    (problem,) = caught.value.problems
    return problem


@pytest.mark.parametrize(
    "written, number, column",
    [("{number: 31,088}", "31088", 22), ("{number: 1,234}", "1234", 22), ("{money: 224,786.00}", "224786.00", 21), ("[1,088, 2]", "1088", 14)],
)
def test_a_thousands_separator_is_said_to_be_one(written, number, column):
    problem = _yaml_problem(f"title: x\npopulation: {written}\n")
    assert (problem.rule, problem.line, problem.column) == ("yaml-thousands-separator", 2, column)
    assert f"without thousands separators: {number}" in problem.hint and "put it in quotes" in problem.hint
    assert "octal" not in problem.message + problem.hint


def test_a_leading_zero_that_is_no_thousands_group_is_still_a_leading_zero():
    assert _yaml_problem("title: x\ncode: {code: 0412}\n").rule == "yaml-leading-zero"


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("title:\n  en \"Hello\"\n  cy: \"Helo\"\n", 2, 3),  # the first field of a mapping
        ("name value\nkind: cluster-plan\n", 1, 1),  # the file's first line
        ("items:\n  - en x\n    cy: y\n", 2, 5),  # the first field of a list's item
        ("a:\n  b: 1\n  name value\n  c: 2\n", 3, 3),  # a field after others (already right)
    ],
)
def test_a_missing_colon_is_reported_on_the_line_that_lacks_it(text, line, column):
    problem = _yaml_problem(text)
    assert (problem.rule, problem.line, problem.column) == ("yaml-missing-colon", line, column), problem.as_text()


def test_a_colon_inside_a_text_is_still_a_colon_in_a_text():
    problem = _yaml_problem("title: x\ntext: Note: this\n")
    assert (problem.rule, problem.line) == ("yaml-colon", 2)


# --- No regular expression in a fix ---------------------------------------------------------

REGEX_LOOKING = re.compile(r"\^|\$|\[[^\]]*-[^\]]*\]|\{\d+(,\d*)?\}|\\[dswS.]|\(\?|[+*]\)|\]\*|\]\+")


def _patterns():
    """(schema file, the subschema holding a pattern, whether it judges field names) of every pattern in data/schemas/."""
    from conftest import ROOT

    found = []

    def walk(node, name, names):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.append((name, node, names))
            for key, value in node.items():
                walk(value, name, key == "propertyNames")
        elif isinstance(node, list):
            for value in node:
                walk(value, name, names)

    for path in sorted((ROOT / "data" / "schemas").glob("*.json")):
        walk(json.loads(path.read_text("utf-8")), path.name.removesuffix(".schema.json"), False)
    return found


PATTERNS = _patterns()


def test_the_regex_detector_finds_every_pattern_of_the_schemas():
    """The check below can fail: each pattern, printed, is caught."""
    assert PATTERNS
    for _, schema, _ in PATTERNS:
        assert REGEX_LOOKING.search(f"it must match {schema['pattern']}"), schema["pattern"]


@pytest.mark.parametrize("name, schema, names", PATTERNS, ids=[f"{n}:{s['pattern']}" for n, s, _ in PATTERNS])
def test_no_fix_prints_a_schemas_pattern(name, schema, names):
    from hooks.model import schemas

    base = schemas.validator(name)
    bad = "Not valid: <x>"
    if names:
        errors = list(base.evolve(schema={"type": "object", "propertyNames": schema}).iter_errors({bad: None}))
    else:
        errors = list(base.evolve(schema=schema).iter_errors(bad))
    errors = [error for error in errors if error.validator == "pattern"]
    assert errors
    for error in errors:
        message, hint, message_cy, hint_cy = schemas._explain(schemas._choose(error))
        for message, hint in ((message, hint), (message_cy, hint_cy)):
            assert schema["pattern"] not in message + hint
            assert not REGEX_LOOKING.search(message + " " + hint), (message, hint)
            assert hint


def test_every_pattern_has_its_words():
    from hooks.model import schemas

    for _, schema, _ in PATTERNS:
        assert schema["pattern"] in schemas.PATTERN_WORDS or "https?" in schema["pattern"], schema["pattern"]
        assert schema["pattern"] in schemas.PATTERN_WORDS_CY or "https?" in schema["pattern"], schema["pattern"]


# --- Problems are called what they are: content problems, not all "translation problems" ------


def test_the_summaries_call_a_yaml_problem_a_content_problem(tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    from conftest import ROOT
    from hooks import engine

    for folder in ("content", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    plan = tmp_path / "data/plans/upper-valleys/2022-23.yml"
    plan.write_text(plan.read_text("utf-8").replace("population: {number: 31088}", "population: {number: 31,088}", 1), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "hooks.check", "--root", str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1, result.stderr
    assert "yaml-thousands-separator" in result.stdout
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("1 content problem found") and "translation" not in summary.lower()
    problem = Problem("data/plans/afan/2023-24.yml", 3, "schema-type", "expected a number", "write 3")
    built = str(engine.content_failure([problem]))
    assert built.startswith("1 content problem found") and "translation" not in built.lower()


def test_the_workflow_step_that_runs_every_content_check_is_not_called_a_translation_step():
    import yaml

    from conftest import ROOT

    steps = []
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for job in yaml.safe_load(path.read_text("utf-8"))["jobs"].values():
            steps += [step for step in job.get("steps", []) if "hooks.check" in step.get("run", "")]
    assert steps
    for step in steps:
        assert "translation" not in step.get("name", "").lower().split("(")[0], step["name"]
