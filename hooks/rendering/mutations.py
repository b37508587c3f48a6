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
    """A word's first Welsh letter, letters(word)[0], read without reading the rest ("llan" -> "ll")."""
    return _LETTER.match(word).group()


def _starts_with_letters(word: str, prefix: str) -> bool:
    """Whether word begins with prefix letter for letter ("ngh" begins "nghymru"; "l" does not begin "llan").

    A word that does not begin with the prefix's characters cannot begin with its letters: that
    quick test answers most questions without reading the word's letters."""
    if not word.startswith(prefix):
        return False
    wanted = letters(prefix)
    return letters(word)[: len(wanted)] == wanted


def _runs_into(mutated: str, rest: str) -> bool:
    """Whether the letters of mutated run into those of rest written after it ("f" + "fa" reads
    "ff-a", "n" + "gwyn" reads "ng-w-y-n"): not _starts_with_letters(mutated + rest, mutated),
    asked where the two can differ. Letters are read left to right, so only mutated's last
    character, when it is a letter of its own, can join rest's first into one."""
    return len(letters(mutated)[-1]) == 1 and mutated[-1] + rest[:1] in DIGRAPHS


def mutations(radical: str) -> set[str]:
    """Every mutated form of a radical word: "cymru" -> {"gymru", "nghymru", "chymru"}."""
    radical = radical.lower()
    found = set()
    if len(radical) < MINIMUM_LENGTH:
        return found
    first = first_letter(radical)
    rest = radical[len(first) :]
    for table in MUTATIONS.values():
        if first not in table:
            continue
        mutated = table[first]
        form = mutated + rest
        if mutated and _runs_into(mutated, rest):
            continue  # the letters would run together into another: "b" + "fa" reads "ffa"
        if not mutated and (not rest or first_letter(rest) not in G_DROPPED_BEFORE):
            continue  # g is dropped only before a vowel, l or r
        found.add(form)
    if first in VOWELS:
        found.add(H_PROTHESIS + radical)
    found.discard(radical)
    return {form for form in found if len(form) >= MINIMUM_LENGTH}


def _undone_mutations() -> dict[str, list[tuple[list[str], str, str]]]:
    """What radicals() undoes, by the first letter of the mutation: {first letter: [(the letters
    of a mutation, as written, the radical letter it comes from)]} for every mutation that leaves
    letters. Read once, not for every word; a word need try only those of its first letter."""
    undone = {}
    for table in MUTATIONS.values():
        for radical_letter, mutated in table.items():
            if mutated:
                undone.setdefault(first_letter(mutated), []).append((letters(mutated), mutated, radical_letter))
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
    word_letters = letters(word)
    candidates = set()
    for mutated_letters, mutated, radical_letter in _UNDONE_MUTATIONS.get(word_letters[0], ()):
        if word_letters[: len(mutated_letters)] == mutated_letters:  # the word begins with the mutated letters
            candidates.add(radical_letter + word[len(mutated) :])
    if word_letters[0] in G_DROPPED_BEFORE:  # soft g is dropped: "ofal" may be "gofal"
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
