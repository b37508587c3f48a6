"""Abbreviations explained: data/abbreviations.yml, and each use marked <abbr title="full name">.

One list per language (en, cy): abbreviation -> its expansion in that language, with a source
note. `read(root)` reads and validates the file. `mark(html, entries)` wraps each use of a
listed abbreviation in a page's HTML in <abbr title="...">, which Material for MkDocs shows as
a tooltip (theme feature content.tooltips). `words(text)` finds the words a reader takes for an
abbreviation, for the translation gate's rule abbreviation-unexplained
(hooks/checks/translation_checks.py), which reports those with no expansion in their language.

Why the HTML and not Python-Markdown's abbr extension: most of a plan's page is made by the
block templates as HTML (tables, lists of the data's texts), which the extension never looks
inside, and its definitions would have to be added to every page's Markdown in its language.
Marking the HTML, as the English names are marked on Welsh pages (render.mark_english_names),
reaches every text the page shows, in both languages, from the one list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from hooks.model import schemas, strict_yaml
from hooks.rendering import html_text
from hooks.problems import ContentError

PATH = "data/abbreviations.yml"
SCHEMA = "abbreviations"

# A word a reader takes for an abbreviation: two capital letters or more, a lower-case letter
# allowed between or after them as in Welsh (CCLl, MALlC, BPRh, TADd), and an "s" after it for
# the plural (LSOAs: the abbreviation LSOA). Not inside a longer word, nor after a digit (4Cs).
# The look back comes after the first capital, over it ("[A-Z](?<![\w&#][A-Z])": the same test
# of the character before it), so that the engine goes straight to capitals rather than trying
# at every character of a text (as html_text.words_pattern does).
WORD = re.compile(r"([A-Z](?<![\w&#][A-Z])(?:[a-z]?[A-Z])+[a-z]?)(?![\w])")
# Roman numerals up to 39 (II, IV, XII): numbers, not abbreviations. Those with C, D, L or M are
# left out, since they are abbreviations too (CV, MD, DC).
ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")

# Never marked inside these: code, scripts, raw text, an existing <abbr>, drawings (an <abbr>
# is HTML, not SVG or MathML), form fields and the page's title.
SKIPPED = ("script", "style", "code", "pre", "kbd", "samp", "title", "textarea", "option", "abbr", "svg", "math")
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][\w:-]*)")
# The tags that may be one of SKIPPED (and others, <codex>, <pre-x>: _TAG_NAME decides).
_SKIPPED_TAG = html_text.tag_names(SKIPPED)

# What a text of the data or a page holds that is not prose: code, addresses, tags, placeholders.
# Each alternative begins with its own first character (the addresses' \S+ written out in each),
# so the engine goes straight to those characters.
_NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|https?://\S+|www\.\S+|mailto:\S+|<[^>]*>|\{[^{}]*\}")


@dataclass(frozen=True)
class Abbreviation:
    word: str
    expansion: str
    source: str
    lang: str | None = None  # "en" on a Welsh entry whose expansion is an English name


@dataclass
class Abbreviations:
    by_language: dict = field(default_factory=dict)  # locale -> {word: Abbreviation}
    not_abbreviations: dict = field(default_factory=dict)  # word -> why it is not one
    readable: bool = True  # False when the file has problems (those problems say what to fix)

    def entries(self, locale: str) -> dict:
        return self.by_language.get(locale, {})

    def explains(self, word: str, locale: str) -> bool:
        """Whether word, used in locale, has an expansion there (its plural too: LSOAs) or is no abbreviation."""
        listed = self.entries(locale)
        if word in listed or word in self.not_abbreviations or ROMAN.fullmatch(word):
            return True
        return word.endswith("s") and (word[:-1] in listed or word[:-1] in self.not_abbreviations)


def read(root: Path) -> tuple:
    """(Abbreviations, problems) of root's data/abbreviations.yml; with problems, an empty list that is not readable."""
    try:
        document = strict_yaml.read(Path(root) / PATH, PATH)
    except ContentError as error:
        return Abbreviations(readable=False), list(error.problems)
    if schemas.schema_file_problems(Path(root) / "data" / "schemas"):
        return Abbreviations(readable=False), []  # broken schemas judge nothing; the data's reading reports them
    problems = schemas.validate(document, SCHEMA)
    if problems:
        return Abbreviations(readable=False), problems
    data = document.data
    by_language = {
        locale: {word: Abbreviation(word, entry["expansion"], entry["source"], entry.get("lang")) for word, entry in (data.get(locale) or {}).items()}
        for locale in ("en", "cy")
    }
    return Abbreviations(by_language, dict(data.get("not_abbreviations") or {})), []


def words(text: str, names: tuple = ()) -> list:
    """The words of text a reader takes for abbreviations, in order; names (of several words, as
    "Ask My GP") are taken out first: an abbreviation inside a name is part of the name."""
    text = _NOT_PROSE.sub(" ", text)
    for name in names:
        text = text.replace(name, " ")
    return [match.group(1) for match in WORD.finditer(text)]


def mark(html: str, entries: dict) -> str:
    """html with each use of an abbreviation in entries ({word: Abbreviation}) wrapped in <abbr title="...">.

    Whole words only, case-sensitive, a plural "s" left after the element (<abbr>LSOA</abbr>s).
    Only text between tags is touched: never a tag or its attributes (so never a link's address),
    a character reference (&lt;), or the inside of code, scripts, drawings or an existing <abbr>.
    A page's pieces of text are found from its abbreviations (html_text.mark_pieces): the same
    marks as going over every tag, without the cost.
    """
    if not entries:
        return html
    return Marker(entries).mark(html)


class Marker:
    """The marking of one language's abbreviations, prepared once for all the pages that use it."""

    def __init__(self, entries: dict):
        self.entries = entries
        # A whole word: never after a letter, a digit, "&" or "#", nor before a letter or a digit
        # but a plural "s". Never "<", ">" or ";": a piece of text reads the same inside the page
        # (html_text's condition), so the pattern is also the search for the pieces to mark.
        self.pattern = html_text.words_pattern(entries, r"\w&#", r"(?=s?(?![\w]))")
        self.elements = {word: _element(word, entry) for word, entry in entries.items()}

    def mark(self, html: str) -> str:
        if not self.entries:
            return html
        return html_text.mark_pieces(html, self.pattern, self._mark_piece, _left_alone(html))

    def _mark_piece(self, piece: str) -> str:
        return self.pattern.sub(self._element_of, piece)

    def _element_of(self, match: re.Match) -> str:
        return self.elements[match.group(1)]


def _element(word: str, entry: Abbreviation) -> str:
    """The <abbr> of one use of word (the same for every use: made once per marker)."""
    lang = f' lang="{entry.lang}"' if entry.lang else ""
    return f'<abbr{lang} title="{escape(entry.expansion, quote=True)}">{word}</abbr>'


def _left_alone(html: str) -> list:
    """The stretches (start, end) of html inside an element never marked (SKIPPED), for
    html_text.mark_pieces: only the tags that may be one of them are read, each as before."""
    stretches, skipping, depth, opened = [], None, 0, 0
    for start, tag in html_text.tags(html, _SKIPPED_TAG):
        name = _TAG_NAME.match(tag)
        name = name.group(1).lower() if name else ""
        closing, self_closing = tag.startswith("</"), tag.endswith("/>")
        if skipping is None:
            if name in SKIPPED and not closing and not self_closing:
                skipping, depth, opened = name, 1, start
        elif name == skipping and not self_closing:
            depth += -1 if closing else 1
            if depth == 0:
                skipping = None
                stretches.append((opened, start + len(tag)))
    if skipping is not None:
        stretches.append((opened, len(html) + 1))
    return stretches
