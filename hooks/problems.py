"""One problem type shared by the loader, the schema validation and the translation checks.

A problem says where (file, line, column), which rule, what is wrong and how to fix it.
It is printed as text for people, as annotations for GitHub, as JSON for tools, and as an
MkDocs warning during a build.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


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
            text += f" (at {self.field})"
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
        body = self.message + (f" Fix: {self.hint}" if self.hint else "")
        return f"::error {props}::{escape(body)}"

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
