"""Scaffolding makes complete plan and page files, refuses to overwrite, and the build refuses placeholders."""

import datetime
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from hooks import new, plan_data
from hooks.problems import ContentError


@pytest.fixture
def project(tmp_path) -> Path:
    for name in ("content", "data", "hooks", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_new_plan_creates_data_and_both_pages_and_refuses_to_overwrite(project, capsys):
    assert new.main(["plan", "--cluster", "afan", "--year", "2025-26"], root=project) == 0
    created = ["data/plans/afan/2025-26.yml", "content/en/clusters/afan/2025-26.md", "content/cy/clusters/afan/2025-26.md"]
    for path in created:
        assert (project / path).is_file()
    before = {path: (project / path).read_bytes() for path in created}
    (project / created[1]).write_text("edited by a person\n", "utf-8")
    assert new.main(["plan", "--cluster", "afan", "--year", "2025-26"], root=project) == 1
    assert "already exist" in capsys.readouterr().err
    assert (project / created[1]).read_text("utf-8") == "edited by a person\n"
    assert (project / created[0]).read_bytes() == before[created[0]]


def test_placeholders_are_refused_until_filled(project):
    new.new_plan(project, "afan", "2025-26", datetime.date(2026, 1, 2))
    with pytest.raises(ContentError) as caught:
        plan_data.load(project)
    unfilled = [p for p in caught.value.problems if p.rule == "placeholder-unfilled"]
    assert unfilled and all(p.path == "data/plans/afan/2025-26.yml" and p.line for p in unfilled)
    assert {p.rule for p in caught.value.problems} == {"placeholder-unfilled"}

    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert "placeholder-unfilled" in result.stderr + result.stdout

    # Fill every placeholder: the data then loads, and the plan appears in the cluster list.
    data_file = project / "data/plans/afan/2025-26.yml"
    data_file.write_text(data_file.read_text("utf-8").replace("[TO DO: ", "Filled: "), "utf-8")
    data = plan_data.load(project)
    assert [p.id for p in data.plans_of("afan")] == ["afan/2025-26"]
    for locale in ("en", "cy"):
        page = project / f"content/{locale}/clusters/afan/2025-26.md"
        page.write_text(page.read_text("utf-8").replace("[TO DO: ", "Filled: "), "utf-8")
    result = build_site(project, project / "site")
    assert "placeholder-unfilled" not in result.stderr + result.stdout


@pytest.mark.parametrize("argv, message", [
    (["plan", "--cluster", "nowhere", "--year", "2025-26"], "there is no cluster 'nowhere'"),
    (["plan", "--cluster", "afan", "--year", "2025"], "not a financial year"),
    (["plan", "--cluster", "afan", "--year", "2025-27"], "not a financial year"),
    (["page", "../escape.md"], "not a page path"),
])
def test_mistakes_are_explained_and_nothing_is_written(project, capsys, argv, message):
    before = sorted(p for p in project.rglob("*") if p.is_file())
    assert new.main(argv, root=project) == 1
    assert message in capsys.readouterr().err
    assert sorted(p for p in project.rglob("*") if p.is_file()) == before


def test_new_page_pair(project):
    assert new.main(["page", "guides/reading-a-plan.md"], root=project) == 0
    assert (project / "content/en/guides/reading-a-plan.md").is_file()
    assert (project / "content/cy/guides/reading-a-plan.md").is_file()
    assert new.main(["page", "guides/reading-a-plan.md"], root=project) == 1
