"""What the first load of each plan page transfers, gzip-compressed. Budget: 150 kB a page.

    .venv/bin/python benchmarks/page_weight.py                 build the site, then measure it
    .venv/bin/python benchmarks/page_weight.py --site site     measure a site already built

Each plan page, in both languages, is loaded once in Chromium (Debian's /usr/bin/chromium) with
an empty cache, from a server on 127.0.0.1. Every resource the page requests is counted at its
size gzip-compressed (level 6, as web servers compress), read from the built file. The search
index is left out of the first load: it serves searches only, and is reported on its own, as
what the first search adds. The exit status is 1 when a page is over budget.
tests/browser/test_weight.py runs the same measurement in the test suite.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BUDGET = 150_000  # bytes, gzip-compressed, per page's first load
SEARCH_INDEX = "search/search_index.json"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))  # Debian's; CHROMIUM names another
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@dataclass
class PageWeight:
    path: str
    resources: dict = field(default_factory=dict)  # site path -> gzip-compressed bytes
    search_index: int = 0  # gzip-compressed bytes of the language's search index

    @property
    def first_load(self) -> int:
        return sum(self.resources.values())

    @property
    def within_budget(self) -> bool:
        return self.first_load <= BUDGET


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def built_file(site: Path, path: str) -> Path:
    """The file a site path is served from: "cy/" -> site/cy/index.html."""
    target = site / unquote(path)
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def plan_pages() -> list[str]:
    """The address of every plan page, English then Welsh: "clusters/upper-valleys/2022-23/"."""
    from hooks.model import plan_data

    stems = sorted(plan.page[: -len(".md")] + "/" for plan in plan_data.load(ROOT).plans.values())
    return stems + ["cy/" + stem for stem in stems]


def first_load(page, site_address: str, site: Path, path: str) -> PageWeight:
    """Load one page in a fresh browser page; what it requested, gzip-compressed."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_address + path, wait_until="networkidle")
    # The theme's search worker fetches the index once it has started, which on a busy machine
    # can be after the network went idle: wait for it (every page has the search).
    for _ in range(100):
        if any(url.endswith(SEARCH_INDEX) for url in requested):
            break
        page.wait_for_timeout(100)
    weight = PageWeight(path)
    for url in requested:
        if not url.startswith(site_address):
            raise AssertionError(f"{path} requested {url}, outside the site")
        site_path = urlsplit(url).path.lstrip("/")
        size = gzip_size(built_file(site, site_path).read_bytes())
        if site_path.endswith(SEARCH_INDEX):
            weight.search_index = size
        else:
            weight.resources[site_path or "index.html"] = size
    return weight


def measure(browser, site_address: str, site: Path, paths: list[str]) -> list[PageWeight]:
    """Each page's first load, each in a browser context of its own (so with an empty cache)."""
    weights = []
    for path in paths:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            weights.append(first_load(context.new_page(), site_address, site, path))
        finally:
            context.close()
    return weights


def report(weights: list[PageWeight]) -> str:
    lines = [f"{'page':<45} {'requests':>8} {'first load':>11} {'budget':>7}  {'+ search index':>14}"]
    for weight in weights:
        lines.append(
            f"/{weight.path:<44} {len(weight.resources):>8} {weight.first_load / 1000:>8.1f} kB"
            f" {'ok' if weight.within_budget else 'OVER':>7}  {weight.search_index / 1000:>11.1f} kB"
        )
    lines.append(f"budget: {BUDGET / 1000:.0f} kB a page, gzip-compressed, search index excluded")
    return "\n".join(lines)


def details(weight: PageWeight) -> str:
    return "\n".join(f"  {size / 1000:>7.1f} kB  {path}" for path, size in sorted(weight.resources.items(), key=lambda item: -item[1]))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--details", action="store_true", help="list every resource of every page")
    options = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as temporary:
        site = options.site
        if site is None:
            site = Path(temporary) / "site"
            build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
            subprocess.run(build, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                weights = measure(browser, f"http://127.0.0.1:{server.server_port}/", site, plan_pages())
                browser.close()
        finally:
            server.shutdown()
    print(report(weights))
    if options.details:
        for weight in weights:
            print(f"/{weight.path}\n{details(weight)}")
    return 0 if all(weight.within_budget for weight in weights) else 1


if __name__ == "__main__":
    sys.exit(main())
