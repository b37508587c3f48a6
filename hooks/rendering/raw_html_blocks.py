"""Python-Markdown's raw HTML blocks, found without its HTML parser where a page's HTML is plain.

Before it parses a page, Python-Markdown takes every raw HTML block out of the text and keeps
it aside (`md.htmlStash`), leaving a placeholder that it swaps back after. It finds the blocks
with `markdown.htmlparser.HTMLExtractor`, an `html.parser.HTMLParser` that walks every tag,
entity and run of text of the page in Python: on a plan page, whose blocks are mostly HTML
(lists, tables, charts), that is most of the time Markdown spends on the page.

`extract` does the same work for the HTML the templates write: start and end tags whose
attributes are quoted, entities closed by `;`, text. For that subset it follows
HTMLExtractor's rules one for one (the `_Extraction` methods below are its `handle_*`
methods, in the same order and with the same names), so the page's text and its stash come
out the same; inside a raw block, where HTMLExtractor changes only its stack of open tags (most
of a plan page's tags), `_end_of_raw_block` reads the tags for that alone. A page with anything else (a comment, `<!DOCTYPE`, `<?`, a `<script>` or other
element whose content the parser reads as text, an unquoted attribute, `&` that is neither an
entity closed by `;` nor a plain `&`) is left to Python-Markdown's own extractor, whole.
tests/test_raw_html_blocks.py holds the two to the same output on every page of the site, on
synthetic sites and on generated HTML.

`RawHtmlBlocks` is the Python-Markdown extension that puts it in place of the `html_block`
preprocessor; hooks/mkdocs_hooks.py adds it to the build's Markdown extensions, and gives the
page the ids of the blocks (see "The ids of the blocks").
"""

from __future__ import annotations

import html.parser
import re

from markdown import Extension
from markdown.htmlparser import htmlparser as markdown_html_parser  # html.parser as Python-Markdown changes it, as MkDocs' reader uses it
from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor

# The repeats are possessive (*+, ++, ?+): whatever one of them matched, giving any back cannot make
# the rest match (a name is followed by no name character, spaces by no space...), so the regex
# engine need keep no places to go back to (_TAG.finditer takes a seventh less time on a plan page).
_SPACE = "[ \t\n\r\f]"
_ATTRIBUTE_NAME = "[a-zA-Z_:][-a-zA-Z0-9_:.]*+"
_QUOTED_VALUE = """"[^"<>`]*+"|'[^'<>`]*+'"""
# An attribute, its name in the group "named" where it is id or name (in any case): a tag's ids are
# in such attributes (see "The ids of the blocks").
_ATTRIBUTE = (
    rf"{_SPACE}++(?:(?P<named>[iI][dD]|[nN][aA][mM][eE])(?![-a-zA-Z0-9_:.])|{_ATTRIBUTE_NAME})"
    rf"(?:{_SPACE}*+={_SPACE}*+(?:{_QUOTED_VALUE}))?+"
)
_AFTER_AMPERSAND = r"(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);"
_REFERENCE = rf"&{_AFTER_AMPERSAND}"  # an entity or character reference closed by ";"
_TAG = re.compile(
    rf"""
    </(?P<end>[a-zA-Z][a-zA-Z0-9-]*+){_SPACE}*+>
    | <(?P<start>[a-zA-Z][a-zA-Z0-9-]*+)(?:{_ATTRIBUTE})*+{_SPACE}*+(?P<closed>/?)>
    | <  # any other "<" (neither group there): text if it starts nothing, else the page is not plain
    """,
    re.VERBOSE,
)
_STARTS_SOMETHING = re.compile(r"[a-zA-Z/!?]")  # after a "<": what the parser reads as a tag, a comment, a declaration...
_OTHER_AMPERSAND = re.compile(rf"&(?!{_AFTER_AMPERSAND})(?![^a-zA-Z\#]|\Z)")  # "&" that is neither a reference nor a plain "&" (led by "&": the regex engine looks for it alone)
_TEXT_OR_REFERENCE = re.compile(rf"[^<&]+|{_REFERENCE}|[<&]")
_TEXT_CONTENT = frozenset(getattr(html.parser.HTMLParser, "CDATA_CONTENT_ELEMENTS", ())) | frozenset(
    getattr(html.parser.HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())
) | {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
_EMPTY_BLOCK_TAGS = frozenset({"hr"})  # HTMLExtractor.empty_tags: treated as if written <hr/>
_BLANK_LINE = re.compile(r"(?:[ ]*\n){2}")  # markdown.htmlparser.blank_line_re, matched at a position


def _has_other_ampersand(source: str) -> bool:
    """Whether an "&" of source is neither an entity (or character reference) closed by ";" nor a plain "&"."""
    return _OTHER_AMPERSAND.search(source) is not None


class _NotPlain(Exception):
    """The page has HTML outside the plain subset: a comment, a declaration, an unquoted attribute, a <script>..."""


def _text_less_than(match: re.Match) -> None:
    """A "<" that begins no tag (_TAG's last choice) is text where it starts nothing; raises _NotPlain where it does."""
    if _STARTS_SOMETHING.match(match.string, match.end()):
        raise _NotPlain


class _Extraction:
    """HTMLExtractor's state and handlers, for tags and the text between them (its comments and declarations left out).

    `pieces` are its `cleandoc`: (True, html) where it stores html in the stash, (False, text)
    where it keeps text. Inside a raw block everything is kept as written, so the block is kept
    as one span of the source from `raw_from` (HTMLExtractor appends each piece to its cache).
    HTMLExtractor's inline stack is left out: it serves only comments.
    """

    def __init__(self, source: str, block_level: frozenset):
        self.source = source
        self.block_level = block_level
        self.inraw = False
        self.intail = False
        self.stack: list = []
        self.cache: list = []  # what HTMLExtractor caches outside a raw block (in a block's tail)
        self.raw_from = 0
        self.pieces: list = []
        self.ids: set = set()  # of the tags stashed

    def keep_ids(self, tag: str, text: str) -> None:
        """The ids of a stashed start tag with an id or a name attribute, for the page (see "The ids of the blocks")."""
        self.ids.update(_ids_of_tag(tag, text))

    def at_line_start(self, position: int) -> bool:
        column = position - (self.source.rfind("\n", 0, position) + 1)
        if column == 0:
            return True
        if column > 3:
            return False
        return self.source[position - column:position].strip() == ""

    def handle_starttag(self, tag: str, text: str, position: int, named: bool) -> None:
        """`named`: the tag has an id or a name attribute (so too in handle_startendtag)."""
        if tag in _EMPTY_BLOCK_TAGS:
            self.handle_startendtag(tag, text, position, named)
            return
        if tag in self.block_level and (self.intail or (self.at_line_start(position) and not self.inraw)):
            if not self.inraw:  # (in a block begun in a tail, HTMLExtractor begins it again: one more line break)
                self.raw_from = position
            self.inraw = True
            self.pieces.append((False, "\n"))
        if self.inraw:
            self.stack.append(tag)
            if named:
                self.keep_ids(tag, text)
        else:
            self.pieces.append((False, text))

    def handle_endtag(self, tag: str, text: str, position: int) -> None:
        if not self.inraw:
            self.pieces.append((False, text))
            return
        if tag in self.stack:  # closes it and whatever was opened after it
            while self.stack.pop() != tag:
                pass
        if not self.stack:
            self.end_raw_block(position + len(text))

    def end_raw_block(self, end: int) -> None:
        """The raw block's first tag closed by the end tag ending at `end`: the block is stashed (handle_endtag's end)."""
        self.cache.append(self.source[self.raw_from:end])
        if _BLANK_LINE.match(self.source, end):
            self.cache.append("\n")
        else:
            self.intail = True
        self.inraw = False
        self.pieces.append((True, "".join(self.cache)))
        self.pieces.append((False, "\n\n"))
        self.cache = []

    def handle_between(self, start: int, end: int) -> None:
        """The text and references between two tags: handle_data, handle_entityref and handle_charref in turn.

        Outside a block's tail, each piece goes where the one before went, as it is: all at once.
        """
        if self.inraw:
            if self.intail and "\n" in self.source[start:end]:
                self.intail = False  # a raw block begun in a tail: the text is in its span
            return
        if not self.intail:
            self.pieces.append((False, self.source[start:end]))
            return
        for match in _TEXT_OR_REFERENCE.finditer(self.source, start, end):
            text = match.group()
            if len(text) > 1 and text[0] == "&":
                self.handle_empty_tag(text, False, match.start())
            else:
                self.handle_data(text)

    def handle_data(self, data: str) -> None:  # outside a raw block (inside, the text is in the block's span)
        if self.intail and "\n" in data:
            self.intail = False
        self.pieces.append((False, data))

    def handle_startendtag(self, tag: str, text: str, position: int, named: bool) -> None:
        if self.handle_empty_tag(text, tag in self.block_level, position) and named:
            self.keep_ids(tag, text)

    def handle_empty_tag(self, data: str, is_block: bool, position: int) -> bool:
        """(Whether data is stashed: in a raw block, in a block's tail, or as a block of its own.)"""
        if self.inraw:
            return True  # in the block's span
        if self.intail:
            self.cache.append(data)
            return True
        if is_block and self.at_line_start(position):
            if _BLANK_LINE.match(self.source, position + len(data)):
                data += "\n"
            else:
                self.intail = True
            last = self.pieces[-1][1] if self.pieces and not self.pieces[-1][0] else ""
            if not last.endswith("\n\n") and last.endswith("\n"):
                self.pieces.append((False, "\n"))
            self.pieces.append((True, data))
            self.pieces.append((False, "\n\n"))
            return True
        self.pieces.append((False, data))
        return False

    def close(self) -> None:
        if self.inraw:
            self.cache.append(self.source[self.raw_from:])
        if self.cache:
            self.pieces.append((True, "".join(self.cache)))
            self.cache = []


def extract(source: str, block_level_elements) -> tuple | None:
    """(HTMLExtractor's cleandoc for source, as (stashed?, text) pieces, the ids of the tags stashed); None if
    source has HTML outside the plain subset.

    block_level_elements are the Markdown instance's (`md.block_level_elements`).
    """
    if _has_other_ampersand(source):
        return None  # "R&D", "&#12"...
    extraction = _Extraction(source, frozenset(block_level_elements))
    try:
        _read(extraction)
    except _NotPlain:
        return None  # a comment, a declaration, an unquoted attribute, a <script>...
    extraction.close()
    return extraction.pieces, extraction.ids


def _read(extraction: _Extraction) -> None:
    """Gives the tags of the extraction's source, and the text between them, to its handlers in turn.

    Raises _NotPlain where the page is not plain. Once a raw block is open out of a tail,
    its tags go to `_end_of_raw_block` instead, to the one that closes it: there only the stack
    of open tags changes.
    """
    source = extraction.source
    tags = _TAG.finditer(source)  # read as they come: a list of them all would only keep them alive for the cycle collector to walk
    position = 0
    for match in tags:
        end, start, named, closed = match.groups()
        if end is None and start is None:
            _text_less_than(match)
            continue  # (it is in the text before the next tag)
        tag_start, tag_end = match.span()
        if tag_start > position:
            extraction.handle_between(position, tag_start)
        position = tag_end
        if end is not None:
            extraction.handle_endtag(end.lower(), match.group(), tag_start)
        else:
            tag = start.lower()
            if tag in _TEXT_CONTENT:
                raise _NotPlain  # its content is text to the parser
            if closed:
                extraction.handle_startendtag(tag, match.group(), tag_start, named is not None)
            else:
                extraction.handle_starttag(tag, match.group(), tag_start, named is not None)
        if extraction.inraw and not extraction.intail:  # the rest of the block
            closing = _end_of_raw_block(tags, extraction.stack, extraction.ids)
            if closing is None:
                return  # the page ends in the block (the text after its last tag is in its span)
            position = closing.end()
            extraction.end_raw_block(position)
    if position < len(source):
        extraction.handle_between(position, len(source))


def _end_of_raw_block(tags, stack: list, ids: set) -> re.Match | None:
    """The end tag that closes a raw block out of any tail, its tags read from `tags` on (None where the page ends
    first). The ids of its tags go to `ids`. Raises _NotPlain where the page is not plain.

    HTMLExtractor keeps such a block as written (it is the block's span) and ignores the text in
    it: only its stack of open tags changes (its handle_starttag and handle_endtag, at less cost).
    A start tag is pushed, but for an empty one (written self-closed, or <hr>, which HTMLExtractor
    reads as self-closed), which handle_empty_tag keeps in the block. An end tag closes the
    innermost open tag of its name and all opened after it, or nothing if none is open; the block
    ends when the stack is empty.
    """
    for match in tags:
        end, start, named, closed = match.groups()  # (one call for the four)
        if end is not None:
            tag = end.lower()
            if stack[-1] == tag:  # most often the innermost open tag (one comparison, no walk of the stack from its bottom)
                stack.pop()
            elif tag in stack:
                while stack.pop() != tag:
                    pass
            else:
                continue  # it closes nothing
            if not stack:
                return match
            continue
        if start is None:
            _text_less_than(match)
            continue
        tag = start.lower()
        if tag in _TEXT_CONTENT:
            raise _NotPlain
        if not closed and tag not in _EMPTY_BLOCK_TAGS:
            stack.append(tag)
        if named is not None:
            ids.update(_ids_of_tag(tag, match.group()))
    return None


# --- The ids of the blocks ------------------------------------------------------------------------
# MkDocs reads a page's raw HTML once more, just before html_block, for the ids that links may
# name (mkdocs/structure/pages.py, _RawHTMLPreprocessor; it warns, at the level of its
# validation.anchors setting, of a link to an id that is not there). The preprocessor here runs
# before that reader, so the reader sees the page without its blocks, and the ids of the blocks
# are given back to the page by the adapter (hooks/mkdocs_hooks.py, on_page_content).
#
# MkDocs' reader takes the ids from the start tags. Of a stashed piece of `extract`, every start
# tag is one `_TAG` matched, and `extract` takes the ids of those that it stashes as it reads them;
# only a tag with an attribute named id or name has any ("named" in _TAG), a few in a page.
# tests/test_raw_html_blocks.py holds them to the ids of the stashed pieces read afresh.

_ATTRIBUTE_VALUE = re.compile(rf"{_SPACE}+({_ATTRIBUTE_NAME})(?:{_SPACE}*={_SPACE}*({_QUOTED_VALUE}))?")


def _ids_of_tag(tag: str, text: str) -> list:
    """The values MkDocs' reader takes as ids from one start tag: its id, and a name of an <a>."""
    found = []
    for name, value in _ATTRIBUTE_VALUE.findall(text[len(tag) + 1:]):
        name = name.lower()
        if name == "id" or (name == "name" and tag == "a"):
            found.append(html.unescape(value[1:-1]) if value else None)
    return found


class _Ids(markdown_html_parser.HTMLParser):
    """MkDocs' reader of ids in raw HTML (mkdocs/structure/pages.py, _HTMLHandler), for a page `extract` declines."""

    def __init__(self):
        super().__init__()
        self.ids: set = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)


def ids_of_html(text: str) -> set:
    reader = _Ids()
    reader.feed(text)
    reader.close()
    return reader.ids


# --- The extension ---------------------------------------------------------------------------------

PRIORITY = 21.5  # after fenced_code (25), before MkDocs' reader of ids (21); Python-Markdown's html_block is 20


class _RawHtmlBlockPreprocessor(Preprocessor):
    """The html_block preprocessor: `extract` where it can, Python-Markdown's own otherwise; the ids it took aside kept."""

    def __init__(self, md, python_markdowns: Preprocessor, extension: RawHtmlBlocks):
        super().__init__(md)
        self.python_markdowns = python_markdowns
        self.extension = extension

    def run(self, lines: list) -> list:
        source = "\n".join(lines)
        extracted = extract(source, self.md.block_level_elements)
        if extracted is None:
            self.extension.anchor_ids = ids_of_html(source)
            return self.python_markdowns.run(lines)
        pieces, self.extension.anchor_ids = extracted
        store = self.md.htmlStash.store
        return "".join(store(text) if stashed else text for stashed, text in pieces).split("\n")


class RawHtmlBlocks(Extension):
    """Takes the place of Python-Markdown's html_block preprocessor, when that is the one in place.

    It runs before MkDocs' reader of ids where no other preprocessor comes between, at
    Python-Markdown's place otherwise. `take_anchor_ids()` gives the ids of the raw HTML of the
    text it last converted (all of them, when it left the text to Python-Markdown's extractor).
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.anchor_ids: set | None = None

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        if "html_block" not in md.preprocessors or type(md.preprocessors["html_block"]) is not HtmlBlockPreprocessor:
            return
        priorities = getattr(md.preprocessors, "_priority", None)  # the registry's (name, priority) items
        between = priorities is None or any(item.name != "html_block" and 20 < item.priority <= PRIORITY for item in priorities)
        priority = 20 if between else PRIORITY
        md.preprocessors.register(_RawHtmlBlockPreprocessor(md, md.preprocessors["html_block"], self), "html_block", priority)

    def take_anchor_ids(self) -> set:
        """The ids of the raw HTML of the text last converted, once (an empty set after)."""
        ids, self.anchor_ids = self.anchor_ids or set(), None
        return ids
