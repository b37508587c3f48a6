"""MkDocs hooks: the only module MkDocs calls, and with hooks/engine.py the only one that knows MkDocs.

Each function turns one MkDocs event into a call of plain Python in the hooks package, so
moving to another engine means rewriting this file and hooks/engine.py only.

One build, one publication (hooks/publication.py): made from the files at the start of the
build (on_config, which MkDocs runs again for every rebuild of `mkdocs serve`), with every
content problem found; any problem stops the build before a page is written, with the same
messages as `python -m hooks.check`. The pages, the open data and the feeds come from it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.plugins import event_priority  # noqa: E402

from hooks import build, engine, publication  # noqa: E402
from hooks.rendering import draft, feeds, not_found, open_data, search_index  # noqa: E402
from hooks.rendering import raw_html_blocks, structured_data  # noqa: E402
from hooks.problems import ContentError  # noqa: E402

_publication: publication.Publication | None = None  # this build's; made anew by every on_config
_command: str | None = None  # "build" or "serve", from on_startup
_theme_changes = None  # this build's folder of changed theme templates (hooks/theme.py); made anew by every on_config


def _current() -> publication.Publication:
    if _publication is None:  # a build that skipped on_config (not MkDocs' way): make it now
        return _start()
    return _publication


def _start() -> publication.Publication:
    global _publication
    _publication = None  # the last build's (mkdocs serve), dropped before this one is made
    _publication = publication.make_for_build(ROOT)
    return _publication


def on_startup(command, dirty):
    global _command
    _command = command
    engine.report_build_warnings_as_problems(ROOT, _is_draft)
    notice = engine.engine_notice(sys.argv)
    if notice:
        engine.log.info(notice)


def on_shutdown():
    _end_theme_changes()


def _end_theme_changes() -> None:
    global _theme_changes
    if _theme_changes is not None:
        _theme_changes.cleanup()
        _theme_changes = None


def _is_draft() -> bool:
    """A draft (hooks/rendering/draft.py) goes on with content problems and shows them on its pages."""
    return draft.wanted(_command)


def on_config(config):
    """The publication of this build, made in the outer build; the i18n plugin's inner builds (one per other language) share it.

    So do they the theme's templates as this site changes them (hooks/theme.py), made anew from the
    installed theme into a new folder that comes before overrides/ in the theme's search path.
    """
    global _theme_changes
    made = _current() if engine.is_inner_build(config) else _start()
    if made.problems:
        if not _is_draft():
            raise engine.content_failure(made.problems)
        if not engine.is_inner_build(config):
            engine.report_draft(made.problems)
    if not engine.is_inner_build(config) or _theme_changes is None:
        _end_theme_changes()  # the previous rebuild's, in `mkdocs serve`
        _theme_changes = engine.theme_changes(config)
    engine.put_theme_changes_first(config, _theme_changes.name)
    engine.add_markdown_extension(config, raw_html_blocks.RawHtmlBlocks())  # the pages' raw HTML found without Python-Markdown's HTML parser
    build.use_date(made.site_date())  # reproducible: the sitemap's dates come from the data, not the clock
    engine.forget_previous_language_links(config)
    config.extra["plan_preview"] = draft.preview_wanted()  # the banner and noindex of overrides/main.html
    if _is_draft():
        config.theme.static_templates.update(draft.PROBLEMS_PAGES)  # the page of every problem, in drafts only
    return config


def on_page_markdown(markdown, page, config, files):
    locale, inner = engine.page_language(page, config)
    made = _current()
    if made.problems and _is_draft():
        try:
            rendered = made.page_markdown(markdown, locale, inner)
        except Exception:  # noqa: BLE001 - a draft shows the page as written; its problems are listed
            rendered = markdown
        source = made.pages[locale, inner].source if (locale, inner) in made.pages else markdown
        return draft.notice(made.problems, f"content/{locale}/{inner}", source) + rendered
    try:
        return made.page_markdown(markdown, locale, inner)
    except ContentError as error:
        raise engine.content_failure(error.problems) from None


def on_page_content(html, page, config, files):
    """Give the page back the ids of its raw HTML blocks (hooks/rendering/raw_html_blocks.py), for MkDocs' check of links to anchors."""
    blocks = engine.markdown_extension(config, raw_html_blocks.RawHtmlBlocks)
    if blocks is not None:
        engine.add_anchor_ids(page, blocks.take_anchor_ids())
    return html


@event_priority(-100)  # after the search plugin's (0): see below
def on_page_context(context, page, config, nav):
    """Mark the page's names and abbreviations, and give a plan's page its schema.org Report.

    On Welsh pages, the English names the glossary lists get lang="en"; on every page, its
    language's abbreviations get <abbr title>. The search plugin has read the page by now: it
    indexes the text, which the marks do not change, and parses fewer tags without them. The
    Report is placed by overrides/partials/structured-data.html (hooks/rendering/structured_data.py).
    """
    locale, inner = engine.page_language(page, config)
    made = _current()
    html = page.content if locale == "en" else made.mark_english_names(page.content)
    page.content = made.mark_abbreviations(html, locale)
    context["plan_structured_data"] = structured_data.for_page(made.data, locale, inner, page.title)
    return context


def on_env(env, config, files):
    """Write the open data and the updates feed into this language's part of the site."""
    locale, folder = engine.building_language(config)
    made = _current()
    language_dir = Path(config.site_dir) / folder
    try:
        with publication.collector_paused():
            open_data.write_files(language_dir, made.open_data_files(locale, config.site_url or ""))
            base_url = config.site_url + folder if config.site_url else ""  # relative links without a site_url
            language_dir.mkdir(parents=True, exist_ok=True)
            (language_dir / feeds.FEED_PATH).write_text(made.feed(locale, base_url), "utf-8")
    except Exception:  # noqa: BLE001 - in a draft whose data has problems, the pages come without open data
        if not (made.problems and _is_draft()):
            raise
    return env


@event_priority(-110)  # after mkdocs-static-i18n's own (-100): see below
def on_post_build(config):
    """Split the merged search index into one index per language.

    The i18n plugin builds the other languages from its on_post_build. This runs after it, so
    in the first (outer) build every language is built by now and the search index merged.
    """
    if engine.is_inner_build(config):
        return
    with publication.collector_paused():
        search_index.write_per_language(Path(config.site_dir), engine.other_languages(config))


def on_post_template(output_content, template_name, config):
    if template_name in draft.PROBLEMS_PAGES:
        return draft.problems_page(output_content, _current().problems, template_name, engine.building_language(config)[0])
    if template_name != not_found.NOT_FOUND:
        return output_content
    locale, default = engine.current_and_default_language(config)
    return not_found.place(output_content, locale, default, Path(config.site_dir))


def on_serve(server, config, builder):
    for folder in ("data", "hooks"):
        server.watch(str(ROOT / folder))
    server.watch(str(ROOT / "mkdocs.yml"))
    return server
