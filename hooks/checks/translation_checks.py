"""The translation gate: consistency checks between the English and the Welsh.

Plain Python, callable without MkDocs: `run_checks(root)` returns every problem found, each
with a stable rule id (documented in docs/translation-rules.md), and the build and
`python -m hooks.check` print them.

- Pages: content/en/ against content/cy/, page by page, read by a small structure reader
  (markdown-it-py): counterparts, front matter, block markers, headings, lists, tables,
  images, links, the numbers in the prose and the language of the prose.
- Data: every bilingual text in data/ (as loaded by hooks.model.plan_data): both languages written,
  the Welsh not a copy of the English, each in its own language.
- Freshness: every Welsh section and text against the fingerprint of the English it was
  translated from (hooks.checks.fingerprints).
"""

from __future__ import annotations

import difflib
import functools
import json
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from markdown_it import MarkdownIt

from hooks.checks import fingerprints
from hooks.commands import command, suggest
from hooks.model import strict_yaml
from hooks.model.locales import ENGLISH, NAMES_IN_ENGLISH, WELSH
from hooks.rendering import html_text
from hooks.rendering.markers import MARKER
from hooks.checks.fingerprints import Block, Store, Unit
from hooks.problems import ContentError, Problem

LANGUAGE = NAMES_IN_ENGLISH
OTHER = {ENGLISH: WELSH, WELSH: ENGLISH}

# The languages' names in the Welsh messages, as each place in a sentence needs them:
IN_LANGUAGE_CY = {ENGLISH: "Saesneg", WELSH: "Gymraeg"}  # after "yn" (soft mutation): yn Saesneg, yn Gymraeg
LANGUAGE_CY = {ENGLISH: "Saesneg", WELSH: "Cymraeg"}  # unmutated: "edrych fel Cymraeg", "testun Cymraeg"
PAGE_CY = {ENGLISH: "y dudalen Saesneg", WELSH: "y dudalen Gymraeg"}  # tudalen is feminine
THE_LANGUAGE_CY = {ENGLISH: "y Saesneg", WELSH: "y Gymraeg"}
CONTENT = "content"

# Front matter keys whose values are written in each language; every other key's value
# (a plan id, a template, a setting) must be the same in both.
TRANSLATED_FRONT_MATTER = {"title", "description", "summary"}


def mark_fresh_command(key: str, language: str = "en") -> str:
    """The command that records a Welsh translation as up to date, spelled for this machine
    (where it cannot be typed as it is, what to type is said in English, or Welsh with "cy")."""
    return suggest("hooks.translations", "mark-fresh", key, language=language)


# --- Reading a page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Prose:
    """A run of text people read: a paragraph, a heading, a list item, a table cell, an image description."""

    kind: str
    line: int
    text: str
    section: int
    numbers: tuple = ()  # of (number, line)


@dataclass(frozen=True)
class Link:
    line: int
    target: str  # as written
    text: str
    section: int


@dataclass(frozen=True)
class Image:
    line: int
    source: str
    alt: str
    section: int


@dataclass(frozen=True)
class Shape:
    """The shape of a list or a table, compared between the languages."""

    kind: str  # "list" or "table"
    line: int
    shape: tuple
    description: str
    section: int
    description_cy: str = ""  # the description in Welsh, for the Welsh messages


@dataclass(frozen=True)
class Marker:
    name: str
    args: tuple
    line: int


@dataclass
class Section:
    index: int  # 0: the top of the page, above the first heading; n: the nth heading's section
    heading: Heading | None
    first_line: int
    last_line: int  # the last line before the next section, trailing blank lines included
    blocks: list = field(default_factory=list)  # of fingerprints.Block

    def text(self, lines: list) -> str:
        return "\n".join(lines[self.first_line - 1 : self.last_line]).strip("\n")


@dataclass
class Page:
    path: str  # content/en/about.md
    locale: str
    inner: str  # about.md
    lines: list
    front_matter: dict | None = None
    front_matter_document: strict_yaml.Document | None = None
    headings: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    prose: list = field(default_factory=list)
    links: list = field(default_factory=list)
    images: list = field(default_factory=list)
    shapes: list = field(default_factory=list)
    markers: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    def section_text(self, section: Section) -> str:
        return section.text(self.lines)

    def front_matter_line(self, key: str | None = None) -> int:
        if key is not None and self.front_matter_document is not None:
            return self.front_matter_document.line_of((key,)) or 1
        return 1


@functools.lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*(?:\s+\"(?P<title>[^\"]*)\")?\s*$")
_ATTRIBUTES = re.compile(r"\{\s*[:#.][^{}]*\}")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(text: str) -> list:
    """The numbers written with digits in a text, as compared between the languages.

    Only digits count, so the ways Welsh writes around them do not: 2024/25 -> 2024, 25;
    1st and 1af -> 1; 50% and 50 y cant -> 50; 1,000 and 1000 -> 1000 (a comma before exactly
    three digits groups thousands); 2.5 stays 2.5.
    """
    found = []
    for match in _NUMBER.finditer(text):
        value = match.group(0)
        parts = value.split(",")
        if len(parts) > 1 and all(len(part.split(".")[0]) == 3 for part in parts[1:]):
            found.append(value.replace(",", ""))
        else:
            found.extend(parts)
    return [number.rstrip(".") for number in found if number]


def _front_matter(path: str, lines: list) -> tuple:
    """(end line of the front matter, or 0 if none; its document; problems)."""
    if not lines or lines[0].strip() != "---":
        return 0, None, []
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        return 0, None, [Problem(
            path, 1, "front-matter-unclosed", "the front matter that starts on line 1 is never closed", "end the front matter with a line holding only ---",
            message_cy="nid yw gosodiadau'r dudalen (front matter), sy'n dechrau ar linell 1, byth yn gorffen",
            hint_cy="gorffennwch osodiadau'r dudalen â llinell sy'n cynnwys --- yn unig",
        )]
    end = index + 1
    body = "\n".join(lines[1:index])
    if not body.strip():
        return end, None, []
    try:
        document = strict_yaml.parse("\n" + body, path)  # the leading newline keeps the file's line numbers
    except ContentError as error:
        return end, None, list(error.problems)
    return end, document, []


def read_page(root: Path, locale: str, inner: str) -> Page:
    """Read one page's structure; a page that cannot be read is a page with problems, never an exception."""
    path = f"{CONTENT}/{locale}/{inner}"
    try:
        text = (Path(root) / path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        page = Page(path, locale, inner, [])
        raw = error.object
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        page.problems.append(Problem(
            path, line, "page-encoding", f"the page is not valid UTF-8 text (byte 0x{raw[error.start]:02X}; it may be saved as Windows-1252 or Latin-1)", "save the file as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8), then check the accented letters on this line", column,
            message_cy=f"nid yw'r dudalen yn destun UTF-8 dilys (beit 0x{raw[error.start]:02X}; efallai ei bod wedi'i chadw fel Windows-1252 neu Latin-1)",
            hint_cy="cadwch y ffeil fel UTF-8 (yn VS Code: 'Save with Encoding' > UTF-8), yna gwiriwch y llythrennau acennog ar y llinell hon",
        ))
        return page
    except OSError as error:
        page = Page(path, locale, inner, [])
        page.problems.append(Problem(
            path, None, "page-unreadable", f"the page cannot be read ({error.strerror})", "check that the file exists and can be read",
            message_cy=f"nid oes modd darllen y dudalen (neges y system: {error.strerror})",
            hint_cy="gwnewch yn siŵr bod y ffeil yn bodoli a bod modd ei darllen",
        ))
        return page
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    page = Page(path, locale, inner, lines)
    end, document, problems = _front_matter(path, lines)
    page.problems.extend(problems)
    page.front_matter_document = document
    page.front_matter = document.data if document else ({} if end else None)

    # What the Markdown reader sees: the front matter blanked out and admonition bodies
    # dedented (so they are read as prose, not code); the line numbers stay the file's.
    body = [""] * end + lines[end:]
    in_admonition = False
    for index in range(end, len(body)):
        line = body[index]
        match = _ADMONITION.match(line)
        if match:
            body[index] = match["title"] or ""
            in_admonition = True
        elif in_admonition and (line.startswith("    ") or not line.strip()):
            body[index] = line[4:]
        else:
            in_admonition = False
    _read_structure(page, "\n".join(body), end)
    for key, value in (page.front_matter or {}).items():
        if key in TRANSLATED_FRONT_MATTER and isinstance(value, str) and value.strip():
            line = page.front_matter_line(key)
            page.prose.append(Prose(f"front matter '{key}'", line, value, 0, tuple((n, line) for n in numbers_in(value))))
    return page


_BLOCK_KINDS = {
    "heading_open": "heading",
    "paragraph_open": "paragraph",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "table_open": "table",
    "fence": "code block",
    "code_block": "code block",
    "html_block": "HTML block",
    "hr": "horizontal rule",
    "blockquote_open": "quotation",
}


def _read_structure(page: Page, body: str, front_matter_end: int) -> None:
    tokens = _markdown().parse(body)
    lines = page.lines
    total = len(lines)
    top = Section(0, None, 1, total)
    if front_matter_end:
        top.blocks.append(Block("front matter", 1, "\n".join(lines[:front_matter_end])))
    sections = [top]
    containers: list = []  # the open block tokens around the current one
    for index, token in enumerate(tokens):
        if token.nesting == -1:
            if containers:
                containers.pop()
            continue
        if token.level == 0 and token.map:
            kind = _BLOCK_KINDS.get(token.type, token.type)
            if token.type == "html_block" and MARKER.search(token.content):
                kind = "block marker"
            if token.type == "heading_open":
                level = int(token.tag[1])
                inline = tokens[index + 1]
                heading = Heading(level, _plain(inline), token.map[0] + 1)
                page.headings.append(heading)
                sections[-1].last_line = token.map[0]
                sections.append(Section(len(sections), heading, token.map[0] + 1, total))
            sections[-1].blocks.append(Block(kind, token.map[0] + 1, "\n".join(lines[token.map[0] : token.map[1]])))
        section = len(sections) - 1
        if token.type in ("bullet_list_open", "ordered_list_open") and not any(t.type in ("bullet_list_open", "ordered_list_open") for t in containers):
            page.shapes.append(_list_shape(tokens, index, section))
        elif token.type == "table_open":
            page.shapes.append(_table_shape(tokens, index, section))
        elif token.type == "inline":
            _read_inline(page, token, containers, section)
        if token.nesting == 1:
            containers.append(token)
    # Trailing blank lines stay with their section; the page's last line may be an empty string.
    page.sections = [s for s in sections if s.index > 0 or s.blocks or s.last_line >= s.first_line]
    for match in MARKER.finditer(body):
        line = body.count("\n", 0, match.start()) + 1
        page.markers.append(Marker(match["name"], tuple(match["args"].split()), line))


def _plain(inline) -> str:
    """The text of an inline token as people read it (no markup, no code, no attribute lists)."""
    parts = []
    for child in inline.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join(_ATTRIBUTES.sub(" ", "".join(parts)).split())


def _read_inline(page: Page, inline, containers: list, section: int) -> None:
    types = [t.type for t in containers]
    if "heading_open" in types:
        kind = "heading"
    elif "th_open" in types or "td_open" in types:
        kind = "table cell"
    elif "list_item_open" in types:
        kind = "list item"
    elif "blockquote_open" in types:
        kind = "quotation"
    else:
        kind = "paragraph"
    line = inline.map[0] + 1 if inline.map else 1
    first_line = line
    parts = []
    numbers = []
    link_start = None
    for child in inline.children or []:
        if child.type == "text":
            text = _ATTRIBUTES.sub(" ", child.content)
            parts.append(text)
            numbers.extend((number, line) for number in numbers_in(text))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
            line += 1
        elif child.type == "link_open":
            link_start = (line, child.attrs.get("href", ""), len(parts))
        elif child.type == "link_close" and link_start is not None:
            start_line, target, start = link_start
            page.links.append(Link(start_line, target, " ".join("".join(parts[start:]).split()), section))
            link_start = None
        elif child.type == "image":
            alt = " ".join(child.content.split())
            page.images.append(Image(line, child.attrs.get("src", ""), alt, section))
            if alt:
                page.prose.append(Prose("image description", line, alt, section, tuple((n, line) for n in numbers_in(alt))))
    text = " ".join("".join(parts).split())
    if text:
        page.prose.append(Prose(kind, first_line, text, section, tuple(numbers)))


def _list_shape(tokens: list, start: int, section: int) -> Shape:
    """A list's shape: for it and each list nested in it, (depth, numbered?, number of items)."""
    shape = []
    stack = []  # indexes into shape of the open lists
    for token in tokens[start:]:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            shape.append([len(stack), token.type == "ordered_list_open", 0])
            stack.append(len(shape) - 1)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            stack.pop()
            if not stack:
                break
        elif token.type == "list_item_open" and stack:
            shape[stack[-1]][2] += 1
    top = shape[0]
    description = f"a {'numbered' if top[1] else 'bulleted'} list of {top[2]} item{'s' if top[2] != 1 else ''}"
    if len(shape) > 1:
        description += f" with {len(shape) - 1} list{'s' if len(shape) > 2 else ''} inside"
    # In Welsh the counts follow a colon, so no numeral mutates or pluralises its noun.
    counts_cy = f"eitemau: {top[2]}" + (f"; rhestrau ynddi: {len(shape) - 1}" if len(shape) > 1 else "")
    kind_cy = "rhestr wedi'i rhifo" if top[1] else "rhestr bwyntiau bwled"
    description_cy = f"{kind_cy} ({counts_cy})"
    return Shape("list", tokens[start].map[0] + 1, tuple(tuple(s) for s in shape), description, section, description_cy)


def _table_shape(tokens: list, start: int, section: int) -> Shape:
    rows = 0
    columns = 0
    cells = 0
    for token in tokens[start:]:
        if token.type == "tr_open":
            rows += 1
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
            columns = max(columns, cells)
        elif token.type == "table_close":
            break
    return Shape("table", tokens[start].map[0] + 1, (rows, columns), f"a table of {rows} rows and {columns} columns", section, f"tabl (rhesi: {rows}, colofnau: {columns})")


# --- Language identification ------------------------------------------------------------------

# A text is checked when it has at least this many words (of two letters or more, not
# abbreviations in capitals): shorter texts are too short to tell apart reliably.
MIN_WORDS = 5
# A text is in the wrong language when the identifier gives its own language less than this
# probability (it is then at least 70% sure the text is in the other language).
MIN_CONFIDENCE = 0.3

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_URL = re.compile(r"(?:https?://|www\.|mailto:)\S+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


class LanguageIdentifier:
    """English or Welsh? lingua-language-detector, limited to the two languages.

    Its low-accuracy mode (trigram models only) loads in a few hundredths of a second, where
    the full models take about half a second; with only two, very different, languages and
    texts of four words or more, it identifies every text of the real site correctly.
    """

    def __init__(self, same_in_both: list):
        self._detector_built = None
        names = [name for name in same_in_both if name.strip()]
        # (?<!\w)(?:name|name|...)(?!\w), the longest name first, written so that the engine goes
        # straight to the names' first letters (html_text.words_pattern: the same matches).
        self._names = html_text.words_pattern(names, r"\w", r"(?!\w)") if names else None

    def words(self, text: str) -> str:
        """The text without what says nothing about its language: names the same in both, placeholders, addresses."""
        # Each pattern is applied only to a text that could hold what it takes out: most hold no
        # placeholder and no address (the same result, without going over the text for them).
        if "{" in text:
            text = _PLACEHOLDER.sub(" ", text)
        if "://" in text or "www." in text or "mailto:" in text:
            text = _URL.sub(" ", text)
        if self._names is not None:
            text = self._names.sub(" ", text)
        return text

    def has_enough_words(self, text: str) -> bool:
        """Whether the text has MIN_WORDS words of two letters or more, not abbreviations in capitals (counted up to MIN_WORDS)."""
        count = 0
        for match in _WORD.finditer(text):
            word = match.group()
            if len(word) >= 2 and not word.isupper():
                count += 1
                if count >= MIN_WORDS:
                    return True
        return False

    def _detector(self):
        """The detector and the two languages, built on first use.

        Its two models are loaded as it is built (with_preloaded_language_models): the same
        models, in about half the time they took when the first texts identified loaded them.
        """
        if self._detector_built is None:
            from lingua import Language, LanguageDetectorBuilder  # loaded only when a check needs it

            languages = {ENGLISH: Language.ENGLISH, WELSH: Language.WELSH}
            detector = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.WELSH).with_low_accuracy_mode().with_preloaded_language_models().build()
            self._detector_built = detector, languages
        return self._detector_built

    def wrong_languages(self, items: list) -> list:
        """For each (text, locale): True when the text, meant to be in locale, is with confidence in the other language.

        All at once, each distinct text once (the same sentence recurs on many pages and plans,
        and a text may be meant in both languages): the identifier gives each text its
        confidence in both languages, the texts shared out between both processor cores.
        """
        words_of = {(text, locale): self.words(text) for text, locale in set(items)}  # (text, locale) -> its words
        wanted = {(words, locale) for (_, locale), words in words_of.items() if self.has_enough_words(words)}
        verdicts: dict = {}  # (words, locale) -> wrong?
        if wanted:
            detector, languages = self._detector()
            texts = sorted({words for words, _ in wanted})
            for text, values in zip(texts, detector.compute_language_confidence_values_in_parallel(texts)):
                confidence = {value.language: value.value for value in values}
                for locale, language in languages.items():
                    if (text, locale) in wanted:
                        verdicts[text, locale] = confidence.get(language, 0.0) < MIN_CONFIDENCE
        return [verdicts.get((words_of[item], item[1]), False) for item in items]

    def is_names_only(self, text: str) -> bool:
        """True when a text holds nothing but names the same in both languages, figures and punctuation."""
        return not _WORD.search(self.words(text))


# --- The corpus: every page pair and every data text ------------------------------------------


@dataclass
class PagePair:
    inner: str
    en: Page | None
    cy: Page | None

    @property
    def aligned(self) -> bool:
        """Both pages exist and have the same headings at the same levels, so section n matches section n."""
        return self.en is not None and self.cy is not None and [h.level for h in self.en.headings] == [h.level for h in self.cy.headings]


@dataclass
class Corpus:
    root: Path
    pages: dict  # inner path -> PagePair
    texts: list  # every bilingual texts.Text in data/ (none when the data cannot be read)
    same_in_both: list  # the glossary's names written the same in both languages
    problems: list = field(default_factory=list)  # problems reading the data or the pages
    abbreviations: object = None  # data/abbreviations.yml as the caller read it (hooks/rendering/abbreviations.read), or None: read by its rule
    _normalised: dict = field(default_factory=dict, repr=False)  # text -> fingerprints.normalise(text)
    _fingerprints: dict = field(default_factory=dict, repr=False)  # text -> fingerprints.fingerprint(text)
    _names_only: dict = field(default_factory=dict, repr=False)  # text -> identifier.is_names_only(text)

    def normalised(self, text: str) -> str:
        """fingerprints.normalise(text), worked out once per distinct text: the data's texts recur
        in every plan (at 90 plans, some 30,000 texts are 700 distinct ones)."""
        if text not in self._normalised:
            self._normalised[text] = fingerprints.normalise(text)
        return self._normalised[text]

    def fingerprint(self, text: str) -> str:
        """fingerprints.fingerprint(text), worked out once per distinct text (see normalised)."""
        if text not in self._fingerprints:
            self._fingerprints[text] = fingerprints.fingerprint(text)
        return self._fingerprints[text]

    def is_names_only(self, text: str) -> bool:
        """identifier.is_names_only(text), worked out once per distinct text (see normalised)."""
        if text not in self._names_only:
            self._names_only[text] = self.identifier.is_names_only(text)
        return self._names_only[text]

    @functools.cached_property
    def identifier(self) -> LanguageIdentifier:
        return LanguageIdentifier(self.same_in_both)

    def units(self) -> list:
        """Every translated unit: each section of each page, each bilingual text in data/."""
        return self.page_units() + self.text_units()

    @functools.cached_property
    def _page_units(self) -> list:
        return self._make_page_units()

    @functools.cached_property
    def _text_units(self) -> list:
        return self._make_text_units()

    def page_units(self) -> list:
        return list(self._page_units)

    def text_units(self) -> list:
        return list(self._text_units)

    def _make_page_units(self) -> list:
        units = []
        for inner, pair in sorted(self.pages.items()):
            if pair.en is None or pair.en.problems or (pair.cy is not None and not pair.aligned):
                continue
            cy_sections = pair.cy.sections if pair.cy is not None else []
            cy_by_index = {s.index: s for s in cy_sections}
            for section in pair.en.sections:
                en_text = pair.en.section_text(section)
                if not en_text.strip():
                    continue
                cy_section = cy_by_index.get(section.index)
                cy_text = pair.cy.section_text(cy_section) if cy_section is not None else None
                label = f"section {section.index} '{section.heading.text}'" if section.heading else "the top of the page"
                units.append(
                    Unit(
                        key=f"{CONTENT}/{WELSH}/{inner}#{section.index}",
                        kind="section",
                        group=inner,
                        label=label,
                        en=en_text,
                        cy=cy_text,
                        en_where=(pair.en.path, section.first_line),
                        cy_where=(f"{CONTENT}/{WELSH}/{inner}", cy_section.first_line if cy_section else 1),
                        blocks=tuple(section.blocks),
                    )
                )
        return units

    def _make_text_units(self) -> list:
        units = []
        append = units.append
        groups: dict = {}  # data file -> its group: the plan's id, or the file
        for text in self.texts:
            where = text.where
            path, line, en_line, cy_line = where.path, where.line, where.en_line, where.cy_line
            group = groups.get(path)
            if group is None:
                plan = _PLAN_FILE.fullmatch(path)
                group = groups[path] = f"{plan[1]}/{plan[2]}" if plan else path
            # Unit(key, kind, group, label, en, cy, en_where, cy_where), its fields given in order: a
            # unit per data text (some 30,000 at 90 plans). The lines are where.line_of(ENGLISH) and
            # where.line_of(WELSH), written out: a language's own line, else the text's.
            append(Unit(
                f"{path}#{where.field}", "text", group, where.field, text.en, text.cy,
                (path, line if en_line is None else en_line), (path, line if cy_line is None else cy_line),
            ))
        return units


_PLAN_FILE = re.compile(r"data/plans/([^/]+)/([^/]+)\.yml")


def _page_paths(root: Path, locale: str) -> list:
    folder = root / CONTENT / locale
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md")) if folder.is_dir() else []


def _same_in_both(document: strict_yaml.Document | None) -> list:
    names = document.data.get("same_in_both") if document is not None else None
    return [name for name in names if isinstance(name, str)] if isinstance(names, list) else []


def read_corpus(root: Path, data=None, abbreviations=None) -> Corpus:
    """Read every page and the data's texts: the input of every check.

    data is the plan data (hooks.model.plan_data.PlanData) the caller has read, as the build and
    `python -m hooks.check` have (they report its problems themselves); without it the data is
    read here and its problems are the corpus's. Data with problems still gives the texts of
    every file that could be read. abbreviations, likewise, is data/abbreviations.yml as the
    caller has read it (its Abbreviations, problems or not), so that it is not read twice.
    """
    root = Path(root)
    problems = []
    if data is None:
        from hooks.model import plan_data

        data, found = plan_data.read(root)
        problems.extend(found)
    texts, same_in_both = list(data.texts), list(data.glossary.same_in_both)
    pages = {}
    en_paths = _page_paths(root, ENGLISH)
    cy_paths = _page_paths(root, WELSH)
    for inner in sorted(set(en_paths) | set(cy_paths)):
        en = read_page(root, ENGLISH, inner) if inner in en_paths else None
        cy = read_page(root, WELSH, inner) if inner in cy_paths else None
        pages[inner] = PagePair(inner, en, cy)
        for page in (en, cy):
            if page is not None:
                problems.extend(page.problems)
    return Corpus(root, pages, texts, same_in_both, problems, abbreviations)


# --- Rules: pages -----------------------------------------------------------------------------


def _counterpart_problems(pair: PagePair) -> list:
    en_path, cy_path = f"{CONTENT}/{ENGLISH}/{pair.inner}", f"{CONTENT}/{WELSH}/{pair.inner}"
    if pair.cy is None:
        export = command('hooks.translations', 'export', 'to-translate.csv')
        return [Problem(
            en_path, 1, "page-without-welsh", f"this page has no Welsh counterpart ({cy_path} does not exist)", f"create {cy_path} with the Welsh translation ({export} lists what it needs), or delete this page",
            message_cy=f"nid oes tudalen Gymraeg yn cyfateb i'r dudalen hon (nid yw {cy_path} yn bodoli)",
            hint_cy=f"crëwch {cy_path} gyda'r cyfieithiad Cymraeg (mae {export} yn rhestru'r hyn sydd ei angen arni), neu dilëwch y dudalen hon",
        )]
    if pair.en is None:
        return [Problem(
            cy_path, 1, "page-without-english", f"this page has no English counterpart ({en_path} does not exist)", f"create {en_path} with the English, or delete this page if it was removed in English",
            message_cy=f"nid oes tudalen Saesneg yn cyfateb i'r dudalen hon (nid yw {en_path} yn bodoli)",
            hint_cy=f"crëwch {en_path} gyda'r Saesneg, neu dilëwch y dudalen hon os cafodd ei dileu yn Saesneg",
        )]
    return []


def _front_matter_problems(en: Page, cy: Page) -> list:
    problems = []
    en_matter, cy_matter = en.front_matter or {}, cy.front_matter or {}
    for key in sorted(set(en_matter) - set(cy_matter)):
        english = f"{en.path}:{en.front_matter_line(key)}"
        problems.append(Problem(
            cy.path, cy.front_matter_line(), "front-matter-keys", f"the front matter has no '{key}:', which the English has ({english})", f"add '{key}:' to the front matter at the top of this page, as in the English",
            message_cy=f"nid oes '{key}:' yng ngosodiadau'r dudalen (front matter), er bod un yn y Saesneg ({english})",
            hint_cy=f"ychwanegwch '{key}:' at osodiadau'r dudalen, ar frig y dudalen hon, fel yn y Saesneg",
        ))
    for key in sorted(set(cy_matter) - set(en_matter)):
        problems.append(Problem(
            cy.path, cy.front_matter_line(key), "front-matter-keys", f"the front matter has '{key}:', which the English does not ({en.path})", f"remove '{key}:', or add it to the English page too",
            message_cy=f"mae '{key}:' yng ngosodiadau'r dudalen (front matter), ond nid yn y Saesneg ({en.path})",
            hint_cy=f"tynnwch '{key}:', neu ychwanegwch ef at y dudalen Saesneg hefyd",
        ))
    for key in sorted(set(en_matter) & set(cy_matter)):
        if key in TRANSLATED_FRONT_MATTER:
            continue
        if en_matter[key] != cy_matter[key]:
            english = f"{en.path}:{en.front_matter_line(key)}"
            problems.append(Problem(
                cy.path, cy.front_matter_line(key), "front-matter-reference", f"'{key}:' is {cy_matter[key]!r} here but {en_matter[key]!r} in the English ({english})", f"'{key}' is not translated: give it the same value in both languages",
                message_cy=f"gwerth '{key}:' yw {cy_matter[key]!r} yma, ond {en_matter[key]!r} yn y Saesneg ({english})",
                hint_cy=f"nid yw '{key}' yn cael ei gyfieithu: rhowch yr un gwerth iddo yn y ddwy iaith",
            ))
    return problems


def _compare_in_order(en: Page, cy: Page, en_items: list, cy_items: list, key, describe, rule: str, hint: str, describe_cy, hint_cy: str) -> list:
    """Compare two sequences of page parts (markers, links, images, lists, tables) in order.

    key(page, item) is what must be equal in both languages; describe(page, item) says what
    the item is, describe_cy(page, item) the same in Welsh (a noun phrase that the messages
    use where no mutation follows: after "yn cynnwys" and before a colon). A part in one
    language only is reported where it is; two parts in the same place that differ are
    reported on the Welsh page.
    """
    en_keys, cy_keys = [key(en, item) for item in en_items], [key(cy, item) for item in cy_items]
    if en_keys == cy_keys:
        return []
    problems = []
    matcher = difflib.SequenceMatcher(a=en_keys, b=cy_keys, autojunk=False)
    for operation, en_start, en_end, cy_start, cy_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        en_part, cy_part = en_items[en_start:en_end], cy_items[cy_start:cy_end]
        paired = min(len(en_part), len(cy_part))
        for en_item, cy_item in zip(en_part[:paired], cy_part[:paired]):
            problems.append(Problem(
                cy.path, cy_item.line, rule, f"{describe(cy, cy_item)}, where the English has {describe(en, en_item)} ({en.path}:{en_item.line})", hint,
                message_cy=f"mae'r dudalen hon yn cynnwys {describe_cy(cy, cy_item)}, lle mae'r Saesneg yn cynnwys {describe_cy(en, en_item)} ({en.path}:{en_item.line})", hint_cy=hint_cy,
            ))
        for en_item in en_part[paired:]:
            problems.append(Problem(
                en.path, en_item.line, rule, f"{describe(en, en_item)} has no counterpart in the Welsh ({cy.path})", hint,
                message_cy=f"{describe_cy(en, en_item)}: nid oes dim byd cyfatebol yn y Gymraeg ({cy.path})", hint_cy=hint_cy,
            ))
        for cy_item in cy_part[paired:]:
            problems.append(Problem(
                cy.path, cy_item.line, rule, f"{describe(cy, cy_item)} has no counterpart in the English ({en.path})", hint,
                message_cy=f"{describe_cy(cy, cy_item)}: nid oes dim byd cyfatebol yn y Saesneg ({en.path})", hint_cy=hint_cy,
            ))
    return problems


def _heading_problems(en: Page, cy: Page) -> list:
    """Headings missing, added or at another level in the Welsh.

    To tell which heading is missing, the pages are lined up block by block (headings with
    their level, paragraphs, lists, tables, markers): a heading removed from one language
    leaves the blocks around it in place.
    """
    if [h.level for h in en.headings] == [h.level for h in cy.headings]:
        return []
    hint = "give the Welsh page the same headings as the English, at the same levels (the same number of #), in the same order"
    hint_cy = "rhowch i'r dudalen Gymraeg yr un penawdau â'r Saesneg, ar yr un lefelau (yr un nifer o nodau #), yn yr un drefn"

    def blocks(page: Page) -> tuple:
        headings = {h.line: h for h in page.headings}
        found = [block for section in page.sections for block in section.blocks]
        keys = [("heading", headings[b.line].level) if b.kind == "heading" and b.line in headings else b.kind for b in found]
        return found, keys, headings

    en_blocks, en_keys, en_headings = blocks(en)
    cy_blocks, cy_keys, cy_headings = blocks(cy)
    problems = []
    matcher = difflib.SequenceMatcher(a=en_keys, b=cy_keys, autojunk=False)
    for operation, en_start, en_end, cy_start, cy_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        en_part = [en_headings[b.line] for b in en_blocks[en_start:en_end] if b.line in en_headings and b.kind == "heading"]
        cy_part = [cy_headings[b.line] for b in cy_blocks[cy_start:cy_end] if b.line in cy_headings and b.kind == "heading"]
        paired = min(len(en_part), len(cy_part))
        for en_heading, cy_heading in zip(en_part[:paired], cy_part[:paired]):
            if en_heading.level != cy_heading.level:
                problems.append(Problem(
                    cy.path, cy_heading.line, "heading-mismatch", f"the heading '{cy_heading.text}' is a level {cy_heading.level} heading, where the English heading '{en_heading.text}' is level {en_heading.level} ({en.path}:{en_heading.line})", hint,
                    message_cy=f"mae'r pennawd '{cy_heading.text}' ar lefel {cy_heading.level}, lle mae'r pennawd Saesneg '{en_heading.text}' ar lefel {en_heading.level} ({en.path}:{en_heading.line})", hint_cy=hint_cy,
                ))
        # The counts follow a colon in Welsh: "nifer y penawdau: 3".
        for heading in en_part[paired:]:
            problems.append(Problem(
                en.path, heading.line, "heading-mismatch", f"the heading '{heading.text}' has no counterpart in the Welsh ({cy.path} has {len(cy.headings)} headings, this page {len(en.headings)})", hint,
                message_cy=f"nid oes pennawd yn y Gymraeg sy'n cyfateb i'r pennawd '{heading.text}' (nifer y penawdau: {len(cy.headings)} yn {cy.path}, {len(en.headings)} ar y dudalen hon)", hint_cy=hint_cy,
            ))
        for heading in cy_part[paired:]:
            problems.append(Problem(
                cy.path, heading.line, "heading-mismatch", f"the heading '{heading.text}' has no counterpart in the English ({en.path} has {len(en.headings)} headings, this page {len(cy.headings)})", hint,
                message_cy=f"nid oes pennawd yn y Saesneg sy'n cyfateb i'r pennawd '{heading.text}' (nifer y penawdau: {len(en.headings)} yn {en.path}, {len(cy.headings)} ar y dudalen hon)", hint_cy=hint_cy,
            ))
    if not problems:  # the levels differ, but no single heading could be blamed
        en_levels = ", ".join("#" * h.level for h in en.headings)
        cy_levels = ", ".join("#" * h.level for h in cy.headings)
        problems.append(Problem(
            cy.path, (cy.headings[0].line if cy.headings else 1), "heading-mismatch", f"the headings differ from the English: {cy_levels or 'none'} here, {en_levels or 'none'} in {en.path}", hint,
            message_cy=f"mae'r penawdau'n wahanol i'r Saesneg: {cy_levels or 'dim un'} yma, {en_levels or 'dim un'} yn {en.path}", hint_cy=hint_cy,
        ))
    return problems


def _link_key(page: Page, link: Link) -> tuple:
    target = link.target.strip()
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) or target.startswith("//"):
        return ("external",)
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return ("this page",)
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.inner), path))
    return ("page", resolved)


def _link_target(page: Page, link: Link) -> str:
    key = _link_key(page, link)
    return {"external": "another site", "this page": "a place on this page"}.get(key[0], key[-1])


def _link_target_cy(page: Page, link: Link) -> str:
    """Where a link goes, in Welsh, as written after "i" (soft mutation: gwefan -> wefan, lle -> le)."""
    key = _link_key(page, link)
    return {"external": "wefan arall", "this page": "le ar y dudalen hon"}.get(key[0], key[-1])


def _structure_problems(en: Page, cy: Page, identifier: LanguageIdentifier) -> list:
    problems = []
    problems += _compare_in_order(
        en, cy, en.markers, cy.markers,
        key=lambda page, m: (m.name, m.args),
        describe=lambda page, m: f"the block marker <!-- plan:{' '.join((m.name,) + m.args)} -->",
        rule="marker-mismatch",
        hint="use the same block markers, with the same plans, in the same order, on both pages",
        describe_cy=lambda page, m: f"y marciwr bloc <!-- plan:{' '.join((m.name,) + m.args)} -->",
        hint_cy="defnyddiwch yr un marcwyr bloc, gyda'r un cynlluniau, yn yr un drefn, ar y ddwy dudalen",
    )
    problems += _heading_problems(en, cy)
    for kind, rule, hint, hint_cy in (
        ("list", "list-mismatch", "give the list the same number of items, and the same lists inside it, in both languages",
         "rhowch yr un nifer o eitemau i'r rhestr, a'r un rhestrau ynddi, yn y ddwy iaith"),
        ("table", "table-mismatch", "give the table the same number of rows and columns in both languages",
         "rhowch yr un nifer o resi a cholofnau i'r tabl yn y ddwy iaith"),
    ):
        problems += _compare_in_order(
            en, cy,
            [s for s in en.shapes if s.kind == kind], [s for s in cy.shapes if s.kind == kind],
            key=lambda page, s: s.shape, describe=lambda page, s: s.description, rule=rule, hint=hint,
            describe_cy=lambda page, s: s.description_cy, hint_cy=hint_cy,
        )
    problems += _compare_in_order(
        en, cy, en.images, cy.images,
        key=lambda page, i: i.source, describe=lambda page, i: f"the image {i.source}",
        rule="image-mismatch", hint="use the same images, in the same order, on both pages (each with a description in its own language)",
        describe_cy=lambda page, i: f"y ddelwedd {i.source}",
        hint_cy="defnyddiwch yr un delweddau, yn yr un drefn, ar y ddwy dudalen (pob un â disgrifiad yn iaith y dudalen)",
    )
    problems += _compare_in_order(
        en, cy, en.links, cy.links,
        key=_link_key,
        describe=lambda page, link: f"the link '{_excerpt(link.text, 40)}' to {_link_target(page, link)}",
        rule="link-mismatch",
        hint="give both pages the same links in the same order; a link to a page of the site points to the same page (the same path) in both languages",
        describe_cy=lambda page, link: f"y ddolen '{_excerpt(link.text, 40)}' i {_link_target_cy(page, link)}",
        hint_cy="rhowch yr un dolenni i'r ddwy dudalen, yn yr un drefn; mae dolen i dudalen ar y wefan yn pwyntio at yr un dudalen (yr un llwybr) yn y ddwy iaith",
    )
    return problems


def _image_description_problems(en: Page, cy: Page, identifier: LanguageIdentifier) -> list:
    problems = []
    for page in (en, cy):
        for image in page.images:
            if not image.alt.strip():
                problems.append(Problem(
                    page.path, image.line, "image-alt-missing", f"the image {image.source} has no description (alt text)", f"describe the image in {LANGUAGE[page.locale]} between the brackets: ![description]({image.source})",
                    message_cy=f"nid oes disgrifiad (testun amgen) gan y ddelwedd {image.source}",
                    hint_cy=f"disgrifiwch y ddelwedd yn {IN_LANGUAGE_CY[page.locale]} rhwng y cromfachau sgwâr: ![disgrifiad]({image.source})",
                ))
    if [i.source for i in en.images] == [i.source for i in cy.images]:
        for en_image, cy_image in zip(en.images, cy.images):
            alt = cy_image.alt.strip()
            if alt and fingerprints.normalise(alt) == fingerprints.normalise(en_image.alt) and not identifier.is_names_only(alt):
                problems.append(Problem(
                    cy.path, cy_image.line, "image-alt-language", f"the description of the image {cy_image.source} is the same as the English: '{alt}'", "translate the image's description into Welsh",
                    message_cy=f"mae disgrifiad y ddelwedd {cy_image.source} yr un fath â'r Saesneg: '{alt}'",
                    hint_cy="cyfieithwch ddisgrifiad y ddelwedd i'r Gymraeg",
                ))
    return problems


def _number_problems(pair: PagePair) -> list:
    en, cy = pair.en, pair.cy
    if pair.aligned:
        groups = [(s.index, s.heading) for s in en.sections]
    else:
        groups = [(None, None)]  # the headings differ (reported apart): compare the pages as a whole
    problems = []
    hint = "make the numbers agree: a number written in one language must be written, with digits, in the other"
    hint_cy = "gwnewch i'r rhifau gytuno: rhaid i rif a ysgrifennwyd mewn un iaith gael ei ysgrifennu, â digidau, yn y llall"
    for index, heading in groups:
        en_numbers = [(n, line) for p in en.prose if index is None or p.section == index for n, line in p.numbers]
        cy_numbers = [(n, line) for p in cy.prose if index is None or p.section == index for n, line in p.numbers]
        en_count, cy_count = Counter(n for n, _ in en_numbers), Counter(n for n, _ in cy_numbers)
        if en_count == cy_count:
            continue
        where = f"section '{heading.text}'" if heading else ("the top of the page" if index == 0 else "the page")
        where_cy = f"yn adran '{heading.text}'" if heading else ("ar frig y dudalen" if index == 0 else "ar y dudalen")
        only_en, only_cy = en_count - cy_count, cy_count - en_count
        for numbers, page, other, only, other_only in ((en_numbers, en, cy, only_en, only_cy), (cy_numbers, cy, en, only_cy, only_en)):
            if not only:
                continue
            first_line = min(line for n, line in numbers if n in only)
            listed = ", ".join(sorted(only, key=_number_order))
            instead = f", which has {', '.join(sorted(other_only, key=_number_order))} instead" if other_only else ""
            instead_cy = f", sy'n cynnwys {', '.join(sorted(other_only, key=_number_order))} yn lle hynny" if other_only else ""
            problems.append(Problem(
                page.path, first_line, "number-mismatch", f"{listed} {'is' if sum(only.values()) == 1 else 'are'} in the {LANGUAGE[page.locale]} of {where} but not in the {LANGUAGE[other.locale]} ({other.path}{instead})", hint,
                message_cy=f"mae {listed} {where_cy} yn {IN_LANGUAGE_CY[page.locale]} ond nid yn {IN_LANGUAGE_CY[other.locale]} ({other.path}{instead_cy})", hint_cy=hint_cy,
            ))
    return problems


def _number_order(number: str) -> tuple:
    try:
        return (0, float(number), number)
    except ValueError:
        return (1, 0.0, number)


def _excerpt(text: str, length: int = 70) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _compared_pages(corpus: Corpus) -> list:
    """The page pairs whose two pages were both read without problems: the ones the page rules compare."""
    return [pair for pair in corpus.pages.values() if pair.en is not None and pair.cy is not None and not pair.en.problems and not pair.cy.problems]


def counterpart_problems(corpus: Corpus, store: Store) -> list:
    return [problem for pair in corpus.pages.values() for problem in _counterpart_problems(pair)]


def front_matter_problems(corpus: Corpus, store: Store) -> list:
    return [problem for pair in _compared_pages(corpus) for problem in _front_matter_problems(pair.en, pair.cy)]


def structure_problems(corpus: Corpus, store: Store) -> list:
    return [problem for pair in _compared_pages(corpus) for problem in _structure_problems(pair.en, pair.cy, corpus.identifier)]


def image_description_problems(corpus: Corpus, store: Store) -> list:
    return [problem for pair in _compared_pages(corpus) for problem in _image_description_problems(pair.en, pair.cy, corpus.identifier)]


def number_problems(corpus: Corpus, store: Store) -> list:
    return [problem for pair in _compared_pages(corpus) for problem in _number_problems(pair)]


# --- Rules: data ------------------------------------------------------------------------------


def data_problems(corpus: Corpus) -> list:
    """Every data text with a language empty, or with the Welsh the same as the English.

    Most texts have neither problem, and are passed over with as few operations as can be (a
    unit per data text: some 30,000 at 90 plans); the others are looked at by _text_problems.
    """
    problems = []
    normalised = corpus.normalised
    for unit in corpus.text_units():
        en, cy = unit.en, unit.cy
        if en and cy and en.strip() and cy.strip() and normalised(en) != normalised(cy):
            continue  # both written, and not the same: no problem
        problems += _text_problems(corpus, unit)
    return problems


def _text_problems(corpus: Corpus, unit: Unit) -> list:
    """A data text's problems of data_problems: each language empty, then the Welsh the same as the English."""
    problems = []
    en, cy = unit.en or "", unit.cy or ""
    (path, en_line), (_, cy_line) = unit.en_where, unit.cy_where
    for text, locale, line in ((en, ENGLISH, en_line), (cy, WELSH, cy_line)):
        if not text.strip():
            # fersiwn is feminine: "y fersiwn Gymraeg"
            problems.append(Problem(
                path, line, "text-empty", f"the {LANGUAGE[locale]} of this text is empty", f"write the text in {LANGUAGE[locale]} after '{locale}:'", field=unit.label,
                message_cy=f"mae'r fersiwn {IN_LANGUAGE_CY[locale]} o'r testun hwn yn wag",
                hint_cy=f"ysgrifennwch y testun yn {IN_LANGUAGE_CY[locale]} ar ôl '{locale}:'",
            ))
    if en.strip() and corpus.normalised(en) == corpus.normalised(cy):
        if not (en.strip() in corpus.same_in_both or corpus.is_names_only(en)):
            problems.append(Problem(
                path, cy_line, "text-untranslated", f"the Welsh is the same as the English: '{_excerpt(cy)}'", "translate it into Welsh; if it is a name written the same in both languages, add it to same_in_both in data/glossary.yml", field=unit.label,
                message_cy=f"mae'r Gymraeg yr un fath â'r Saesneg: '{_excerpt(cy)}'",
                hint_cy="cyfieithwch y testun i'r Gymraeg; os yw'n enw a ysgrifennir yr un fath yn y ddwy iaith, ychwanegwch ef at same_in_both yn data/glossary.yml",
            ))
    return problems


# --- Rules: the language of the text ----------------------------------------------------------


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")


def _sentences(text: str) -> list:
    """A paragraph's sentences: so an English sentence pasted into a Welsh paragraph is caught too."""
    return [sentence for sentence in _SENTENCE_END.split(text) if sentence.strip()]


# A run of prose (Prose.kind) in Welsh, as "this ...", with its gender's demonstrative (hwn, hon).
_PROSE_CY = {
    "heading": "y pennawd hwn",
    "paragraph": "y paragraff hwn",
    "list item": "yr eitem hon yn y rhestr",
    "table cell": "y gell hon yn y tabl",
    "quotation": "y dyfyniad hwn",
    "image description": "disgrifiad y ddelwedd hon",
}


def _this_prose_cy(kind: str, sentences: int) -> str:
    """'this paragraph' or 'a sentence of this paragraph', in Welsh ("un o frawddegau'r paragraff hwn")."""
    front_matter = re.fullmatch(r"front matter '(.*)'", kind)
    this = f"gosodiad '{front_matter[1]}' y dudalen" if front_matter else _PROSE_CY.get(kind, f"y testun hwn ({kind})")
    if sentences == 1:
        return this
    if this.startswith("yr "):
        return "un o frawddegau'r " + this[3:]
    if this.startswith("y "):
        return "un o frawddegau'r " + this[2:]
    return "un o frawddegau " + this


def language_problems(corpus: Corpus) -> list:
    """Every paragraph, heading, list item, table cell and image description of the pages, and every data text, in its own language.

    Each distinct (text, language) is identified once, and a problem is made only for a text
    found in the wrong language: the same texts recur in every plan.
    """
    on_pages = []  # (sentence, locale, page, prose, number of sentences of the prose)
    for pair in corpus.pages.values():
        for page in (pair.en, pair.cy):
            if page is None or page.problems:
                continue
            for prose in page.prose:
                sentences = _sentences(prose.text)
                for sentence in sentences:
                    on_pages.append((sentence, page.locale, page, prose, len(sentences)))
    # The data texts with both languages written, and not the same (the data rules report the
    # others), each language checked: a unit per data text (some 30,000 at 90 plans), so as few
    # operations per unit as can be.
    normalised = corpus.normalised
    in_data = [unit for unit in corpus.text_units() if unit.en and unit.cy and unit.en.strip() and unit.cy.strip() and normalised(unit.en) != normalised(unit.cy)]
    distinct = {(place[0], place[1]) for place in on_pages}
    distinct.update([(unit.en, ENGLISH) for unit in in_data])
    distinct.update([(unit.cy, WELSH) for unit in in_data])
    distinct = list(distinct)  # in any order: each is identified on its own, the texts sorted
    wrong = {item for item, is_wrong in zip(distinct, corpus.identifier.wrong_languages(distinct)) if is_wrong}
    problems = [_wrong_language_on_page(page, prose, sentence, count) for sentence, locale, page, prose, count in on_pages if (sentence, locale) in wrong]
    if wrong:  # each unit's English, then its Welsh, in the units' order
        for unit in in_data:
            if (unit.en, ENGLISH) in wrong:
                problems.append(_wrong_language_in_data(unit.en, ENGLISH, *unit.en_where, unit))
            if (unit.cy, WELSH) in wrong:
                problems.append(_wrong_language_in_data(unit.cy, WELSH, *unit.cy_where, unit))
    return problems


def _wrong_language_on_page(page: Page, prose: Prose, sentence: str, sentences: int) -> Problem:
    """A sentence of a page's prose (one of sentences) that looks like the other language."""
    language, other = LANGUAGE[page.locale], LANGUAGE[OTHER[page.locale]]
    what = f"this {prose.kind}" if sentences == 1 else f"a sentence of this {prose.kind}"
    what_cy = _this_prose_cy(prose.kind, sentences)
    return Problem(
        page.path, prose.line, "wrong-language", f"{what} looks like {other}, on the {language} page: '{_excerpt(sentence)}'", f"write it in {language}; if it is a name that is the same in both languages, add the name to same_in_both in data/glossary.yml",
        message_cy=f"mae {what_cy} yn edrych fel {LANGUAGE_CY[OTHER[page.locale]]}, ar {PAGE_CY[page.locale]}: '{_excerpt(sentence)}'",
        hint_cy=f"ysgrifennwch y testun yn {IN_LANGUAGE_CY[page.locale]}; os yw'n enw sydd yr un fath yn y ddwy iaith, ychwanegwch yr enw at same_in_both yn data/glossary.yml",
    )


def _wrong_language_in_data(text: str, locale: str, path: str, line: int | None, unit: Unit) -> Problem:
    """One language of a data text that looks like the other language."""
    return Problem(
        path, line, "wrong-language", f"the {LANGUAGE[locale]} text looks like {LANGUAGE[OTHER[locale]]}: '{_excerpt(text)}'", f"write it in {LANGUAGE[locale]} after '{locale}:'; if it holds a name that is the same in both languages, add the name to same_in_both in data/glossary.yml", field=unit.label,
        message_cy=f"mae'r testun {LANGUAGE_CY[locale]} yn edrych fel {LANGUAGE_CY[OTHER[locale]]}: '{_excerpt(text)}'",
        hint_cy=f"ysgrifennwch y testun yn {IN_LANGUAGE_CY[locale]} ar ôl '{locale}:'; os oes enw ynddo sydd yr un fath yn y ddwy iaith, ychwanegwch yr enw at same_in_both yn data/glossary.yml",
    )


# --- Rules: freshness -------------------------------------------------------------------------


def freshness_problems(corpus: Corpus, store: Store, with_file_problems: bool = True, pairs=None) -> list:
    """Stale and unrecorded translations; with_file_problems: the fingerprint file's own problems, and
    those of the form of data/welsh-unchanged.yml, too.

    Each says which Welsh text to revise as people find it (the Welsh file and line, the
    heading of the section or the field, counted from 1), and gives the line of
    data/welsh-unchanged.yml that says the English change needs no Welsh change.
    """
    problems = list(store.problems) if with_file_problems else []
    if with_file_problems:
        problems += fingerprints.read_acknowledgements(corpus.root)[1]
    if pairs is None:  # built on first need: only for a unit its own record does not show up to date
        pairs = functools.cache(lambda: fingerprints.pairs_of(store))
    records, fingerprint_of = store.records, corpus.fingerprint
    for unit in corpus.units():
        # Most units are recorded with the English they have now: settled here without the call
        # of fingerprints.freshness (a gate checks every unit: some 32,000 at 90 plans), which
        # finds such a unit up to date, or missing if its Welsh is not written: either way, not
        # reported here.
        record = records.get(unit.key)
        if record is not None and unit.en is not None and record.en == fingerprint_of(unit.en):
            continue
        state = fingerprints.freshness(unit, store, pairs, fingerprint_of)
        if state.fresh or state.state == fingerprints.MISSING:
            continue  # a missing translation is reported by the page and data rules
        problems.append(freshness_problem(corpus, unit, state))
    return problems


def _section_heading(corpus: Corpus, unit: Unit) -> tuple:
    """(the number of a Welsh page section, the text of its Welsh heading or None)."""
    index = int(unit.key.rsplit("#", 1)[1])
    pair = corpus.pages.get(unit.group)
    sections = {s.index: s for s in pair.cy.sections} if pair is not None and pair.cy is not None else {}
    heading = sections[index].heading.text if index in sections and sections[index].heading else None
    return index, heading


def welsh_text_to_revise(corpus: Corpus, unit: Unit) -> str:
    """The Welsh text of a unit, as a person finds it: 'the section under the 2nd heading, 'Cysylltu', of content/cy/about.md'."""
    path, line = unit.cy_where
    if unit.kind == "section":
        index, heading = _section_heading(corpus, unit)
        if index == 0:
            return f"the top of {path}, above its first heading (line {line})"
        named = f", '{heading}'," if heading else ""
        return f"the section under the {fingerprints.ordinal(index)} heading{named} of {path} (line {line})"
    return f"the Welsh (cy:) of {fingerprints.describe_field(unit.label)} in {path} (line {line})"


def welsh_text_to_revise_cy(corpus: Corpus, unit: Unit) -> str:
    """The same in Welsh, a noun phrase for after a colon: "yr adran o dan bennawd 2, 'Cysylltu', yn content/cy/about.md (llinell 7)".

    Headings are counted with a digit after the noun ("pennawd 2", mutated after "o dan"), so
    no Welsh ordinal (yr ail, y trydydd ...) is needed.
    """
    path, line = unit.cy_where
    if unit.kind == "section":
        index, heading = _section_heading(corpus, unit)
        if index == 0:
            return f"brig {path}, uwchben y pennawd cyntaf (llinell {line})"
        named = f", '{heading}'," if heading else ""
        return f"yr adran o dan bennawd {index}{named} yn {path} (llinell {line})"
    return f"y testun ar ôl cy: ar gyfer {fingerprints.describe_field(unit.label, 'cy')} yn {path} (llinell {line})"


def unit_label_cy(unit: Unit) -> str:
    """What a unit is, in Welsh, for after "Cymraeg" or "Saesneg": "adran 2 'Cysylltu'", "brig y dudalen", "y testun ..."."""
    if unit.kind != "section":
        return f"y testun {fingerprints.describe_field(unit.label, 'cy')}"
    section = re.fullmatch(r"section (\d+) (.*)", unit.label, re.S)
    return f"adran {section[1]} {section[2]}" if section else "brig y dudalen"


def freshness_problem(corpus: Corpus, unit: Unit, state) -> Problem:
    path, line = unit.cy_where
    en_path, en_line = unit.en_where
    english = f"{en_path}:{en_line}"
    field_ = "" if unit.kind == "section" else unit.label
    what = f"{unit.label}" if unit.kind == "section" else f"the text {fingerprints.describe_field(unit.label)}"
    welsh = welsh_text_to_revise(corpus, unit)
    mark, mark_cy = mark_fresh_command(unit.key), mark_fresh_command(unit.key, "cy")
    entry = fingerprints.acknowledgement_entry(unit)
    no_change = f"If the English change needs no change to the Welsh (a typo corrected in the English), add this line at the end of {fingerprints.ACKNOWLEDGEMENTS_PATH} and replace its [TO DO: ...] with why: {entry}"
    what_cy, welsh_cy = unit_label_cy(unit), welsh_text_to_revise_cy(corpus, unit)
    add_line_cy = f"ychwanegwch y llinell hon at ddiwedd {fingerprints.ACKNOWLEDGEMENTS_PATH}, a rhowch y rheswm yn lle'r [TO DO: ...] sydd ynddi: {entry}"
    if state.state == fingerprints.NOT_RECORDED:
        return Problem(
            path, line, "translation-unrecorded",
            f"no fingerprint is recorded for the Welsh of {what} ({english}): nobody has yet confirmed it matches the English. The Welsh is {welsh}",
            f"check that Welsh against the English and correct it if needed; when a pull request changes it, the pull request's check records it (on your computer, run: {mark}). If it is right as it is, add this line at the end of {fingerprints.ACKNOWLEDGEMENTS_PATH} and replace its [TO DO: ...] with why: {entry}",
            field=field_,
            message_cy=f"nid oes ôl bys wedi'i gofnodi ar gyfer Cymraeg {what_cy} ({english}): nid oes neb wedi cadarnhau eto ei bod yn cyfateb i'r Saesneg. Dyma ble mae'r Gymraeg: {welsh_cy}",
            hint_cy=f"gwiriwch y Gymraeg honno yn erbyn y Saesneg, a'i chywiro os oes angen; pan fydd cais tynnu yn ei newid, bydd gwiriad y cais tynnu yn ei chofnodi (ar eich cyfrifiadur, rhedwch: {mark_cy}). Os yw'n gywir fel y mae, {add_line_cy}",
        )
    changed = "; ".join(state.changes) if state.changes else f"it now reads '{_excerpt(unit.en or '')}'"
    changes_cy = getattr(state, "changes_cy", ())
    changed_cy = "; ".join(changes_cy) if changes_cy else f"dyma'r Saesneg bellach: '{_excerpt(unit.en or '')}'"
    return Problem(
        path, line, "translation-stale",
        f"the English of {what} has changed since its Welsh was last marked up to date ({english}: {changed}). Revise the Welsh: {welsh}",
        f"revise that Welsh to match the English; the pull request's check then records it (on your computer, run: {mark}). {no_change}",
        field=field_,
        message_cy=f"mae Saesneg {what_cy} wedi newid ers i'r Gymraeg gael ei nodi'n gyfredol ddiwethaf ({english}: {changed_cy}). Diwygiwch y Gymraeg: {welsh_cy}",
        hint_cy=(
            f"diwygiwch y Gymraeg honno fel ei bod yn cyfateb i'r Saesneg; yna bydd gwiriad y cais tynnu yn ei chofnodi (ar eich cyfrifiadur, rhedwch: {mark_cy}). "
            f"Os nad oes angen newid y Gymraeg ar ôl y newid i'r Saesneg (teipo wedi'i gywiro yn y Saesneg), {add_line_cy}"
        ),
    )


# --- Rules: abbreviations --------------------------------------------------------------------


def abbreviation_problems(corpus: Corpus, store: Store) -> list:
    """Every abbreviation used on a page or in a data text with no expansion in that language in
    data/abbreviations.yml (hooks/rendering/abbreviations.py); none when that file has problems
    (the build and `python -m hooks.check` report those)."""
    from hooks.rendering import abbreviations

    known = corpus.abbreviations if corpus.abbreviations is not None else abbreviations.read(corpus.root)[0]
    if not known.readable:
        return []
    names = tuple(sorted((name for name in corpus.same_in_both if " " in name.strip()), key=len, reverse=True))
    unexplained_in: dict = {}  # (text, locale) -> its words with no expansion: each distinct text read once

    def unexplained(text: str, locale: str) -> list:
        if (text, locale) not in unexplained_in:
            unexplained_in[text, locale] = [word for word in abbreviations.words(text, names) if not known.explains(word, locale)]
        return unexplained_in[text, locale]

    found = {}  # (path, line, word, locale) -> field: a text's English and Welsh can share a line
    for pair in corpus.pages.values():
        for page in (pair.en, pair.cy):
            if page is None or page.problems:
                continue
            for prose in page.prose:
                for word in unexplained(prose.text, page.locale):
                    found.setdefault((page.path, prose.line, word, page.locale), "")
    units = corpus.text_units()
    # The data texts that use an abbreviation with no expansion, found among the distinct texts
    # first: most units (a unit per data text, some 30,000 at 90 plans) have none, and are passed
    # over with two look-ups. (A missing text, None, is in neither set: it has no words.)
    english_with = {text for text in {unit.en for unit in units} if text and unexplained(text, ENGLISH)}
    welsh_with = {text for text in {unit.cy for unit in units} if text and unexplained(text, WELSH)}
    for unit in units:
        if unit.en not in english_with and unit.cy not in welsh_with:
            continue
        for text, locale, (path, line) in ((unit.en, ENGLISH, unit.en_where), (unit.cy, WELSH, unit.cy_where)):
            for word in unexplained(text or "", locale):
                found.setdefault((path, line, word, locale), unit.label)
    problems = []
    for (path, line, word, locale), label in found.items():
        problems.append(Problem(
            path, line, "abbreviation-unexplained", f"'{word}' is an abbreviation with no expansion in {LANGUAGE[locale]} in {abbreviations.PATH}: readers cannot see what it stands for",
            f"add it under '{locale}:' in {abbreviations.PATH} with its full name in {LANGUAGE[locale]} and where that comes from ({word}: {{expansion: \"...\", source: \"...\"}}), or write the full name instead; if it is not an abbreviation, list it under not_abbreviations with why", field=label,
            message_cy=f"mae '{word}' yn fyrfodd heb ei ehangu yn {IN_LANGUAGE_CY[locale]} yn {abbreviations.PATH}: ni all darllenwyr weld beth mae'n ei olygu",
            hint_cy=f"ychwanegwch ef o dan '{locale}:' yn {abbreviations.PATH} gyda'i enw llawn yn {IN_LANGUAGE_CY[locale]} a'i ffynhonnell ({word}: {{expansion: \"...\", source: \"...\"}}), neu ysgrifennwch yr enw llawn yn ei le; os nad yw'n fyrfodd, rhestrwch ef o dan not_abbreviations gan ddweud pam",
        ))
    return problems


# --- All checks -------------------------------------------------------------------------------


# --- The gate's rules, in one table -----------------------------------------------------------
#
# Each family of the translation gate's rules: the rule ids it reports, what it checks, and the
# function that finds its problems, given the corpus (every page pair and data text, read once)
# and the fingerprint file. To add a rule: write its function above, add its line here, and
# explain its id in docs/translation-rules.md (tests/test_translation_gate.py checks that every
# id the gate reports is in this table, under the rule that reports it, and the guide tests
# that it is explained).


@dataclass(frozen=True)
class GateRule:
    ids: tuple
    checks: str
    find: Callable  # (Corpus, Store) -> list of problems
    readers: bool = False  # also reports the problems of the readers it uses (hooks/model: yaml-*, schema-*, ...)


GATE_RULES = (
    GateRule(("page-unreadable", "page-encoding", "front-matter-unclosed"), "every page can be read: UTF-8 text, its front matter closed and read strictly (and, when the gate runs alone, the data)", lambda corpus, store: list(corpus.problems), readers=True),
    GateRule(("page-without-welsh", "page-without-english"), "every page has its counterpart, at the same path, in the other language", counterpart_problems),
    GateRule(("front-matter-keys", "front-matter-reference"), "both pages have the same front matter fields, and the same values where they are references", front_matter_problems),
    GateRule(("marker-mismatch", "heading-mismatch", "list-mismatch", "table-mismatch", "image-mismatch", "link-mismatch"), "both pages have the same blocks, headings, lists, tables, images and links, in the same order", structure_problems),
    GateRule(("image-alt-missing", "image-alt-language"), "every image has a description, in its page's language", image_description_problems),
    GateRule(("number-mismatch",), "both pages give the same numbers", number_problems),
    GateRule(("text-empty", "text-untranslated"), "every text of the data is written in both languages, and translated", lambda corpus, store: data_problems(corpus)),
    GateRule(("wrong-language",), "every paragraph, heading, list item, table cell, image description and data text is in its page's or field's language", lambda corpus, store: language_problems(corpus)),
    GateRule(("abbreviation-unexplained",), "every abbreviation used on a page or in a data text has its full name in that language in data/abbreviations.yml", abbreviation_problems),
    GateRule(("translation-stale", "translation-unrecorded", "fingerprint-file", "welsh-unchanged-file"), "every Welsh translation is recorded as made from the English there is now (data/translation-fingerprints.txt, data/welsh-unchanged.yml)", freshness_problems),
)


def run_checks(root: Path, data=None, abbreviations=None) -> list:
    """Every translation problem of the site at root, sorted; data and abbreviations, if given, are the plan data and data/abbreviations.yml read (see read_corpus)."""
    corpus = read_corpus(root, data, abbreviations)
    fingerprint_file = Store.read(corpus.root)
    problems = []
    for rule in GATE_RULES:
        problems += rule.find(corpus, fingerprint_file)
    return sorted(set(problems))


