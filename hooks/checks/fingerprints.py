"""Freshness: which English source each Welsh translation was made from.

Every translated unit (a section of a page, or one bilingual text in data/) has a key and
a fingerprint of its normalised English source. When a translation is marked up to date,
the English fingerprint is recorded in the fingerprint file, with the Welsh fingerprint
beside it. Later, if the English no longer matches what was recorded, the translation is
stale. Nothing here reads git: the fingerprint file is a plain file in the repository, so
freshness survives tarballs, rebases and squashes.

A unit also counts as up to date when its exact pair of English and Welsh was recorded under
another key of the same file: so inserting or reordering a text in both languages at once
(which shifts the keys of the ones after it) does not make them stale.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from hooks import files
from hooks.problems import Problem

STORE_PATH = "data/translation-fingerprints.txt"

STORE_HEADER = """\
# Translation fingerprints: the English each Welsh translation was made from.
#
# Written by `python -m hooks.translations mark-fresh` and `... import`; do not edit by hand.
# The translation checks (`python -m hooks.check`, and every `mkdocs build`) compare these
# with the current English: a Welsh section or text whose English has changed since is stale.
#
# One line per translated unit, sorted by key:
#   KEY  en:ENGLISH  cy:WELSH  [blocks:B1,B2,...]
# KEY is where the translation is: a Welsh page and the number of its section
#   (content/cy/about.md#2: the second heading's section; #0 is the top of the page, above
#   the first heading), or a data file and the field of a text
#   (data/interface.yml#financial_year).
# ENGLISH and WELSH are the first 12 hex digits of the SHA-256 of the text with its
# whitespace collapsed (Unicode NFC). For a page section, B1,B2,... fingerprint each block
# of the English section (8 hex digits), so a stale section can say which block changed.
# A space in a key is written %20, and a % as %25.
#
# After a merge conflict in this file, keep the lines of both sides (or delete them all)
# and run `python -m hooks.translations mark-fresh --all` once the translations are checked.
"""

_LINE = re.compile(r"^(?P<key>\S+)\s+en:(?P<en>[0-9a-f]{12})\s+cy:(?P<cy>[0-9a-f]{12})(?:\s+blocks:(?P<blocks>[0-9a-f]{8}(?:,[0-9a-f]{8})*)?)?\s*$")


# --- Fingerprints -----------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text as compared: Unicode NFC, whitespace runs collapsed to one space, ends trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fingerprint(text: str, length: int = 12) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:length]


def block_fingerprint(text: str) -> str:
    return fingerprint(text, 8)


# --- Translated units -------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One block of a page section (a heading, a paragraph, a list, a table, ...), for naming what changed."""

    kind: str
    line: int
    text: str


@dataclass
class Unit:
    """One thing translated as a whole: a section of a page, or a bilingual text in data/.

    en is the English source (None if the English is missing); cy the Welsh (None if missing).
    """

    key: str  # where the translation is: "content/cy/about.md#2" or "data/interface.yml#financial_year"
    kind: str  # "section" or "text"
    group: str  # what the status report lists it under: a page ("about.md") or a data file
    label: str  # for people: "section 2 'Welsh language statement'" or "introduction.paragraphs[0]"
    en: str | None
    cy: str | None
    en_where: tuple  # (path, line) of the English
    cy_where: tuple  # (path, line) of the Welsh, or where it belongs
    blocks: tuple = ()  # of Block, for a page section

    @property
    def file(self) -> str:
        return self.key.split("#", 1)[0]

    @property
    def en_fingerprint(self) -> str:
        return fingerprint(self.en or "")

    @property
    def cy_fingerprint(self) -> str:
        return fingerprint(self.cy or "")

    @property
    def block_fingerprints(self) -> tuple:
        return tuple(block_fingerprint(block.text) for block in self.blocks)


# --- The fingerprint file ---------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    en: str
    cy: str
    blocks: tuple = ()
    line: int | None = field(default=None, compare=False)


def _encode_key(key: str) -> str:
    return key.replace("%", "%25").replace(" ", "%20")


def _decode_key(key: str) -> str:
    return key.replace("%20", " ").replace("%25", "%")


@dataclass
class Store:
    """The fingerprint file, read into a mapping of key -> Record."""

    root: Path
    records: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.root / STORE_PATH

    @classmethod
    def read(cls, root: Path) -> "Store":
        store = cls(Path(root))
        try:
            text = store.path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            return store
        except (OSError, UnicodeDecodeError) as error:
            store.problems.append(Problem(STORE_PATH, None, "fingerprint-file", f"the fingerprint file cannot be read ({error})", "restore it from git, or run: python -m hooks.translations mark-fresh --all"))
            return store
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            match = _LINE.match(line)
            if match is None:
                conflict = line.startswith(("<<<<<<<", "=======", ">>>>>>>", "|||||||"))
                store.problems.append(
                    Problem(
                        STORE_PATH,
                        number,
                        "fingerprint-file",
                        "a git merge conflict marker is left in the fingerprint file" if conflict else "this line is not a fingerprint line (KEY en:HEX cy:HEX)",
                        "keep the fingerprint lines of both sides and delete the marker lines" if conflict else "restore the line from git, or delete it and run: python -m hooks.translations mark-fresh FILE",
                    )
                )
                continue
            key = _decode_key(match["key"])
            blocks = tuple(match["blocks"].split(",")) if match["blocks"] else ()
            store.records[key] = Record(match["en"], match["cy"], blocks, number)
        return store

    def record(self, unit: Unit) -> None:
        """Record a unit's current English and Welsh as up to date."""
        self.records[unit.key] = Record(unit.en_fingerprint, unit.cy_fingerprint, unit.block_fingerprints)

    def forget(self, key: str) -> None:
        self.records.pop(key, None)

    def keys_of(self, file: str) -> list:
        return [key for key in self.records if key.split("#", 1)[0] == file]

    def text(self) -> str:
        lines = [STORE_HEADER]
        for key in sorted(self.records, key=_sort_key):
            record = self.records[key]
            line = f"{_encode_key(key)}  en:{record.en}  cy:{record.cy}"
            if record.blocks:
                line += "  blocks:" + ",".join(record.blocks)
            lines.append(line + "\n")
        return "".join(lines)

    def write(self) -> None:
        """Write the whole file at once (a temporary file, then os.replace): never half-written."""
        files.replace(self.path, self.text())


def _sort_key(key: str) -> tuple:
    """Keys in file order, and sections and list items in numeric order (#10 after #9)."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", key))


# --- Freshness --------------------------------------------------------------------------------

UP_TO_DATE = "up to date"
STALE = "stale"
NOT_RECORDED = "not recorded"
MISSING = "missing"


@dataclass(frozen=True)
class Freshness:
    state: str  # UP_TO_DATE, STALE, NOT_RECORDED or MISSING
    changes: tuple = ()  # for a stale section: what changed in the English, for people

    @property
    def fresh(self) -> bool:
        return self.state == UP_TO_DATE


def freshness(unit: Unit, store: Store, pairs: dict | None = None) -> Freshness:
    """Whether a unit's Welsh is up to date with its English.

    pairs: (file, en fingerprint, cy fingerprint) -> key, from pairs_of(store); pass it when
    checking many units, so it is built once.
    """
    if unit.cy is None or not unit.cy.strip():
        return Freshness(MISSING)
    if unit.en is None:
        return Freshness(UP_TO_DATE)  # nothing to be translated from: the page rules report it
    record = store.records.get(unit.key)
    en = unit.en_fingerprint
    if record is not None and record.en == en:
        return Freshness(UP_TO_DATE)
    if pairs is None:
        pairs = pairs_of(store)
    if (unit.file, en, unit.cy_fingerprint) in pairs:
        return Freshness(UP_TO_DATE)  # the same English and Welsh, recorded under another key of the file
    if record is None:
        return Freshness(NOT_RECORDED)
    return Freshness(STALE, describe_changes(unit, record))


def pairs_of(store: Store) -> dict:
    return {(key.split("#", 1)[0], record.en, record.cy): key for key, record in store.records.items()}


def describe_changes(unit: Unit, record: Record) -> tuple:
    """What changed in a stale section's English, block by block: ("the paragraph at line 12 changed", ...)."""
    if not unit.blocks or not record.blocks:
        return ()
    now = unit.block_fingerprints
    changes = []
    matcher = difflib.SequenceMatcher(a=record.blocks, b=now, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        new_blocks = unit.blocks[new_start:new_end]
        if operation == "delete":
            after = unit.blocks[new_start - 1].line if new_start else None
            count = old_end - old_start
            what = f"{count} block{'s were' if count > 1 else ' was'} removed"
            changes.append(what + (f" after line {after}" if after else " at the start"))
            continue
        verb = "changed" if operation == "replace" else "added"
        for block in new_blocks:
            changes.append(f"the {block.kind} at line {block.line} {'was ' + verb if verb == 'added' else verb}")
        if operation == "replace" and (old_end - old_start) > (new_end - new_start):
            extra = (old_end - old_start) - (new_end - new_start)
            changes.append(f"{extra} block{'s were' if extra > 1 else ' was'} removed")
    return tuple(changes)
