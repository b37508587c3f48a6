"""Structured data: a schema.org Report in JSON-LD on each plan page, in both languages, and nowhere else.

Every value is read back from the built page and compared with what the page itself says
(its title, language, canonical link and hreflang alternates) and with the plan's data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_site

from hooks.model import locales
from hooks.rendering import structured_data

SITE_URL = "https://primary-care-plans.example/"  # mkdocs.yml's default, when SITE_URL is not set
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LD_JSON = "script[type='application/ld+json']"
BOARD = {"en": "Swansea Bay University Health Board", "cy": "Bwrdd Iechyd Prifysgol Bae Abertawe"}
HOSTILE = 'A </script><script>alert(1)</script> <!-- & "quoted" \\ > \u2028 end'


def _address(locale: str, inner: str) -> str:
    """A page's path in the site: clusters/upper-valleys/2022-23/ or cy/clusters/..."""
    stem = inner[: -len(".md")]
    stem = "" if stem == "index" else stem[: -len("/index")] if stem.endswith("/index") else stem
    path = f"{stem}/" if stem else ""
    return path if locale == locales.ENGLISH else f"{locale}/{path}"


def _soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text("utf-8"), "html.parser")


def _plan_addresses(data) -> dict:
    """{path in the site: (plan, locale)} of every plan page in both languages."""
    return {_address(locale, plan.page): (plan, locale) for plan in data.plans.values() for locale in locales.LOCALES}


def _reports(page: BeautifulSoup) -> list:
    return [json.loads(script.string) for script in page.select(LD_JSON)]


# --- the JSON and its escaping ------------------------------------------------------------------


def test_script_text_cannot_end_the_script_and_reads_back_the_same():
    value = {"name": HOSTILE, "nested": [{"x": "<!--", "y": "-->", "z": "&amp;"}]}
    text = structured_data.script_text(value)
    for character in "<>&\u2028\u2029":
        assert character not in text
    assert json.loads(text) == value
    html = f'<html><head><script type="application/ld+json">{text}</script></head><body><p id="after">x</p></body></html>'
    parsed = BeautifulSoup(html, "html.parser")
    (script,) = parsed.select(LD_JSON)
    assert json.loads(script.string) == value
    assert parsed.select_one("p#after").get_text() == "x"
    assert len(parsed.find_all("script")) == 1


def test_report_of_a_page_with_a_hostile_title(data):
    plan = data.plans["upper-valleys/2022-23"]
    maker = structured_data.for_page(data, "en", plan.page, "<em>" + HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</em>")
    text = str(maker(SITE_URL + "clusters/upper-valleys/2022-23/", SITE_URL + "cy/clusters/upper-valleys/2022-23/"))
    assert "<" not in text and ">" not in text and "&" not in text
    report = json.loads(text)
    assert " ".join(report["name"].split()) == " ".join(HOSTILE.split())  # tags taken off, entities read: as <title> shows it


def test_only_plan_pages_have_a_report_maker(data):
    for plan in data.plans.values():
        for locale in locales.LOCALES:
            assert structured_data.for_page(data, locale, plan.page, "t") is not None
    for inner in ("index.md", "about.md", "accessibility.md", "clusters/index.md", "pan-cluster-plan/index.md"):
        for locale in locales.LOCALES:
            assert structured_data.for_page(data, locale, inner, "t") is None


def test_publisher_is_named_as_the_glossary_names_the_health_board(data):
    (term,) = [t for t in data.glossary.terms if t["en"] == BOARD["en"]]
    assert term["cy"] == BOARD["cy"] and term["kind"] == "body"
    for locale in locales.LOCALES:
        assert structured_data.publisher(data, locale) == {"@type": "Organization", "name": BOARD[locale]}


# --- the built site -------------------------------------------------------------------------------


def test_every_plan_page_has_a_report_agreeing_with_the_page_and_its_data(site, data):
    _check_reports(site, data, SITE_URL)


def test_reports_agree_with_the_page_under_a_site_url_with_a_path(tmp_path, data):
    """As on GitHub Pages and in previews: the site served below a path of its host."""
    site_url = "https://owner.example/primary-care-plans/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    _check_reports(tmp_path / "site", data, site_url)


def _check_reports(site: Path, data, site_url: str) -> None:
    addresses = _plan_addresses(data)
    assert {"clusters/upper-valleys/2022-23/", "cy/clusters/upper-valleys/2022-23/", "pan-cluster-plan/2024-25/", "cy/pan-cluster-plan/2024-25/"} <= set(addresses)
    for path, (plan, locale) in addresses.items():
        page = _soup(site / path / "index.html")
        (report,) = _reports(page)
        other = next(o for o in locales.LOCALES if o != locale)
        assert report["@context"] == "https://schema.org"
        assert report["@type"] == "Report"
        # the page's title, as its <title> (before " - site name") and its heading give it
        assert report["name"] == page.title.get_text().rsplit(" - ", 1)[0]
        assert report["name"] == page.select_one("article h1").get_text(strip=True)
        # the language of the page
        assert report["inLanguage"] == {"en": "en-GB", "cy": "cy-GB"}[locale]
        assert report["inLanguage"].split("-")[0] == page.html["lang"] == locale
        # the canonical address
        canonical = page.select_one("head link[rel=canonical]")["href"]
        assert canonical == site_url + path
        assert report["url"] == report["@id"] == canonical
        # dates from the plan's data
        dates = plan.content["dates"]
        assert report["datePublished"] == dates["published"]
        assert report["dateModified"] == dates["updated"]
        # the health board, named in the page's language
        assert report["publisher"] == {"@type": "Organization", "name": BOARD[locale]}
        # the other language's page, at its hreflang address
        alternates = {link["hreflang"]: link["href"] for link in page.select("head link[rel=alternate][hreflang]")}
        key, absent = ("workTranslation", "translationOfWork") if locale == "en" else ("translationOfWork", "workTranslation")
        assert absent not in report
        translation = report[key]
        assert translation["@type"] == "Report"
        assert translation["url"] == translation["@id"] == alternates[other] == site_url + _address(other, plan.page)
        assert translation["inLanguage"] == {"en": "en-GB", "cy": "cy-GB"}[other]
        # and the other page says the same of this one
        (back,) = _reports(_soup(site / _address(other, plan.page) / "index.html"))
        assert back[{"workTranslation": "translationOfWork", "translationOfWork": "workTranslation"}[key]]["url"] == canonical
        assert not set(report) - {"@context", "@type", "@id", "name", "inLanguage", "url", "datePublished", "dateModified", "publisher", key}


def test_no_other_page_has_structured_data(site, data):
    plan_files = {site / path / "index.html" for path in _plan_addresses(data)}
    others = [file for file in sorted(site.rglob("*.html")) if file not in plan_files]
    names = {file.relative_to(site).as_posix() for file in others}
    assert {"index.html", "about/index.html", "accessibility/index.html", "cy/index.html", "cy/about/index.html", "cy/accessibility/index.html", "404.html"} <= names
    for file in others:
        assert _soup(file).select(LD_JSON) == [], file.relative_to(site)
        assert "ld+json" not in file.read_text("utf-8"), file.relative_to(site)


def _copy_project(destination: Path) -> Path:
    destination.mkdir()
    for folder in ("content", "data", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, destination / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


def test_the_site_is_otherwise_identical_to_one_built_without_it(tmp_path, data):
    """One copy of the project built twice: as it is, and without the structured data's templates
    (Material's own main.html, no partial). Only the plan pages differ, by their script alone."""
    project = _copy_project(tmp_path / "project")
    with_it = tmp_path / "with"
    result = build_site(project, with_it)
    assert result.returncode == 0, result.stdout + result.stderr
    (project / "overrides" / "main.html").unlink()
    (project / "overrides" / "partials" / "structured-data.html").unlink()
    without = tmp_path / "without"
    result = build_site(project, without)
    assert result.returncode == 0, result.stdout + result.stderr

    def files(root: Path) -> dict:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    built, plain = files(with_it), files(without)
    assert set(built) == set(plain)
    plan_pages = {f"{path}index.html" for path in _plan_addresses(data)}
    for name in sorted(built):
        new, old = built[name].read_bytes(), plain[name].read_bytes()
        if name not in plan_pages:
            assert new == old, name
            continue
        text = new.decode("utf-8")
        (script,) = [line for line in text.splitlines(keepends=True) if 'type="application/ld+json"' in line]
        assert script.startswith('<script type="application/ld+json">') and script.rstrip("\n").endswith("</script>")
        assert text.replace(script, "", 1) == old.decode("utf-8"), name


def test_nu_html_checker_accepts_the_plan_pages_and_a_hostile_report(site, data, tmp_path):
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.skip("the Nu Html Checker needs Java and node_modules/vnu-jar (tools/test.sh installs both)")
    plan = data.plans["upper-valleys/2022-23"]
    maker = structured_data.for_page(data, "en", plan.page, HOSTILE.replace("&", "&amp;").replace("<", "&lt;"))
    hostile = tmp_path / "hostile.html"
    hostile.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
        f'<script type="application/ld+json">{maker(SITE_URL + "x/", SITE_URL + "cy/x/")}</script></head><body><p>x</p></body></html>',
        "utf-8",
    )
    files = [site / path / "index.html" for path in _plan_addresses(data)] + [hostile]
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)], capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert [m for m in messages if m["type"] != "info"] == []
