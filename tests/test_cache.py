"""The hooks' cache (hooks/cache.py): same site cold or warm, work reused only while its inputs are the same."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

from hooks import cache, gate, publication
from hooks import render as blocks
from hooks.problems import ContentError

SKIPPED = {".git", ".venv", ".cache", "site", "node_modules", "tests", "benchmarks", "__pycache__", ".pytest_cache", ".hypothesis"}
PLAN_FILE = "data/plans/upper-valleys/2022-23.yml"
PLAN_PAGE = "clusters/upper-valleys/2022-23.md"
PAN_PAGE = "pan-cluster-plan/2024-25.md"


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=lambda folder, names: {n for n in names if n in SKIPPED or n.startswith(".site.")})
    return copy


@pytest.fixture(autouse=True)
def fresh_process_state():
    """Each test starts as a new process would: nothing loaded in memory."""
    publication._cache.clear()
    yield
    publication._cache.clear()


def mkdocs_build(project: Path, destination: Path, **env) -> subprocess.CompletedProcess:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env)
    environment.pop("SOURCE_DATE_EPOCH", None)
    if "PLAN_SITE_CACHE" not in env:
        environment.pop("PLAN_SITE_CACHE", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(destination)],
        cwd=project, env=environment, capture_output=True, text=True,
    )


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def render(site: publication.Publication, locale: str, inner: str, root: Path) -> str:
    markdown = (root / "content" / locale / inner).read_text("utf-8")
    return site.render_page(markdown, locale, f"content/{locale}/{inner}", inner)


# --- The site is the same, cold or warm -------------------------------------------------------------


def test_without_the_cache_a_first_build_and_a_second_build_write_the_same_site(project, tmp_path):
    off = mkdocs_build(project, tmp_path / "off", PLAN_SITE_CACHE="off")
    assert off.returncode == 0, off.stderr
    assert not (project / ".cache").exists(), "PLAN_SITE_CACHE=off must not write a cache"
    cold = mkdocs_build(project, tmp_path / "cold")
    assert cold.returncode == 0, cold.stderr
    assert (project / cache.FOLDER).is_dir()
    warm = mkdocs_build(project, tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr
    reference = tree(tmp_path / "off")
    for name in ("cold", "warm"):
        other = tree(tmp_path / name)
        assert sorted(other) == sorted(reference)
        assert [f for f in reference if reference[f] != other[f]] == [], name


def change_allocation(project: Path) -> None:
    """Upper Valleys' allocation (and so its total available) up by £1: shown on both languages' pages."""
    plan = project / PLAN_FILE
    text = plan.read_text("utf-8")
    for field in ("allocation", "stated_total_available"):
        assert f"  {field}: 224786.00\n" in text
        text = text.replace(f"  {field}: 224786.00\n", f"  {field}: 224787.00\n")
    plan.write_text(text, "utf-8")


def test_a_change_after_a_warm_build_reaches_the_site(project, tmp_path):
    assert mkdocs_build(project, tmp_path / "first").returncode == 0
    change_allocation(project)
    result = mkdocs_build(project, tmp_path / "second")
    assert result.returncode == 0, result.stderr
    for folder in ("", "cy/"):
        page = (tmp_path / "second" / f"{folder}clusters/upper-valleys/2022-23/index.html").read_text("utf-8")
        assert "224,787.00" in page and "224,786.00" not in page, folder
        data = (tmp_path / "second" / f"{folder}data/upper-valleys/2022-23/finance.csv").read_text("utf-8-sig")
        assert "224787.00" in data and "224786.00" not in data, folder


# --- What is reused, and what is not ---------------------------------------------------------------


def test_a_state_that_loaded_before_is_not_loaded_again_until_needed(project):
    first = publication.load(project)
    assert first._data is not None  # a new state: loaded and checked in full
    english = render(first, "en", PLAN_PAGE, project)
    publication._cache.clear()  # as a new process
    second = publication.load(project)
    assert second._data is None, "a state that loaded cleanly before must not be loaded again"
    assert render(second, "en", PLAN_PAGE, project) == english
    assert second._data is None, "a page rendered before comes from the cache"


def test_a_page_that_was_not_rendered_before_loads_the_data(project):
    publication.load(project)
    publication._cache.clear()
    site = publication.load(project)
    assert site._data is None
    render(site, "cy", PAN_PAGE, project)
    assert site._data is not None


def test_changing_one_plan_leaves_the_pages_of_other_plans_as_they_were(project, monkeypatch):
    """What the render cache relies on (blocks.dependencies): a plan's blocks read no other plan."""
    monkeypatch.setenv("PLAN_SITE_CACHE", "off")
    before = publication.load(project)
    pages = {(locale, inner): render(before, locale, inner, project) for locale in ("en", "cy") for inner in (PLAN_PAGE, PAN_PAGE)}
    change_allocation(project)
    after = publication.load(project)
    assert after is not before
    for (locale, inner), text in pages.items():
        assert (render(after, locale, inner, project) != text) == (inner == PLAN_PAGE), (locale, inner)


def test_dependencies_of_a_page():
    assert blocks.dependencies("<!-- plan:finance a/2022-23 -->\n<!-- plan:risks a/2022-23 -->") == {"a/2022-23"}
    assert blocks.dependencies("<!-- plan:clusters -->") is None
    assert blocks.dependencies("<!-- plan:no-such-block -->") is None
    assert blocks.dependencies("No blocks") == set()


def test_a_problem_is_reported_every_time_even_after_a_good_state_was_kept(project):
    publication.load(project)
    plan = project / PLAN_FILE
    good = plan.read_text("utf-8")
    plan.write_text(good.replace("stated_total_available: 224786.00", "stated_total_available: 1.00"), "utf-8")
    for _ in range(2):
        publication._cache.clear()
        with pytest.raises(ContentError) as raised:
            publication.load(project)
        assert any(p.rule == "finance-available" for p in raised.value.problems)
    plan.write_text(good, "utf-8")
    publication._cache.clear()
    assert publication.load(project)._data is None  # the good state is still known


def test_the_gate_keeps_only_clean_results(project):
    assert gate.run(project) == []
    store = cache.Cache(project)
    assert store.has(gate.PASSED, gate.key(project))
    page = project / "content" / "cy" / "about.md"
    page.write_text(page.read_text("utf-8") + "\nThis sentence is plainly written in English and not in Welsh at all.\n", "utf-8")
    for _ in range(2):
        problems = gate.run(project)
        assert problems, "a page edit that breaks the gate must be reported"
        assert not store.has(gate.PASSED, gate.key(project))


# --- The store itself --------------------------------------------------------------------------------


def test_a_damaged_entry_counts_as_absent(project):
    store = cache.Cache(project)
    store.put_text("page", "k", "rendered text")
    assert store.get_text("page", "k") == "rendered text"
    path = store.folder / "page" / "k"
    path.write_bytes(path.read_bytes()[:-3])  # cut short
    assert store.get_text("page", "k") is None
    path.write_bytes(b"not a digest\nrendered text")
    assert store.get_text("page", "k") is None


def test_an_unwritable_cache_is_no_cache(project, tmp_path):
    (project / ".cache").write_text("a file where the cache folder would be", "utf-8")
    store = cache.Cache(project)
    store.put_text("page", "k", "text")  # no exception
    assert store.get_text("page", "k") is None
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr


def test_folders_of_other_code_versions_are_removed(project):
    old = project / cache.FOLDER / "0123456789abcdef"
    old.mkdir(parents=True)
    (old / "entry").write_text("old", "utf-8")
    store = cache.Cache(project)
    store.put_text("page", "k", "text")
    assert not old.exists()
    assert store.get_text("page", "k") == "text"


def test_the_code_version_follows_the_templates(project, monkeypatch):
    before = cache.code_version()
    monkeypatch.setattr(cache, "TEMPLATE_DIR", project / "hooks" / "templates")
    template = project / "hooks" / "templates" / "finance.md.jinja"
    template.write_text(template.read_text("utf-8") + "\n", "utf-8")
    assert cache.code_version() != before


def test_digest_parts_are_kept_apart():
    assert cache.digest("ab", "c") != cache.digest("a", "bc")
    assert cache.digest("x") == cache.digest(b"x")


# --- Work kept per file: plans, data texts, language verdicts --------------------------------------


def test_an_unchanged_plan_file_is_not_read_again(project, monkeypatch):
    from hooks import plan_data, strict_yaml

    store = cache.Cache(project)
    first = plan_data.load(project, store)
    read = []
    original = strict_yaml.read
    monkeypatch.setattr(strict_yaml, "read", lambda file, relative: read.append(relative) or original(file, relative))
    second = plan_data.load(project, store)
    assert not [r for r in read if r.startswith("data/plans/")], read
    assert sorted(second.plans) == sorted(first.plans)
    assert second.plans["upper-valleys/2022-23"].content == first.plans["upper-valleys/2022-23"].content
    assert [t.en for t in second.texts] == [t.en for t in first.texts]

    change_allocation(project)
    read.clear()
    third = plan_data.load(project, store)
    assert [r for r in read if r.startswith("data/plans/")] == [PLAN_FILE]
    assert str(third.plans["upper-valleys/2022-23"].content["finance"]["allocation"]) == "224787.00"


def test_a_kept_plan_still_meets_the_checks_across_files(project):
    """A plan read from the cache is still checked against the others (its cluster must exist)."""
    from hooks import plan_data

    store = cache.Cache(project)
    plan_data.load(project, store)
    clusters = project / "data" / "clusters.yml"
    clusters.write_text(clusters.read_text("utf-8").replace("id: upper-valleys", "id: upper-valley"), "utf-8")
    with pytest.raises(ContentError) as raised:
        plan_data.load(project, store)
    assert "plan-unknown-cluster" in {p.rule for p in raised.value.problems}


def test_a_data_text_changed_to_the_wrong_language_is_found_after_a_clean_run(project):
    assert gate.run(project) == []
    plan = project / PLAN_FILE
    text = plan.read_text("utf-8")
    welsh = 'cy: "Gwella gofal wedi\'i gynllunio"'
    assert welsh in text
    plan.write_text(text.replace(welsh, 'cy: "Improving the planned care that people receive"', 1), "utf-8")
    problems = gate.run(project)
    assert any(p.rule == "wrong-language" and p.path == PLAN_FILE for p in problems), problems


def test_language_verdicts_are_kept_and_reused(project, monkeypatch):
    from hooks import translation_checks

    assert translation_checks.run_checks(project, store=cache.Cache(project)) == []
    built = []
    original = translation_checks.LanguageIdentifier._detector
    monkeypatch.setattr(translation_checks.LanguageIdentifier, "_detector", lambda self: built.append(1) or original(self))
    assert translation_checks.run_checks(project, store=cache.Cache(project)) == []
    assert built == [], "every text had a kept verdict: the detector is not needed"
    assert translation_checks.run_checks(project) == []  # without a store: identified afresh
    assert built


def test_welsh_search_forms_worked_out_before_are_reused(monkeypatch):
    from hooks import search_index

    index = {"config": {"fields": {"title": {"boost": 1}}}, "docs": [
        {"location": "a/", "title": "Gofal yng Nghymru", "text": "Cynllun gofal"},
        {"location": "b/", "title": "Y clwstwr", "text": "Gwasanaethau"},
    ]}
    fresh = search_index.with_mutations(index)
    known: dict = {}
    assert search_index.with_mutations(index, known) == fresh
    assert len(known) == 2
    worked_out = []
    original = search_index.other_forms
    monkeypatch.setattr(search_index, "other_forms", lambda title, text: worked_out.append(title) or original(title, text))
    index["docs"].append({"location": "c/", "title": "Newydd", "text": "Cymru"})
    again = search_index.with_mutations(index, known)
    assert worked_out == ["Newydd"], "only the new entry is worked out"
    assert again["docs"][:2] == fresh["docs"]
    assert "gymru" in again["docs"][2][search_index.MUTATIONS_FIELD].split()


def test_a_file_that_passed_its_schema_is_not_validated_again(project, monkeypatch):
    from hooks import plan_data, schemas

    store = cache.Cache(project)
    plan_data.load(project, store)
    validated = []
    original = schemas.validate
    monkeypatch.setattr(schemas, "validate", lambda document, name: validated.append(document.path) or original(document, name))
    plan_data.load(project, store)
    assert validated == []
    glossary = project / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text("utf-8") + "\nunknown_field: 1\n", "utf-8")
    with pytest.raises(ContentError) as raised:
        plan_data.load(project, store)
    assert validated == ["data/glossary.yml"]
    assert any(p.path == "data/glossary.yml" for p in raised.value.problems)


# --- The gate by parts gives the same problems as the gate in one piece ----------------------------

import test_translation_gate as gate_tests  # noqa: E402
from hooks.translation_checks import run_checks  # noqa: E402


def as_lines(problems: list) -> list:
    return [p.as_text() for p in problems]


@pytest.mark.parametrize("case", gate_tests.CASES)
def test_the_gate_by_parts_finds_what_the_whole_gate_finds(tmp_path, case):
    """On every gate fixture, failing and passing: cold, warm, and after the passing site turned failing."""
    for kind in ("fail", "pass"):
        site = gate_tests.fixture_site(tmp_path / kind, case, kind)
        whole = as_lines(run_checks(site))
        store = cache.Cache(site)
        assert as_lines(run_checks(site, store=store)) == whole, (kind, "cold")
        assert as_lines(run_checks(site, store=cache.Cache(site))) == whole, (kind, "warm")

    site, failing = tmp_path / "pass" / "site", tmp_path / "fail" / "site"
    for folder in ("content", "data"):
        shutil.rmtree(site / folder)
        shutil.copytree(failing / folder, site / folder, symlinks=True)
    assert as_lines(run_checks(site, store=cache.Cache(site))) == as_lines(run_checks(site)), "after the change"


def test_only_the_parts_that_changed_are_checked_again(project, monkeypatch):
    from hooks import translation_checks

    assert run_checks(project, store=cache.Cache(project)) == []
    checked = []
    original = translation_checks.page_problems
    monkeypatch.setattr(translation_checks, "page_problems", lambda corpus: checked.extend(corpus.pages) or original(corpus))
    assert run_checks(project, store=cache.Cache(project)) == []
    assert checked == []
    page = project / "content" / "cy" / "about.md"
    page.write_text(page.read_text("utf-8") + "\n", "utf-8")
    assert run_checks(project, store=cache.Cache(project)) == []
    assert checked == ["about.md"]
