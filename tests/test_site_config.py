"""hooks/checks/site_config.py reads mkdocs.yml once for its nodes and its values: the same
reading as composing it and loading it apart (careful_read), on the real file and on files
with merge keys, MkDocs' tags, errors and shapes that are not a configuration."""

from __future__ import annotations

import yaml

from conftest import ROOT
from hooks.checks import site_config


def careful_read(root) -> site_config.SiteConfig:
    """site_config.read as it was: the file composed (for the navigation's lines), then loaded apart."""
    config = site_config.SiteConfig()
    text = (root / site_config.CONFIG).read_text("utf-8")
    try:
        node = yaml.compose(text, Loader=site_config._Loader)
        loaded = yaml.load(text, Loader=site_config._Loader) or {}
    except yaml.YAMLError as error:
        config.problems.append(("config-unreadable", str(error)))
        return config
    if not isinstance(loaded, dict):
        return config
    site_config._nav_entries(site_config._mapping_get(node, "nav"), config.nav, config.problems)
    for item in loaded.get("markdown_extensions") or []:
        if isinstance(item, str):
            config.markdown_extensions += ((item, ()),)
        elif isinstance(item, dict):
            config.markdown_extensions += tuple((name, tuple((options or {}).items())) for name, options in item.items())
    for plugin in loaded.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            for language in plugin["i18n"].get("languages") or []:
                if isinstance(language, dict) and language.get("locale"):
                    config.nav_translations[language["locale"]] = dict(language.get("nav_translations") or {})
    return config


def _unreadable(config) -> list:
    """The problems, an unreadable file's as (rule, PyYAML's words): what careful_read keeps of it."""
    return [(p.rule, p.message[p.message.index("(") + 1 : -1]) if p.rule == "config-unreadable" else p for p in config.problems]


CONFIGS = [
    (ROOT / "mkdocs.yml").read_text("utf-8"),
    "nav:\n  - index.md\n  - News: news.md\n  - Plans:\n    - plans/index.md\n    - https://example.org\n",
    "base: &base\n  nav:\n    - index.md\nsite: {<<: *base}\nnav:\n  - <<: {About: about.md}\n    Extra: extra.md\n  - Plans: {<<: {x: y}}\n",
    "nav:\n  - !ENV [PAGE, index.md]\n  - Title: !ENV [OTHER, other.md]\n  - 42\n  - ~\n  - ''\n  - [a, b]\n",
    "nav:\n  - <<: {About: about.md}\n  - <<: [{News: news.md}]\n",
    "nav: index.md\n",
    "- just\n- a list\n",
    "",
    "nav:\n  - index.md\n  bad: [\n",
    "nav:\n  - *nowhere\n",
    "plugins:\n  - i18n:\n      languages:\n        - locale: cy\n          nav_translations: {News: Newyddion}\n",
]


def test_reading_the_configuration_once_is_reading_it_twice(tmp_path):
    for number, text in enumerate(CONFIGS):
        root = tmp_path / str(number)
        root.mkdir()
        (root / site_config.CONFIG).write_text(text, "utf-8")
        read, careful = site_config.read(root), careful_read(root)
        assert (read.nav, _unreadable(read), read.markdown_extensions, read.nav_translations) == (careful.nav, careful.problems, careful.markdown_extensions, careful.nav_translations), text
