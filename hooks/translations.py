"""`python -m hooks.translations`: the translators' commands.

  status                 for each page and each plan: what is translated, stale or missing
  mark-fresh TARGET...   record that Welsh translations are up to date with their English
  mark-fresh --all       ... every translation (and forget fingerprints of what is gone)
  export FILE.csv        every missing and stale text, for translators (opens in Excel)
  import FILE.csv        write the filled-in translations back, with their fingerprints

A TARGET is a page (content/cy/about.md, content/en/about.md or about.md), a section of one
(content/cy/about.md#2), a data file (data/interface.yml), a plan (upper-valleys/2022-23)
or one text (data/interface.yml#financial_year), as the checks name them.

Exit status: 0 done (status: everything up to date), 1 something was refused or is not up to
date, 2 a usage error. Every file is written atomically; a data file is edited in place,
only at the Welsh texts imported, so its comments and layout stay as they are.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import files, fingerprints, strict_yaml  # noqa: E402
from hooks.fingerprints import MISSING, NOT_RECORDED, STALE, UP_TO_DATE, Store, Unit  # noqa: E402
from hooks.problems import ContentError, Problem  # noqa: E402
from hooks.translation_checks import CONTENT, WELSH, Corpus, _markdown, read_corpus  # noqa: E402

EXIT_DONE, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

COLUMNS = ["key", "status", "english_at", "welsh_at", "english", "current_welsh", "welsh", "fingerprint"]


class UsageError(Exception):
    pass


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
            entry.note = "no English page"
        elif pair.cy is not None and not pair.aligned:
            entry.note = "its headings differ from the English: fix them first (hooks.check says where)"
    for unit in corpus.units():
        kind = "page" if unit.kind == "section" else ("plan" if not unit.group.startswith("data/") else "site texts")
        entry = group(unit.group, kind)
        state = fingerprints.freshness(unit, store, pairs).state
        entry.counts[state] += 1
        if state != UP_TO_DATE:
            entry.items.append((state, unit))
    order = {"page": 0, "plan": 1, "site texts": 2}
    return sorted(groups.values(), key=lambda g: (order[g.kind], g.name))


def _print_status(groups: list) -> None:
    headings = {"page": "Pages (content/en and content/cy)", "plan": "Plans (data/plans)", "site texts": "Site texts (data/)"}
    width = max([len(g.name) for g in groups] + [10]) + 2
    current = None
    for entry in groups:
        if entry.kind != current:
            current = entry.kind
            print(f"\n{headings[current]}")
            print(f"  {'':{width}}{'up to date':>11}{'stale':>7}{'unrecorded':>12}{'missing':>9}")
        counts = entry.counts
        line = f"  {entry.name:{width}}{counts[UP_TO_DATE]:>11}{counts[STALE]:>7}{counts[NOT_RECORDED]:>12}{counts[MISSING]:>9}"
        if entry.note:
            line += f"   ({entry.note})"
        print(line)
    pending = [(entry, state, unit) for entry in groups for state, unit in entry.items]
    if pending:
        print("\nTo translate or confirm:")
        for entry, state, unit in pending:
            print(f"  {state:>10}: {unit.key} ({unit.label}; English at {unit.en_where[0]}:{unit.en_where[1]})")
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


def mark_fresh(corpus: Corpus, store: Store, targets: list, everything: bool) -> tuple:
    """Record the named units as up to date; returns (keys recorded, messages about what was not)."""
    units = corpus.units()
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
            messages.append(f"{target}: the Welsh page's headings differ from the English: fix them first (python -m hooks.check says where)")
        elif key is None and store.keys_of(file) and pair is None and not (corpus.root / file).exists():
            forget |= set(store.keys_of(file))  # a page or file deleted in both languages: forget its fingerprints
        elif key is None and not (corpus.root / file).exists():
            raise UsageError(f"{target}: there is no such page, plan or data file")
        else:
            messages.append(f"{target}: there is no such translated section or text")
    for unit in chosen:
        if unit.cy is None or not unit.cy.strip():
            messages.append(f"{unit.key}: not marked: there is no Welsh yet ({unit.label})")
            continue
        store.record(unit)
        recorded.append(unit.key)
    for key in forget:
        store.forget(key)
    if recorded or forget:
        store.write()
    return recorded, messages


# --- Export -----------------------------------------------------------------------------------


def export(corpus: Corpus, store: Store, path: Path) -> int:
    pairs = fingerprints.pairs_of(store)
    rows = []
    for unit in corpus.units():
        state = fingerprints.freshness(unit, store, pairs).state
        if state == UP_TO_DATE:
            continue
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
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    files.replace(path, "\ufeff" + buffer.getvalue())  # UTF-8 with a byte-order mark: Excel then reads Welsh letters (ŵ, ŷ) correctly
    return len(rows)


# --- Import -----------------------------------------------------------------------------------


@dataclass
class Row:
    line: int
    key: str
    welsh: str
    fingerprint: str


def read_rows(path: Path) -> list:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: is not UTF-8 text: in Excel, save it as 'CSV UTF-8 (Comma delimited)'") from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)  # Excel saves with ; in some countries
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    missing = [column for column in ("key", "welsh", "fingerprint") if column not in (reader.fieldnames or [])]
    if missing:
        raise UsageError(f"{path}: is not an export of python -m hooks.translations (no column {', '.join(missing)})")
    rows = []
    for number, record in enumerate(reader, start=2):  # numbered as a spreadsheet shows them: the column names are row 1
        rows.append(Row(number, (record.get("key") or "").strip(), (record.get("welsh") or "").replace("\r\n", "\n").replace("\r", "\n"), (record.get("fingerprint") or "").strip()))
    return rows


def import_rows(corpus: Corpus, store: Store, rows: list) -> tuple:
    """Write the Welsh of each filled-in row, then record its fingerprint; returns (keys imported, refusals, rows left empty)."""
    units = {unit.key: unit for unit in corpus.units()}
    refusals, empty = [], 0
    texts: dict = defaultdict(dict)  # data file -> {field: Welsh}
    sections: dict = defaultdict(dict)  # page (inside content/<locale>/) -> {section index: Welsh}
    accepted = []
    for row in rows:
        if not row.welsh.strip():
            empty += 1
            continue
        unit = units.get(row.key)
        if unit is None:
            inner = row.key.split("#", 1)[0].removeprefix(f"{CONTENT}/{WELSH}/")
            pair = corpus.pages.get(inner)
            if pair is not None and pair.en is not None and pair.cy is not None and not pair.aligned:
                refusals.append(f"row {row.line}: {row.key}: the Welsh page's headings differ from the English: fix them first (python -m hooks.check says where)")
            else:
                refusals.append(f"row {row.line}: {row.key or '(no key)'}: there is no such section or text now (was it moved or deleted? export again)")
            continue
        if row.fingerprint.removeprefix("en:") != unit.en_fingerprint:
            refusals.append(f"row {row.line}: {row.key}: the English has changed since the export: export again and translate the new English")
            continue
        if unit.kind == "text":
            welsh = row.welsh.strip()
            if "\n" not in (unit.en or ""):
                welsh = " ".join(welsh.split("\n"))  # a line break typed in a cell, where the English has none
            texts[unit.file][unit.label] = welsh
        else:
            reason = _section_refusal(unit, row.welsh)
            if reason:
                refusals.append(f"row {row.line}: {row.key}: {reason}")
                continue
            inner = unit.file[len(f"{CONTENT}/{WELSH}/"):]
            sections[inner][int(unit.key.rsplit("#", 1)[1])] = row.welsh.strip("\n").rstrip()
        accepted.append(row.key)
    for inner, filled in list(sections.items()):
        pair = corpus.pages[inner]
        if pair.cy is None:
            needed = [u for u in units.values() if u.file == f"{CONTENT}/{WELSH}/{inner}"]
            if len(filled) < len(needed):
                refusals.append(f"{CONTENT}/{WELSH}/{inner}: the page does not exist yet, so every one of its {len(needed)} sections must be filled in ({len(filled)} are)")
                accepted = [key for key in accepted if not key.startswith(f"{CONTENT}/{WELSH}/{inner}#")]
                del sections[inner]
    for file, welsh in texts.items():
        edit_data_file(corpus.root, file, welsh)
    for inner, filled in sections.items():
        write_sections(corpus, inner, filled)
    if accepted:
        fresh = {unit.key: unit for unit in read_corpus(corpus.root).units()}
        for key in accepted:
            if key in fresh:
                store.record(fresh[key])
        store.write()
    return accepted, refusals, empty


def _section_refusal(unit: Unit, welsh: str) -> str:
    """Why a section's Welsh cannot replace the section, or "" if it can: its headings must match the English section's."""
    english = [t for t in _markdown().parse(unit.en or "") if t.type == "heading_open" and t.level == 0]
    translated = [t for t in _markdown().parse(welsh) if t.type == "heading_open" and t.level == 0]
    if [t.tag for t in english] != [t.tag for t in translated]:
        if english:
            return f"the Welsh must start with the section's heading ({'#' * int(english[0].tag[1])} ...) and hold no other heading"
        return "the Welsh of the top of the page must hold no heading"
    if english and translated[0].map[0] != 0:
        return "the Welsh must start with the section's heading"
    return ""


# --- Writing pages ----------------------------------------------------------------------------


def write_sections(corpus: Corpus, inner: str, filled: dict) -> None:
    """Replace the given sections of a Welsh page (or write the page, if it is new); no other line changes."""
    pair = corpus.pages[inner]
    path = corpus.root / CONTENT / WELSH / inner
    if pair.cy is None:
        text = "\n\n".join(filled[index] for index in sorted(filled)) + "\n"
        files.write_new(path, text)
        return
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
    files.replace(path, ("\ufeff" if bom else "") + text)


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
    path = root / relative
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    document = yaml.compose(text, Loader=yaml.SafeLoader)  # the Python composer: its marks count characters
    edits = []
    for field, welsh in welsh_by_field.items():
        node = _node_at(document, _field_parts(field) + ("cy",))
        if not isinstance(node, ScalarNode):
            raise ContentError([Problem(relative, None, "import-no-welsh", f"the text {field} has no Welsh (cy:) value to replace", "export again: the file has changed since")])
        start, end = node.start_mark.index, node.end_mark.index
        old = text[start:end]
        trailing = old[len(old.rstrip()) :]  # a block scalar's end includes its line breaks: keep them
        in_flow = _in_flow(text, start)
        edits.append((start, end, _yaml_scalar(welsh, node.style, in_flow) + trailing))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    _verify(relative, raw.decode("utf-8-sig"), text, welsh_by_field)
    files.replace(path, ("\ufeff" if bom else "") + text)


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
        raise RuntimeError(f"editing {relative} in place would change more than the Welsh texts imported; nothing was written to it")


# --- The command line -------------------------------------------------------------------------


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m hooks.translations", description="Translators' commands: status, mark-fresh, export and import.")
    parser.add_argument("--root", default=".", help="the repository root (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    status_command = commands.add_parser("status", help="for each page and each plan: what is translated, stale or missing")
    status_command.add_argument("--format", choices=("text", "json"), default="text")
    fresh = commands.add_parser("mark-fresh", help="record that Welsh translations are up to date with their English")
    fresh.add_argument("targets", nargs="*", metavar="TARGET", help="a page, a section (PAGE#N), a plan, a data file, or a text (FILE#FIELD)")
    fresh.add_argument("--all", action="store_true", help="every translation (and forget fingerprints of what no longer exists)")
    export_command = commands.add_parser("export", help="write every missing and stale text to a CSV file for translators")
    export_command.add_argument("file", type=Path)
    import_command = commands.add_parser("import", help="write the translations of a filled-in export back")
    import_command.add_argument("file", type=Path)
    arguments = parser.parse_args(argv)
    if arguments.command == "mark-fresh" and not arguments.targets and not arguments.all:
        parser.error("mark-fresh needs a TARGET, or --all")
    return arguments


def main(argv=None) -> int:
    try:
        arguments = _arguments(argv)
    except SystemExit as exit:
        return EXIT_DONE if exit.code == 0 else EXIT_USAGE
    root = Path(arguments.root)
    if not (root / "content").is_dir() or not (root / "data").is_dir():
        print(f"python -m hooks.translations: {root.resolve()} has no content/ and data/ folders: run it from the repository root, or give --root", file=sys.stderr)
        return EXIT_USAGE
    try:
        corpus = read_corpus(root)
        if corpus.problems and arguments.command in ("import", "mark-fresh"):
            for problem in corpus.problems:
                print(problem.as_text(), file=sys.stderr)
            print("The content has the problems above: fix them first (python -m hooks.check lists every problem).", file=sys.stderr)
            return EXIT_REFUSED
        store = Store.read(root)
        if store.problems and not (arguments.command == "mark-fresh" and arguments.all):
            for problem in store.problems:
                print(problem.as_text(), file=sys.stderr)
            if arguments.command != "status":
                print("Fix the fingerprint file first, or run: python -m hooks.translations mark-fresh --all", file=sys.stderr)
                return EXIT_REFUSED
        return _run(arguments, corpus, store)
    except UsageError as error:
        print(f"python -m hooks.translations: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as error:
        for problem in error.problems:
            print(problem.as_text(), file=sys.stderr)
        return EXIT_REFUSED


def _run(arguments, corpus: Corpus, store: Store) -> int:
    if arguments.command == "status":
        groups = status(corpus, store)
        if arguments.format == "json":
            print(_status_json(groups))
        else:
            _print_status(groups)
        return EXIT_DONE if _clean(groups) else EXIT_REFUSED
    if arguments.command == "mark-fresh":
        recorded, messages = mark_fresh(corpus, store, arguments.targets, arguments.all)
        for message in messages:
            print(message, file=sys.stderr)
        print(f"Marked {len(recorded)} translation{'s' if len(recorded) != 1 else ''} up to date in {fingerprints.STORE_PATH}.")
        return EXIT_REFUSED if messages and not recorded else EXIT_DONE
    if arguments.command == "export":
        count = export(corpus, store, arguments.file)
        print(f"Exported {count} text{'s' if count != 1 else ''} to translate or confirm to {arguments.file}.")
        print("Fill in the 'welsh' column (leave a row empty to skip it), save as CSV UTF-8, then run: python -m hooks.translations import " + str(arguments.file))
        return EXIT_DONE
    rows = read_rows(arguments.file)
    accepted, refusals, empty = import_rows(corpus, store, rows)
    for refusal in refusals:
        print(f"refused: {refusal}", file=sys.stderr)
    print(f"Imported {len(accepted)} translation{'s' if len(accepted) != 1 else ''}; {empty} row{'s' if empty != 1 else ''} left empty; {len(refusals)} refused.")
    return EXIT_REFUSED if refusals else EXIT_DONE


if __name__ == "__main__":
    sys.exit(main())
