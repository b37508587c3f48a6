"""Build the site strictly, into a new folder that replaces the old site only when complete.

    python -m hooks.build                  build into the site_dir of mkdocs.yml (site/)
    python -m hooks.build --site-dir DIR   build into DIR
    python -m hooks.build --preview        a pull request's preview (the same as PLAN_SITE_PREVIEW=1):
                                           built even with content problems, which each page and a
                                           page of every problem list (a draft), a banner on every page
                                           saying, in both languages, that it is a preview and not
                                           published, and search engines asked not to index it. Set
                                           SITE_URL to the preview's address
    python -m hooks.build --nojekyll       also write .nojekyll, which tells GitHub Pages (served from
                                           a branch, .github/workflows/deploy.yml) to serve the files
                                           as built, without running Jekyll on them
    python -m hooks.build --engine properdocs
                                           build with ProperDocs, the fallback engine, instead of
                                           MkDocs (the default): the same mkdocs.yml, hooks and theme,
                                           the same site (tests/test_engine.py; docs/engine.md)

Without --preview (and without PLAN_SITE_DRAFT=1 or PLAN_SITE_PREVIEW=1) the build is the
published one: strict, with no banner and no noindex.

The output is byte for byte what `mkdocs build --strict` writes: this is that build, run on a
new folder (tests/test_build.py proves it).

A safe place. The folder asked for is replaced by the site, so it must be one the site may
replace: never the repository or a folder above it, never one of its own folders (content/,
data/, hooks/, .git, ...), and never a folder with other files in it (`check_site_dir`).

No half-published site. The build writes into a new folder beside the target; only a complete
build is moved into place (old site renamed away, new one renamed in, old one removed). A failed
build leaves the previous site as it was.

Reproducible. MkDocs dates the sitemap (and its gzip header) with the build date unless
SOURCE_DATE_EPOCH is set. The hooks set it from the data (`use_date(site_date(data))`): the latest date a
plan states. So two builds of the same commit are byte-identical, whatever the day.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

log = logging.getLogger("mkdocs.hooks.build")

FALLBACK_DATE = datetime.date(1980, 1, 1)  # a site with no dated plan: the usual epoch of reproducible builds


# --- The site's date, from the data ---------------------------------------------------------------


def site_date(data) -> datetime.date:
    """The latest date any plan states for itself (updated, approved, signed off)."""
    from hooks.model.texts import Figure

    dates = []
    for plan in data.plans.values():
        content = plan.content
        stated = dict(content.get("dates") or {})
        for value in (stated.get("approved"), content.get("signed_off")):
            if value is None:
                continue
            try:
                figure = Figure.from_data(value)
            except (ValueError, TypeError, AttributeError):
                continue
            if figure.kind in ("date", "month"):
                dates.append(figure.value)
        if isinstance(stated.get("updated"), str):
            try:
                dates.append(datetime.date.fromisoformat(stated["updated"]))
            except ValueError:
                pass
    return max(dates, default=FALLBACK_DATE)


_our_epoch: str | None = None


def use_date(date: datetime.date) -> None:
    """Date this build: set SOURCE_DATE_EPOCH to date, unless the caller set it already."""
    global _our_epoch
    current = os.environ.get("SOURCE_DATE_EPOCH")
    if current is not None and current != _our_epoch:
        return  # set by whoever runs the build: theirs wins
    moment = datetime.datetime.combine(date, datetime.time(), datetime.timezone.utc)
    _our_epoch = str(int(moment.timestamp()))
    os.environ["SOURCE_DATE_EPOCH"] = _our_epoch


# --- Where the site may be built ----------------------------------------------------------------

PROTECTED = ("content", "data", "hooks", "overrides", "tools", "tests", "docs", ".git", ".github")
SITE_SIGNS = ("index.html", "sitemap.xml", "404.html")  # what every build of this project leaves at the top of the site


class UnsafeSiteDir(Exception):
    """The folder asked for cannot be replaced by the site: the message says why and what to do, in English and in Welsh."""

    def __init__(self, message: str, message_cy: str):
        super().__init__(message)
        self.message_cy = message_cy

    def told(self) -> str:
        """The refusal in the language of the messages (PLAN_SITE_LANGUAGE)."""
        return _told(f"Not built: {self}", f"Heb ei adeiladu: {self.message_cy}")


def _told(en: str, cy: str) -> str:
    from hooks.problems import in_language, message_language

    return in_language(message_language(), en, cy)


def _within(path: Path, folder: Path) -> bool:
    """Whether path is folder or inside it (compared as the file system compares names)."""
    path, folder = Path(os.path.normcase(path)), Path(os.path.normcase(folder))
    return path == folder or folder in path.parents


BUILT_SUFFIXES = (".html", ".xml", ".gz", ".json", ".csv")  # what a build writes at the top of a site


NOJEKYLL = ".nojekyll"  # GitHub Pages: serve the files as they are (--nojekyll)


def _built_before(entry: Path) -> bool:
    """A top-level entry an earlier build may have made (a page since removed): a page's folder or a site file."""
    if entry.name == NOJEKYLL and entry.is_file() and not entry.is_symlink():
        return True
    if entry.is_symlink() or entry.name.startswith("."):
        return False
    if entry.is_dir():
        return (entry / "index.html").is_file() and not any(part.name == ".git" for part in entry.rglob(".git"))
    return entry.suffix in BUILT_SUFFIXES


def check_replaceable(target: Path, new: Path) -> None:
    """Refuse to replace a folder holding what this build does not make (a notes file, a git work tree)."""
    if not target.is_dir():
        return
    made = {entry.name for entry in new.iterdir()}
    foreign = sorted(entry.name for entry in target.iterdir() if entry.name not in made and not _built_before(entry))
    if foreign:
        listed = f"{', '.join(foreign[:5])}{' …' if len(foreign) > 5 else ''}"
        raise UnsafeSiteDir(
            f"{target} holds {listed}, which this build does not make; nothing was deleted. Build into an empty or new folder, or remove those yourself",
            f"mae {target} yn cynnwys {listed}, nad yw'r adeiladu hwn yn ei wneud; ni ddilëwyd dim. Adeiladwch mewn ffolder wag neu newydd, neu tynnwch y rheini eich hun",
        )


def check_site_dir(target: Path, root: Path = ROOT) -> None:
    """Refuse a site folder whose replacement would delete something that is not a built site."""
    target, root = Path(os.path.abspath(target)), Path(os.path.abspath(root))
    if target.is_symlink():
        raise UnsafeSiteDir(f"{target} is a symbolic link; build into a real folder (the default is site/)", f"dolen symbolaidd yw {target}; adeiladwch mewn ffolder go iawn (site/ yw'r rhagosodiad)")
    target = target.resolve()
    root = root.resolve()
    if _within(root, target):
        raise UnsafeSiteDir(
            f"{target} is the repository's folder or holds it: building there would delete the repository. Build into site/ (the default) or a new folder",
            f"{target} yw ffolder yr ystorfa, neu mae'n ei chynnwys: byddai adeiladu yno yn dileu'r ystorfa. Adeiladwch yn site/ (y rhagosodiad) neu mewn ffolder newydd",
        )
    for name in PROTECTED:
        if _within(target, root / name):
            raise UnsafeSiteDir(
                f"{target} is inside the repository's {name}/ folder, which the site would replace. Build into site/ (the default) or a new folder",
                f"mae {target} y tu mewn i ffolder {name}/ yr ystorfa, a byddai'r wefan yn cymryd ei lle. Adeiladwch yn site/ (y rhagosodiad) neu mewn ffolder newydd",
            )
    if target.exists():
        if not target.is_dir():
            raise UnsafeSiteDir(f"{target} is a file, not a folder; remove it, or build elsewhere with --site-dir", f"ffeil yw {target}, nid ffolder; tynnwch hi, neu adeiladwch rywle arall â --site-dir")
        entries = list(target.iterdir())
        if entries and not all((target / sign).is_file() for sign in SITE_SIGNS):
            signs = ", ".join(SITE_SIGNS)
            raise UnsafeSiteDir(
                f"{target} is not empty and is not a site this project built (it has no {signs}); nothing was deleted. Build into an empty or new folder, or remove this one yourself",
                f"nid yw {target} yn wag, ac nid yw'n wefan a adeiladwyd gan y prosiect hwn (nid oes ganddi {signs}); ni ddilëwyd dim. Adeiladwch mewn ffolder wag neu newydd, neu tynnwch hon eich hun",
            )


# --- Building into a new folder, then swapping it in ----------------------------------------------


def swap_into_place(new: Path, target: Path, workspace: Path) -> None:
    """Replace target with new: rename the old site away, rename the new one in, remove the old."""
    old = workspace / "previous"
    if target.exists() or target.is_symlink():
        if not target.is_dir() or target.is_symlink():
            raise NotADirectoryError(f"{target} is not a folder; remove it, or build elsewhere with --site-dir")
        os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        if old.exists():
            os.rename(old, target)  # put the previous site back
        raise


def _setup_logging() -> None:
    from hooks import engine

    logger = engine.log_root()
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger.addHandler(handler)


def build_site(site_dir: str | None = None, config_file: Path = ROOT / "mkdocs.yml", preview: bool = False, nojekyll: bool = False, engine_name: str = "mkdocs") -> int:
    """Build the site strictly into site_dir (default: mkdocs.yml's); 0 when the new site is in place.

    preview: a pull request's preview (hooks/rendering/draft.py), as PLAN_SITE_PREVIEW=1 asks.
    nojekyll: also write an empty .nojekyll at the top of the site, for GitHub Pages.
    engine_name: "mkdocs" or "properdocs" (hooks/engine.py); one engine per process.
    """
    from hooks import engine

    engine.use_engine(engine_name)
    from mkdocs import config as mkdocs_config
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from hooks.problems import ContentError

    if preview:
        from hooks.rendering import draft

        os.environ[draft.PREVIEW_SWITCH] = "1"  # read by the hooks (a draft, with the banner and noindex)
    if site_dir is not None:
        site_dir = os.path.abspath(site_dir)
        try:
            check_site_dir(Path(site_dir), config_file.parent)
        except UnsafeSiteDir as error:
            log.error(error.told())
            return 1
    try:
        config = mkdocs_config.load_config(config_file=str(config_file), strict=True, site_dir=site_dir)
    except MkDocsException as error:
        log.error(_told(f"Cannot read {config_file.name}: {error}", f"Ni ellir darllen {config_file.name} (neges MkDocs, yn Saesneg): {error}"))
        return 1
    target = Path(config.site_dir)
    try:
        check_site_dir(target, config_file.parent)
    except UnsafeSiteDir as error:
        log.error(error.told())
        return 1
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    workspace = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    new = workspace / "site"
    config["site_dir"] = str(new)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        if nojekyll:
            (new / NOJEKYLL).write_bytes(b"")
        check_replaceable(target, new)
        swap_into_place(new, target, workspace)
    except UnsafeSiteDir as error:
        log.error(error.told())
        return 1
    except ContentError as error:
        from hooks.problems import message_language

        for problem in error.problems:
            log.error(problem.as_text(message_language()))
        log.error(_told(f"Build failed; the site in {target} was left as it was.", f"Methodd yr adeiladu; gadawyd y wefan yn {target} fel yr oedd."))
        return 1
    except (MkDocsException, OSError) as error:
        log.error(str(error))
        log.error(_told(f"Build failed; the site in {target} was left as it was.", f"Methodd yr adeiladu; gadawyd y wefan yn {target} fel yr oedd."))
        return 1
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    log.info(_told(f"The site is in {target}", f"Mae'r wefan yn {target}"))
    return 0


def main(argv: list | None = None) -> int:
    from hooks import engine
    from hooks.commands import command

    parser = argparse.ArgumentParser(prog=command("hooks.build"), description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", help="where to put the site (default: site_dir in mkdocs.yml, site/)")
    parser.add_argument("--preview", action="store_true", help="a pull request's preview: built even with content problems (listed on the pages), a banner saying it is not published, not indexed (as PLAN_SITE_PREVIEW=1)")
    parser.add_argument("--nojekyll", action="store_true", help="also write .nojekyll, so that GitHub Pages serves the files as built (no Jekyll)")
    parser.add_argument("--engine", choices=engine.ENGINES, default=engine.ENGINES[0], help="the engine that builds the site: mkdocs (the default) or properdocs, the fallback (docs/engine.md)")
    arguments = parser.parse_args(argv)
    engine.use_engine(arguments.engine)
    _setup_logging()
    return build_site(arguments.site_dir, preview=arguments.preview, nojekyll=arguments.nojekyll, engine_name=arguments.engine)


if __name__ == "__main__":
    sys.exit(main())
