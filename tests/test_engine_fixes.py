"""hooks/engine_fixes.py: the fast path in front of mkdocs-static-i18n's search de-duplication changes nothing."""

from __future__ import annotations

import copy
import os

from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs_static_i18n.reconfigure import ExtendedPlugin

from conftest import ROOT

from hooks import engine_fixes

ORIGINAL = ExtendedPlugin.reconfigure_search_duplicates


class FakePlugin:
    """What the plugin's method uses of itself (build_languages), with the real method."""

    reconfigure_search_duplicates = ORIGINAL

    def __init__(self, languages):
        self.build_languages = list(languages)


# Small alphabets, so that equal titles and texts, equal entries (even side by side) and the
# empty location (which every location ends with) all turn up often.
TITLES = st.sampled_from(["Home", "", None])
TEXTS = st.sampled_from(["a", ""])
LOCATIONS = st.sampled_from(["", "", "about/", "about/#x", "en/", "en/about/", "cy/", "cy/about/", "cy/about/#x", "fr/about/", "cy"])
ENTRIES = st.fixed_dictionaries({"location": LOCATIONS, "title": TITLES, "text": TEXTS})
LANGUAGES = st.sampled_from([["en", "cy"], ["cy"], ["en"], [], ["cy", "fr"], ["fr"], ["en", "cy", "fr"]])


@st.composite
def entry_lists(draw):
    """Entries, some the same dict object more than once, some equal copies side by side, some a
    language's copy of another ("cy/" + its location, same title and text): real duplicates."""
    pool = draw(st.lists(ENTRIES, min_size=1, max_size=8))
    how = st.sampled_from(["same", "copy", "en/", "cy/", "fr/"])
    picks = draw(st.lists(st.tuples(st.integers(0, len(pool) - 1), how), max_size=16))
    entries = []
    for i, kind in picks:
        if kind == "same":
            entries.append(pool[i])
        elif kind == "copy":
            entries.append(dict(pool[i]))
        else:
            entries.append(dict(pool[i], location=kind + pool[i]["location"]))
    return entries


HOME, HOME_CY = {"location": "", "title": "Home", "text": "a"}, {"location": "cy/", "title": "Home", "text": "a"}


@settings(max_examples=800, deadline=None)
@given(entries=entry_lists(), languages=LANGUAGES)
@example(entries=[HOME, dict(HOME_CY), dict(HOME_CY)], languages=["en", "cy"])  # equal entries side by side
@example(entries=[dict(HOME, location="about/"), dict(HOME, location="fr/about/")], languages=["cy", "fr"])  # the second language
@example(entries=[HOME, HOME, dict(HOME_CY, location="cy/about/")], languages=["cy"])  # "" ends every location
@example(entries=[dict(HOME_CY), HOME, dict(HOME_CY, title=None)], languages=["en", "cy"])
def test_the_patched_method_leaves_the_list_as_the_original_does(entries, languages):
    expected = copy.deepcopy(entries)
    ORIGINAL(FakePlugin(languages), expected)

    plugin = FakePlugin(languages)
    engine_fixes.patch_search_duplicates(plugin)
    assert engine_fixes.is_patched(plugin)
    plugin.reconfigure_search_duplicates(entries)
    assert entries == expected


class CountingPlugin:
    def __init__(self):
        self.build_languages = ["en", "cy"]
        self.calls = 0

    def reconfigure_search_duplicates(self, entries):
        self.calls += 1


def test_usual_entries_never_reach_the_original():
    plugin = CountingPlugin()
    engine_fixes.patch_search_duplicates(plugin)
    entries = [
        {"location": "", "title": "Home", "text": "Welcome"},
        {"location": "about/", "title": "About", "text": "About us"},
        {"location": "cy/", "title": "Cartref", "text": "Croeso"},
        {"location": "cy/about/", "title": "About", "text": "About us"},  # an untranslated page
    ]
    expected = copy.deepcopy(entries[:3])
    plugin.reconfigure_search_duplicates(entries)
    assert plugin.calls == 0
    assert entries == expected  # the untranslated copy is removed, as the original would


def test_unusual_entries_go_to_the_original():
    for unusual in ([{"location": "cy/", "title": ["list"], "text": ""}], [{"location": None, "title": "", "text": ""}], [{"location": ""}]):
        plugin = CountingPlugin()
        engine_fixes.patch_search_duplicates(plugin)
        plugin.reconfigure_search_duplicates(unusual)
        assert plugin.calls == 1, unusual


def test_a_large_index_with_a_few_duplicates():
    """3,000 entries a language (the original compares ~9 million pairs; this walks each list once)."""
    entries = [{"location": f"page-{i}/", "title": f"Title {i}", "text": f"text {i}"} for i in range(3000)]
    entries += [{"location": f"cy/page-{i}/", "title": f"Teitl {i}", "text": f"testun {i}"} for i in range(3000)]
    entries += [{"location": f"cy/page-{i}/", "title": f"Title {i}", "text": f"text {i}"} for i in range(3)]
    engine_fixes.remove_duplicates(entries, ["en", "cy"])
    assert len(entries) == 6000
    assert not any(e["location"].startswith("cy/") and e["title"].startswith("Title") for e in entries)


def test_patching_twice_wraps_once():
    plugin = CountingPlugin()
    engine_fixes.patch_search_duplicates(plugin)
    first = plugin.reconfigure_search_duplicates
    engine_fixes.patch_search_duplicates(plugin)
    assert plugin.reconfigure_search_duplicates is first


def test_the_hook_is_first_in_mkdocs_yml_and_patches_the_real_plugin(monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(os.fspath(ROOT / "mkdocs.yml"))
    hooks = [name for name in config.plugins if name.startswith("hooks/")]
    assert hooks[0] == "hooks/engine_fixes.py", hooks
    plugin = config.plugins["i18n"]
    assert not engine_fixes.is_patched(plugin)

    config.plugins["hooks/engine_fixes.py"].on_config(config)  # the module MkDocs loaded from mkdocs.yml
    assert engine_fixes.is_patched(plugin)
    assert plugin.reconfigure_search_duplicates.original.__func__ is ORIGINAL

    engine_fixes.on_config(config)  # and this module's on_config sees the patch and leaves it
    assert engine_fixes.is_patched(plugin)
    assert plugin.reconfigure_search_duplicates.original.__func__ is ORIGINAL
