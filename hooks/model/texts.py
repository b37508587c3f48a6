"""Bilingual texts and the language-neutral figures inside them.

A text is written once in English and once in Welsh. A figure (an amount, a percentage, a
date) is written once, outside both, and each language's text names it with a placeholder:
`{population}`. So a figure can never differ between the two languages.
"""

from __future__ import annotations

import datetime
import functools
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
        if self.kind not in _FORMATTED_KINDS:  # a code, written as it is
            return str(self.value)
        written = self.value.isoformat() if isinstance(self.value, datetime.date) else str(self.value)
        return _formatted(self.kind, type(self.value).__name__, written, locale)


@functools.lru_cache(maxsize=None)
def _formatted(kind: str, type_name: str, written: str, locale: str) -> str:
    """A figure written for one language, from the value as written (84.0 stays apart from 84).

    Remembered within the process: formatting is a pure function of these four, and Babel's
    formatting is the costliest step of rendering a plan.
    """
    if kind in ("date", "month"):
        day = datetime.date.fromisoformat(written)
        return locales.format_day(day, locale) if kind == "date" else locales.format_month(day, locale)
    value = {"int": int, "float": float}.get(type_name, Decimal)(written)
    if kind == "number":
        return locales.format_number(value, locale)
    if kind == "percent":
        return locales.format_percentage(value, locale)
    return locales.format_money(value, locale)


_FORMATTED_KINDS = ("number", "percent", "money", "date", "month")


def placeholders(template: str) -> list[str]:
    """The named placeholders of a text, in order: "{a} and {b}" -> ["a", "b"]."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


@dataclass(frozen=True)
class Where:
    """Where a text was written: the file, its line, and the field path inside the file."""

    path: str
    line: int | None
    field: str


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
        """The text in one language with its figures written for that language."""
        template = self.source(locale)
        if not self.figures and "{" not in template and "}" not in template:  # "}}" is a written }
            return template
        if locale == locales.WELSH:  # a noun after a figure takes the form that follows the number
            template = locales.counted_welsh(template, {name: f.value for name, f in self.figures.items() if f.kind == "number"})
        values = {name: figure.render(locale) for name, figure in self.figures.items()}
        return template.format_map(values)

    def __str__(self) -> str:  # guard: a Text must be rendered for a locale, never stringified
        raise TypeError("a bilingual Text must be rendered for a locale: use text.render(locale)")
