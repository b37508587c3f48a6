"""Browser tests: the built site served on 127.0.0.1, and one Chromium for the whole session.

Chromium is Debian's (/usr/bin/chromium; tools/test.sh installs it, and the environment
variable CHROMIUM may name another), driven by Playwright without its own browser download. axe-core comes from node_modules (npm ci), never
from the network. The server answers a missing address as GitHub Pages does: with the site's
root 404.html and status 404.
"""

from __future__ import annotations

import functools
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

from benchmarks.page_weight import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  one place says how Chromium starts

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The rules of WCAG 2.2 A and AA (and of the earlier versions), and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class _StaticHost(SimpleHTTPRequestHandler):
    """Serves files as a static host does, a missing address getting the root 404.html."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # quiet
        pass


@pytest.fixture(scope="session")
def site_address(site):
    """The built site, served on 127.0.0.1: its address, ending in /."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_StaticHost, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing: expected Debian's {CHROMIUM}. Run bash tools/test.sh, which installs it.")
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: expected {AXE.relative_to(ROOT)}. Run bash tools/test.sh, which runs npm ci.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Material's search shows its placeholder once its index is loaded, and a count once it has answered.
SEARCH_READY = """() => {
  const texts = JSON.parse(document.getElementById("__config").textContent).translations;
  const meta = document.querySelector(".md-search-result__meta");
  return meta !== null && meta.textContent.trim() === texts["search.result.placeholder"];
}"""
SEARCH_ANSWERED = """() => {
  const texts = JSON.parse(document.getElementById("__config").textContent).translations;
  const meta = document.querySelector(".md-search-result__meta").textContent.trim();
  return meta !== texts["search.result.placeholder"] && meta !== texts["search.result.initializer"];
}"""


class Tab:
    """A browser tab on the served site; it records the address of every request the page makes."""

    def __init__(self, page, site_address: str):
        self.page = page
        self.site_address = site_address
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_address))
        self.requests: list[str] = []
        self._record = lambda request: self.requests.append(request.url)
        page.on("request", self._record)

    def close(self):
        self.page.remove_listener("request", self._record)

    def open(self, path: str):
        return self.page.goto(self.site_address + path)

    def search(self, query: str) -> list[str]:
        """Type a query into the page's search once it is ready; the addresses of the results."""
        self.page.wait_for_function(SEARCH_READY)
        opener = self.page.locator("button[data-plan-toggle=__search]")
        if opener.is_visible():  # on a phone, the field is in a dialog the search button opens
            opener.click()
        self.page.fill("input.md-search__input", query)
        self.page.press("input.md-search__input", "End")  # Material searches when a key is let go
        self.page.wait_for_function(SEARCH_ANSWERED)
        return self.page.eval_on_selector_all(".md-search-result__list a[href]", "links => links.map(link => link.href)")

    def axe(self) -> list:
        """axe-core's violations on the page once it is still (no transition running), one line each."""
        self.page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"]
        ]


@pytest.fixture(scope="session")
def browser_pages(browser, site_address):
    """One browser tab per kind of reader (screen size, scripts on or off), shared by the tests:
    each test navigates it afresh, which resets the page."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_address))
    contexts, pages = {}, {}

    def page_for(viewport: dict, javascript: bool):
        key = (viewport["width"], viewport["height"], javascript)
        if key not in pages:
            context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
            # Nothing may leave the site: a request elsewhere fails here, and the page's request
            # log (which the privacy test reads) still shows it.
            context.route(lambda url: not url.startswith((origin + "/", "data:", "blob:")), lambda route: route.abort())
            contexts[key], pages[key] = context, context.new_page()
        return pages[key]

    yield page_for
    for context in contexts.values():
        context.close()


@pytest.fixture
def visit(browser_pages, site_address):
    """A tab on the served site: desktop-sized with scripts on, unless told otherwise."""
    tabs = []

    def open_tab(viewport: dict = DESKTOP, javascript: bool = True) -> Tab:
        tab = Tab(browser_pages(viewport, javascript), site_address)
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        tab.close()
