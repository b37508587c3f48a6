"""Hostile text in the data, through a real strict build: shown as written, never run.

A copy of the site gets script tags, event handlers, javascript: and data: links, Markdown and
attribute-list tricks appended to texts of a plan and of the cluster list (in both languages,
each marked with its own number), is built with `mkdocs build --strict`, and every built page is
read back with BeautifulSoup: no element, attribute or link in it came from the data, and each
hostile string is there as text, exactly as written.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, build_site
from hooks.model import strict_yaml

PLAN = "data/plans/upper-valleys/2022-23.yml"
CLUSTERS = "data/clusters.yml"

# Each string is shown to readers as written; "alert(N)" marks where it came from. Braces are
# doubled in data ({ starts a figure placeholder) and shown single.
HOSTILE = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(2)">',
    '[click me](javascript:alert(3))',
    '" onmouseover="alert(4)" data-x="',
    "<a href='javascript:alert(5)'>link 5</a>",
    '{{: onclick="alert(6)" }}',
    '<iframe src="data:text/html,<script>alert(7)</script>"></iframe>',
    '</td></tr></table><svg onload=alert(8)>',
    '<!-- alert(9) --> <style>body {{ display: none }}</style>',
    '![pic](data:image/svg+xml,alert(10)) <javascript:alert(11)>',
    '**alert(12)** _em_ `code` # not a heading | not a cell |',
    '\n\n<script>alert(13)</script>\n\n[x]: javascript:alert(13)',
]

# Where they go: texts rendered as paragraphs, list items, table headers and cells, headings,
# captions, aria-labels and link text.
PLAN_FIELDS = [
    ("title",),
    ("action_plan", "areas", 0, "title"),
    ("action_plan", "areas", 0, "goals", 0, "goal"),
    ("action_plan", "areas", 0, "goals", 0, "methods", 0),
    ("key_facts", 0, "source"),
    ("finance", "projects", 1, "project"),
    ("risks", "register", 0, "mitigation"),
    ("workforce", "roles", 0, "role"),
    ("needs", "topics", 0, "title"),
    ("swot", "strengths", 0),
    ("forward_look", "paragraphs", 0),
    ("action_plan", "areas", 0, "goals", 0, "outcomes", 0),
]
assert len(PLAN_FIELDS) == len(HOSTILE)  # each string in its own place


# Attributes whose value is text for people (a table's label, a link's title): the data's text
# may stand there, escaped, as long as it stays inside the value.
TEXT_ATTRIBUTES = {"aria-label", "title", "alt", "content"}


class _Dumper(yaml.SafeDumper):
    """Writes data back as the strict loader reads it: decimals as written, no aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f")))


def _texts_at(data: dict, path: tuple) -> dict:
    value = data
    for part in path:
        value = value[part]
    return value["text"] if "text" in value and "en" not in value else value


def _append(file: Path, paths: list, strings: list) -> None:
    """Append one hostile string to each text (both languages) at paths of a data file."""
    document = strict_yaml.read(file)
    first_line = file.read_text("utf-8").splitlines()[0]
    for path, hostile in zip(paths, strings):
        text = _texts_at(document.data, path)
        # A few words of each language around it, so the translation gate's language check
        # still sees English and Welsh (it is the renderer under test here, not the gate).
        text["en"] = f"{text['en']} {hostile} for the people of the valleys"
        text["cy"] = f"{text['cy']} {hostile} i bobl y cymoedd"
    file.write_text(first_line + "\n" + yaml.dump(document.data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000), "utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    for name in ("content", "data", "hooks", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    _append(project / PLAN, PLAN_FIELDS, HOSTILE)
    _append(project / CLUSTERS, [("clusters", 1, "name")], [HOSTILE[0] + " " + HOSTILE[3]])
    # The Welsh changed together with the English: record the translations as up to date.
    marked = subprocess.run([sys.executable, "-m", "hooks.translations", "mark-fresh", "--all"], cwd=project, capture_output=True, text=True)
    assert marked.returncode == 0, marked.stdout + marked.stderr
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def _pages(site: Path) -> list:
    return sorted(site.rglob("*.html"))


def test_no_script_handler_or_link_from_the_data_reaches_a_page(hostile_site):
    pages = _pages(hostile_site)
    assert len(pages) > 10
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        where = page.relative_to(hostile_site).as_posix()
        for script in soup.find_all("script"):
            assert "alert(" not in script.get_text(), (where, script)
        assert not soup.find_all(["iframe", "svg", "img"], src=lambda value: value and "alert" in value), where
        assert not soup.find_all("img", src="x"), where
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                assert not name.startswith("on") and name != "data-x", (where, element.name, name, value)
                if name not in TEXT_ATTRIBUTES:  # where text from the data may stand, escaped
                    assert "alert(" not in value, (where, element.name, name, value)
            for name in ("href", "src", "action", "formaction"):
                link = str(element.get(name, "")).strip().lower()
                assert not link.startswith(("javascript:", "data:", "vbscript:")), (where, element)
        for style in soup.find_all("style"):
            assert "display: none" not in style.get_text(), (where, style)
        assert not soup.find_all(["strong", "em"], string=lambda s: s and "alert(12)" in s), where


def _shown(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / page).read_text("utf-8"), "html.parser")
    return " ".join(soup.get_text(" ").split())


def _as_written(hostile: str) -> str:
    return " ".join(hostile.replace("{{", "{").replace("}}", "}").split())


@pytest.mark.parametrize("folder", ["", "cy/"])
def test_hostile_text_is_shown_exactly_as_written(hostile_site, folder):
    plan_page = _shown(hostile_site, f"{folder}clusters/upper-valleys/2022-23/index.html")
    for hostile in HOSTILE[1:]:  # every field but the title is on the plan's page
        assert _as_written(hostile) in plan_page, (folder, hostile)
    home = _shown(hostile_site, f"{folder}index.html")  # the title is in the list of plans
    assert _as_written(HOSTILE[0]) in home, folder


def test_the_cluster_table_shows_the_hostile_name_as_text(hostile_site):
    soup = BeautifulSoup((hostile_site / "clusters" / "index.html").read_text("utf-8"), "html.parser")
    cells = [" ".join(cell.get_text(" ").split()) for cell in soup.find_all("td")]
    assert any(cell.startswith("Neath <script>alert(1)</script>") for cell in cells), cells


def test_search_index_and_feeds_carry_the_text_not_markup(hostile_site):
    for index in hostile_site.rglob("search_index.json"):
        for entry in json.loads(index.read_text("utf-8"))["docs"]:
            assert "<script>alert(" not in entry["text"] and "<script>alert(" not in entry.get("title", ""), (index, entry["location"])
    for feed in [*hostile_site.rglob("*.xml"), *hostile_site.rglob("*.atom")]:
        text = feed.read_text("utf-8")
        assert "<script>alert(" not in text and "<img src=x" not in text, feed
