"""Draft mode: a site with content problems is still shown, with the problems on its pages.

The published build is strict: any content problem stops it. A preview must never leave its
reader waiting (`mkdocs serve` would hang until the mistake is fixed, and a pull request would
have no preview to show), so in draft mode (`mkdocs serve`, or PLAN_SITE_DRAFT=1) the build
goes on, and each page starts with a notice, in Welsh and English, listing what is wrong on
that page and in the data it shows, then every other problem of the site, folded. The notice
is HTML built here with every text escaped: a problem's message can quote what a page holds.
"""

from __future__ import annotations

import os

from markupsafe import escape

from hooks.rendering.markers import find_markers
from hooks.problems import Problem

SWITCH = "PLAN_SITE_DRAFT"


def wanted(command: str | None) -> bool:
    """Whether this build is a draft: `mkdocs serve`, or PLAN_SITE_DRAFT=1 (a pull request's preview)."""
    return command == "serve" or os.environ.get(SWITCH) == "1"


def _files_of(page_path: str, source: str) -> set:
    """The files whose problems concern a page: the page, the plans its markers name, and the shared data."""
    files = {page_path, "data/interface.yml", "data/clusters.yml", "data/glossary.yml", "mkdocs.yml", "data/translation-fingerprints.txt"}
    for marker in find_markers(source):
        files.update(f"data/plans/{argument}.yml" for argument in marker.args)
    return files


def _item(problem: Problem) -> str:
    where = problem.path + (f", line {problem.line}" if problem.line else "")
    fix = f"<br>Fix: {escape(problem.hint)}" if problem.hint else ""
    return f"<li><code>{escape(where)}</code>: {escape(problem.message)} <small>({escape(problem.rule)})</small>{fix}</li>"


def notice(problems: list, page_path: str, source: str) -> str:
    """The HTML that starts a page of a draft with problems ('' when there is none)."""
    if not problems:
        return ""
    concerned = _files_of(page_path, source)
    here = [p for p in problems if p.path in concerned]
    elsewhere = [p for p in problems if p.path not in concerned]
    count = len(problems)
    parts = [
        '<div class="admonition failure plan-draft" role="alert">',
        f'<p class="admonition-title"><span lang="cy">Drafft heb ei gyhoeddi: {count} problem yn y cynnwys</span> / '
        f'<span lang="en">Draft, not published: {count} content problem{"s" if count != 1 else ""}</span></p>',
    ]
    if here:
        parts.append('<p><span lang="cy">Ar y dudalen hon ac yn y data y mae\'n ei ddangos:</span> / <span lang="en">On this page and in the data it shows:</span></p>')
        parts.append('<ul lang="en">' + "".join(_item(p) for p in here) + "</ul>")
    if elsewhere:
        parts.append(f'<details><summary><span lang="cy">Problemau eraill y wefan ({len(elsewhere)})</span> / <span lang="en">The site\'s other problems ({len(elsewhere)})</span></summary>')
        parts.append('<ul lang="en">' + "".join(_item(p) for p in elsewhere) + "</ul></details>")
    parts.append("</div>")
    return "\n".join(parts) + "\n\n"
