"""Links between pages: each relative link leads to a file of the site, each #anchor to a place on its page.

The same rule as MkDocs' own link validation (mkdocs/structure/pages.py, path_to_url), run on
the rendered pages before the build, so that `python -m hooks.check` finds what the strict
build would refuse, with the file and line:
  - a link with a scheme (https:, mailto:) or a host, or an absolute path, is not checked here;
  - a relative link whose last part has no extension (`clusters/`) is left as it is, as MkDocs
    leaves it;
  - a relative link to a page (`.md`) must name a page of the same language (content/en/ for
    an English page, content/cy/ for a Welsh one);
  - a link to another file (an image, a PDF) must name a file of the language's build, as
    mkdocs-static-i18n (folder layout, no fallback) gives them: an English page (the default
    language) may link to its own folder's files and to the shared ones (content/assets/, also
    written relative to its own folder); a Welsh page only to content/cy/'s files (found by
    building: a Welsh page's link to content/assets/ is refused by MkDocs);
  - an #anchor on a link to a page (or on the page itself) must be an id on that page: the
    page's Markdown rendered by Python-Markdown with the site's extensions, as MkDocs renders
    it (heading ids from the table of contents, `{: #id }`, ids in HTML), read by an HTML parser.
"""

from __future__ import annotations

import functools
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from hooks.model.locales import DEFAULT_LOCALE, LOCALES
from hooks.problems import Problem

CONTENT = "content"
MKDOCS_EXTENSIONS = ["toc", "tables", "fenced_code"]  # MkDocs' own, before mkdocs.yml's markdown_extensions


@functools.lru_cache(maxsize=1)
def _markdown_it():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def _links(markdown: str) -> list:
    """(target, line in markdown) of every link and image of a page's Markdown."""
    found = []
    lines = markdown.split("\n")
    for token in _markdown_it().parse(markdown):
        if token.type != "inline" or not token.children:
            continue
        first, last = token.map if token.map else (0, 1)
        for child in token.children:
            target = child.attrGet("href") if child.type == "link_open" else child.attrGet("src") if child.type == "image" else None
            if target is None:
                continue
            line = first + 1
            written = unquote(str(target))
            for number in range(first, min(last, len(lines))):
                if written in lines[number] or str(target) in lines[number]:
                    line = number + 1
                    break
            found.append((str(target), line))
    return found


def may_hold_relative_links(markdown: str) -> bool:
    """False when markdown can hold no link or image that problems() checks, so it need not be parsed.

    In CommonMark a link or an image is written inline, `[text](target)` or `![text](target)`,
    or by reference, to a definition `[name]: target`: either way a `](` or a `]:`. Without
    them the only links are autolinks (`<https://...>`, `<name@example.org>`), which always
    have a scheme, and links with a scheme are not checked.
    """
    return "](" in markdown or "]:" in markdown


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)


def anchors_of(markdown: str, extensions: tuple) -> set:
    """The ids of a page: its Markdown rendered as MkDocs renders it, then every id attribute."""
    import markdown as python_markdown

    names = [name for name, _ in extensions]
    configs = {name: dict(config) for name, config in extensions if config}
    from hooks.rendering.raw_html_blocks import RawHtmlBlocks  # as the build adds it (hooks/mkdocs_hooks.py)

    extensions = MKDOCS_EXTENSIONS + [n for n in names if n not in MKDOCS_EXTENSIONS] + [RawHtmlBlocks()]
    html = python_markdown.Markdown(extensions=extensions, extension_configs=configs).convert(markdown)
    reader = _Ids()
    reader.feed(html)
    return reader.ids


def _site_file(root: Path, uri: str, locale: str, default_locale: str) -> bool:
    """Whether uri (relative to content/) is a file of this language's build (not a page)."""
    if uri.startswith("../") or uri == "..":
        return False
    top = uri.split("/", 1)[0]
    if locale != default_locale:
        return top == locale and (root / CONTENT / uri).is_file()
    if top in LOCALES and top != locale:
        return False
    shared = uri.split("/", 1)[1] if top == locale and "/" in uri else None
    return (root / CONTENT / uri).is_file() or (shared is not None and shared.split("/", 1)[0] not in LOCALES and (root / CONTENT / shared).is_file())


def _site_page(root: Path, uri: str, locale: str) -> bool:
    """Whether uri (relative to content/) is a page of this language."""
    return uri.startswith(f"{locale}/") and (root / CONTENT / uri).is_file()


def problems(root: Path, pages: list, extensions: tuple = ()) -> list:
    """Every broken link of the rendered pages (hooks.publication.Page: locale, inner, rendered, source_lines)."""
    root = Path(root)
    by_uri = {f"{page.locale}/{page.inner}": page for page in pages}
    anchors: dict = {}

    def ids(uri: str) -> set:
        if uri not in anchors:
            anchors[uri] = anchors_of(by_uri[uri].rendered, extensions)
        return anchors[uri]

    found = []
    for page in pages:
        if not may_hold_relative_links(page.rendered):
            continue
        src_uri = f"{page.locale}/{page.inner}"
        for target, rendered_line in _links(page.rendered):
            scheme, netloc, path, _, anchor = urlsplit(target)
            if scheme or netloc or target.startswith(("/", "\\")):
                continue
            line = page.source_lines[rendered_line - 1] if 0 < rendered_line <= len(page.source_lines) else rendered_line
            if not path:
                if anchor and anchor not in ids(src_uri):
                    found.append(Problem(
                        page.path, line, "link-anchor-missing", f"the link '{target}' goes to a place '#{anchor}' that is not on this page", "correct the part after # to the id of a heading of this page (shown in the address when you click the heading in the preview), or remove it",
                        message_cy=f"mae'r ddolen '{target}' yn mynd i fan '#{anchor}' nad yw ar y dudalen hon",
                        hint_cy="cywirwch y rhan ar ôl # i id un o benawdau'r dudalen hon (mae i'w weld yn y cyfeiriad pan fyddwch yn clicio ar y pennawd yn y rhagolwg), neu tynnwch hi",
                    ))
                continue
            path = unquote(path)
            extension = posixpath.splitext(path)[-1]
            if not extension:
                continue  # as MkDocs: left as it is ("unrecognized relative link")
            uri = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path).lstrip("/"))
            if extension.lower() != ".md":
                if not _site_file(root, uri, page.locale, DEFAULT_LOCALE):
                    folder = f"{CONTENT}/{page.locale}/" if page.locale != DEFAULT_LOCALE else f"{CONTENT}/{page.locale}/ or {CONTENT}/assets/"
                    folder_cy = f"{CONTENT}/{page.locale}/" if page.locale != DEFAULT_LOCALE else f"{CONTENT}/{page.locale}/ neu {CONTENT}/assets/"
                    found.append(Problem(
                        page.path, line, "link-file-missing", f"the link '{target}' goes to a file that this language's site does not have", f"correct the link, relative to this page, to a file in {folder}, or add the file there",
                        message_cy=f"mae'r ddolen '{target}' yn mynd i ffeil nad yw ar wefan yr iaith hon",
                        hint_cy=f"cywirwch y ddolen, o'r dudalen hon, i ffeil yn {folder_cy}, neu ychwanegwch y ffeil yno",
                    ))
                continue
            if not _site_page(root, uri, page.locale):
                where = f"{CONTENT}/{uri}" if not uri.startswith("..") else uri
                found.append(Problem(
                    page.path, line, "link-target-missing", f"the link '{target}' goes to {where}, which does not exist", f"correct the link to the path of an existing page, relative to this page (the pages of this language are in {CONTENT}/{page.locale}/), or add the page",
                    message_cy=f"mae'r ddolen '{target}' yn mynd i {where}, nad yw'n bodoli",
                    hint_cy=f"cywirwch y ddolen i lwybr tudalen sy'n bodoli, o'r dudalen hon (mae tudalennau'r iaith hon yn {CONTENT}/{page.locale}/), neu ychwanegwch y dudalen",
                ))
                continue
            if anchor and uri in by_uri and anchor not in ids(uri):
                found.append(Problem(
                    page.path, line, "link-anchor-missing", f"the link '{target}' goes to a place '#{anchor}' that is not on {CONTENT}/{uri}", f"correct the part after # to the id of a heading of {CONTENT}/{uri}, or remove it",
                    message_cy=f"mae'r ddolen '{target}' yn mynd i fan '#{anchor}' nad yw ar {CONTENT}/{uri}",
                    hint_cy=f"cywirwch y rhan ar ôl # i id un o benawdau {CONTENT}/{uri}, neu tynnwch hi",
                ))
    return found
