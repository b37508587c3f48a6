"""The publication: the plan data, checked once, and everything the build makes from it.

One Publication per state of the data folder. Within a build, pages use `current()`, never
reloading (stamping every file for every page would cost pages x files); `load()` at the start
of each build looks at the files again, so `mkdocs serve` picks up edits.

The work is kept between builds (hooks/cache.py), keyed by the bytes it depends on:
  - the data: a state of data/ that has loaded without a problem is recorded, and then the
    data is loaded only if some work below is not in the cache (`data` is loaded on first use);
    each plan file's loaded plan is kept too, so a changed state reads only the changed files;
  - a page's rendered Markdown: keyed by the page, and the data files its blocks read: the
    shared files (clusters, glossary, interface, schemas) and the plans its markers name, or
    the whole data folder for the site-wide blocks (hooks/render.py, `dependencies`);
  - the English names marked on a Welsh page, each plan's open data files, the feeds, and the
    site's date.
A state with a problem is never recorded, so its problems are found and reported every time.
"""

from __future__ import annotations

from pathlib import Path

from hooks import cache as cache_module
from hooks import render

ROOT = Path(__file__).resolve().parent.parent

DATA_OK = "data-ok"


def _stamp(root: Path) -> tuple:
    """What the loaded publication depends on: every data file and template, with its size and time."""
    files = sorted((root / "data").rglob("*.yml")) + sorted((root / "data").rglob("*.json")) + sorted(render.TEMPLATE_DIR.glob("*"))
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)


def _is_shared(relative: str) -> bool:
    """Data files every block may read: everything but the plans."""
    return not relative.startswith("data/plans/")


class Publication:
    def __init__(self, root: Path, stamp: tuple, digests: dict, data=None):
        self.root = root
        self.stamp = stamp
        self.cache = cache_module.Cache(root)
        self.digests = digests  # data file -> digest of its bytes
        self.state = cache_module.digest_of(digests)
        self.shared = cache_module.digest_of({name: value for name, value in digests.items() if _is_shared(name)})
        self._data = data
        self._renderer = None

    # --- the data, loaded on first use ---------------------------------------------------------

    @property
    def data(self):
        if self._data is None:
            from hooks import plan_data

            self._data = plan_data.load(self.root, self.cache)  # the state loaded cleanly before: this cannot fail unless the code changed
        return self._data

    @property
    def renderer(self) -> render.Renderer:
        if self._renderer is None:
            self._renderer = render.Renderer(self.data)
        return self._renderer

    def plan_digest(self, plan_id: str) -> str:
        return self.digests.get(f"data/plans/{plan_id}.yml", "missing")

    # --- what the build makes, from the cache or afresh ----------------------------------------

    def render_page(self, markdown: str, locale: str, page_path: str, page_src: str) -> str:
        """The page with its blocks rendered (hooks/render.py); raises ContentError."""
        plans = render.dependencies(markdown)
        data_key = self.state if plans is None else cache_module.digest(self.shared, *(f"{p}\0{self.plan_digest(p)}" for p in sorted(plans)))
        key = cache_module.digest(markdown, locale, page_path, page_src, data_key)
        return self.cache.text("page", key, lambda: self.renderer.render_page(markdown, locale, page_path, page_src))

    def mark_english_names(self, html: str) -> str:
        """A Welsh page's HTML with the glossary's English names marked lang="en"."""
        key = cache_module.digest(html, self.digests.get("data/glossary.yml", ""))
        return self.cache.text("english-names", key, lambda: render.mark_english_names(html, self.data.glossary.english_names))

    def open_data_files(self, plan_id: str, locale: str) -> dict:
        """{path in the site: text} of one plan's open data in one language (hooks/open_data.py)."""
        from hooks import open_data

        key = cache_module.digest(plan_id, locale, self.shared, self.plan_digest(plan_id))
        return self.cache.json("open-data", key, lambda: open_data.plan_files(self.data.plans[plan_id], self.data, locale))

    def all_open_data_files(self, locale: str):
        """open_data_files of every plan, in plan order, one plan at a time (so a large site's are never all in memory)."""
        return (self.open_data_files(plan_id, locale) for plan_id in self.plan_ids())

    def plan_ids(self) -> list:
        """The published plans' ids, from the file names (a state that loaded has them right)."""
        prefix, suffix = "data/plans/", ".yml"
        ids = []
        for name in self.digests:
            if name.startswith(prefix) and name.endswith(suffix) and name.count("/") == 3:
                if not name.rsplit("/", 1)[1].startswith("_"):
                    ids.append(name[len(prefix) : -len(suffix)])
        return sorted(ids)

    def feed(self, locale: str, base_url: str) -> str:
        """The Atom feed of one language (hooks/feeds.py)."""
        from hooks import feeds

        return self.cache.text("feed", cache_module.digest(self.state, locale, base_url), lambda: feeds.atom(self.data, locale, base_url))

    def site_date(self):
        """The latest date a plan states (hooks/build.py, site_date)."""
        import datetime

        from hooks import build

        return datetime.date.fromisoformat(self.cache.text("site-date", self.state, lambda: build.site_date(self.data).isoformat()))


_cache: dict = {}


def current(root: Path = ROOT) -> Publication:
    """The publication loaded last for root, without looking at the files again."""
    cached = _cache.get(Path(root).resolve())
    return cached if cached is not None else load(root)


def load(root: Path = ROOT) -> Publication:
    """The publication for root, checked if anything changed since last time. Raises ContentError.

    A state of the data that loaded cleanly before (in this process, or in the cache) is not
    loaded again until some work needs it.
    """
    root = Path(root).resolve()
    stamp = _stamp(root)
    cached = _cache.get(root)
    if cached is not None and cached.stamp == stamp:
        return cached
    digests = cache_module.file_digests(root, ("data",))
    publication = Publication(root, stamp, digests)
    if not publication.cache.has(DATA_OK, publication.state):
        from hooks import plan_data

        publication._data = plan_data.load(root, publication.cache)  # raises ContentError, listing every problem
        publication.cache.put_text(DATA_OK, publication.state, "")
    _cache[root] = publication
    return publication
