"""Privacy: no request leaves the site's own origin (no web fonts, no CDN, no analytics).

Every page in both languages, the 404 page, and a search, loaded in Chromium with every
request recorded. Requests elsewhere are also refused by the browser context (conftest), so
the test never depends on the network.
"""

from __future__ import annotations

from .addresses import MISSING, PAGES
from .conftest import SEARCH_READY


def _elsewhere(tab) -> list:
    return [url for url in tab.requests if not url.startswith((tab.origin + "/", "data:", "blob:"))]


def test_every_page_requests_only_its_own_origin(visit):
    tab = visit()
    for path in PAGES + list(MISSING.values()):
        tab.requests.clear()
        tab.open(path)
        tab.page.wait_for_function(SEARCH_READY)  # the last request: the search index, loaded
        assert tab.requests, path
        assert _elsewhere(tab) == [], path


def test_search_requests_only_its_own_origin(visit):
    for path, query in (("", "care"), ("cy/", "gofal")):
        tab = visit()
        tab.open(path)
        assert tab.search(query)
        assert any(url.endswith("search/search_index.json") for url in tab.requests)
        assert _elsewhere(tab) == [], path
