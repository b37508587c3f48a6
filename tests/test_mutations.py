"""Welsh mutations (hooks/rendering/mutations.py) and the search indexes built with them (hooks/rendering/search_index.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hooks.rendering import mutations, search_index

# (radical, soft, nasal, aspirate): every row of the mutation table, as Welsh writes it.
TABLE = [
    ("cymru", "gymru", "nghymru", "chymru"),
    ("pen", "ben", "mhen", "phen"),
    ("tad", "dad", "nhad", "thad"),
    ("gofal", "ofal", "ngofal", None),
    ("bwrdd", "fwrdd", "mwrdd", None),
    ("dinas", "ddinas", "ninas", None),
    ("llais", "lais", None, None),
    ("mam", "fam", None, None),
    ("rhaglen", "raglen", None, None),
]


@pytest.mark.parametrize("radical, soft, nasal, aspirate", TABLE)
def test_every_mutation_of_the_table(radical, soft, nasal, aspirate):
    assert mutations.mutations(radical) == {form for form in (soft, nasal, aspirate) if form}


@pytest.mark.parametrize("radical, soft, nasal, aspirate", TABLE)
def test_every_form_finds_every_other(radical, soft, nasal, aspirate):
    written = {form for form in (radical, soft, nasal, aspirate) if form}
    for form in written:
        assert written <= mutations.forms(form), form
        assert radical in mutations.radicals(form), form


def test_h_before_a_vowel():
    assert mutations.mutations("ardal") == {"hardal"}
    assert "ardal" in mutations.radicals("hardal")
    assert "hardal" in mutations.forms("ardal") and "ardal" in mutations.forms("hardal")


@pytest.mark.parametrize(
    "word, never",
    [
        ("ffordd", {"bfordd", "mfordd"}),  # ff is a letter of its own, not a mutated b or m
        ("llan", {"gllan", "lllan"}),  # ll is not a soft-mutated l
        ("rhaglen", {"rhhaglen"}),
        ("ddoe", {"tdoe"}),  # dd is the soft mutation of d, not of t
        ("chwaer", {"gchwaer"}),
    ],
)
def test_welsh_letters_are_letters(word, never):
    assert not mutations.forms(word) & never


def test_letters():
    assert mutations.letters("llanelli") == ["ll", "a", "n", "e", "ll", "i"]
    assert mutations.letters("nghymru") == ["ng", "h", "y", "m", "r", "u"]


def test_short_words_are_left_alone():
    assert mutations.forms("i") == {"i"}
    assert mutations.forms("yn") == {"yn"}


def test_case_does_not_matter():
    assert mutations.forms("Cymru") == mutations.forms("cymru")


welsh_words = st.text(alphabet="abcdefghilmnoprstuwyŵŷâ", min_size=1, max_size=9)


@given(welsh_words)
def test_forms_are_symmetric(word):
    """If one word is a form of another, the other is a form of it: a search for either finds both."""
    for form in mutations.forms(word):
        assert word in mutations.forms(form), form


@given(welsh_words)
def test_a_word_is_among_its_forms_and_radicals(word):
    assert word in mutations.forms(word)
    assert word in mutations.radicals(word)


def test_certain_radicals_are_those_of_letters_only_a_mutation_begins():
    assert mutations.certain_radicals("ddinas") == {"dinas"}
    assert mutations.certain_radicals("Nghymru") == {"cymru"}  # not "ghymru": the h is the nasal's
    assert mutations.certain_radicals("ngofal") == {"gofal"}
    assert mutations.certain_radicals("mhen") == {"pen"}
    assert mutations.certain_radicals("nhad") == {"tad"}
    assert mutations.certain_radicals("phen") == {"pen"}
    for word in ("gymru", "cymru", "ofal", "fudd", "lais", "raglen", "chwaer", "hardal", "i"):
        assert mutations.certain_radicals(word) == set(), word  # each may be a radical itself


@given(welsh_words)
def test_certain_radicals_are_radicals(word):
    assert mutations.certain_radicals(word) <= mutations.radicals(word) - {word}


# --- the search indexes -----------------------------------------------------------------------

MERGED = {
    "config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
    "docs": [
        {"location": "", "title": "Primary care plans", "text": "<p>Care in Wales.</p>"},
        {"location": "about/", "title": "About", "text": ""},
        {"location": "cy/", "title": "Cynlluniau gofal sylfaenol", "text": "<p>Gofal yng Nghymru.</p>"},
        {"location": "cy/about/#y-gymraeg", "title": "Y Gymraeg", "text": "<td>Llywodraeth Cymru£224</td>"},
    ],
}


def test_split_gives_each_language_its_own_entries_relative_to_its_folder():
    indexes = search_index.split(MERGED, ["cy"])
    assert [doc["location"] for doc in indexes[""]["docs"]] == ["", "about/"]
    assert [doc["location"] for doc in indexes["cy"]["docs"]] == ["", "about/#y-gymraeg"]
    assert indexes["cy"]["docs"][0]["title"] == "Cynlluniau gofal sylfaenol"


def test_welsh_entries_hold_the_other_forms_of_their_words():
    welsh = search_index.with_mutations(search_index.split(MERGED, ["cy"])["cy"])
    assert welsh["config"]["fields"][search_index.MUTATIONS_FIELD] == {"boost": 1.0}
    assert welsh["config"]["pipeline"] == []  # no English stop words or stemmer on Welsh
    home, about = welsh["docs"]
    forms = set(home[search_index.MUTATIONS_FIELD].split())
    assert {"cymru", "gymru", "chymru", "ofal", "ngofal"} <= forms
    assert "gofal" not in forms  # a word the entry holds itself is not repeated
    assert {"gymru", "nghymru"} <= set(about[search_index.MUTATIONS_FIELD].split())  # "Cymru£224": a word against a figure


def test_words_are_runs_of_letters():
    assert search_index.words("<p>Llywodraeth Cymru£224,786.00 a'r Gymraeg</p>") == ["llywodraeth", "cymru", "a", "r", "gymraeg"]
