"""Every mistake a content editor can make gives one clear message, never a traceback.

The corpus is tests/malformed/: each NAME.yml is a data file with one mistake (most are a copy
of tests/malformed/_valid-cluster-plan.yml with one thing changed; the first line of each says
what). EXPECTED below says where the file is put in a copy of data/ and the message it must
produce: the rule, the line (and column where it is a fixed place in the line), and a phrase of
the message. Then hooks.model.plan_data.load reads the whole copy, as the build does.

A few cases also go through a real `mkdocs build --strict`, `python -m hooks.new` and
`python -m hooks.check` (the translation gate, which reads every file too), to prove
that what reaches the editor is the message, not a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from hooks.model import plan_data, strict_yaml
from hooks.problems import ContentError

CORPUS = Path(__file__).resolve().parent / "malformed"
PLAN = "data/plans/upper-valleys/2022-23.yml"
PAN_PLAN = "data/plans/pan-cluster/2024-25.yml"
CLUSTERS = "data/clusters.yml"


@dataclass(frozen=True)
class Expected:
    rule: str
    line: int | None
    says: str  # a phrase of the message or of its fix
    target: str = PLAN  # where the case is put in the copy of the repository
    count: int = 1  # how many problems the case must produce, in all
    column: int | None = None
    field: str | None = None  # the field path the problem names


EXPECTED = {
    # --- the file cannot be read as YAML ------------------------------------------------------
    "empty-file": Expected("yaml-empty", 1, "the file is empty"),
    "only-comments": Expected("yaml-empty", 1, "the file is empty"),
    "not-utf8": Expected("yaml-encoding", 7, "not valid UTF-8", column=48),
    "utf16": Expected("yaml-encoding", 1, "UTF-16"),
    "bom-then-tab": Expected("yaml-tab", 7, "tab", column=1),
    "tab-indentation": Expected("yaml-tab", 7, "indent with spaces", column=1),
    "control-character": Expected("yaml-control-character", 20, "U+0008", column=25),
    "control-character-escape": Expected("yaml-control-character", 20, "U+0002", column=18),
    "top-level-list": Expected("yaml-not-mapping", 2, "mapping of named fields is expected"),
    "deeply-nested": Expected("yaml-too-deep", 39, "nested more than 60 levels"),
    "two-documents": Expected("yaml-many-documents", 22, "remove the extra --- line", column=1),
    "unclosed-quote": Expected("yaml-text-after-quote", 10, "opens and closes with the same quote"),
    "apostrophe-in-single-quotes": Expected("yaml-text-after-quote", 56, "written twice ('')"),
    "colon-in-text": Expected("yaml-colon", 30, "must be written in quotes", column=21),
    "bad-indentation": Expected("yaml-indentation", 42, "line up the fields", column=2),
    "unclosed-bracket": Expected("yaml-unclosed-bracket", 39, "not closed", column=17),
    "backslash-in-double-quotes": Expected("yaml-escape", 20, "write a backslash twice"),
    "missing-colon": Expected("yaml-missing-colon", 6, "add ': ' after the field's name", column=3),
    "reserved-character": Expected("yaml-reserved-character", 20, 'quotes: "@..."', column=18),
    # --- YAML that reads, but not as meant ----------------------------------------------------
    "duplicate-key": Expected("yaml-duplicate-key", 8, "'title' appears twice in the same mapping (first on line 5)", column=1),
    "duplicate-key-in-text": Expected("yaml-duplicate-key", 10, "'en' appears twice"),
    "python-tag": Expected("yaml-tag", 19, "'!!python/object/apply:os.system' is not allowed", column=19),
    "custom-tag": Expected("yaml-tag", 20, "'!include' is not allowed"),
    "anchor-and-alias": Expected("yaml-alias", 34, "write the value out in full"),
    "number-key": Expected("yaml-key-type", 20, 'write the key in quotes ("2021")', column=7),
    "boolean-word": Expected("yaml-boolean-word", 47, 'write it in quotes ("No")'),
    "boolean-key": Expected("yaml-boolean-word", 14, 'write it in quotes ("on")', column=3),
    "leading-zero": Expected("yaml-leading-zero", 19, 'write it in quotes ("0412")'),
    "base-60": Expected("yaml-base-60", 21, 'write it in quotes ("12:30")', column=13),
    "bare-date": Expected("yaml-bare-date", 13, '"2026-11-24"', column=12),
    "exponent-number": Expected("yaml-exponent", 41, "write the number in full"),
    "thousands-separator": Expected("yaml-thousands-separator", 19, "without thousands separators: 31088; if a text is meant, put it in quotes", column=28),
    "number-too-long": Expected("yaml-number-too-long", 19, "write it in quotes"),
    # --- the schema: wrong types, missing and unknown fields ----------------------------------
    "goal-id-1-10": Expected("schema-type", 34, 'write it in double quotes, exactly as it should read: "1.10"', field="action_plan.areas[0].goals[1].id"),
    "number-where-text": Expected("schema-type", 20, '"2021"', column=14, field="key_facts[0].source.en"),
    "missing-field": Expected("schema-required", 2, "the field 'source_document' is missing"),
    "unknown-field": Expected("schema-additionalProperties", 8, "unknown field 'sorce_document'", count=2),
    "missing-welsh": Expected("schema-required", 8, "the field 'cy' is missing", field="source_document"),
    "empty-text": Expected("schema-minLength", 47, "the text is empty", field="finance.projects[1].project.cy"),
    "text-where-bilingual": Expected("schema-type", 5, "English and Welsh (en: and cy:)", field="title"),
    "mapping-where-list": Expected("schema-type", 30, "its own line with '- '", field="action_plan.areas[0].goals[0].methods"),
    "money-as-text": Expected("schema-type", 41, "without quotes, £, % or commas: 1000.00", field="finance.allocation"),
    "decimal-comma": Expected("schema-type", 37, "commas: 1.5", field="workforce.roles[0].wte"),
    "money-beyond-pence": Expected("money-pence", 48, "more than two decimal places", count=2, field="finance.projects[1].agreed_spend"),
    "negative-amount": Expected("schema-minimum", 48, "never negative", field="finance.projects[1].agreed_spend"),
    "likelihood-word": Expected("schema-enum", 55, "use one of: 'L', 'M', 'H'", field="risks.register[0].likelihood"),
    "year-wrong-form": Expected("schema-pattern", 4, "YYYY-YY", field="year"),
    "date-wrong-form": Expected("schema-pattern", 12, "written YYYY-MM-DD", field="dates.approved.date"),
    "unknown-figure-kind": Expected("schema-additionalProperties", 19, "allowed here are: number, percent, money, date, month, code", field="key_facts[0].figures.population.amount"),
    "no-kind": Expected("plan-kind", 2, "the plan has no 'kind' field"),
    "pan-priority-number-as-word": Expected("schema-type", 12, "whole number", target=PAN_PLAN, field="plan.priorities[0].number"),
    # --- links ----------------------------------------------------------------------------------
    "javascript-link": Expected("schema-pattern", 21, "a 'javascript:' link is not allowed", field="key_facts[0].source_url"),
    "data-link": Expected("schema-pattern", 21, "a 'data:' link is not allowed", field="key_facts[0].source_url"),
    "link-with-quote-and-space": Expected("schema-pattern", 21, "no spaces, quotes or < >", field="key_facts[0].source_url"),
    # --- figures and placeholders ---------------------------------------------------------------
    "figure-date-not-real": Expected("figure-invalid", 20, "'2021-02-30') is not a real date", field="key_facts[0].figures.counted"),
    "approval-date-not-real": Expected("date-invalid", 12, "'2022-06-31' is not a real date", field="dates.approved"),
    "pan-sign-off-month-not-real": Expected("date-invalid", 5, "'2024-13' is not a real date", target=PAN_PLAN),
    "placeholder-without-figure": Expected("figure-missing", 17, "{poblogaeth} has no figure", count=2, field="key_facts[0].text.cy"),
    "figure-not-used": Expected("figure-unused", 16, "'households' is not used in the English text", count=2),
    "placeholder-with-format": Expected("figure-format", 16, "{population:>12}"),
    "stray-brace": Expected("figure-braces", 33, "write a literal brace twice"),
    "placeholder-unfilled": Expected("placeholder-unfilled", 33, "the Welsh text is still a placeholder"),
    # --- the plan's own checks ------------------------------------------------------------------
    "finance-total-wrong": Expected("finance-total", 49, "the projects add up to £1,000.00, but the stated total is £1,100.00"),
    "finance-available-wrong": Expected("finance-available", 43, "allocation plus brokerage is £1,250.00"),
    "goal-in-wrong-area": Expected("plan-goal-number", 28, "goal 2.1 is in area 1", column=11),
    "goal-number-repeated": Expected("plan-goal-repeated", 34, "two goals numbered 1.1"),
    "area-number-repeated": Expected("plan-area-repeated", 34, "two areas numbered 1"),
    "year-not-file-name": Expected("plan-file-name", 4, "should be data/plans/upper-valleys/2023-24.yml"),
    "yaml-extension": Expected("plan-file-name", None, "rename it to 2023-24.yml", target="data/plans/upper-valleys/2023-24.yaml"),
    "unknown-cluster": Expected("plan-unknown-cluster", 3, "there is no cluster 'upper-vallies'", target="data/plans/upper-vallies/2022-23.yml"),
    # --- clusters -------------------------------------------------------------------------------
    "clusters-unknown-authority": Expected("cluster-unknown-authority", 25, "no local authority 'swansae'", target=CLUSTERS),
    "clusters-repeated": Expected("cluster-repeated", 38, "'cwmtawe' is listed twice", target=CLUSTERS),
}


def _data_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def _place(root: Path, name: str, target: str) -> None:
    destination = root / target
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes((CORPUS / f"{name}.yml").read_bytes())


def _problems_of(root: Path) -> list:
    with pytest.raises(ContentError) as caught:
        plan_data.load(root)
    return caught.value.problems


def test_every_case_in_the_corpus_has_an_expectation_and_there_are_enough():
    cases = {file.stem for file in CORPUS.glob("*.yml") if not file.name.startswith("_")}
    assert cases == set(EXPECTED), (sorted(cases - set(EXPECTED)), sorted(set(EXPECTED) - cases))
    assert len(cases) >= 30


def test_the_valid_plan_the_cases_start_from_loads(tmp_path):
    root = _data_copy(tmp_path)
    (root / PLAN).write_bytes((CORPUS / "_valid-cluster-plan.yml").read_bytes())
    data = plan_data.load(root)
    plan = data.plans["upper-valleys/2022-23"]
    assert plan.content["key_facts"][0]["text"].render("cy") == "Mae'r clwstwr yn gwasanaethu 31,088 o bobl."


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_input_gives_its_message(tmp_path, name):
    expected = EXPECTED[name]
    root = _data_copy(tmp_path)
    _place(root, name, expected.target)
    problems = _problems_of(root)
    texts = "\n".join(p.as_text() for p in problems)
    assert all(p.path == expected.target for p in problems), texts  # nothing else is blamed
    assert len(problems) == expected.count, texts
    matching = [p for p in problems if p.rule == expected.rule and p.line == expected.line]
    assert matching, texts
    problem = matching[0]
    assert expected.says in problem.message + " fix: " + problem.hint, texts
    if expected.column is not None:
        assert problem.column == expected.column, texts
    if expected.field is not None:
        assert problem.field == expected.field, texts
    for found in problems:  # every message says what is wrong and how to fix it
        assert found.message and found.hint, found
        text = found.as_text()
        assert text.startswith(found.path + (f":{found.line}" if found.line else "") + ":"), text
        assert "\n    fix: " in text and "Traceback" not in text


# --- limits: very large files never hang ------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_at_once(tmp_path):
    file = tmp_path / "big.yml"
    file.write_bytes(b"notes:\n" + b"  - " + b"x" * (strict_yaml.MAX_BYTES + 10) + b"\n")
    started = time.monotonic()
    with pytest.raises(ContentError) as caught:
        strict_yaml.read(file, "data/plans/x/2022-23.yml")
    assert time.monotonic() - started < 2
    (problem,) = caught.value.problems
    assert problem.rule == "yaml-too-large" and "split it" in problem.hint


@pytest.mark.parametrize("shape", [
    "- x\n",  # one value per line
    "[" + "1, " * 40 + "1]\n",  # many values on a line
])
def test_a_file_with_too_many_values_is_refused_quickly(shape):
    text = "items:\n" + "".join(f"  - {shape}" for _ in range(strict_yaml.MAX_VALUES // (shape.count(",") + 1) + 50))
    assert len(text) < strict_yaml.MAX_BYTES
    started = time.monotonic()
    with pytest.raises(ContentError) as caught:
        strict_yaml.parse(text, "big.yml")
    elapsed = time.monotonic() - started
    (problem,) = caught.value.problems
    assert problem.rule == "yaml-too-many-values", problem
    assert elapsed < 20, elapsed  # about 3 s on the 2-core CI machine


def test_nesting_thousands_deep_stops_at_the_limit_without_recursion_error():
    with pytest.raises(ContentError) as caught:
        strict_yaml.parse("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "deep.yml")
    assert caught.value.problems[0].rule == "yaml-too-deep"
    nested = "".join("  " * depth + f"k{depth}:\n" for depth in range(500)) + "  " * 500 + "end\n"
    with pytest.raises(ContentError) as caught:
        strict_yaml.parse(nested, "deep.yml")
    assert caught.value.problems[0].rule == "yaml-too-deep"


def test_a_byte_order_mark_alone_is_harmless(tmp_path):
    file = tmp_path / "bom.yml"
    file.write_bytes(b"\xef\xbb\xbfkind: cluster-plan\nyear: \"2022-23\"\n")
    document = strict_yaml.read(file, "bom.yml")
    assert document.data == {"kind": "cluster-plan", "year": "2022-23"}
    assert document.locations[("year",)] == (2, 1)


# --- the commands people run: the message reaches them, a traceback never does -----------------


def _project(tmp_path: Path) -> Path:
    for name in ("content", "data", "hooks", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@pytest.mark.parametrize("name", ["duplicate-key", "not-utf8", "javascript-link", "finance-total-wrong", "clusters-unknown-authority"])
def test_the_build_stops_with_the_message_and_no_traceback(tmp_path, name):
    expected = EXPECTED[name]
    project = _project(tmp_path)
    _place(project, name, expected.target)
    result = build_site(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert f"{expected.target}:{expected.line}" in output and expected.rule in output, output
    assert "fix:" in output


def test_a_missing_interface_text_stops_the_build_with_the_page_and_no_traceback(tmp_path):
    project = _project(tmp_path)
    interface = project / "data" / "interface.yml"
    lines = interface.read_text("utf-8").splitlines(keepends=True)
    interface.write_text("".join(line for line in lines if not line.startswith("methods:")), "utf-8")
    result = build_site(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert "interface-missing" in output and "data/interface.yml has no text 'methods'" in output, output
    assert "content/en/clusters/upper-valleys/2022-23.md:" in output, output


@pytest.mark.parametrize("name", ["clusters-unknown-authority", "clusters-repeated", "not-utf8", "empty-file"])
def test_scaffolding_refuses_with_the_message_and_no_traceback(tmp_path, name):
    project = _project(tmp_path)
    _place(project, name, CLUSTERS)
    before = sorted(p for p in project.rglob("*") if p.is_file())
    result = subprocess.run(
        [sys.executable, "-m", "hooks.new", "plan", "--cluster", "afan", "--year", "2025-26"],
        cwd=project, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(project)),
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "data/clusters.yml" in result.stderr and "fix:" in result.stderr, result.stderr
    assert sorted(p for p in project.rglob("*") if p.is_file()) == before  # nothing written


@pytest.mark.parametrize("name", ["duplicate-key", "not-utf8", "top-level-list", "control-character"])
def test_the_content_check_reports_the_message_and_no_traceback(tmp_path, name):
    expected = EXPECTED[name]
    project = _project(tmp_path)
    _place(project, name, expected.target)
    result = subprocess.run([sys.executable, "-m", "hooks.check"], cwd=project, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(project)))
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert f"{expected.target}:{expected.line}" in output and expected.rule in output, output
