"""Build the site: both languages at once, into a new folder that replaces the old site only when complete.

    python -m hooks.build                  build into the site_dir of mkdocs.yml (site/)
    python -m hooks.build --site-dir DIR   build into DIR
    python -m hooks.build --serial         one language after the other (mkdocs build's own way)

The output is byte for byte what `mkdocs build --strict` writes (tests/test_build.py proves it).

Both languages at once. mkdocs-static-i18n builds the default language, then, from its
on_post_build, builds each other language again in the same process, writing into the same
folder; afterwards it merges the languages' search entries into one index. Here the plan data
is loaded once, then the process forks: each child builds one other language into a folder of
its own, while this process builds the default language. Where the plugin would build a
language, it adopts the child's folder instead (`_Adopter`), reproducing what that build
would have left behind:
  - every file the child wrote replaces this build's copy, as the later build would (theme
    assets, which are identical, and the 404 page);
  - sitemap.xml lists the pages of every language built so far (the plugin collects them
    across builds), so the child's entries are appended to this build's (`merge_sitemaps`);
  - the child's search entries join the plugin's, which then merges the index as usual.
Everything after that (the plugin's search index, the hooks' own steps after the last
language) runs unchanged.

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
import gzip
import json
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

SITEMAP = "sitemap.xml"
SEARCH_INDEX = Path("search") / "search_index.json"
FALLBACK_DATE = datetime.date(1980, 1, 1)  # a site with no dated plan: the usual epoch of reproducible builds


# --- The site's date, from the data ---------------------------------------------------------------


def site_date(data) -> datetime.date:
    """The latest date any plan states for itself (updated, approved, signed off)."""
    from hooks.texts import Figure

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


# --- Merging what a language's build leaves behind ------------------------------------------------


def _split_sitemap(text: str) -> tuple:
    """(head up to and including <urlset ...>, the entries, the tail from </urlset>)."""
    start = text.index("<urlset")
    head_end = text.index(">", start) + 1
    tail_start = text.rindex("</urlset>")
    body_end = len(text[:tail_start].rstrip())
    return text[:head_end], text[head_end:body_end], text[body_end:]


def merge_sitemaps(first: str, later: str) -> str:
    """The sitemap a later language's build writes when the first one's pages were collected before it."""
    head, entries, _ = _split_sitemap(first)
    later_head, later_entries, later_tail = _split_sitemap(later)
    if head != later_head:
        raise ValueError("the two sitemaps start differently; their pages cannot be merged")
    return later_head + entries + later_entries + later_tail


def write_gzip(text: str, path: Path, mtime: int) -> None:
    """Gzip text as MkDocs does for sitemap.xml.gz (same name in the header, same time)."""
    with open(path, "wb") as file, gzip.GzipFile(fileobj=file, filename=str(path), mode="wb", mtime=mtime) as packed:
        packed.write(text.encode("utf-8"))


def gzip_mtime(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[4:8], "little")


def overlay(source: Path, target: Path) -> None:
    """Move every file of source into target, replacing target's copy, as a later build's writes would."""
    for entry in sorted(source.iterdir()):
        destination = target / entry.name
        if entry.is_dir() and not entry.is_symlink():
            if not destination.exists():
                os.rename(entry, destination)
            else:
                overlay(entry, destination)
        else:
            os.replace(entry, destination)


# --- Building every other language in a child process ---------------------------------------------


def _child_build(config, locale: str, folder: Path) -> int:
    """In a forked process: build one language, as the i18n plugin's inner build would, into folder."""
    from mkdocs.commands.build import build

    code = 1
    try:
        for handler in logging.getLogger("mkdocs").handlers:
            handler.setLevel(logging.WARNING)  # the parent reports progress; warnings still show
        config["site_dir"] = str(folder)
        i18n = config.plugins["i18n"]
        i18n.current_language = locale
        i18n.building = True  # an inner build: the plugin builds no further language from it
        build(config)
        code = 0
    except BaseException as error:  # noqa: BLE001 - a child must never return into the parent's code
        log.error(f"The '{locale}' build failed: {error}")
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


class _Adopter:
    """Stands in for the build the i18n plugin runs for another language: adopts the child's folder."""

    def __init__(self, config, children: dict):
        self.config = config
        self.children = children  # locale -> (pid, folder)

    def __call__(self, config, dirty: bool = False) -> None:
        from mkdocs.exceptions import Abort

        i18n = config.plugins["i18n"]
        locale = i18n.current_language
        pid, folder = self.children.pop(locale)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise Abort(f"Aborted: the '{locale}' build failed (see its messages above).")
        site = Path(config.site_dir)
        child_index = folder / SEARCH_INDEX
        entries = json.loads(child_index.read_text("utf-8"))["docs"] if child_index.exists() else []
        merged_sitemap = None
        if (site / SITEMAP).exists() and (folder / SITEMAP).exists():
            merged_sitemap = merge_sitemaps((site / SITEMAP).read_text("utf-8"), (folder / SITEMAP).read_text("utf-8"))
        overlay(folder, site)
        if merged_sitemap is not None:
            (site / SITEMAP).write_text(merged_sitemap, "utf-8")
            packed = site / (SITEMAP + ".gz")
            if packed.exists():
                write_gzip(merged_sitemap, packed, gzip_mtime(packed))
        i18n.search_entries.extend(entries)

    def stop(self) -> None:
        """End children whose language was never reached (the default language's build failed)."""
        import signal

        for pid, _ in self.children.values():
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        self.children.clear()


def _build_parallel(config, workspace: Path) -> None:
    import mkdocs_static_i18n.plugin as i18n_module
    from mkdocs.commands.build import build

    from hooks import publication

    publication.load(ROOT)  # load and check the data once, before forking: every build shares it
    i18n = config.plugins["i18n"]
    others = [locale for locale in i18n.build_languages if locale != i18n.default_language]
    children = {}
    sys.stdout.flush()
    sys.stderr.flush()
    for locale in others:
        folder = workspace / f"language-{locale}"
        pid = os.fork()
        if pid == 0:
            _child_build(config, locale, folder)
        children[locale] = (pid, folder)
    adopter = _Adopter(config, children)
    original = i18n_module.build
    i18n_module.build = adopter
    try:
        build(config)
    finally:
        i18n_module.build = original
        adopter.stop()


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
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger.addHandler(handler)


def build_site(site_dir: str | None = None, serial: bool = False, config_file: Path = ROOT / "mkdocs.yml") -> int:
    """Build the site strictly into site_dir (default: mkdocs.yml's); 0 when the new site is in place."""
    from mkdocs import config as mkdocs_config
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from hooks.problems import ContentError

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        config = mkdocs_config.load_config(config_file=str(config_file), strict=True)
    except MkDocsException as error:
        log.error(f"Cannot read {config_file.name}: {error}")
        return 1
    target = Path(site_dir).resolve() if site_dir else Path(config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    workspace = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    new = workspace / "site"
    config["site_dir"] = str(new)
    parallel = not serial and hasattr(os, "fork") and len(config.plugins["i18n"].build_languages) > 1
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            if parallel:
                _build_parallel(config, workspace)
            else:
                build(config)
        finally:
            config.plugins.on_shutdown()
        swap_into_place(new, target, workspace)
    except ContentError as error:
        for problem in error.problems:
            log.error(problem.as_text())
        log.error(f"Build failed; the site in {target} was left as it was.")
        return 1
    except (MkDocsException, OSError) as error:
        log.error(str(error))
        log.error(f"Build failed; the site in {target} was left as it was.")
        return 1
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    log.info(f"The site is in {target}")
    return 0


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", help="where to put the site (default: site_dir in mkdocs.yml, site/)")
    parser.add_argument("--serial", action="store_true", help="build the languages one after the other, as plain mkdocs build does")
    arguments = parser.parse_args(argv)
    _setup_logging()
    return build_site(arguments.site_dir, arguments.serial)


if __name__ == "__main__":
    sys.exit(main())
