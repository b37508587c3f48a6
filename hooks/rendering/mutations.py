"""Welsh initial consonant mutations, for search.

In Welsh the first sound of a word changes after certain words: Cymru, "i Gymru" (soft),
"yng Nghymru" (nasal), "a Chymru" (aspirate); gofal, "ei ofal" (soft); ardal, "ei hardal"
(h before a vowel). A reader who searches for one form expects to find the others.

`forms(word)` gives every form a word can take: the radicals it may be a mutation of, and
every mutation of each. Two words are forms of each other exactly when each is in the
other's forms, so a search index that holds the forms of its words finds any form from any
other. Some forms are not real words ("ghymru" as a radical of "nghymru"); they cost a little
index space and never match a real search.

`certain_radicals(word)` gives the radicals of a word only a mutation can begin ("ddinas" ->
{"dinas"}): the search index holds those even when the pages never write them
(hooks/rendering/search_index.py).

The tables are the whole of the grammar used here; letters are Welsh letters, so "ll", "rh",
"ch", "dd", "ff", "ng", "ph" and "th" are one letter each.
"""

from __future__ import annotations

import functools
import re

# radical letter -> the letters it becomes
SOFT = {"c": "g", "p": "b", "t": "d", "g": "", "b": "f", "d": "dd", "ll": "l", "m": "f", "rh": "r"}
NASAL = {"c": "ngh", "p": "mh", "t": "nh", "g": "ng", "b": "m", "d": "n"}
ASPIRATE = {"c": "ch", "p": "ph", "t": "th"}
MUTATIONS = {"soft": SOFT, "nasal": NASAL, "aspirate": ASPIRATE}

# A word that begins with a vowel takes an h after "ei" (her), "ein", "eu": "ei hardal".
H_PROTHESIS = "h"
VOWELS = frozenset("aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ")

DIGRAPHS = ("ch", "dd", "ff", "ng", "ll", "ph", "rh", "th")
# The same, for asking whether two characters are one letter: a set answers at once, the tuple
# compares them with each digraph in turn (asked some 10,000 times for an index's words).
_DIGRAPH_SET = frozenset(DIGRAPHS)
# One Welsh letter: a digraph where one begins, else any single character (read left to right,
# as a reader does: "llanelli" is ll-a-n-e-ll-i).
_LETTER = re.compile("|".join(DIGRAPHS) + "|.", re.DOTALL)

# The letters a soft-mutated g leaves at the front (gofal -> ofal, glan -> lan, gras -> ras).
G_DROPPED_BEFORE = VOWELS | {"l", "r"}

# No unmutated Welsh word begins with these: dd (soft d), ng and ngh (nasal g and c), mh and nh
# (nasal p and t), ph (aspirate p). A word that does is certainly a mutated form.
ONLY_MUTATED = ("dd", "ng", "mh", "nh", "ph")
# ...and none with these: in "nghymru", "mhen", "nhad" the h is the nasal's (of c, p, t), so
# "ghymru", "bhen", "dhad" are no radicals.
NO_RADICAL_BEGINS = ("bh", "dh", "gh")

# Shorter words ("i", "a", "y", "yn") are left alone, as radicals and as forms: their forms
# would match almost anything.
MINIMUM_LENGTH = 3


def letters(word: str) -> list[str]:
    """A word's Welsh letters: "llanelli" -> ["ll", "a", "n", "e", "ll", "i"]."""
    return _LETTER.findall(word)


def first_letter(word: str) -> str:
    """A word's first Welsh letter, letters(word)[0], read without reading the rest ("llan" -> "ll").

    Every digraph is two characters, and a reader takes one where it begins: so the first letter
    is the word's first two characters when they are a digraph, else its first character."""
    start = word[:2]
    return start if start in _DIGRAPH_SET else word[:1]


def _starts_with_letters(word: str, prefix: str) -> bool:
    """Whether word begins with prefix letter for letter ("ngh" begins "nghymru"; "l" does not begin "llan").

    A word that does not begin with the prefix's characters cannot begin with its letters: that
    quick test answers most questions. One that does begins with its letters unless the prefix's
    last letter runs into what follows (_runs_into), which needs no reading of the word's letters."""
    if not word.startswith(prefix):
        return False
    return not prefix or not _runs_into(prefix, word[len(prefix) :])


def _runs_into(mutated: str, rest: str) -> bool:
    """Whether the letters of mutated run into those of rest written after it ("f" + "fa" reads
    "ff-a", "n" + "gwyn" reads "ng-w-y-n"), for a mutated of one character or more: letters are
    read left to right, so only mutated's last character, when it is a letter of its own, can
    join rest's first into one. Whether it is one is asked only where the two characters would
    make a digraph (rarely)."""
    return mutated[-1] + rest[:1] in _DIGRAPH_SET and len(letters(mutated)[-1]) == 1


def _becomes() -> dict[str, list[str]]:
    """{radical letter: the letters each mutation that changes it makes of it} ("c": ["g", "ngh",
    "ch"]), from MUTATIONS: mutations() tries only those of a word's first letter."""
    becomes = {}
    for table in MUTATIONS.values():
        for radical_letter, mutated in table.items():
            becomes.setdefault(radical_letter, []).append(mutated)
    return becomes


_BECOMES = _becomes()


def mutations(radical: str) -> set[str]:
    """Every mutated form of a radical word: "cymru" -> {"gymru", "nghymru", "chymru"}."""
    radical = radical.lower()
    found = set()
    if len(radical) < MINIMUM_LENGTH:
        return found
    first = first_letter(radical)
    rest = radical[len(first) :]
    for mutated in _BECOMES.get(first, ()):
        if mutated and _runs_into(mutated, rest):
            continue  # the letters would run together into another: "b" + "fa" reads "ffa"
        if not mutated and (not rest or first_letter(rest) not in G_DROPPED_BEFORE):
            continue  # g is dropped only before a vowel, l or r
        form = mutated + rest
        if len(form) >= MINIMUM_LENGTH:  # "llo" -> "lo" is too short a form
            found.add(form)
    if first in VOWELS:
        found.add(H_PROTHESIS + radical)  # longer than the radical: long enough
    found.discard(radical)
    return found


def _undone_mutations() -> dict[str, list[tuple[str, str]]]:
    """What radicals() undoes, by the first letter of the mutation: {first letter: [(a mutation,
    as written, the radical letter it comes from)]} for every mutation that leaves letters. Read
    once, not for every word; a word need try only those of its first letter."""
    undone = {}
    for table in MUTATIONS.values():
        for radical_letter, mutated in table.items():
            if mutated:
                undone.setdefault(first_letter(mutated), []).append((mutated, radical_letter))
    return undone


_UNDONE_MUTATIONS = _undone_mutations()


@functools.lru_cache(maxsize=65536)
def radicals(word: str) -> frozenset[str]:
    """Every word that word may be a mutation of, and word itself: "gymru" -> {"gymru", "cymru"}.

    Cached, as forms() is: a pure function of the word, asked for each word of each index entry."""
    word = word.lower()
    found = {word}
    if len(word) < MINIMUM_LENGTH:
        return frozenset(found)
    first = first_letter(word)
    candidates = set()
    for mutated, radical_letter in _UNDONE_MUTATIONS.get(first, ()):
        if _starts_with_letters(word, mutated):
            candidates.add(radical_letter + word[len(mutated) :])
    if first in G_DROPPED_BEFORE:  # soft g is dropped: "ofal" may be "gofal"
        candidates.add("g" + word)
    if word.startswith(H_PROTHESIS) and word[1] in VOWELS:
        candidates.add(word[1:])
    # keep a candidate only if mutating it really gives the word back
    found.update(candidate for candidate in candidates if word in mutations(candidate))
    return frozenset(found)


@functools.lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """Every form of a word: its radicals and all their mutations, the word included.

    Cached: a search index holds the same words many times over.
    """
    found = set()
    for radical in radicals(word):
        found.add(radical)
        found.update(mutations(radical))
    return frozenset(found)


@functools.lru_cache(maxsize=65536)
def certain_radicals(word: str) -> frozenset[str]:
    """The radicals of a word that only a mutation can begin: "ddinas" -> {"dinas"}, "nghymru" ->
    {"cymru"}; empty for a word that may be unmutated ("gymru" may be a radical itself)."""
    word = word.lower()
    if not word.startswith(ONLY_MUTATED):  # the quick test: most words begin with none of them
        return frozenset()
    if not any(_starts_with_letters(word, start) for start in ONLY_MUTATED):
        return frozenset()
    return frozenset(radical for radical in radicals(word) - {word} if not radical.startswith(NO_RADICAL_BEGINS))
