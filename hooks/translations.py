"""`python -m hooks.translations`: the translators' commands.

  status                 for each page and each plan: what is translated, stale or missing
  mark-fresh TARGET...   record that Welsh translations are up to date with their English
  mark-fresh --all       ... every translation (and forget fingerprints of what is gone)
  mark-fresh --welsh-unchanged TARGET...
                         ... although the Welsh was not revised: the English change needs
                         no Welsh change (a typo); without it such a text is refused
  export FILE.csv        every missing and stale text, for translators (opens in Excel);
                         refuses a file that exists (--replace to write over it) and any
                         file git tracks or inside content/, data/ or hooks/
  export FILE.xlf        ... as XLIFF 1.2, for a CAT tool (memoQ, Trados): one unit per text
                         or page section (hooks/translator_formats.py says what it holds)
  import FILE.csv        write the filled-in translations back, with their fingerprints
  import FILE.xlf        ... from the XLIFF a CAT tool saved: its finished units, all or none
  memory FILE.tmx        every up-to-date English-Welsh pair, as a TMX 1.4 translation memory
  termbase FILE.tbx      the glossary (data/glossary.yml), as a TBX termbase

A TARGET is a page (content/cy/about.md, content/en/about.md or about.md), a section of one
(content/cy/about.md#2), a data file (data/interface.yml), a plan (upper-valleys/2022-23)
or one text (data/interface.yml#financial_year), as the checks name them.

Exit status: 0 done (status: everything up to date), 1 something was refused or is not up to
date, 2 a usage error. A data file is edited in place, only at the Welsh texts imported, so
its comments and layout stay as they are.

An import is all or nothing. Every row and every file it would write is checked first (the
result is read back as the checks read it, in a copy of content/ and data/); then all the
files are written together (see "Writing files all or none"): after an error, Ctrl+C or a
kill, every file is as it was, or every file is new, never a mix. A row that is refused
(its English changed, its key is gone, its headings differ) is named and left out; the
other rows are imported. CSV cells are written and read with hooks.spreadsheet's rule, so a
text that a spreadsheet would take for a formula cannot run as one.

An XLIFF file goes through the same checks and the same writing (its units become rows of
plan_import), with one difference: a file from a CAT tool is imported whole or not at all, so
if any unit is refused (its English changed, its text is gone, an inline tag, active content)
nothing is written, and every unit refused is named. The format is chosen by the file's
extension: .csv, else .xlf or .xliff.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import re
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks.checks import fingerprints  # noqa: E402
from hooks import commands  # noqa: E402
from hooks.commands import command as command_line  # noqa: E402
from hooks.model import strict_yaml  # noqa: E402
from hooks import translator_formats  # noqa: E402
from hooks.spreadsheet import read_cell, text_cell  # noqa: E402
from hooks.checks.fingerprints import MISSING, NOT_RECORDED, STALE, UP_TO_DATE, Store, Unit  # noqa: E402
from hooks.problems import MESSAGE_LANGUAGES, ContentError, Problem, in_language, language_asked, message_language  # noqa: E402
from hooks.checks.translation_checks import CONTENT, WELSH, Corpus, _markdown, read_corpus  # noqa: E402

EXIT_DONE, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

COLUMNS = ["key", "status", "english_at", "welsh_at", "english", "current_welsh", "welsh", "fingerprint"]


class Said(str):
    """A message in English (the string itself, so it compares and prints as before) with its Welsh (.cy).

    The commands print it in the language chosen (--language, else PLAN_SITE_LANGUAGE), as
    hooks.check does: under the Welsh Language Standards a translator who works in Welsh gets
    the refusals and errors in Welsh.
    """

    cy: str

    def __new__(cls, message: str, message_cy: str = ""):
        return super().__new__(cls, message)

    def __init__(self, message: str, message_cy: str = ""):
        self.cy = message_cy


ENGLISH_ONLY_CY = "(yn Saesneg yn unig)"  # a message with no Welsh (an error of the system), as hooks.problems says it


def say(text, language: str) -> str:
    """A message (Said, or English alone) in the language chosen: "en", "cy" or "both" (the Welsh, then the English)."""
    welsh = getattr(text, "cy", "") or f"{ENGLISH_ONLY_CY} {text}"
    return in_language(language, str(text), welsh)


def said(error: Exception, language: str, prefix: str = "") -> str:
    """A UsageError's or Refused's lines in the language chosen, each after prefix (PREFIX, say)."""
    lines = error.lines if isinstance(error, Refused) else list(error.args[:1]) or [str(error)]
    return "\n".join(prefix + say(line, language) for line in lines)


def _problem_said(problem: Problem) -> Said:
    """A problem as text, in English and in Welsh."""
    return Said(problem.as_text("en"), problem.as_text("cy"))


class UsageError(Exception):
    """A usage error; its message may be Said, with its Welsh."""


class Refused(Exception):
    """Nothing was written: the lines say why, and how to fix it (each may be Said, with its Welsh)."""

    def __init__(self, lines: list):
        self.lines = list(lines)
        self.args = ("\n".join(self.lines),)  # what str() gives: the English


# --- Status -----------------------------------------------------------------------------------


@dataclass
class GroupStatus:
    name: str
    kind: str  # "page", "plan" or "site texts"
    counts: dict  # state -> number of units
    items: list  # (state, unit) of what is not up to date
    note: str = ""  # why a page cannot be compared section by section


def status(corpus: Corpus, store: Store) -> list:
    pairs = fingerprints.pairs_of(store)
    groups: dict = {}

    def group(name: str, kind: str) -> GroupStatus:
        if name not in groups:
            groups[name] = GroupStatus(name, kind, {UP_TO_DATE: 0, STALE: 0, NOT_RECORDED: 0, MISSING: 0}, [])
        return groups[name]

    for inner, pair in sorted(corpus.pages.items()):
        entry = group(inner, "page")
        if pair.en is None:
            entry.note = Said("no English page", "dim tudalen Saesneg")
        elif pair.cy is not None and not pair.aligned:
            entry.note = Said(
                "its headings differ from the English: fix them first (hooks.check says where)",
                "mae ei phenawdau'n wahanol i'r Saesneg: cywirwch nhw yn gyntaf (mae hooks.check yn dweud ble)",
            )
    for unit in corpus.units():
        kind = "page" if unit.kind == "section" else ("plan" if not unit.group.startswith("data/") else "site texts")
        entry = group(unit.group, kind)
        state = fingerprints.freshness(unit, store, pairs).state
        entry.counts[state] += 1
        if state != UP_TO_DATE:
            entry.items.append((state, unit))
    order = {"page": 0, "plan": 1, "site texts": 2}
    return sorted(groups.values(), key=lambda g: (order[g.kind], g.name))


# The status report's words in Welsh: the states as docs/rheolau-cyfieithu.md names them.
STATES_CY = {UP_TO_DATE: "cyfredol", STALE: "wedi dyddio", NOT_RECORDED: "heb ei gofnodi", MISSING: "ar goll"}


def _print_status(groups: list, language: str = "en") -> None:
    """The status table in English or Welsh; both gives the Welsh table, then the English one."""
    if language == "both":
        _print_status(groups, "cy")
        _print_status(groups, "en")
        return
    from hooks.checks.translation_checks import unit_label_cy

    welsh = language == "cy"
    if welsh:
        headings = {"page": "Tudalennau (content/en a content/cy)", "plan": "Cynlluniau (data/plans)", "site texts": "Testunau'r wefan (data/)"}
        columns = [STATES_CY[state] for state in (UP_TO_DATE, STALE, NOT_RECORDED, MISSING)]
    else:
        headings = {"page": "Pages (content/en and content/cy)", "plan": "Plans (data/plans)", "site texts": "Site texts (data/)"}
        columns = ["up to date", "stale", "unrecorded", "missing"]
    sizes = [max(len(column) + 2, 7) for column in columns] if welsh else [11, 7, 12, 9]
    width = max([len(g.name) for g in groups] + [10]) + 2
    current = None
    for entry in groups:
        if entry.kind != current:
            current = entry.kind
            print(f"\n{headings[current]}")
            print(f"  {'':{width}}" + "".join(f"{column:>{size}}" for column, size in zip(columns, sizes)))
        counts = [entry.counts[state] for state in (UP_TO_DATE, STALE, NOT_RECORDED, MISSING)]
        line = f"  {entry.name:{width}}" + "".join(f"{count:>{size}}" for count, size in zip(counts, sizes))
        if entry.note:
            line += f"   ({say(entry.note, language)})"
        print(line)
    pending = [(entry, state, unit) for entry in groups for state, unit in entry.items]
    if pending:
        print("\nI'w cyfieithu neu eu cadarnhau:" if welsh else "\nTo translate or confirm:")
        for entry, state, unit in pending:
            where = f"{unit.en_where[0]}:{unit.en_where[1]}"
            if welsh:
                print(f"  {STATES_CY[state]:>14}: {unit.key} ({unit_label_cy(unit)}; y Saesneg yn {where})")
            else:
                print(f"  {state:>10}: {unit.key} ({unit.label}; English at {where})")
    print()


def _status_json(groups: list) -> str:
    return json.dumps(
        {
            "groups": [
                {
                    "name": g.name,
                    "kind": g.kind,
                    "counts": g.counts,
                    "note": g.note,
                    "items": [{"key": u.key, "state": s, "label": u.label, "english_at": f"{u.en_where[0]}:{u.en_where[1]}"} for s, u in g.items],
                }
                for g in groups
            ],
            "clean": _clean(groups),
        },
        ensure_ascii=False,
        indent=2,
    )


def _clean(groups: list) -> bool:
    return all(not g.items and not g.note for g in groups)


# --- Mark fresh -------------------------------------------------------------------------------


def _target_keys(target: str, corpus: Corpus) -> tuple:
    """(the files a target names, or None; the exact key it names, or None)."""
    target = target.strip().replace("\\", "/")
    if target.startswith("./"):
        target = target[2:]
    file, _, anchor = target.partition("#")
    page = re.fullmatch(rf"(?:{CONTENT}/(?:en|cy)/)?(.+\.md)", file)
    if page and page[1] in corpus.pages:
        file = f"{CONTENT}/{WELSH}/{page[1]}"
    elif re.fullmatch(r"[a-z0-9-]+/\d{4}-\d{2}", file) and (corpus.root / f"data/plans/{file}.yml").exists():
        file = f"data/plans/{file}.yml"
    return file, (f"{file}#{anchor}" if anchor else None)


def mark_fresh(corpus: Corpus, store: Store, targets: list, everything: bool, welsh_unchanged: bool = False) -> tuple:
    """Record the named units as up to date; returns (keys recorded, messages about what was not).

    A unit whose English changed since it was recorded but whose Welsh did not (its Welsh
    fingerprint is the record's) is refused, with a message: its Welsh was not revised. With
    welsh_unchanged (--welsh-unchanged: the English change needs no Welsh change, such as a
    typo corrected) it is recorded.
    """
    units = corpus.units()
    pairs = fingerprints.pairs_of(store)
    recorded, messages = [], []
    chosen: list = []
    forget: set = set()
    if everything:
        chosen = units
        forget = set(store.records) - {u.key for u in units}
    for target in targets:
        file, key = _target_keys(target, corpus)
        found = [u for u in units if (u.key == key if key is not None else u.file == file)]
        if found:
            chosen.extend(found)
            if key is None:  # a whole file: forget what no longer exists in it
                forget |= set(store.keys_of(file)) - {u.key for u in found}
            continue
        inner = file.removeprefix(f"{CONTENT}/{WELSH}/") if file.startswith(f"{CONTENT}/{WELSH}/") else None
        pair = corpus.pages.get(inner) if inner else None
        if pair is not None and pair.en is not None and pair.cy is not None and not pair.aligned:
            messages.append(Said(
                f"{target}: the Welsh page's headings differ from the English: fix them first ({command_line('hooks.check')} says where)",
                f"{target}: mae penawdau'r dudalen Gymraeg yn wahanol i'r Saesneg: cywirwch nhw yn gyntaf (mae {command_line('hooks.check')} yn dweud ble)",
            ))
        elif key is None and store.keys_of(file) and pair is None and not (corpus.root / file).exists():
            forget |= set(store.keys_of(file))  # a page or file deleted in both languages: forget its fingerprints
        elif key is None and not (corpus.root / file).exists():
            raise UsageError(Said(f"{target}: there is no such page, plan or data file", f"{target}: nid oes tudalen, cynllun na ffeil ddata o'r enw hwn"))
        else:
            messages.append(Said(f"{target}: there is no such translated section or text", f"{target}: nid oes adran na thestun wedi'i gyfieithu o'r enw hwn"))
    for unit in chosen:
        if unit.cy is None or not unit.cy.strip():
            messages.append(Said(f"{unit.key}: not marked: there is no Welsh yet ({unit.label})", f"{unit.key}: heb ei nodi: nid oes Cymraeg eto ({unit.label})"))
            continue
        if not welsh_unchanged and welsh_not_revised(unit, store, pairs):
            messages.append(not_revised_message(unit))
            continue
        store.record(unit)
        recorded.append(unit.key)
    for key in forget:
        store.forget(key)
    if recorded or forget:
        write_all(store.root, {fingerprints.STORE_PATH: store.text()})
    return recorded, messages


def welsh_not_revised(unit: Unit, store: Store, pairs: dict | None = None) -> bool:
    """Whether a unit is stale and its Welsh is the Welsh recorded: the English changed, the Welsh did not."""
    record = store.records.get(unit.key)
    if record is None or record.cy != unit.cy_fingerprint:
        return False
    return fingerprints.freshness(unit, store, pairs).state == STALE


def not_revised_message(unit: Unit) -> str:
    from hooks.checks.translation_checks import unit_label_cy

    what = f"{unit.label} of {unit.file}" if unit.kind == "section" else f"the text {fingerprints.describe_field(unit.label)} of {unit.file}"
    what_cy = f"{unit_label_cy(unit)} yn {unit.file}"
    english = f"{unit.en_where[0]}:{unit.en_where[1]}"
    welsh = f"{unit.cy_where[0]}:{unit.cy_where[1]}"
    again = commands.suggest("hooks.translations", "mark-fresh", "--welsh-unchanged", unit.key)
    again_cy = commands.suggest("hooks.translations", "mark-fresh", "--welsh-unchanged", unit.key, language="cy")
    return Said(
        f"{unit.key}: not marked: the English of {what} ({english}) has changed since it was marked up to date, "
        f"but its Welsh ({welsh}) has not. Revise the Welsh first. "
        f"If the English change needs no change to the Welsh (a typo corrected in the English), say so: {again}",
        f"{unit.key}: heb ei nodi: mae Saesneg {what_cy} ({english}) wedi newid ers i'r Gymraeg gael ei nodi'n gyfredol, "
        f"ond nid yw'r Gymraeg ({welsh}) wedi newid. Diwygiwch y Gymraeg yn gyntaf. "
        f"Os nad oes angen newid y Gymraeg ar ôl y newid i'r Saesneg (teipo wedi'i gywiro yn y Saesneg), dywedwch hynny: {again_cy}",
    )


# --- Export -----------------------------------------------------------------------------------

PROTECTED = ("content", "data", "hooks")  # the site's own files: an export never goes there


XLIFF_SUFFIXES = (".xlf", ".xliff")
TOOLS_OWN_SUFFIXES = (".sdlxliff", ".mqxliff")  # the CAT tools' own bilingual files: refused, with what to give instead
EXPORT_SUFFIXES = (".csv",) + XLIFF_SUFFIXES


def export(corpus: Corpus, store: Store, path: Path, replace: bool = False) -> int:
    """Write every missing and stale text to a new CSV or XLIFF file (by its extension); returns how many texts."""
    path = Path(path)
    _check_export_path(corpus.root, path, replace)
    pairs = fingerprints.pairs_of(store)
    rows = []
    to_translate = []
    for unit in corpus.units():
        state = fingerprints.freshness(unit, store, pairs).state
        if state == UP_TO_DATE:
            continue
        to_translate.append((unit, state))
        rows.append(
            {
                "key": unit.key,
                "status": state,
                "english_at": f"{unit.en_where[0]}:{unit.en_where[1]}",
                "welsh_at": f"{unit.cy_where[0]}:{unit.cy_where[1]}",
                "english": unit.en or "",
                "current_welsh": unit.cy or "",
                "welsh": "",
                "fingerprint": f"en:{unit.en_fingerprint}",
            }
        )
    if path.suffix.lower() in XLIFF_SUFFIXES:
        text = translator_formats.xliff_text([_export_unit(unit, state) for unit, state in to_translate])
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({column: text_cell(value) for column, value in row.items()} for row in rows)  # no cell can run as a formula
        text = "\ufeff" + buffer.getvalue()  # UTF-8 with a byte-order mark: Excel then reads Welsh letters (ŵ, ŷ) correctly
    _write_outside(path, text, replace)
    return len(rows)


def _write_outside(path: Path, text: str, replace: bool) -> None:
    """Write a file outside the site (an export, a memory, a termbase), atomically; never over a file that exists unless replace."""
    write_all(path.parent, {path.name: text}, new=set() if replace else {path.name}, journal=False)


# What each state is, in the note of an XLIFF unit (Welsh first: the translators work in Welsh).
EXPORT_NOTES = {
    STALE: ("Wedi dyddio: mae'r Saesneg wedi newid ers i'r Gymraeg gael ei nodi'n gyfredol; adolygwch y Gymraeg", "Stale: the English has changed since the Welsh was marked up to date; revise the Welsh"),
    NOT_RECORDED: ("Heb ei gofnodi: nid yw'r cyfieithiad wedi'i nodi'n gyfredol eto; gwiriwch y Gymraeg", "Not recorded: the translation has not been marked up to date yet; check the Welsh"),
    MISSING: ("Ar goll: nid oes Cymraeg eto; cyfieithwch y Saesneg", "Missing: there is no Welsh yet; translate the English"),
}


def _export_unit(unit: Unit, state: str) -> "translator_formats.ExportUnit":
    from hooks.checks.translation_checks import unit_label_cy

    english_at, welsh_at = f"{unit.en_where[0]}:{unit.en_where[1]}", f"{unit.cy_where[0]}:{unit.cy_where[1]}"
    welsh_note, english_note = EXPORT_NOTES[state]
    label = unit.label if unit.kind == "section" else f"the text {fingerprints.describe_field(unit.label)}"
    label_cy = unit_label_cy(unit)
    note = (
        f"{welsh_note}. {label_cy[:1].upper()}{label_cy[1:]}; y Saesneg yn {english_at}, y Gymraeg yn {welsh_at}.\n"
        f"{english_note}. {label[:1].upper()}{label[1:]}; English at {english_at}, Welsh at {welsh_at}."
    )
    return translator_formats.ExportUnit(unit.key, state, unit.en or "", unit.cy or "", f"en:{unit.en_fingerprint}", english_at, welsh_at, note)


# The files each command writes: their extensions, an example name, and what they are (in English and in Welsh).
OUTPUTS = {
    "export": (EXPORT_SUFFIXES, "to-translate", "an export is a CSV file: give a file name ending in .csv, for example to-translate.csv, or, for a CAT tool (memoQ, Trados), an XLIFF file: a name ending in .xlf, for example to-translate.xlf",
               "ffeil CSV yw allforiad: rhowch enw ffeil sy'n gorffen â .csv, er enghraifft to-translate.csv, neu, ar gyfer offeryn CAT (memoQ, Trados), ffeil XLIFF: enw sy'n gorffen ag .xlf, er enghraifft to-translate.xlf"),
    "memory": ((".tmx",), "welsh-memory", "a translation memory is a TMX file: give a file name ending in .tmx, for example welsh-memory.tmx",
               "ffeil TMX yw cof cyfieithu: rhowch enw ffeil sy'n gorffen â .tmx, er enghraifft welsh-memory.tmx"),
    "termbase": ((".tbx",), "welsh-terms", "a termbase is a TBX file: give a file name ending in .tbx, for example welsh-terms.tbx",
                 "ffeil TBX yw cronfa dermau: rhowch enw ffeil sy'n gorffen â .tbx, er enghraifft welsh-terms.tbx"),
}


def _check_export_path(root: Path, path: Path, replace: bool, command: str = "export") -> None:
    """Refuse to write an export (or a memory, a termbase) where it would overwrite the site's files or another file."""
    shown = str(path)
    suffixes, stem, wrong, wrong_cy = OUTPUTS[command]
    example = stem + (path.suffix.lower() if path.suffix.lower() in suffixes else suffixes[0])
    name_en = f"give a file name ending in {' or '.join(suffixes)}, for example {example}"
    name_cy = f"rhowch enw ffeil sy'n gorffen â {' neu '.join(suffixes)}, er enghraifft {example}"
    if path.suffix.lower() not in suffixes:
        raise UsageError(Said(f"{shown}: {wrong}", f"{shown}: {wrong_cy}"))
    if path.is_dir():
        raise UsageError(Said(f"{shown}: is a folder: {name_en}", f"{shown}: ffolder yw hwn: {name_cy}"))
    resolved = path.resolve()
    for folder in PROTECTED:
        if resolved.is_relative_to((root / folder).resolve()):
            raise UsageError(Said(
                f"{shown}: is inside the site's {folder}/ folder: write the export outside it, for example {example}",
                f"{shown}: mae y tu mewn i ffolder {folder}/ y wefan: ysgrifennwch yr allforiad y tu allan iddo, er enghraifft {example}",
            ))
    if _tracked_by_git(resolved):
        raise UsageError(Said(
            f"{shown}: is a file kept in git, which an export must never replace: choose another name",
            f"{shown}: mae'r ffeil hon yn cael ei chadw yn git, ac ni ddylai allforiad fyth ei disodli: dewiswch enw arall",
        ))
    if (path.exists() or path.is_symlink()) and not replace:
        raise UsageError(Said(
            f"{shown}: already exists: choose another name, or add --replace to write over it",
            f"{shown}: mae'n bodoli eisoes: dewiswch enw arall, neu ychwanegwch --replace i ysgrifennu drosti",
        ))


def _tracked_by_git(path: Path) -> bool:
    if not path.parent.is_dir():
        return False
    try:
        result = subprocess.run(["git", "ls-files", "--error-unmatch", "--", path.name], cwd=path.parent, capture_output=True)
    except OSError:  # no git here: the folder check above still protects the site's files
        return False
    return result.returncode == 0


# --- Reading a filled-in export ---------------------------------------------------------------


@dataclass
class Row:
    """One translation to import: a row of a CSV file, or a unit of an XLIFF file (unit: its number)."""

    line: int
    key: str
    welsh: str
    fingerprint: str
    unit: int | None = None

    @property
    def where(self) -> str:
        return f"row {self.line}" if self.unit is None else f"unit {self.unit} (line {self.line})"

    @property
    def where_cy(self) -> str:
        return f"rhes {self.line}" if self.unit is None else f"uned {self.unit} (llinell {self.line})"

    @property
    def welsh_in(self) -> tuple:
        """(English, Welsh): what holds the Welsh, a spreadsheet's cell or a CAT tool's target."""
        return ("the cell", "y gell") if self.unit is None else ("the target", "y targed")


NEEDED = ("key", "welsh", "fingerprint")
RESAVE = "open it in the spreadsheet, check that row, and save it again as 'CSV UTF-8 (Comma delimited)'"
RESAVE_CY = "agorwch hi yn y daenlen, gwiriwch y rhes honno, a'i chadw eto fel 'CSV UTF-8 (Comma delimited)'"


# The longest cell a filled-in export may hold: the csv module's default limit, checked here
# rather than left to the module, whose limit is one setting for the whole process (a library
# may raise it: frictionless does when it is imported).
CELL_LIMIT = 131_072


def _oversized(path: Path, number: int) -> UsageError:
    return UsageError(Said(
        f"{path}: row {number}: a cell is longer than {CELL_LIMIT:,} characters, far longer than any text of the site: a double quote (\") left open makes the rest of the file one cell; {RESAVE}",
        f"{path}: rhes {number}: mae cell yn hwy na {CELL_LIMIT:,} nod, llawer hwy nag unrhyw destun ar y wefan: mae dyfynnod dwbl (\") heb ei gau yn gwneud gweddill y ffeil yn un gell; {RESAVE_CY}",
    ))


def read_rows(path: Path) -> list:
    """The rows of a filled-in export, numbered as a spreadsheet shows them (the column names are row 1).

    A file that cannot be read as a whole is refused with a UsageError that names the row:
    not UTF-8, no column names of an export, a row with more or fewer cells than row 1, a
    cell longer than CELL_LIMIT (131,072 characters: a double quote left open makes the rest of
    the file one cell).
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise UsageError(Said(f"{path}: cannot be read ({error.strerror})", f"{path}: nid oes modd ei darllen (neges y system: {error.strerror})")) from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise UsageError(Said(
            f"{path}: line {line}: is not UTF-8 text: in Excel, save it as 'CSV UTF-8 (Comma delimited)'",
            f"{path}: llinell {line}: nid yw'n destun UTF-8: yn Excel, cadwch hi fel 'CSV UTF-8 (Comma delimited)'",
        )) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)  # Excel saves with ; in some countries
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        for record in reader:
            if any(len(cell) > CELL_LIMIT for cell in record):
                raise _oversized(path, len(records) + 1)
            records.append(record)
    except csv.Error as error:
        number = len(records) + 1
        if "field larger than field limit" in str(error):
            raise _oversized(path, number) from None
        raise UsageError(Said(
            f"{path}: row {number}: cannot be read as CSV ({error}); {RESAVE}",
            f"{path}: rhes {number}: nid oes modd ei darllen fel CSV (neges y system: {error}); {RESAVE_CY}",
        )) from None
    header = [read_cell(name).strip() for name in records[0]] if records else []
    missing = [column for column in NEEDED if column not in header]
    if missing:
        raise UsageError(Said(
            f"{path}: row 1: is not an export of python -m hooks.translations (no column {', '.join(missing)}): row 1 must hold the column names of the export ({', '.join(COLUMNS)}); export again, or restore row 1",
            f"{path}: rhes 1: nid yw'n ffeil a allforiwyd gan hooks.translations export (colofnau ar goll: {', '.join(missing)}): rhaid i res 1 gynnwys enwau colofnau'r allforiad ({', '.join(COLUMNS)}); allforiwch eto, neu adferwch res 1",
        ))
    doubled = sorted({name for name in header if name and header.count(name) > 1})
    if doubled:
        raise UsageError(Said(
            f"{path}: row 1: the column {', '.join(doubled)} is there twice: delete one of them",
            f"{path}: rhes 1: mae'r golofn {', '.join(doubled)} yno ddwywaith: dilëwch un ohonynt",
        ))
    where = {column: header.index(column) for column in NEEDED}
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # an empty row, as spreadsheets leave at the end
        if len(record) != len(header) and not (len(record) > len(header) and not any(c.strip() for c in record[len(header):])):
            raise UsageError(Said(
                f"{path}: row {number}: has {len(record)} cells where row 1 has {len(header)} column names: a cell may hold a double quote (\") that is not closed, or cells were added or deleted; {RESAVE}",
                f"{path}: rhes {number}: nifer y celloedd yw {len(record)}, lle mae gan res 1 enwau colofnau: {len(header)}; efallai fod dyfynnod dwbl (\") heb ei gau mewn cell, neu fod celloedd wedi'u hychwanegu neu eu dileu; {RESAVE_CY}",
            ))
        record = record + [""] * (len(header) - len(record))
        cell = {column: read_cell(record[index]) for column, index in where.items()}
        welsh = cell["welsh"].replace("\r\n", "\n").replace("\r", "\n")
        rows.append(Row(number, cell["key"].strip(), welsh, cell["fingerprint"].strip()))
    return rows


@dataclass
class XliffImport:
    """What an XLIFF written back holds: the rows of its finished units, and the rest."""

    rows: list  # of Row (unit: its number), one per finished unit
    unfinished: int  # units the translator has not finished (confirmed) in the CAT tool
    refusals: list  # of Said: units refused as they are read (an inline tag, a lost fingerprint)
    notes: list  # of Said: the translators' notes, to show


def read_xliff(path: Path) -> XliffImport:
    """The units of a translated XLIFF file; a file that cannot be read as a whole is a UsageError naming the line."""
    if path.suffix.lower() in TOOLS_OWN_SUFFIXES:
        tool = "Trados" if path.suffix.lower() == ".sdlxliff" else "memoQ"
        how = "File > Save Target As" if tool == "Trados" else "Documents > Export"
        raise UsageError(Said(
            f"{path}: is {tool}'s own bilingual file, whose units no longer have the ids of the export: in {tool}, save the translated XLIFF ({how}) and import that .xlf file",
            f"{path}: ffeil ddwyieithog {tool} ei hun yw hon, ac nid oes gan ei hunedau ids yr allforio mwyach: yn {tool}, cadwch yr XLIFF wedi'i chyfieithu ({how}) a mewnforiwch y ffeil .xlf honno",
        ))
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UsageError(Said(f"{path}: cannot be read ({error.strerror})", f"{path}: nid oes modd ei darllen (neges y system: {error.strerror})")) from None
    try:
        units = translator_formats.read_xliff(raw)
    except translator_formats.Unreadable as error:
        raise UsageError(Said(f"{path}: {error.english}", f"{path}: {error.welsh}")) from None
    read = XliffImport([], 0, [], [])
    for unit in units:
        row = Row(unit.line, unit.key, unit.welsh, unit.fingerprint, unit=unit.number)
        where, where_cy = f"{row.where}: {unit.key or '(no id)'}", f"{row.where_cy}: {unit.key or '(dim id)'}"
        read.notes.extend(Said(f"{where}: the translator's note: {note}", f"{where_cy}: nodyn y cyfieithydd: {note}") for note in unit.notes)
        if unit.problems:
            read.refusals.extend(Said(f"{where}: {english}", f"{where_cy}: {welsh}") for english, welsh in unit.problems)
        elif not unit.finished:
            read.unfinished += 1
        else:
            read.rows.append(row)
    return read


def import_xliff(corpus: Corpus, store: Store, path: Path) -> tuple:
    """Import a translated XLIFF file, all or nothing: every finished unit, or, if any unit is refused, none.

    Returns (keys imported, units not finished, the translators' notes); raises Refused, having
    written nothing, naming the file and each unit refused. The rows go through plan_import,
    as a CSV file's do: the same checks, the same files written.
    """
    read = read_xliff(path)
    outputs, accepted, refusals, empty = plan_import(corpus, store, read.rows) if not read.refusals else ({}, [], [], 0)
    refusals = read.refusals + refusals
    if refusals:
        raise Refused([Said(f"{path}: {refusal}", f"{path}: {refusal.cy}") for refusal in refusals] + [Said(
            f"{path}: nothing was imported: a file from a CAT tool is imported whole or not at all. Fix the units above in the CAT tool, save the file again, then import it again.",
            f"{path}: ni fewnforiwyd dim: caiff ffeil o offeryn CAT ei mewnforio yn gyfan neu ddim o gwbl. Cywirwch yr unedau uchod yn yr offeryn CAT, cadwch y ffeil eto, yna mewnforiwch hi eto.",
        )])
    if outputs:
        write_all(corpus.root, outputs)
    return accepted, read.unfinished + empty, read.notes


# --- Translation memory and termbase ----------------------------------------------------------


def memory(corpus: Corpus, store: Store, path: Path, replace: bool = False) -> int:
    """Write every up-to-date English-Welsh pair to a new TMX 1.4 file; returns how many pairs."""
    path = Path(path)
    _check_export_path(corpus.root, path, replace, "memory")
    pairs = fingerprints.pairs_of(store)
    fresh = [
        translator_formats.Pair(unit.key, unit.en, unit.cy, f"{unit.en_where[0]}:{unit.en_where[1]}")
        for unit in corpus.units()
        if unit.en and unit.cy and unit.en.strip() and unit.cy.strip() and fingerprints.freshness(unit, store, pairs).state == UP_TO_DATE
    ]
    _write_outside(path, translator_formats.tmx_text(fresh), replace)
    return len(fresh)


GLOSSARY = "data/glossary.yml"


def termbase(root: Path, path: Path, replace: bool = False) -> int:
    """Write the glossary's terms to a new TBX file; returns how many terms.

    The names written the same in both languages (same_in_both) are terms too, the same in each.
    """
    path = Path(path)
    _check_export_path(root, path, replace, "termbase")
    document = strict_yaml.read(root / GLOSSARY, GLOSSARY)  # a ContentError (the file and line) if it is broken
    terms = [
        translator_formats.Term(term["en"], term["cy"], term["kind"], term.get("note", ""), f"{GLOSSARY}:{document.line_of(('terms', index))}")
        for index, term in enumerate(document.data.get("terms") or [])
    ]
    english_names = set(document.data.get("english_names") or [])
    terms += [
        translator_formats.Term(
            name, name, "same",
            "The same in English and in Welsh (same_in_both)." + (" An English name: on Welsh pages it is marked as English (english_names)." if name in english_names else ""),
            f"{GLOSSARY}:{document.line_of(('same_in_both', index))}",
        )
        for index, name in enumerate(document.data.get("same_in_both") or [])
    ]
    _write_outside(path, translator_formats.tbx_text(terms), replace)
    return len(terms)


# --- Import -----------------------------------------------------------------------------------


def import_rows(corpus: Corpus, store: Store, rows: list) -> tuple:
    """Write the Welsh of each filled-in row, with its fingerprint, all at once; returns (keys imported, refusals, rows left empty).

    Raises Refused, having written nothing, if the files the rows would give cannot be
    written or would not pass the checks.
    """
    outputs, accepted, refusals, empty = plan_import(corpus, store, rows)
    if outputs:
        write_all(corpus.root, outputs)
    return accepted, refusals, empty


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")  # not text: every control character but tab and line break


def plan_import(corpus: Corpus, store: Store, rows: list) -> tuple:
    """(every file the import writes {path: text}, keys imported, refusals, rows left empty): nothing is written."""
    units = {unit.key: unit for unit in corpus.units()}
    refusals, empty = [], 0
    texts: dict = defaultdict(dict)  # data file -> {field: Welsh}
    sections: dict = defaultdict(dict)  # page (inside content/<locale>/) -> {section index: Welsh}
    accepted = []
    seen: dict = {}  # key -> the row it was first in
    for row in rows:
        if not row.welsh.strip():
            empty += 1
            continue
        row_en, row_cy = f"{row.where}: {row.key}", f"{row.where_cy}: {row.key}"
        if row.key in seen:
            first = seen[row.key]
            refusals.append(Said(
                f"{row_en}: the same text is in {first.where} too: keep only one of the two {'rows' if row.unit is None else 'units'}",
                f"{row_cy}: mae'r un testun yn {first.where_cy} hefyd: cadwch un o'r ddwy {'res' if row.unit is None else 'uned'} yn unig",
            ))
            continue
        seen[row.key] = row
        unit = units.get(row.key)
        if unit is None:
            inner = row.key.split("#", 1)[0].removeprefix(f"{CONTENT}/{WELSH}/")
            pair = corpus.pages.get(inner)
            if pair is not None and pair.en is not None and pair.cy is not None and not pair.aligned:
                refusals.append(Said(
                    f"{row_en}: the Welsh page's headings differ from the English: fix them first ({command_line('hooks.check')} says where)",
                    f"{row_cy}: mae penawdau'r dudalen Gymraeg yn wahanol i'r Saesneg: cywirwch nhw yn gyntaf (mae {command_line('hooks.check')} yn dweud ble)",
                ))
            else:
                refusals.append(Said(
                    f"{row.where}: {row.key or '(no key)'}: there is no such section or text now (was it moved or deleted? export again)",
                    f"{row.where_cy}: {row.key or '(dim allwedd)'}: nid oes adran na thestun o'r enw hwn bellach (a gafodd ei symud neu ei ddileu? allforiwch eto)",
                ))
            continue
        if row.fingerprint.removeprefix("en:") != unit.en_fingerprint:
            refusals.append(Said(
                f"{row_en}: the English has changed since the export: export again and translate the new English",
                f"{row_cy}: mae'r Saesneg wedi newid ers yr allforio: allforiwch eto a chyfieithwch y Saesneg newydd",
            ))
            continue
        control = _CONTROL.search(row.welsh)
        if control:
            refusals.append(Said(
                f"{row_en}: the Welsh holds an invisible control character (U+{ord(control[0]):04X}), which is not text: retype {row.welsh_in[0]}, or copy it from the English again",
                f"{row_cy}: mae nod rheoli anweledig (U+{ord(control[0]):04X}) yn y Gymraeg, ac nid testun yw hwnnw: teipiwch {row.welsh_in[1]} eto, neu copïwch {'hi' if row.unit is None else 'ef'} o'r Saesneg eto",
            ))
            continue
        unsafe = _unsafe(unit, row.welsh, row.welsh_in)
        if unsafe:
            refusals.extend(Said(f"{row_en}: {reason}", f"{row_cy}: {reason.cy}") for reason in unsafe)
            continue
        if unit.kind == "text":
            welsh = row.welsh.strip()
            if "\n" not in (unit.en or ""):
                welsh = " ".join(welsh.split("\n"))  # a line break typed in a cell, where the English has none
            texts[unit.file][unit.label] = welsh
        else:
            reason = _section_refusal(unit, row.welsh)
            if reason:
                refusals.append(Said(f"{row_en}: {reason}", f"{row_cy}: {reason.cy}"))
                continue
            inner = unit.file[len(f"{CONTENT}/{WELSH}/"):]
            sections[inner][int(unit.key.rsplit("#", 1)[1])] = row.welsh.strip("\n").rstrip()
        accepted.append(row.key)
    for inner, filled in list(sections.items()):
        pair = corpus.pages[inner]
        if pair.cy is None:
            needed = [u for u in units.values() if u.file == f"{CONTENT}/{WELSH}/{inner}"]
            if len(filled) < len(needed):
                refusals.append(Said(
                    f"{CONTENT}/{WELSH}/{inner}: the page does not exist yet, so every one of its {len(needed)} sections must be filled in ({len(filled)} are)",
                    f"{CONTENT}/{WELSH}/{inner}: nid yw'r dudalen yn bodoli eto, felly rhaid llenwi pob un o'i hadrannau (adrannau: {len(needed)}; wedi'u llenwi: {len(filled)})",
                ))
                accepted = [key for key in accepted if not key.startswith(f"{CONTENT}/{WELSH}/{inner}#")]
                del sections[inner]
    outputs = {}
    for file, welsh in texts.items():
        outputs[file] = data_file_text(corpus.root, file, welsh)
    for inner, filled in sections.items():
        outputs[f"{CONTENT}/{WELSH}/{inner}"] = page_text(corpus, inner, filled)
    if accepted:
        from_units = any(row.unit is not None for row in rows)
        fresh = {unit.key: unit for unit in _read_result(corpus.root, outputs, from_units)}
        for key in accepted:
            if key in fresh:
                store.record(fresh[key])
        outputs[fingerprints.STORE_PATH] = store.text()
    return outputs, accepted, refusals, empty


def _read_result(root: Path, outputs: dict, from_units: bool = False) -> list:
    """The corpus as it will be after the import, read from a copy of content/ and data/: refused if it has problems."""
    with tempfile.TemporaryDirectory(prefix="translations-import-") as folder:
        shadow = Path(folder)
        for name in (CONTENT, "data"):
            shutil.copytree(root / name, shadow / name, symlinks=True)
        for relative, text in outputs.items():
            target = shadow / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        result = read_corpus(shadow)
        problems = list(result.problems)
        units = result.units()  # while the copy is there: a corpus reads lines of its files lazily
    if problems:
        if from_units:  # an XLIFF file's units
            fix, fix_cy = "Fix the units they come from in the CAT tool, save the file again", "Cywirwch yr unedau y maent yn dod ohonynt yn yr offeryn CAT, cadwch y ffeil eto"
        else:
            fix, fix_cy = "Fix the rows they come from", "Cywirwch y rhesi y maent yn dod ohonynt"
        raise Refused([_problem_said(problem) for problem in problems] + [Said(
            f"Nothing was imported: with these translations the files would have the problems above. {fix}, then import again.",
            f"Ni fewnforiwyd dim: gyda'r cyfieithiadau hyn byddai'r problemau uchod yn y ffeiliau. {fix_cy}, yna mewnforiwch eto.",
        )])
    return units


def _unsafe(unit: Unit, welsh: str, welsh_in: tuple = ("the cell", "y gell")) -> list:
    """What makes a row's Welsh unsafe to publish, in plain words (hooks/checks/safety.py's checks): for a
    page section, active content (a script, an event handler, a javascript: link, ...); for any
    text, invisible and bidirectional characters. Each reason says where in the cell (its line)."""
    from hooks.checks import safety

    problems = list(safety.invisible_character_problems(welsh, unit.file))
    if unit.kind == "section":
        problems += safety.active_content_problems(welsh, unit.file)
    reasons = []
    for problem in sorted(problems, key=lambda p: (p.line or 0, p.column or 0)):
        in_lines = problem.line and "\n" in welsh.strip()
        where = f"line {problem.line} of {welsh_in[0]}: " if in_lines else ""
        where_cy = f"llinell {problem.line} yn {welsh_in[1]}: " if in_lines else ""
        message_cy = problem.message_cy or f"{ENGLISH_ONLY_CY} {problem.message}"
        hint_cy = problem.hint_cy or (f"{ENGLISH_ONLY_CY} {problem.hint}" if problem.hint else "")
        reasons.append(Said(
            f"{where}{problem.message}" + (f"; {problem.hint}" if problem.hint else "") + f" ({problem.rule})",
            f"{where_cy}{message_cy}" + (f"; {hint_cy}" if hint_cy else "") + f" ({problem.rule})",
        ))
    return reasons


def _section_refusal(unit: Unit, welsh: str) -> str:
    """Why a section's Welsh cannot replace the section, or "" if it can: its headings must match the English section's."""
    english = [t for t in _markdown().parse(unit.en or "") if t.type == "heading_open" and t.level == 0]
    translated = [t for t in _markdown().parse(welsh) if t.type == "heading_open" and t.level == 0]
    if [t.tag for t in english] != [t.tag for t in translated]:
        if english:
            marks = '#' * int(english[0].tag[1])
            return Said(
                f"the Welsh must start with the section's heading ({marks} ...) and hold no other heading",
                f"rhaid i'r Gymraeg ddechrau â phennawd yr adran ({marks} ...) heb yr un pennawd arall",
            )
        return Said("the Welsh of the top of the page must hold no heading", "ni ddylai fod pennawd yng Nghymraeg brig y dudalen")
    if english and translated[0].map[0] != 0:
        return Said("the Welsh must start with the section's heading", "rhaid i'r Gymraeg ddechrau â phennawd yr adran")
    return ""


# --- Writing pages ----------------------------------------------------------------------------


def page_text(corpus: Corpus, inner: str, filled: dict) -> str:
    """A Welsh page with the given sections replaced (or the new page); no other line changes."""
    pair = corpus.pages[inner]
    path = corpus.root / CONTENT / WELSH / inner
    if pair.cy is None:
        return "\n\n".join(filled[index] for index in sorted(filled)) + "\n"
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    original = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in original else "\n"
    lines = list(pair.cy.lines)
    by_index = {section.index: section for section in pair.cy.sections}
    for index in sorted(filled, reverse=True):
        section = by_index[index]
        last = section.last_line
        is_last = last >= len(lines)
        replacement = filled[index].split("\n") + [""]
        if is_last and lines and lines[-1] != "":
            replacement = replacement[:-1]
        lines[section.first_line - 1 : last] = replacement
    text = "\n".join(lines)
    if newline != "\n":
        text = text.replace("\n", newline)
    return ("\ufeff" if bom else "") + text


def write_sections(corpus: Corpus, inner: str, filled: dict) -> None:
    """Replace the given sections of a Welsh page (or write the page, if it is new)."""
    relative = f"{CONTENT}/{WELSH}/{inner}"
    write_all(corpus.root, {relative: page_text(corpus, inner, filled)}, new={relative} if corpus.pages[inner].cy is None else set())


# --- Editing data files in place --------------------------------------------------------------

_FIELD_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def _field_parts(field: str) -> tuple:
    return tuple(int(index) if index else name for index, name in _FIELD_PART.findall(field))


def _node_at(node, parts: tuple):
    for part in parts:
        if isinstance(node, MappingNode):
            node = next((value for key, value in node.value if isinstance(key, ScalarNode) and key.value == part), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            return None
    return node


def _yaml_scalar(value: str, style: str | None, in_flow: bool) -> str:
    """The new Welsh as a YAML scalar, in the style it was written in where that is safe, else double-quoted."""
    double = json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar
    candidates = []
    if style == "'" and "\n" not in value:
        candidates.append("'" + value.replace("'", "''") + "'")
    elif not style and "\n" not in value and value == value.strip():
        candidates.append(value)
    for candidate in candidates:
        snippet = "{k: " + candidate + "}" if in_flow else "k: " + candidate
        try:
            if yaml.safe_load(snippet) == {"k": value} and strict_yaml.parse(snippet, "-").data == {"k": value}:
                return candidate
        except (yaml.YAMLError, ContentError):
            pass
    return double


def edit_data_file(root: Path, relative: str, welsh_by_field: dict) -> None:
    """Replace the Welsh (cy:) scalar of each field, in place: the rest of the file stays byte for byte."""
    write_all(root, {relative: data_file_text(root, relative, welsh_by_field)})


def data_file_text(root: Path, relative: str, welsh_by_field: dict) -> str:
    """A data file with the Welsh (cy:) scalar of each field replaced; the rest stays byte for byte."""
    path = root / relative
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    document = yaml.compose(text, Loader=yaml.SafeLoader)  # the Python composer: its marks count characters
    edits = []
    for field, welsh in welsh_by_field.items():
        node = _node_at(document, _field_parts(field) + ("cy",))
        if not isinstance(node, ScalarNode):
            raise ContentError([Problem(
                relative, None, "import-no-welsh", f"the text {field} has no Welsh (cy:) value to replace", "export again: the file has changed since",
                message_cy=f"nid oes gwerth Cymraeg (cy:) i'w ddisodli yn y testun {field}", hint_cy="allforiwch eto: mae'r ffeil wedi newid ers hynny",
            )])
        start, end = node.start_mark.index, node.end_mark.index
        old = text[start:end]
        trailing = old[len(old.rstrip()) :]  # a block scalar's end includes its line breaks: keep them
        in_flow = _in_flow(text, start)
        edits.append((start, end, _yaml_scalar(welsh, node.style, in_flow) + trailing))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    _verify(relative, raw.decode("utf-8-sig"), text, welsh_by_field)
    return ("\ufeff" if bom else "") + text


def _in_flow(text: str, index: int) -> bool:
    """Whether the scalar at index stands inside a { } mapping on its line."""
    line_start = text.rfind("\n", 0, index) + 1
    before = text[line_start:index]
    return before.count("{") > before.count("}")


def _verify(relative: str, old_text: str, new_text: str, welsh_by_field: dict) -> None:
    """The edited file must read as the old one with only the Welsh of the given fields changed."""
    old = strict_yaml.parse(old_text, relative).data
    new = strict_yaml.parse(new_text, relative).data
    for field, welsh in welsh_by_field.items():
        container = old
        for part in _field_parts(field):
            container = container[part]
        container["cy"] = welsh
    if old != new:
        raise Refused([Said(
            f"{relative}: editing it in place would change more than the Welsh texts imported, so nothing was imported: write these Welsh texts into the file by hand, or ask a developer",
            f"{relative}: byddai ei golygu yn ei lle yn newid mwy na'r testunau Cymraeg a fewnforiwyd, felly ni fewnforiwyd dim: ysgrifennwch y testunau Cymraeg hyn yn y ffeil â llaw, neu gofynnwch i ddatblygwr",
        )])


# --- Writing files all or none ----------------------------------------------------------------
#
# write_all writes a set of files so that, whatever happens (an error, Ctrl+C, a kill, a power
# cut), every file is afterwards either as it was or as it was meant to be, all of them alike:
#
#   1. a journal (JOURNAL, in the root folder) lists each file, its new text's temporary file
#      and, for a file that exists, a second name (a hard link) that keeps its old text;
#   2. the new texts are written to their temporary files, beside their files, with the mode of
#      the file they replace (644 stays 644);
#   3. each existing file gets its second name, then each temporary file is renamed over its
#      file (an atomic step);
#   4. the journal is deleted: from then on the new files stay; the old texts are let go.
#
# On an error or a signal before step 4, the old texts are put back and the temporary files
# deleted. A kill -9 (or a power cut) cannot be caught: then the journal is left, and the next
# python -m hooks.translations command (any of them) puts the old texts back first (recover).
# Every temporary name ends in TEMPORARY, which .gitignore lists in case one is ever left.

TEMPORARY = ".translations-tmp"
JOURNAL = ".translations-journal" + TEMPORARY


class Interrupted(BaseException):
    """A signal (SIGTERM, SIGHUP) arrived while files were being written."""


def _beside(path: Path, role: str) -> Path:
    return path.with_name(f".{path.name}.{role}-{secrets.token_hex(4)}{TEMPORARY}")


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _write_bytes(path: Path, data: bytes, mode: int | None) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666 if mode is None else mode)
    try:
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(handle, mode)  # exactly the old file's mode, whatever the umask
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
        os.fsync(handle)
    finally:
        os.close(handle)


@contextlib.contextmanager
def _signals_raise():
    """While files are written, SIGTERM and SIGHUP raise Interrupted (as Ctrl+C raises KeyboardInterrupt), so they are undone."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(number, frame):
        raise Interrupted(f"signal {number}")

    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {name: signal.signal(getattr(signal, name), interrupt) for name in names}
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)


def write_all(root: Path, outputs: dict, new: set = frozenset(), journal: bool = True) -> None:
    """Write every {path inside root: text} (UTF-8) or none of them; a path in new must not exist yet.

    journal=False (one file outside the site, as an export): no journal; the one rename is
    atomic, and only a kill -9 at the wrong moment can leave its temporary file.
    """
    root = Path(root)
    if not journal and len(outputs) != 1:
        raise ValueError("without a journal, write_all writes one file")
    entries = []
    for relative, text in outputs.items():
        target = root / relative
        exists = target.exists()
        if exists and relative in new:
            raise Refused([Said(
                f"{relative}: already exists: nothing was written (was it made while this command ran?)",
                f"{relative}: mae'n bodoli eisoes: ni ysgrifennwyd dim (a gafodd ei chreu tra oedd y gorchymyn hwn yn rhedeg?)",
            )])
        mode = stat.S_IMODE(target.stat().st_mode) if exists else None
        entries.append({"target": relative, "temporary": _beside(target, "new").relative_to(root).as_posix(), "old": _beside(target, "old").relative_to(root).as_posix() if exists and journal else None, "mode": mode, "text": text, "new": not exists})
    journal = (root / JOURNAL) if journal else None
    made_folders = []
    try:
        with _signals_raise():
            if journal:
                _write_journal(root, entries)
            for entry in entries:
                target = root / entry["target"]
                missing = [folder for folder in [target.parent, *target.parent.parents] if not folder.exists()]
                target.parent.mkdir(parents=True, exist_ok=True)
                made_folders.extend(reversed(missing))
                _write_bytes(root / entry["temporary"], entry["text"].encode("utf-8"), entry["mode"])
            for entry in entries:
                if entry["old"]:
                    _second_name(root / entry["target"], root / entry["old"])
            for entry in entries:
                temporary, target = root / entry["temporary"], root / entry["target"]
                if entry["target"] in new:
                    os.link(temporary, target)  # fails if the file has appeared meanwhile: never overwritten
                    os.unlink(temporary)
                else:
                    os.replace(temporary, target)
            for folder in {(root / entry["target"]).parent for entry in entries}:
                _sync_folder(folder)
            if journal:
                _write_journal(root, entries, committed=True)  # the new files are now the files
    except BaseException as error:
        try:
            _roll_back(root, entries)
            for folder in reversed(made_folders):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            if journal:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(journal)
        except OSError as second:
            status_command = command_line('hooks.translations', 'status')
            raise Refused([Said(
                f"writing the files failed ({error}) and so did undoing it ({second}): run {status_command}, which finishes undoing it",
                f"methodd ysgrifennu'r ffeiliau ({error}), a methodd eu dadwneud hefyd ({second}): rhedwch {status_command}, sy'n gorffen eu dadwneud",
            )]) from None
        if isinstance(error, OSError):
            where = str(error.filename or root)
            with contextlib.suppress(ValueError):
                where = Path(where).relative_to(root).as_posix()
            raise Refused([Said(
                f"{where}: cannot be written ({error.strerror or error}): nothing was written; every file is as it was",
                f"{where}: nid oes modd ysgrifennu iddi (neges y system: {error.strerror or error}): ni ysgrifennwyd dim; mae pob ffeil fel yr oedd",
            )]) from None
        raise
    if journal:
        with contextlib.suppress(OSError):
            _let_go(root, entries)
            os.unlink(journal)
            _sync_folder(root)


def _let_go(root: Path, entries: list) -> None:
    """After a write that finished: delete the old texts' second names (and any temporary file)."""
    for entry in entries:
        for name in (entry["old"], entry["temporary"]):
            if name:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(root / name)


def _second_name(target: Path, old: Path) -> None:
    try:
        os.link(target, old)
    except OSError:  # a file system without hard links: a copy keeps the old text as well
        shutil.copy2(target, old)


def _write_journal(root: Path, entries: list, committed: bool = False) -> None:
    """The journal, written at once: before writing (committed False: undo it if stopped), then
    when every file is new (committed True: keep the new files, let the old texts go)."""
    listed = [{key: entry[key] for key in ("target", "temporary", "old", "new")} for entry in entries]
    temporary = _beside(root / JOURNAL, "new")
    try:
        _write_bytes(temporary, json.dumps({"committed": committed, "files": listed}, indent=1).encode("utf-8"), None)
        os.replace(temporary, root / JOURNAL)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(root)


def _roll_back(root: Path, entries: list) -> None:
    """Put back every file's old text and delete the temporary files; safe to run again."""
    for entry in entries:
        target, temporary = root / entry["target"], root / entry["temporary"]
        if entry["old"] is not None:
            old = root / entry["old"]
            if old.exists():
                if target.exists() and os.path.samefile(old, target):
                    os.unlink(old)  # not renamed yet (and rename() of two links to one file does nothing)
                else:
                    os.replace(old, target)
        elif entry.get("new", True) and target.exists() and (not temporary.exists() or os.path.samefile(target, temporary)):
            os.unlink(target)  # a file this write made
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def recover(root: Path) -> bool:
    """Finish a write that was killed (its journal is left): undo it, or, if every file was already
    written, only delete the old texts; True if a write was undone."""
    root = Path(root)
    for leftover in root.glob(f".{JOURNAL}.new-*{TEMPORARY}"):  # a journal being written when killed
        with contextlib.suppress(OSError):
            leftover.unlink()
    journal = root / JOURNAL
    if not journal.exists():
        return False
    try:
        record = json.loads(journal.read_text("utf-8"))
        entries, committed = record["files"], record["committed"] is True
        for entry in entries:
            for key in ("target", "temporary", "old"):
                if entry[key] is not None and (Path(entry[key]).is_absolute() or ".." in Path(entry[key]).parts):
                    raise ValueError(entry[key])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise Refused([Said(
            f"{JOURNAL}: the record of an unfinished import cannot be read ({error}): check the files it names with git status, then delete it",
            f"{JOURNAL}: nid oes modd darllen y cofnod o fewnforio na orffennodd ({error}): gwiriwch y ffeiliau y mae'n eu henwi â git status, yna dilëwch ef",
        )]) from None
    if committed:
        _let_go(root, entries)
    else:
        _roll_back(root, entries)
    journal.unlink()
    _sync_folder(root)
    return not committed


@contextlib.contextmanager
def _one_at_a_time(root: Path):
    """Hold a lock on the root folder, so that two commands never write (or undo) at once."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock
        yield
        return
    handle = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


# --- The command line -------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse, its usage errors in the language of the messages (argparse's own words are English), as hooks.check's."""

    language = "en"  # set for every parser (the subcommands' too) before parsing

    def error(self, text):
        self.print_usage(sys.stderr)
        welsh = getattr(text, "cy", "")  # this command's own errors are Said; argparse's are English
        print(in_language(
            _Parser.language,
            f"{self.prog}: error: {text}",
            f"{self.prog}: gwall yn y gorchymyn: {welsh}" if welsh else f"{self.prog}: gwall yn y gorchymyn (yng ngeiriau argparse, yn Saesneg): {text}",
        ), file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


LANGUAGE_HELP = "the language of the messages: en (English), cy (Welsh) or both (Welsh, then English); default: PLAN_SITE_LANGUAGE, else en"


def _arguments(argv):
    parser = _Parser(prog=command_line("hooks.translations"), description="Translators' commands: status, mark-fresh, export, import, memory and termbase.")
    parser.add_argument("--root", default=".", help="the repository root (default: the current folder)")
    parser.add_argument("--language", choices=MESSAGE_LANGUAGES, default=None, help=LANGUAGE_HELP)
    commands = parser.add_subparsers(dest="command", required=True)
    status_command = commands.add_parser("status", help="for each page and each plan: what is translated, stale or missing")
    status_command.add_argument("--format", choices=("text", "json"), default="text")
    fresh = commands.add_parser("mark-fresh", help="record that Welsh translations are up to date with their English")
    fresh.add_argument("targets", nargs="*", metavar="TARGET", help="a page, a section (PAGE#N), a plan, a data file, or a text (FILE#FIELD)")
    fresh.add_argument("--all", action="store_true", help="every translation (and forget fingerprints of what no longer exists)")
    fresh.add_argument("--welsh-unchanged", action="store_true", help="the English change needs no change to the Welsh (a typo corrected in the English): record it although the Welsh was not revised")
    export_command = commands.add_parser("export", help="write every missing and stale text to a CSV file (FILE.csv) or, for a CAT tool, an XLIFF 1.2 file (FILE.xlf)")
    export_command.add_argument("file", type=Path)
    import_command = commands.add_parser("import", help="write the translations of a filled-in export back (FILE.csv, or FILE.xlf from a CAT tool)")
    import_command.add_argument("file", type=Path)
    memory_command = commands.add_parser("memory", help="write every up-to-date English-Welsh pair to a translation memory (FILE.tmx, TMX 1.4)")
    memory_command.add_argument("file", type=Path)
    termbase_command = commands.add_parser("termbase", help="write the glossary (data/glossary.yml) to a termbase (FILE.tbx, TBX)")
    termbase_command.add_argument("file", type=Path)
    for command in (export_command, memory_command, termbase_command):
        command.add_argument("--replace", action="store_true", help="write over FILE if it exists (never over a file of the site)")
    for command in (status_command, fresh, export_command, import_command, memory_command, termbase_command):  # --language after the command's name too
        command.add_argument("--language", choices=MESSAGE_LANGUAGES, default=argparse.SUPPRESS, help=LANGUAGE_HELP)
    arguments = parser.parse_args(argv)
    if arguments.command == "mark-fresh" and not arguments.targets and not arguments.all:
        parser.error(Said("mark-fresh needs a TARGET, or --all", "mae angen TARGET (yr hyn i'w nodi), neu --all, ar mark-fresh"))
    return arguments


PREFIX = "python -m hooks.translations: "  # the start of the command's own errors


def main(argv=None) -> int:
    asked = language_asked(argv)
    _Parser.language = message_language(asked if asked in MESSAGE_LANGUAGES else None)
    try:
        arguments = _arguments(argv)
    except SystemExit as exit:
        return EXIT_DONE if exit.code == 0 else EXIT_USAGE
    language = arguments.language = message_language(arguments.language)
    root = Path(arguments.root)
    if not (root / "content").is_dir() or not (root / "data").is_dir():
        print(PREFIX + in_language(
            language,
            f"{root.resolve()} has no content/ and data/ folders: run it from the repository root, or give --root",
            f"nid oes ffolderi content/ a data/ yn {root.resolve()}: rhedwch y gorchymyn o ffolder gwraidd yr ystorfa, neu rhowch --root",
        ), file=sys.stderr)
        return EXIT_USAGE
    try:
        with _one_at_a_time(root):
            if recover(root):
                print(PREFIX + in_language(
                    language,
                    "an earlier import or mark-fresh was stopped before it finished; it has been undone, so every file is as it was before it.",
                    "cafodd mewnforio neu mark-fresh blaenorol ei atal cyn iddo orffen; mae wedi'i ddadwneud, felly mae pob ffeil fel yr oedd cyn hynny.",
                ), file=sys.stderr)
            return _checked_run(arguments, root)
    except UsageError as error:
        print(said(error, language, PREFIX), file=sys.stderr)
        return EXIT_USAGE
    except ContentError as error:
        for problem in error.problems:
            print(problem.as_text(language), file=sys.stderr)
        return EXIT_REFUSED
    except Refused as refusal:
        print(said(refusal, language), file=sys.stderr)
        return EXIT_REFUSED
    except (KeyboardInterrupt, Interrupted):
        print(PREFIX + in_language(
            language,
            "stopped; nothing was written, every file is as it was.",
            "wedi'i atal; ni ysgrifennwyd dim, mae pob ffeil fel yr oedd.",
        ), file=sys.stderr)
        return EXIT_REFUSED


def _checked_run(arguments, root: Path) -> int:
    language = arguments.language
    corpus = read_corpus(root)
    if corpus.problems and arguments.command in ("import", "mark-fresh", "memory", "termbase"):
        for problem in corpus.problems:
            print(problem.as_text(language), file=sys.stderr)
        print(in_language(
            language,
            f"The content has the problems above: fix them first ({command_line('hooks.check')} lists every problem).",
            f"Mae'r problemau uchod yn y cynnwys: cywirwch nhw yn gyntaf (mae {command_line('hooks.check')} yn rhestru pob problem).",
        ), file=sys.stderr)
        return EXIT_REFUSED
    store = Store.read(root)
    if store.problems and not (arguments.command == "mark-fresh" and arguments.all):
        for problem in store.problems:
            print(problem.as_text(language), file=sys.stderr)
        if arguments.command != "status":
            again = command_line('hooks.translations', 'mark-fresh', '--all')
            print(in_language(
                language,
                f"Fix the fingerprint file first, or run: {again}",
                f"Cywirwch ffeil yr olion bysedd yn gyntaf, neu rhedwch: {again}",
            ), file=sys.stderr)
            return EXIT_REFUSED
    return _run(arguments, corpus, store)


def _run(arguments, corpus: Corpus, store: Store) -> int:
    language = arguments.language
    # In Welsh a count follows a colon, so that no numeral mutates or pluralises its noun.
    if arguments.command == "status":
        groups = status(corpus, store)
        if arguments.format == "json":
            print(_status_json(groups))
        else:
            _print_status(groups, language)
        return EXIT_DONE if _clean(groups) else EXIT_REFUSED
    if arguments.command == "mark-fresh":
        recorded, messages = mark_fresh(corpus, store, arguments.targets, arguments.all, arguments.welsh_unchanged)
        for message in messages:
            print(say(message, language), file=sys.stderr)
        print(in_language(
            language,
            f"Marked {len(recorded)} translation{'s' if len(recorded) != 1 else ''} up to date in {fingerprints.STORE_PATH}.",
            f"Cyfieithiadau a nodwyd yn gyfredol yn {fingerprints.STORE_PATH}: {len(recorded)}.",
        ))
        refused = any(": not marked: the English of " in message for message in messages)
        return EXIT_REFUSED if refused or (messages and not recorded) else EXIT_DONE
    if arguments.command == "export":
        count = export(corpus, store, arguments.file, replace=arguments.replace)
        again = commands.suggest("hooks.translations", "import", str(arguments.file))
        again_cy = commands.suggest("hooks.translations", "import", str(arguments.file), language="cy")
        print(in_language(
            language,
            f"Exported {count} text{'s' if count != 1 else ''} to translate or confirm to {arguments.file}.",
            f"Testunau i'w cyfieithu neu eu cadarnhau a allforiwyd i {arguments.file}: {count}.",
        ))
        if arguments.file.suffix.lower() in XLIFF_SUFFIXES:
            print(in_language(
                language,
                "Open it in the CAT tool (memoQ, Trados), translate and confirm each unit, save the translated XLIFF, then run: " + again,
                "Agorwch hi yn yr offeryn CAT (memoQ, Trados), cyfieithwch a chadarnhewch bob uned, cadwch yr XLIFF wedi'i chyfieithu, yna rhedwch: " + again_cy,
            ))
            return EXIT_DONE
        print(in_language(
            language,
            "Fill in the 'welsh' column (leave a row empty to skip it), save as CSV UTF-8, then run: " + again,
            "Llenwch y golofn 'welsh' (gadewch res yn wag i'w hepgor), cadwch y ffeil fel CSV UTF-8, yna rhedwch: " + again_cy,
        ))
        return EXIT_DONE
    if arguments.command == "memory":
        count = memory(corpus, store, arguments.file, replace=arguments.replace)
        print(in_language(
            language,
            f"Wrote {count} up-to-date English-Welsh pair{'s' if count != 1 else ''} to the translation memory {arguments.file}.",
            f"Parau Saesneg-Cymraeg cyfredol a ysgrifennwyd i'r cof cyfieithu {arguments.file}: {count}.",
        ))
        return EXIT_DONE
    if arguments.command == "termbase":
        count = termbase(corpus.root, arguments.file, replace=arguments.replace)
        print(in_language(
            language,
            f"Wrote {count} term{'s' if count != 1 else ''} of {GLOSSARY} to the termbase {arguments.file}.",
            f"Termau o {GLOSSARY} a ysgrifennwyd i'r gronfa dermau {arguments.file}: {count}.",
        ))
        return EXIT_DONE
    if arguments.file.suffix.lower() in XLIFF_SUFFIXES + TOOLS_OWN_SUFFIXES:
        accepted, unfinished, notes = import_xliff(corpus, store, arguments.file)
        for note in notes:
            print(say(note, language))
        print(in_language(
            language,
            f"Imported {len(accepted)} translation{'s' if len(accepted) != 1 else ''} from {arguments.file}; {unfinished} unit{'s' if unfinished != 1 else ''} not finished in the CAT tool, left as they are.",
            f"Cyfieithiadau a fewnforiwyd o {arguments.file}: {len(accepted)}; unedau heb eu gorffen yn yr offeryn CAT, a adawyd fel yr oeddent: {unfinished}.",
        ))
        return EXIT_DONE
    rows = read_rows(arguments.file)
    accepted, refusals, empty = import_rows(corpus, store, rows)
    for refusal in refusals:
        print(in_language(language, f"refused: {refusal}", f"gwrthodwyd: {say(refusal, 'cy')}"), file=sys.stderr)
    print(in_language(
        language,
        f"Imported {len(accepted)} translation{'s' if len(accepted) != 1 else ''}; {empty} row{'s' if empty != 1 else ''} left empty; {len(refusals)} refused.",
        f"Cyfieithiadau a fewnforiwyd: {len(accepted)}; rhesi a adawyd yn wag: {empty}; rhesi a wrthodwyd: {len(refusals)}.",
    ))
    return EXIT_REFUSED if refusals else EXIT_DONE


if __name__ == "__main__":
    sys.exit(main())
