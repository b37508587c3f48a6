"""Accessibility in a real browser: axe-core finds nothing, and a keyboard reaches and sees every control.

axe-core checks the rules of WCAG 2.2 A and AA and its best practices, on every page in both
languages, on a desktop and a phone, and in the states a reader can put a page in (search
open with results, the navigation drawer open). On the same pages a keyboard walk presses
Tab through the whole page: the first stop is the skip link, and every stop can be seen and
has a focus ring.
"""

from __future__ import annotations

import pytest

from .addresses import MISSING, PAGES, PLAN_PAGES, locale_of
from .conftest import DESKTOP, PHONE, SEARCH_READY

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

# What an element that has the focus looks like: whether it can be seen, and its focus ring.
DESCRIBE = """element => {
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  const inViewport = box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
  return {
    tag: element.tagName.toLowerCase(),
    classes: typeof element.className === "string" ? element.className.split(/\\s+/).filter(Boolean) : [],
    text: (element.innerText || element.value || element.getAttribute("aria-label") || "").trim().slice(0, 40),
    seen: box.width > 0 && box.height > 0 && inViewport && element.checkVisibility({opacityProperty: true, visibilityProperty: true}),
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none",
  };
}"""
FOCUSED = f"""() => document.activeElement && document.activeElement !== document.body ? ({DESCRIBE})(document.activeElement) : null"""
# Records every focus stop as it happens, so a walk through the page needs one round trip per key only.
RECORD_FOCUS = f"""() => {{
  window.__focusStops = [];
  document.addEventListener("focusin", event => window.__focusStops.push(({DESCRIBE})(event.target)));
}}"""
# How many stops a walk must make at most: the focusable elements, and some to spare.
FOCUSABLE = """() => document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])').length + 5"""


def is_a(stop: dict | None, tag: str, cls: str) -> bool:
    return stop is not None and stop["tag"] == tag and cls in stop["classes"]


def tab_through(tab, limit: int | None = None) -> list:
    """Press Tab through the whole page; what had the focus at each stop."""
    tab.page.evaluate(RECORD_FOCUS)
    for _ in range(limit or tab.page.evaluate(FOCUSABLE)):
        tab.page.keyboard.press("Tab")
    return tab.page.evaluate("window.__focusStops")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", PAGES)
def test_page_passes_axe_and_a_keyboard_walk(visit, path, viewport):
    tab = visit(VIEWPORTS[viewport])
    tab.open(path)
    assert tab.axe() == []
    stops = tab_through(tab)
    assert len(stops) > 3
    assert is_a(stops[0], "a", "md-skip"), stops[0]
    assert [stop for stop in stops if not stop["seen"]] == [], "the focus went where it cannot be seen"
    assert [stop for stop in stops if not stop["ring"]] == [], "a focus stop without a visible ring"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", [MISSING["en"], "cy/404.html"])
def test_page_for_a_missing_address_passes_axe(visit, path, viewport):
    tab = visit(VIEWPORTS[viewport])
    response = tab.open(path)
    assert response.status == (404 if path in MISSING.values() else 200)
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


@pytest.mark.parametrize("path", ["", PLAN_PAGES[-1]])
def test_skip_link_moves_on_to_the_content(visit, path):
    tab = visit(DESKTOP)
    tab.open(path)
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("location.hash") == "#__content"
    tab.page.keyboard.press("Tab")
    assert tab.page.evaluate("document.getElementById('__content').contains(document.activeElement)"), tab.page.evaluate(FOCUSED)


@pytest.mark.parametrize("path", ["clusters/", "cy/clusters/"])
def test_keyboard_opens_and_closes_the_navigation_on_a_phone(visit, path):
    tab = visit(PHONE)
    tab.open(path)
    stops = tab_through(tab, limit=6)
    assert any(is_a(stop, "button", "md-header__button") and stop["text"] and stop["seen"] for stop in stops), stops
    tab.page.focus("button[data-plan-toggle=__drawer]")
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("document.getElementById('__drawer').checked")
    assert tab.page.get_attribute("button[data-plan-toggle=__drawer]", "aria-expanded") == "true"
    assert tab.page.evaluate("document.querySelector('.md-sidebar--primary').contains(document.activeElement)")
    tab.page.wait_for_function(f"() => ({FOCUSED})().seen", timeout=2000)  # once the drawer has slid in
    tab.page.keyboard.press("Escape")
    assert not tab.page.evaluate("document.getElementById('__drawer').checked")
    assert is_a(tab.page.evaluate(FOCUSED), "button", "md-header__button")


@pytest.mark.parametrize("path, viewport", [("", "phone"), ("cy/", "desktop")])
def test_keyboard_searches_and_reaches_the_results(visit, path, viewport):
    tab = visit(VIEWPORTS[viewport])
    tab.open(path)
    tab.page.wait_for_function(SEARCH_READY)
    if viewport == "phone":
        tab.page.focus("button[data-plan-toggle=__search]")
        tab.page.keyboard.press("Enter")
    else:
        tab.page.keyboard.press("/")  # Material's shortcut; the field is also in the tab order
    assert tab.page.evaluate("document.activeElement.matches('input.md-search__input')")
    tab.page.keyboard.type("gofal" if path else "care")
    tab.page.wait_for_selector(".md-search-result__item")
    tab.page.keyboard.press("ArrowDown")  # Material moves through the results with the arrow keys
    # The result list may still be scrolling or fading in on a phone: give it up to 2 s to settle.
    tab.page.wait_for_function(f"() => {{ const f = ({FOCUSED})(); return f && f.seen; }}", timeout=2000)
    focused = tab.page.evaluate(FOCUSED)
    assert is_a(focused, "a", "md-search-result__link") and focused["seen"] and focused["ring"], focused
    href = tab.page.evaluate("document.activeElement.href")
    assert ("/cy/" in href) == (locale_of(path) == "cy")
