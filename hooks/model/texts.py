"""Bilingual texts and the language-neutral figures inside them.

A text is written once in English and once in Welsh. A figure (an amount, a percentage, a
date) is written once, outside both, and each language's text names it with a placeholder:
`{population}`. So a figure can never differ between the two languages.

A Welsh text that quotes English marks each English phrase with double square brackets:
`ysgrifennir “[[Cluser]]” fel “[[Cluster]]”`. The page shows the phrase in a
<span lang="en"> (hooks/rendering/render.py, english_in_welsh), so a screen reader reads it in
English; every other output (render(): feeds, CSV, titles) shows the phrase without the marks.
A mark may hold a {placeholder}; marks are not nested, and an English text has none
(english_mark_problems says what is wrong with a text's marks).
"""

from __future__ import annotations

import datetime
import re
import string
from dataclasses import dataclass, field
from decimal import Decimal

from hooks.model import locales

FIGURE_KINDS = ("number", "percent", "money", "date", "month", "code")


@dataclass(frozen=True)
class Figure:
    kind: str
    value: object  # Decimal | int for numbers, datetime.date for days and months, str for codes

    @classmethod
    def from_data(cls, data) -> "Figure":
        if isinstance(data, (int, Decimal)) and not isinstance(data, bool):
            return cls("number", data)
        (kind, value), = data.items()
        if kind == "date":
            value = datetime.date.fromisoformat(value)
        elif kind == "month":
            value = datetime.date.fromisoformat(value + "-01")
        return cls(kind, value)

    def render(self, locale: str) -> str:
        """The figure written for one language (84.0 stays 84.0: a decimal keeps the places it was written with)."""
        if self.kind == "number":
            return locales.format_number(self.value, locale)
        if self.kind == "percent":
            return locales.format_percentage(self.value, locale)
        if self.kind == "money":
            return locales.format_money(self.value, locale)
        if self.kind == "date":
            return locales.format_day(self.value, locale)
        if self.kind == "month":
            return locales.format_month(self.value, locale)
        return str(self.value)  # a code, written as it is


def placeholders(template: str) -> list[str]:
    """The named placeholders of a text, in order: "{a} and {b}" -> ["a", "b"]."""
    if "{" not in template and "}" not in template:
        return []  # most texts: without a brace there is nothing to parse
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


@dataclass(frozen=True)
class Where:
    """Where a text was written: the file, its line, and the field path inside the file; and the
    lines of its `en:` and `cy:`, where a problem of one language points (the text's line when
    the reader has none)."""

    path: str
    line: int | None
    field: str
    en_line: int | None = None
    cy_line: int | None = None

    def line_of(self, locale: str) -> int | None:
        """The line of the text's `en:` or `cy:`."""
        line = self.en_line if locale == "en" else self.cy_line
        return self.line if line is None else line


@dataclass(frozen=True)
class Text:
    en: str
    cy: str
    figures: dict = field(default_factory=dict)  # placeholder name -> Figure
    where: Where | None = field(default=None, compare=False)

    def source(self, locale: str) -> str:
        """The text as written in one language, placeholders and all."""
        return self.en if locale == locales.ENGLISH else self.cy

    def render(self, locale: str) -> str:
        """The text in one language with its figures written for that language, English marks taken off."""
        written = self.as_written(locale)
        if written is not None:  # most texts
            return written
        return "".join(piece for piece, _ in self.parts(locale))

    def as_written(self, locale: str) -> str | None:
        """The text in one language when it is shown just as written (no figure, no brace, no
        English mark: most texts), else None."""
        template = self.en if locale == locales.ENGLISH else self.cy
        if self.figures or "{" in template or "}" in template or ENGLISH_OPEN in template:  # "}}" is a written }
            return None
        return template

    def parts(self, locale: str) -> list:
        """The rendered text as [(piece, is_english)]: the phrases a Welsh text marks [[English]] apart."""
        written = self.as_written(locale)
        if written is not None:
            return [(written, False)]
        template = self.source(locale)
        plain = not self.figures and "{" not in template and "}" not in template
        if not plain and locale == locales.WELSH:  # a noun after a figure takes the form that follows the number
            template = locales.counted_welsh(template, {name: f.value for name, f in self.figures.items() if f.kind == "number"})
        values = {name: figure.render(locale) for name, figure in self.figures.items()}
        pieces = english_pieces(template) if locale == locales.WELSH else [(template, False)]
        return [(piece if plain else piece.format_map(values), english) for piece, english in pieces if piece]

    def __str__(self) -> str:  # guard: a Text must be rendered for a locale, never stringified
        raise TypeError("a bilingual Text must be rendered for a locale: use text.render(locale)")


# --- English phrases in a Welsh text -------------------------------------------------------------

ENGLISH_OPEN, ENGLISH_CLOSE = "[[", "]]"
# What a text is read as, left to right: a written brace ({{ }}), a {placeholder} (kept whole, so
# that a mark never splits one), a mark's opening or closing.
_MARK_TOKEN = re.compile(r"\{\{|\}\}|\{[^{}]*\}|\[\[|\]\]")


@dataclass(frozen=True)
class MarkMistake:
    """What is wrong with a text's English marks: the kind, and a few words of the text where it is."""

    kind: str  # "unclosed", "unopened", "nested", "empty", "whole-text", "in-english"
    near: str


def _marks(template: str) -> list:
    """[(position, "open" or "close")] of a text's marks, placeholders skipped."""
    if ENGLISH_OPEN not in template and ENGLISH_CLOSE not in template:
        return []  # most texts: no [[ or ]] at all, so no mark
    found = []
    for match in _MARK_TOKEN.finditer(template):
        if match.group(0) == ENGLISH_OPEN:
            found.append((match.start(), "open"))
        elif match.group(0) == ENGLISH_CLOSE:
            found.append((match.start(), "close"))
    return found


def english_pieces(template: str) -> list:
    """A Welsh text as [(piece, is_english)], marks taken off. Never fails: a mark that does not
    pair (english_mark_problems reports it) is kept as written."""
    pieces, position, opened = [], 0, None
    for at, kind in _marks(template):
        if kind == "open" and opened is None:
            opened = at
        elif kind == "close" and opened is not None:
            pieces.append((template[position:opened], False))
            pieces.append((template[opened + len(ENGLISH_OPEN) : at], True))
            position, opened = at + len(ENGLISH_CLOSE), None
    pieces.append((template[position:], False))
    merged = []
    for piece, english in pieces:
        if merged and not english and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + piece, False)
        else:
            merged.append((piece, english))
    return merged


def _near(template: str, at: int) -> str:
    """A few words of the text from a position, to say where a mistake is."""
    excerpt = " ".join(template[at : at + 40].split())
    return excerpt + ("…" if len(template) > at + 40 else "")


def english_mark_problems(template: str, locale: str) -> list:
    """What is wrong with the English marks of one language's text, as [MarkMistake] (none: nothing)."""
    marks = _marks(template)
    if not marks:
        return []
    if locale != locales.WELSH:
        return [MarkMistake("in-english", _near(template, marks[0][0]))]
    mistakes, opened = [], None
    for at, kind in marks:
        if kind == "open":
            if opened is not None:
                mistakes.append(MarkMistake("nested", _near(template, opened)))
                return mistakes
            opened = at
        elif opened is None:
            mistakes.append(MarkMistake("unopened", _near(template, max(0, at - 30))))
            return mistakes
        else:
            if not template[opened + len(ENGLISH_OPEN) : at].strip():
                mistakes.append(MarkMistake("empty", _near(template, opened)))
            opened = None
    if opened is not None:
        mistakes.append(MarkMistake("unclosed", _near(template, opened)))
    elif not mistakes and not _has_letter_outside_marks(template, marks[0][0]):
        mistakes.append(MarkMistake("whole-text", _near(template, 0)))
    return mistakes


_LETTER = re.compile(r"[^\W\d_]")


def _has_letter_outside_marks(template: str, first_mark: int) -> bool:
    """Whether a Welsh text whose marks pair has a letter outside them and its placeholders (else
    the whole text is marked English).

    Most have one before their first mark and their first "{" (so outside every mark and every
    placeholder): found there at once. The others are read whole.
    """
    brace = template.find("{")
    if _LETTER.search(template, 0, first_mark if brace < 0 else min(first_mark, brace)):
        return True
    outside = "".join(piece for piece, english in english_pieces(_MARK_TOKEN.sub(_placeholder_out, template)) if not english)
    return _LETTER.search(outside) is not None


def _placeholder_out(match) -> str:
    """A placeholder says nothing of the text's language: taken out; a mark is kept."""
    token = match.group(0)
    return token if token in (ENGLISH_OPEN, ENGLISH_CLOSE) else " "
