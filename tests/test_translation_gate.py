"""The translation gate: consistency checks between the English and the Welsh.

- the fixture corpus (tests/gate_fixtures): for every rule, a case that fails (with the
  problems expected, file and line) and one that passes;
- `python -m hooks.check`: exit codes and each output format;
- freshness: stale texts name what changed, mark-fresh rewrites only what it is asked to;
- the translators' round trip: export, fill in, import;
- the issue's done criteria on a copy of the real site: each content mistake makes both
  `python -m hooks.check` and `mkdocs build --strict` fail, naming the file and line.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hooks import check, translations
from hooks.checks import fingerprints, translation_checks
from hooks.model import plan_data
from hooks.checks.translation_checks import numbers_in, run_checks

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "gate_fixtures"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "base")
FRESHNESS_CASES = {"translation-stale", "translation-unrecorded", "fingerprint-file"}
FRESHNESS_RULES = {"translation-stale", "translation-unrecorded"}


# --- Helpers ----------------------------------------------------------------------------------


def quietly(function, *arguments):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return function(*arguments)


def mark_all_fresh(site: Path) -> None:
    assert quietly(translations.main, ["--root", str(site), "mark-fresh", "--all"]) == 0


def fixture_site(tmp_path: Path, case: str | None = None, kind: str = "fail") -> Path:
    """A copy of the base fixture with its fingerprints recorded, and a case laid over it."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "base", site, symlinks=True)
    mark_all_fresh(site)
    if case is None:
        return site
    overlay = FIXTURES / case / kind
    for file in sorted(overlay.rglob("*")):
        if file.is_dir() and not file.is_symlink():
            continue
        relative = file.relative_to(overlay)
        if relative.as_posix() == "expected.txt":
            continue
        target = site / relative
        if file.name.endswith(".append"):
            target = target.with_name(file.name.removesuffix(".append"))
            target.write_text(target.read_text("utf-8") + file.read_text("utf-8"), "utf-8")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() or target.is_symlink():
            target.unlink()
        shutil.copy2(file, target, follow_symlinks=False)
    return site


def found(problems: list, ignore: set = frozenset()) -> set:
    return {f"{p.path}:{p.line} {p.rule}" for p in problems if p.rule not in ignore}


def expected(case: str) -> list:
    return [line.strip() for line in (FIXTURES / case / "fail" / "expected.txt").read_text("utf-8").splitlines() if line.strip()]


def real_site_copy(tmp_path: Path) -> Path:
    """The repository's site (content, data, hooks, templates, configuration) in a tmp folder: no git."""
    site = tmp_path / "real"
    site.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("content", "data", "hooks", "overrides"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, site / folder, ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    return site


def run_cli(module: str, *arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", module, *arguments], cwd=cwd, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def snapshot(site: Path) -> dict:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


# --- The one table of the gate's rules (translation_checks.GATE_RULES) ----------------------------


def test_every_rule_id_of_the_gate_is_in_the_table_once():
    """Each id the gate's code names as a rule is listed under exactly one family of GATE_RULES."""
    import ast

    listed = [rule_id for rule in translation_checks.GATE_RULES for rule_id in rule.ids]
    assert len(listed) == len(set(listed)), "an id is listed under two rules"
    named = set()
    for module in (translation_checks, fingerprints):
        tree = ast.parse(Path(module.__file__).read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Problem":
                rule = node.args[2] if len(node.args) > 2 else next((k.value for k in node.keywords if k.arg == "rule"), None)
                if isinstance(rule, ast.Constant):
                    named.add(rule.value)
                else:  # a rule passed in: the constants given for it (rule="list-mismatch", ...)
                    named.update(k.value.value for k in ast.walk(tree) if isinstance(k, ast.keyword) and k.arg == "rule" and isinstance(k.value, ast.Constant))
    named |= {"welsh-unchanged-file"}  # made by fingerprints._acknowledgement_problem
    assert named <= set(listed), f"rule ids the gate reports that GATE_RULES does not list: {sorted(named - set(listed))}"


@pytest.mark.parametrize("case", CASES)
def test_each_rule_of_the_table_reports_only_its_own_ids(tmp_path, case):
    site = fixture_site(tmp_path, case, "fail")
    corpus = translation_checks.read_corpus(site)
    store = fingerprints.Store.read(site)
    everyone_s = {rule_id for rule in translation_checks.GATE_RULES for rule_id in rule.ids}
    reported = set()
    for rule in translation_checks.GATE_RULES:
        ids = {problem.rule for problem in rule.find(corpus, store)}
        others = ids - set(rule.ids)
        if rule.readers:  # the readers' own rules (yaml-..., schema-...), never another gate rule's
            others &= everyone_s
        assert not others, f"{rule.checks}: reports {sorted(others)}, not in its ids"
        reported |= ids
    assert reported == {problem.rule for problem in run_checks(site)}


# --- The fixture corpus: every rule fails and passes ------------------------------------------


def test_every_case_has_a_failing_and_a_passing_fixture():
    for case in CASES:
        assert (FIXTURES / case / "fail" / "expected.txt").is_file(), case
        assert (FIXTURES / case / "pass").is_dir(), case


def test_the_base_fixture_is_clean(tmp_path):
    assert run_checks(fixture_site(tmp_path)) == []


@pytest.mark.parametrize("case", CASES)
def test_failing_case(tmp_path, case):
    problems = run_checks(fixture_site(tmp_path, case, "fail"))
    ignore = set() if case in FRESHNESS_CASES else FRESHNESS_RULES
    reported = found(problems, ignore)
    for line in expected(case):
        if re.fullmatch(r"\S+ \S+", line) and not re.search(r":\d+ ", line):  # "path rule": any line
            path, rule = line.split()
            assert any(r.startswith(f"{path}:") and r.endswith(f" {rule}") for r in reported), (line, reported)
            reported = {r for r in reported if not (r.startswith(f"{path}:") and r.endswith(f" {rule}"))}
        else:
            assert line in reported, (line, reported)
            reported.discard(line)
    assert not reported, f"unexpected problems: {reported}"
    for problem in problems:
        assert problem.message and problem.hint  # every problem says what is wrong and how to fix it


@pytest.mark.parametrize("case", CASES)
def test_passing_case(tmp_path, case):
    ignore = set() if case in FRESHNESS_CASES else FRESHNESS_RULES
    problems = [p for p in run_checks(fixture_site(tmp_path, case, "pass")) if p.rule not in ignore]
    assert problems == [], [p.as_text() for p in problems]


def test_markers_are_found_as_the_renderer_finds_them():
    from hooks.rendering import render

    assert translation_checks.MARKER.pattern == render.MARKER.pattern  # a copy, so hooks.check need not load the renderer


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("2024/25", ["2024", "25"]),
        ("the 1st and the 1af", ["1", "1"]),
        ("1,500 and 1500", ["1500", "1500"]),
        ("1,2 and 3", ["1", "2", "3"]),
        ("version 2.2.", ["2.2"]),
        ("400% and 50 y cant", ["400", "50"]),
    ],
)
def test_numbers_are_compared_by_their_digits(text, numbers):
    assert numbers_in(text) == numbers


# --- The real site ----------------------------------------------------------------------------



def test_the_real_site_is_clean():
    problems = run_checks(ROOT)
    assert problems == [], "\n".join(p.as_text() for p in problems)


def test_the_command_passes_on_the_real_site():
    """Its speed is measured by benchmarks/run.py, not here (a timed test fails on a busy machine)."""
    result = run_cli("hooks.check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_broken_data_falls_back_to_the_loaders_problems(tmp_path):
    site = fixture_site(tmp_path)
    interface = site / "data" / "interface.yml"
    before = interface.read_text("utf-8")
    interface.write_text(before + "financial_year: {en: Year, cy: Blwyddyn}\n", "utf-8")
    problems = run_checks(site)
    assert ("data/interface.yml", before.count("\n") + 1, "yaml-duplicate-key") in [(p.path, p.line, p.rule) for p in problems]


# --- python -m hooks.check: exit codes and formats --------------------------------------------


def test_exit_0_when_clean(tmp_path):
    site = fixture_site(tmp_path)
    result = run_cli("hooks.check", "--root", str(site))
    assert result.returncode == 0
    assert result.stdout == ""
    assert "No content problems found" in result.stderr


def test_exit_1_and_text_format(tmp_path):
    site = fixture_site(tmp_path, "number-mismatch")
    result = run_cli("hooks.check", "--root", str(site))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "content/cy/index.md:17: number-mismatch: 300 is in the Welsh of section 'The plans' but not in the English (content/en/index.md, which has 400 instead)"
    assert lines[1].startswith("    fix: ")
    for problem, fix in zip(lines[0::2], lines[1::2]):
        assert re.match(r"^[\w./-]+:\d+(:\d+)?: [a-z-]+: .+", problem)
        assert fix.startswith("    fix: ") and "\n" not in fix
    assert "2 content problems found" in result.stderr


def test_github_format(tmp_path):
    site = fixture_site(tmp_path, "heading-mismatch")
    result = run_cli("hooks.check", "--root", str(site), "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/en/index.md,line=29,title=heading-mismatch::the heading 'Contact us' has no counterpart in the Welsh (content/cy/index.md has 2 headings, this page 3) Fix: give the Welsh page the same headings as the English, at the same levels (the same number of #), in the same order"
    ]


def test_json_format(tmp_path):
    site = fixture_site(tmp_path, "translation-stale")
    result = run_cli("hooks.check", "--root", str(site), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["count"] == 2 == len(report["problems"])
    first = report["problems"][0]
    assert {"path", "line", "rule", "message", "hint", "column", "field"} <= set(first)
    assert (first["path"], first["line"], first["rule"]) == ("content/cy/index.md", 10, "translation-stale")
    assert "the paragraph at line 12 changed" in first["message"]
    assert json.loads(run_cli("hooks.check", "--root", str(fixture_site(tmp_path / "clean")), "--format", "json").stdout) == {"problems": [], "count": 0}


def test_exit_2_for_a_usage_error(tmp_path):
    assert run_cli("hooks.check", "--format", "xml").returncode == 2
    result = run_cli("hooks.check", "--root", str(tmp_path))
    assert result.returncode == 2
    assert "run it from the repository root" in result.stderr


def test_exit_2_for_an_internal_error(tmp_path, monkeypatch, capsys):
    def broken(root):
        raise RuntimeError("a bug")

    monkeypatch.setattr(check.publication, "problems_of", broken)
    assert check.main(["--root", str(fixture_site(tmp_path))]) == 2
    assert "internal error: RuntimeError: a bug" in capsys.readouterr().err


# --- Freshness and mark-fresh -----------------------------------------------------------------


def test_mark_fresh_rewrites_only_the_fingerprints_named(tmp_path):
    site = fixture_site(tmp_path, "translation-stale")
    store = site / fingerprints.STORE_PATH
    before = store.read_text("utf-8").splitlines()
    # the fixture changes the English only: the Welsh needs no change, and says so
    assert quietly(translations.main, ["--root", str(site), "mark-fresh", "--welsh-unchanged", "data/interface.yml#contact_note"]) == 0
    after = store.read_text("utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after) if old != new]
    assert len(before) == len(after) and len(changed) == 1
    assert changed[0][1].startswith("data/interface.yml#contact_note ")
    assert found(run_checks(site)) == {"content/cy/index.md:10 translation-stale"}
    assert quietly(translations.main, ["--root", str(site), "mark-fresh", "--welsh-unchanged", "content/en/index.md"]) == 0  # a page, by either language's path
    assert run_checks(site) == []
    assert [p.name for p in store.parent.iterdir() if p.name.endswith(".tmp")] == []  # written atomically: no temporary file left


def test_mark_fresh_refuses_a_welsh_text_that_was_not_revised_unless_told_it_needs_no_change(tmp_path, capsys):
    site = fixture_site(tmp_path, "translation-stale")  # the English of contact_note changed, its Welsh did not
    store = site / fingerprints.STORE_PATH
    before = store.read_bytes()
    assert translations.main(["--root", str(site), "mark-fresh", "data/interface.yml#contact_note"]) == 1
    err = capsys.readouterr().err
    assert store.read_bytes() == before
    assert "data/interface.yml#contact_note: not marked: the English of the text contact_note of data/interface.yml (data/interface.yml:6) has changed" in err
    assert "but its Welsh (data/interface.yml:7) has not. Revise the Welsh first." in err
    assert 'mark-fresh --welsh-unchanged "data/interface.yml#contact_note"' in err
    # a whole page: the section whose Welsh was not revised is refused, and said
    assert translations.main(["--root", str(site), "mark-fresh", "content/cy/index.md"]) == 1
    assert "content/cy/index.md#2: not marked" in capsys.readouterr().err
    assert found(run_checks(site)) == {"content/cy/index.md:10 translation-stale", "data/interface.yml:7 translation-stale"}
    # once the Welsh is revised, it is recorded without the flag
    interface = site / "data" / "interface.yml"
    interface.write_text(interface.read_text("utf-8").replace("yn eich ateb yn yr iaith", "yn eich ateb o fewn wythnos yn yr iaith"), "utf-8")
    assert translations.main(["--root", str(site), "mark-fresh", "data/interface.yml#contact_note"]) == 0
    assert found(run_checks(site)) == {"content/cy/index.md:10 translation-stale"}
    # told that the Welsh needs no change
    assert translations.main(["--root", str(site), "mark-fresh", "--welsh-unchanged", "content/cy/index.md#2"]) == 0
    assert run_checks(site) == []


def test_mark_fresh_refuses_what_does_not_exist(tmp_path):
    site = fixture_site(tmp_path)
    assert quietly(translations.main, ["--root", str(site), "mark-fresh", "content/cy/nothing.md"]) == 2
    assert quietly(translations.main, ["--root", str(site), "mark-fresh"]) == 2


def test_a_page_section_stale_names_the_block_that_changed(tmp_path):
    site = fixture_site(tmp_path, "translation-stale")
    stale = [p for p in run_checks(site) if p.path == "content/cy/index.md"]
    assert "the paragraph at line 12 changed" in stale[0].message
    # which Welsh to revise, as people find it: the heading counted from 1, its Welsh text, the line
    assert "Revise the Welsh: the section under the 2nd heading, 'Y cynlluniau', of content/cy/index.md (line 10)" in stale[0].message
    assert 'mark-fresh "content/cy/index.md#2"' in stale[0].hint
    # and the line that says the English change needs no Welsh change, ready to paste
    entry = stale[0].hint.split("replace its [TO DO: ...] with why: ", 1)[1]
    assert entry.startswith('- {text: "content/cy/index.md#2", english: "')
    data = yaml.safe_load("welsh_unchanged:\n" + entry + "\n")
    assert data["welsh_unchanged"][0]["text"] == "content/cy/index.md#2" and len(data["welsh_unchanged"][0]["english"]) == 12


def test_a_stale_data_text_names_its_field_counted_from_1(tmp_path):
    site = fixture_site(tmp_path)
    plan = site / "data" / "plans" / "pan-cluster" / "2024-25.yml"
    text = plan.read_text("utf-8")
    units = [u for u in translation_checks.read_corpus(site).text_units() if u.file == "data/plans/pan-cluster/2024-25.yml" and "[0]" in u.label]
    unit = units[0]
    line = unit.en_where[1]
    lines = text.splitlines()
    lines[line - 1] = lines[line - 1].replace("en: ", "en: Now ", 1) if "en: " in lines[line - 1] else lines[line - 1]
    plan.write_text("\n".join(lines) + "\n", "utf-8")
    stale = [p for p in run_checks(site) if p.rule == "translation-stale"]
    assert len(stale) == 1 and stale[0].line == unit.cy_where[1]
    assert fingerprints.describe_field(unit.label) in stale[0].message and "item 1" in stale[0].message


def test_status_reports_pages_and_plans(tmp_path):
    site = fixture_site(tmp_path, "translation-stale")
    (site / "content" / "cy" / "pan-cluster-plan" / "2024-25.md").unlink()
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        assert translations.main(["--root", str(site), "status", "--format", "json"]) == 1
    groups = {g["name"]: g for g in json.loads(output.getvalue())["groups"]}
    assert groups["index.md"]["counts"] == {"up to date": 3, "stale": 1, "not recorded": 0, "missing": 0}
    assert groups["pan-cluster-plan/2024-25.md"]["counts"]["missing"] == 1
    assert groups["pan-cluster/2024-25"]["kind"] == "plan" and groups["pan-cluster/2024-25"]["counts"]["stale"] == 0
    assert groups["data/interface.yml"]["counts"]["stale"] == 1
    with contextlib.redirect_stdout(io.StringIO()) as text:
        translations.main(["--root", str(site), "status"])
    assert "pan-cluster-plan/2024-25.md" in text.getvalue() and "stale: data/interface.yml#contact_note" in text.getvalue()


# --- The translators' round trip --------------------------------------------------------------


def read_export(path: Path) -> list:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, so Excel reads ŵ and ŷ
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def write_filled(path: Path, rows: list, delimiter: str = ",") -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=translations.COLUMNS, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


NEW_ENGLISH_TEXT = "Write to us in Welsh or in English and we will answer you within a week in the language you choose."
NEW_WELSH_TEXT = "Ysgrifennwch atom yn Gymraeg neu yn Saesneg a byddwn yn eich ateb o fewn wythnos yn yr iaith a ddewiswch."


def test_export_fill_in_import(tmp_path):
    site = fixture_site(tmp_path, "translation-stale")  # an English paragraph and an English data text changed
    welsh_page = site / "content" / "cy" / "pan-cluster-plan" / "2024-25.md"
    original_welsh_page = welsh_page.read_text("utf-8")
    welsh_page.unlink()  # and a Welsh page is missing
    assert quietly(translations.main, ["--root", str(site), "status"]) == 1
    export = tmp_path / "to-translate.csv"
    assert quietly(translations.main, ["--root", str(site), "export", str(export)]) == 0
    rows = read_export(export)
    assert [(r["key"], r["status"]) for r in rows] == [
        ("content/cy/index.md#2", "stale"),
        ("content/cy/pan-cluster-plan/2024-25.md#1", "missing"),
        ("data/interface.yml#contact_note", "stale"),
    ]
    assert all(r["fingerprint"].startswith("en:") and r["english"] and r["english_at"] for r in rows)
    section, page, text = rows
    assert section["current_welsh"].startswith("## Y cynlluniau")
    section["welsh"] = section["current_welsh"].replace("gyda'i gilydd.", "gyda'i gilydd, ac yn eu hadolygu bob blwyddyn.")
    page["welsh"] = original_welsh_page
    text["welsh"] = NEW_WELSH_TEXT
    filled = tmp_path / "translated.csv"
    write_filled(filled, rows, delimiter=";")  # as Excel saves it where ; separates fields
    before = snapshot(site)
    assert quietly(translations.main, ["--root", str(site), "import", str(filled)]) == 0
    after = snapshot(site)
    assert quietly(translations.main, ["--root", str(site), "status"]) == 0
    assert run_checks(site) == []
    # No other text has changed: only the Welsh imported, and their fingerprints.
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    assert changed == {"content/cy/index.md", "content/cy/pan-cluster-plan/2024-25.md", "data/interface.yml", fingerprints.STORE_PATH}
    assert after["content/cy/pan-cluster-plan/2024-25.md"].decode("utf-8") == original_welsh_page
    old_lines, new_lines = before["data/interface.yml"].decode().splitlines(), after["data/interface.yml"].decode().splitlines()
    assert [(a, b) for a, b in zip(old_lines, new_lines) if a != b] == [
        ('  cy: "Ysgrifennwch atom yn Gymraeg neu yn Saesneg a byddwn yn eich ateb yn yr iaith a ddewiswch."', f'  cy: "{NEW_WELSH_TEXT}"')
    ]
    old_lines, new_lines = before["content/cy/index.md"].decode().splitlines(), after["content/cy/index.md"].decode().splitlines()
    assert len(old_lines) == len(new_lines)
    assert [number for number, (a, b) in enumerate(zip(old_lines, new_lines), 1) if a != b] == [12]


def test_import_refuses_rows_whose_english_changed_since_the_export(tmp_path):
    site = fixture_site(tmp_path, "translation-stale")
    export = tmp_path / "to-translate.csv"
    quietly(translations.main, ["--root", str(site), "export", str(export)])
    rows = read_export(export)
    for row in rows:
        row["welsh"] = NEW_WELSH_TEXT if row["key"].startswith("data/") else row["current_welsh"]
    write_filled(export, rows)
    interface = site / "data" / "interface.yml"
    interface.write_text(interface.read_text("utf-8").replace(NEW_ENGLISH_TEXT, NEW_ENGLISH_TEXT + " Thank you."), "utf-8")
    before = snapshot(site)
    errors = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(errors):
        assert translations.main(["--root", str(site), "import", str(export)]) == 1
    assert "row 3: data/interface.yml#contact_note: the English has changed since the export" in errors.getvalue()
    after = snapshot(site)
    assert after["data/interface.yml"] == before["data/interface.yml"]  # the refused row wrote nothing
    assert after["content/cy/index.md"] == before["content/cy/index.md"]  # the Welsh as it was: unchanged
    assert found(run_checks(site)) == {"data/interface.yml:7 translation-stale"}  # the accepted row is now up to date


def test_import_keeps_the_style_of_each_welsh_scalar(tmp_path):
    site = fixture_site(tmp_path)
    interface = site / "data" / "interface.yml"
    for relative, field, welsh, line in [
        ("data/interface.yml", "financial_year", "Blwyddyn ariannol newydd", "financial_year: {en: Financial year, cy: Blwyddyn ariannol newydd}"),
        ("data/interface.yml", "not_yet_published", "Nid yw: wedi'i gyhoeddi", "not_yet_published: {en: Summary not yet published, cy: \"Nid yw: wedi'i gyhoeddi\"}"),
        ("data/clusters.yml", "clusters[1].name", "Iechyd y Ddinas", "      cy: Iechyd y Ddinas"),
    ]:
        translations.edit_data_file(site, relative, {field: welsh})
        assert line in (site / relative).read_text("utf-8").splitlines()
    assert interface.read_text("utf-8").startswith("# yaml-language-server")  # comments kept


# --- The done criteria, on a copy of the real site ------------------------------------


# The mistakes find what they change in the real content (the first text of a file, the last
# heading of a page), so that revising the wording of the site does not break them.

NEW_ENGLISH_PARAGRAPH = "This paragraph is new, and it says something important about the site and its plans."
NEW_WELSH_PARAGRAPH = "Mae'r paragraff hwn yn newydd, ac mae'n dweud rhywbeth pwysig am y wefan a'i chynlluniau."


def _first_interface_text(site):
    corpus = translation_checks.read_corpus(site)
    text = next(t for t in corpus.texts if t.where.path == "data/interface.yml")
    return text, text.where.line_of("en"), text.where.line_of("cy")


def _replace_on_line(path, line: int, old: str, new: str) -> None:
    lines = path.read_text("utf-8").split("\n")
    assert old in lines[line - 1], (old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), "utf-8")


def _after_first_heading(path, paragraph: str) -> None:
    lines = path.read_text("utf-8").split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith("# "))
    lines[heading + 1 : heading + 1] = ["", paragraph]
    path.write_text("\n".join(lines), "utf-8")


def _welsh_page_deleted(site):
    (site / "content/cy/about.md").unlink()
    return "content/en/about.md:1", "page-without-welsh"


def _english_page_added(site):
    (site / "content/en/news.md").write_text("# News\n\nThe health board publishes news about the primary care plans on this page.\n", "utf-8")
    return "content/en/news.md:1", "page-without-welsh"


def _welsh_data_text_emptied(site):
    text, _, cy_line = _first_interface_text(site)
    _replace_on_line(site / "data/interface.yml", cy_line, text.cy, '""')
    return f"data/interface.yml:{cy_line}", "schema-minLength"  # the schema's rule: an empty text is refused as the file is read


def _english_copied_into_welsh(site):
    text, _, cy_line = _first_interface_text(site)
    _replace_on_line(site / "data/interface.yml", cy_line, text.cy, text.en)
    return f"data/interface.yml:{cy_line}", "text-untranslated"


def _number_changed(site):
    path = site / "content/en/accessibility.md"
    number = re.search(r"\b(\d+)%", path.read_text("utf-8"))
    line = line_of(path, number.group(0))
    _replace_on_line(path, line, number.group(0), f"{int(number.group(1)) + 1}%")
    return f"content/en/accessibility.md:{line}", "number-mismatch"


def _english_paragraph_changed(site):
    _after_first_heading(site / "content/en/about.md", NEW_ENGLISH_PARAGRAPH)
    return f"content/cy/about.md:{line_of(site / 'content/cy/about.md', '# ')}", "translation-stale"


def _english_pasted_into_welsh(site):
    path = site / "content/cy/about.md"
    english = "We welcome correspondence and telephone calls in Welsh or English, and we answer every letter."
    path.write_text(path.read_text("utf-8") + "\n" + english + "\n", "utf-8")
    return f"content/cy/about.md:{line_of(path, english)}", "wrong-language"


def _heading_removed(site):
    welsh, english = site / "content/cy/accessibility.md", site / "content/en/accessibility.md"
    last_heading = [line for line in welsh.read_text("utf-8").splitlines() if line.startswith("## ")][-1]
    welsh.write_text(welsh.read_text("utf-8").replace(last_heading + "\n", "", 1), "utf-8")
    english_heading = [line for line in english.read_text("utf-8").splitlines() if line.startswith("## ")][-1]
    return f"content/en/accessibility.md:{line_of(english, english_heading)}", "heading-mismatch"


def _link_removed(site):
    path = site / "content/cy/index.md"
    text = path.read_text("utf-8")
    link = re.search(r"\[([^\]]+)\]\(clusters/index\.md\)", text)
    path.write_text(text.replace(link.group(0), link.group(1)), "utf-8")
    return f"content/en/index.md:{line_of(site / 'content/en/index.md', '](clusters/index.md)')}", "link-mismatch"


MISTAKES = [
    _welsh_page_deleted,
    _english_page_added,
    _welsh_data_text_emptied,
    _english_copied_into_welsh,
    _number_changed,
    _english_paragraph_changed,
    _english_pasted_into_welsh,
    _heading_removed,
    _link_removed,
]


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.__name__.strip("_"))
def test_each_mistake_fails_the_check_and_the_build(tmp_path, mistake):
    site = real_site_copy(tmp_path)
    where, rule = mistake(site)
    result = run_cli("hooks.check", cwd=site)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(rf"^{re.escape(where)}(:\d+)?: {rule}: ", result.stdout, re.M), result.stdout
    build = run_cli("mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "built"), cwd=site)
    assert build.returncode != 0, build.stdout + build.stderr
    log = build.stdout + build.stderr
    assert where.split(":")[0] in log, log


def test_round_trip_on_the_real_site(tmp_path):
    site = real_site_copy(tmp_path)
    _english_paragraph_changed(site)
    text, en_line, _ = _first_interface_text(site)
    _replace_on_line(site / "data/interface.yml", en_line, text.en, text.en + " (new)")
    export = tmp_path / "export.csv"
    assert run_cli("hooks.translations", "export", str(export), cwd=site).returncode == 0
    rows = read_export(export)
    assert [r["key"] for r in rows] == ["content/cy/about.md#1", f"data/interface.yml#{text.where.field}"]
    welsh = rows[0]["current_welsh"].split("\n")
    rows[0]["welsh"] = "\n".join(welsh[:1] + ["", NEW_WELSH_PARAGRAPH] + welsh[1:])
    rows[1]["welsh"] = text.cy + " (newydd)"
    write_filled(export, rows)
    before = snapshot(site)
    assert run_cli("hooks.translations", "import", str(export), cwd=site).returncode == 0
    after = snapshot(site)
    assert run_cli("hooks.translations", "status", cwd=site).returncode == 0
    assert run_cli("hooks.check", cwd=site).returncode == 0
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {"content/cy/about.md", "data/interface.yml", fingerprints.STORE_PATH}


# --- The fast paths give the careful answers ------------------------------------------------


def test_freshness_is_the_same_with_the_pairs_given_built_on_need_or_built_inside():
    """A unit recorded under another key of its file (texts inserted or reordered in both
    languages), one stale, one unrecorded, one up to date: freshness() says the same whether the
    pairs are passed, passed as the function that builds them, or left to it; and with the
    translation gate's memo of fingerprints."""
    store = fingerprints.Store(Path("."))
    moved = fingerprints.Unit("data/x.yml#b", "text", "data/x.yml", "b", "The same text", "Yr un testun", ("data/x.yml", 3), ("data/x.yml", 4))
    stale = fingerprints.Unit("data/x.yml#c", "text", "data/x.yml", "c", "New English", "Hen Gymraeg", ("data/x.yml", 5), ("data/x.yml", 6))
    unrecorded = fingerprints.Unit("data/x.yml#d", "text", "data/x.yml", "d", "Not recorded", "Heb ei gofnodi", ("data/x.yml", 7), ("data/x.yml", 8))
    fresh = fingerprints.Unit("data/x.yml#e", "text", "data/x.yml", "e", "Fresh", "Ffres", ("data/x.yml", 9), ("data/x.yml", 10))
    missing = fingerprints.Unit("data/x.yml#f", "text", "data/x.yml", "f", "Missing", " ", ("data/x.yml", 11), ("data/x.yml", 12))
    store.records["data/x.yml#a"] = fingerprints.Record(moved.en_fingerprint, moved.cy_fingerprint)
    store.records["data/x.yml#c"] = fingerprints.Record(fingerprints.fingerprint("Old English"), stale.cy_fingerprint)
    store.records["data/x.yml#e"] = fingerprints.Record(fresh.en_fingerprint, fresh.cy_fingerprint)
    corpus = translation_checks.Corpus(Path("."), {}, [], [])
    for unit in (moved, stale, unrecorded, fresh, missing):
        careful = fingerprints.freshness(unit, store)
        assert fingerprints.freshness(unit, store, fingerprints.pairs_of(store)) == careful
        assert fingerprints.freshness(unit, store, lambda: fingerprints.pairs_of(store)) == careful
        assert fingerprints.freshness(unit, store, None, corpus.fingerprint) == careful
        assert careful.changes_cy == fingerprints.freshness(unit, store, None, corpus.fingerprint).changes_cy
    assert [fingerprints.freshness(u, store).state for u in (moved, stale, unrecorded, fresh, missing)] == [
        fingerprints.UP_TO_DATE, fingerprints.STALE, fingerprints.NOT_RECORDED, fingerprints.UP_TO_DATE, fingerprints.MISSING,
    ]


def test_each_distinct_text_is_identified_once_and_every_place_of_a_wrong_one_reported(tmp_path, monkeypatch):
    """language_problems asks the identifier about each (text, language) once, however many
    places hold it, and reports each place of a text in the wrong language."""
    import dataclasses

    corpus = translation_checks.read_corpus(fixture_site(tmp_path))
    english = "This sentence is plainly written in English, not in Welsh at all."
    texts = [dataclasses.replace(text, cy=english) for text in corpus.texts[:3]] + corpus.texts[3:]
    corpus = translation_checks.Corpus(corpus.root, corpus.pages, texts, corpus.same_in_both, corpus.problems)
    asked = []
    careful = translation_checks.LanguageIdentifier.wrong_languages

    def counting(self, items):
        asked.extend(items)
        return careful(self, items)

    monkeypatch.setattr(translation_checks.LanguageIdentifier, "wrong_languages", counting)
    problems = translation_checks.language_problems(corpus)
    assert len(asked) == len(set(asked)) and (english, "cy") in asked
    wrong = [p for p in problems if "'This sentence is plainly" in p.message]
    assert len(wrong) == 3 and [p.rule for p in wrong] == ["wrong-language"] * 3
    assert {(p.path, p.line) for p in wrong} == {(u.cy_where[0], u.cy_where[1]) for u in corpus.text_units()[:3]}


# The identifier loads lingua's models as it is built, asks for both languages' confidence of
# each text in one call, finds the names with html_text.words_pattern and counts a text's words
# only up to MIN_WORDS (hooks/checks/translation_checks.py). careful_wrong_languages is the
# identifier as it was before: the models loaded by the first texts, one call for each language,
# the names as one alternation after a look back, every word listed. The same verdict on every
# text the gate asks about, of the real site and of a synthetic site of 9 plans, each asked
# in its own language and in the other (where most are wrong).


def careful_wrong_languages(same_in_both: list, items: list) -> list:
    from lingua import Language, LanguageDetectorBuilder

    names = sorted((name for name in same_in_both if name.strip()), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)") if names else None

    def words(text):
        text = translation_checks._URL.sub(" ", translation_checks._PLACEHOLDER.sub(" ", text))
        return pattern.sub(" ", text) if pattern is not None else text

    def significant(text):
        return [word for word in translation_checks._WORD.findall(text) if len(word) >= 2 and not word.isupper()]

    words_of = {(text, locale): words(text) for text, locale in set(items)}
    wanted = {(text, locale) for (_, locale), text in words_of.items() if len(significant(text)) >= translation_checks.MIN_WORDS}
    detector = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.WELSH).with_low_accuracy_mode().build()
    verdicts = {}
    for locale, language in {"en": Language.ENGLISH, "cy": Language.WELSH}.items():
        texts = sorted(text for text, text_locale in wanted if text_locale == locale)
        if texts:
            for text, confidence in zip(texts, detector.compute_language_confidence_in_parallel(texts, language)):
                verdicts[text, locale] = confidence < translation_checks.MIN_CONFIDENCE
    return [verdicts.get((words_of[item], item[1]), False) for item in items]


def _asked_of(root: Path, monkeypatch) -> tuple:
    """(same_in_both, every (text, locale) the gate asks the identifier about) of the site at root."""
    corpus = translation_checks.read_corpus(root)
    asked = []

    def recording(self, items):
        asked.extend(items)
        return [False] * len(items)

    with monkeypatch.context() as patched:
        patched.setattr(translation_checks.LanguageIdentifier, "wrong_languages", recording)
        translation_checks.language_problems(corpus)
    return corpus.same_in_both, asked


def test_the_identifier_gives_the_careful_verdict_on_every_text_of_the_site_and_a_synthetic_one(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synthetic_site
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    synthetic = synthetic_site.make(ROOT, tmp_path / "synthetic", 9)
    for root in (ROOT, synthetic.root):
        same_in_both, asked = _asked_of(root, monkeypatch)
        assert len(asked) > 1000
        items = asked + [(text, "cy" if locale == "en" else "en") for text, locale in asked]
        identifier = translation_checks.LanguageIdentifier(same_in_both)
        verdicts = identifier.wrong_languages(items)
        assert verdicts == careful_wrong_languages(same_in_both, items)
        assert not any(verdicts[: len(asked)]) and sum(verdicts[len(asked) :]) > 900
