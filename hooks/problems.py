"""One problem type shared by the loader, the schema validation and the translation checks.

A problem says where (file, line, column), which rule, what is wrong and how to fix it.
It is printed as text for people, as annotations for GitHub, as JSON for tools, and as an
MkDocs warning during a build.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

# The lists of the data files, each with the noun for one of its items: a problem's place is
# shown to people counted from 1 ("priority 2, goal") beside the exact place
# (priorities[1].goal, counted from 0 as in the schemas and the fingerprint keys).
ITEM_NOUNS = {
    "aims": "aim",
    "areas": "area",
    "closing": "closing paragraph",
    "clusters": "cluster",
    "communication_and_engagement": "communication and engagement enabler",
    "english_names": "English name",
    "finance": "finance line",
    "goals": "goal",
    "items": "item",
    "key_facts": "key fact",
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
    "statistics": "statistic",
    "strengths": "strength",
    "technological": "technological enabler",
    "terms": "term",
    "threats": "threat",
    "topics": "topic",
    "weaknesses": "weakness",
    "workforce": "workforce line",
}
LANGUAGES = {"en": "the English", "cy": "the Welsh"}

_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def describe_field(place: str) -> str:
    """A place in a data file as people count, from 1: 'plan.priorities[1].goal' -> 'plan, priority 2, goal'.

    A list without a noun in ITEM_NOUNS gives 'item 2 of <list>'; a list in a list, 'item 2'.
    """
    words: list = []
    previous = None  # the name just before, while it may still be a list's name
    for index, name in _PART.findall(place):
        if name:
            if previous is not None:
                words.append(previous)
            previous = name
            continue
        number = int(index) + 1
        if previous is None:
            words.append(f"item {number}")
        elif previous in ITEM_NOUNS:
            words.append(f"{ITEM_NOUNS[previous]} {number}")
        else:
            words.append(f"item {number} of {previous}")
        previous = None
    if previous is not None:
        words.append(LANGUAGES.get(previous, previous) if words else previous)
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

    def sort_key(self) -> tuple:
        """Problems in order of file, then line and column (a problem of the whole file first)."""
        return (self.path, self.line or 0, self.column or 0, self.rule, self.message, self.hint)

    def __lt__(self, other: "Problem") -> bool:
        return self.sort_key() < other.sort_key()

    def as_text(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        text = f"{where}: {self.rule}: {self.message}"
        if self.field:
            text += f" (at {self.where_in_data()})"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text

    def as_github(self) -> str:
        def escape(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        props = f"file={escape(self.path)}"
        if self.line:
            props += f",line={self.line}"
            if self.column:
                props += f",col={self.column}"
        props += f",title={escape(self.rule)}"
        body = self.message + (f" (at {self.where_in_data()})" if self.field else "") + (f" Fix: {self.hint}" if self.hint else "")
        return f"::error {props}::{escape(body)}"

    def where_in_data(self) -> str:
        """The exact place (field), with the place counted from 1 beside it when it has a list's item."""
        if "[" not in self.field:
            return self.field
        return f"{self.field}: {describe_field(self.field)}"

    def as_dict(self) -> dict:
        return asdict(self)


class ContentError(Exception):
    """Raised when content cannot be used at all; carries the problems that say why."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.as_text() for p in self.problems))


def report_json(problems: list[Problem]) -> str:
    return json.dumps(
        {"problems": [p.as_dict() for p in sorted(problems)], "count": len(problems)},
        ensure_ascii=False,
        indent=2,
    )
