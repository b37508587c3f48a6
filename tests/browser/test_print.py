"""A plan page prints without navigation or header, and its tables are not cut."""

from __future__ import annotations

import pytest

from .addresses import PLAN_PAGES

# An A4 page at 96 dots per inch, less Chromium's default margins (about 1 cm a side).
PRINT_WIDTH = 718

HIDDEN_IN_PRINT = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-skip", ".plan-language-switch"]


@pytest.mark.parametrize("path", PLAN_PAGES)
def test_plan_page_prints_content_only_with_whole_tables(visit, path):
    tab = visit({"width": PRINT_WIDTH, "height": 1000})
    tab.open(path)
    tab.page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        shown = tab.page.locator(selector).evaluate_all("elements => elements.filter(e => e.checkVisibility()).length")
        assert shown == 0, f"{selector} prints"
    assert tab.page.locator("article h1").is_visible()
    cut = tab.page.evaluate(
        """width => [...document.querySelectorAll("article table")].filter(table => {
            const box = table.getBoundingClientRect();
            const wrapper = table.closest(".plan-table-wrapper");
            const clipped = wrapper && wrapper.scrollWidth > wrapper.clientWidth + 1;
            return box.right > width + 1 || box.left < -1 || clipped || getComputedStyle(table).display !== "table";
        }).map(table => table.caption ? table.caption.innerText : table.outerHTML.slice(0, 80))""",
        PRINT_WIDTH,
    )
    assert cut == [], "tables cut in print"
    assert len(tab.page.pdf(format="A4")) > 10_000  # Chromium prints it
