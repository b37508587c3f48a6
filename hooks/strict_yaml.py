"""Strict YAML reading for content written by people, not programs.

Built on PyYAML's safe composer, but stricter than its safe loader:
- one document per file, a mapping at the top, string keys only, no duplicate keys;
- no tags (`!!python/...`, `!!binary`, ...) and no anchors or aliases;
- the YAML 1.1 traps are refused with a message that says how to write the value:
  yes/no/on/off (booleans in YAML 1.1), 0777 (octal), 12:30 (base 60), bare dates;
- decimals keep the digits as written (`84.0` stays `84.0`, `224786.00` keeps its pence):
  they are read as `decimal.Decimal`, never as binary floats;
- every value's line and column are kept, so later checks can say where a problem is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from hooks.problems import ContentError, Problem

MAX_BYTES = 2_000_000
MAX_DEPTH = 60

FieldPath = tuple  # of str keys and int list indexes


def format_field(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass
class Document:
    """A YAML file read strictly: its data, and where each value stands in the file."""

    path: str
    data: dict
    locations: dict = field(default_factory=dict)  # FieldPath -> (line, column), 1-based

    def line_of(self, path: FieldPath) -> int | None:
        """The line of a value, or of its nearest parent that has one."""
        path = tuple(path)
        while True:
            if path in self.locations:
                return self.locations[path][0]
            if not path:
                return None
            path = path[:-1]

    def column_of(self, path: FieldPath) -> int | None:
        location = self.locations.get(tuple(path))
        return location[1] if location else None


# --- Resolving plain scalars --------------------------------------------------------------

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_DECIMAL = re.compile(r"^[-+]?([0-9][0-9_]*\.[0-9]*|\.[0-9]+)$")
_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")

# YAML 1.1 surprises, each with its message and how to write it instead.
_TRAPS = [
    (
        re.compile(r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$"),
        "yaml-boolean-word",
        "'{value}' is read by YAML as a true/false value, not as text",
        'write it in quotes ("{value}") if you mean the word, or true/false if you mean yes or no',
    ),
    (
        re.compile(r"^[-+]?0[0-9_]+$"),
        "yaml-leading-zero",
        "'{value}' starts with 0, which YAML reads as an octal number",
        'write it in quotes ("{value}") if it is a code, or without the leading zero if it is a number',
    ),
    (
        re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$"),
        "yaml-base-60",
        "'{value}' is read by YAML as a base-60 number (like a time), not as text",
        'write it in quotes ("{value}")',
    ),
    (
        re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?$"),
        "yaml-bare-date",
        "'{value}' is read by YAML as a date object, not as text",
        'write dates in quotes, as "YYYY-MM-DD": "{value}"',
    ),
    (
        re.compile(r"^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$"),
        "yaml-special-number",
        "'{value}' is read by YAML as infinity or not-a-number",
        'write it in quotes ("{value}") if you mean text',
    ),
    (
        re.compile(r"^[-+]?[0-9][0-9_]*(\.[0-9_]*)?[eE][-+]?[0-9]+$"),
        "yaml-exponent",
        "'{value}' is read by YAML as a number in exponent notation",
        'write the number in full, or in quotes ("{value}") if it is a code',
    ),
]

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


class _Composer(yaml.SafeLoader):
    """PyYAML's safe loader used only to compose nodes; tags are checked by us."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _Refusal(
                event.start_mark,
                "yaml-alias",
                "anchors and aliases (*name) are not allowed in content files",
                "write the value out in full where it is needed",
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refusal(
                self.peek_event().start_mark,
                "yaml-too-deep",
                f"the data is nested more than {MAX_DEPTH} levels deep",
                "check the indentation: a content file never needs this much nesting",
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def resolve(self, kind, value, implicit):
        # Only plain scalars are resolved by content; quoted scalars are always text.
        if kind is ScalarNode and implicit[0]:
            return "plain"
        if kind is ScalarNode:
            return "tag:yaml.org,2002:str"
        if kind is MappingNode:
            return "tag:yaml.org,2002:map"
        return "tag:yaml.org,2002:seq"


class _Refusal(Exception):
    def __init__(self, mark, rule, message, hint):
        self.mark, self.rule, self.message, self.hint = mark, rule, message, hint


def _plain_scalar(node: ScalarNode):
    value = node.value
    if _NULL.match(value):
        return None
    if _BOOL.match(value):
        return value.lower() == "true"
    if _INT.match(value):
        return int(value.replace("_", ""))
    if _DECIMAL.match(value):
        return Decimal(value.replace("_", ""))
    for pattern, rule, message, hint in _TRAPS:
        if pattern.match(value):
            raise _Refusal(node.start_mark, rule, message.format(value=value), hint.format(value=value))
    return value


def _tagged_scalar(node: ScalarNode):
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    # An explicit standard tag like !!int: resolve as if plain, then check the kind.
    value = _plain_scalar(ScalarNode("plain", node.value, node.start_mark, node.end_mark))
    expected = {
        "tag:yaml.org,2002:int": int,
        "tag:yaml.org,2002:float": Decimal,
        "tag:yaml.org,2002:bool": bool,
        "tag:yaml.org,2002:null": type(None),
    }[node.tag]
    if expected is Decimal and isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if not isinstance(value, expected):
        raise _Refusal(node.start_mark, "yaml-tag", f"'{node.value}' does not match its tag {node.tag}", "remove the tag")
    return value


class _Builder:
    def __init__(self):
        self.locations: dict = {}

    def build(self, node, path: FieldPath):
        self.locations[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _ALLOWED_TAGS and node.tag != "plain":
            raise _Refusal(
                node.start_mark,
                "yaml-tag",
                f"the tag '{node.tag}' is not allowed in content files",
                "remove the tag (the text starting with !); write plain values only",
            )
        if isinstance(node, ScalarNode):
            return _plain_scalar(node) if node.tag == "plain" else _tagged_scalar(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        mapping: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or (key_node.tag == "plain" and key_node.value == "<<"):
                raise _Refusal(key_node.start_mark, "yaml-merge-key", "merge keys (<<) are not allowed", "write the keys out in full")
            if not isinstance(key_node, ScalarNode):
                raise _Refusal(key_node.start_mark, "yaml-key-type", "a key must be a plain name, not a list or mapping", "check the indentation and the colons")
            key = key_node.value if key_node.tag != "plain" else _plain_scalar(key_node)
            if not isinstance(key, str):
                raise _Refusal(
                    key_node.start_mark,
                    "yaml-key-type",
                    f"the key '{key_node.value}' is read as a {type(key).__name__}, not as a name",
                    f'write the key in quotes ("{key_node.value}")',
                )
            if key in mapping:
                first_line = self.locations[path + (key,)][0]
                raise _Refusal(
                    key_node.start_mark,
                    "yaml-duplicate-key",
                    f"the key '{key}' appears twice in the same mapping (first on line {first_line})",
                    "remove one of them; YAML would silently keep only the last",
                )
            mapping[key] = self.build(value_node, path + (key,))
            self.locations[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return mapping


def _problem(path: str, mark, rule: str, message: str, hint: str) -> Problem:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return Problem(path, line, rule, message, hint, column)


def _decode(path: str, raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise ContentError([Problem(path, None, "yaml-too-large", f"the file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}", "split it, or check it is the right file")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark, as some Windows editors write: harmless
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError([Problem(path, line, "yaml-encoding", "the file is not valid UTF-8 text", "save the file as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8)")]) from None


def parse(text: str, path: str) -> Document:
    """Read one YAML document from text; raise ContentError with one clear problem if it cannot be used."""
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise ContentError([Problem(path, number, "yaml-tab", "a tab is used for indentation", "indent with spaces only (two per level)", len(line) - len(stripped) + 1)])
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise ContentError([Problem(path, 1, "yaml-empty", "the file is empty", "add the data, or delete the file")])
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
        builder = _Builder()
        data = builder.build(node, ())
    except _Refusal as refusal:
        raise ContentError([_problem(path, refusal.mark, refusal.rule, refusal.message, refusal.hint)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or "the YAML cannot be read"
        hint = "check the indentation and quoting around this line"
        rule = "yaml-syntax"
        if "expected a single document" in str(error.context or "") or "but found another document" in message:
            rule, message, hint = "yaml-many-documents", "the file holds more than one YAML document (a line with ---)", "keep one document per file: remove the extra --- line"
        elif "mapping values are not allowed" in message:
            hint = "a value that contains ': ' must be written in quotes"
        elif "found character" in message and "\\t" in message:
            rule, hint = "yaml-tab", "indent with spaces only, never tabs"
        raise ContentError([_problem(path, mark, rule, message, hint)]) from None
    finally:
        composer.dispose()
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise ContentError([Problem(path, 1, "yaml-not-mapping", f"the file holds {kind}, but a mapping of named fields is expected", "start the file with the fields it needs, like 'kind: ...'")])
    return Document(path, data, builder.locations)


def read(file: Path, display_path: str | None = None) -> Document:
    path = display_path or str(file)
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise ContentError([Problem(path, None, "file-unreadable", f"the file cannot be read ({error.strerror})", "check that the file exists")]) from None
    return parse(_decode(path, raw), path)
