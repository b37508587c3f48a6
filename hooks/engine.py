"""What the hooks need to know of MkDocs, mkdocs-static-i18n and the theme, in one place.

hooks/mkdocs_hooks.py turns MkDocs' events into calls of plain Python; the few facts it needs
about the engine's own state (which language is being built, whether this is the i18n plugin's
inner build of another language), the way a build is stopped or its warnings reported, and the
place of the site's changes to the theme's templates in the theme's search path are here, so
that moving to another engine (docs/engine.md) changes this file and mkdocs_hooks.py only.

Two engines run the same mkdocs.yml, hooks and theme: MkDocs 1.6.1 and ProperDocs 1.6.7, a
continuation of MkDocs 1.x. ProperDocs makes every `import mkdocs.…` load its own module
(properdocs/replacement.py), so this file's `mkdocs` imports are ProperDocs' under it;
`use_engine` chooses before anything imports them.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import logging
import os
import re
import sys
import tempfile
from pathlib import Path

from hooks import theme
from hooks.commands import command
from hooks.problems import Problem, in_language, message_language

log = logging.getLogger("mkdocs.hooks.plans")


# --- The engine ---------------------------------------------------------------------------------

ENGINES = ("mkdocs", "properdocs")  # the first is the default; both build the same site (tests/test_engine.py)


class EngineConflict(Exception):
    """The other engine was loaded already in this process."""


def use_engine(name: str) -> None:
    """Make `import mkdocs` load the engine `name` in this process; before anything imports mkdocs.

    "properdocs" installs ProperDocs' redirection of every mkdocs module to its own. Once one
    engine is loaded, the other cannot be: a process builds with one engine only.
    """
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}: one of {', '.join(ENGINES)}")
    loaded = sys.modules.get("mkdocs")
    if loaded is not None and loaded.__name__ != name:
        raise EngineConflict(f"{loaded.__name__} is loaded already in this process; {name} cannot be used beside it")
    if name == "properdocs":
        importlib.import_module("properdocs.replacement")
    # Material prints its end-of-life notice only to builds started by the command `mkdocs` (not
    # this one); it is silenced here as in tools/build.sh, and explained to a direct run (engine_notice).
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def running_engine() -> str:
    """"mkdocs" or "properdocs": the engine this process loaded under the name mkdocs."""
    import mkdocs

    return mkdocs.__name__


def log_root() -> logging.Logger:
    """The logger whose handlers print the engine's messages, and whose counter stops a strict build.

    MkDocs': "mkdocs". ProperDocs': "properdocs", with "mkdocs" (which plugins and these hooks
    log to) made its child, as the command `properdocs` does.
    """
    root = logging.getLogger(running_engine())
    if root.name != "mkdocs":
        legacy = logging.getLogger("mkdocs")
        legacy.parent, legacy.propagate = root, True
        legacy.setLevel(logging.NOTSET)
    return root


def engine_notice(argv: list) -> str | None:
    """What a contributor who ran the command `mkdocs` or `properdocs` directly is told about the engine's notices; None otherwise.

    argv: the command line (sys.argv). Material for MkDocs prints, to a build started by the
    command `mkdocs`, a notice of its end of life (5 May 2027) and of its successor (unless
    NO_MKDOCS_2_WARNING is set, which Material itself sets once it has printed it, so the hooks
    cannot tell: the explanation is given either way); ProperDocs, to one started by
    `properdocs` without -f, advises renaming mkdocs.yml. Neither says what it means for this
    site: this does.
    """
    argv0 = argv[0] if argv else ""
    name = Path(argv0).name.removesuffix(".exe")
    if name == "__main__.py":
        name = Path(argv0).parent.name
    if name == "mkdocs":
        versions = f"MkDocs {_version('mkdocs')}, Material for MkDocs {_version('mkdocs-material')}"
        return in_language(
            message_language(),
            f"Engine: {versions}. Material's notice of its end of life (5 May 2027) asks nothing of this site now: "
            "the pinned versions keep building it, and ProperDocs, the fallback engine, builds the same site "
            "(bash tools/build.sh --engine properdocs). docs/engine.md says what to watch and how to move.",
            f"Peiriant: {versions}. Nid yw hysbysiad Material am ddiwedd ei oes (5 Mai 2027) yn gofyn dim gan y wefan hon "
            "nawr: mae'r fersiynau a bennwyd yn dal i'w hadeiladu, ac mae ProperDocs, y peiriant wrth gefn, yn adeiladu'r "
            "un wefan (bash tools/build.sh --engine properdocs). Mae docs/peiriant.md yn dweud beth i'w wylio a sut i symud.",
        )
    if name == "properdocs" and not any(arg in ("-f", "--config-file") or arg.startswith("--config-file=") for arg in argv[1:]):
        return in_language(
            message_language(),
            "Keep the name mkdocs.yml, whatever ProperDocs advises: both engines of this site read that file "
            "(docs/engine.md). bash tools/build.sh --engine properdocs builds with ProperDocs without that advice.",
            "Cadwch yr enw mkdocs.yml, er gwaethaf cyngor ProperDocs: mae dau beiriant y wefan hon yn darllen y ffeil "
            "honno (docs/peiriant.md). Mae bash tools/build.sh --engine properdocs yn adeiladu â ProperDocs heb y cyngor hwnnw.",
        )
    return None


def _version(distribution: str) -> str:
    return importlib.metadata.version(distribution)


# --- The site's changes to the theme's templates (hooks/theme.py) ---------------------------------


def theme_changes(config) -> tempfile.TemporaryDirectory:
    """A new folder holding the theme's templates that hooks/theme.py changes, made from the installed theme's own.

    Made anew for every build (and every rebuild of `mkdocs serve`), outside the repository:
    nothing of an earlier build is in it. The caller removes it (cleanup()) when the build ends.
    """
    from mkdocs.exceptions import PluginError
    from mkdocs.utils import get_theme_dir, get_themes

    installed = get_themes()[config.theme.name].dist
    name = f"{installed.name} {installed.version}"
    folder = tempfile.TemporaryDirectory(prefix="plan-site-theme-")
    try:
        theme.write_changed_templates(Path(get_theme_dir(config.theme.name)), name, Path(folder.name))
    except theme.ChangeNoLongerApplies as error:
        folder.cleanup()
        raise PluginError(in_language(message_language(), error.message, error.message_cy)) from None
    return folder


def put_theme_changes_first(config, folder: str) -> None:
    """Put folder before overrides/ (custom_dir) in the theme's search path: its templates replace the theme's."""
    dirs = config.theme.dirs
    if folder in dirs:
        return  # the i18n plugin's inner builds keep the outer build's theme
    custom_dir = config.theme.custom_dir
    dirs.insert(dirs.index(custom_dir) if custom_dir in dirs else 0, folder)


# --- Stopping a build, reporting problems ------------------------------------------------------


def add_markdown_extension(config, extension) -> None:
    """A Python-Markdown extension (an instance) among the build's Markdown extensions, once.

    MkDocs makes each page's Markdown with config.markdown_extensions, names and instances alike;
    the i18n plugin's inner builds run on_config again on the same list.
    """
    if not any(type(item) is type(extension) for item in config.markdown_extensions):
        config.markdown_extensions.append(extension)


def markdown_extension(config, kind: type):
    """The build's Markdown extension of that class (an instance add_markdown_extension added), or None."""
    return next((item for item in config.markdown_extensions if type(item) is kind), None)


def add_anchor_ids(page, ids: set) -> None:
    """ids among the page's own (Page.present_anchor_ids: what MkDocs' check of links to anchors reads)."""
    if ids and page.present_anchor_ids is not None:
        page.present_anchor_ids = page.present_anchor_ids | ids


def content_failure(problems: list):
    """Log each problem as `python -m hooks.check` prints it, in the language of PLAN_SITE_LANGUAGE; the error that stops the build."""
    from mkdocs.exceptions import PluginError

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
    for handler in log_root().handlers:
        if not any(isinstance(existing, _WarningsAsProblems) for existing in handler.filters):
            handler.addFilter(_WarningsAsProblems(root, is_draft))
