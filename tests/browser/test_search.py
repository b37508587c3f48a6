"""Search in each language: a Welsh page finds Welsh pages only, an English page English pages
only, and Welsh search knows that "Cymru", "Gymru", "Nghymru" and "Chymru" are one word.

The Welsh index holds the forms the Welsh pages write and the radicals of certainly mutated
words (hooks/rendering/search_index.py); its size and what it holds: tests/test_welsh_search_index.py."""

from __future__ import annotations

import json
import re

import pytest

from hooks.rendering import mutations

from .addresses import locale_of


def _index(site, locale: str) -> dict:
    """The built search index of a language: its entries by address."""
    folder = site / ("cy" if locale == "cy" else "")
    docs = json.loads((folder / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return {doc["location"]: doc for doc in docs}


def _words(doc: dict) -> set:
    text = re.sub(r"<[^>]*>", " ", doc["title"] + " " + doc["text"])
    return {word.lower() for word in re.findall(r"[^\W\d_]+", text)}


def _entry(site_address: str, href: str) -> str:
    """A result's address as the Welsh index writes it: relative to /cy/, without the highlight query."""
    path = href[len(site_address) :]
    path = re.sub(r"\?h=[^#]*", "", path)
    return path[len("cy/") :] if path.startswith("cy/") else path


@pytest.mark.parametrize(
    "path, query",
    [("", "care"), ("", "plan"), ("cy/", "gofal"), ("cy/", "cynllun"), ("cy/pan-cluster-plan/2024-25/", "clwstwr")],
)
def test_a_search_finds_pages_of_the_page_language_only(visit, site_address, path, query):
    tab = visit()
    tab.open(path)
    results = tab.search(query)
    assert results, f"no results for {query!r} on /{path}"
    languages = {locale_of(href[len(site_address) :]) for href in results}
    assert languages == {locale_of(path)}, results


def test_a_welsh_word_is_not_found_from_an_english_page(visit):
    tab = visit()
    tab.open("")
    assert tab.search("Cynlluniau") == []


def _proofs(entries: dict, query: str) -> set:
    """The Welsh index's entries that only another form of the query can find: they hold a
    mutation of it (or its radical) but no word that starts with the query itself."""
    others = mutations.forms(query.lower()) - {query.lower()}
    return {
        location
        for location, doc in entries.items()
        if _words(doc) & others and not any(word.startswith(query.lower()) for word in _words(doc))
    }


def _written(entries: dict) -> set:
    return set().union(*(_words(doc) for doc in entries.values()))


# The content has sections that prove these; "gofal" finding "ofal" is proved on the built
# index (tests/test_welsh_search_index.py): no section holds "ofal" without "gofal".
# "Chynllun" finds sections through a longer form ("chynlluniau"): the index leaves out a form
# another token of the entry begins with, since the theme searches each term as a prefix.
@pytest.mark.parametrize("query", ["Cymru", "Gymru", "Nghymru", "Chymru", "ofal", "Chynllun"])
def test_welsh_search_finds_the_other_forms_of_a_word(visit, site, site_address, query):
    entries = _index(site, "cy")
    assert query.lower() in _written(entries), f"no Welsh page writes {query!r}: the index holds only the forms they write"
    proofs = _proofs(entries, query)
    assert proofs, f"the Welsh pages have no section that only another form of {query!r} would find"
    tab = visit()
    tab.open("cy/")
    found = {_entry(site_address, href) for href in tab.search(query)}
    assert proofs <= found, f"{query!r} did not find {sorted(proofs - found)}"


# "ddogfen" and "phryderon" can only be "dogfen" and "pryderon" mutated: a search for the
# dictionary form finds them, though no Welsh page writes it.
@pytest.mark.parametrize("radical, written", [("dogfen", "ddogfen"), ("pryderon", "phryderon")])
def test_welsh_search_finds_a_certainly_mutated_word_by_its_radical(visit, site, site_address, radical, written):
    entries = _index(site, "cy")
    assert radical in mutations.certain_radicals(written)
    assert not any(word.startswith(radical) for word in _written(entries)), f"a Welsh page writes {radical!r}: no proof"
    proofs = {location for location, doc in entries.items() if written in _words(doc)}
    assert proofs, f"no Welsh page writes {written!r}"
    tab = visit()
    tab.open("cy/")
    found = {_entry(site_address, href) for href in tab.search(radical)}
    assert proofs <= found, f"{radical!r} did not find {sorted(proofs - found)}"


def _after_punctuation_only(entries: dict, word: str) -> set:
    """Entries that write the word only with punctuation before it ("(AAF)"): with a separator of
    spaces alone, its token would begin with the bracket and a search for the word miss it."""
    plain = {location: re.sub(r"<[^>]*>", " ", doc["title"] + " " + doc["text"]) for location, doc in entries.items()}
    return {
        location
        for location, text in plain.items()
        if re.search(rf"[(\[“\"]{word}\b", text, re.IGNORECASE)
        and not re.search(rf"(^|\s){word}", text, re.IGNORECASE)
    }


# The search splits words at punctuation written against them (hooks/rendering/search_index.py,
# SEPARATOR): an abbreviation written in brackets is found by the abbreviation.
@pytest.mark.parametrize("locale, query", [("en", "PNA"), ("cy", "AAF")])
def test_a_word_written_in_brackets_is_found(visit, site, site_address, locale, query):
    entries = _index(site, locale)
    proofs = _after_punctuation_only(entries, query)
    assert proofs, f"no {locale} section writes {query!r} only in brackets: no proof"
    tab = visit()
    tab.open("cy/" if locale == "cy" else "")
    found = {_entry(site_address, href) for href in tab.search(query)}
    assert proofs <= found, f"{query!r} did not find {sorted(proofs - found)}"
