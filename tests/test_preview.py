"""A pull request's preview (python -m hooks.build --preview, PLAN_SITE_PREVIEW=1; hooks/rendering/draft.py).

A preview is built even with content problems (a draft: each page lists its problems, and a page
lists every problem), says on every page in both languages that it is a preview and not
published, asks search engines not to index it, and takes its addresses from SITE_URL. The
published build has none of this.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

from hooks.rendering import draft

PREVIEW_URL = "https://example-owner.github.io/example-repo/pr-preview/pr-7/"
BANNER = "section.plan-preview-banner"
TITLES = {"en": "Preview, not published", "cy": "Rhagolwg, heb ei gyhoeddi"}


def build(project: Path, destination: Path, *options: str, **variables: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for name in ("PLAN_SITE_DRAFT", "PLAN_SITE_PREVIEW", "SITE_URL", "SOURCE_DATE_EPOCH"):
        env.pop(name, None)
    env.update(variables)
    return subprocess.run([sys.executable, "-m", "hooks.build", "--site-dir", str(destination), *options], cwd=project, env=env, capture_output=True, text=True)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def html_files(site: Path) -> list:
    return sorted(site.rglob("*.html"))


def language_of(site: Path, page: Path) -> str:
    return "cy" if page.relative_to(site).parts[0] == "cy" else "en"


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory) -> Path:
    destination = tmp_path_factory.mktemp("preview") / "site"
    result = build(ROOT, destination, "--preview", SITE_URL=PREVIEW_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return destination


def project_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    copy.mkdir()
    for folder in ("content", "data", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    return copy


@pytest.fixture(scope="module")
def broken_preview(tmp_path_factory) -> Path:
    """A preview (through PLAN_SITE_PREVIEW=1) of a project whose data/interface.yml has a key twice, on line 7."""
    tmp_path = tmp_path_factory.mktemp("broken")
    project = project_copy(tmp_path)
    interface = project / "data" / "interface.yml"
    lines = interface.read_text("utf-8").splitlines(keepends=True)
    assert lines[5].strip() == "approved: {en: Approved, cy: Cymeradwywyd}", "the fixture expects this key on line 6"
    lines.insert(6, lines[5])
    interface.write_text("".join(lines), "utf-8")
    strict = build(project, tmp_path / "strict")
    assert strict.returncode == 1 and "yaml-duplicate-key" in strict.stderr, "the published build must stop on this problem"
    result = build(project, tmp_path / "site", PLAN_SITE_PREVIEW="1", SITE_URL=PREVIEW_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "site"


# --- every page of a preview -------------------------------------------------------------------


def test_every_page_of_a_preview_asks_not_to_be_indexed(preview_site):
    pages = html_files(preview_site)
    assert len(pages) > 10
    for page in pages:
        robots = soup(page).select("meta[name=robots]")
        assert [tag["content"] for tag in robots] == ["noindex, nofollow"], page.relative_to(preview_site)


def test_every_page_of_a_preview_has_the_banner_in_both_languages_its_own_first(preview_site):
    for page in html_files(preview_site):
        where = page.relative_to(preview_site)
        document = soup(page)
        banners = document.select(BANNER)
        assert len(banners) == 1, where
        banner = banners[0]
        first = language_of(preview_site, page)
        assert document.html["lang"] == first, where
        # a named region: a landmark of its own, outside the header and the main content
        assert banner.find_parent(["header", "main", "nav", "footer"]) is None, where
        title = document.find(id=banner["aria-labelledby"])
        assert title is not None and banner in title.parents, where
        marked = [(tag["lang"], tag.get_text(" ", strip=True)) for tag in title.select("[lang]")]
        assert marked == [(first, TITLES[first]), *((other, TITLES[other]) for other in TITLES if other != first)], where
        paragraphs = banner.select("p[lang]")
        assert [p["lang"] for p in paragraphs] == [first, *(other for other in TITLES if other != first)], where
        assert "not the published site" in banner.select_one("p[lang=en]").get_text()
        assert "Nid hon yw'r wefan gyhoeddedig" in banner.select_one("p[lang=cy]").get_text()


def test_the_banner_text_has_at_least_wcag_aa_contrast():
    # The banner uses Material's warning colours: read them from the installed stylesheet.
    import material

    css = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css")).read_text("utf-8")
    background = re.search(r"--md-warning-bg-color:#([0-9a-f]{3,6});", css)[1]
    foreground = re.search(r"--md-warning-fg-color:#([0-9a-f]{8});", css)[1]

    def rgb(hex_colour: str) -> list:
        if len(hex_colour) == 3:
            hex_colour = "".join(c * 2 for c in hex_colour)
        return [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]

    back = rgb(background)
    alpha = int(foreground[6:8], 16) / 255
    front = [f * alpha + b * (1 - alpha) for f, b in zip(rgb(foreground[:6]), back)]  # the text blended onto the banner

    def luminance(colour: list) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(front), luminance(back)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5
    banner = (ROOT / "overrides" / "partials" / "preview-banner.html").read_text("utf-8")
    assert "md-banner--warning" in banner


def test_a_preview_takes_its_addresses_from_site_url(preview_site):
    welsh = soup(preview_site / "cy" / "index.html")
    assert welsh.select_one("link[rel=canonical]")["href"] == PREVIEW_URL + "cy/"
    alternates = {tag["hreflang"]: tag["href"] for tag in welsh.select("link[rel=alternate][hreflang]")}
    assert alternates == {"en": PREVIEW_URL, "cy": PREVIEW_URL + "cy/", "x-default": PREVIEW_URL}
    assert f"<loc>{PREVIEW_URL}cy/</loc>" in (preview_site / "sitemap.xml").read_text("utf-8")
    feed = (preview_site / "cy" / "feed.xml").read_text("utf-8")
    assert PREVIEW_URL + "cy/" in feed and "primary-care-plans.example" not in feed


@pytest.mark.parametrize("path, other", [("index.html", "cy/"), ("cy/index.html", ""), ("about/index.html", "cy/about/"), ("cy/clusters/index.html", "clusters/")])
def test_the_language_switch_reaches_the_other_page_under_a_site_url_with_a_path(preview_site, path, other):
    # On a home page mkdocs-static-i18n gives the alternate as an absolute path with site_url's path
    # (/example-repo/pr-preview/pr-7/cy/): overrides/partials/site-path.html makes it a path from the root.
    link = soup(preview_site / path).select_one("a.plan-language-link")
    page_address = PREVIEW_URL + path.removesuffix("index.html")
    assert urljoin(page_address, link["href"]) == PREVIEW_URL + other


def test_a_clean_preview_has_a_problems_page_saying_there_are_none(preview_site):
    for file, first in (("draft-problems.html", "en"), ("cy/draft-problems.html", "cy")):
        page = soup(preview_site / file)
        assert page.html["lang"] == first
        paragraphs = page.select("article p[lang]")
        assert [p["lang"] for p in paragraphs] == [first, "cy" if first == "en" else "en"]
        assert {p.get_text() for p in paragraphs} == {"No content problems were found.", "Ni chanfuwyd unrhyw broblemau cynnwys."}
        assert not page.select(".plan-draft-problems li")
    assert not any("plan-draft" in page.read_text("utf-8") for page in html_files(preview_site))


# --- a preview with a content problem ----------------------------------------------------------


@pytest.mark.parametrize("file, first", [("draft-problems.html", "en"), ("cy/draft-problems.html", "cy")])
def test_the_problems_page_lists_every_problem_with_file_and_line(broken_preview, file, first):
    page = soup(broken_preview / file)
    assert page.html["lang"] == first
    heading = page.select_one("article h1")
    assert "Content problems in this draft" in heading.get_text() and "Problemau cynnwys yn y drafft hwn" in heading.get_text()
    assert heading.select_one(f"span[lang={'cy' if first == 'en' else 'en'}]") is not None
    items = page.select("ul.plan-draft-problems li")
    assert len(items) == 1 and items[0]["lang"] == first  # each problem in the page's language
    text = items[0].get_text(" ", strip=True)
    if first == "en":
        assert "data/interface.yml, line 7" in text and "yaml-duplicate-key" in text and "Fix:" in text
    else:
        assert "data/interface.yml, llinell 7" in text and "yaml-duplicate-key" in text and "I'w gywiro:" in text
        assert "appears twice" not in text and "Fix:" not in text
    assert page.select("meta[name=robots]")[0]["content"] == "noindex, nofollow"
    assert page.select(BANNER)


@pytest.mark.parametrize("file", ["draft-problems.html", "cy/draft-problems.html"])
def test_the_problems_page_of_each_language_loads_the_site_s_styles_scripts_and_links(broken_preview, file):
    # each language's page is rendered under its own name, so its links are made from its own folder
    page = broken_preview / file
    document = soup(page)
    targets = [tag["href"] for tag in document.select("link[rel=stylesheet][href], a[href].md-nav__link")]
    targets += [tag["src"] for tag in document.select("script[src]")]
    assert len(targets) > 5
    for target in targets:
        if target.startswith(("http:", "https:", "#")):
            continue
        resolved = (page.parent / target.split("#")[0]).resolve()
        assert resolved.is_file() or (resolved / "index.html").is_file(), f"{file}: {target}"


@pytest.mark.parametrize("path", ["index.html", "clusters/index.html", "about/index.html", "cy/index.html", "cy/pan-cluster-plan/index.html"])
def test_an_affected_page_links_to_the_problems_page_from_its_notice(broken_preview, path):
    page = broken_preview / path
    notice = soup(page).select_one("div.plan-draft")
    assert notice is not None and "yaml-duplicate-key" in notice.get_text()
    assert {item["lang"] for item in notice.select("li")} == {"cy" if path.startswith("cy/") else "en"}
    link = notice.select_one("a.plan-draft-problems-link")
    assert link is not None and {span["lang"] for span in link.select("span[lang]")} == {"en", "cy"}
    # the link, followed from the page's own address, reaches the problems page of the page's language
    address = "/" + page.relative_to(broken_preview).as_posix().removesuffix("index.html")
    target = urljoin(address, link["href"]).lstrip("/")
    expected = "cy/draft-problems.html" if path.startswith("cy/") else "draft-problems.html"
    assert target == expected
    assert (broken_preview / target).is_file()


@pytest.mark.parametrize("page_path, href", [
    ("content/en/index.md", "draft-problems.html"),
    ("content/cy/index.md", "draft-problems.html"),
    ("content/en/about.md", "../draft-problems.html"),
    ("content/en/clusters/index.md", "../draft-problems.html"),
    ("content/cy/clusters/upper-valleys/2022-23.md", "../../../draft-problems.html"),
])
def test_the_notice_links_to_the_problems_page_relative_to_the_page(page_path, href):
    assert draft.problems_href(page_path) == href


def test_a_problem_on_the_problems_page_is_escaped():
    from hooks.problems import Problem

    listed = draft.problems_list([Problem("content/en/<b>.md", 3, "rule", "holds <script>alert(1)</script>", "remove <i>")], "cy")
    assert "<script>" not in listed and "&lt;script&gt;" in listed and "<b>" not in listed and "<i>" not in listed
    assert listed.index('lang="cy"') < listed.index('lang="en"')


# --- the published build -------------------------------------------------------------------------


def test_the_published_build_has_no_banner_no_noindex_and_no_problems_page(site):
    assert not list(site.rglob(draft.PROBLEMS_PAGE))
    for page in html_files(site):
        text = page.read_text("utf-8")
        where = page.relative_to(site).as_posix()
        assert "plan-preview-banner" not in text and "plan-draft" not in text, where
        robots = [tag["content"] for tag in soup(page).select("meta[name=robots]")]
        assert robots == (["noindex"] if where in ("404.html", "cy/404.html") else []), where


def test_the_build_command_without_preview_stays_strict_and_unmarked(tmp_path):
    project = project_copy(tmp_path)
    result = build(project, tmp_path / "site", SITE_URL="https://example.org/plans/")
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "plan-preview-banner" not in index and 'name="robots"' not in index
    assert not (tmp_path / "site" / draft.PROBLEMS_PAGE).exists()


def test_the_nojekyll_build_marks_the_site_for_github_pages_and_can_be_built_over(tmp_path):
    project = project_copy(tmp_path)
    first = build(project, tmp_path / "site", "--nojekyll")
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "site" / ".nojekyll").read_bytes() == b""
    again = build(project, tmp_path / "site")  # a site built with it may be replaced by one without
    assert again.returncode == 0, again.stderr
    assert not (tmp_path / "site" / ".nojekyll").exists()


# --- the workflows: pull-request.yml's preview, preview.yml, deploy.yml, new-plan.yml -----------------------------------------


def workflow(name: str) -> dict:
    import yaml

    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text("utf-8"))


def steps(job: dict, action: str) -> list:
    return [step for step in job["steps"] if step.get("uses", "").startswith(action + "@")]


def test_the_pull_request_workflow_builds_a_preview_at_the_address_pr_preview_action_gives():
    pull_request = workflow("pull-request.yml")
    jobs = pull_request["jobs"]
    for name in ("preview", "preview-deploy"):  # no fork's pull request gets a preview
        assert "!cancelled()" in jobs[name]["if"]
    assert "github.event.pull_request.head.repo.full_name == github.repository" in jobs["preview"]["if"]
    # built on the commit the first job leaves: with the Welsh it recorded, so the preview's
    # problems are the comment's
    assert jobs["preview"]["needs"] == "translations"
    (checkout,) = steps(jobs["preview"], "actions/checkout")
    assert checkout["with"]["ref"] == "${{ needs.translations.outputs.head || github.event.pull_request.head.sha }}"
    (built,) = [step for step in jobs["preview"]["steps"] if "run" in step]
    assert built["run"] == "bash tools/build.sh --preview"
    (action,) = steps(jobs["preview-deploy"], "rossjrw/pr-preview-action")
    settings = action["with"]
    # pr-preview-action puts the preview at https://<owner>.github.io/<repo>/<umbrella-dir>/pr-<number>/
    address = (
        "https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/"
        f"{settings['umbrella-dir']}/pr-${{{{ github.event.pull_request.number }}}}/"
    )
    assert built["env"]["SITE_URL"] == address
    # the comment gives the same address, for a branch of this repository only
    (check,) = [step for step in jobs["translations"]["steps"] if step.get("id") == "check"]
    assert check["env"]["PREVIEW_URL"] == (
        "${{ github.event.pull_request.head.repo.full_name == github.repository && "
        "format('https://{0}.github.io/{1}/" + settings["umbrella-dir"] + "/pr-{2}/', github.repository_owner, "
        "github.event.repository.name, github.event.pull_request.number) || '' }}"
    )
    assert settings["action"] == "deploy" and settings["preview-branch"] == "gh-pages"
    assert settings["comment"] is False, "the pull request's one comment gives the address"
    (upload,) = steps(jobs["preview"], "actions/upload-artifact")
    (download,) = steps(jobs["preview-deploy"], "actions/download-artifact")
    assert upload["with"]["name"] == download["with"]["name"] and settings["source-dir"] == download["with"]["path"] == upload["with"]["path"]
    assert jobs["preview-deploy"]["needs"] == "preview" and "needs.preview.result == 'success'" in jobs["preview-deploy"]["if"]
    assert "--preview-url" in (ROOT / "tools" / "ci-pull-request.sh").read_text("utf-8")


def test_the_preview_workflow_removes_the_preview_when_the_pull_request_closes():
    preview, pull_request = workflow("preview.yml"), workflow("pull-request.yml")
    assert preview[True]["pull_request"]["types"] == ["closed"]
    (remove,) = preview["jobs"].values()
    assert "github.event.pull_request.head.repo.full_name == github.repository" in remove["if"]
    (action,) = steps(remove, "rossjrw/pr-preview-action")
    (deployed,) = steps(pull_request["jobs"]["preview-deploy"], "rossjrw/pr-preview-action")
    assert action["with"]["action"] == "remove"
    for setting in ("preview-branch", "umbrella-dir"):
        assert action["with"][setting] == deployed["with"][setting]


def test_the_deploy_workflow_publishes_main_to_the_previews_branch_and_keeps_them():
    deploy, pull_request = workflow("deploy.yml"), workflow("pull-request.yml")
    (action,) = steps(deploy["jobs"]["deploy"], "JamesIves/github-pages-deploy-action")
    (preview_action,) = steps(pull_request["jobs"]["preview-deploy"], "rossjrw/pr-preview-action")
    assert action["with"]["branch"] == preview_action["with"]["preview-branch"]
    assert action["with"]["clean-exclude"].strip() == preview_action["with"]["umbrella-dir"] + "/"
    assert action["with"]["force"] is False, "a force push would delete the previews pushed meanwhile"
    (built,) = [step for step in deploy["jobs"]["build"]["steps"] if "bash tools/build.sh" in step.get("run", "")]
    assert built["run"] == "bash tools/build.sh --nojekyll"
    (upload,) = steps(deploy["jobs"]["build"], "actions/upload-artifact")
    assert upload["with"]["include-hidden-files"] is True, ".nojekyll is a hidden file"
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text("utf-8")
    assert "Deploy from a branch" in text and "gh-pages" in text, "the comment says which Pages setting this needs"


def cluster_ids() -> list:
    from hooks.model import plan_data

    return [cluster.id for cluster in plan_data.load_clusters(ROOT)]


def test_the_new_plan_workflow_offers_exactly_the_clusters_of_the_data():
    inputs = workflow("new-plan.yml")[True]["workflow_dispatch"]["inputs"]
    assert inputs["cluster"]["type"] == "choice" and inputs["cluster"]["required"] is True
    assert inputs["cluster"]["options"] == cluster_ids(), "new-plan.yml's choices must be data/clusters.yml's ids, in its order"
    assert inputs["year"]["type"] == "string" and inputs["year"]["required"] is True


def _new_plan_command() -> tuple:
    job = workflow("new-plan.yml")["jobs"]["new-plan"]
    (started,) = [step for step in job["steps"] if "run" in step]
    assert started["env"] == {"CLUSTER": "${{ inputs.cluster }}", "YEAR": "${{ inputs.year }}"}
    setup, command = started["run"].split(" && ")
    assert setup == "bash tools/setup.sh"
    (opened,) = steps(job, "peter-evans/create-pull-request")
    return command, opened["with"]


@pytest.mark.parametrize("cluster, year", [("afan", "2031-32"), ("penderi", "2040-41")])
def test_the_new_plan_workflow_writes_the_files_its_pull_request_adds(tmp_path, cluster, year):
    command, pull_request = _new_plan_command()
    project = project_copy(tmp_path)
    env = dict(os.environ, CLUSTER=cluster, YEAR=year)
    result = subprocess.run(["bash", "-c", command.replace(".venv/bin/python", f'"{sys.executable}"', 1)], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    added = [line.replace("${{ inputs.cluster }}", cluster).replace("${{ inputs.year }}", year) for line in pull_request["add-paths"].splitlines() if line.strip()]
    assert len(added) == 3
    for path in added:
        assert (project / path).is_file(), path
    assert pull_request["branch"] == "new-plan/${{ inputs.cluster }}-${{ inputs.year }}"


@pytest.mark.parametrize("year", ["2025-27", "2025-26; touch hacked", "$(touch hacked)", "--help", "../2025-26"])
def test_the_new_plan_workflow_refuses_a_year_that_is_not_one_and_writes_nothing(tmp_path, year):
    command, _ = _new_plan_command()
    project = project_copy(tmp_path)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    env = dict(os.environ, CLUSTER="afan", YEAR=year)
    result = subprocess.run(["bash", "-c", command.replace(".venv/bin/python", f'"{sys.executable}"', 1)], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert sorted(p.relative_to(project) for p in project.rglob("*") if "__pycache__" not in p.parts) == [p for p in before if "__pycache__" not in p.parts]


def test_the_new_plan_workflow_says_why_its_pull_request_starts_no_checks():
    text = (ROOT / ".github" / "workflows" / "new-plan.yml").read_text("utf-8")
    assert "GITHUB_TOKEN" in text and "closes and reopens" in text and "NEW_PLAN_TOKEN" in text
