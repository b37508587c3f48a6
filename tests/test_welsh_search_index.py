"""The Welsh search index of the built site: at most half the size it had with every mutated form,
and still finding what readers search for (issue #14, part 5).

Every page downloads its language's index as it opens (the theme fetches it then, and loading it
at first use would need the theme's scripts changed). At commit 4dc073c, with every form the
grammar allows, the Welsh index was 54,937 bytes gzip-compressed against 21,451 for the English
(2.56 times); holding only the forms the Welsh pages write and the certain radicals
(hooks/rendering/search_index.py) makes it 26,970 (1.26 times). The limits: the mutations field adds at most a quarter to the
Welsh index (it added 140%); and the index is at most half of what every form would make it now.
Sizes are gzip level 6, as web servers compress (benchmarks/page_weight.py).
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from benchmarks.page_weight import gzip_size
from hooks.rendering import mutations, search_index

MATERIAL = Path(importlib.util.find_spec("material").origin).parent / "templates"

# What the mutations field may add to the Welsh index, gzip-compressed: at most a quarter. With
# every form the grammar allows it added 140% (54,937 bytes against 22,900 without the field, at
# 4dc073c); with the written forms and certain radicals, 18% (30,959 against 26,160, with the
# "About this summary" sections). The Welsh text itself is longer than the English (1.09 times,
# gzip-compressed): that is the language, not the index.
MUTATIONS_LIMIT = 1.25


def _text(site: Path, folder: str) -> bytes:
    return (site / folder / search_index.INDEX).read_bytes()


def _every_form(index: dict) -> dict:
    """The Welsh index as it was at 4dc073c: each entry holding every other form of its words."""
    docs = []
    for doc in index["docs"]:
        own = set(search_index.words(doc["title"]) + search_index.words(doc["text"]))
        forms = set().union(*(mutations.forms(word) for word in own)) - own
        docs.append({**doc, search_index.MUTATIONS_FIELD: " ".join(sorted(forms))})
    return {"config": index["config"], "docs": docs}


def _tokens(doc: dict) -> list[str]:
    return search_index.words(doc["title"]) + search_index.words(doc["text"]) + doc[search_index.MUTATIONS_FIELD].split()


def _without_mutations(index: dict) -> dict:
    return {"config": index["config"], "docs": [{k: v for k, v in doc.items() if k != search_index.MUTATIONS_FIELD} for doc in index["docs"]]}


def test_the_mutations_add_at_most_a_quarter_to_the_welsh_index(site):
    shipped = _text(site, "cy")
    bare = json.dumps(_without_mutations(json.loads(shipped)), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    welsh, without = gzip_size(shipped), gzip_size(bare)
    assert welsh <= MUTATIONS_LIMIT * without, (
        f"the Welsh search index is {welsh:,} bytes gzip-compressed, {without:,} without its mutations field:"
        f" the field adds {welsh / without - 1:.0%}, more than {MUTATIONS_LIMIT - 1:.0%}, the limit every Welsh page's first load is held to"
    )


def test_the_welsh_index_is_at_most_half_what_every_form_would_make_it(site):
    shipped = _text(site, "cy")
    every_form = json.dumps(_every_form(json.loads(shipped)), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert gzip_size(shipped) <= gzip_size(every_form) / 2, (gzip_size(shipped), gzip_size(every_form))


def test_a_search_for_a_form_the_welsh_pages_write_finds_every_entry_holding_another(site):
    """Every whole-word search that found an entry through the index of every form still finds
    it, when the word searched for is written on the Welsh pages; so does a search for the radical
    of a word only a mutation begins ("dogfen" finds "ddogfen")."""
    docs = json.loads(_text(site, "cy"))["docs"]
    written = search_index.vocabulary(docs)
    for doc in docs:
        tokens = sorted(set(_tokens(doc)))
        for word in set(search_index.words(doc["title"]) + search_index.words(doc["text"])):
            for query in (mutations.forms(word) & written) | mutations.certain_radicals(word):
                assert any(token.startswith(query) for token in tokens), (doc["location"], word, query)


def test_the_theme_searches_every_term_as_a_prefix():
    """The Welsh index leaves out a form another token of the entry begins with ("ofal" beside
    "ofalwyr"): it relies on the theme's search adding "*" to every term not marked otherwise."""
    worker = next((MATERIAL / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text("utf-8")
    assert re.search(r"\.map\((\w+)=>/\(\^\[\+-\]\|\[~\^\]\\d\+\$\)/\.test\(\1\)\?\1:`\$\{\1\}\*`\)", worker), (
        "Material's search no longer adds * to every term: the forms left out of the Welsh index are no longer found"
    )


def test_the_english_index_holds_no_mutations():
    """English search is unchanged: the split gives the English index the merged entries as they
    are, with the theme's configuration but for the separator (punctuation splits words too)."""
    merged = {
        "config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [{"location": "", "title": "Care", "text": "<p>Care in Wales.</p>"}, {"location": "cy/", "title": "Gofal", "text": "<p>Gofal.</p>"}],
    }
    english = json.loads(search_index.per_language(json.dumps(merged), ["cy"])[""])
    assert english == {"config": {**merged["config"], "separator": search_index.SEPARATOR}, "docs": [merged["docs"][0]]}


def test_the_issues_examples_find_each_other_on_the_built_site(site):
    """"Cymru" finds the sections written with "Gymru", "Nghymru" or "Chymru", and each of those
    the others; "gofal" finds "ofal" and "ofal" finds "gofal" (no section holds "ofal" without
    "gofal", so the browser cannot show this one: tests/browser/test_search.py)."""
    docs = json.loads(_text(site, "cy"))["docs"]
    for group in (["cymru", "gymru", "nghymru", "chymru"], ["gofal", "ofal"]):
        for written in group:
            holding = [doc for doc in docs if written in search_index.words(doc["title"]) + search_index.words(doc["text"])]
            assert holding, f"no Welsh section writes {written!r}"
            for query in group:
                for doc in holding:
                    assert any(token.startswith(query) for token in _tokens(doc)), (doc["location"], written, query)


def test_an_index_written_in_pieces_is_the_text_json_dumps_makes(site, tmp_path):
    """write_per_language writes each index a few entries at a time (json_pieces): the same text
    as json.dumps of the whole, on the built site's indexes, on entries with quotes, escapes,
    Welsh letters, characters beyond the Basic Multilingual Plane and an empty list, and on as
    many entries as a piece holds, one fewer and one more."""
    tricky = {"config": {"lang": ["cy"], "separator": '[\\s"]+'}, "docs": [
        {"location": "a/#x", "title": 'Dŵr "glân" — 😀', "text": "<p>Llinell\nnewydd\t\\ £5</p>", "tags": []},
        {"location": "", "title": "", "text": "\u2028\x00"},
    ]}
    written = [json.loads(_text(site, folder)) for folder in ("", "cy")]
    docs = tricky["docs"] * search_index.DOCS_A_PIECE
    pieces = [{**tricky, "docs": docs[:count]} for count in (1, search_index.DOCS_A_PIECE - 1, search_index.DOCS_A_PIECE, search_index.DOCS_A_PIECE + 1)]
    for index in [tricky, {"config": {}, "docs": []}, *pieces, *written]:
        assert "".join(search_index.json_pieces(index)) == json.dumps(index, ensure_ascii=False, separators=(",", ":"))
