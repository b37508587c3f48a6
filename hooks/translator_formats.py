"""The files translators' tools (CAT tools: memoQ, Trados) read and write: XLIFF, TMX and TBX.

- XLIFF 1.2 (export and import): one unit (trans-unit) per text or page section, its English
  source, its current Welsh as the target where there is one, where it comes from (a location
  context group and a note), and as its metadata the fingerprint of the English it was exported
  from (the attribute plan:fingerprint) and its state (plan:status). Its id is the unit's key.
- TMX 1.4 (export): every English-Welsh pair that is up to date, for a translation memory.
- TBX (export): the glossary (data/glossary.yml), for a termbase: each term in both languages
  with its status and its note.

Every file is written and read with translate-toolkit (translate.storage.xliff, .tmx, .tbx).
XLIFF 2 is not offered: translate-toolkit 3.20.4's writer (translate.storage.xliff2) puts a
unit's notes and xml:space inside its <segment>, which XLIFF 2.0 does not allow, and has no
support for the metadata module a unit's fingerprint would need; every CAT tool reads XLIFF
1.2. An XLIFF 2 file given to the import is refused with a message saying so (a test watches
the library, to offer XLIFF 2 once it writes it correctly).
translate-toolkit parses with lxml, entities not resolved and no network; before any file is
given to it, read_xml checks the bytes with expat and refuses a DOCTYPE, an entity declaration,
an entity reference that is not one of XML's own five, a processing instruction, a text that
is not UTF-8, and XML that is not well formed. So no entity is ever expanded and nothing
outside the file is ever read.

A unit's Welsh is read from the elements themselves, not from translate-toolkit's target text,
which flattens inline tags into text: a tag the site's texts cannot hold is refused, never
dropped silently. What is accepted, and why, is said at read_xliff.

The module knows nothing of the site's files: hooks.translations gives it the units and writes
what it returns (all or nothing), and turns its refusals (Unreadable, and each unit's
problems) into messages. Every message is given in English and in Welsh.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.parsers import expat

from lxml import etree
from translate.storage import tbx, tmx, xliff

from hooks.checks.fingerprints import fingerprint

SOURCE_LANGUAGE = "en-GB"
TARGET_LANGUAGE = "cy-GB"

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
PLAN = "urn:x-primary-care-plans:translation"  # this site's unit metadata
MEMOQ = "MQXliff"  # memoQ's namespace (mq:status, mq:percent, ...)
TRADOS = "http://sdl.com/FileTypes/SdlXliff/1.0"  # Trados's namespace (sdl:seg-defs, ...)

NOTE_FROM = "hooks.translations"  # the notes this site writes (others are the translator's)


class Unreadable(Exception):
    """A file that cannot be read as a whole: english and welsh say why and how to fix it."""

    def __init__(self, english: str, welsh: str):
        super().__init__(english)
        self.english, self.welsh = english, welsh


# --- Reading XML safely ---------------------------------------------------------------------


@dataclass
class Root:
    """The root element of an XML file: its namespace, its name, its version attribute."""

    namespace: str
    name: str
    version: str


def read_xml(raw: bytes) -> Root:
    """Check that an XML file is safe to give to lxml (else Unreadable, saying where it is not); returns its root element."""
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise Unreadable(
            f"line {line}: is not UTF-8 text: save it again from the CAT tool as UTF-8",
            f"llinell {line}: nid yw'n destun UTF-8: cadwch hi eto o'r offeryn CAT fel UTF-8",
        ) from None
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    roots = []

    def element(name, attributes):
        if not roots:
            namespace, _, local = name.rpartition(" ")
            roots.append(Root(namespace, local, attributes.get("version", "")))

    def refuse(english: str, welsh: str):
        def handler(*arguments):
            line = parser.CurrentLineNumber
            raise Unreadable(f"line {line}: {english}", f"llinell {line}: {welsh}")
        return handler

    hostile = (
        "an XLIFF file from a CAT tool holds none, and it could make the file read other files or grow without end: "
        "export again, or save the file again from the CAT tool"
    )
    hostile_cy = (
        "nid oes un mewn ffeil XLIFF o offeryn CAT, a gallai wneud i'r ffeil ddarllen ffeiliau eraill neu dyfu heb ddiwedd: "
        "allforiwch eto, neu cadwch y ffeil eto o'r offeryn CAT"
    )
    parser.StartDoctypeDeclHandler = refuse(f"has a DOCTYPE (a document type declaration): {hostile}", f"mae DOCTYPE (datganiad math o ddogfen) ynddi: {hostile_cy}")
    parser.EntityDeclHandler = refuse(f"declares an XML entity: {hostile}", f"mae'n datgan endid XML: {hostile_cy}")
    parser.ExternalEntityRefHandler = refuse(f"refers to an external entity: {hostile}", f"mae'n cyfeirio at endid allanol: {hostile_cy}")
    parser.ProcessingInstructionHandler = refuse(f"has a processing instruction (<?...?>): {hostile}", f"mae cyfarwyddyd prosesu (<?...?>) ynddi: {hostile_cy}")

    def declaration(version, encoding, standalone):
        if encoding and encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise Unreadable(
                f"line 1: says it is written in {encoding}, not UTF-8: save it again from the CAT tool as UTF-8",
                f"llinell 1: mae'n dweud ei bod wedi'i hysgrifennu yn {encoding}, nid UTF-8: cadwch hi eto o'r offeryn CAT fel UTF-8",
            )

    parser.XmlDeclHandler = declaration
    parser.StartElementHandler = element
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as error:
        reason = expat.errors.messages[error.code] if error.code in expat.errors.messages else str(error)
        if error.code == expat.errors.codes[expat.errors.XML_ERROR_UNDEFINED_ENTITY]:
            raise Unreadable(
                f"line {error.lineno}: refers to an XML entity that is not one of XML's own (&amp; &lt; &gt; &quot; &apos;): {hostile}",
                f"llinell {error.lineno}: mae'n cyfeirio at endid XML nad yw'n un o rai XML ei hun (&amp; &lt; &gt; &quot; &apos;): {hostile_cy}",
            ) from None
        raise Unreadable(
            f"line {error.lineno}, column {error.offset + 1}: is not well-formed XML ({reason}): save it again from the CAT tool, or export again",
            f"llinell {error.lineno}, colofn {error.offset + 1}: nid yw'n XML cywir (neges y system: {reason}): cadwch hi eto o'r offeryn CAT, neu allforiwch eto",
        ) from None
    return roots[0]


# --- XLIFF: writing -------------------------------------------------------------------------


@dataclass
class ExportUnit:
    """One text or page section to translate, as an XLIFF unit holds it."""

    key: str
    status: str  # "stale", "not recorded" or "missing"
    english: str
    welsh: str  # the current Welsh, or "" where there is none
    fingerprint: str  # "en:" and the English's fingerprint
    english_at: str  # "content/en/about.md:12"
    welsh_at: str
    note: str  # what it is and why it is exported, in Welsh and English


class _Xliff12Unit(xliff.xliffunit):
    """translate-toolkit's XLIFF 1.x unit, in the XLIFF 1.2 namespace."""

    namespace = XLIFF_12


class _Xliff12File(xliff.xlifffile):
    """translate-toolkit's XLIFF 1.x store, written as XLIFF 1.2 with this site's namespace declared."""

    UnitClass = _Xliff12Unit

    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version="1.2" xmlns="{XLIFF_12}" xmlns:plan="{PLAN}">
<file original="primary-care-plans" source-language="{SOURCE_LANGUAGE}" target-language="{TARGET_LANGUAGE}" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""
    namespace = XLIFF_12


# A unit's state in the export: a Welsh that exists is to be revised; a missing one, translated.
EXPORT_STATES = {"stale": "needs-review-translation", "not recorded": "needs-review-translation", "missing": "needs-translation"}


def xliff_text(units: list) -> str:
    """An XLIFF 1.2 document of the units, as text (UTF-8 when written)."""
    store = _Xliff12File(sourcelanguage=SOURCE_LANGUAGE, targetlanguage=TARGET_LANGUAGE)
    for item in units:
        unit = store.UnitClass(item.english)
        store.addunit(unit)
        unit.setid(item.key)
        unit.xmlelement.set("resname", item.key)
        unit.xmlelement.set(f"{{{PLAN}}}fingerprint", item.fingerprint)
        unit.xmlelement.set(f"{{{PLAN}}}status", item.status)
        if item.welsh:
            unit.settarget(item.welsh)  # translate-toolkit then marks it translated and approved: it is not, yet
            unit.xmlelement.attrib.pop("approved", None)
            unit.get_target_dom().set("state", EXPORT_STATES[item.status])
        unit.addnote(item.note, origin=NOTE_FROM)
        unit.createcontextgroup("english", [("sourcefile", item.english_at.rsplit(":", 1)[0]), ("linenumber", item.english_at.rsplit(":", 1)[1])], "location")
        unit.createcontextgroup("welsh", [("sourcefile", item.welsh_at.rsplit(":", 1)[0]), ("linenumber", item.welsh_at.rsplit(":", 1)[1])], "location")
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue().decode("utf-8")


# --- XLIFF: reading -------------------------------------------------------------------------
#
# What is accepted, as memoQ and Trados write an XLIFF back (File > Export in memoQ; File >
# Save Target As in Trados: the XLIFF with its targets, its units' ids kept):
#
# - a unit is imported when its translator finished it: in Trados, every segment's sdl:seg conf
#   is Translated, ApprovedTranslation or ApprovedSignOff; else in memoQ, mq:status is
#   ManuallyConfirmed, Reviewer1Confirmed or Reviewer2Confirmed; else (any tool) the target's
#   state is translated, signed-off or final, or the unit is approved="yes". Any other unit
#   (not started, a draft, machine translated, rejected, a Welsh exported and not revised)
#   is left as it is, and counted;
# - Trados's segments (<mrk mtype="seg">) are joined back as they stand in the target, with
#   the text between them; a Trados comment mark (<mrk mtype="x-sdl-comment">) keeps its text;
# - notes (<note>) of the translator are kept and shown, never written into the site;
# - attributes and elements of the tools (mq:..., sdl:..., alt-trans, seg-source,
#   context groups) are ignored.
#
# Refused, naming the unit: any other inline tag in the Welsh (<g>, <x/>, <ph>, <bpt>, ...):
# the site's texts hold no tags, so the tag would be lost or written as text; tracked changes
# of Trados (<mrk mtype="x-sdl-added"> or "x-sdl-deleted"), not accepted yet; a unit with no
# id, or no plan:fingerprint; a source that is not the English exported (changed in the tool).
# Refused as a whole: an XLIFF that is not version 1.x (XLIFF 2), and a file whose languages
# are not English to Welsh. (memoQ's .mqxliff and Trados's .sdlxliff are their own bilingual
# files, whose units have lost this site's ids: hooks.translations refuses them by name.)

FINISHED_STATES = {"translated", "signed-off", "final"}
MEMOQ_FINISHED = {"ManuallyConfirmed", "Reviewer1Confirmed", "Reviewer2Confirmed"}
TRADOS_FINISHED = {"Translated", "ApprovedTranslation", "ApprovedSignOff"}
TRACKED_CHANGES = {"x-sdl-added", "x-sdl-deleted"}
KEPT_MARKS = {"seg", "x-sdl-comment"}  # <mrk> whose text is the Welsh itself


@dataclass
class ReadUnit:
    """One unit of an XLIFF written back: its place, its key, and its Welsh if it was finished."""

    number: int  # counted from 1 in the file
    line: int
    key: str
    fingerprint: str  # as exported: "en:" and 12 hex digits
    welsh: str  # the Welsh, if finished; else ""
    finished: bool
    notes: list = field(default_factory=list)  # the translator's notes
    problems: list = field(default_factory=list)  # (english, welsh): why it is refused


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _is_xliff(element, name: str) -> bool:
    return isinstance(element.tag, str) and etree.QName(element).namespace and etree.QName(element).namespace.startswith("urn:oasis:names:tc:xliff:document:1.") and _local(element) == name


def _text_of(element, what: str, what_cy: str) -> tuple:
    """(the text of a <source> or <target>, [problems]): refuses every inline tag but the kept marks."""
    problems = []
    for inner in element.iterdescendants():
        if not isinstance(inner.tag, str):  # an XML comment: its text would be lost
            problems.append((
                f"{what} holds an XML comment (<!-- ... -->, line {inner.sourceline}), whose text would be lost: delete it, or write it as a note of the unit",
                f"mae sylw XML (<!-- ... -->, llinell {inner.sourceline}) yn {what_cy}, a byddai ei destun yn cael ei golli: dilëwch ef, neu ysgrifennwch ef fel nodyn i'r uned",
            ))
            break
        name = _local(inner)
        if _is_xliff(inner, "mrk") and inner.get("mtype") in KEPT_MARKS:
            continue
        if _is_xliff(inner, "mrk") and inner.get("mtype") in TRACKED_CHANGES:
            problems.append((
                f"{what} holds tracked changes of Trados (line {inner.sourceline}): accept or reject them in Trados, then save the target file again",
                f"mae newidiadau wedi'u tracio gan Trados yn {what_cy} (llinell {inner.sourceline}): derbyniwch neu gwrthodwch nhw yn Trados, yna cadwch y ffeil darged eto",
            ))
            break
        shown = f"<{name}>" + (f" (mtype {inner.get('mtype')})" if inner.get("mtype") else "")
        problems.append((
            f"{what} holds the inline tag {shown} (line {inner.sourceline}): the site's texts hold no tags, so it would be lost: "
            "delete the tag in the CAT tool (write Markdown as plain text: **bold**, [a link](page.md)), then save the file again",
            f"mae'r tag mewnol {shown} yn {what_cy} (llinell {inner.sourceline}): nid oes tagiau yn nhestunau'r wefan, felly byddai'n cael ei golli: "
            "dilëwch y tag yn yr offeryn CAT (ysgrifennwch Markdown fel testun plaen: **trwm**, [dolen](tudalen.md)), yna cadwch y ffeil eto",
        ))
        break
    return "".join(element.itertext()), problems


def _finished(element, target) -> bool:
    """Whether the translator finished the unit, as the tool that wrote it says (see above)."""
    segments = [seg for defs in element.iterchildren(f"{{{TRADOS}}}seg-defs") for seg in defs.iterchildren(f"{{{TRADOS}}}seg")]
    if segments:
        return all(seg.get("conf") in TRADOS_FINISHED for seg in segments)
    memoq = element.get(f"{{{MEMOQ}}}status")
    if memoq is not None:
        return memoq in MEMOQ_FINISHED
    return element.get("approved") == "yes" or (target is not None and target.get("state") in FINISHED_STATES)


def read_xliff(raw: bytes) -> list:
    """Every unit of an XLIFF 1.x file written back from a CAT tool, as ReadUnit; Unreadable if the file is not one."""
    root = read_xml(raw)
    version, namespace = root.version, root.namespace
    if root.name != "xliff":
        raise Unreadable(
            f"is not an XLIFF file (its root element is <{root.name}>): give the XLIFF file the export wrote, translated",
            f"nid yw'n ffeil XLIFF (<{root.name}> yw ei helfen wraidd): rhowch y ffeil XLIFF a ysgrifennodd yr allforio, wedi'i chyfieithu",
        )
    if version.startswith("1.") and not namespace.startswith("urn:oasis:names:tc:xliff:document:1."):
        raise Unreadable(
            f"is not in the XLIFF 1.2 namespace (its root element is in {namespace or 'no namespace'}): export again, and save the file from the CAT tool as XLIFF",
            f"nid yw yn ofod enwau XLIFF 1.2 (mae ei helfen wraidd yn {namespace or 'dim gofod enwau'}): allforiwch eto, a chadwch y ffeil o'r offeryn CAT fel XLIFF",
        )
    if not version.startswith("1."):
        raise Unreadable(
            f"is XLIFF version {version or '(none given)'}; the import reads XLIFF 1.2, as the export writes it: in the CAT tool, save the target file in the format it was opened in",
            f"mae'n XLIFF fersiwn {version or '(heb ei nodi)'}; mae'r mewnforio'n darllen XLIFF 1.2, fel y mae'r allforio'n ei hysgrifennu: yn yr offeryn CAT, cadwch y ffeil darged yn y fformat y cafodd ei hagor ynddo",
        )
    try:
        store = xliff.xlifffile(io.BytesIO(raw))
    except (ValueError, AssertionError, StopIteration, etree.XMLSyntaxError) as error:
        raise Unreadable(
            f"cannot be read as XLIFF ({error or 'it has no <file> element'}): export again",
            f"nid oes modd ei darllen fel XLIFF (neges y system: {error or 'nid oes elfen <file>'}): allforiwch eto",
        ) from None
    for file in store.document.getroot().iterchildren():
        if not _is_xliff(file, "file"):
            continue
        source, target = file.get("source-language") or "", file.get("target-language") or ""
        if not source.lower().startswith("en") or not target.lower().startswith("cy"):
            raise Unreadable(
                f"line {file.sourceline}: translates from {source or '(no source-language)'} into {target or '(no target-language)'}, not from English ({SOURCE_LANGUAGE}) into Welsh ({TARGET_LANGUAGE}): give the file of the Welsh project",
                f"llinell {file.sourceline}: mae'n cyfieithu o {source or '(dim source-language)'} i {target or '(dim target-language)'}, nid o'r Saesneg ({SOURCE_LANGUAGE}) i'r Gymraeg ({TARGET_LANGUAGE}): rhowch ffeil y prosiect Cymraeg",
            )
    units = []
    for number, unit in enumerate(store.getunits(), start=1):
        element = unit.xmlelement
        read = ReadUnit(number, element.sourceline or 0, element.get("id") or "", element.get(f"{{{PLAN}}}fingerprint") or "", "", False)
        if not read.key:
            read.problems.append(("the unit has no id, so it cannot be matched to a text of the site: translate the file the export wrote (in Trados, save it with File > Save Target As)", "nid oes id gan yr uned, felly nid oes modd ei chysylltu â thestun ar y wefan: cyfieithwch y ffeil a ysgrifennodd yr allforio (yn Trados, cadwch hi â File > Save Target As)"))
        elif not read.fingerprint:
            read.problems.append(("the unit has lost its plan:fingerprint attribute, which says which English it was exported from: export again, and translate the new file", "mae'r uned wedi colli ei phriodoledd plan:fingerprint, sy'n dweud o ba Saesneg y cafodd ei hallforio: allforiwch eto, a chyfieithwch y ffeil newydd"))
        read.notes = [" ".join(note.itertext()).strip() for note in element.iterchildren() if _is_xliff(note, "note") and note.get("from") != NOTE_FROM and "".join(note.itertext()).strip()]
        source = unit.source_dom
        if source is None and read.key:
            read.problems.append(("the unit has no English (source): export again, and translate the new file", "nid oes Saesneg (ffynhonnell) yn yr uned: allforiwch eto, a chyfieithwch y ffeil newydd"))
        if source is not None and read.fingerprint:
            text, problems = _text_of(source, "the English (source)", "y Saesneg (ffynhonnell)")
            read.problems.extend(problems)
            if not problems and f"en:{fingerprint(text)}" != read.fingerprint:
                read.problems.append(("its English (source) is not the English exported: it was changed in the CAT tool; translate the English as exported (export again if need be)", "nid yr un Saesneg a allforiwyd yw ei Saesneg (ffynhonnell): cafodd ei newid yn yr offeryn CAT; cyfieithwch y Saesneg fel y'i hallforiwyd (allforiwch eto os oes angen)"))
        target = unit.get_target_dom()
        read.finished = _finished(element, target)
        if target is not None and read.finished:
            welsh, problems = _text_of(target, "the Welsh (target)", "y Gymraeg (targed)")
            read.problems.extend(problems)
            read.welsh = welsh if not problems else ""
        units.append(read)
    return units


# --- TMX: the translation memory ------------------------------------------------------------


@dataclass
class Pair:
    """One English text and its Welsh, up to date, for the translation memory."""

    key: str
    english: str
    welsh: str
    english_at: str


def tmx_text(pairs: list) -> str:
    """A TMX 1.4 document of the pairs (English en-GB, Welsh cy-GB), as text."""
    store = tmx.tmxfile(sourcelanguage=SOURCE_LANGUAGE, targetlanguage=TARGET_LANGUAGE)
    header = store.document.getroot().find("header")
    header.set("creationtool", "hooks.translations memory")
    header.set("creationtoolversion", "1")
    header.set("segtype", "block")
    header.set("datatype", "plaintext")
    for pair in pairs:
        store.addtranslation(pair.english, SOURCE_LANGUAGE, pair.welsh, TARGET_LANGUAGE)
        unit = store.units[-1]
        unit.xmlelement.set("tuid", pair.key)
        prop = etree.Element("prop")
        prop.set("type", "x-english-at")
        prop.text = pair.english_at
        unit.xmlelement.insert(unit.xmlelement.index(unit.xmlelement.find("tuv")), prop)
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue().decode("utf-8")


# --- TBX: the termbase ----------------------------------------------------------------------

# The glossary's terms are the site's approved terms (its header: "Use these terms
# consistently"): each is exported as the preferred term in both languages (TBX-Basic's
# administrativeStatus). The glossary has no field of its own for a term's source: its note
# says it where it is known (an Act's official title, a council's usage, Welsh Government's
# term), and is exported as a <note> of the entry, after a note that gives the term's kind
# (body, programme, legislation, place, term) and its line in the glossary.
PREFERRED = "preferredTerm-admn-sts"
KINDS = {
    "body": "official name of an organisation",
    "programme": "name of a programme or service",
    "legislation": "title of legislation",
    "place": "place name",
    "term": "term",
    "same": "a name written the same in English and in Welsh",
}


@dataclass
class Term:
    """One glossary entry: its English and Welsh, its kind and note, and where it is."""

    english: str
    welsh: str
    kind: str
    note: str
    where: str  # "data/glossary.yml:12"


def tbx_text(terms: list) -> str:
    """A TBX document (the MARTIF form memoQ and Trados MultiTerm import) of the glossary's terms, as text."""
    store = tbx.tbxfile(sourcelanguage=SOURCE_LANGUAGE, targetlanguage=TARGET_LANGUAGE)
    store.document.getroot().find(".//sourceDesc/p").text = "The glossary of the primary care plans site (data/glossary.yml), written by hooks.translations termbase"
    for number, term in enumerate(terms, start=1):
        unit = store.addsourceunit(term.english)
        unit.setid(f"term-{number}")
        unit.settarget(term.welsh, TARGET_LANGUAGE)
        for language in unit.getlanguageNodes():
            tig = language.find(unit.namespaced("tig"))
            status = etree.SubElement(tig, unit.namespaced("termNote"))
            status.set("type", "administrativeStatus")
            status.text = PREFERRED
        notes = [f"Kind: {term.kind} ({KINDS.get(term.kind, term.kind)}). Glossary: {term.where}"] + ([term.note] if term.note else [])
        for position, text in enumerate(notes):
            note = etree.Element(unit.namespaced("note"))
            note.text = text
            unit.xmlelement.insert(position, note)
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue().decode("utf-8")
