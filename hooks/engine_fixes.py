"""MkDocs hook: fixes for the build engine itself, independent of the plan site's content.

mkdocs-static-i18n's search-index de-duplication is quadratic. After every language is built,
`ExtendedPlugin.reconfigure_search_duplicates` compares every default-language search entry
with every other-language entry (two lambdas per pair): at 190 pages that is about 15 million
calls and 3.5 s, and ten times the pages would cost a hundred times as much. It removes an
other-language entry only when a default-language entry has the same title and text (and a
location the other one ends with); on a bilingual site whose Welsh pages are translated, that
almost never happens.

So `on_config` wraps the plugin's method with a fast path: one pass builds the set of
(title, text) pairs of the other-language entries; when no default-language entry has its pair
in that set, the original could not remove anything, and the list is left as it is. Otherwise
(or when an entry is not what the search plugin writes: a location that is not a string, a
title or text that is neither a string nor None) the original method runs, unchanged, so its
exact behaviour (it removes from the list that a lazy filter is iterating) is kept.
tests/test_engine_fixes.py checks on random lists that the result is always the original's.

This file uses nothing from the plan site (only the standard library), so the benchmarks' build
of already rendered Markdown, without the content hooks, uses it too (benchmarks/run.py).
"""

from __future__ import annotations

from typing import Iterable

_PATCHED = "_engine_fixes_fast_path"
_PLAIN = (str, type(None))


def has_possible_duplicates(entries: Iterable, languages: Iterable[str]) -> bool:
    """False only when mkdocs-static-i18n's de-duplication certainly removes nothing.

    An entry whose location starts with "<language>/" (a built language's folder) is an
    other-language entry; every other entry is a default-language one. The plugin removes an
    other-language entry only if a default-language entry has an equal title and text, so when
    no default-language entry's (title, text) is among the other-language entries' pairs, there
    is nothing to remove. True when there may be (or when an entry is unusual: then the plugin's
    own method should decide).
    """
    prefixes = tuple(f"{language}/" for language in languages)
    entries = list(entries)
    try:
        for entry in entries:
            if type(entry["location"]) is not str or type(entry["title"]) not in _PLAIN or type(entry["text"]) not in _PLAIN:
                return True
    except (KeyError, TypeError, IndexError):
        return True
    pairs = {(e["title"], e["text"]) for e in entries if e["location"].startswith(prefixes)}
    if not pairs:
        return False
    return any((e["title"], e["text"]) in pairs for e in entries if not e["location"].startswith(prefixes))


def patch_search_duplicates(plugin) -> None:
    """Give this i18n plugin instance the fast path in front of its reconfigure_search_duplicates."""
    original = plugin.reconfigure_search_duplicates
    if getattr(original, _PATCHED, False):
        return  # already patched (on_config runs again for every language the plugin builds)

    def reconfigure_search_duplicates(search_index_entries):
        if not has_possible_duplicates(search_index_entries, plugin.build_languages):
            return None
        return original(search_index_entries)

    setattr(reconfigure_search_duplicates, _PATCHED, True)
    reconfigure_search_duplicates.original = original
    reconfigure_search_duplicates.__doc__ = (original.__doc__ or "") + "\n(with the fast path of hooks/engine_fixes.py)"
    plugin.reconfigure_search_duplicates = reconfigure_search_duplicates


def is_patched(plugin) -> bool:
    return bool(getattr(plugin.reconfigure_search_duplicates, _PATCHED, False))


def on_config(config):
    plugin = config.plugins.get("i18n")
    if plugin is not None and hasattr(plugin, "reconfigure_search_duplicates"):
        patch_search_duplicates(plugin)
