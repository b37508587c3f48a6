"""The translators' files for CAT tools: XLIFF 1.2 (export and import), TMX 1.4 and TBX.

- on a copy of the real site: an XLIFF export opens with translate-toolkit, is filled in,
  and imports back with a clean status and no other change;
- the files memoQ and Trados write back (tests/translator_files, written by hand in their
  shapes) import: their finished units only, Trados's segments joined, the notes shown;
- a malformed or hostile file (a DOCTYPE, entities, a processing instruction, not UTF-8, not
  XLIFF 1.2, script in a target, a unit for no text, a unit whose English changed, an inline
  tag) is refused with a message in English and Welsh naming the file and the unit, never a
  traceback, and nothing is written; the guard runs before translate-toolkit parses;
- the TMX holds every up-to-date pair of the real site, the TBX every glossary term;
- the CSV round trip is untouched (tests/test_translations_import.py, test_translation_gate.py).
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
from translate.storage import tbx, tmx, xliff

from hooks import translations, translator_formats
from hooks.checks import fingerprints
from hooks.checks.translation_checks import read_corpus
from hooks.model import strict_yaml
from hooks.translations import TEMPORARY
from test_translation_gate import NEW_WELSH_TEXT, fixture_site, snapshot

ROOT = Path(__file__).resolve().parent.parent
FILES = Path(__file__).resolve().parent / "translator_files"
SECTION, TEXT = "content/cy/index.md#2", "data/interface.yml#contact_note"
REVISED = "gyda'i gilydd, ac yn eu hadolygu bob blwyddyn."


def run(*arguments) -> tuple:
    """(exit status, stdout, stderr) of python -m hooks.translations, run in-process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = translations.main([str(a) for a in arguments])
    return status, out.getvalue(), err.getvalue()


def changed(before: dict, after: dict) -> set:
    return {path for path in set(before) | set(after) if before.get(path) != after.get(path)}


def temporaries(folder: Path) -> list:
    return [p for p in folder.rglob("*") if p.name.endswith(TEMPORARY)]


@pytest.fixture
def stale_site(tmp_path):
    """The gate fixture whose English paragraph (index.md#2) and data text (contact_note) changed."""
    return fixture_site(tmp_path, "translation-stale")


def exported(site: Path, tmp_path: Path) -> Path:
    path = tmp_path / "to-translate.xlf"
    status, out, err = run("--root", site, "export", path)
    assert status == 0, err
    return path


# --- The real site ------------------------------------------------------------------------------


def real_site_copy(tmp_path: Path) -> Path:
    site = tmp_path / "real"
    for folder in ("content", "data"):
        shutil.copytree(ROOT / folder, site / folder)
    return site


def test_an_xliff_of_the_real_site_round_trips_with_a_clean_status_and_no_other_change(tmp_path):
    site = real_site_copy(tmp_path)
    assert run("--root", site, "status")[0] == 0  # the real site is up to date
    # The English changes: a data text, and a paragraph of a page; and a Welsh page is missing.
    corpus = read_corpus(site)
    text = next(u for u in corpus.units() if u.key.startswith("data/interface.yml#"))
    interface = site / "data/interface.yml"
    source = interface.read_text("utf-8")
    assert source.count(text.en) == 1
    interface.write_text(source.replace(text.en, text.en + " Thank you", 1), "utf-8")
    about_en, about_cy = site / "content/en/about.md", site / "content/cy/about.md"
    english = about_en.read_text("utf-8")
    paragraph = "Every figure on the site comes from the plans themselves."
    assert paragraph in english
    about_en.write_text(english.replace(paragraph, paragraph + " They are checked every year.", 1), "utf-8")
    welsh_page = site / "content/cy/accessibility.md"
    welsh_page_text = welsh_page.read_text("utf-8")
    welsh_page.unlink()
    before = snapshot(site)

    path = exported(site, tmp_path)
    store = xliff.xlifffile(path.open("rb"))  # translate-toolkit opens it
    assert store.getsourcelanguage() == "en-GB" and store.gettargetlanguage() == "cy-GB"
    units = {unit.xmlelement.get("id"): unit for unit in store.getunits()}
    assert set(units) >= {text.key, "content/cy/about.md#1"} and any(key.startswith("content/cy/accessibility.md#") for key in units)
    for key, unit in units.items():
        element = unit.xmlelement
        assert element.get(f"{{{translator_formats.PLAN}}}fingerprint").startswith("en:")
        assert unit.getlocations(), key
    assert units[text.key].target == text.cy and units[text.key].get_target_dom().get("state") == "needs-review-translation"
    # The translator revises each unit and confirms it.
    welsh_sections = {u.key: u.cy for u in read_corpus(ROOT).units() if u.file == "content/cy/accessibility.md"}
    for key, unit in units.items():
        if key == text.key:
            unit.settarget(text.cy + " Diolch")
        elif key == "content/cy/about.md#1":
            unit.settarget(unit.target.replace("o'r cynlluniau eu hunain.", "o'r cynlluniau eu hunain. Cânt eu gwirio bob blwyddyn."))
        else:
            assert key.startswith("content/cy/accessibility.md#") and not unit.target
            unit.settarget(welsh_sections[key])
    filled = tmp_path / "translated.xlf"
    filled.write_bytes(bytes(store))

    status, out, err = run("--root", site, "import", filled)
    assert status == 0, err
    assert f"Imported {len(units)} translations" in out
    assert run("--root", site, "status")[0] == 0
    after = snapshot(site)
    assert changed(before, after) == {"data/interface.yml", "content/cy/about.md", "content/cy/accessibility.md", fingerprints.STORE_PATH}
    assert after["content/cy/accessibility.md"].decode("utf-8").strip() == welsh_page_text.strip()
    old, new = before["data/interface.yml"].decode().splitlines(), after["data/interface.yml"].decode().splitlines()
    assert len([1 for a, b in zip(old, new) if a != b]) == 1 and len(old) == len(new)
    assert read_corpus(site).problems == []


def test_every_text_of_the_real_site_survives_the_xliff_round_trip_byte_for_byte(tmp_path):
    """With no fingerprints recorded every text is exported (its Welsh as the target); confirmed as it
    is and imported, every page and data file is as it was: nothing is lost or changed on the way
    through translate-toolkit (Markdown, line breaks, quotes, Welsh letters)."""
    site = real_site_copy(tmp_path)
    (site / fingerprints.STORE_PATH).unlink()
    before = snapshot(site)
    path = exported(site, tmp_path)
    store = xliff.xlifffile(path.open("rb"))
    count = 0
    for unit in store.getunits():
        unit.settarget(unit.target)  # confirmed unchanged
        count += 1
    assert count == len(read_corpus(site).units()) > 700
    filled = tmp_path / "confirmed.xlf"
    filled.write_bytes(bytes(store))
    status, out, err = run("--root", site, "import", filled)
    assert status == 0, err
    assert f"Imported {count} translations" in out
    assert changed(before, snapshot(site)) == {fingerprints.STORE_PATH}
    assert run("--root", site, "status")[0] == 0


# --- memoQ and Trados ---------------------------------------------------------------------------


def test_the_fixtures_match_the_export_they_answer(stale_site, tmp_path):
    """The hand-written files carry the ids and fingerprints the export gives (else the tests below prove nothing)."""
    store = xliff.xlifffile(exported(stale_site, tmp_path).open("rb"))
    given = {u.xmlelement.get("id"): u.xmlelement.get(f"{{{translator_formats.PLAN}}}fingerprint") for u in store.getunits()}
    for name in ("memoq.xlf", "memoq-signed-off.xlf", "trados.xlf"):
        fixture = xliff.xlifffile((FILES / name).open("rb"))
        assert {u.xmlelement.get("id"): u.xmlelement.get(f"{{{translator_formats.PLAN}}}fingerprint") for u in fixture.getunits()} == given, name


def test_a_memoq_file_imports_its_confirmed_units_only(stale_site):
    before = snapshot(stale_site)
    status, out, err = run("--root", stale_site, "import", FILES / "memoq.xlf")
    assert status == 0, err
    assert "Imported 1 translation from" in out and "1 unit not finished in the CAT tool, left as they are" in out
    assert f"unit 2 (line 34): {TEXT}: the translator's note: \"o fewn wythnos\"" in out
    after = snapshot(stale_site)
    assert changed(before, after) == {"data/interface.yml", fingerprints.STORE_PATH}  # the section being edited is left
    assert strict_yaml.read(stale_site / "data/interface.yml").data["contact_note"]["cy"] == NEW_WELSH_TEXT
    stale = [u.key for u in read_corpus(stale_site).units() if fingerprints.freshness(u, fingerprints.Store.read(stale_site)).state != fingerprints.UP_TO_DATE]
    assert stale == [SECTION]


def test_a_memoq_file_signed_off_by_a_reviewer_imports_both_units(stale_site):
    before = snapshot(stale_site)
    status, out, err = run("--root", stale_site, "import", FILES / "memoq-signed-off.xlf")
    assert status == 0, err
    assert changed(before, snapshot(stale_site)) == {"data/interface.yml", "content/cy/index.md", fingerprints.STORE_PATH}
    assert REVISED in (stale_site / "content/cy/index.md").read_text("utf-8")
    assert run("--root", stale_site, "status")[0] == 0


def test_a_trados_file_imports_with_its_segments_joined(stale_site):
    before = snapshot(stale_site)
    status, out, err = run("--root", stale_site, "import", FILES / "trados.xlf")
    assert status == 0, err
    assert "Imported 2 translations" in out
    after = snapshot(stale_site)
    old, new = before["content/cy/index.md"].decode().splitlines(), after["content/cy/index.md"].decode().splitlines()
    assert [(a, b) for a, b in zip(old, new) if a != b] == [(old[11], old[11].replace("gyda'i gilydd.", REVISED))] and len(old) == len(new)
    assert run("--root", stale_site, "status")[0] == 0


def test_a_trados_segment_not_confirmed_leaves_its_unit(stale_site, tmp_path):
    text = (FILES / "trados.xlf").read_text("utf-8").replace('<sdl:seg id="5" conf="Translated"', '<sdl:seg id="5" conf="Draft"')
    draft = tmp_path / "draft.xlf"
    draft.write_text(text, "utf-8")
    before = snapshot(stale_site)
    status, out, err = run("--root", stale_site, "import", draft)
    assert status == 0, err
    assert "Imported 1 translation from" in out and "1 unit not finished" in out
    assert changed(before, snapshot(stale_site)) == {"data/interface.yml", fingerprints.STORE_PATH}


def test_an_untouched_export_imports_nothing(stale_site, tmp_path):
    """The current Welsh is exported to be revised: until the translator confirms it, it is not a translation."""
    before = snapshot(stale_site)
    status, out, err = run("--root", stale_site, "import", exported(stale_site, tmp_path))
    assert status == 0, err
    assert "Imported 0 translations" in out and "2 units not finished" in out
    assert snapshot(stale_site) == before


@pytest.mark.parametrize("suffix, tool", [(".sdlxliff", "Trados"), (".mqxliff", "memoQ")])
def test_the_tools_own_bilingual_files_are_refused_by_name(stale_site, tmp_path, suffix, tool):
    path = tmp_path / f"to-translate{suffix}"
    shutil.copy(FILES / "trados.xlf", path)
    status, _, err = run("--root", stale_site, "import", path)
    assert status == 2 and f"{path}: is {tool}'s own bilingual file" in err and "Traceback" not in err


# --- Refused files ------------------------------------------------------------------------------

MEMOQ = (FILES / "memoq-signed-off.xlf").read_bytes().decode("utf-8-sig")
OLD_ENGLISH = "Write to us in Welsh or in English and we will answer you in the language you choose."
LAUGHS = '<!DOCTYPE xliff [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'


def _in_target(text: str, key: str, old: str, new: str) -> str:
    start = text.index(f'id="{key}"')
    at = text.index(old, text.index("<target", start))
    return text[:at] + new + text[at + len(old):]


# case -> (the file's text or bytes, exit status, what the English message says, what the Welsh says)
REFUSED = {
    "a DOCTYPE with entities (billion laughs)": (
        MEMOQ.replace("<xliff ", LAUGHS + "<xliff ", 1).replace("o fewn wythnos yn", "o fewn wythnos &lol2; yn", 1),
        2, ": line 2: has a DOCTYPE (a document type declaration)", ": llinell 2: mae DOCTYPE (datganiad math o ddogfen) ynddi"),
    "an external entity": (
        MEMOQ.replace("<xliff ", '<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<xliff ', 1).replace("o fewn wythnos yn", "&secret;", 1),
        2, ": line 2: has a DOCTYPE", ": llinell 2: mae DOCTYPE"),
    "an entity that is not XML's own": (
        MEMOQ.replace("o fewn wythnos yn", "o fewn &wythnos; yn", 1),
        2, ": line 49: refers to an XML entity that is not one of XML's own", ": llinell 49: mae'n cyfeirio at endid XML nad yw'n un o rai XML ei hun"),
    "a processing instruction": (
        MEMOQ.replace("<xliff ", '<?xml-stylesheet href="http://attacker.example/x.xsl"?>\n<xliff ', 1),
        2, ": line 2: has a processing instruction", ": llinell 2: mae cyfarwyddyd prosesu"),
    "not UTF-8": (
        MEMOQ.encode("utf-8").replace("o fewn wythnos".encode(), "o fewn wythnos \xff".encode("latin-1"), 1),
        2, ": line 49: is not UTF-8 text: save it again from the CAT tool as UTF-8", ": llinell 49: nid yw'n destun UTF-8"),
    "not well-formed": (
        MEMOQ.replace("</source>", "", 1),
        2, ": line 46, column 9: is not well-formed XML (mismatched tag)", ": llinell 46, colofn 9: nid yw'n XML cywir"),
    "not XLIFF": (
        '<?xml version="1.0"?>\n<tmx version="1.4"><body/></tmx>\n',
        2, ": is not an XLIFF file (its root element is <tmx>)", ": nid yw'n ffeil XLIFF (<tmx> yw ei helfen wraidd)"),
    "XLIFF 2": (
        '<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en-GB" trgLang="cy-GB"><file id="f1"/></xliff>\n',
        2, ": is XLIFF version 2.0; the import reads XLIFF 1.2", ": mae'n XLIFF fersiwn 2.0"),
    "another language": (
        MEMOQ.replace('target-language="cy-GB"', 'target-language="ga-IE"', 1),
        2, ": line 3: translates from en-GB into ga-IE, not from English (en-GB) into Welsh (cy-GB)", ": llinell 3: mae'n cyfieithu o en-GB i ga-IE"),
    "script in a target": (
        _in_target(MEMOQ, SECTION, "&lt;!-- plan:plans --&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;\n\n&lt;!-- plan:plans --&gt;"),
        1, f": unit 1 (line 8): {SECTION}: line 18 of the target: ", f": uned 1 (llinell 8): {SECTION}: llinell 18 yn y targed: "),
    "a unit for a text that does not exist": (
        MEMOQ.replace(f'id="{TEXT}"', 'id="data/interface.yml#no_such_text"', 1),
        1, ": unit 2 (line 47): data/interface.yml#no_such_text: there is no such section or text now", ": uned 2 (llinell 47): data/interface.yml#no_such_text: nid oes adran na thestun o'r enw hwn bellach"),
    "a unit whose English changed since the export": (
        # the file was exported from an older English (without "within a week"): its source and fingerprint agree
        MEMOQ.replace('plan:fingerprint="en:8dc8e4635fe7"', f'plan:fingerprint="en:{fingerprints.fingerprint(OLD_ENGLISH)}"', 1).replace("we will answer you within a week", "we will answer you", 1),
        1, f": unit 2 (line 47): {TEXT}: the English has changed since the export: export again", f": uned 2 (llinell 47): {TEXT}: mae'r Saesneg wedi newid ers yr allforio"),
    "a source changed in the CAT tool": (
        MEMOQ.replace("we will answer you within a week", "we will answer you", 1),
        1, f": unit 2 (line 47): {TEXT}: its English (source) is not the English exported", f": uned 2 (llinell 47): {TEXT}: nid yr un Saesneg a allforiwyd"),
    "an inline tag": (
        _in_target(MEMOQ, TEXT, "o fewn wythnos", '<g id="1" ctype="bold">o fewn wythnos</g>'),
        1, f": unit 2 (line 47): {TEXT}: the Welsh (target) holds the inline tag <g> (line 49)", f": uned 2 (llinell 47): {TEXT}: mae'r tag mewnol <g> yn y Gymraeg (targed) (llinell 49)"),
    "tracked changes": (
        (FILES / "trados.xlf").read_text("utf-8").replace("ac yn eu hadolygu", 'ac yn eu <mrk mtype="x-sdl-added" sdl:revid="r1">hadolygu</mrk>', 1),
        1, f": unit 1 (line 9): {SECTION}: the Welsh (target) holds tracked changes of Trados", f": uned 1 (llinell 9): {SECTION}: mae newidiadau wedi'u tracio gan Trados"),
    "no XLIFF namespace": (
        MEMOQ.replace('xmlns="urn:oasis:names:tc:xliff:document:1.2"', "", 1),
        2, ": is not in the XLIFF 1.2 namespace (its root element is in no namespace)", ": nid yw yn ofod enwau XLIFF 1.2"),
    "an XML comment in a target": (
        _in_target(MEMOQ, TEXT, "o fewn wythnos", "o fewn <!-- pythefnos? --> wythnos"),
        1, f": unit 2 (line 47): {TEXT}: the Welsh (target) holds an XML comment", f": uned 2 (llinell 47): {TEXT}: mae sylw XML"),
    "a unit with no source": (
        MEMOQ.replace("<source>Write to us in Welsh or in English and we will answer you within a week in the language you choose.</source>", "", 1),
        1, f": unit 2 (line 47): {TEXT}: the unit has no English (source)", f": uned 2 (llinell 47): {TEXT}: nid oes Saesneg (ffynhonnell) yn yr uned"),
    "a lost fingerprint": (
        MEMOQ.replace(' plan:fingerprint="en:8dc8e4635fe7"', "", 1),
        1, f": unit 2 (line 47): {TEXT}: the unit has lost its plan:fingerprint attribute", f": uned 2 (llinell 47): {TEXT}: mae'r uned wedi colli ei phriodoledd plan:fingerprint"),
    "the same unit twice": (
        MEMOQ.replace("    </body>", MEMOQ[MEMOQ.index(f'      <trans-unit id="{TEXT}"'):MEMOQ.index("    </body>")] + "    </body>", 1),
        1, f": unit 3 (line 53): {TEXT}: the same text is in unit 2 (line 47) too: keep only one of the two units", f": uned 3 (llinell 53): {TEXT}: mae'r un testun yn uned 2 (llinell 47) hefyd: cadwch un o'r ddwy uned yn unig"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_malformed_or_hostile_file_is_refused_naming_the_file_and_unit_and_writes_nothing(stale_site, tmp_path, monkeypatch, case):
    content, expected_status, english, welsh = REFUSED[case]
    path = tmp_path / "returned.xlf"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    if expected_status == 2 and case not in ("not XLIFF", "XLIFF 2", "another language", "no XLIFF namespace"):
        # The guard refuses it before translate-toolkit (lxml) ever parses it.
        monkeypatch.setattr(translator_formats.xliff, "xlifffile", lambda *a, **k: pytest.fail("translate-toolkit was given a hostile file"))
    before = snapshot(stale_site)
    status, out, err = run("--root", stale_site, "import", path)
    assert status == expected_status, err
    assert f"{path}{english}" in err, err
    if expected_status == 1:
        assert err.rstrip().endswith(f"{path}: nothing was imported: a file from a CAT tool is imported whole or not at all. Fix the units above in the CAT tool, save the file again, then import it again."), err
    status_cy, _, err_cy = run("--root", stale_site, "--language", "cy", "import", path)
    assert status_cy == expected_status and f"{path}{welsh}" in err_cy, err_cy
    assert "Traceback" not in err + err_cy and "(yn Saesneg yn unig)" not in err_cy
    assert snapshot(stale_site) == before and temporaries(stale_site) == []


def test_an_xliff_whose_welsh_would_break_the_data_writes_nothing(stale_site, tmp_path):
    """The result is read back as the checks read it before anything is written, as for a CSV file."""
    path = tmp_path / "placeholder.xlf"
    path.write_text(_in_target(MEMOQ, TEXT, "o fewn wythnos", "o fewn {dim_ffigur} wythnos"), "utf-8")
    before = snapshot(stale_site)
    status, _, err = run("--root", stale_site, "import", path)
    assert status == 1, err
    assert err.startswith("data/interface.yml:7:3: figure-missing: the placeholder {dim_ffigur} has no figure"), err
    assert "Fix the units they come from in the CAT tool, save the file again, then import again." in err and "Traceback" not in err
    assert snapshot(stale_site) == before


def test_one_refused_unit_refuses_the_whole_file(stale_site, tmp_path):
    """The good unit of a file with a refused one is not imported either: a CAT tool's file is all or nothing."""
    path = tmp_path / "half.xlf"
    path.write_text(REFUSED["an inline tag"][0], "utf-8")
    before = snapshot(stale_site)
    status, _, err = run("--root", stale_site, "import", path)
    assert status == 1 and SECTION not in err  # the section is fine, and not imported
    assert snapshot(stale_site) == before


def test_an_xliff_import_that_cannot_write_leaves_every_file_as_it_was(stale_site, monkeypatch):
    """The same all-or-none writing as the CSV import (write_all): a disk full at the last rename undoes the others."""
    import os

    real, calls = os.replace, {"n": 0}

    def failing(source, target, *arguments, **keywords):
        calls["n"] += 1
        if calls["n"] == 3:  # the journal, the first file, then the second: fails
            raise OSError(28, "No space left on device", str(target))
        return real(source, target, *arguments, **keywords)

    before = snapshot(stale_site)
    monkeypatch.setattr(os, "replace", failing)
    status, _, err = run("--root", stale_site, "import", FILES / "trados.xlf")
    monkeypatch.setattr(os, "replace", real)
    assert status == 1 and "nothing was written; every file is as it was" in err and "Traceback" not in err
    assert snapshot(stale_site) == before and temporaries(stale_site) == []


# --- Export -------------------------------------------------------------------------------------


def test_an_xliff_export_holds_each_text_with_its_source_welsh_place_and_fingerprint(stale_site, tmp_path):
    (stale_site / "content/cy/pan-cluster-plan/2024-25.md").unlink()
    store = xliff.xlifffile(exported(stale_site, tmp_path).open("rb"))
    corpus = read_corpus(stale_site)
    units = {u.key: u for u in corpus.units()}
    read = {u.xmlelement.get("id"): u for u in store.getunits()}
    assert list(read) == [SECTION, "content/cy/pan-cluster-plan/2024-25.md#1", TEXT]
    for key, unit in read.items():
        site_unit = units[key]
        assert unit.source == site_unit.en
        assert unit.xmlelement.get(f"{{{translator_formats.PLAN}}}fingerprint") == f"en:{site_unit.en_fingerprint}"
        assert unit.xmlelement.get("approved") is None
        assert f"{site_unit.en_where[0]}:{site_unit.en_where[1]}" in unit.getlocations()
        assert f"English at {site_unit.en_where[0]}:{site_unit.en_where[1]}" in unit.getnotes() and "y Saesneg yn" in unit.getnotes()
    assert read[SECTION].target == units[SECTION].cy and read[SECTION].xmlelement.get(f"{{{translator_formats.PLAN}}}status") == "stale"
    missing = read["content/cy/pan-cluster-plan/2024-25.md#1"]
    assert missing.get_target_dom() is None and missing.xmlelement.get(f"{{{translator_formats.PLAN}}}status") == "missing"


@pytest.mark.parametrize("command, name, message", [
    ("export", "data/new.xlf", "is inside the site's data/ folder: write the export outside it, for example to-translate.xlf"),
    ("memory", "memory.csv", "a translation memory is a TMX file: give a file name ending in .tmx, for example welsh-memory.tmx"),
    ("termbase", "content/terms.tbx", "is inside the site's content/ folder: write the export outside it, for example welsh-terms.tbx"),
    ("termbase", "data/glossary.yml", "a termbase is a TBX file: give a file name ending in .tbx"),
])
def test_the_new_files_are_never_written_into_the_site(stale_site, command, name, message):
    before = snapshot(stale_site)
    status, _, err = run("--root", stale_site, command, stale_site / name, "--replace")
    assert status == 2 and err.startswith(f"python -m hooks.translations: {stale_site / name}: {message}"), err
    assert snapshot(stale_site) == before


def test_a_memory_or_termbase_never_replaces_a_file_unless_told(stale_site, tmp_path):
    for command, name in (("memory", "m.tmx"), ("termbase", "t.tbx")):
        path = tmp_path / name
        path.write_text("mine\n", "utf-8")
        status, _, err = run("--root", stale_site, command, path)
        assert status == 2 and "already exists" in err and path.read_text("utf-8") == "mine\n"
        assert run("--root", stale_site, command, path, "--replace")[0] == 0 and path.read_text("utf-8") != "mine\n"


def test_translate_toolkit_still_writes_xliff_2_notes_inside_the_segment():
    """Why only XLIFF 1.2 is exported: XLIFF 2.0 puts <notes> in <unit>, before its segments, and
    allows no xml:space on <segment>; translate-toolkit 3.20.4 writes both inside the segment.
    When this fails, the library has changed: consider offering XLIFF 2 (hooks/translator_formats.py)."""
    from translate.storage import xliff2

    store = xliff2.Xliff2File(sourcelanguage="en-GB", targetlanguage="cy-GB")
    unit = store.UnitClass("Wales")
    store.addunit(unit)
    unit.setid("u1")
    unit.settarget("Cymru")
    unit.addnote("a note")
    segment = unit.xmlelement
    assert segment.tag.endswith("}segment") and segment.find(f"{{{xliff2.Xliff2Unit.namespace}}}notes") is not None
    assert segment.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


# --- Translation memory and termbase ------------------------------------------------------------


def test_the_memory_of_the_real_site_holds_every_fresh_pair(tmp_path):
    path = tmp_path / "welsh-memory.tmx"
    status, out, err = run("--root", ROOT, "memory", path)
    assert status == 0, err
    corpus, store = read_corpus(ROOT), fingerprints.Store.read(ROOT)
    fresh = {u.key: (u.en, u.cy) for u in corpus.units() if u.en and u.cy and fingerprints.freshness(u, store).state == fingerprints.UP_TO_DATE}
    assert len(fresh) > 700
    memory = tmx.tmxfile(path.open("rb"))
    assert memory.getsourcelanguage() == "en-GB"
    held = {unit.getid(): (unit.source, unit.gettarget("cy-GB")) for unit in memory.units}
    assert held == fresh
    assert f"Wrote {len(fresh)} up-to-date English-Welsh pairs" in out


def test_the_memory_leaves_out_a_stale_pair(stale_site, tmp_path):
    path = tmp_path / "m.tmx"
    assert run("--root", stale_site, "memory", path)[0] == 0
    ids = {unit.getid() for unit in tmx.tmxfile(path.open("rb")).units}
    assert SECTION not in ids and TEXT not in ids and "content/cy/index.md#1" in ids


def test_the_termbase_holds_every_glossary_term_with_its_status_and_note(tmp_path):
    path = tmp_path / "welsh-terms.tbx"
    status, out, err = run("--root", ROOT, "termbase", path)
    assert status == 0, err
    glossary = strict_yaml.read(ROOT / "data/glossary.yml").data
    termbase = tbx.tbxfile(path.open("rb"), sourcelanguage="en-GB", targetlanguage="cy-GB")
    entries = [(unit.source, unit.target) for unit in termbase.units]
    expected = [(t["en"], t["cy"]) for t in glossary["terms"]] + [(name, name) for name in glossary["same_in_both"]]
    assert entries == expected
    for unit, term in zip(termbase.units, glossary["terms"]):
        assert [t.administrative_status for t in unit.get_source_terms() + unit.get_target_terms()] == ["preferredTerm-admn-sts"] * 2
        notes = unit.getnotes()
        assert f"Kind: {term['kind']}" in notes and "Glossary: data/glossary.yml:" in notes
        if term.get("note"):
            assert term["note"] in notes
    same = termbase.units[len(glossary["terms"]):]
    assert all("same_in_both" in unit.getnotes() for unit in same)
    assert {unit.source for unit in same if "english_names" in unit.getnotes()} == set(glossary["english_names"])
    assert f"Wrote {len(expected)} terms" in out
