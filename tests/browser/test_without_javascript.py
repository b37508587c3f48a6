"""Without JavaScript every page shows its content, and its language switch goes to the counterpart."""

from __future__ import annotations

import pytest

from .addresses import PAGES, counterpart, locale_of


@pytest.mark.parametrize("path", PAGES)
def test_page_content_and_language_switch_work_without_javascript(visit, site, site_address, path):
    tab = visit(javascript=False)
    tab.open(path)
    assert tab.page.evaluate("document.documentElement.classList.contains('no-js')")
    article = tab.page.locator("article#__content")
    assert article.is_visible()
    built = (site / path / "index.html").read_text("utf-8")
    heading = tab.page.locator("article h1").first.inner_text()
    assert heading and heading in built
    assert len(article.inner_text()) > 100
    for table in tab.page.locator(".plan-table-wrapper > table").all():  # plan tables stay tables
        assert table.evaluate("t => getComputedStyle(t).display") == "table"
    tab.page.click("a.plan-language-link")
    tab.page.wait_for_load_state()
    assert tab.page.url == site_address + counterpart(path)
    assert tab.page.evaluate("document.documentElement.lang") == locale_of(counterpart(path))
