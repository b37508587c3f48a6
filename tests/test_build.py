"""The build command (python -m hooks.build): same site as mkdocs build, reproducible, never half-published, never in the wrong place."""

from __future__ import annotations

import datetime
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT

from hooks import build as site_build

SKIPPED = {".git", ".venv", ".cache", "site", "node_modules", "tests", "benchmarks", "__pycache__", ".pytest_cache", ".hypothesis"}


def run_build(project: Path, destination: Path, *options: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", "hooks.build", "--site-dir", str(destination), *options],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def tree(folder: Path) -> dict:
    """Every file of a folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_tree(first: Path, second: Path) -> None:
    a, b = tree(first), tree(second)
    assert sorted(a) == sorted(b), f"files only in one: {sorted(set(a) ^ set(b))[:10]}"
    different = [name for name in a if a[name] != b[name]]
    assert not different, f"files that differ: {different[:10]}"


@pytest.fixture(scope="module")
def fast_site(tmp_path_factory) -> Path:
    destination = tmp_path_factory.mktemp("fast") / "site"
    result = run_build(ROOT, destination)
    assert result.returncode == 0, result.stdout + result.stderr
    return destination


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project, to break without touching the real one."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=lambda folder, names: {n for n in names if n in SKIPPED or n.startswith(".site.")})
    return copy


# --- The same site as mkdocs build, and the same site every time ----------------------------------


def test_the_build_command_writes_exactly_what_mkdocs_build_writes(site, fast_site):
    assert_same_tree(site, fast_site)


def test_two_builds_of_the_same_commit_are_byte_identical(fast_site, tmp_path):
    again = tmp_path / "site"
    result = run_build(ROOT, again)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_same_tree(fast_site, again)


def test_the_site_is_dated_by_the_data_not_the_clock(fast_site, data):
    date = site_build.site_date(data)
    packed = fast_site / "sitemap.xml.gz"
    stamp = datetime.datetime.fromtimestamp(int.from_bytes(packed.read_bytes()[4:8], "little"), datetime.timezone.utc).date()  # gzip's MTIME field
    assert stamp == date
    assert gzip.decompress(packed.read_bytes()) == (fast_site / "sitemap.xml").read_bytes()


# --- A failed build never replaces a complete site ------------------------------------------------


def _break_data(project: Path) -> None:
    plan = next((project / "data" / "plans").glob("*/[!_]*.yml"))
    plan.write_text(plan.read_text("utf-8").replace("kind:", "kind: [", 1), "utf-8")


def _break_welsh_page(project: Path) -> None:
    """A problem of the Welsh pages only."""
    page = project / "content" / "cy" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n<!-- plan:no-such-block -->\n", "utf-8")


@pytest.mark.parametrize("breaking", [_break_data, _break_welsh_page], ids=["data", "welsh-page"])
def test_a_failed_build_leaves_the_previous_site_untouched(project, breaking):
    destination = project / "site"
    first = run_build(project, destination)
    assert first.returncode == 0, first.stdout + first.stderr
    before = tree(destination)

    breaking(project)
    failed = run_build(project, destination)

    assert failed.returncode == 1
    assert "left as it was" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert tree(destination) == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site.")], "the half-built site was not removed"


def test_a_build_into_a_new_folder_creates_it(project):
    destination = project / "out" / "deep" / "site"
    result = run_build(project, destination)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (destination / "index.html").is_file() and (destination / "cy" / "index.html").is_file()


# --- Never built where it would delete something else ----------------------------------------------


def snapshot(project: Path) -> dict:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize("where", [".", "..", "content", "data", "hooks", ".git", "content/en", "data/plans", "tools"])
def test_a_site_folder_in_or_above_the_repository_is_refused_and_nothing_is_deleted(project, where):
    (project / ".git").mkdir(exist_ok=True)
    (project / ".git" / "config").write_text("[core]\n", "utf-8")
    (project / "uncommitted.txt").write_text("work in progress", "utf-8")
    before = snapshot(project)
    result = run_build(project, project / where)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Not built:" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize("language, said, not_said", [("cy", "Heb ei adeiladu:", "Not built:"), ("both", "Heb ei adeiladu:", None)])
def test_the_refusal_is_in_the_language_of_the_messages(project, tmp_path, monkeypatch, language, said, not_said):
    monkeypatch.setenv("PLAN_SITE_LANGUAGE", language)
    other = tmp_path / "documents"
    other.mkdir()
    (other / "letter.txt").write_text("keep me", "utf-8")
    result = run_build(project, other)
    assert result.returncode == 1 and said in result.stderr and "ni ddilëwyd dim" in result.stderr
    if not_said:
        assert not_said not in result.stderr
    else:
        assert "Not built:" in result.stderr and result.stderr.index("Heb ei adeiladu:") < result.stderr.index("Not built:")
    assert (other / "letter.txt").read_text("utf-8") == "keep me"


def test_a_folder_with_other_files_is_refused(project, tmp_path):
    other = tmp_path / "documents"
    other.mkdir()
    (other / "letter.txt").write_text("keep me", "utf-8")
    result = run_build(project, other)
    assert result.returncode == 1
    assert "is not empty and is not a site this project built" in result.stderr
    assert (other / "letter.txt").read_text("utf-8") == "keep me"


def test_a_site_folder_holding_other_files_beside_a_site_is_refused(project, tmp_path):
    """A gh-pages work tree looks like a site, with .git and notes beside it: never replaced."""
    destination = tmp_path / "published"
    assert run_build(project, destination).returncode == 0
    (destination / ".git").mkdir()
    (destination / "precious-notes.txt").write_text("keep me", "utf-8")
    result = run_build(project, destination)
    assert result.returncode == 1 and "which this build does not make" in result.stderr
    assert (destination / "precious-notes.txt").read_text("utf-8") == "keep me" and (destination / ".git").is_dir()


def test_a_symbolic_link_as_the_site_folder_is_refused(project, tmp_path):
    (tmp_path / "real").mkdir()
    link = tmp_path / "site-link"
    link.symlink_to(tmp_path / "real")
    result = run_build(project, link)
    assert result.returncode == 1 and "symbolic link" in result.stderr


def test_a_site_built_before_is_replaced(project, tmp_path):
    destination = tmp_path / "published"
    assert run_build(project, destination).returncode == 0
    (destination / "stale.html").write_text("old", "utf-8")
    result = run_build(project, destination)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (destination / "stale.html").exists()


# --- The pieces ------------------------------------------------------------------------------------


def test_swap_replaces_the_old_site_whole(tmp_path):
    target, new, workspace = tmp_path / "site", tmp_path / "new", tmp_path / "work"
    (target / "old-only").mkdir(parents=True)
    (new / "page").mkdir(parents=True)
    workspace.mkdir()
    site_build.swap_into_place(new, target, workspace)
    assert [p.name for p in target.iterdir()] == ["page"]
    assert not new.exists()


def _plan(content: dict) -> SimpleNamespace:
    return SimpleNamespace(content=content)


def test_site_date_is_the_latest_date_a_plan_states():
    plans = {
        "a/2022-23": _plan({"dates": {"approved": {"date": "2022-05-01"}, "updated": "2023-01-15"}}),
        "b/2024-25": _plan({"signed_off": {"month": "2024-03"}}),
        "c/2021-22": _plan({"dates": {"approved": {"code": "2021/22"}}}),
    }
    assert site_build.site_date(SimpleNamespace(plans=plans)) == datetime.date(2024, 3, 1)
    assert site_build.site_date(SimpleNamespace(plans={})) == site_build.FALLBACK_DATE


def test_a_date_the_caller_sets_wins(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    site_build.use_date(site_build.site_date(SimpleNamespace(plans={"b/2024-25": _plan({"signed_off": {"month": "2024-03"}})})))
    assert os.environ["SOURCE_DATE_EPOCH"] == "86400"
