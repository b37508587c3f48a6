"""MkDocs hook: fixes for the build engine itself, independent of the plan site's content.

mkdocs-static-i18n's search-index de-duplication is quadratic. After every language is built,
`ExtendedPlugin.reconfigure_search_duplicates` compares every default-language search entry
with every other-language entry (two lambdas per pair): at 190 pages that is about 15 million
calls and 3.5 s, and ten times the pages would cost a hundred times as much. It removes an
other-language entry only when a default-language entry has the same title and text (and a
location the other one ends with); on a bilingual site whose Welsh pages are translated, that
almost never happens.

So `on_config` replaces the plugin's method with `remove_duplicates`, which does exactly what
the original does, step for step, where it matters: it walks the list as the original's lazy
filter does (an index into a list that shrinks as entries are removed, so the entry after a
removed one can be passed over, as in the original), and for each default-language entry runs
the original's inner loop, unchanged, but only when some other-language entry has the same
title and text (a count kept per (title, text) pair). When none has, the original's inner loop
would remove nothing, and is skipped. So the cost is one pass, plus one pass of the other
language's entries per real duplicate. When an entry is not what the search plugin writes (a
location that is not a string, a title or text that is neither a string nor None), the original
method runs instead. tests/test_engine_fixes.py checks on random lists, with many duplicates,
that the result is always the original's.

This file uses nothing from the plan site (only the standard library), so the benchmarks' build
of already rendered Markdown, without the content hooks, uses it too (benchmarks/run.py).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

_PATCHED = "_engine_fixes_fast_path"
_PLAIN = (str, type(None))


def _usual(entries: list) -> bool:
    """Whether every entry is what the search plugin writes (so its title and text can be counted)."""
    try:
        return all(type(e["location"]) is str and type(e["title"]) in _PLAIN and type(e["text"]) in _PLAIN for e in entries)
    except (KeyError, TypeError, IndexError):
        return False


def remove_duplicates(entries: list, languages: Iterable[str]) -> None:
    """mkdocs-static-i18n's reconfigure_search_duplicates, with the same result, in about one pass.

    Its steps, exactly: other-language entries are those whose location starts with
    "<language>/"; the default-language entries are visited lazily while entries are removed
    from the same list; for each, every other-language entry with the same title and text and
    a location that ends with its location is removed (list.remove: the first equal entry) from
    both lists, again while the other-language list is being walked.
    """
    prefixes = tuple(f"{language}/" for language in languages)
    others = [e for e in entries if e["location"].startswith(prefixes)]
    pairs = Counter((e["title"], e["text"]) for e in others)
    index = 0
    while index < len(entries):  # the original's filter over the list it removes from
        entry = entries[index]
        index += 1
        if entry["location"].startswith(prefixes) or not pairs[(entry["title"], entry["text"])]:
            continue  # not a default-language entry, or no other-language entry could match it
        title, location, text = entry["title"], entry["location"], entry["text"]
        position = 0
        while position < len(others):  # the original's inner filter, over the list it removes from
            other = others[position]
            position += 1
            if other["title"] == title and other["location"].endswith(location) and other["text"] == text:
                entries.remove(other)
                others.remove(other)
                pairs[(title, text)] -= 1


def patch_search_duplicates(plugin) -> None:
    """Give this i18n plugin instance the fast path in front of its reconfigure_search_duplicates."""
    original = plugin.reconfigure_search_duplicates
    if getattr(original, _PATCHED, False):
        return  # already patched (on_config runs again for every language the plugin builds)

    def reconfigure_search_duplicates(search_index_entries):
        if not _usual(search_index_entries):
            return original(search_index_entries)
        return remove_duplicates(search_index_entries, plugin.build_languages)

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
