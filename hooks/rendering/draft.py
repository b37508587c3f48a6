"""Draft mode: a site with content problems is still shown, with the problems on its pages.

The published build is strict: any content problem stops it. A preview must never leave its
reader waiting (`mkdocs serve` would hang until the mistake is fixed, and a pull request would
have no preview to show), so in draft mode (`mkdocs serve`, or PLAN_SITE_DRAFT=1) the build
goes on, and each page starts with a notice, in Welsh and English, listing what is wrong on
that page and in the data it shows, then every other problem of the site, folded. The notice
is HTML built here with every text escaped: a problem's message can quote what a page holds.

Every draft also has a page listing every problem (overrides/draft-problems.html: draft-problems.html
in English, cy/draft-problems.html in Welsh, from overrides/cy/draft-problems.html, so that MkDocs
makes its links from its own folder), linked from each notice.

A preview (PLAN_SITE_PREVIEW=1, or `python -m hooks.build --preview`: a pull request's preview)
is a draft whose every page also says, in both languages, that it is a preview and not
published (overrides/partials/preview-banner.html), and asks search engines not to index it.
The published build is neither.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from markupsafe import escape

from hooks.rendering.markers import find_markers
from hooks.problems import Problem

SWITCH = "PLAN_SITE_DRAFT"
PREVIEW_SWITCH = "PLAN_SITE_PREVIEW"
PROBLEMS_PAGE = "draft-problems.html"  # a template of overrides/, rendered only in drafts
PROBLEMS_PAGES = {PROBLEMS_PAGE: "en", "cy/" + PROBLEMS_PAGE: "cy"}  # each language's, by template name (= where it is written)
PROBLEMS_PLACE = "<!-- plan:draft-problems -->"  # where the page's template wants the list


def preview_wanted() -> bool:
    """Whether this build is a preview: PLAN_SITE_PREVIEW=1 (a banner on every page, not indexed)."""
    return os.environ.get(PREVIEW_SWITCH) == "1"


def wanted(command: str | None) -> bool:
    """Whether this build is a draft: `mkdocs serve`, PLAN_SITE_DRAFT=1, or a preview."""
    return command == "serve" or os.environ.get(SWITCH) == "1" or preview_wanted()


def problems_href(page_path: str) -> str:
    """The problems page's address relative to a page (content/<locale>/<path>.md), with directory URLs.

    A page's own folder is its address: clusters/afan/2024-25.md is served at clusters/afan/2024-25/,
    clusters/index.md at clusters/. The problems page is at the top of the page's language folder.
    """
    inner = PurePosixPath(*PurePosixPath(page_path).parts[2:])
    depth = len(inner.parts) - 1 if inner.stem in ("index", "README") else len(inner.parts)
    return "../" * depth + PROBLEMS_PAGE


def _files_of(page_path: str, source: str) -> set:
    """The files whose problems concern a page: the page, the plans its markers name, and the shared data."""
    files = {page_path, "data/interface.yml", "data/clusters.yml", "data/glossary.yml", "mkdocs.yml", "data/translation-fingerprints.txt"}
    for marker in find_markers(source):
        files.update(f"data/plans/{argument}.yml" for argument in marker.args)
    return files


_ITEM_WORDS = {"en": ("line", "Fix"), "cy": ("llinell", "I'w gywiro")}


def _item(problem: Problem, locale: str) -> str:
    """One problem, in the page's language: its Welsh on a Welsh page (its English only where it has no Welsh)."""
    language = "cy" if locale == "cy" and problem.message_cy else "en"
    message, hint = (problem.message_cy, problem.hint_cy or problem.hint) if language == "cy" else (problem.message, problem.hint)
    line_word, fix_word = _ITEM_WORDS[language]
    where = problem.path + (f", {line_word} {problem.line}" if problem.line else "")
    fix = f"<br>{fix_word}: {escape(hint)}" if hint else ""
    return f'<li lang="{language}"><code>{escape(where)}</code>: {escape(message)} <small>({escape(problem.rule)})</small>{fix}</li>'


def _page_locale(page_path: str) -> str:
    """content/cy/about.md -> cy."""
    parts = page_path.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "content" else "en"


def notice(problems: list, page_path: str, source: str) -> str:
    """The HTML that starts a page of a draft with problems ('' when there is none)."""
    if not problems:
        return ""
    concerned = _files_of(page_path, source)
    here = [p for p in problems if p.path in concerned]
    elsewhere = [p for p in problems if p.path not in concerned]
    count = len(problems)
    locale = _page_locale(page_path)
    parts = [
        '<div class="admonition failure plan-draft" role="alert">',
        f'<p class="admonition-title"><span lang="cy">Drafft heb ei gyhoeddi: {count} problem yn y cynnwys</span> / '
        f'<span lang="en">Draft, not published: {count} content problem{"s" if count != 1 else ""}</span></p>',
        f'<p><a class="plan-draft-problems-link" href="{escape(problems_href(page_path))}"><span lang="cy">Holl broblemau\'r drafft hwn, ar un dudalen</span> / '
        '<span lang="en">Every problem of this draft, on one page</span></a></p>',
    ]
    if here:
        parts.append('<p><span lang="cy">Ar y dudalen hon ac yn y data y mae\'n ei ddangos:</span> / <span lang="en">On this page and in the data it shows:</span></p>')
        parts.append("<ul>" + "".join(_item(p, locale) for p in here) + "</ul>")
    if elsewhere:
        parts.append(f'<details><summary><span lang="cy">Problemau eraill y wefan ({len(elsewhere)})</span> / <span lang="en">The site\'s other problems ({len(elsewhere)})</span></summary>')
        parts.append("<ul>" + "".join(_item(p, locale) for p in elsewhere) + "</ul></details>")
    parts.append("</div>")
    return "\n".join(parts) + "\n\n"


_PAGE_TEXTS = {
    "en": {
        "some": "The site cannot be published until these problems are fixed: each one stops the published build. "
        "Each names the file and line to correct, and how to fix it.",
        "none": "No content problems were found.",
    },
    "cy": {
        "some": "Ni ellir cyhoeddi'r wefan nes datrys y problemau hyn: mae pob un ohonynt yn atal y cyhoeddi. "
        "Mae pob un yn nodi'r ffeil a'r llinell i'w cywiro, a sut i'w datrys.",
        "none": "Ni chanfuwyd unrhyw broblemau cynnwys.",
    },
}


def problems_list(problems: list, locale: str = "en") -> str:
    """The body of the problems page: what the list is, in both languages (locale's first), then every problem, escaped."""
    key = "some" if problems else "none"
    order = [locale] + [other for other in _PAGE_TEXTS if other != locale] if locale in _PAGE_TEXTS else list(_PAGE_TEXTS)
    parts = [f'<p lang="{language}">{escape(_PAGE_TEXTS[language][key])}</p>' for language in order]
    if problems:
        parts.append('<ul class="plan-draft-problems">' + "".join(_item(p, locale) for p in sorted(problems)) + "</ul>")
    return "\n".join(parts)


def problems_page(output: str, problems: list, template_name: str, building: str) -> str:
    """What MkDocs writes for one language's problems page (PROBLEMS_PAGES) in the build of a language.

    The template leaves PROBLEMS_PLACE where the list goes (built here, escaped). Each language's
    build renders every language's template; only its own is kept ('' tells MkDocs to write nothing).
    """
    locale = PROBLEMS_PAGES[template_name]
    if locale != building:
        return ""
    return output.replace(PROBLEMS_PLACE, problems_list(problems, locale), 1)
