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
from hooks.commands import command, suggest
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


def _mark_fresh_the_file_of(line: str) -> str:
    """The command that records again the file a broken fingerprint line was about, if it names one."""
    named = re.match(r"((?:content/cy/\S+\.md|data/\S+\.yml))#", line)
    if named:
        return suggest("hooks.translations", "mark-fresh", _decode_key(named[1]))
    return f"{command('hooks.translations', 'mark-fresh')} FILE, where FILE is the Welsh page or data file the line was about"


def _mark_fresh_the_file_of_cy(line: str) -> str:
    """The same command, said in Welsh where the file is not known."""
    named = re.match(r"((?:content/cy/\S+\.md|data/\S+\.yml))#", line)
    if named:
        return suggest("hooks.translations", "mark-fresh", _decode_key(named[1]), language="cy")
    return f"{command('hooks.translations', 'mark-fresh')} FFEIL, lle FFEIL yw'r dudalen Gymraeg neu'r ffeil ddata yr oedd y llinell yn ymwneud â hi"


def _encode_key(key: str) -> str:
    return key.replace("%", "%25").replace(" ", "%20")


def _decode_key(key: str) -> str:
    return key.replace("%20", " ").replace("%25", "%") if "%" in key else key


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
            again = command('hooks.translations', 'mark-fresh', '--all')
            store.problems.append(Problem(
                STORE_PATH, None, "fingerprint-file", f"the fingerprint file cannot be read ({error})", f"restore it from git, or run: {again}",
                message_cy=f"nid oes modd darllen ffeil yr olion bysedd ({error})", hint_cy=f"adferwch hi o git, neu rhedwch: {again}",
            ))
            return store
        records = store.records
        for number, line in enumerate(text.splitlines(), 1):
            # Most lines are fingerprint lines: matched first, so they cost one match and no more
            # tests. A blank line never matches (a key is at least one character that is not a
            # space); a comment might, so a match that starts with # is still a comment.
            match = _LINE.match(line)
            if match is not None and line[0] != "#":
                key, en, cy, blocks = match.groups()
                if "%" in key:
                    key = _decode_key(key)
                records[key] = Record(en, cy, tuple(blocks.split(",")) if blocks else (), number)
                continue
            if not line.strip() or line.startswith("#"):
                continue
            # Neither a fingerprint line, a blank line nor a comment: a broken line.
            conflict = line.startswith(("<<<<<<<", "=======", ">>>>>>>", "|||||||"))
            store.problems.append(
                Problem(
                    STORE_PATH,
                    number,
                    "fingerprint-file",
                    "a git merge conflict marker is left in the fingerprint file" if conflict else "this line is not a fingerprint line (KEY en:HEX cy:HEX)",
                    "keep the fingerprint lines of both sides and delete the marker lines" if conflict else f"restore the line from git, or delete it and run: {_mark_fresh_the_file_of(line)}",
                    message_cy=(
                        "mae marciwr gwrthdaro cyfuno git (merge conflict) wedi'i adael yn ffeil yr olion bysedd" if conflict
                        else "nid yw'r llinell hon yn llinell ôl bys (ALLWEDD en:HEX cy:HEX)"
                    ),
                    hint_cy=(
                        "cadwch linellau olion bysedd y ddwy ochr a dilëwch y llinellau marciwr" if conflict
                        else f"adferwch y llinell o git, neu dilëwch hi a rhedwch: {_mark_fresh_the_file_of_cy(line)}"
                    ),
                )
            )
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
    changes_cy: tuple = field(default=(), compare=False)  # the same, in Welsh

    @property
    def fresh(self) -> bool:
        return self.state == UP_TO_DATE


# The verdicts that carry nothing else, made once (a Freshness is frozen): most units are up to date.
_IS_UP_TO_DATE = Freshness(UP_TO_DATE)
_IS_MISSING = Freshness(MISSING)
_IS_NOT_RECORDED = Freshness(NOT_RECORDED)


def freshness(unit: Unit, store: Store, pairs=None, fingerprint_of=fingerprint) -> Freshness:
    """Whether a unit's Welsh is up to date with its English.

    pairs: (file, en fingerprint, cy fingerprint) -> key, from pairs_of(store); pass it when
    checking many units, so it is built once, or pass a function that returns it, so it is
    built only if a unit's own record does not settle its freshness. fingerprint_of:
    fingerprint, or a memo of it (the translation gate's, which fingerprints each distinct
    text once).
    """
    if unit.cy is None or not unit.cy.strip():
        return _IS_MISSING
    if unit.en is None:
        return _IS_UP_TO_DATE  # nothing to be translated from: the page rules report it
    record = store.records.get(unit.key)
    en = fingerprint_of(unit.en)  # unit.en_fingerprint
    if record is not None and record.en == en:
        return _IS_UP_TO_DATE
    if pairs is None:
        pairs = pairs_of(store)
    elif callable(pairs):
        pairs = pairs()
    if (unit.file, en, fingerprint_of(unit.cy)) in pairs:  # unit.cy_fingerprint
        return _IS_UP_TO_DATE  # the same English and Welsh, recorded under another key of the file
    if record is None:
        return _IS_NOT_RECORDED
    return Freshness(STALE, describe_changes(unit, record), describe_changes(unit, record, "cy"))


def pairs_of(store: Store) -> dict:
    return {(key.split("#", 1)[0], record.en, record.cy): key for key, record in store.records.items()}


# The kinds of block (translation_checks._BLOCK_KINDS), with the article, for the Welsh of what changed.
BLOCK_KINDS_CY = {
    "heading": "y pennawd",
    "paragraph": "y paragraff",
    "list": "y rhestr",
    "table": "y tabl",
    "code block": "y bloc cod",
    "HTML block": "y bloc HTML",
    "horizontal rule": "y llinell lorweddol",
    "quotation": "y dyfyniad",
    "block marker": "y marciwr bloc",
    "front matter": "gosodiadau'r dudalen (front matter)",
}


def _block_cy(kind: str) -> str:
    return BLOCK_KINDS_CY.get(kind, f"y bloc ({kind})")


def _removed_cy(count: int) -> str:
    # "un bloc"; otherwise "{n} o flociau" (after "o", bloc mutates): no mutation after a numeral to mind
    return "tynnwyd un bloc" if count == 1 else f"tynnwyd {count} o flociau"


def describe_changes(unit: Unit, record: Record, language: str = "en") -> tuple:
    """What changed in a stale section's English, block by block: ("the paragraph at line 12 changed", ...).

    language "cy": the same in Welsh ("newidiodd y paragraff ar linell 12", ...).
    """
    if not unit.blocks or not record.blocks:
        return ()
    if language == "cy":
        return _describe_changes_cy(unit, record)
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


def _describe_changes_cy(unit: Unit, record: Record) -> tuple:
    now = unit.block_fingerprints
    changes = []
    matcher = difflib.SequenceMatcher(a=record.blocks, b=now, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        if operation == "delete":
            after = unit.blocks[new_start - 1].line if new_start else None
            changes.append(_removed_cy(old_end - old_start) + (f" ar ôl llinell {after}" if after else " ar y dechrau"))
            continue
        for block in unit.blocks[new_start:new_end]:
            # "ar linell": llinell after "ar" (soft mutation)
            where = f"{_block_cy(block.kind)} ar linell {block.line}"
            changes.append(f"ychwanegwyd {where}" if operation == "insert" else f"newidiodd {where}")
        if operation == "replace" and (old_end - old_start) > (new_end - new_start):
            changes.append(_removed_cy((old_end - old_start) - (new_end - new_start)))
    return tuple(changes)


# --- For people: where a text is, with 1-based positions --------------------------------------


def describe_field(label: str, language: str = "en") -> str:
    """A data field as people count: 'introduction.paragraphs[0]' -> 'introduction › paragraphs › item 1'.

    language "cy": 'introduction › paragraphs › eitem 1' (the fields' names are the file's own).
    """
    item = "eitem" if language == "cy" else "item"
    parts = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", label):
        parts.append(name if name else f"{item} {int(index) + 1}")
    return " › ".join(parts) or label


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st: for headings counted from 1."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


# --- Acknowledgements: English corrections that need no Welsh change --------------------------
#
# data/welsh-unchanged.yml is written by people (in GitHub's web editor, say) and read by the
# pull request command (hooks/pull_request.py): an entry added in a pull request records the
# text it names as up to date, exactly as `mark-fresh --welsh-unchanged` does. Each entry
# names the English it acknowledges (its fingerprint), so it can never silence a later change
# of that English; and only the entries a pull request adds are acted on, so the file is a
# log that reviewers read in the diff. Here the file is read and its form checked (every
# build does); whether a new entry names a text there is is checked by the pull request
# command, since an old entry may name a section that has since moved.

ACKNOWLEDGEMENTS_PATH = "data/welsh-unchanged.yml"
ACKNOWLEDGEMENTS_KEY = "welsh_unchanged"
REASON_PLACEHOLDER = "[TO DO: say why the Welsh needs no change, for example: a typo corrected in the English]"
ACKNOWLEDGEMENT_FIELDS = ("text", "english", "reason")

ACKNOWLEDGEMENTS_HEADER = f"""\
# yaml-language-server: $schema=schemas/welsh-unchanged.schema.json
# English corrections that need no change to the Welsh, each acknowledged by a person.
#
# When the English of a text changes, the Welsh is "stale" until someone revises it. When the
# English change needs no Welsh change (a typo or a spelling corrected in the English only),
# add one line at the end of the list below, in a pull request: the pull request's check
# prints the exact line for each stale text. Replace the reason's [TO DO: ...] with why
# the Welsh needs no change. The check then records the text as up to date.
#
#   text:    the Welsh text, as the check names it (a page section such as
#            content/cy/about.md#2, or a data text such as data/interface.yml#financial_year)
#   english: the fingerprint of the English acknowledged: an entry never covers a later change
#   reason:  why the Welsh needs no change, for the reviewer
#
# Only the lines a pull request adds are acted on; the older lines stay as a record.
{ACKNOWLEDGEMENTS_KEY}:
"""


@dataclass(frozen=True)
class Acknowledgement:
    text: str  # a unit's key
    english: str  # the English fingerprint acknowledged
    reason: str
    line: int | None = field(default=None, compare=False)


def acknowledgement_entry(unit: Unit) -> str:
    """The line to add to data/welsh-unchanged.yml to acknowledge a unit's current English (YAML, one line)."""
    return "- {text: %s, english: %s, reason: %s}" % (_yaml_string(unit.key), _yaml_string(unit.en_fingerprint), _yaml_string(REASON_PLACEHOLDER))


def _yaml_string(value: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def _acknowledgement_problem(line, message: str, hint: str, message_cy: str, hint_cy: str, column=None) -> Problem:
    return Problem(ACKNOWLEDGEMENTS_PATH, line, "welsh-unchanged-file", message, hint, column, message_cy=message_cy, hint_cy=hint_cy)


# The copy of an entry's line, in both languages (the check prints it for every stale text).
_COPY_THE_LINE = "copy the line the pull request's check prints for the stale text"
_COPY_THE_LINE_CY = "copïwch y llinell y mae gwiriad y cais tynnu yn ei hargraffu ar gyfer y testun sydd wedi dyddio"


def read_acknowledgements(root: Path, text: str | None = None) -> tuple:
    """(the entries of data/welsh-unchanged.yml, the problems of its form); no file: no entries.

    text: the file's text, when read from elsewhere (the base commit of a pull request).
    """
    from hooks.model import strict_yaml
    from hooks.problems import ContentError

    if text is None:
        file = Path(root) / ACKNOWLEDGEMENTS_PATH
        if not file.exists():
            return [], []
        try:
            document = strict_yaml.read(file, ACKNOWLEDGEMENTS_PATH)
        except ContentError as error:
            return [], list(error.problems)
    else:
        try:
            document = strict_yaml.parse(text, ACKNOWLEDGEMENTS_PATH)
        except ContentError as error:
            return [], list(error.problems)
    problems = []
    data = document.data
    example = f"start the list with the line '{ACKNOWLEDGEMENTS_KEY}:' and write each entry below it, as the pull request's check prints it"
    example_cy = f"dechreuwch y rhestr â'r llinell '{ACKNOWLEDGEMENTS_KEY}:' ac ysgrifennwch bob cofnod oddi tani, fel y mae gwiriad y cais tynnu yn eu hargraffu"
    for key in data:
        if key != ACKNOWLEDGEMENTS_KEY:
            problems.append(_acknowledgement_problem(
                document.line_of((key,)), f"'{key}' is not a part of this file: it holds only the list '{ACKNOWLEDGEMENTS_KEY}'", f"move the entry under '{ACKNOWLEDGEMENTS_KEY}:', or delete the line",
                f"nid yw '{key}' yn rhan o'r ffeil hon: dim ond y rhestr '{ACKNOWLEDGEMENTS_KEY}' sydd ynddi", f"symudwch y cofnod o dan '{ACKNOWLEDGEMENTS_KEY}:', neu dilëwch y llinell",
            ))
    if ACKNOWLEDGEMENTS_KEY not in data:
        problems.append(_acknowledgement_problem(1, f"the file has no '{ACKNOWLEDGEMENTS_KEY}:' list", example, f"nid oes rhestr '{ACKNOWLEDGEMENTS_KEY}:' yn y ffeil", example_cy))
        return [], problems
    entries_data = data[ACKNOWLEDGEMENTS_KEY]
    if entries_data is None:
        return [], problems
    if not isinstance(entries_data, list):
        problems.append(_acknowledgement_problem(
            document.line_of((ACKNOWLEDGEMENTS_KEY,)), f"'{ACKNOWLEDGEMENTS_KEY}' must be a list of entries, each on a line starting with '  - '", example,
            f"rhaid i '{ACKNOWLEDGEMENTS_KEY}' fod yn rhestr o gofnodion, pob un ar linell sy'n dechrau â '  - '", example_cy,
        ))
        return [], problems
    entries = []
    for index, entry in enumerate(entries_data):
        where = (ACKNOWLEDGEMENTS_KEY, index)
        line = document.line_of(where)
        number = f"entry {index + 1}"
        # In Welsh the entry's number opens the message ("cofnod 2: ..."): no mutation after a preposition to mind.
        number_cy = f"cofnod {index + 1}"
        if not isinstance(entry, dict):
            problems.append(_acknowledgement_problem(
                line, f"{number} is not of the form {{text: ..., english: ..., reason: ...}}", _COPY_THE_LINE,
                f"{number_cy}: nid yw ar y ffurf {{text: ..., english: ..., reason: ...}}", _COPY_THE_LINE_CY,
            ))
            continue
        unknown = [name for name in entry if name not in ACKNOWLEDGEMENT_FIELDS]
        for name in unknown:
            problems.append(_acknowledgement_problem(
                document.line_of((*where, name)), f"{number} has a field '{name}' this file does not use (only text, english and reason)", "correct the field's name, or delete it",
                f"{number_cy}: mae ganddo faes '{name}' nad yw'r ffeil hon yn ei ddefnyddio (dim ond text, english a reason)", "cywirwch enw'r maes, neu dilëwch ef",
            ))
        missing = [name for name in ACKNOWLEDGEMENT_FIELDS if not isinstance(entry.get(name), str) or not entry[name].strip()]
        for name in missing:
            what = {"text": "which Welsh text it is about (text: ...)", "english": "the fingerprint of the English it acknowledges (english: ...)", "reason": "why the Welsh needs no change (reason: ...)"}[name]
            what_cy = {"text": "pa destun Cymraeg y mae'n ymwneud ag ef (text: ...)", "english": "ôl bys y Saesneg y mae'n ei gydnabod (english: ...)", "reason": "pam nad oes angen newid y Gymraeg (reason: ...)"}[name]
            problems.append(_acknowledgement_problem(
                document.line_of((*where, name)) if name in entry else line, f"{number} does not say {what}",
                _COPY_THE_LINE if name != "reason" else "write why the Welsh needs no change, for example: reason: a typo corrected in the English",
                f"{number_cy}: nid yw'n dweud {what_cy}",
                _COPY_THE_LINE_CY if name != "reason" else "ysgrifennwch pam nad oes angen newid y Gymraeg, er enghraifft: reason: teipo wedi'i gywiro yn y Saesneg",
            ))
        if missing or unknown:
            continue
        english = entry["english"].strip()
        if not re.fullmatch(r"[0-9a-f]{12}", english):
            problems.append(_acknowledgement_problem(
                document.line_of((*where, "english")), f"{number}: '{english}' is not a fingerprint of the English (12 characters, 0-9 and a-f)", _COPY_THE_LINE,
                f"{number_cy}: nid yw '{english}' yn ôl bys o'r Saesneg (12 nod, 0-9 ac a-f)", _COPY_THE_LINE_CY,
            ))
            continue
        reason = entry["reason"].strip()
        if reason.startswith("[TO DO") or reason == REASON_PLACEHOLDER:
            problems.append(_acknowledgement_problem(
                document.line_of((*where, "reason")), f"{number}'s reason is still '[TO DO: ...]'", "replace [TO DO: ...] with why the Welsh needs no change, for example: reason: \"a typo corrected in the English\"",
                f"{number_cy}: '[TO DO: ...]' yw'r rheswm o hyd", "rhowch y rheswm pam nad oes angen newid y Gymraeg yn lle [TO DO: ...], er enghraifft: reason: \"teipo wedi'i gywiro yn y Saesneg\"",
            ))
            continue
        entries.append(Acknowledgement(entry["text"].strip(), english, reason, line))
    return entries, problems
