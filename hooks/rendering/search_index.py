"""One search index per language, and Welsh search that understands mutations.

mkdocs-static-i18n merges the search entries of every language into one index,
search/search_index.json, so a search on a Welsh page would find English pages too. After
the build, `write_per_language` splits it: the default language's entries stay where they
are; each other language's entries move to <locale>/search/search_index.json, with their
addresses made relative to that language's folder. hooks/theme.py changes the theme's base.html
so that the search of a page reads its own language's folder.

Welsh entries gain a field, "mutations", holding other forms of their words
(hooks/rendering/mutations.py): a search for "Cymru" finds "Gymru", "Nghymru" and "Chymru", and
"ofal" finds "gofal". The browser's search needs no change: it indexes every field the
index's config names.

Every page loads its language's index as it opens (the theme fetches it then), so the field
holds only the forms a reader is likely to type, not every form the grammar allows:

- the forms the Welsh pages write somewhere (the vocabulary of the Welsh index): a search for
  a word in any form the site writes finds every section that holds another form of it;
- the radical of a word only a mutation can begin ("ddinas" -> "dinas", "nghymru" -> "cymru"),
  the dictionary form a reader types, even where the pages never write it.

Left out are forms the site never writes and the radicals of words that may be unmutated (a
search for "budd" does not find "fudd" unless a page writes "budd"), and a form that another
token of the entry begins with: the theme searches every term as a prefix (it adds "*"), so
that token already answers it. This keeps the Welsh index at most half the size it had with
every form (tests/test_welsh_search_index.py).
"""

from __future__ import annotations

import bisect
import html
import json
import re
from pathlib import Path

from hooks.rendering import mutations
from hooks.model.locales import WELSH

INDEX = Path("search") / "search_index.json"
MUTATIONS_FIELD = "mutations"

# Where the browser's search splits a text (and a query) into words: at spaces and hyphens, and
# at punctuation written against a word ("(BIPBA)", "Cymru,", "Ffynhonnell:"), so that the word
# itself is found; a full stop only where no digit follows (9.4 stays one word). The theme
# reads it as a JavaScript regular expression over the whole text (lookahead allowed).
SEPARATOR = r'[\s\-,;:!?()\[\]{}"“”/]+|\.(?!\d)'
# Welsh search splits words at apostrophes too ("Cynlluniau'r" -> "cynlluniau", "r"), and
# runs no English stop-word filter or stemmer.
WELSH_SEPARATOR = SEPARATOR.replace("/]", "/'‘’]")

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W\d_]+")


def _latin_reading() -> tuple[re.Pattern, re.Pattern]:
    """The quick reading of a text's words (distinct_words): the Latin letters and punctuation.

    _WORD asks the Unicode database of every character whether it is a letter; a class of the
    ranges of the Latin letters finds the same runs faster (about a third). And a text whose
    characters each lower-case to one character that is a letter exactly when the capital is
    (all of these but "İ" and a few African capitals) may be lower-cased whole before its words
    are found, not word by word. Both are worked out here from _WORD and str.lower themselves.
    Returns (the Latin letters, anything but a character lower-cased safely).
    """
    latin = [chr(code) for code in [*range(0x250), *range(0x2000, 0x2070)]]  # Latin, general punctuation
    letters = {char for char in latin if _WORD.fullmatch(char)}
    latin_set = set(latin)  # a lower case of two characters is in none
    safe = [char for char in latin if char.lower() in latin_set and (char in letters) == (char.lower() in letters)]
    return re.compile("[" + _ranges(letters) + "]+"), re.compile("[^" + _ranges(safe) + "]")


def _ranges(chars) -> str:
    """The characters as the ranges of a regular expression's class ("a-zª²-³"), which it reads
    faster than the characters one by one."""
    codes = sorted(map(ord, chars))
    runs = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else "") for first, last in runs)


_LATIN_WORD, _NOT_SAFELY_LOWERED = _latin_reading()


def split(index: dict, folders: list[str]) -> dict[str, dict]:
    """The merged index as one index per language folder ("" for the default language).

    The default language's entries are the merged index's own (unchanged, so not copied); each
    other language's are copies, with their addresses relative to its folder."""
    config = {**index["config"], "separator": SEPARATOR}
    indexes = {folder: {"config": dict(config), "docs": []} for folder in ["", *folders]}
    default_docs = indexes[""]["docs"]
    in_a_folder = tuple(folder + "/" for folder in folders)  # one question for most entries: in none?
    for doc in index["docs"]:
        location = doc["location"]
        if not location.startswith(in_a_folder):
            default_docs.append(doc)
            continue
        folder = next(f for f in folders if location.startswith(f + "/"))
        indexes[folder]["docs"].append({**doc, "location": location[len(folder) + 1 :]})
    return indexes


def words(text: str) -> list[str]:
    """The words of an index entry's text (which holds some HTML), lower-cased.

    A word is a run of letters, so a word written against a figure ("Cymru£224,786.00", where
    table cells meet) is still found.
    """
    return [word.lower() for word in _letter_runs(text)]


def distinct_words(text: str) -> set[str]:
    """The set of words(text), worked out faster (the Welsh index at 90 plans writes 1,944
    distinct words about half a million times): a text of Latin letters and punctuation alone
    is lower-cased whole and read with the Latin letters (_latin_reading); any other lower-cases
    each distinct run of letters once."""
    plain = _plain(text)
    if plain.isascii() or _NOT_SAFELY_LOWERED.search(plain) is None:  # isascii is known at once
        return set(_LATIN_WORD.findall(plain.lower()))
    return set(map(str.lower, set(_WORD.findall(plain))))


def _letter_runs(text: str) -> list[str]:
    """The runs of letters of an entry's text, as written."""
    return _WORD.findall(_plain(text))


def _plain(text: str) -> str:
    """An entry's text without its HTML: tags read as spaces, character references as characters."""
    return html.unescape(_TAG.sub(" ", text))


def entry_words(doc: dict) -> set[str]:
    """Every word an index entry's title and text write, lower-cased."""
    return distinct_words(doc.get("title", "")) | distinct_words(doc.get("text", ""))


def vocabulary(docs: list[dict]) -> frozenset[str]:
    """Every word the entries' titles and texts write, lower-cased."""
    return frozenset().union(*(entry_words(doc) for doc in docs))


def indexed_forms(word: str, written: frozenset[str]) -> set[str]:
    """The forms of a word a Welsh entry holds: those the pages write, and its certain radicals."""
    return (mutations.forms(word) & written) | mutations.certain_radicals(word)


def written_forms(written: frozenset[str]) -> dict[str, set[str]]:
    """{word: mutations.forms(word) & written} for each written word, worked out from the words'
    radicals alone (their mutations are not listed).

    Two words are forms of each other exactly when they share a radical: a form of a word is one
    of its radicals or a mutation of one, and mutations.radicals undoes every mutation (whatever
    mutations() makes of a radical, radicals() finds that radical among the form's). So the
    written forms of a word are the written words that share one of its radicals."""
    radicals = {word: mutations.radicals(word) for word in written}
    sharing = {}
    for word, its_radicals in radicals.items():
        for radical in its_radicals:
            sharing.setdefault(radical, []).append(word)
    return {word: set().union(*map(sharing.__getitem__, its_radicals)) for word, its_radicals in radicals.items()}


def _side_by_side(form: str) -> tuple[str, str]:
    """Sort key keeping the forms of one word together (cymru, chymru, gymru, nghymru): the same
    run in every entry, which compresses to little."""
    return min(mutations.radicals(form)), form


class WelshForms:
    """The other forms of the Welsh entries' words, worked out once per distinct word.

    The entries of one index write the same words over and over; what a word adds to an entry
    (`indexed_forms`), where a form sorts and which tokens begin with it depend only on the word
    and on the index's vocabulary, so they are worked out once for each of the index's words and
    looked up for each entry. Made for one index and dropped with it: nothing outlives the call.
    """

    def __init__(self, written: frozenset[str]):
        # each word's indexed_forms, its written forms worked out for the whole index at once
        added = {word: (forms | mutations.certain_radicals(word)) - {word} for word, forms in written_forms(written).items()}
        # only the words that add a form: most add none, and an entry of those alone gains nothing
        self.added = {word: forms for word, forms in added.items() if forms}
        self.adding = frozenset(self.added)
        every_form = set().union(*self.added.values())
        # each form's place in a field (_side_by_side), as a number: quicker to compare than its key
        self.place = {form: place for place, form in enumerate(sorted(every_form, key=_side_by_side))}
        self.longer = _longer_tokens(every_form, written | every_form)
        self.begun_by = frozenset(self.longer)  # the forms some token of the index begins with (a fifth)
        # The words that can change an entry's field: those that add a form, the forms, and the
        # tokens that begin with a form. other_forms asks nothing else of an entry's words (it
        # takes the forms of its adding words, less its own forms, less those one of its
        # beginning tokens begins with), so it may be given only these (a third of the index's
        # words, and of an entry's).
        self.bearing = self.adding | every_form | frozenset().union(*self.longer.values())
        # what each bearing word adds, nothing for most: other_forms looks each of an entry's up
        # rather than first asking which of them add something
        self.added_by = {word: self.added.get(word, frozenset()) for word in self.bearing}

    def bearing_words(self, words) -> frozenset[str]:
        """The words among `words` that can change an entry's field (see `bearing`)."""
        return self.bearing.intersection(words)

    def other_forms(self, own: frozenset[str]) -> str:
        """The mutations field of an entry that writes the words `own`: the forms its words add
        (`indexed_forms`) but its own words and any form another of its tokens begins with (the
        theme searches every term as a prefix), the forms of one word side by side.

        `own` is the entry's bearing words (`bearing_words`): the field is the one all its words
        would give (tests/test_mutations.py)."""
        forms = set().union(*map(self.added_by.__getitem__, own))
        forms -= own
        if not forms:
            return ""
        longer = self.longer
        # the forms begun by another token are listed first, then taken from the set itself
        forms.difference_update([form for form in forms & self.begun_by if not (longer[form].isdisjoint(own) and longer[form].isdisjoint(forms))])
        return " ".join(sorted(forms, key=self.place.__getitem__))


def _longer_tokens(forms: set[str], tokens: set[str]) -> dict[str, frozenset[str]]:
    """{form: the tokens that begin with it and are longer}, for the forms some token begins with.

    An entry leaves out a form another of its tokens begins with; this says which tokens those
    may be, for the whole index at once. The tokens beginning with a form follow it in sorted
    order, one after another.
    """
    ordered = sorted(tokens)
    longer = {}
    for form in forms:
        after = bisect.bisect_right(ordered, form)
        found = []
        while after < len(ordered) and ordered[after].startswith(form):
            found.append(ordered[after])
            after += 1
        if found:
            longer[form] = frozenset(found)
    return longer


def _words_of_texts(docs: list[dict]) -> dict[str, tuple[str, ...]]:
    """{title or text: its distinct words} for the entries, each distinct title and text read
    once: the entries repeat titles, and sections every plan words alike.

    Kept as tuples, not sets: at 90 plans the Welsh index has some 4,500 distinct texts, and
    their sets took 30 MB (a set's table is several times the size of its words' pointers),
    the tuples a fifth of that.
    """
    read = {}
    for doc in docs:
        for text in (doc.get("title", ""), doc.get("text", "")):
            if text not in read:
                read[text] = tuple(distinct_words(text))
    return read


def with_mutations(index: dict) -> dict:
    """A Welsh index whose entries also hold the other forms of their words (see the module)."""
    config = dict(index["config"])
    config["separator"] = WELSH_SEPARATOR
    config["pipeline"] = []
    config["fields"] = {**config["fields"], MUTATIONS_FIELD: {"boost": 1.0}}
    read = _words_of_texts(index["docs"])
    welsh_forms = WelshForms(frozenset().union(*read.values()))
    # an entry's words narrowed to those that bear on its field (a third of them) as they are
    # joined: other_forms has less to look through, and the set made is smaller
    docs = [{**doc, MUTATIONS_FIELD: welsh_forms.other_forms(welsh_forms.bearing_words(read[doc.get("title", "")] + read[doc.get("text", "")]))} for doc in index["docs"]]
    return {"config": config, "docs": docs}


def per_language(merged_text: str, other_locales: list[str]) -> dict[str, str]:
    """{language folder: the text of its index} from the text of the merged index."""
    return {folder: "".join(pieces) for folder, pieces in _index_texts(split(json.loads(merged_text), other_locales))}


def _index_texts(indexes: dict[str, dict]):
    """(language folder, the pieces of the text of its index) for each index of split(), one
    index at a time, each dropped once its text is written (at 90 plans the merged index takes
    some 15 MB as objects)."""
    for folder in list(indexes):
        index = indexes.pop(folder)
        if folder == WELSH:
            index = with_mutations(index)
        yield folder, json_pieces(index)


# Entries written in one piece by json_pieces: enough that the encoder's cost for each piece is
# small beside its text, few enough that a piece is small beside the index (some 300 kB).
DOCS_A_PIECE = 256


def json_pieces(index: dict):
    """The text of an index (of split() or with_mutations(): its config and its docs) as
    json.dumps(index, ensure_ascii=False, separators=(",", ":")) writes it, in pieces: the
    config, then DOCS_A_PIECE entries at a time. Written piece by piece, the text of a large
    index (10 MB at 90 plans, and twice that while json.dumps joins its parts) is never whole.

    One encoder writes every piece (json.dumps makes one for each call), and a piece's entries
    are written as a list, whose text is theirs between brackets, joined by commas: each
    json.dumps of one entry set up the encoder again (a fifth of the time the text took)."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    yield '{"config":' + encode(index["config"]) + ',"docs":['
    docs = index["docs"]
    for start in range(0, len(docs), DOCS_A_PIECE):
        yield ("," if start else "") + encode(docs[start : start + DOCS_A_PIECE])[1:-1]
    yield "]}"


def write_per_language(site_dir: Path, other_locales: list[str]) -> None:
    """Split the built site's merged search index into one index per language."""
    path = site_dir / INDEX
    if not path.exists():  # search switched off
        return
    for folder, pieces in _index_texts(split(json.loads(path.read_text("utf-8")), other_locales)):
        target = site_dir / folder / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8") as written:
            written.writelines(pieces)
