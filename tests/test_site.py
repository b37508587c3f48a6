"""The built site: every page in both languages, the right language, switches, identical figures."""

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, pages

ENGLISH_PAGES = pages(ROOT / "content" / "en")
FIGURE = re.compile(r"£?\d+(?:,\d{3})*(?:\.\d+)?%?")


def _built(site: Path, locale: str, page: str) -> Path:
    stem = page[: -len(".md")]
    folder = "" if stem in ("index",) else (stem[: -len("/index")] if stem.endswith("/index") else stem)
    base = site / ("cy" if locale == "cy" else "")
    return base / folder / "index.html"


def _url(locale: str, page: str) -> str:
    path = _built(Path("/"), locale, page).as_posix()
    return path[: -len("index.html")]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def test_both_languages_have_the_same_pages():
    assert ENGLISH_PAGES == pages(ROOT / "content" / "cy")
    assert {"index.md", "pan-cluster-plan/2024-25.md", "clusters/index.md", "about.md", "accessibility.md"} <= set(ENGLISH_PAGES)


@pytest.mark.parametrize("page", ENGLISH_PAGES)
def test_page_is_built_in_both_languages_with_lang_and_interface(site, page):
    english, welsh = _soup(_built(site, "en", page)), _soup(_built(site, "cy", page))
    assert english.html["lang"] == "en"
    assert welsh.html["lang"] == "cy"
    # Material's interface in Welsh on Welsh pages
    assert welsh.select_one("input.md-search__input")["aria-label"] == "Chwilio"
    assert english.select_one("input.md-search__input")["aria-label"] == "Search"
    assert welsh.title.get_text() != english.title.get_text()


@pytest.mark.parametrize("page", ENGLISH_PAGES)
def test_language_switch_points_at_the_counterpart(site, page):
    for locale, other, label in (("en", "cy", "Cymraeg"), ("cy", "en", "English")):
        soup = _soup(_built(site, locale, page))
        (switch,) = soup.select("a.plan-language-link")
        assert switch.get_text(strip=True) == label
        assert switch["lang"] == other and switch["hreflang"] == other
        target = urljoin(_url(locale, page), switch["href"])
        assert target == _url(other, page), (page, locale, switch["href"])


@pytest.mark.parametrize("page", ENGLISH_PAGES)
def test_figures_are_identical_in_both_languages(site, page):
    def figures(locale):
        article = _soup(_built(site, locale, page)).select_one("article")
        return sorted(FIGURE.findall(article.get_text(" ")))

    assert figures("en") == figures("cy")


def test_pan_cluster_plan_page_shows_all_six_priorities_in_both_languages(site, data):
    plan = data.plans["pan-cluster/2024-25"]
    for locale in ("en", "cy"):
        article = _soup(_built(site, locale, "pan-cluster-plan/2024-25.md")).select_one("article")
        for abbreviation in article.select("abbr"):  # its tooltip's element is not a break in the text
            abbreviation.unwrap()
        article.smooth()
        text = " ".join(article.get_text(" ").split())
        for priority in plan.content["plan"]["priorities"]:
            for key in ("title", "goal", "how"):
                assert " ".join(priority[key].render(locale).split()) in text


def test_english_names_on_welsh_pages_carry_their_language(site, data):
    assert "My Health Online" in data.glossary.english_names
    welsh = _soup(_built(site, "cy", "clusters/upper-valleys/2022-23.md")).select_one("article")
    marked = [span.get_text() for span in welsh.select('span[lang="en"]')]
    assert "My Health Online" in marked and "Consultant Connect" in marked
    english = _soup(_built(site, "en", "clusters/upper-valleys/2022-23.md")).select_one("article")
    assert not english.select('span[lang="en"]')


def test_marking_english_names_touches_text_only():
    from hooks.rendering.render import mark_english_names

    html = '<p title="Ask My GP">Ask My GP, Ask My GPs</p><code>Ask My GP</code><pre>Ask My GP</pre>'
    assert mark_english_names(html, ["Ask My GP"]) == (
        '<p title="Ask My GP"><span lang="en">Ask My GP</span>, Ask My GPs</p><code>Ask My GP</code><pre>Ask My GP</pre>'
    )


def test_no_published_file_is_a_symlink_or_comes_from_outside_the_repository(site):
    """Every file of the built site is a real file; its content pages come from content/ (hooks/checks/safety.py refuses links there)."""
    import os

    for here, folders, files in os.walk(site):
        for name in folders + files:
            path = os.path.join(here, name)
            assert not os.path.islink(path), path
    assert not [p for p in (ROOT / "content").rglob("*") if p.is_symlink()]
    assert not [p for p in (ROOT / "overrides").rglob("*") if p.is_symlink()]
