"""Accessibility in a real browser: axe-core finds nothing, and a keyboard reaches and sees every control.

axe-core checks the rules of WCAG 2.2 A and AA and its best practices, on every page in both
languages, on a desktop and a phone, and in the states a reader can put a page in (search
open with results, the navigation drawer open).
"""

from __future__ import annotations

import pytest

from .addresses import MISSING, PAGES, PLAN_PAGES, locale_of
from .conftest import DESKTOP, PHONE, SEARCH_READY

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
ALL_PAGES = PAGES + ["404.html", "cy/404.html"]

# What an element that has the focus looks like: whether it can be seen, and its focus ring.
DESCRIBE = """element => {
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  const inViewport = box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
  return {
    tag: element.tagName.toLowerCase(),
    classes: typeof element.className === "string" ? element.className.split(/\\s+/).filter(Boolean) : [],
    text: (element.innerText || element.value || element.getAttribute("aria-label") || "").trim().slice(0, 40),
    seen: box.width > 0 && box.height > 0 && inViewport && style.visibility === "visible" && element.checkVisibility(),
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none",
  };
}"""
FOCUSED = f"""() => document.activeElement && document.activeElement !== document.body ? ({DESCRIBE})(document.activeElement) : null"""
# Records every focus stop as it happens, so a walk through the page needs no round trip per step.
RECORD_FOCUS = f"""() => {{
  window.__focusStops = [];
  document.addEventListener("focusin", event => window.__focusStops.push(({DESCRIBE})(event.target)));
}}"""
# How many stops a walk must make at most: the focusable elements, and some to spare.
FOCUSABLE = """() => document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])').length + 5"""


def is_a(stop: dict, tag: str, cls: str) -> bool:
    return stop is not None and stop["tag"] == tag and cls in stop["classes"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", ALL_PAGES)
def test_axe_finds_no_violations(visit, path, viewport):
    tab = visit(VIEWPORTS[viewport])
    tab.open(path)
    assert tab.axe() == []


@pytest.mark.parametrize("path", ["", "cy/"])
def test_axe_finds_no_violations_with_search_results_open(visit, path):
    tab = visit(DESKTOP)
    tab.open(path)
    assert tab.search("gofal" if path else "care")
    assert tab.axe() == []


@pytest.mark.parametrize("path", ["clusters/", "cy/clusters/"])
def test_axe_finds_no_violations_with_the_navigation_drawer_open(visit, path):
    tab = visit(PHONE)
    tab.open(path)
    tab.page.click("button[data-plan-toggle=__drawer]")
    tab.page.wait_for_function("document.getElementById('__drawer').checked")
    assert tab.axe() == []


@pytest.mark.parametrize("path", ["", "cy/"] + PLAN_PAGES)
def test_first_tab_is_a_visible_skip_link_to_the_content(visit, path):
    tab = visit(DESKTOP)
    tab.open(path)
    tab.page.keyboard.press("Tab")
    focused = tab.page.evaluate(FOCUSED)
    assert is_a(focused, "a", "md-skip") and focused["seen"] and focused["ring"], focused
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("location.hash") == "#__content"
    tab.page.keyboard.press("Tab")
    inside = tab.page.evaluate("document.getElementById('__content').contains(document.activeElement)")
    assert inside, tab.page.evaluate(FOCUSED)


def _tab_through(tab, limit: int | None = None) -> list:
    """Press Tab through the whole page; what had the focus at each stop."""
    tab.page.evaluate(RECORD_FOCUS)
    for _ in range(limit or tab.page.evaluate(FOCUSABLE)):
        tab.page.keyboard.press("Tab")
    return tab.page.evaluate("window.__focusStops")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", PAGES)
def test_every_focus_stop_is_visible_and_ringed(visit, path, viewport):
    tab = visit(VIEWPORTS[viewport])
    tab.open(path)
    stops = _tab_through(tab)
    assert len(stops) > 3
    unseen = [stop for stop in stops if not stop["seen"]]
    unringed = [stop for stop in stops if not stop["ring"]]
    assert unseen == [], "focus moved to something that cannot be seen"
    assert unringed == [], "focus without a visible ring"


@pytest.mark.parametrize("path", ["clusters/", "cy/clusters/"])
def test_keyboard_opens_and_closes_the_navigation_on_a_phone(visit, path):
    tab = visit(PHONE)
    tab.open(path)
    stops = _tab_through(tab, limit=40)
    assert any(is_a(stop, "button", "md-header__button") and stop["text"] and stop["seen"] for stop in stops)
    tab.page.focus("button[data-plan-toggle=__drawer]")
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("document.getElementById('__drawer').checked")
    assert tab.page.get_attribute("button[data-plan-toggle=__drawer]", "aria-expanded") == "true"
    focused = tab.page.evaluate(FOCUSED)
    assert focused["seen"] and tab.page.evaluate("document.querySelector('.md-sidebar--primary').contains(document.activeElement)"), focused
    tab.page.keyboard.press("Escape")
    assert not tab.page.evaluate("document.getElementById('__drawer').checked")
    assert is_a(tab.page.evaluate(FOCUSED), "button", "md-header__button")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", ["", "cy/"])
def test_keyboard_searches_and_reaches_the_results(visit, path, viewport):
    tab = visit(VIEWPORTS[viewport])
    tab.open(path)
    if viewport == "phone":
        tab.page.focus("button[data-plan-toggle=__search]")
        tab.page.keyboard.press("Enter")
    else:
        tab.page.keyboard.press("/")  # Material's shortcut; the field is also in the tab order
    assert tab.page.evaluate("document.activeElement.matches('input.md-search__input')")
    tab.page.wait_for_function(SEARCH_READY)
    tab.page.keyboard.type("gofal" if path else "care")
    tab.page.wait_for_selector(".md-search-result__item")
    tab.page.keyboard.press("ArrowDown")  # Material moves through the results with the arrow keys
    focused = tab.page.evaluate(FOCUSED)
    assert is_a(focused, "a", "md-search-result__link") and focused["seen"] and focused["ring"], focused
    href = tab.page.evaluate("document.activeElement.href")
    assert ("/cy/" in href) == (locale_of(path) == "cy")


@pytest.mark.parametrize("path", [MISSING["en"], MISSING["cy"]])
def test_missing_address_page_is_accessible(visit, path):
    tab = visit(DESKTOP)
    response = tab.open(path)
    assert response.status == 404
    assert tab.axe() == []
