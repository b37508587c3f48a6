"""Block markers: the one definition of how a page asks for a block of plan data.

A marker is an HTML comment, invisible wherever the hooks do not run (GitHub's preview, an
editor's preview): `<!-- plan:action-plan upper-valleys/2022-23 -->`, `<!-- plan:clusters -->`.
hooks/rendering/render.py replaces each with its block; the translation gate compares them between the
languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = re.compile(r"<!--\s*plan:(?P<name>[A-Za-z0-9_-]*)(?P<args>[^>]*?)\s*-->")


@dataclass(frozen=True)
class Marker:
    name: str
    args: list
    line: int
    text: str


def find_markers(markdown: str) -> list:
    markers = []
    for match in MARKER.finditer(markdown):
        line = markdown.count("\n", 0, match.start()) + 1
        markers.append(Marker(match["name"], match["args"].split(), line, match.group(0)))
    return markers
