"""What the hooks need to know of MkDocs and mkdocs-static-i18n, in one place.

hooks/mkdocs_hooks.py turns MkDocs' events into calls of plain Python; the few facts it needs
about the engine's own state (which language is being built, whether this is the i18n plugin's
inner build of another language) and the way a build is stopped or its warnings reported are
here, so that moving to another engine (docs/engine.md) changes this file and mkdocs_hooks.py
only.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks.commands import command
from hooks.problems import Problem, in_language, message_language

log = logging.getLogger("mkdocs.hooks.plans")


def content_failure(problems: list) -> PluginError:
    """Log each problem as `python -m hooks.check` prints it, in the language of PLAN_SITE_LANGUAGE; the error that stops the build."""
    language = message_language()
    for problem in sorted(problems):
        log.error(problem.as_text(language))
    count = len(problems)
    return PluginError(in_language(
        language,
        f"{count} content problem{'s' if count != 1 else ''} found; see the messages above ({command('hooks.check')} lists the same).",
        f"Problemau yn y cynnwys: {count}; gweler y negeseuon uchod (mae {command('hooks.check')} yn rhestru'r un rhai).",
    ))


def report_draft(problems: list) -> None:
    """In a draft, the problems are shown on the pages; the log says so, without a warning (which strict mode counts)."""
    language = message_language()
    for problem in sorted(problems):
        log.info(problem.as_text(language))
    count = len(problems)
    log.info(in_language(
        language,
        f"Draft: {count} content problem{'s' if count != 1 else ''}, shown at the top of the pages; the published build would stop here.",
        f"Drafft: problemau yn y cynnwys: {count}, a ddangosir ar frig y tudalennau; byddai'r adeiladu i'w gyhoeddi yn stopio yma.",
    ))


# --- The i18n plugin's state ------------------------------------------------------------------


def _i18n(config):
    return config.plugins["i18n"]


def is_inner_build(config) -> bool:
    """True in the i18n plugin's build of a language other than the default (run from its on_post_build)."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "building", False))


def building_language(config) -> tuple:
    """(this build's language, its folder in the site: "" or "cy/")."""
    i18n = _i18n(config)
    locale = i18n.current_language if i18n.building else i18n.default_language
    return locale, "" if locale == i18n.default_language else f"{locale}/"


def other_languages(config) -> list:
    i18n = _i18n(config)
    return [other for other in i18n.build_languages if other != i18n.default_language]


def current_and_default_language(config) -> tuple:
    i18n = _i18n(config)
    return i18n.current_language, i18n.default_language


def page_language(page, config) -> tuple:
    """(the page's language, its path inside the language folder)."""
    locale = getattr(page.file, "locale", None) or _i18n(config).current_language
    src = page.file.src_uri
    return locale, src.split("/", 1)[1] if src.startswith(f"{locale}/") else src


def forget_previous_language_links(config) -> None:
    """mkdocs-static-i18n sets each page's language links as an attribute of config.extra that
    outlives the page: the next language's 404 page would link to the last page built before."""
    config.extra.__dict__.pop("alternate", None)


# --- MkDocs' own warnings, as problems ----------------------------------------------------------

_LINK_WARNING = re.compile(r"Doc file '(?P<src>[^']+)' contains (?:a link|an unrecognized relative link|an absolute link) '(?P<link>[^']*)'")


# MkDocs words its warnings in English only, and they cannot be translated here (any warning of
# any plugin may come). The Welsh message keeps MkDocs' own English words, introduced in Welsh as
# what they are; the fix, which is ours, is in Welsh.
_MKDOCS_SAYS_CY = "Mae MkDocs yn rhoi'r rhybudd hwn (yn Saesneg): "


def problem_from_warning(root: Path, message: str) -> Problem:
    """A warning MkDocs logged, as the one problem type: the file and line where MkDocs names a page."""
    match = _LINK_WARNING.match(message)
    if match:
        path = f"content/{match['src']}"
        line = None
        try:
            for number, text in enumerate((Path(root) / path).read_text("utf-8").splitlines(), 1):
                if match["link"] in text:
                    line = number
                    break
        except (OSError, UnicodeDecodeError):
            pass
        return Problem(
            path, line, "build-link", message, "correct the link to the path of an existing page or file, relative to this page",
            message_cy=_MKDOCS_SAYS_CY + message,
            hint_cy="cywirwch y ddolen fel ei bod yn rhoi llwybr tudalen neu ffeil sy'n bodoli, o'r dudalen hon",
        )
    return Problem(
        "mkdocs.yml", None, "build-warning", message, "see the message; the build treats every warning as an error",
        message_cy=_MKDOCS_SAYS_CY + message,
        hint_cy="darllenwch y neges; mae'r adeiladu'n trin pob rhybudd fel gwall",
    )


class _WarningsAsProblems(logging.Filter):
    """Rewrites MkDocs' warnings into the one problem format (file:line: rule: message, fix) before they are printed.

    In a draft (is_draft() true) a warning is also lowered to a notice, so that strict mode's
    counter, a later handler of the same logger, does not stop the draft: it is still printed.
    """

    def __init__(self, root: Path, is_draft):
        super().__init__()
        self.root = root
        self.is_draft = is_draft

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and not getattr(record, "plan_problem", False) and not record.name.startswith("mkdocs.hooks"):
            problem = problem_from_warning(self.root, record.getMessage())
            record.msg, record.args, record.plan_problem = problem.as_text(message_language()), (), True
            if self.is_draft():
                record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def report_build_warnings_as_problems(root: Path, is_draft=lambda: False) -> None:
    """Install the rewriting of warnings on MkDocs' log handlers (once), before strict mode's counter is added."""
    for handler in logging.getLogger("mkdocs").handlers:
        if not any(isinstance(existing, _WarningsAsProblems) for existing in handler.filters):
            handler.addFilter(_WarningsAsProblems(root, is_draft))
