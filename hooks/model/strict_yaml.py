"""Strict YAML reading for content written by people, not programs.

Built on PyYAML's safe composer, but stricter than its safe loader:
- one document per file, a mapping at the top, string keys only, no duplicate keys;
- no tags (`!!python/...`, `!!binary`, ...) and no anchors or aliases;
- the YAML 1.1 traps are refused with a message that says how to write the value:
  yes/no/on/off (booleans in YAML 1.1), 0777 (octal), 12:30 (base 60), bare dates;
- decimals keep the digits as written (`84.0` stays `84.0`, `224786.00` keeps its pence):
  they are read as `decimal.Decimal`, never as binary floats;
- every value's line and column are kept, so later checks can say where a problem is;
- whatever the input (empty, not UTF-8, control characters, huge, deeply nested, not YAML at
  all), the result is a Document or a ContentError with one clear problem: never another
  exception, never a hang. PyYAML's own syntax messages are translated into plain words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import yaml
from yaml.events import (
    AliasEvent, DocumentEndEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
    ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent, StreamStartEvent,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from hooks.problems import ContentError, Problem

try:
    from yaml._yaml import CParser as _CParser  # libyaml's parser, when PyYAML was built with it
except ImportError:  # pragma: no cover - the pinned PyYAML wheels all have it
    _CParser = None

# Limits far above any real content file (the largest plan is about 140 kB, 3,000 values),
# low enough that reading never takes more than a few seconds.
MAX_BYTES = 1_000_000
MAX_DEPTH = 60
MAX_VALUES = 50_000
MAX_DIGITS = 30

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

    def location_of(self, path: FieldPath) -> tuple:
        """(line, column) of a value, or of its nearest parent that has one; (None, None) if none."""
        path = tuple(path)
        while path not in self.locations:
            if not path:
                return None, None
            path = path[:-1]
        return self.locations[path]


# --- Resolving plain scalars --------------------------------------------------------------

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_DECIMAL = re.compile(r"^[-+]?([0-9][0-9_]*\.[0-9]*|\.[0-9]+)$")
_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")

# YAML 1.1 surprises, each with its message and how to write it instead, in English and in Welsh.
_TRAPS = [
    (
        re.compile(r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$"),
        "yaml-boolean-word",
        "'{value}' is read by YAML as a true/false value, not as text",
        'write it in quotes ("{value}") if you mean the word, or true/false if you mean yes or no',
        "mae YAML yn darllen '{value}' fel gwerth gwir/gau (true/false), nid fel testun",
        'rhowch ef rhwng dyfynodau ("{value}") os mai\'r gair a olygir, neu true/false os mai ie neu na a olygir',
    ),
    (
        re.compile(r"^[-+]?0[0-9_]+$"),
        "yaml-leading-zero",
        "'{value}' starts with 0, which YAML reads as an octal number",
        'write it in quotes ("{value}") if it is a code, or without the leading zero if it is a number',
        "mae '{value}' yn dechrau â 0, ac felly mae YAML yn ei ddarllen fel rhif wythol (octal)",
        'rhowch ef rhwng dyfynodau ("{value}") os cod ydyw, neu ysgrifennwch ef heb y sero ar y dechrau os rhif ydyw',
    ),
    (
        re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$"),
        "yaml-base-60",
        "'{value}' is read by YAML as a base-60 number (like a time), not as text",
        'write it in quotes ("{value}")',
        "mae YAML yn darllen '{value}' fel rhif yn seiliedig ar 60 (fel amser), nid fel testun",
        'rhowch ef rhwng dyfynodau ("{value}")',
    ),
    (
        re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?$"),
        "yaml-bare-date",
        "'{value}' is read by YAML as a date object, not as text",
        'write dates in quotes, as "YYYY-MM-DD": "{value}"',
        "mae YAML yn darllen '{value}' fel dyddiad o fath arbennig, nid fel testun",
        'rhowch ddyddiadau rhwng dyfynodau, ar y ffurf "BBBB-MM-DD": "{value}"',
    ),
    (
        re.compile(r"^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$"),
        "yaml-special-number",
        "'{value}' is read by YAML as infinity or not-a-number",
        'write it in quotes ("{value}") if you mean text',
        "mae YAML yn darllen '{value}' fel anfeidredd neu fel rhywbeth nad yw'n rhif",
        'rhowch ef rhwng dyfynodau ("{value}") os testun a olygir',
    ),
    (
        re.compile(r"^[-+]?[0-9][0-9_]*(\.[0-9_]*)?[eE][-+]?[0-9]+$"),
        "yaml-exponent",
        "'{value}' is read by YAML as a number in exponent notation",
        'write the number in full, or in quotes ("{value}") if it is a code',
        "mae YAML yn darllen '{value}' fel rhif mewn nodiant esbonyddol",
        'ysgrifennwch y rhif yn llawn, neu rhowch ef rhwng dyfynodau ("{value}") os cod ydyw',
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


def _resolve(kind, value, implicit) -> str:
    """Only plain scalars are resolved by content (later, by _plain_scalar); quoted ones are text."""
    if kind is ScalarNode and implicit[0]:
        return "plain"
    if kind is ScalarNode:
        return "tag:yaml.org,2002:str"
    if kind is MappingNode:
        return "tag:yaml.org,2002:map"
    return "tag:yaml.org,2002:seq"


class _Composer(yaml.SafeLoader):
    """PyYAML's safe loader used only to compose nodes; tags are checked by us."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._values = 0

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _Refusal(
                event.start_mark,
                "yaml-alias",
                "anchors and aliases (*name) are not allowed in content files",
                "write the value out in full where it is needed",
                "ni chaniateir angorau ac arallenwau (*enw) mewn ffeiliau cynnwys",
                "ysgrifennwch y gwerth yn llawn ym mhob man lle mae ei angen",
            )
        self._values += 1
        if self._values > MAX_VALUES:
            raise _Refusal(
                self.peek_event().start_mark,
                "yaml-too-many-values",
                f"the file holds more than {MAX_VALUES:,} values",
                "split it, or check it is the right file: a plan has a few thousand values",
                f"mae mwy na {MAX_VALUES:,} o werthoedd yn y ffeil",
                "rhannwch hi, neu gwnewch yn siŵr mai hon yw'r ffeil gywir: ychydig filoedd o werthoedd sydd mewn cynllun",
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refusal(
                self.peek_event().start_mark,
                "yaml-too-deep",
                f"the data is nested more than {MAX_DEPTH} levels deep",
                "check the indentation: a content file never needs this much nesting",
                f"mae'r data wedi'i nythu'n ddyfnach na {MAX_DEPTH} lefel",
                "gwiriwch y mewnoliad: nid oes angen nythu mor ddwfn â hyn byth yn ffeiliau'r cynnwys",
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    resolve = staticmethod(lambda kind, value, implicit: _resolve(kind, value, implicit))


def _as_written(tag: str) -> str:
    """A tag as people write it: tag:yaml.org,2002:python/name -> !!python/name."""
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


class _Trap(NamedTuple):
    """A plain value YAML would read as something else than it seems, and how to write it."""

    rule: str
    message: str
    hint: str
    message_cy: str
    hint_cy: str


class _Refusal(Exception):
    def __init__(self, mark, rule, message, hint, message_cy, hint_cy):
        self.mark, self.rule, self.message, self.hint = mark, rule, message, hint
        self.message_cy, self.hint_cy = message_cy, hint_cy


# The first characters of every number and trap above except the words (null, true, yes, ...,
# at most five letters, or six with the line break $ allows before the end).
_NUMBER_STARTS = frozenset("+-.0123456789")


def _read_plain(value: str):
    """What a plain (unquoted) scalar means: its value, or the _Trap it falls into.

    Most values are texts that no pattern above can match, as their first character and length
    tell: longer than any word YAML reads otherwise, and not starting as a number does. They are
    returned at once (tests/test_strict_yaml_fast.py checks this against every pattern).
    """
    if len(value) > 6 and value[0] not in _NUMBER_STARTS:
        return value
    return _read_plain_carefully(value)


@functools.lru_cache(maxsize=8192)
def _read_plain_carefully(value: str):
    """_read_plain by every pattern. Cached: the same keys and words ("en", "cy", "text", ...) recur thousands of times."""
    if _NULL.match(value):
        return None
    if _BOOL.match(value):
        return value.lower() == "true"
    if (_INT.match(value) or _DECIMAL.match(value)) and sum(c.isdigit() for c in value) > MAX_DIGITS:
        shown = value if len(value) <= 40 else value[:40] + "…"
        return _Trap(
            "yaml-number-too-long",
            f"'{shown}' is a number of more than {MAX_DIGITS} digits",
            "write it in quotes if it is a code or a reference; a figure is never this long",
            f"mae '{shown}' yn rhif o fwy na {MAX_DIGITS} digid",
            "rhowch ef rhwng dyfynodau os cod neu gyfeirnod ydyw; nid yw ffigur byth mor hir â hyn",
        )
    if _INT.match(value):
        return int(value.replace("_", ""))
    if _DECIMAL.match(value):
        return Decimal(value.replace("_", ""))
    for pattern, rule, message, hint, message_cy, hint_cy in _TRAPS:
        if pattern.match(value):
            return _Trap(rule, message.format(value=value), hint.format(value=value), message_cy.format(value=value), hint_cy.format(value=value))
    return value


def _plain_scalar(node: ScalarNode):
    meaning = _read_plain(node.value)
    if isinstance(meaning, _Trap):
        raise _Refusal(node.start_mark, meaning.rule, meaning.message, meaning.hint, meaning.message_cy, meaning.hint_cy)
    return meaning


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
        raise _Refusal(
            node.start_mark, "yaml-tag", f"'{node.value}' does not match its tag {_as_written(node.tag)}", "remove the tag (the text starting with !)",
            f"nid yw '{node.value}' yn cyfateb i'w dag {_as_written(node.tag)}", "tynnwch y tag (y testun sy'n dechrau â'r nod !)",
        )
    return value


# Control characters other than tab and line breaks: invisible, and some (STX, ETX) have a
# meaning to Markdown. A file cannot hold them as they are; "\x02"-style escapes are refused here.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _refuse_control_characters(node: ScalarNode) -> None:
    found = _CONTROL.search(node.value)
    if found:
        raise _Refusal(
            node.start_mark,
            "yaml-control-character",
            f"the text holds an invisible control character (U+{ord(found.group()):04X}), written as an escape code",
            "remove the escape code (a backslash and letters or digits) from the text",
            f"mae nod rheoli anweledig (U+{ord(found.group()):04X}) yn y testun, wedi'i ysgrifennu fel cod dianc",
            "tynnwch y cod dianc (slaes ôl a llythrennau neu ddigidau) o'r testun",
        )


_KIND_NAMES = {int: "a number", Decimal: "a number", bool: "a true/false value", type(None): "nothing (null)"}
_KIND_NAMES_CY = {int: "rhif", Decimal: "rhif", bool: "gwerth gwir/gau", type(None): "dim byd (null)"}  # after "fel": no mutation


class _Builder:
    def __init__(self):
        self.locations: dict = {}

    def build(self, node, path: FieldPath):
        self.locations[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            _refuse_control_characters(node)
        if node.tag not in _ALLOWED_TAGS and node.tag != "plain":
            raise _Refusal(
                node.start_mark,
                "yaml-tag",
                f"the tag '{_as_written(node.tag)}' is not allowed in content files",
                "remove the tag (the text starting with !); write plain values only",
                f"ni chaniateir y tag '{_as_written(node.tag)}' mewn ffeiliau cynnwys",
                "tynnwch y tag (y testun sy'n dechrau â'r nod !); ysgrifennwch werthoedd plaen yn unig",
            )
        if isinstance(node, ScalarNode):
            return _plain_scalar(node) if node.tag == "plain" else _tagged_scalar(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        mapping: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or (key_node.tag == "plain" and key_node.value == "<<"):
                raise _Refusal(
                    key_node.start_mark, "yaml-merge-key", "merge keys (<<) are not allowed", "write the keys out in full",
                    "ni chaniateir cyfuno meysydd â << (merge keys)", "ysgrifennwch bob maes yn llawn",
                )
            if not isinstance(key_node, ScalarNode):
                raise _Refusal(
                    key_node.start_mark, "yaml-key-type", "a key must be a plain name, not a list or mapping", "check the indentation and the colons",
                    "rhaid i enw maes fod yn enw plaen, nid yn rhestr nac yn set o feysydd", "gwiriwch y mewnoliad a'r colonau",
                )
            key = key_node.value if key_node.tag != "plain" else _plain_scalar(key_node)
            if key is None and not key_node.value.strip("~"):
                raise _Refusal(
                    key_node.start_mark, "yaml-key-empty", "a field has no name before its ':'", "write the field's name before the colon, or remove the colon",
                    "mae maes heb enw cyn ei ':'", "ysgrifennwch enw'r maes cyn y colon, neu tynnwch y colon",
                )
            if not isinstance(key, str):
                raise _Refusal(
                    key_node.start_mark,
                    "yaml-key-type",
                    f"the key '{key_node.value}' is read as {_KIND_NAMES.get(type(key), 'a value')}, not as a name",
                    f'write the key in quotes ("{key_node.value}")',
                    f"darllenir enw'r maes '{key_node.value}' fel {_KIND_NAMES_CY.get(type(key), 'gwerth')}, nid fel enw",
                    f'rhowch enw\'r maes rhwng dyfynodau ("{key_node.value}")',
                )
            if key in mapping:
                first_line = self.locations[path + (key,)][0]
                raise _Refusal(
                    key_node.start_mark,
                    "yaml-duplicate-key",
                    f"the key '{key}' appears twice in the same mapping (first on line {first_line})",
                    "remove one of them; YAML would silently keep only the last",
                    f"mae'r maes '{key}' yn ymddangos ddwywaith yn yr un set o feysydd (y tro cyntaf ar linell {first_line})",
                    "tynnwch un ohonynt; byddai YAML yn cadw'r olaf yn unig, heb ddweud dim",
                )
            mapping[key] = self.build(value_node, path + (key,))
            self.locations[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return mapping


def _problem(path: str, mark, rule: str, message: str, hint: str, message_cy: str, hint_cy: str) -> Problem:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return Problem(path, line, rule, message, hint, column, message_cy=message_cy, hint_cy=hint_cy)


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks YAML counts


# A line holding more than blanks and a comment: after the start of the text or a line break,
# blanks (\s: the characters str.strip() removes), then something else than a #.
_DATA_LINE = re.compile(r"(?:^|(?<=[\r\n\x85\u2028\u2029]))\s*[^\s#]")


def _lines(text: str) -> list:
    return _LINE_BREAK.split(text)


def _line_and_column(text: str, position: int) -> tuple:
    before = _lines(text[:position])
    return len(before), len(before[-1]) + 1


_UNITS_CY = {"bytes": "beit", "characters": "nod"}  # after a numeral, the singular


def _too_large(path: str, size: int, unit: str) -> ContentError:
    return ContentError([Problem(
        path, None, "yaml-too-large", f"the file is {size:,} {unit}; the limit is {MAX_BYTES:,}", "split it, or check it is the right file: a plan is a few hundred kB at most",
        message_cy=f"mae'r ffeil yn {size:,} {_UNITS_CY.get(unit, unit)}; y terfyn yw {MAX_BYTES:,}",
        hint_cy="rhannwch hi, neu gwnewch yn siŵr mai hon yw'r ffeil gywir: ychydig gannoedd o kB ar y mwyaf yw cynllun",
    )])


def _decode(path: str, raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise _too_large(path, len(raw), "bytes")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark, as some Windows editors write: harmless
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError([Problem(
            path, 1, "yaml-encoding", "the file is saved as UTF-16, not as UTF-8 text", "save the file as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8)", 1,
            message_cy="mae'r ffeil wedi'i chadw fel UTF-16, nid fel testun UTF-8",
            hint_cy="cadwch y ffeil fel UTF-8 (yn VS Code: 'Save with Encoding' > UTF-8)",
        )])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, error.start) + 1: error.start].decode("utf-8", "replace")) + 1
        byte = raw[error.start]
        raise ContentError([Problem(
            path, line, "yaml-encoding",
            f"the file is not valid UTF-8 text (byte 0x{byte:02X}; it may be saved as Windows-1252 or Latin-1)",
            "save the file as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8), then check the accented letters on this line",
            column,
            message_cy=f"nid yw'r ffeil yn destun UTF-8 dilys (beit 0x{byte:02X}; efallai ei bod wedi'i chadw fel Windows-1252 neu Latin-1)",
            hint_cy="cadwch y ffeil fel UTF-8 (yn VS Code: 'Save with Encoding' > UTF-8), yna gwiriwch y llythrennau ag acenion ar y llinell hon",
        )]) from None


_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")


def _thousands_separator_problem(path: str, lines: list, refusal: _Refusal) -> Problem | None:
    """A number written with thousands separators inside { } or [ ] (31,088), which YAML splits
    at the comma into two values (31 and 088): said as what it is, at the number, or None."""
    if refusal.rule not in ("yaml-leading-zero", "yaml-key-type") or refusal.mark is None or refusal.mark.line >= len(lines):
        return None
    line, column = lines[refusal.mark.line], refusal.mark.column
    before = re.search(r"[-+]?[0-9][0-9,]*,$", line[:column])
    if before is None:
        return None
    written = (before[0] + re.match(r"[0-9,.]*", line[column:])[0]).rstrip(",.")
    if not _THOUSANDS.fullmatch(written):
        return None
    return Problem(
        path, refusal.mark.line + 1, "yaml-thousands-separator",
        f"'{written}' is a number written with thousands separators: YAML reads the commas as separating values",
        f"write the number without thousands separators: {written.replace(',', '')}; if a text is meant, put it in quotes (\"{written}\")",
        before.start() + 1,
        message_cy=f"mae '{written}' yn rhif wedi'i ysgrifennu gyda choma rhwng y miloedd: mae YAML yn darllen y comas fel rhai sy'n gwahanu gwerthoedd",
        hint_cy=f"ysgrifennwch y rhif heb gomas rhwng y miloedd: {written.replace(',', '')}; os testun a olygir, rhowch ef rhwng dyfynodau (\"{written}\")",
    )


def _line_without_colon(mark) -> int | None:
    """When YAML finds a ': ' it cannot use at mark because the field just above it lacks its colon
    ("en Hello" then "cy: Helo" at the same indentation: YAML reads "en Hello cy" as one text), the
    (0-based) line lacking it; else None."""
    if mark is None or mark.buffer is None:
        return None
    lines = _lines(mark.buffer.rstrip("\0"))
    if mark.line >= len(lines):
        return None
    indent = len(re.match(r"[ ]*(?:-[ ]+)*", lines[mark.line])[0])
    found = None
    for number in range(mark.line - 1, -1, -1):
        line = lines[number]
        start = re.match(r"[ ]*(?:-[ ]+)*", line)[0]
        text = line[len(start):].strip()
        if len(start) != indent or not text or text.startswith(("#", "'", '"', "[", "{", "|", ">")) or ": " in text or text.endswith(":"):
            break
        found = number
        if "-" in start:
            break  # the first line of a list's item
    return found


def _after_closing_quote(mark) -> bool:
    """Whether the text just before mark (on its line) ends with a quote: 'it's' or "a" b."""
    if mark is None or mark.buffer is None:
        return False
    before = mark.buffer[max(0, mark.pointer - mark.column): mark.pointer].rstrip(" ")
    return before.endswith(("'", '"'))


def _syntax_problem(path: str, error: yaml.MarkedYAMLError) -> Problem:
    """PyYAML's syntax error, said in words a content editor knows, at the most useful place."""
    mark = error.problem_mark or error.context_mark
    problem = error.problem or ""
    context = error.context or ""
    if "expected a single document" in context or "but found another document" in problem:
        return _problem(
            path, mark, "yaml-many-documents", "the file holds more than one YAML document (a line with ---)", "keep one document per file: remove the extra --- line",
            "mae mwy nag un ddogfen YAML yn y ffeil (llinell â ---)", "cadwch un ddogfen ym mhob ffeil: tynnwch y llinell --- ychwanegol",
        )
    if "quoted scalar" in context and "end of stream" in problem:
        return _problem(
            path, error.context_mark or mark, "yaml-unclosed-quote", "this quoted text has no closing quote", "end the text with the quote it starts with; inside '...' write an apostrophe twice (''), or use \"...\" instead",
            "mae'r testun hwn yn agor â dyfynnod, ond nid yw'n cau", "gorffennwch y testun â'r un dyfynnod ag y mae'n dechrau ag ef; y tu mewn i '...' ysgrifennwch gollnod ddwywaith (''), neu defnyddiwch \"...\" yn lle hynny",
        )
    if "unknown escape character" in problem or "expected escape sequence" in problem:
        return _problem(
            path, mark, "yaml-escape", "a backslash (\\) inside \"...\" starts an escape code, and this one is not valid", "write a backslash twice (\\\\), or put the text in single quotes '...'",
            "mae slaes ôl (\\) y tu mewn i \"...\" yn dechrau cod dianc, ac nid yw'r cod hwn yn ddilys", "ysgrifennwch y slaes ôl ddwywaith (\\\\), neu rhowch y testun rhwng dyfynodau sengl '...'",
        )
    if _after_closing_quote(error.problem_mark) and ("expected <block end>" in problem or "expected ',' or" in problem):
        return _problem(
            path, mark, "yaml-text-after-quote", "more text follows the closing quote of a quoted text", "check the quotes on this line and the lines above: a text opens and closes with the same quote; an apostrophe inside '...' is written twice (''), or put the text in \"...\"",
            "mae rhagor o destun ar ôl y dyfynnod sy'n cau testun", "gwiriwch y dyfynodau ar y llinell hon a'r llinellau uwch ei phen: mae testun yn agor ac yn cau â'r un dyfynnod; mae collnod y tu mewn i '...' yn cael ei ysgrifennu ddwywaith (''), neu rhowch y testun rhwng \"...\"",
        )
    if ("expected ',' or ']'" in problem or "expected ',' or '}'" in problem) and error.context_mark:
        return _problem(
            path, error.context_mark, "yaml-unclosed-bracket", "a [ ] list or { } mapping that starts here is not closed", "add the closing ] or }; if the bracket is part of a text, put the whole text in quotes",
            "nid yw'r rhestr [ ] neu'r set { } o feysydd sy'n dechrau yma yn cau", "ychwanegwch y ] neu'r } sy'n cau; os yw'r cromfach yn rhan o destun, rhowch y testun cyfan rhwng dyfynodau",
        )
    if "cannot start any token" in problem:
        if "'\\t'" in problem:
            return _problem(
                path, mark, "yaml-tab", "a tab character is used where YAML does not allow one", "use spaces, never tabs",
                "mae nod tab wedi'i ddefnyddio lle nad yw YAML yn caniatáu un", "defnyddiwch fylchau bob amser, nid tabiau",
            )
        character = problem.split("'")[1] if problem.count("'") >= 2 else "?"
        return _problem(
            path, mark, "yaml-reserved-character", f"a value cannot start with '{character}' in YAML", f"put the whole value in quotes: \"{character}...\"",
            f"ni all gwerth ddechrau â '{character}' yn YAML", f"rhowch y gwerth cyfan rhwng dyfynodau: \"{character}...\"",
        )
    if "mapping values are not allowed" in problem:
        missing = _line_without_colon(error.problem_mark)
        if missing is not None:
            line = _lines(mark.buffer)[missing]
            return Problem(
                path, missing + 1, "yaml-missing-colon", "this line is not a 'name: value' field", "add ': ' after the field's name; if the line continues a text, put the whole text in quotes", len(re.match(r"[ ]*(?:-[ ]+)*", line)[0]) + 1,
                message_cy=_MISSING_COLON_CY, hint_cy=_MISSING_COLON_HINT_CY,
            )
        return _problem(
            path, mark, "yaml-colon", "a ': ' here is read as the start of a new field", "a text that contains ': ' must be written in quotes; otherwise check the indentation of this line and the one before",
            "mae ': ' yma yn cael ei ddarllen fel dechrau maes newydd", "rhaid rhoi testun sy'n cynnwys ': ' rhwng dyfynodau; fel arall, gwiriwch fewnoliad y llinell hon a'r llinell o'i blaen",
        )
    if "could not find expected ':'" in problem:
        return _problem(
            path, error.context_mark or mark, "yaml-missing-colon", "this line is not a 'name: value' field", "add ': ' after the field's name; if the line continues a text, put the whole text in quotes",
            _MISSING_COLON_CY, _MISSING_COLON_HINT_CY,
        )
    if "expected <block end>" in problem or "did not find expected key" in problem or "did not find expected '-'" in problem:
        return _problem(
            path, mark, "yaml-indentation", "the indentation or quoting here does not fit the lines above", "line up the fields of one mapping at the same column, with spaces; a text that contains a quote goes in the other kind of quotes (\"it's\")",
            "nid yw'r mewnoliad neu'r dyfynodau yma yn cyd-fynd â'r llinellau uwchben", "rhowch holl feysydd un set yn yr un golofn, gyda bylchau; mae testun sy'n cynnwys dyfynnod yn mynd rhwng y math arall o ddyfynodau (\"mae'r\")",
        )
    # PyYAML's own words are English: the Welsh says so.
    return _problem(
        path, mark, "yaml-syntax", f"the YAML cannot be read here ({problem or context or 'syntax error'})", "check the indentation and quoting around this line",
        f"ni ellir darllen y YAML yma (yng ngeiriau PyYAML, yn Saesneg: {problem or context or 'syntax error'})", "gwiriwch y mewnoliad a'r dyfynodau o gwmpas y llinell hon",
    )


_MISSING_COLON_CY = "nid yw'r llinell hon yn faes ar y ffurf 'enw: gwerth'"
_MISSING_COLON_HINT_CY = "ychwanegwch ': ' ar ôl enw'r maes; os yw'r llinell yn parhau testun, rhowch y testun cyfan rhwng dyfynodau"


# Brackets bound how deeply flow collections nest; indentation bounds block nesting within the
# size limit. Under this many, libyaml's parser is known to be safe.
_FAST_MAX_BRACKETS = 5000


class _Doubt(Exception):
    """The fast reader met something it leaves to the careful reader (_Composer), whose messages people see."""


_SCALAR_TAGS = {"tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null")}


class _EventBuilder:
    """The data and locations _Builder makes, built straight from libyaml's events, with no nodes.

    Only what the careful reader would accept in the same way is built here: plain or quoted
    scalars without tags or anchors, mappings and sequences without tags or anchors, within
    MAX_DEPTH and MAX_VALUES (counted as _Composer counts them, keys included). On anything else
    (an alias, an anchor, a tag, a refused value or key, a second document) it raises _Doubt.
    """

    def __init__(self, parser):
        self.next_event = parser.get_event
        self.locations: dict = {}
        self.values = 0

    def document(self):
        if type(self.next_event()) is not StreamStartEvent or type(self.next_event()) is not DocumentStartEvent:
            raise _Doubt
        data = self.value(self.next_event(), (), 1)
        if type(self.next_event()) is not DocumentEndEvent or type(self.next_event()) is not StreamEndEvent:
            raise _Doubt
        return data

    def _count(self, event, depth: int) -> None:
        self.values += 1
        if depth > MAX_DEPTH or self.values > MAX_VALUES or getattr(event, "anchor", None) is not None:
            raise _Doubt

    def value(self, event, path: FieldPath, depth: int):
        self._count(event, depth)  # an AliasEvent has an anchor: refused here
        mark = event.start_mark
        self.locations[path] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is ScalarEvent:
            _refuse_control_characters(event)
            if event.tag is None:
                return _plain_scalar(event) if event.implicit[0] else event.value
            if event.tag in _SCALAR_TAGS:  # !!str, !!int, ... as _Builder reads them
                return _tagged_scalar(event)
            raise _Doubt
        if getattr(event, "tag", None) is not None:
            raise _Doubt
        if kind is SequenceStartEvent:
            items: list = []
            event = self.next_event()
            while type(event) is not SequenceEndEvent:
                items.append(self.value(event, path + (len(items),), depth + 1))
                event = self.next_event()
            return items
        if kind is not MappingStartEvent:
            raise _Doubt
        mapping: dict = {}
        event = self.next_event()
        while type(event) is not MappingEndEvent:
            self._count(event, depth + 1)
            if type(event) is not ScalarEvent or event.tag is not None:
                raise _Doubt
            if event.implicit[0]:
                key = _read_plain(event.value)
                if event.value == "<<" or not isinstance(key, str):
                    raise _Doubt
            else:
                key = event.value
            if key in mapping:
                raise _Doubt
            key_mark = event.start_mark
            mapping[key] = self.value(self.next_event(), path + (key,), depth + 1)
            self.locations[path + (key,)] = (key_mark.line + 1, key_mark.column + 1)
            event = self.next_event()
        return mapping


def _compose_fast(text: str):
    """(data, locations) read with libyaml's C parser, or None when the careful reader must decide."""
    if _CParser is None or text.count("[") + text.count("{") > _FAST_MAX_BRACKETS:
        return None
    builder = _EventBuilder(_CParser(text))
    try:
        data = builder.document()
    except (_Doubt, _Refusal, yaml.YAMLError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    return data, builder.locations


# --- The line reader: the plain YAML content files are written in, read a line at a time --------

# Characters after which the line reader leaves a file to the readers above: those libyaml's
# reader refuses or counts as a line break (\r, \x85, \u2028, \u2029), tabs, a byte-order mark
# inside the text, and the control characters _refuse_control_characters refuses.
_LINE_READER_DOUBTS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
# Every line, as (indentation, "- " or "", a field's name or "", the rest): a field's name is a
# word followed by a colon and a space or the end of the line.
_LINE = re.compile(r"^( *)(- +)?(?:([A-Za-z_][A-Za-z0-9_-]{0,100}):(?: +|$))?(.*)$", re.MULTILINE)
# What cannot start a plain value: a space and YAML's indicators (a minus only before a digit or a point: -5, -.5).
_NOT_PLAIN_START = frozenset(" -?:,[]{}#&*!|>'\"%@`")
_TAG = re.compile(r"!!(str|int|float|bool|null) +")
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
# A plain value in { } or [ ]: a word or a number, nothing that could mean more (no : # , [ ] { } quotes or spaces).
_FLOW_PLAIN = re.compile(r"[A-Za-z0-9_.+/][A-Za-z0-9_.+/-]*|-[0-9.][A-Za-z0-9_.+/-]*")
_FLOW_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,100}): +")


class _LineReader:
    """The data and locations _EventBuilder makes, for the plain YAML people write, read line by line.

    libyaml's events cost more than all the rest of reading a plan; content files use a small
    part of YAML, in which a line says what it is by its indentation and first characters. This
    reader takes only that part: block mappings of word keys, block sequences (indented or not),
    one-line plain, single- and double-quoted values (no backslash), one-line { } and [ ] of
    plain or quoted values, standard scalar tags (!!float '1'), comments and blank lines. On
    anything else (a line it does not know, a value over more than one line, an anchor, a
    repeated key, a value _read_plain refuses, a character libyaml might read otherwise) it
    raises _Doubt, and the readers above decide, with their messages.
    tests/test_strict_yaml_fast.py compares it with _EventBuilder on every data file, the
    corpora of mistakes and mutated files.
    """

    def __init__(self, text: str):
        self.text = text
        self.lines = None
        self.locations: dict = {}
        self.keys = 0
        # (location, column, is a "- ", key or "", rest) of each line that holds something: location is
        # the (line number, 1-based column) where the entry's key or value starts, as locations keeps it
        # (None for a "- ": its item has its own); column is 0-based; "- key: value" gives two entries.
        self.entries: list = []
        append = self.entries.append
        for number, (indent, dash, key, rest) in enumerate(_LINE.findall(text), 1):
            column = len(indent)
            if dash:
                if not key and (not rest or rest[0] == "#"):
                    raise _Doubt  # a bare "-": its item is on the lines below
                append((None, column, True, "", None))
                column += len(dash)
                append(((number, column + 1), column, False, key, rest))
            elif key or (rest and rest[0] != "#"):
                append(((number, column + 1), column, False, key, rest))

    def document(self) -> dict:
        entries = self.entries
        if not entries or entries[0][1] != 0 or entries[0][2] or not entries[0][3]:
            raise _Doubt
        self.locations[()] = (entries[0][0][0], 1)
        data, end = self.mapping(0, 0, (), 1)
        if end != len(entries):
            raise _Doubt
        # Values (keys included) counted, and nesting measured, as _EventBuilder does: a value at path p is len(p) + 1 deep.
        if len(self.locations) + self.keys > MAX_VALUES or max(map(len, self.locations)) + 1 > MAX_DEPTH:
            raise _Doubt
        return data

    def mapping(self, index: int, indent: int, path: FieldPath, depth: int) -> tuple:
        """(the block mapping whose keys start at column indent, from entry index; the entry after it)."""
        if depth > MAX_DEPTH:
            raise _Doubt
        entries, locations, mapping = self.entries, self.locations, {}
        count = len(entries)
        while index < count:
            location, column, _, key, rest = entries[index]
            if column != indent:
                if column < indent:
                    break
                raise _Doubt
            # A "- " at the keys' column (no key): a list only follows "key:".
            if not key or key in mapping or not _is_name(key):
                raise _Doubt
            key_path = path + (key,)
            locations[key_path] = location
            index += 1
            if rest and rest[0] != "#":
                mapping[key] = self.inline(rest, location[0], key_path, depth + 1)
            elif index == count:
                mapping[key] = None  # "key:" with nothing after it, at the end of the file
            else:
                _, below, dash, _, _ = entries[index]
                if below > indent:
                    mapping[key], index = self.block(index, key_path, depth + 1)
                elif below == indent and dash:
                    mapping[key], index = self.sequence(index, indent, key_path, depth + 1, indentless=True)
                else:
                    mapping[key] = None  # "key:" with nothing after it
        self.keys += len(mapping)  # each key once: a repeated key is refused above
        return mapping, index

    def block(self, index: int, path: FieldPath, depth: int) -> tuple:
        """(the mapping or sequence starting at entry index, on the lines below its key; the entry after it)."""
        _, column, dash, key, _ = self.entries[index]
        if dash:
            return self.sequence(index, column, path, depth, indentless=False)
        if not key:
            raise _Doubt  # a value on the line below its key
        return self.mapping(index, column, path, depth)

    def sequence(self, index: int, indent: int, path: FieldPath, depth: int, indentless: bool) -> tuple:
        """(the block sequence whose "- " are at column indent, from entry index; the entry after it)."""
        if depth > MAX_DEPTH:
            raise _Doubt
        entries, locations, items = self.entries, self.locations, []
        count = len(entries)
        while index < count:
            _, column, dash, _, _ = entries[index]
            if column < indent or (column == indent and not dash and indentless):
                break
            if column != indent or not dash:
                raise _Doubt
            location, column, _, key, rest = entries[index + 1]  # the item, on the same line
            item_path = path + (len(items),)
            locations[item_path] = location
            if key:
                item, index = self.mapping(index + 1, column, item_path, depth + 1)
                items.append(item)
            else:
                items.append(self.inline(rest, location[0], item_path, depth + 1))
                index += 2
        return items, index

    def inline(self, rest: str, number: int, path: FieldPath, depth: int):
        """The value written at the end of a line (rest: from its first character to the line's end)."""
        first = rest[0]
        if first == '"' or first == "'":
            # Most quoted values: the line ends at the closing quote, with no escape (\) or doubled
            # quote ('') inside; _written_scalar reads the others.
            end = rest.find(first, 1)
            if end == len(rest) - 1 and (first == "'" or rest.find("\\", 1, end) < 0):
                return rest[1:end]
        elif first not in _NOT_PLAIN_START:  # a plain value, read to the end of the line as _written_scalar reads it
            written = rest.rstrip(" ")
            if ": " in written or written[-1] == ":" or " #" in written:
                raise _Doubt
            meaning = _read_plain(written)
            if isinstance(meaning, _Trap):
                raise _Doubt
            return meaning
        if first == "{" or first == "[":
            value, end = self.flow(rest, number, path, depth)
        else:
            value, end = _line_scalar(rest, 0, flow=False)
        if end < len(rest) and not (rest[end] == " " and (not rest[end:].strip(" ") or rest[end:].lstrip(" ")[0] == "#")):
            raise _Doubt  # more than spaces or a comment after the value
        return value

    def flow(self, rest: str, number: int, path: FieldPath, depth: int) -> tuple:
        """(a one-line { } mapping or [ ] list of scalars, the position after it in rest)."""
        if depth + 1 > MAX_DEPTH:
            raise _Doubt
        if self.lines is None:
            self.lines = self.text.split("\n")  # only for the columns of what is inside { } and [ ]
        line = self.lines[number - 1]
        offset = len(line) - len(rest)
        closing = "}" if rest[0] == "{" else "]"
        collection: dict | list = {} if closing == "}" else []
        at = _after_spaces(rest, 1)
        while at < len(rest) and (rest[at] != closing or collection):
            if collection:
                if rest[at] == closing:
                    break
                if rest[at] != ",":
                    raise _Doubt
                at = _after_spaces(rest, at + 1)  # an item must follow a comma
            if closing == "]":
                item_path = path + (len(collection),)
                self.locations[item_path] = (number, offset + at + 1)
                item, at = _line_scalar(rest, at, flow=True)
                collection.append(item)
            else:
                found = _FLOW_KEY.match(rest, at)
                if found is None:
                    raise _Doubt
                key = found.group(1)
                if key in collection or not _is_name(key):
                    raise _Doubt
                self.keys += 1
                self.locations[path + (key,)] = (number, offset + at + 1)
                collection[key], at = _line_scalar(rest, found.end(), flow=True)
            at = _after_spaces(rest, at)
        if at >= len(rest):
            raise _Doubt  # not closed on this line
        return collection, at + 1


@functools.lru_cache(maxsize=1024)
def _is_name(key: str) -> bool:
    """Whether a plain key is read as a name (not as null, a number, true or a trap). Cached: the same keys recur in every text."""
    return isinstance(_read_plain(key), str)


def _after_spaces(text: str, at: int) -> int:
    while at < len(text) and text[at] == " ":
        at += 1
    return at


def _line_scalar(rest: str, start: int, flow: bool) -> tuple:
    """(a scalar's value, the position after it) written in rest from start, as _EventBuilder reads it; _Doubt if unsure."""
    if rest.startswith("!", start):
        tag = _TAG.match(rest, start)
        if tag is None:
            raise _Doubt
        written, end, _ = _written_scalar(rest, tag.end(), flow)
        try:  # quoted or not, a tagged value is read as _tagged_scalar reads it
            return _tagged_scalar(_TaggedScalar("tag:yaml.org,2002:" + tag.group(1), written)), end
        except _Refusal:
            raise _Doubt from None
    written, end, quoted = _written_scalar(rest, start, flow)
    if quoted:
        return written, end
    meaning = _read_plain(written)
    if isinstance(meaning, _Trap):
        raise _Doubt
    return meaning, end


def _written_scalar(rest: str, start: int, flow: bool) -> tuple:
    """(a scalar's text, the position after it, whether it is quoted), written in rest from start; _Doubt if unsure."""
    first = rest[start] if start < len(rest) else ""
    if first == '"':
        end = rest.find('"', start + 1)
        if end < 0 or "\\" in rest[start:end]:
            raise _Doubt  # over more than one line, or an escape code
        return rest[start + 1:end], end + 1, True
    if first == "'":
        found = _SINGLE_QUOTED.match(rest, start)
        if found is None:
            raise _Doubt  # over more than one line
        return found.group(1).replace("''", "'"), found.end(), True
    if flow:
        found = _FLOW_PLAIN.match(rest, start)
        if found is None:
            raise _Doubt
        return found.group(), found.end(), False
    if not first or (first in _NOT_PLAIN_START and not (first == "-" and rest[start + 1:start + 2] in _AFTER_PLAIN_MINUS)):
        raise _Doubt
    written = rest[start:].rstrip(" ")
    if ": " in written or written[-1] == ":" or " #" in written:
        raise _Doubt
    return written, len(rest), False


_AFTER_PLAIN_MINUS = frozenset("0123456789.")


class _TaggedScalar(NamedTuple):
    """A tagged scalar as _tagged_scalar reads it (the marks serve only its messages, which the line reader never gives)."""

    tag: str
    value: str
    start_mark: object = None
    end_mark: object = None


def _compose_lines(text: str):
    """(data, locations) read by the line reader, or None when the readers above must decide."""
    if _LINE_READER_DOUBTS.search(text):
        return None
    try:
        reader = _LineReader(text)
        return reader.document(), reader.locations
    except _Doubt:
        return None


def parse(text: str, path: str) -> Document:
    """Read one YAML document from text; raise ContentError with one clear problem if it cannot be used."""
    if len(text) > MAX_BYTES:
        raise _too_large(path, len(text), "characters")
    text = text.removeprefix("\ufeff")
    if "\t" in text:
        for number, line in enumerate(_lines(text), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise ContentError([Problem(
                    path, number, "yaml-tab", "a tab is used for indentation", "indent with spaces only (two per level)", len(line) - len(stripped) + 1,
                    message_cy="mae tab wedi'i ddefnyddio i fewnoli", hint_cy="mewnolwch â bylchau yn unig (dau fwlch i bob lefel)",
                )])
    if not _DATA_LINE.search(text):
        raise ContentError([Problem(
            path, 1, "yaml-empty", "the file is empty", "add the data, or delete the file",
            message_cy="mae'r ffeil yn wag", hint_cy="ychwanegwch y data, neu dilëwch y ffeil",
        )])
    fast = _compose_lines(text) or _compose_fast(text)
    if fast is not None:
        return Document(path, *fast)
    composer = None
    try:
        composer = _Composer(text)
        node = composer.get_single_node()
        if node is None:
            raise ContentError([Problem(
                path, 1, "yaml-empty", "the file holds no data", "add the data, or delete the file",
                message_cy="nid oes data yn y ffeil", hint_cy="ychwanegwch y data, neu dilëwch y ffeil",
            )])
        builder = _Builder()
        data = builder.build(node, ())
    except _Refusal as refusal:
        raise ContentError([_thousands_separator_problem(path, _lines(text), refusal) or _problem(path, refusal.mark, refusal.rule, refusal.message, refusal.hint, refusal.message_cy, refusal.hint_cy)]) from None
    except yaml.reader.ReaderError as error:
        line, column = _line_and_column(text, error.position)
        raise ContentError([Problem(
            path, line, "yaml-control-character",
            f"the file contains an invisible control character (U+{error.character:04X})",
            "delete it: it often comes with text copied from a PDF or a Word document (retype the text around it)",
            column,
            message_cy=f"mae nod rheoli anweledig (U+{error.character:04X}) yn y ffeil",
            hint_cy="dilëwch ef: mae'n aml yn dod gyda thestun a gopïwyd o PDF neu o ddogfen Word (teipiwch y testun o'i gwmpas eto)",
        )]) from None
    except yaml.MarkedYAMLError as error:
        raise ContentError([_syntax_problem(path, error)]) from None
    except yaml.YAMLError as error:  # any other reading error PyYAML has
        raise ContentError([Problem(
            path, None, "yaml-syntax", f"the YAML cannot be read ({error})", "check the file's indentation and quoting",
            message_cy=f"ni ellir darllen y YAML (yng ngeiriau PyYAML, yn Saesneg: {error})", hint_cy="gwiriwch fewnoliad a dyfynodau'r ffeil",
        )]) from None
    finally:
        if composer is not None:
            composer.dispose()
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        kind_cy = "rhestr" if isinstance(data, list) else "un gwerth yn unig"
        line, column = builder.locations[()]
        raise ContentError([Problem(
            path, line, "yaml-not-mapping", f"the file holds {kind}, but a mapping of named fields is expected", "start the file with the fields it needs, like 'kind: ...', each at the start of its line", column,
            message_cy=f"mae {kind_cy} yn y ffeil, ond disgwylir set o feysydd ag enwau",
            hint_cy="dechreuwch y ffeil gyda'r meysydd sydd eu hangen arni, fel 'kind: ...', pob un ar ddechrau ei linell",
        )])
    return Document(path, data, builder.locations)


def read(file: Path, display_path: str | None = None) -> Document:
    path = display_path or str(file)
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise ContentError([Problem(
            path, None, "file-unreadable", f"the file cannot be read ({error.strerror})", "check that the file exists",
            message_cy=f"ni ellir darllen y ffeil (neges y system, yn Saesneg: {error.strerror})", hint_cy="gwiriwch fod y ffeil yn bodoli",
        )]) from None
    return parse(_decode(path, raw), path)
