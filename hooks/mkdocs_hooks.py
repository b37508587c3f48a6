"""MkDocs hooks: the only place the build engine meets the plan site's code.

Each function turns one MkDocs event into a call of plain Python in the hooks package, so
moving to another engine means rewriting this file only.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from hooks import build, feeds, gate, not_found, open_data, publication, search_index  # noqa: E402
from hooks.problems import ContentError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.plans")


def _fail(error: ContentError) -> PluginError:
    for problem in error.problems:
        log.error(problem.as_text())
    count = len(error.problems)
    return PluginError(f"{count} content problem{'s' if count != 1 else ''} found; see the messages above.")


def _locale(page, config) -> str:
    locale = getattr(page.file, "locale", None)
    if locale:
        return locale
    return config.plugins["i18n"].current_language


def on_config(config):
    try:
        site = publication.load(ROOT)
        build.use_date(site.site_date())  # reproducible: the sitemap's dates come from the data, not the clock
    except ContentError as error:
        raise _fail(error) from None
    # mkdocs-static-i18n sets each page's language links as an attribute of config.extra that
    # outlives the page: the next language's 404 page would link to the last page built before.
    config.extra.__dict__.pop("alternate", None)
    return config


def on_pre_build(config):
    """The translation gate, once per build.

    The i18n plugin builds each language in turn by running the whole build again from its
    on_post_build, with its `building` flag set; the checks cover both languages, so they run
    in the first (outer) build only.
    """
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    try:
        problems = gate.run(ROOT, publication.current(ROOT))
    except ContentError as error:
        raise _fail(error) from None
    if problems:
        raise _fail(ContentError(problems))


def on_page_markdown(markdown, page, config, files):
    locale = _locale(page, config)
    src = page.file.src_uri
    inner = src.split("/", 1)[1] if src.startswith(f"{locale}/") else src
    try:
        return publication.current(ROOT).render_page(markdown, locale, f"content/{src}", inner)
    except ContentError as error:
        raise _fail(error) from None


def on_page_content(html, page, config, files):
    """On Welsh pages, mark the English names the glossary lists with lang="en"."""
    if _locale(page, config) == "en":
        return html
    try:
        return publication.current(ROOT).mark_english_names(html)
    except ContentError as error:
        raise _fail(error) from None


def _language(config) -> tuple:
    """(this build's language, its folder in the site: "" or "cy/").

    The i18n plugin builds the default language first (the outer build) and each other language
    from its on_post_build, with its `building` flag set, into a folder of the same site_dir.
    """
    i18n = config.plugins["i18n"]
    locale = i18n.current_language if i18n.building else i18n.default_language
    return locale, "" if locale == i18n.default_language else f"{locale}/"


def on_env(env, config, files):
    """Write the open data and the updates feed into this language's part of the site.

    Before the pages (they do not depend on them), so that in python -m hooks.build the default
    language's are written while the other language builds, not after.
    """
    locale, folder = _language(config)
    site = publication.current(ROOT)
    language_dir = Path(config.site_dir) / folder
    try:
        open_data.write_files(language_dir, site.all_open_data_files(locale))
        base_url = config.site_url + folder if config.site_url else ""  # relative links without a site_url
        language_dir.mkdir(parents=True, exist_ok=True)
        (language_dir / feeds.FEED_PATH).write_text(site.feed(locale, base_url), "utf-8")
    except ContentError as error:
        raise _fail(error) from None
    return env


@event_priority(-110)  # after mkdocs-static-i18n's own (-100): see below
def on_post_build(config):
    """Split the merged search index into one index per language.

    The i18n plugin builds the other languages from its on_post_build. This runs after it, so
    in the first (outer) build every language is built by now and the search index merged.
    """
    i18n = config.plugins["i18n"]
    if i18n.building:
        return
    others = [other for other in i18n.build_languages if other != i18n.default_language]
    search_index.write_per_language(Path(config.site_dir), others, publication.current(ROOT).cache)


def on_post_template(output_content, template_name, config):
    if template_name != not_found.NOT_FOUND:
        return output_content
    i18n = config.plugins["i18n"]
    return not_found.place(output_content, i18n.current_language, i18n.default_language, Path(config.site_dir))


def on_serve(server, config, builder):
    for folder in ("data", "hooks"):
        server.watch(str(ROOT / folder))
    return server
