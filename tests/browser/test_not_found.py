"""A missing address is answered in its own language: Welsh under /cy/, English elsewhere.

The server answers as GitHub Pages does, with the root 404.html for every missing address;
that page is bilingual, English first. The Welsh build's own page, Welsh first, is at
cy/404.html for hosts that serve a folder's 404 page.
"""

from __future__ import annotations

from .addresses import MISSING

ENGLISH = "Page not found"
WELSH = "Heb ddod o hyd i'r dudalen"


def _headings(tab) -> list:
    return tab.page.eval_on_selector_all(
        "article h1, article h2",
        "hs => hs.map(h => [h.innerText.trim(), h.closest('[lang]').getAttribute('lang')])",
    )


def test_a_missing_english_address_is_answered_in_english(visit):
    tab = visit()
    response = tab.open(MISSING["en"])
    assert response.status == 404
    assert _headings(tab)[0] == [ENGLISH, "en"]


def test_a_missing_welsh_address_is_answered_in_welsh(visit):
    tab = visit()
    response = tab.open(MISSING["cy"])
    assert response.status == 404
    assert [WELSH, "cy"] in _headings(tab)
    home = tab.page.locator("section[lang=cy] a")
    home.click()
    tab.page.wait_for_load_state()
    assert tab.page.evaluate("document.documentElement.lang") == "cy"


def test_the_welsh_page_of_its_own_is_welsh_first(visit):
    tab = visit()
    tab.open("cy/404.html")
    assert tab.page.evaluate("document.documentElement.lang") == "cy"
    assert _headings(tab) == [[WELSH, "cy"], [ENGLISH, "en"]]
