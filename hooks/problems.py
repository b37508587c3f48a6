"""One problem type shared by the loader, the schema validation and the translation checks.

A problem says where (file, line, column), which rule, what is wrong and how to fix it, in
English (message, hint) and in Welsh (message_cy, hint_cy): under the Welsh Language Standards
staff who work in Welsh get their messages in Welsh. It is printed as text for people, as
annotations for GitHub, as JSON for tools (both languages), and as an MkDocs warning during a
build, in the language chosen: "en", "cy" or "both" (Welsh first, then English); the commands
take it from --language or from the environment variable PLAN_SITE_LANGUAGE (message_language).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field
from dataclasses import field as _field  # the class has a field named `field`

# The lists of the data files, each with the noun for one of its items: a problem's place is
# shown to people counted from 1 ("priority 2, goal") beside the exact place
# (priorities[1].goal, counted from 0 as in the schemas and the fingerprint keys).
ITEM_NOUNS = {
    "aims": "aim",
    "areas": "area",
    "as_stated": "figure kept as stated",
    "closing": "closing paragraph",
    "clusters": "cluster",
    "communication_and_engagement": "communication and engagement enabler",
    "corrected": "correction",
    "english_names": "English name",
    "finance": "finance line",
    "goals": "goal",
    "items": "item",
    "key_facts": "key fact",
    "left_out": "part left out",
    "lists": "list",
    "members": "member",
    "methods": "method",
    "notes": "note",
    "opportunities": "opportunity",
    "outcomes": "outcome",
    "paragraphs": "paragraph",
    "priorities": "priority",
    "projects": "project",
    "purpose_and_values": "purpose",
    "register": "register entry",
    "risks": "risk",
    "roles": "role",
    "same_in_both": "name",
    "source_notes": "note of the source",
    "statistics": "statistic",
    "strengths": "strength",
    "technological": "technological enabler",
    "terms": "term",
    "threats": "threat",
    "topics": "topic",
    "weaknesses": "weakness",
    "workforce": "workforce line",
    "written_out": "shorthand written out",
}
LANGUAGES = {"en": "the English", "cy": "the Welsh"}

# The same nouns in Welsh. The number follows the noun, and a numeral after its noun causes no
# mutation ("blaenoriaeth 2", "nod 3"). Where the Welsh reads better with the number inside the
# phrase, "{n}" marks its place ("cofnod 2 yn y gofrestr").
ITEM_NOUNS_CY = {
    "aims": "amcan",
    "areas": "maes",
    "as_stated": "ffigur {n} a gadwyd fel y'i nodwyd",
    "closing": "paragraff cloi",
    "clusters": "clwstwr",
    "communication_and_engagement": "galluogwr cyfathrebu ac ymgysylltu",
    "corrected": "cywiriad",
    "english_names": "enw Saesneg",
    "finance": "llinell {n} am gyllid",
    "goals": "nod",
    "items": "eitem",
    "key_facts": "ffaith allweddol",
    "left_out": "rhan {n} a hepgorwyd",
    "lists": "rhestr",
    "members": "aelod",
    "methods": "dull",
    "notes": "nodyn",
    "opportunities": "cyfle",
    "outcomes": "canlyniad",
    "paragraphs": "paragraff",
    "priorities": "blaenoriaeth",
    "projects": "prosiect",
    "purpose_and_values": "diben",
    "register": "cofnod {n} yn y gofrestr",
    "risks": "risg",
    "roles": "rôl",
    "same_in_both": "enw",
    "source_notes": "nodyn {n} gan y ffynhonnell",
    "statistics": "ystadegyn",
    "strengths": "cryfder",
    "technological": "galluogwr technolegol",
    "terms": "term",
    "threats": "bygythiad",
    "topics": "pwnc",
    "weaknesses": "gwendid",
    "workforce": "llinell {n} am y gweithlu",
    "written_out": "llaw-fer {n} a ysgrifennwyd yn llawn",
}
LANGUAGES_CY = {"en": "y Saesneg", "cy": "y Gymraeg"}

# The languages a problem can be shown in: English, Welsh, or both (Welsh first).
MESSAGE_LANGUAGES = ("en", "cy", "both")
LANGUAGE_VARIABLE = "PLAN_SITE_LANGUAGE"


def message_language(chosen: str | None = None) -> str:
    """The language of the messages: the one chosen (--language), else PLAN_SITE_LANGUAGE when it is "en", "cy" or "both", else "en"."""
    if chosen in MESSAGE_LANGUAGES:
        return chosen
    from_environment = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()
    return from_environment if from_environment in MESSAGE_LANGUAGES else "en"


def language_asked(argv: list | None) -> str | None:
    """The --language a command was given (argv, or sys.argv's), read before the rest so that a usage error is in that language."""
    import sys

    argv = list(sys.argv[1:] if argv is None else argv)
    for index, argument in enumerate(argv):
        if argument == "--language" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--language="):
            return argument.split("=", 1)[1]
    return None


def in_language(language: str, en: str, cy: str) -> str:
    """A command's own sentence (a summary, a usage error) in the language chosen: both gives the Welsh, then the English."""
    if language == "cy":
        return cy
    if language == "both":
        return f"{cy}\n{en}"
    return en


def _item_cy(noun: str, number: int) -> str:
    return noun.replace("{n}", str(number)) if "{n}" in noun else f"{noun} {number}"

_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def describe_field(place: str, language: str = "en") -> str:
    """A place in a data file as people count, from 1: 'plan.priorities[1].goal' -> 'plan, priority 2, goal'.

    A list without a noun in ITEM_NOUNS gives 'item 2 of <list>'; a list in a list, 'item 2'.
    In Welsh (language "cy"): 'plan, blaenoriaeth 2, goal' (the field's own name is kept: it is
    what the file says), 'eitem 2 o <list>', 'eitem 2'.
    """
    welsh = language == "cy"
    words: list = []
    previous = None  # the name just before, while it may still be a list's name
    for index, name in _PART.findall(place):
        if name:
            if previous is not None:
                words.append(previous)
            previous = name
            continue
        number = int(index) + 1
        if welsh:
            if previous is None:
                words.append(f"eitem {number}")
            elif previous in ITEM_NOUNS_CY:
                words.append(_item_cy(ITEM_NOUNS_CY[previous], number))
            else:
                words.append(f"eitem {number} o {previous}")
        elif previous is None:
            words.append(f"item {number}")
        elif previous in ITEM_NOUNS:
            words.append(f"{ITEM_NOUNS[previous]} {number}")
        else:
            words.append(f"item {number} of {previous}")
        previous = None
    if previous is not None:
        words.append((LANGUAGES_CY if welsh else LANGUAGES).get(previous, previous) if words else previous)
    return ", ".join(words)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    rule: str
    message: str
    hint: str = ""
    column: int | None = None
    field: str = field(default="", compare=False)
    # The same message and fix in Welsh; not compared, so that deduplication is unchanged. Empty
    # where a check does not give its Welsh yet: the English is shown then, said to be English.
    message_cy: str = _field(default="", compare=False)
    hint_cy: str = _field(default="", compare=False)

    def sort_key(self) -> tuple:
        """Problems in order of file, then line and column (a problem of the whole file first)."""
        return (self.path, self.line or 0, self.column or 0, self.rule, self.message, self.hint)

    def __lt__(self, other: "Problem") -> bool:
        return self.sort_key() < other.sort_key()

    def _where(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def _english(self) -> tuple:
        """(message, fix) in English, the place in the data beside the message."""
        return self.message + (f" (at {self.where_in_data()})" if self.field else ""), self.hint

    def _welsh(self) -> tuple:
        """(message, fix) in Welsh; where a check has no Welsh yet, its English, introduced as such."""
        if self.message_cy:
            message = self.message_cy
        else:
            message = f"(yn Saesneg yn unig) {self.message}"
        if self.field:
            message += f" (yn {self.where_in_data('cy')})"
        return message, self.hint_cy or (f"(yn Saesneg yn unig) {self.hint}" if self.hint else "")

    def as_text(self, language: str = "en") -> str:
        """`path:line: rule: message` and the fix below it, in English ("en"), Welsh ("cy") or both ("both": Welsh first)."""
        head = f"{self._where()}: {self.rule}: "
        english, fix = self._english()
        if language == "en":
            return head + english + (f"\n    fix: {fix}" if fix else "")
        welsh, fix_cy = self._welsh()
        text = head + welsh + (f"\n    i'w gywiro: {fix_cy}" if fix_cy else "")
        if language == "both":
            text += f"\n    English: {english}" + (f"\n    fix: {fix}" if fix else "")
        return text

    def as_github(self, language: str = "en") -> str:
        """A GitHub Actions annotation, its text in the language chosen (both: the Welsh, a blank line, the English)."""
        def escape(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        props = f"file={escape(self.path)}"
        if self.line:
            props += f",line={self.line}"
            if self.column:
                props += f",col={self.column}"
        props += f",title={escape(self.rule)}"
        english, fix = self._english()
        english += f" Fix: {fix}" if fix else ""
        if language == "en":
            body = english
        else:
            welsh, fix_cy = self._welsh()
            body = welsh + (f" I'w gywiro: {fix_cy}" if fix_cy else "")
            if language == "both":
                body += f"\n\nEnglish: {english}"
        return f"::error {props}::{escape(body)}"

    def where_in_data(self, language: str = "en") -> str:
        """The exact place (field), with the place counted from 1 beside it when it has a list's item."""
        if "[" not in self.field:
            return self.field
        return f"{self.field}: {describe_field(self.field, language)}"

    def as_dict(self) -> dict:
        return asdict(self)


class ContentError(Exception):
    """Raised when content cannot be used at all; carries the problems that say why."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.as_text() for p in self.problems))


def report_json(problems: list[Problem]) -> str:
    """Every problem with all its fields: the English (message, hint) and the Welsh (message_cy, hint_cy)."""
    return json.dumps(
        {"problems": [p.as_dict() for p in sorted(problems)], "count": len(problems)},
        ensure_ascii=False,
        indent=2,
    )
