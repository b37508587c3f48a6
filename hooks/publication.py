"""The publication: everything one build publishes, made from the files as they are now.

`make(root)` reads every input once (the data, every page, mkdocs.yml's navigation, the
translators' fingerprints), renders every page in its language, and runs every content
check on what it made. Its `problems` are the one verdict on the content:
`python -m hooks.check` prints them, and the build (hooks/mkdocs_hooks.py) makes a
publication at the start and stops on the same problems, so the two can never disagree.

Nothing is kept between builds: `mkdocs serve` makes a new publication on every rebuild,
and two publications of the same files are the same. Within one build, the pages MkDocs
asks for are the pages rendered here (`page_markdown`).
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, field
from pathlib import Path

from hooks.checks import links, safety, site_config
from hooks.model import locales, plan_data
from hooks.rendering import render
from hooks.problems import ContentError, Problem

CONTENT = "content"


@dataclass(frozen=True)
class Page:
    """One page of one language: its source, and its Markdown with every block rendered."""

    locale: str
    inner: str  # its path inside the language folder: clusters/index.md
    source: str  # the whole file, front matter included
    rendered: str | None  # None when a block could not be rendered (see the problems)
    source_lines: list = field(default_factory=list, compare=False)  # the file's line of each line of rendered

    @property
    def path(self) -> str:
        return f"{CONTENT}/{self.locale}/{self.inner}"


@dataclass
class Publication:
    root: Path
    data: plan_data.PlanData
    pages: dict  # (locale, inner) -> Page
    problems: list = field(default_factory=list)  # every content problem, sorted
    _renderer: render.Renderer | None = field(default=None, repr=False)
    _plan_json: dict = field(default_factory=dict, repr=False)  # plan id -> its open data JSON
    abbreviations: object = None  # data/abbreviations.yml read (hooks/rendering/abbreviations.py)
    _abbreviation_markers: dict = field(default_factory=dict, repr=False)  # locale -> its abbreviations.Marker, made once per build

    @property
    def renderer(self) -> render.Renderer:
        if self._renderer is None:
            self._renderer = render.Renderer(self.data)
        return self._renderer

    def page_markdown(self, body: str, locale: str, inner: str) -> str:
        """The Markdown MkDocs should use for a page whose body (front matter taken off) is body.

        The page rendered by make() when body is the end of the file it read (the usual case:
        MkDocs takes the front matter off and may drop the final newline), otherwise body
        rendered now: the same result either way, since rendering replaces block markers only
        and none is in the front matter. Raises ContentError.
        """
        page = self.pages.get((locale, inner))
        if page is not None and page.rendered is not None:
            kept, source = body.rstrip(), page.source.rstrip()
            if source.endswith(kept):
                front = source[: len(source) - len(kept)]
                if page.rendered.startswith(front) and render.MARKER.search(front) is None:
                    return page.rendered[len(front) :].rstrip() + body[len(kept) :]
        return self.renderer.render_page(body, locale, f"{CONTENT}/{locale}/{inner}", inner)

    def mark_english_names(self, html: str) -> str:
        """A Welsh page's HTML with the glossary's English names marked lang="en"."""
        return render.mark_english_names(html, self.data.glossary.english_names)

    def mark_abbreviations(self, html: str, locale: str) -> str:
        """A page's HTML with each abbreviation of its language marked <abbr title="its full name">."""
        from hooks.rendering import abbreviations

        if self.abbreviations is None:
            return abbreviations.mark(html, abbreviations.read(self.root)[0].entries(locale))
        if locale not in self._abbreviation_markers:  # prepared once for every page of the language
            self._abbreviation_markers[locale] = abbreviations.Marker(self.abbreviations.entries(locale))
        return self._abbreviation_markers[locale].mark(html)

    def open_data_files(self, locale: str, site_url: str = ""):
        """{path in the site: text} of each plan's open data in one language, one plan at a time
        (site_url: the site's address, which makes the Data Package's addresses absolute); the
        plan's JSON, the same in both languages, as its UTF-8 bytes (open_data.write_files)."""
        from hooks.rendering import open_data

        for plan_id in sorted(self.data.plans):
            plan = self.data.plans[plan_id]
            if plan_id not in self._plan_json:  # the same in every language: made and encoded once per build
                self._plan_json[plan_id] = open_data.plan_json(plan).encode("utf-8")
            yield open_data.plan_files(plan, self.data, locale, self._plan_json[plan_id], site_url)

    def feed(self, locale: str, base_url: str) -> str:
        from hooks.rendering import feeds

        return feeds.atom(self.data, locale, base_url)

    def site_date(self):
        from hooks import build

        return build.site_date(self.data)


def _page_paths(root: Path, locale: str) -> list:
    folder = root / CONTENT / locale
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md") if not p.is_symlink()) if folder.is_dir() else []  # a link: reported, never read (hooks/checks/safety.py)


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # what MkDocs builds as a page (mkdocs.utils)


def stray_page_problems(root: Path) -> list:
    """Markdown that MkDocs would publish but the checks would not read: outside a language folder, or not .md."""
    problems = []
    folder = root / CONTENT
    for file in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if file.is_dir() or file.suffix.lower() not in MARKDOWN_SUFFIXES:
            continue
        relative = file.relative_to(root).as_posix()
        parts = file.relative_to(folder).parts
        if len(parts) < 2 or parts[0] not in locales.LOCALES:
            problems.append(Problem(
                relative, None, "page-file-name", "this page is not in a language folder, so it would be published without its checks", f"move it into {CONTENT}/en/ and write its Welsh in {CONTENT}/cy/ at the same path",
                message_cy="nid yw'r dudalen hon mewn ffolder iaith, felly byddai'n cael ei chyhoeddi heb ei gwiriadau",
                hint_cy=f"symudwch hi i {CONTENT}/en/ ac ysgrifennwch ei Chymraeg yn {CONTENT}/cy/ ar yr un llwybr",
            ))
        elif file.suffix != ".md":
            problems.append(Problem(
                relative, None, "page-file-name", f"a page's file name ends in .md, not {file.suffix}", f"rename it to {file.stem}.md",
                message_cy=f"mae enw ffeil tudalen yn gorffen ag .md, nid {file.suffix}", hint_cy=f"ailenwch y ffeil yn {file.stem}.md",
            ))
    return problems


def _read_page(root: Path, locale: str, inner: str) -> str | None:
    """The page's text, as MkDocs reads it; None if it cannot be read (the translation checks say why)."""
    try:
        return (root / CONTENT / locale / inner).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


SHARED_DATA = ("data/interface.yml", "data/clusters.yml", "data/glossary.yml")


def _render_pages(root: Path, renderer: render.Renderer, data_problems: list) -> tuple:
    """({(locale, inner): Page}, the problems of rendering them).

    With problems in the data, a page is rendered only where that says something new: not at
    all when a shared file (the interface texts, the clusters, the glossary) has problems, and
    a marker naming a plan whose file has problems is that file's problem, not the page's.
    """
    broken = {problem.path for problem in data_problems}
    shared_broken = bool(broken & set(SHARED_DATA)) or any(path.startswith("data/schemas/") for path in broken)
    pages, problems = {}, []
    for locale in locales.LOCALES:
        for inner in _page_paths(root, locale):
            source = _read_page(root, locale, inner)
            if source is None:
                continue
            path = f"{CONTENT}/{locale}/{inner}"
            rendered, source_lines = None, []
            if not shared_broken:
                try:
                    rendered, source_lines = renderer.render_with_lines(source, locale, path, inner)
                except ContentError as error:
                    problems += [p for p in error.problems if not (p.rule == "marker-unknown-plan" and _names_plan_in(source, p.line, broken))]
                except Exception:  # noqa: BLE001 - a block of a plan with problems: those problems say what to fix
                    if not any(marker.args and f"data/plans/{marker.args[0]}.yml" in broken for marker in render.find_markers(source)):
                        raise
            pages[locale, inner] = Page(locale, inner, source, rendered, source_lines)
    return pages, problems


def _names_plan_in(source: str, line: int | None, broken: set) -> bool:
    """Whether the marker at line names a plan whose file has problems."""
    return any(marker.line == line and marker.args and f"data/plans/{marker.args[0]}.yml" in broken for marker in render.find_markers(source))


def make(root: Path) -> Publication:
    """The publication of the files under root as they are now, with every content problem found."""
    with collector_paused():
        return _make(root)


def make_for_build(root: Path) -> Publication:
    """make(root), for a build that keeps the publication to its end (hooks/mkdocs_hooks.py).

    Its objects are set aside from the cycle collector before the collector is set back on
    (gc.freeze), and with them whatever else is alive then (MkDocs' configuration, the modules).
    Made while the collector was paused, they would all be in its youngest generation: its next
    passes would walk every one of them, in each generation in turn, and at every full pass after,
    to the end of the build, finding nothing to free (at 90 plans, some 0.2 s), and its last pass,
    as the process exits, would walk them once more (some 0.3 s). They are still freed by
    reference counting when dropped, and stay set aside to the end of the process; a rebuild of
    `mkdocs serve` (or another build in the same process) gives back what the build before set
    aside, and collects what of it is no longer used, before it makes its own.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    with collector_paused():
        made = _make(root)
        gc.freeze()
    return made


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused while a publication is made (or the build's
    other bulk work of the hooks: its open data, its search indexes), then as it was.

    Making a publication creates several hundred thousand objects (the data and its locations,
    the rendered pages, the gate's texts and units) and keeps most of them to the end, with
    hardly a reference cycle among them. Each full pass of the collector walked every object
    made so far, again and again as they grew (a third of the time of reading 90 plans, a fifth
    of the gate's): passes that find nearly nothing. What is dropped is still freed at once by
    reference counting; the few cycles are collected after, in the collector's next pass.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _make(root: Path) -> Publication:
    root = Path(root).resolve()
    data, problems = plan_data.read(root)
    publication = Publication(root, data, {})
    pages, found = _render_pages(root, publication.renderer, problems)
    publication.pages = pages
    problems += found
    config = site_config.read(root)
    problems += links.problems(root, [page for page in pages.values() if page.rendered is not None], config.markdown_extensions)
    problems += config.problems
    problems += site_config.navigation_problems(config, {locale: set(_page_paths(root, locale)) for locale in locales.LOCALES})
    problems += stray_page_problems(root)
    problems += safety.site_problems(root)
    from hooks.rendering import abbreviations  # the file's own problems; its rule is the gate's

    publication.abbreviations, found = abbreviations.read(root)
    problems += found
    from hooks.checks.translation_checks import run_checks  # language identification and page structure

    problems += run_checks(root, data, publication.abbreviations)
    publication.problems = sorted(set(problems))
    return publication


def problems_of(root: Path) -> list[Problem]:
    """Every content problem of the site at root (what `python -m hooks.check` reports)."""
    return make(root).problems
