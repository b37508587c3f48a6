"""The translators' import and export are safe at every edge.

- import is all or nothing: an error, a signal or a kill -9 at any point leaves every file
  all old or all new, and no temporary file; file modes are kept;
- a malformed file (bad encoding, wrong header, ragged rows, an oversized cell) is a clear
  message naming the row, not a traceback, and writes nothing;
- export never writes over a file that exists (unless --replace), a file git tracks, or a
  file inside content/, data/ or hooks/;
- cells a spreadsheet would read as formulas are exported quoted and imported exactly.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hooks.checks import fingerprints
from hooks import translations
from hooks.translations import JOURNAL, TEMPORARY
from test_translation_gate import NEW_WELSH_TEXT, fixture_site, quietly, read_export, snapshot, write_filled

ROOT = Path(__file__).resolve().parent.parent


def run(*arguments) -> tuple:
    """(exit status, stdout, stderr) of python -m hooks.translations, run in-process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = translations.main([str(a) for a in arguments])
    return status, out.getvalue(), err.getvalue()


def temporaries(site: Path) -> list:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.name.endswith(TEMPORARY))


# --- A filled-in export that changes four files ------------------------------------------------


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """(a site, its filled-in export, the site as the import leaves it): the import writes two
    existing pages and data files, one new page and the fingerprint file."""
    base = tmp_path_factory.mktemp("prepared")
    site = fixture_site(base, "translation-stale")
    welsh_page = site / "content/cy/pan-cluster-plan/2024-25.md"
    original = welsh_page.read_text("utf-8")
    welsh_page.unlink()
    export = base / "export.csv"
    assert run("--root", site, "export", export)[0] == 0
    rows = read_export(export)
    section, page, text = rows
    section["welsh"] = section["current_welsh"].replace("gyda'i gilydd.", "gyda'i gilydd, ac yn eu hadolygu bob blwyddyn.")
    page["welsh"] = original
    text["welsh"] = NEW_WELSH_TEXT
    filled = base / "filled.csv"
    write_filled(filled, rows)
    done = base / "done"
    shutil.copytree(site, done, symlinks=True)
    assert run("--root", done, "import", filled)[0] == 0
    return site, filled, snapshot(done)


def copy_of(prepared, tmp_path) -> tuple:
    site, filled, after = prepared
    copy = tmp_path / "site"
    shutil.copytree(site, copy, symlinks=True)
    return copy, filled, snapshot(copy), after


def assert_all_old_or_all_new(site: Path, before: dict, after: dict) -> str:
    now = snapshot(site)
    assert temporaries(site) == []
    if now == before:
        return "old"
    changed = {path for path in set(now) | set(after) if now.get(path) != after.get(path)}
    assert now == after, f"a mix of old and new files: differs from the new state at {sorted(changed)}"
    return "new"


def test_the_prepared_import_changes_four_files(prepared, tmp_path):
    site, filled, before, after = copy_of(prepared, tmp_path)
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    assert changed == {"content/cy/index.md", "content/cy/pan-cluster-plan/2024-25.md", "data/interface.yml", fingerprints.STORE_PATH}


@pytest.mark.parametrize("function", ["replace", "link", "write", "fsync"])
def test_an_error_at_any_step_of_writing_leaves_every_file_as_it_was(prepared, tmp_path, monkeypatch, function):
    real = getattr(os, function)
    for k in range(1, 40):
        site, filled, before, after = copy_of(prepared, tmp_path / f"{function}-{k}")
        calls = {"n": 0}

        def failing(*arguments, **keywords):
            calls["n"] += 1
            if calls["n"] == k:
                raise OSError(28, "No space left on device", str(arguments[0]) if arguments and isinstance(arguments[0], (str, Path)) else None)
            return real(*arguments, **keywords)

        monkeypatch.setattr(os, function, failing)
        status, _, err = run("--root", site, "import", filled)
        monkeypatch.setattr(os, function, real)
        state = assert_all_old_or_all_new(site, before, after)
        assert not (site / JOURNAL).exists()
        if state == "old":
            assert status == 1 and "nothing was written; every file is as it was" in err and "Traceback" not in err
        if calls["n"] < k:  # the import made fewer calls than k: every step has been tried
            assert state == "new" and status == 0
            break
    else:
        pytest.fail("the import made more calls than expected")


def test_ctrl_c_at_any_step_of_writing_leaves_every_file_as_it_was(prepared, tmp_path, monkeypatch):
    real = os.replace
    for k in range(1, 10):
        site, filled, before, after = copy_of(prepared, tmp_path / f"interrupt-{k}")
        calls = {"n": 0}

        def interrupted(*arguments):
            calls["n"] += 1
            if calls["n"] == k:
                raise KeyboardInterrupt
            return real(*arguments)

        monkeypatch.setattr(os, "replace", interrupted)
        status, _, err = run("--root", site, "import", filled)
        monkeypatch.setattr(os, "replace", real)
        state = assert_all_old_or_all_new(site, before, after)
        if calls["n"] < k:
            assert state == "new"
            break
        assert state == "old" and status == 1 and "stopped; nothing was written" in err


KILLER = """
import os, sys
sys.path.insert(0, {root!r})
k = int(sys.argv[1])
calls = [0]
def wrap(real):
    def step(*arguments, **keywords):
        calls[0] += 1
        if calls[0] == k:
            os._exit(137)  # as kill -9: no clean-up at all
        return real(*arguments, **keywords)
    return step
from hooks import translations
for name in ("replace", "link", "unlink", "write", "fsync", "rmdir"):
    setattr(os, name, wrap(getattr(os, name)))
sys.exit(translations.main(sys.argv[2:]))
"""


def test_a_kill_at_any_step_is_undone_by_the_next_command(prepared, tmp_path):
    """A kill -9 at each step in turn (simulated exactly: the process ends there, with no clean-up)."""
    script = tmp_path / "killer.py"
    script.write_text(KILLER.format(root=str(ROOT)), "utf-8")
    states = set()
    for k in range(1, 80):
        site, filled, before, after = copy_of(prepared, tmp_path / f"kill-{k}")
        killed = subprocess.run([sys.executable, str(script), str(k), "--root", str(site), "import", str(filled)], capture_output=True, text=True)
        if killed.returncode != 137:
            assert killed.returncode == 0, killed.stderr
            assert assert_all_old_or_all_new(site, before, after) == "new"
            break
        status, _, err = run("--root", site, "status")  # any command first undoes an unfinished import
        states.add(assert_all_old_or_all_new(site, before, after))
        assert not (site / JOURNAL).exists()
    else:
        pytest.fail("the import made more steps than expected")
    assert states == {"old", "new"}  # killed before the journal says "done": undone; after: kept


def test_an_import_killed_at_random_moments(prepared, tmp_path):
    """A real kill -9 of the command, at random moments over the time it takes."""
    site, filled, before, after = copy_of(prepared, tmp_path / "timing")
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "hooks.translations", "--root", str(site), "import", str(filled)], cwd=ROOT, check=True, capture_output=True)
    took = time.monotonic() - started
    chance = random.Random(20240601)
    for attempt in range(12):
        site, filled, before, after = copy_of(prepared, tmp_path / f"random-{attempt}")
        process = subprocess.Popen([sys.executable, "-m", "hooks.translations", "--root", str(site), "import", str(filled)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.5, 1.0) * took)
        process.kill()
        process.wait()
        assert run("--root", site, "status")[0] in (0, 1)
        assert_all_old_or_all_new(site, before, after)
        assert not (site / JOURNAL).exists()


def test_an_import_keeps_each_files_mode(prepared, tmp_path):
    site, filled, before, after = copy_of(prepared, tmp_path)
    modes = {"data/interface.yml": 0o644, "content/cy/index.md": 0o640, fingerprints.STORE_PATH: 0o664}
    for relative, mode in modes.items():
        os.chmod(site / relative, mode)
    assert run("--root", site, "import", filled)[0] == 0
    assert {relative: (site / relative).stat().st_mode & 0o777 for relative in modes} == modes
    assert assert_all_old_or_all_new(site, before, after) == "new"


def test_mark_fresh_keeps_the_fingerprint_files_mode(tmp_path):
    site = fixture_site(tmp_path, "translation-stale")
    os.chmod(site / fingerprints.STORE_PATH, 0o644)
    assert run("--root", site, "mark-fresh", "--all", "--welsh-unchanged")[0] == 0  # the fixture changes the English only
    assert (site / fingerprints.STORE_PATH).stat().st_mode & 0o777 == 0o644
    assert temporaries(site) == []


def test_an_import_whose_result_would_have_problems_writes_nothing(prepared, tmp_path):
    site, filled, before, after = copy_of(prepared, tmp_path)
    rows = read_export(filled)
    for row in rows:
        if row["key"] == "data/interface.yml#contact_note":
            row["welsh"] = row["welsh"] + " {dim_ffigur}"  # a figure that does not exist: the data would not load
    broken = tmp_path / "broken.csv"
    write_filled(broken, rows)
    status, _, err = run("--root", site, "import", broken)
    assert status == 1, err
    assert err.startswith("data/interface.yml:7:3: figure-missing: the placeholder {dim_ffigur} has no figure"), err
    assert "Nothing was imported: with these translations the files would have the problems above" in err and "Traceback" not in err
    assert snapshot(site) == before


# --- Malformed files ---------------------------------------------------------------------------


def export_text(prepared) -> str:
    return prepared[1].read_bytes().decode("utf-8-sig")


MALFORMED = {
    "bad encoding": (lambda text: ("\ufeff" + text).encode("utf-8").replace("Ysgrifennwch".encode(), b"Ysgrifennwch \xff\xfe", 1), "is not UTF-8 text: in Excel, save it as 'CSV UTF-8 (Comma delimited)'"),
    "wrong header": (lambda text: _rename_column(text, "fingerprint", "finger").encode(), "row 1: is not an export of python -m hooks.translations (no column fingerprint): row 1 must hold the column names of the export"),
    "no header": (lambda text: b"", "row 1: is not an export of python -m hooks.translations (no column key, welsh, fingerprint)"),
    "doubled column": (lambda text: _rename_column(text, "status", "welsh").encode(), "row 1: the column welsh is there twice: delete one of them"),
    "ragged, a cell short": (lambda text: text.replace(',"en:', ',"', 1).replace('","', ',', 0).encode() if False else _drop_last_cell(text, 3).encode(), "row 3: has 7 cells where row 1 has 8 column names"),
    "ragged, a cell more": (lambda text: _add_cell(text, 2).encode(), "row 2: has 9 cells where row 1 has 8 column names"),
    "oversized cell": (lambda text: (text + '"content/cy/index.md#2","stale","","","","","' + "x" * 140_000 + '","en:0"\r\n').encode(), "row 5: a cell is longer than 131,072 characters"),
    "unclosed quote": (lambda text: (text + '"data/interface.yml#contact_note","stale","","","","","' + "Hanner ffordd" * 12_000).encode(), "row 5: a cell is longer than 131,072 characters, far longer than any text of the site: a double quote (\") left open"),
}


def _records(text: str) -> list:
    import csv

    return list(csv.reader(io.StringIO(text, newline="")))


def _rewrite(records: list) -> str:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(records)
    return buffer.getvalue()


def _rename_column(text: str, old: str, new: str) -> str:
    records = _records(text)
    records[0] = [new if name == old else name for name in records[0]]
    return _rewrite(records)


def _drop_last_cell(text: str, row: int) -> str:
    records = _records(text)
    records[row - 1] = records[row - 1][:-1]
    return _rewrite(records)


def _add_cell(text: str, row: int) -> str:
    records = _records(text)
    records[row - 1] = records[row - 1] + ["extra"]
    return _rewrite(records)


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_file_is_a_clear_message_naming_the_row(prepared, tmp_path, case):
    make, message = MALFORMED[case]
    site, filled, before, after = copy_of(prepared, tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(make(export_text(prepared)))
    status, out, err = run("--root", site, "import", bad)
    assert status == 2, err
    assert err.startswith(f"python -m hooks.translations: {bad}: ")
    assert message in err, err
    if case == "bad encoding":
        raw = bad.read_bytes()
        line = raw[: raw.index(b"\xff")].count(b"\n") + 1
        assert f": line {line}: is not UTF-8" in err
    assert "Traceback" not in err
    assert snapshot(site) == before and temporaries(site) == []


@pytest.mark.parametrize("case", ["oversized cell", "unclosed quote"])
def test_an_oversized_cell_is_refused_whatever_the_csv_modules_limit(prepared, tmp_path, case):
    """The csv module's limit is one setting for the whole process, and a library may raise it
    (frictionless does when it is imported): the import holds cells to its own limit."""
    import csv

    make, message = MALFORMED[case]
    site, filled, before, after = copy_of(prepared, tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(make(export_text(prepared)))
    limit = csv.field_size_limit(sys.maxsize)
    try:
        status, out, err = run("--root", site, "import", bad)
    finally:
        csv.field_size_limit(limit)
    assert status == 2, err
    assert message in err, err
    assert snapshot(site) == before and temporaries(site) == []


def test_a_control_character_in_the_welsh_is_refused(prepared, tmp_path):
    site, filled, before, after = copy_of(prepared, tmp_path)
    records = _records(export_text(prepared))
    records[3][6] = records[3][6].replace("Ysgrifennwch", "Ysgrif\x00ennwch")
    bad = tmp_path / "nul.csv"
    bad.write_bytes(_rewrite(records).encode())
    status, _, err = run("--root", site, "import", bad)
    assert status == 1
    assert "refused: row 4: data/interface.yml#contact_note: the Welsh holds an invisible control character (U+0000), which is not text: retype the cell, or copy it from the English again" in err
    assert (site / "data/interface.yml").read_bytes() == before["data/interface.yml"]


def test_a_row_given_twice_is_refused(prepared, tmp_path):
    site, filled, before, after = copy_of(prepared, tmp_path)
    records = _records(export_text(prepared))
    twice = tmp_path / "twice.csv"
    twice.write_bytes(_rewrite(records + [records[3]]).encode())
    status, _, err = run("--root", site, "import", twice)
    assert status == 1
    assert "refused: row 5: data/interface.yml#contact_note: the same text is in row 4 too: keep only one of the two rows" in err


# --- Export ------------------------------------------------------------------------------------


def test_export_refuses_an_existing_file_unless_told_to_replace_it(tmp_path):
    site = fixture_site(tmp_path, "translation-stale")
    export = tmp_path / "to-translate.csv"
    export.write_text("my notes\n", "utf-8")
    status, _, err = run("--root", site, "export", export)
    assert status == 2
    assert err == f"python -m hooks.translations: {export}: already exists: choose another name, or add --replace to write over it\n"
    assert export.read_text("utf-8") == "my notes\n"
    os.chmod(export, 0o644)
    assert run("--root", site, "export", export, "--replace")[0] == 0
    assert read_export(export) and export.stat().st_mode & 0o777 == 0o644
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("target, message", [
    ("data/glossary.yml", "an export is a CSV file: give a file name ending in .csv, for example to-translate.csv"),
    ("data/new.csv", "is inside the site's data/ folder: write the export outside it, for example to-translate.csv"),
    ("content/cy/export.csv", "is inside the site's content/ folder: write the export outside it"),
    ("hooks/export.csv", "is inside the site's hooks/ folder: write the export outside it"),
    ("content", "an export is a CSV file"),
])
def test_export_never_writes_into_the_site(tmp_path, target, message):
    site = fixture_site(tmp_path, "translation-stale")
    (site / "hooks").mkdir(exist_ok=True)
    before = snapshot(site)
    status, _, err = run("--root", site, "export", site / target, "--replace")
    assert status == 2
    assert err.startswith(f"python -m hooks.translations: {site / target}: {message}") and err.count("\n") == 1
    assert snapshot(site) == before


def test_export_glossary_is_refused_from_the_repository_root(tmp_path):
    site = fixture_site(tmp_path, "translation-stale")
    before = snapshot(site)
    result = subprocess.run([sys.executable, "-m", "hooks.translations", "--root", str(site), "export", "data/glossary.yml", "--replace"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "data/glossary.yml: an export is a CSV file" in result.stderr
    assert snapshot(site) == before
    assert subprocess.run(["git", "diff", "--quiet", "--", "data/glossary.yml"], cwd=ROOT).returncode == 0


def test_export_never_replaces_a_file_git_tracks(tmp_path):
    site = fixture_site(tmp_path, "translation-stale")
    folder = tmp_path / "repository"
    folder.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    tracked = folder / "tracked.csv"
    tracked.write_text("kept in git\n", "utf-8")
    subprocess.run(["git", "add", "tracked.csv"], cwd=folder, check=True)
    status, _, err = run("--root", site, "export", tracked, "--replace")
    assert status == 2
    assert err == f"python -m hooks.translations: {tracked}: is a file kept in git, which an export must never replace: choose another name\n"
    assert tracked.read_text("utf-8") == "kept in git\n"


# --- Formula cells -----------------------------------------------------------------------------

HOSTILE_WELSH = [
    "=HYPERLINK(\"https://attacker.example\", \"Cliciwch yma\")",
    "+Ysgrifennwch atom yn Gymraeg",
    "-Ysgrifennwch atom yn Gymraeg",
    "@Ysgrifennwch atom yn Gymraeg",
    "'Ysgrifennwch' atom yn Gymraeg",
    "''Ysgrifennwch atom",
]


@pytest.mark.parametrize("welsh", HOSTILE_WELSH)
def test_formula_cells_are_exported_quoted_and_imported_exactly(tmp_path, welsh):
    site = fixture_site(tmp_path, "translation-stale")
    interface = site / "data/interface.yml"
    old = "Ysgrifennwch atom yn Gymraeg neu yn Saesneg a byddwn yn eich ateb yn yr iaith a ddewiswch."
    interface.write_text(interface.read_text("utf-8").replace(f'"{old}"', '"' + welsh.replace('"', '\\"') + '"'), "utf-8")
    export = tmp_path / "export.csv"
    assert run("--root", site, "export", export)[0] == 0
    raw = export.read_bytes().decode("utf-8-sig")
    (row,) = [r for r in _records(raw) if r[0] == "data/interface.yml#contact_note"]
    assert row[5] == "'" + welsh  # current_welsh: quoted, so no spreadsheet runs it
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    # The translator keeps the Welsh as it is: copied from current_welsh into welsh.
    records = _records(raw)
    for record in records[1:]:
        record[6] = record[5] if record[0] == "data/interface.yml#contact_note" else ""
    filled = tmp_path / "filled.csv"
    filled.write_bytes(("\ufeff" + _rewrite(records)).encode())
    status, _, err = run("--root", site, "import", filled)
    assert status == 0, err
    from hooks.model import strict_yaml

    assert strict_yaml.read(interface, "data/interface.yml").data["contact_note"]["cy"] == welsh


# --- Active content ----------------------------------------------------------------------------


@pytest.mark.parametrize("hostile, rule", [
    ("<script>alert(1)</script>", "page-active-element"),
    ("[Cliciwch yma](javascript:alert(1))", "page-unsafe-address"),
    ("<img src=x onerror=alert(1)>", "page-event-handler"),
    ("[Cliciwch](about.md){: onclick=\"alert(1)\" }", "page-event-handler"),
    ("Ysgrif\u202eennwch", "text-invisible-character"),
])
def test_a_row_that_would_bring_active_content_into_a_page_is_refused(prepared, tmp_path, hostile, rule):
    site, filled, before, after = copy_of(prepared, tmp_path)
    rows = read_export(filled)
    for row in rows:
        if row["key"] == "content/cy/index.md#2":
            row["welsh"] = row["welsh"] + "\n\n" + hostile
    bad = tmp_path / "hostile.csv"
    write_filled(bad, rows)
    status, _, err = run("--root", site, "import", bad)
    assert status == 1
    (line,) = [line for line in err.splitlines() if line.startswith("refused: row 2: ")]
    assert line.startswith("refused: row 2: content/cy/index.md#2: line ") and line.endswith(f" ({rule})"), line
    assert "Traceback" not in err
    now = snapshot(site)
    assert now["content/cy/index.md"] == before["content/cy/index.md"]  # the refused row wrote nothing
    assert hostile.split("(")[0] not in now["content/cy/index.md"].decode("utf-8")
    assert temporaries(site) == []
