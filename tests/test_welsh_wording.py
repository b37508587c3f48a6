"""The Welsh put right (issue 14, point 4): the theme's interface strings on the Welsh pages,
the plans' Welsh texts, the open data and the counted nouns. Each test reads the built site or
the data, and asserts the corrected wording is there and the old one is not."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

MATERIAL = Path(importlib.util.find_spec("material").origin).parent / "templates"
WELSH_PAGES = ["cy/index.html", "cy/clusters/upper-valleys/2022-23/index.html", "cy/pan-cluster-plan/2024-25/index.html", "cy/about/index.html"]
ENGLISH_PAGES = [page[len("cy/"):] for page in WELSH_PAGES]


def _html(site: Path, page: str) -> str:
    return (site / page).read_text("utf-8")


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup(_html(site, page), "html.parser")


def _translations(soup: BeautifulSoup) -> dict:
    """The strings Material's search script shows (results count, no results, ...), as the page gives them."""
    return json.loads(soup.select_one("script#__config").string)["translations"]


def _theme_strings(path: Path) -> dict:
    """key: string of one of Material's language files (or of the site's corrections)."""
    return dict(re.findall(r'^\s*"([a-z.]+)": "([^"]*)",?$', path.read_text("utf-8"), re.M))


# --- The theme's interface text ------------------------------------------------------------------

CORRECTED = {
    "search.result.other": ("# o ddogfennau sy'n cyfateb", "# dogfennau sy'n cyfateb"),
    "top": ("Yn ôl i'r brig", "Nôl i'r brig"),
    "toc": ("Cynnwys y dudalen", "Cynnwys tudalen"),
    "header": ("Pennyn", "Pennawd"),
    "search.result.initializer": ("Wrthi'n paratoi'r chwilio", "Cychwyn chwilio"),
}


def test_the_site_overrides_only_the_reviewed_welsh_strings_in_one_place():
    """overrides/partials/theme-strings.html holds just the changed keys, each a key of the
    theme's Welsh that it really changes; the theme's old wording is what the review found."""
    theme = _theme_strings(MATERIAL / "partials" / "languages" / "cy.html")
    ours = _theme_strings(ROOT / "overrides" / "partials" / "theme-strings.html")
    assert ours == {key: new for key, (new, _) in CORRECTED.items()}
    for key, (new, old) in CORRECTED.items():
        assert theme[key] == old, f"the theme's Welsh for {key} is no longer {old!r}: review the override"
    # nowhere else does the site set these strings
    for path in (ROOT / "overrides").rglob("*.html"):
        if path.name != "theme-strings.html":
            text = path.read_text("utf-8")
            assert not any(new in text for new, _ in CORRECTED.values()), path


@pytest.mark.parametrize("page", WELSH_PAGES)
def test_welsh_pages_show_the_corrected_theme_strings(site, page):
    soup = _soup(site, page)
    html = _html(site, page)
    assert soup.select_one(".md-top").get_text(" ", strip=True) == "Yn ôl i'r brig"
    assert soup.select_one("header nav.md-header__inner")["aria-label"] == "Pennyn"
    assert soup.select_one(".md-search-result__meta").get_text(strip=True) == "Wrthi'n paratoi'r chwilio"
    toc = soup.select_one("nav.md-nav--secondary")
    assert toc["aria-label"] == "Cynnwys y dudalen"
    for _, old in CORRECTED.values():
        assert old not in html and old.replace("'", "&#39;") not in html, old
    # the search script's own strings, in the page's config
    translations = _translations(soup)
    assert translations["search.result.other"] == "# o ddogfennau sy'n cyfateb"
    # every other string is still the theme's Welsh, not English
    assert translations["search.result.none"] == "Dim dogfennau sy'n cyfateb"
    assert translations["search.result.one"] == "1 dogfen sy'n cyfateb"
    assert translations["search.result.placeholder"] == "Teipiwch i ddechrau chwilio"
    assert soup.select_one("a.md-skip").get_text(strip=True) == "Neidio i'r cynnwys"
    assert soup.select_one("input.md-search__input")["placeholder"] == "Chwilio"
    assert soup.html["lang"] == "cy"


@pytest.mark.parametrize("page", ENGLISH_PAGES)
def test_english_pages_keep_the_themes_english(site, page):
    soup = _soup(site, page)
    assert soup.select_one(".md-top").get_text(" ", strip=True) == "Back to top"
    assert soup.select_one("header nav.md-header__inner")["aria-label"] == "Header"
    assert soup.select_one(".md-search-result__meta").get_text(strip=True) == "Initializing search"
    assert _translations(soup)["search.result.other"] == "# matching documents"
