"""Scaffolding makes complete plan and page files, refuses to overwrite, and the build refuses placeholders."""

import datetime
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from hooks import new
from hooks.model import plan_data
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


# --- Hostile input -----------------------------------------------------------------------------

KNOWN = "afan, neath, upper-valleys, bay-health, city-health, cwmtawe, llwchwr, penderi"


@pytest.mark.parametrize("year, message", [
    ("2024-25\n", "error: '2024-25\\n' is not a financial year: write it as YYYY-YY with the digits 0 to 9, for example 2024-25\n"),
    (" 2024-25", "error: ' 2024-25' is not a financial year: write it as YYYY-YY with the digits 0 to 9, for example 2024-25\n"),
    ("２０２４-２５", "error: '２０２４-２５' is not a financial year: write it as YYYY-YY with the digits 0 to 9, for example 2024-25\n"),
    ("٢٠٢٤-٢٥", "error: '٢٠٢٤-٢٥' is not a financial year: write it as YYYY-YY with the digits 0 to 9, for example 2024-25\n"),
    ("2024-2025", "error: '2024-2025' is not a financial year: write it as YYYY-YY with the digits 0 to 9, for example 2024-25\n"),
    ("2024/25", "error: '2024/25' is not a financial year: write it as YYYY-YY with the digits 0 to 9, for example 2024-25\n"),
    ("../../x", "error: '../../x' is not a financial year: write it as YYYY-YY with the digits 0 to 9, for example 2024-25\n"),
    ("2024-26", "error: '2024-26' is not a financial year: the part after the hyphen must be the next year, 2024-25\n"),
    ("2024-24", "error: '2024-24' is not a financial year: the part after the hyphen must be the next year, 2024-25\n"),
])
def test_a_year_that_is_not_a_financial_year_is_refused(project, capsys, year, message):
    before = sorted(p for p in project.rglob("*") if p.is_file())
    assert new.main(["plan", "--cluster", "afan", "--year", year], root=project) == 1
    assert capsys.readouterr().err == message
    assert sorted(p for p in project.rglob("*") if p.is_file()) == before


def test_the_year_after_99_is_00(project):
    assert new.check_year("2099-00") == "2099-00"


@pytest.mark.parametrize("cluster", ["nowhere", "../../etc", "afan\n", "Afan", "afan/../neath", ""])
def test_a_cluster_that_is_not_in_clusters_yml_is_refused(project, capsys, cluster):
    before = sorted(p for p in project.rglob("*") if p.is_file())
    assert new.main(["plan", "--cluster", cluster, "--year", "2025-26"], root=project) == 1
    known = ", ".join(c.id for c in plan_data.load_clusters(project))
    assert capsys.readouterr().err == f"error: there is no cluster {cluster!r} in data/clusters.yml; use one of: {known}\n"
    assert sorted(p for p in project.rglob("*") if p.is_file()) == before


HOSTILE_TITLE = 'Afan "Cluster": #1 \\ <script>alert(1)</script> [x](javascript:alert(1)) *bold* `code` <img src=x onerror=alert(1)> #'


def test_titles_are_written_safely_into_yaml_and_markdown(project):
    from hooks.checks import safety
    from hooks.model import strict_yaml

    clusters = project / "data/clusters.yml"
    text = clusters.read_text("utf-8")
    title_yaml = new.yaml_string(HOSTILE_TITLE)
    clusters.write_text(text.replace('cluster_title: {en: "Afan Cluster", cy: "Clwstwr Afan"}', f"cluster_title: {{en: {title_yaml}, cy: {new.yaml_string('Clwstwr ' + HOSTILE_TITLE)}}}"), "utf-8")
    assert plan_data.load_clusters(project)[0].title.en == HOSTILE_TITLE
    written = new.new_plan(project, "afan", "2025-26", datetime.date(2026, 1, 2))
    document = strict_yaml.read(project / written[0], written[0]).data
    assert document["title"] == {"en": HOSTILE_TITLE + " plan summary 2025/26", "cy": "Crynodeb o gynllun Clwstwr " + HOSTILE_TITLE + " 2025/26"}
    assert document["cluster"] == "afan" and document["year"] == "2025-26"
    assert (project / written[0]).read_text("utf-8").splitlines()[1] == f"# {HOSTILE_TITLE} plan 2025/26."
    for path in written[1:]:
        page = (project / path).read_text("utf-8")
        assert safety.active_content_problems(page, path) == []
        heading = page.splitlines()[0]
        assert "<script>" not in heading and "&lt;script&gt;" in heading


def test_markdown_escaping_shows_the_title_as_written():
    import markdown

    from html import unescape

    for title in (HOSTILE_TITLE, 'Afan {: onclick="alert(1)" }', "Castell-nedd (NPT) _x_"):
        rendered = markdown.markdown("# " + new.markdown_text(title), extensions=["attr_list"])
        assert rendered.startswith("<h1>") and rendered.endswith("</h1>"), rendered
        assert unescape(rendered[4:-5]) == title
    assert new.markdown_text("Clwstwr Castell-nedd") == "Clwstwr Castell-nedd"


@pytest.mark.parametrize("text", ["plain", 'a "quote"', "back\\slash", "colon: here", "# hash", "new\nline", "tab\there", "ŵ ŷ", "- dash", "'single'", "{a: b}", "[1, 2]", "null", "no"])
def test_yaml_string_reads_back_exactly(text):
    from hooks.model import strict_yaml

    assert strict_yaml.parse("k: " + new.yaml_string(text), "-").data == {"k": text}
