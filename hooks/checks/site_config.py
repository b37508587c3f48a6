"""What the content checks need of mkdocs.yml: the navigation, its titles in each language, the Markdown extensions.

Read as plain YAML (MkDocs' `!ENV` tags are read as their default), with the line of each
navigation entry, so that `python -m hooks.check` and the build judge the navigation alike:
  - every page the navigation names exists in every language (`nav-missing-page`);
  - a titled entry (`- News: news.md`, or a section `- Plans: [...]`) has its title in every
    other language under that language's `nav_translations` (`nav-title-untranslated`):
    without it mkdocs-static-i18n shows the English title on the Welsh site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hooks.model import locales
from hooks.problems import Problem

CONFIG = "mkdocs.yml"


@dataclass(frozen=True)
class NavEntry:
    title: str | None  # None for an entry that takes the page's own title
    page: str | None  # None for a section or a link to another site
    line: int


@dataclass
class SiteConfig:
    nav: list = field(default_factory=list)  # of NavEntry, in order, sections and their pages alike
    nav_translations: dict = field(default_factory=dict)  # locale -> {English title: title}
    markdown_extensions: tuple = ()  # ((name, config), ...)
    problems: list = field(default_factory=list)


class _Loader(yaml.SafeLoader):
    pass


def _tagged(loader, suffix, node):
    """!ENV [NAME, default] and other tags: the default (or the value) as plain YAML."""
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return loader.construct_scalar(node)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def _mapping_get(node, key: str):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def _nav_entries(node, entries: list, problems: list) -> None:
    if node is None:
        return
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem(
            CONFIG, node.start_mark.line + 1, "nav-not-list", "the navigation ('nav:') is not a list of pages", "write each page on its own line under nav:, starting with '- ' (for example '  - about.md')",
            message_cy="nid yw'r llywio ('nav:') yn rhestr o dudalennau",
            hint_cy="ysgrifennwch bob tudalen ar ei llinell ei hun o dan nav:, gan ddechrau â '- ' (er enghraifft '  - about.md')",
        ))
        return
    for item in node.value:
        line = item.start_mark.line + 1
        if isinstance(item, yaml.ScalarNode) and (item.tag.endswith(":null") or item.value == "" or item.tag.endswith((":int", ":float", ":bool"))):
            problems.append(Problem(
                CONFIG, line, "nav-entry-type", f"this navigation entry ('{item.value}') is not a page", "write the page's path (for example 'about.md'), or 'Title: page.md', or remove the line",
                message_cy=f"nid yw'r cofnod llywio hwn ('{item.value}') yn dudalen",
                hint_cy="ysgrifennwch lwybr y dudalen (er enghraifft 'about.md'), neu 'Teitl: tudalen.md', neu tynnwch y llinell",
            ))
        elif isinstance(item, yaml.ScalarNode):
            entries.append(NavEntry(None, item.value if "://" not in item.value else None, line))
        elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            key_node, value_node = item.value[0]
            title = str(key_node.value)
            if isinstance(value_node, yaml.ScalarNode):
                page = value_node.value if "://" not in value_node.value else None
                entries.append(NavEntry(title, page, line))
            else:
                entries.append(NavEntry(title, None, line))
                _nav_entries(value_node, entries, problems)
        else:
            problems.append(Problem(
                CONFIG, line, "nav-entry-type", "this navigation entry is not a page, nor a title with its page or section", "write the page's path (for example 'about.md'), or 'Title: page.md'",
                message_cy="nid yw'r cofnod llywio hwn yn dudalen, nac yn deitl gyda'i dudalen neu ei adran",
                hint_cy="ysgrifennwch lwybr y dudalen (er enghraifft 'about.md'), neu 'Teitl: tudalen.md'",
            ))


def read(root: Path) -> SiteConfig:
    config = SiteConfig()
    file = Path(root) / CONFIG
    if not file.exists():
        return config  # content checked on its own (a test's site): no navigation to check
    nav, nav_problems = [], []
    try:
        text = file.read_text("utf-8")
        loader = _Loader(text)  # one reading of the file for both: its nodes, with their lines, then its values
        try:
            node = loader.get_single_node()  # as yaml.compose
            # The navigation is read from the nodes before the values are made from them (as
            # yaml.load would, from the same nodes): making them rewrites a mapping's merge keys.
            _nav_entries(_mapping_get(node, "nav"), nav, nav_problems)
            loaded = (loader.construct_document(node) if node is not None else None) or {}
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        config.problems.append(Problem(
            CONFIG, getattr(getattr(error, "problem_mark", None), "line", -1) + 1 or None, "config-unreadable", f"{CONFIG} cannot be read ({error})", f"restore {CONFIG} from git, or correct the line named",
            message_cy=f"ni ellir darllen {CONFIG} (yng ngeiriau PyYAML, yn Saesneg: {error})",
            hint_cy=f"adferwch {CONFIG} o git, neu cywirwch y llinell a enwir",
        ))
        return config
    if not isinstance(loaded, dict):
        return config
    config.nav, config.problems = nav, nav_problems
    extensions = []
    for item in loaded.get("markdown_extensions") or []:
        if isinstance(item, str):
            extensions.append((item, ()))
        elif isinstance(item, dict):
            for name, options in item.items():
                extensions.append((name, tuple((options or {}).items())))
    config.markdown_extensions = tuple(extensions)
    for plugin in loaded.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            for language in plugin["i18n"].get("languages") or []:
                if isinstance(language, dict) and language.get("locale"):
                    config.nav_translations[language["locale"]] = dict(language.get("nav_translations") or {})
    return config


_NAMES_CY = {locales.ENGLISH: ("y Saesneg", "Saesneg", "Saesneg"), locales.WELSH: ("y Gymraeg", "Cymraeg", "Gymraeg")}


def navigation_problems(config: SiteConfig, pages: dict) -> list:
    """pages: locale -> the set of its pages (paths inside the language folder)."""
    problems = []
    for entry in config.nav:
        if entry.page is not None:
            for locale in locales.LOCALES:
                if entry.page not in pages.get(locale, set()):
                    problems.append(Problem(
                        CONFIG, entry.line, "nav-missing-page", f"the navigation names the page {entry.page}, but there is no content/{locale}/{entry.page}", f"add the page content/{locale}/{entry.page}, or correct or remove this navigation entry",
                        message_cy=f"mae'r llywio'n enwi'r dudalen {entry.page}, ond nid oes content/{locale}/{entry.page}",
                        hint_cy=f"ychwanegwch y dudalen content/{locale}/{entry.page}, neu cywirwch y cofnod llywio hwn neu ei dynnu",
                    ))
        if entry.title is not None:
            for locale in locales.LOCALES:
                if locale == locales.DEFAULT_LOCALE:
                    continue
                if entry.title not in config.nav_translations.get(locale, {}):
                    name = locales.NAMES_IN_ENGLISH[locale]
                    # In Welsh: the language ("y Gymraeg"), the adjective after a masculine noun
                    # ("teitl Cymraeg") and after a feminine one, softened ("y wefan Gymraeg").
                    language_cy, adjective_cy, after_feminine_cy = _NAMES_CY[locale]
                    problems.append(Problem(
                        CONFIG, entry.line, "nav-title-untranslated", f"the navigation title '{entry.title}' has no {name} title, so the {name} site would show it in English", f"under the {name} language ('locale: {locale}') of the i18n plugin in {CONFIG}, add nav_translations with the line  {entry.title}: <the {name} title>  (or remove the title from this entry, to use the page's own title)",
                        message_cy=f"nid oes teitl {adjective_cy} i'r teitl llywio '{entry.title}', felly byddai'r wefan {after_feminine_cy} yn ei ddangos yn Saesneg",
                        hint_cy=f"o dan {language_cy} ('locale: {locale}') yn yr ategyn i18n yn {CONFIG}, ychwanegwch nav_translations gyda'r llinell  {entry.title}: <y teitl {adjective_cy}>  (neu tynnwch y teitl o'r cofnod hwn, er mwyn defnyddio teitl y dudalen ei hun)",
                    ))
    return problems
