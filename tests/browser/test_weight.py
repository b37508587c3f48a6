"""Weight: the first load of each plan page transfers at most 150 kB, gzip-compressed (benchmarks/page_weight.py)."""

from __future__ import annotations

from benchmarks import page_weight

from .addresses import PLAN_PAGES


def test_first_load_of_every_plan_page_is_within_budget(browser, site, site_address):
    assert sorted(page_weight.plan_pages()) == sorted(PLAN_PAGES)
    weights = page_weight.measure(browser, site_address, site, PLAN_PAGES)
    over = {f"/{w.path}": f"{w.first_load / 1000:.1f} kB" for w in weights if not w.within_budget}
    assert over == {}, page_weight.report(weights)
    for weight in weights:  # the page itself, its styles and scripts; the search index only on a search
        assert any(path.endswith(".css") for path in weight.resources)
        assert not any(path.endswith(page_weight.SEARCH_INDEX) for path in weight.resources)
        assert weight.search_index > 0
