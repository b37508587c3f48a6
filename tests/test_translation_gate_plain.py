"""The translation gate's faster ways held to the plain ways they replace.

The fingerprint file's reading (fingerprints.Store.read) and the gate's rules over the data texts (the text units, data_problems,
language_problems, abbreviation_problems, freshness_problems) pass over the common case with
as few operations as can be. Each is compared here with the plain way, written out as it was,
on generated inputs and on the real site: the same records, lines and problems, in the same order.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hooks.checks import fingerprints, translation_checks
from hooks.checks.fingerprints import Record, Store, Unit
from hooks.checks.translation_checks import Corpus, ENGLISH, WELSH
from hooks.model import plan_data, texts
from hooks.rendering import abbreviations

ROOT = Path(__file__).resolve().parent.parent


# --- The plain ways, as they were -------------------------------------------------------------


def plain_store_read(root: Path) -> Store:
    """Store.read as it was: each line tested for a blank or a comment, then matched, then a Record made by its __init__."""
    store = Store(Path(root))
    text = store.path.read_bytes().decode("utf-8-sig")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = fingerprints._LINE.match(line)
        if match is None:
            conflict = line.startswith(("<<<<<<<", "=======", ">>>>>>>", "|||||||"))
            store.problems.append((number, conflict, line))
            continue
        key, en, cy, blocks = match.group("key", "en", "cy", "blocks")
        store.records[fingerprints._decode_key(key)] = Record(en, cy, tuple(blocks.split(",")) if blocks else (), number)
    return store


def plain_text_units(corpus: Corpus) -> list:
    units = []
    groups: dict = {}
    for text in corpus.texts:
        where = text.where
        if where.path not in groups:
            plan = translation_checks._PLAN_FILE.fullmatch(where.path)
            groups[where.path] = f"{plan[1]}/{plan[2]}" if plan else where.path
        units.append(Unit(
            key=f"{where.path}#{where.field}", kind="text", group=groups[where.path], label=where.field, en=text.en, cy=text.cy,
            en_where=(where.path, where.line_of(ENGLISH)), cy_where=(where.path, where.line_of(WELSH)),
        ))
    return units


def plain_data_problems(corpus: Corpus) -> list:
    """data_problems as it was: both languages of every unit looked at."""
    problems = []
    for unit in corpus.text_units():
        en, cy = unit.en or "", unit.cy or ""
        (path, en_line), (_, cy_line) = unit.en_where, unit.cy_where
        for text, locale, line in ((en, ENGLISH, en_line), (cy, WELSH, cy_line)):
            if not text.strip():
                problems.append(("text-empty", path, line, locale, unit.label))
        if en.strip() and corpus.normalised(en) == corpus.normalised(cy):
            if not (en.strip() in corpus.same_in_both or corpus.is_names_only(en)):
                problems.append(("text-untranslated", path, cy_line, translation_checks._excerpt(cy), unit.label))
    return problems


def as_plain(problem) -> tuple:
    """A data problem of data_problems, in the terms plain_data_problems gives."""
    if problem.rule == "text-empty":
        return (problem.rule, problem.path, problem.line, ENGLISH if "English" in problem.message else WELSH, problem.field)
    return (problem.rule, problem.path, problem.line, re.fullmatch(r"the Welsh is the same as the English: '(.*)'", problem.message, re.S)[1], problem.field)


def plain_language_problems(corpus: Corpus) -> list:
    """language_problems as it was: a (text, locale, path, line, unit) per language of each unit, the distinct ones in order."""
    on_pages = []
    for pair in corpus.pages.values():
        for page in (pair.en, pair.cy):
            if page is None or page.problems:
                continue
            for prose in page.prose:
                sentences = translation_checks._sentences(prose.text)
                for sentence in sentences:
                    on_pages.append((sentence, page.locale, page, prose, len(sentences)))
    in_data = []
    for unit in corpus.text_units():
        if not (unit.en or "").strip() or not (unit.cy or "").strip() or corpus.normalised(unit.en) == corpus.normalised(unit.cy):
            continue
        for text, locale, (path, line) in ((unit.en, ENGLISH, unit.en_where), (unit.cy, WELSH, unit.cy_where)):
            in_data.append((text, locale, path, line, unit))
    distinct = list(dict.fromkeys([(place[0], place[1]) for place in on_pages] + [(place[0], place[1]) for place in in_data]))
    wrong = {item for item, is_wrong in zip(distinct, corpus.identifier.wrong_languages(distinct)) if is_wrong}
    problems = [translation_checks._wrong_language_on_page(page, prose, sentence, count) for sentence, locale, page, prose, count in on_pages if (sentence, locale) in wrong]
    problems += [translation_checks._wrong_language_in_data(text, locale, path, line, unit) for text, locale, path, line, unit in in_data if (text, locale) in wrong]
    return problems


def plain_abbreviation_units(corpus: Corpus, known, names: tuple) -> dict:
    """The data texts' part of abbreviation_problems as it was: every language of every unit read."""
    found = {}
    for unit in corpus.text_units():
        for text, locale, (path, line) in ((unit.en, ENGLISH, unit.en_where), (unit.cy, WELSH, unit.cy_where)):
            for word in abbreviations.words(text or "", names):
                if not known.explains(word, locale):
                    found.setdefault((path, line, word, locale), unit.label)
    return found


def plain_freshness_problems(corpus: Corpus, store: Store) -> list:
    """freshness_problems as it was: fingerprints.freshness called for every unit."""
    problems = list(store.problems) + fingerprints.read_acknowledgements(corpus.root)[1]
    pairs = functools.cache(lambda: fingerprints.pairs_of(store))
    for unit in corpus.units():
        state = fingerprints.freshness(unit, store, pairs, corpus.fingerprint)
        if state.fresh or state.state == fingerprints.MISSING:
            continue
        problems.append(translation_checks.freshness_problem(corpus, unit, state))
    return problems


# --- The fingerprint file ---------------------------------------------------------------------

HEX12 = st.text("0123456789abcdef", min_size=12, max_size=12)
KEY = st.sampled_from(["content/cy/about.md#1", "data/interface.yml#title", "content/cy/my%20page.md#0", "data/a%25b.yml#x", "#0", "#comment-like"])
SPACE = st.sampled_from([" ", "  ", "\t", " \t "])
LINE = st.one_of(
    st.builds(lambda k, s, en, t, cy: f"{k}{s}en:{en}{t}cy:{cy}", KEY, SPACE, HEX12, SPACE, HEX12),
    st.builds(lambda k, en, cy, blocks, end: f"{k}  en:{en}  cy:{cy}  blocks:{','.join(blocks)}{end}", KEY, HEX12, HEX12, st.lists(st.text("0123456789abcdef", min_size=8, max_size=8), max_size=4), st.sampled_from(["", " ", "\t"])),
    st.sampled_from(["", "   ", "# a comment", "#", "# en:aaaaaaaaaaaa cy:bbbbbbbbbbbb", "<<<<<<< HEAD", "=======", ">>>>>>> theirs", "||||||| base", "not a line", "content/cy/about.md#9 en:zz cy:12", " content/cy/x.md#1  en:aaaaaaaaaaaa  cy:bbbbbbbbbbbb", "k  en:AAAAAAAAAAAA  cy:bbbbbbbbbbbb", "\x0b", "k en:aaaaaaaaaaaa cy:bbbbbbbbbbbb blocks:"]),
    st.text(max_size=30),
)


def same_store(fast: Store, plain: Store) -> None:
    assert list(fast.records) == list(plain.records)
    for key, record in fast.records.items():
        assert record == plain.records[key] and record.line == plain.records[key].line and vars(record) == vars(plain.records[key])
    assert [(p.line, p.message.startswith("a git merge conflict")) for p in fast.problems] == [(number, conflict) for number, conflict, _ in plain.problems]


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=25), st.sampled_from(["\n", "\r\n", "\r"]))
def test_the_fingerprint_file_is_read_as_the_plain_way_reads_it(tmp_path_factory, lines, newline):
    root = tmp_path_factory.mktemp("store")
    (root / "data").mkdir()
    (root / fingerprints.STORE_PATH).write_bytes(newline.join(lines).encode("utf-8"))
    same_store(Store.read(root), plain_store_read(root))


def test_the_real_fingerprint_file_is_read_as_the_plain_way_reads_it():
    fast = Store.read(ROOT)
    assert len(fast.records) > 700 and not fast.problems
    same_store(fast, plain_store_read(ROOT))


# --- The gate's rules over the data texts -----------------------------------------------------


@functools.lru_cache(maxsize=1)
def _real():
    """The real site's plan data and data/abbreviations.yml, read once for the tests of this file."""
    return plan_data.read(ROOT)[0], abbreviations.read(ROOT)[0]


WORDS = st.sampled_from([
    "", " ", "  \n", "The plan", "Y cynllun", "GP", "IMTP", "Ask My GP", "the XQZR said", "NHS Wales", "{population} people",
    "The cluster will work with the health board to improve care for patients.",
    "Bydd y clwstwr yn gweithio gyda'r bwrdd iechyd i wella gofal i gleifion.",
    "The  cluster will work with the health board to improve care for patients. ",
])
TEXT = st.builds(lambda a, b: (a + " " + b) if a and b else a or b, WORDS, WORDS)


def _corpus(pairs: list) -> Corpus:
    data, known = _real()
    made = []
    for index, (en, cy, path) in enumerate(pairs):
        where = texts.Where(path, index + 1, f"field[{index}]", index + 1 if index % 3 else None, index + 2 if index % 2 else None)
        made.append(texts.Text(en, cy, {}, where))
    return Corpus(ROOT, {}, made, list(data.glossary.same_in_both), [], known)


PAIRS = st.lists(st.tuples(
    st.one_of(TEXT, st.none()), st.one_of(TEXT, st.none()), st.sampled_from(["data/interface.yml", "data/plans/a-b/2024-25.yml", "data/plans/c/2020-21.yml"]),
).map(lambda t: (t[0], t[0] if t[1] == "same" else t[1], t[2])), max_size=12)


@settings(max_examples=150, deadline=None)
@given(PAIRS)
def test_the_text_units_data_problems_and_abbreviations_are_the_plain_ways(pairs):
    corpus = _corpus(pairs)
    assert corpus.text_units() == plain_text_units(corpus)
    assert [as_plain(p) for p in translation_checks.data_problems(corpus)] == plain_data_problems(corpus)
    names = tuple(sorted((name for name in corpus.same_in_both if " " in name.strip()), key=len, reverse=True))
    found = plain_abbreviation_units(corpus, corpus.abbreviations, names)
    assert [(p.path, p.line, re.match(r"'([^']*)'", p.message)[1], ENGLISH if " in English in " in p.message else WELSH) for p in translation_checks.abbreviation_problems(corpus, None)] == list(found)


@settings(max_examples=150, deadline=None)
@given(PAIRS, st.lists(st.tuples(st.integers(0, 11), st.booleans()), max_size=8))
def test_freshness_problems_are_the_plain_ways(pairs, recorded):
    """Each unit recorded with its English as it is, recorded with another English, or not at all."""
    corpus = _corpus(pairs)
    store = Store(ROOT)
    units = corpus.units()
    for index, current in recorded:
        if index < len(units):
            unit = units[index]
            store.records[unit.key] = Record(unit.en_fingerprint if current else fingerprints.fingerprint("Old English"), unit.cy_fingerprint)
    assert translation_checks.freshness_problems(corpus, store) == plain_freshness_problems(corpus, store)


@settings(max_examples=25, deadline=None)
@given(PAIRS)
def test_language_problems_are_the_plain_ways(pairs):
    corpus = _corpus(pairs)
    assert translation_checks.language_problems(corpus) == plain_language_problems(corpus)


def test_the_rules_are_the_plain_ways_on_the_real_site():
    data, known = _real()
    corpus = translation_checks.read_corpus(ROOT, data, known)
    store = Store.read(ROOT)
    assert corpus.text_units() == plain_text_units(corpus)
    assert [as_plain(p) for p in translation_checks.data_problems(corpus)] == plain_data_problems(corpus)
    assert translation_checks.language_problems(corpus) == plain_language_problems(corpus)
    assert translation_checks.freshness_problems(corpus, store) == plain_freshness_problems(corpus, store)
    # and with a copy of the fingerprint file whose every record says the English has changed
    stale = Store(ROOT, {key: Record(fingerprints.fingerprint("Old English"), record.cy, record.blocks, record.line) for key, record in store.records.items()})
    found = translation_checks.freshness_problems(corpus, stale)
    assert found == plain_freshness_problems(corpus, stale) and len(found) > 700


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["{", "}", "{population}", "://", "https://example.org/a", "www.", "www.gov.wales", "mailto:", "mailto:a@b.c", "http", ":", "/", "w", ".", " ", "Ask My GP", "NHS Wales", "GP", "the plan", "Y cynllun"]), max_size=12).map("".join))
def test_the_words_of_a_text_are_what_the_plain_substitutions_leave(text):
    """LanguageIdentifier.words applies a pattern only where its text could match: the same as applying each."""
    identifier = translation_checks.LanguageIdentifier(list(_real()[0].glossary.same_in_both))
    plain = translation_checks._URL.sub(" ", translation_checks._PLACEHOLDER.sub(" ", text))
    assert identifier.words(text) == identifier._names.sub(" ", plain)
