"""The built site as the public and search engines get it: valid HTML, addresses, languages, privacy.

What needs a browser (axe-core, keyboard, search, print, weight) is in tests/browser/.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, pages

SITE_URL = "https://primary-care-plans.example/"  # mkdocs.yml's default, when SITE_URL is not set
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CONTENT_PAGES = pages(ROOT / "content" / "en")


def address(locale: str, page: str) -> str:
    stem = page[: -len(".md")]
    stem = "" if stem == "index" else stem[: -len("/index")] if stem.endswith("/index") else stem
    path = f"{stem}/" if stem else ""
    return path if locale == "en" else f"cy/{path}"


ADDRESSES = [address(locale, page) for locale in ("en", "cy") for page in CONTENT_PAGES]


def soup(site: Path, path: str) -> BeautifulSoup:
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    return BeautifulSoup(file.read_text("utf-8"), "html.parser")


def every_html_file(site: Path) -> list:
    return sorted(p for p in site.rglob("*.html"))


# --- valid HTML -----------------------------------------------------------------------------------


def test_nu_html_checker_finds_no_errors_in_any_page(site):
    java = shutil.which("java")
    assert java, "Java is missing: the Nu Html Checker needs it (tools/test.sh installs default-jre-headless)"
    assert VNU.exists(), f"{VNU.relative_to(ROOT)} is missing: run npm ci (tools/test.sh does)"
    files = every_html_file(site)
    assert len(files) >= len(ADDRESSES) + 2
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] != "info"]
    assert errors == []


# --- addresses for search engines -----------------------------------------------------------------


def _alternates(page: BeautifulSoup) -> dict:
    return {link["hreflang"]: link["href"] for link in page.select("head link[rel=alternate][hreflang]")}


@pytest.mark.parametrize("path", ADDRESSES)
def test_page_has_canonical_and_reciprocal_hreflang_alternates(site, path):
    page = soup(site, path)
    canonical = page.select_one("head link[rel=canonical]")["href"]
    assert canonical == SITE_URL + path
    alternates = _alternates(page)
    english = SITE_URL + (path[len("cy/") :] if path.startswith("cy/") else path)
    welsh = SITE_URL + (path if path.startswith("cy/") else "cy/" + path)
    assert alternates == {"en": english, "cy": welsh, "x-default": english}
    # reciprocal: the other language's page names the same set
    other = welsh if path == english[len(SITE_URL) :] else english
    assert _alternates(soup(site, other[len(SITE_URL) :])) == alternates


def test_sitemap_lists_every_page_of_both_languages_with_its_alternates(site):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    listed = {}
    for url in root.findall("s:url", namespaces):
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)}
        listed[url.find("s:loc", namespaces).text] = links
    assert sorted(listed) == sorted(SITE_URL + path for path in ADDRESSES)
    for path in ADDRESSES:
        assert listed[SITE_URL + path] == _alternates(soup(site, path)), path


# --- the page for a missing address ---------------------------------------------------------------


@pytest.mark.parametrize("file, first, second", [("404.html", "en", "cy"), ("cy/404.html", "cy", "en")])
def test_not_found_pages_answer_in_both_languages_their_own_first(site, file, first, second):
    page = soup(site, file)
    assert page.html["lang"] == first
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    assert page.select_one("article h1").get_text(strip=True)
    other = page.select_one(f"article section[lang={second}]")
    assert other is not None and other.select_one("h2").get_text(strip=True)
    # served for any missing address, so its links do not depend on where it is
    for element in page.select("link[href], script[src], a[href]"):
        target = element.get("href") or element.get("src")
        assert target.startswith(("/", "#", "http")), target


# --- privacy --------------------------------------------------------------------------------------

LOADS = "link[rel~=stylesheet][href], link[rel~=icon][href], link[rel~=preload][href], link[rel~=preconnect][href], script[src], img[src], iframe[src], source[src], video[src], audio[src]"


@pytest.mark.parametrize("path", ADDRESSES + ["404.html", "cy/404.html"])
def test_page_loads_nothing_from_elsewhere(site, path):
    page = soup(site, path)
    for element in page.select(LOADS):
        target = element.get("href") or element.get("src")
        assert not re.match(r"^(https?:)?//", target), f"{path} loads {target}"
    assert "googletagmanager" not in str(page) and "fonts.googleapis" not in str(page)


def test_stylesheets_load_nothing_from_elsewhere(site):
    for css in site.rglob("*.css"):
        text = css.read_text("utf-8")
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text), css


# --- search, one index per language ---------------------------------------------------------------


def _index(site: Path, folder: str) -> dict:
    return json.loads((site / folder / "search" / "search_index.json").read_text("utf-8"))


def test_each_language_has_a_search_index_of_its_own_pages(site):
    english, welsh = _index(site, ""), _index(site, "cy")
    for folder, index in (("", english), ("cy", welsh)):
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert locations == {a[len("cy/") :] if folder else a for a in ADDRESSES if (a.startswith("cy/") == bool(folder))}
        for location in locations:  # every entry is a page of that language
            built = soup(site, f"{folder}/{location}".lstrip("/"))
            assert built.html["lang"] == (folder or "en")


# What the Welsh index holds beside each entry's words, and what a search finds through it:
# tests/test_welsh_search_index.py.


@pytest.mark.parametrize("path", ADDRESSES)
def test_page_searches_the_index_of_its_language(site, path):
    page = soup(site, path)
    config = json.loads(page.select_one("script#__config").string)
    index = urljoin(urljoin(SITE_URL + path, config["base"]), "search/search_index.json")
    assert index == SITE_URL + ("cy/" if path.startswith("cy/") else "") + "search/search_index.json"


# --- accessibility in the HTML --------------------------------------------------------------------


@pytest.mark.parametrize("path", ADDRESSES)
def test_page_has_a_skip_link_to_its_content(site, path):
    page = soup(site, path)
    skip = page.select_one("body a.md-skip")
    assert skip is not None and skip["href"] == "#__content"
    assert page.select_one("article#__content") is not None


@pytest.mark.parametrize("path", ADDRESSES)
def test_plan_tables_have_captions_and_header_cells(site, path):
    for table in soup(site, path).select("article .plan-table-wrapper table"):
        assert table.caption and table.caption.get_text(strip=True)
        headers = table.select("thead th")
        assert headers and all(th.get("scope") == "col" for th in headers)
        for row in table.select("tbody tr"):
            assert row.select_one("th[scope=row]") is not None


@pytest.mark.parametrize("path", ADDRESSES)
def test_language_switch_carries_the_other_language(site, path):
    switch = soup(site, path).select_one("a.plan-language-link")
    assert switch["lang"] == ("en" if path.startswith("cy/") else "cy")


# --- Material's templates, changed by hooks/theme.py on every build ------------------------------


@pytest.mark.parametrize("path", ["", "cy/", "clusters/upper-valleys/2022-23/", "404.html"])
def test_pages_load_the_assets_the_installed_material_ships(site, path):
    """The hashed asset names (bundle.<hash>.min.js, main.<hash>.min.css, the search worker) come
    from the installed theme's own base.html, changed on every build: each is in the site."""
    version = importlib.metadata.version("mkdocs-material")
    html = (site / path / ("" if path.endswith(".html") else "index.html")).read_text("utf-8")
    assets = re.findall(r"""assets/(?:javascripts|stylesheets)/[\w/.-]+\.[0-9a-f]{8}\.min\.(?:js|css)""", html)
    assert len(set(assets)) >= 4, assets
    for asset in assets:
        assert (site / asset).is_file(), f"{path or 'index.html'} loads {asset}, which is not in the site"
    assert f'content="mkdocs-1.6.1, mkdocs-material-{version}"' in html
