"""Welsh mutations (hooks/rendering/mutations.py) and the search indexes built with them (hooks/rendering/search_index.py)."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
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


def _letters_one_by_one(word: str) -> list[str]:
    """The careful reading letters() must agree with: left to right, a digraph where one begins."""
    result, i = [], 0
    while i < len(word):
        step = 2 if word[i : i + 2] in mutations.DIGRAPHS else 1
        result.append(word[i : i + step])
        i += step
    return result


any_letters = st.text(alphabet="cdfghlnprtaey\n ", max_size=9)  # digraphs, their halves, a newline


@given(any_letters)
def test_letters_read_left_to_right(word):
    assert mutations.letters(word) == _letters_one_by_one(word)


@given(any_letters.filter(bool))
def test_first_letter_is_the_first_of_the_letters(word):
    assert mutations.first_letter(word) == _letters_one_by_one(word)[0]


@given(any_letters, any_letters)
@example("llan", "l")  # the prefix's last letter runs into the word's next
@example("ddd", "dd")  # a prefix ending in a digraph: its last character joins none
@example("nghymru", "ngh")
@example("ng", "")
def test_starts_with_letters_compares_letters(word, prefix):
    """The quick test (the characters first) answers as comparing the letters would."""
    wanted = _letters_one_by_one(prefix)
    assert mutations._starts_with_letters(word, prefix) == (_letters_one_by_one(word)[: len(wanted)] == wanted)


@given(st.one_of(st.sampled_from([m for table in mutations.MUTATIONS.values() for m in table.values() if m]), any_letters.filter(bool)), any_letters)
def test_runs_into_is_where_the_letters_of_a_mutation_are_lost(mutated, rest):
    assert mutations._runs_into(mutated, rest) == (not mutations._starts_with_letters(mutated + rest, mutated))


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


def _mutations_table_by_table(radical: str) -> set[str]:
    """mutations() as first written, what the quicker one must agree with: every table asked in
    turn, and the letters of the words read in full (_letters_one_by_one)."""
    radical = radical.lower()
    if len(radical) < mutations.MINIMUM_LENGTH:
        return set()
    first = _letters_one_by_one(radical)[0]
    rest = radical[len(first) :]
    found = set()
    for table in mutations.MUTATIONS.values():
        if first not in table:
            continue
        mutated = table[first]
        wanted = _letters_one_by_one(mutated)
        if mutated and _letters_one_by_one(mutated + rest)[: len(wanted)] != wanted:
            continue  # the letters run together
        if not mutated and (not rest or _letters_one_by_one(rest)[0] not in mutations.G_DROPPED_BEFORE):
            continue
        found.add(mutated + rest)
    if first in mutations.VOWELS:
        found.add(mutations.H_PROTHESIS + radical)
    found.discard(radical)
    return {form for form in found if len(form) >= mutations.MINIMUM_LENGTH}


def _radicals_letter_by_letter(word: str) -> set[str]:
    """radicals() as first written: every mutation of every table tried against the word's letters."""
    word = word.lower()
    found = {word}
    if len(word) < mutations.MINIMUM_LENGTH:
        return found
    word_letters = _letters_one_by_one(word)
    candidates = set()
    for table in mutations.MUTATIONS.values():
        for radical_letter, mutated in table.items():
            wanted = _letters_one_by_one(mutated)
            if mutated and word_letters[: len(wanted)] == wanted:
                candidates.add(radical_letter + word[len(mutated) :])
    if word_letters[0] in mutations.G_DROPPED_BEFORE:
        candidates.add("g" + word)
    if word.startswith(mutations.H_PROTHESIS) and word[1] in mutations.VOWELS:
        candidates.add(word[1:])
    found.update(candidate for candidate in candidates if word in _mutations_table_by_table(candidate))
    return found


def _forms_letter_by_letter(word: str) -> set[str]:
    return set().union(*({radical} | _mutations_table_by_table(radical) for radical in _radicals_letter_by_letter(word)))


def _certain_radicals_letter_by_letter(word: str) -> set[str]:
    word_letters = _letters_one_by_one(word.lower())
    if not any(word_letters[: len(_letters_one_by_one(start))] == _letters_one_by_one(start) for start in mutations.ONLY_MUTATED):
        return set()
    return {radical for radical in _radicals_letter_by_letter(word) - {word.lower()} if not radical.startswith(mutations.NO_RADICAL_BEGINS)}


def _agree_with_the_careful_reading(word: str):
    assert mutations.mutations(word) == _mutations_table_by_table(word), word
    assert mutations.radicals(word) == _radicals_letter_by_letter(word), word
    assert mutations.forms(word) == _forms_letter_by_letter(word), word
    assert mutations.certain_radicals(word) == _certain_radicals_letter_by_letter(word), word


# words made of Welsh letters, of the halves of digraphs and of the mutations' letters, in either case
lettered_words = st.lists(
    st.sampled_from(["c", "ch", "g", "ng", "ngh", "h", "d", "dd", "n", "nh", "t", "th", "p", "ph", "b", "m", "mh", "f", "ff", "l", "ll", "r", "rh", "s",
                     "a", "e", "i", "o", "u", "w", "y", "ŵ", "â", "C", "G", "Ll", "NGH", "Rh"]),
    max_size=5,
).map("".join)


@given(st.one_of(welsh_words, lettered_words))
@example("llo")  # its soft mutation "lo" is too short a form
@example("glo")  # soft g dropped: "lo", too short
@example("gllan")  # soft g is not dropped before ll
@example("bffa")  # "b" -> "f" would run into "ff"
@example("ddinas")
@example("Nghymru")
@example("hardal")
def test_mutations_and_radicals_are_those_of_the_careful_reading(word):
    """mutations(), radicals(), forms() and certain_radicals() answer as the tables read word by
    word and letter by letter do (they take shortcuts: a word's first letter read alone, the
    mutations of its first letter only, letters compared only where a digraph can form)."""
    _agree_with_the_careful_reading(word)


def test_the_welsh_sites_words_mutate_as_the_careful_reading_says(site):
    docs = json.loads((site / "cy" / search_index.INDEX).read_text("utf-8"))["docs"]
    for word in search_index.vocabulary(docs):
        _agree_with_the_careful_reading(word)


# --- the search indexes -----------------------------------------------------------------------

MERGED = {
    "config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
    "docs": [
        {"location": "", "title": "Primary care plans", "text": "<p>Care in Wales.</p>"},
        {"location": "about/", "title": "About", "text": ""},
        {"location": "cy/", "title": "Cynlluniau gofal sylfaenol", "text": "<p>Gofal yng Nghymru.</p>"},
        {"location": "cy/about/#y-gymraeg", "title": "Y Gymraeg", "text": "<td>Llywodraeth Cymru£224</td>"},
        {"location": "cy/care/", "title": "Ei ofal", "text": "<p>O'r ddogfen i Gymru, a fudd i ofalwyr.</p>"},
    ],
}


def _welsh(merged: dict = MERGED) -> dict:
    return search_index.with_mutations(search_index.split(merged, ["cy"])["cy"])


def _tokens(doc: dict) -> set:
    """What the browser's search matches in an entry: its words and the forms of its mutations field."""
    return set(search_index.words(doc["title"]) + search_index.words(doc["text"]) + doc[search_index.MUTATIONS_FIELD].split())


def _finds(doc: dict, query: str) -> bool:
    """Whether a search for query finds the entry: the theme searches each term as a prefix."""
    return any(token.startswith(query.lower()) for token in _tokens(doc))


def test_split_gives_each_language_its_own_entries_relative_to_its_folder():
    indexes = search_index.split(MERGED, ["cy"])
    assert [doc["location"] for doc in indexes[""]["docs"]] == ["", "about/"]
    assert [doc["location"] for doc in indexes["cy"]["docs"]] == ["", "about/#y-gymraeg", "care/"]
    assert indexes["cy"]["docs"][0]["title"] == "Cynlluniau gofal sylfaenol"


def test_welsh_entries_hold_the_forms_the_pages_write():
    welsh = _welsh()
    assert welsh["config"]["fields"][search_index.MUTATIONS_FIELD] == {"boost": 1.0}
    assert welsh["config"]["pipeline"] == []  # no English stop words or stemmer on Welsh
    home, about, care = welsh["docs"]
    forms = set(home[search_index.MUTATIONS_FIELD].split())
    assert {"cymru", "gymru"} <= forms  # "Nghymru": the forms another page writes
    assert "gofal" not in forms  # a word the entry holds itself is not repeated
    assert not forms & {"chymru", "cofal", "ngofal"}  # forms no page writes are left out
    assert {"gymru", "nghymru"} <= set(about[search_index.MUTATIONS_FIELD].split())  # "Cymru£224": a word against a figure
    assert {"gofal", "cymru", "nghymru"} <= set(care[search_index.MUTATIONS_FIELD].split())


def test_a_welsh_entry_holds_the_radical_of_a_certainly_mutated_word():
    """"ddogfen" can only be "dogfen" mutated: a search for the dictionary form finds it, though no
    page writes it. "fudd" may be "budd" or "mudd", or a word of its own: neither is added."""
    care = _welsh()["docs"][2]
    forms = set(care[search_index.MUTATIONS_FIELD].split())
    assert "dogfen" in forms
    assert not forms & {"budd", "mudd"}


def test_a_form_another_token_begins_with_is_left_out_and_still_found():
    """"ofal" (written on the page) begins "ofalwyr", which the entry holds: the prefix search
    for "ofal" finds the entry through it, so the field does not repeat it."""
    merged = {**MERGED, "docs": MERGED["docs"] + [{"location": "cy/carers/", "title": "Gofalwyr", "text": "<p>Gofal a gofalwyr.</p>"}]}
    carers = _welsh(merged)["docs"][-1]
    assert "ofalwyr" in carers[search_index.MUTATIONS_FIELD].split()
    assert "ofal" not in carers[search_index.MUTATIONS_FIELD].split()
    assert _finds(carers, "ofal") and _finds(carers, "Ofalwyr")


def test_every_welsh_search_for_a_written_form_finds_every_entry_holding_another():
    """The promise of the Welsh index: a search for a word in any form a Welsh page writes finds
    every entry holding any form of it, as the index that held every form found them."""
    welsh = _welsh()
    written = search_index.vocabulary(welsh["docs"])
    for doc in welsh["docs"]:
        own = search_index.words(doc["title"]) + search_index.words(doc["text"])
        for word in own:
            for query in mutations.forms(word) & written:
                assert _finds(doc, query), (doc["location"], word, query)


welsh_texts = st.lists(st.lists(welsh_words, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=5)


@settings(deadline=None)  # each example builds an index: slow on a busy machine
@given(welsh_texts)
def test_every_written_form_and_certain_radical_finds_its_entries(texts):
    """For any Welsh pages: each entry is found by every form of its words that some page writes,
    and by the radical of each of its certainly mutated words."""
    merged = {"config": MERGED["config"], "docs": [{"location": f"cy/{i}/", "title": "", "text": text} for i, text in enumerate(texts)]}
    welsh = _welsh(merged)
    written = search_index.vocabulary(welsh["docs"])
    for doc in welsh["docs"]:
        for word in search_index.words(doc["text"]):
            for query in (mutations.forms(word) & written) | mutations.certain_radicals(word):
                assert _finds(doc, query), (doc["text"], word, query)


def _careful_other_forms(title: str, text: str, written: frozenset[str]) -> str:
    """The mutations field as first written, one entry at a time: what WelshForms must agree with."""
    own = set(search_index.words(title) + search_index.words(text))
    forms = set()
    for word in own:
        forms |= search_index.indexed_forms(word, written)
    forms -= own
    tokens = sorted(own | forms)  # a token's longer tokens follow it
    begun = {token for token, after in zip(tokens, tokens[1:]) if after.startswith(token)}
    return " ".join(sorted(forms - begun, key=search_index._side_by_side))


# words that begin one another and mutate ("gofal", "ofal", "ofalwyr", "nghymru", "cymr"...)
prefixed_words = st.one_of(
    welsh_words,
    st.builds(
        lambda start, middle, end: start + middle + end,
        st.sampled_from(["", "g", "ng", "ngh", "c", "ch", "dd", "d", "h", "mh", "ll", "l"]),
        st.sampled_from(["ofal", "ymru", "inas"]),
        st.sampled_from(["", "wyr", "au", "r"]),
    ),
)
prefixed_texts = st.lists(st.lists(prefixed_words, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=6)


@settings(deadline=None)
@given(prefixed_texts)
def test_the_index_wide_forms_are_those_worked_out_entry_by_entry(texts):
    """WelshForms works each word out once for the whole index; every entry's field is the one
    the careful entry-by-entry reading gives."""
    merged = {"config": MERGED["config"], "docs": [{"location": f"cy/{i}/", "title": text.split()[0].title(), "text": f"<p>{text}</p>"} for i, text in enumerate(texts)]}
    welsh = _welsh(merged)
    written = search_index.vocabulary(welsh["docs"])
    for doc in welsh["docs"]:
        assert doc[search_index.MUTATIONS_FIELD] == _careful_other_forms(doc["title"], doc["text"], written), doc["text"]


def test_the_index_wide_forms_of_the_real_site_are_those_worked_out_entry_by_entry(site):
    """Every field of the built Welsh index is the one the careful reading gives, from all the
    entry's words (with_mutations gives other_forms only those that bear on a field)."""
    docs = json.loads((site / "cy" / search_index.INDEX).read_text("utf-8"))["docs"]
    written = search_index.vocabulary(docs)
    assert any(doc[search_index.MUTATIONS_FIELD] for doc in docs)
    for doc in docs:
        assert doc[search_index.MUTATIONS_FIELD] == _careful_other_forms(doc["title"], doc["text"], written), doc["location"]


def _other_forms_of_all_words(welsh_forms: search_index.WelshForms, own: set[str]) -> str:
    """WelshForms.other_forms as first written, given all an entry's words, not only its bearing ones."""
    forms = set().union(*map(welsh_forms.added.__getitem__, own & welsh_forms.adding))
    forms -= own
    if not forms:
        return ""
    longer = welsh_forms.longer
    begun = {form for form in forms & welsh_forms.begun_by if not (longer[form].isdisjoint(own) and longer[form].isdisjoint(forms))}
    return " ".join(sorted(forms - begun, key=welsh_forms.place.__getitem__))


@settings(deadline=None)
@given(prefixed_texts)
def test_an_entrys_field_is_the_same_from_its_bearing_words_alone(texts):
    """other_forms gives from an entry's bearing words the field all its words give."""
    docs = [{"title": text.split()[0].title(), "text": f"<p>{text}</p>"} for text in texts]
    welsh_forms = search_index.WelshForms(search_index.vocabulary(docs))
    for doc in docs:
        own = search_index.entry_words(doc)
        assert welsh_forms.other_forms(welsh_forms.bearing_words(own)) == _other_forms_of_all_words(welsh_forms, own), doc["text"]


@given(st.frozensets(st.one_of(welsh_words, lettered_words, prefixed_words).map(str.lower), max_size=30))
@example(frozenset({"cymru", "gymru", "nghymru", "chymru", "gofal", "ofal", "ngofal", "ardal", "hardal", "llan", "lan", "glan", "dinas", "ddinas", "ninas"}))
def test_the_written_forms_are_the_forms_written(written):
    """written_forms, found from the words' shared radicals, is each word's forms() among the
    written words."""
    assert search_index.written_forms(written) == {word: mutations.forms(word) & written for word in written}


def test_the_written_forms_of_the_real_site_are_the_forms_written(site):
    written = search_index.vocabulary(json.loads((site / "cy" / search_index.INDEX).read_text("utf-8"))["docs"])
    assert search_index.written_forms(written) == {word: mutations.forms(word) & written for word in written}


def test_the_index_wide_forms_of_the_examples_are_those_worked_out_entry_by_entry():
    merged = {**MERGED, "docs": MERGED["docs"] + [{"location": "cy/carers/", "title": "Gofalwyr", "text": "<p>Gofal a gofalwyr, ofal.</p>"}]}
    welsh = _welsh(merged)
    written = search_index.vocabulary(welsh["docs"])
    fields = [doc[search_index.MUTATIONS_FIELD] for doc in welsh["docs"]]
    assert fields == [_careful_other_forms(doc["title"], doc["text"], written) for doc in welsh["docs"]]
    assert any(fields) and "ofal" not in fields[-1].split()


def test_words_are_runs_of_letters():
    assert search_index.words("<p>Llywodraeth Cymru£224,786.00 a'r Gymraeg</p>") == ["llywodraeth", "cymru", "a", "r", "gymraeg"]


# Latin letters and capitals with Welsh accents, figures and punctuation, HTML, and characters
# the quick reading must leave to the careful one: "İ" lower-cases to two characters, "Σ" as the
# letters around it say, "Ɛ" and "ꝸ" lie outside what the quick reading knows.
mixed_texts = st.text(alphabet="aAcCgGnNhHŵŴŷŶâÂôÔïÏ²½9_ -'’“”–…&;<>/pİıΣσΑΟɛƐꝸ", max_size=40)


@given(mixed_texts)
def test_distinct_words_are_the_words(text):
    assert search_index.distinct_words(text) == set(search_index.words(text))


@pytest.mark.parametrize("text", ["<p>Llywodraeth CYMRU£224 a'r Ŵyr</p>", "İstanbul", "ΟΔΟΣ.Α ΟΔΟΣ", "Ɛwe ꝸ", "x²y &amp; &Acirc;r", ""])
def test_distinct_words_of_tricky_texts(text):
    assert search_index.distinct_words(text) == set(search_index.words(text))


def test_every_character_the_quick_reading_takes_reads_as_the_careful_one():
    """The quick reading (search_index._latin_reading) takes a text whose every character it
    lower-cases safely; each such character, alone and beside a letter, gives the same words."""
    taken = [chr(code) for code in range(0x110000) if not search_index._NOT_SAFELY_LOWERED.search(chr(code))]
    assert "ŵ" in taken and "Ŷ" in taken and "’" in taken and "İ" not in taken and "Σ" not in taken
    assert all(chr(code) in taken for code in range(128))  # distinct_words takes an ASCII text without asking
    for char in taken:
        for text in (char, f"a{char}", f"{char}B"):
            assert set(search_index._LATIN_WORD.findall(text.lower())) == set(search_index.words(text)), repr(text)


def test_vocabulary_is_every_word_of_the_titles_and_texts():
    welsh = search_index.split(MERGED, ["cy"])["cy"]
    assert search_index.vocabulary(welsh["docs"]) == {
        "cynlluniau", "gofal", "sylfaenol", "yng", "nghymru", "y", "gymraeg", "llywodraeth", "cymru",
        "ei", "ofal", "o", "r", "ddogfen", "i", "gymru", "a", "fudd", "ofalwyr",
    }
