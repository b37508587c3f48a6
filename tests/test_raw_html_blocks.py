"""The raw HTML blocks found without the HTML parser are the ones Python-Markdown's parser finds.

hooks/rendering/raw_html_blocks.py does HTMLExtractor's work for plain HTML. For any text it
accepts, its pieces must be HTMLExtractor's cleandoc and stash exactly; for any other it must
decline, and Python-Markdown's own extractor does the work. Here on generated text, on tricky
text, on every page of the site as the build renders it, and on whole conversions.
"""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown.htmlparser import HTMLExtractor

from conftest import ROOT
from hooks import publication
from hooks.checks import links, site_config
from hooks.rendering import raw_html_blocks
from test_properties import modest


def _normalized(text: str) -> str:
    """The text as the html_block preprocessor receives it (after normalize_whitespace)."""
    md = markdown.Markdown()
    return "\n".join(md.preprocessors["normalize_whitespace"].run(text.split("\n")))


def python_markdowns(text: str) -> tuple:
    md = markdown.Markdown()
    parser = HTMLExtractor(md)
    parser.feed(text)
    parser.close()
    return "".join(parser.cleandoc), md.htmlStash.rawHtmlBlocks


def ours(text: str) -> tuple | None:
    """`extract`'s text and stash, as python_markdowns; its ids held to those of the pieces it stashed, read afresh."""
    md = markdown.Markdown()
    extracted = raw_html_blocks.extract(text, md.block_level_elements)
    if extracted is None:
        return None
    pieces, ids = extracted
    assert ids == ids_of_stashed_pieces(pieces)
    return "".join(md.htmlStash.store(piece) if stashed else piece for stashed, piece in pieces), md.htmlStash.rawHtmlBlocks


# The ids of `extract`'s stashed pieces, read afresh: in a piece `extract` stashed, every "<" before a
# letter begins a start tag, no attribute value holds a ">"; so this finds every start tag that may
# have an id or a name (and a few more, an attribute's value that says "id", which _ids_of_tag then
# reads for what it is). (How the module itself read them, before it took them as it read the tags.)
TAG_WITH_ID_OR_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(?=[^>]*[ \t\n\r\f](?:[iI][dD]|[nN][aA][mM][eE]))[^>]*>")


def ids_of_stashed_pieces(pieces: list) -> set:
    ids = set()
    for stashed, text in pieces:
        if stashed:
            for match in TAG_WITH_ID_OR_NAME.finditer(text):
                ids.update(raw_html_blocks._ids_of_tag(match.group(1).lower(), match.group()))
    return ids


# Pieces of text a page may hold, and what HTMLExtractor turns on: block and inline tags, at the
# start of a line or not, up to three spaces in; nested, unclosed, stray end tags; void and
# self-closed tags, <hr>; ids and names in any case, with and without a value; text after an
# end tag on its line (a block's tail); blank lines;
# entities and character references; a plain "&" or "<". Then what the quick way declines, and
# the lone "&" and "<" that, before a letter, it declines too.
PIECES = (
    "<div>", "</div>", "<p>", "</p>", "<ul class=\"plan-list\">", "</ul>", "<li>", "</li>", "<table>", "</table>", "<tr>", "</tr>",
    "<td>", "</td>", "<span>", "</span>", "<a href=\"x.md#y\" id=\"a1\">", "</a>", "<em>", "</em>", "<abbr title='A &amp; B'>", "</abbr>",
    "<br>", "<br/>", "<img alt=\"x\" src=\"y.png\">", "<img src=\"y.png\" />", "<hr>", "<hr/>", "<HR>", "<DIV CLASS=\"a\">", "</Div>",
    "<svg viewBox=\"0 0 10 10\" role=\"img\">", "</svg>", "<rect x=\"1\" y=\"2\"/>", "<text x=\"1\">", "</text>", "<figure>", "</figure>",
    "<details open>", "</details>", "<p\nclass=\"x\">", "</p >", "<dl>", "</dl>", "<dt>", "</dt>",
    "<div id=\"q\">", "<a NAME=\"N\">", "<div id>", "<span id=\"s\"/>", "<br id=\"b\"/>", "<hr id=\"h\">", "<p name=\"pn\">", "<td ID='t&amp;u'>",
    "<div title=\"an id name\" data-id=\"x\" idx=\"y\" named=\"z\">", "<a name='m' iD = \"n\">", "<img name=\"i\" id=\"j\"/>", "<hr\nid='k'/>",
    "&amp;", "&#39;", "&#x27;", "&nbsp;", " & ", " < 5", "a", "Text", " words ", "\n", "\n\n", "\n\n\n", " ", "  ", "   ", "    ",
    "# Heading", "- item", "| a | b |", "`<div>`", "{: #id }", "**bold**",
)
DECLINED = ("&", "<", "<!-- a comment -->", "<!DOCTYPE html>", "<?php ?>", "<script>", "</script>", "<a href=x>", "&x-y;", "&#12", "R&D", "</ >", "<>", "</>")


@st.composite
def page_of_pieces(draw, pieces=PIECES) -> str:
    return "".join(draw(st.lists(st.sampled_from(pieces), max_size=50)))


@modest(1500)
@given(text=page_of_pieces())
def test_on_any_plain_text_it_finds_what_htmlextractor_finds(text):
    assert ours(text) == python_markdowns(text)


@modest(500)
@given(text=page_of_pieces(PIECES + DECLINED))
def test_on_any_text_it_finds_what_htmlextractor_finds_or_declines(text):
    found = ours(text)
    if found is not None:
        assert found == python_markdowns(text)


@modest(300)
@given(text=st.text(alphabet="<>/&#;=\"' \ndivpspanhr1x", max_size=80))
def test_on_any_string_it_finds_what_htmlextractor_finds_or_declines(text):
    found = ours(text)
    if found is not None:
        assert found == python_markdowns(text)


TRICKY = [
    "", "text", "<div>\n</div>", "<div>a</div>\n\nb", "<div>a</div>b", "<div>a</div> <p>b</p>\nc", "<div>a</div>&amp;x\n\n<p>b</p>",
    "<div>a</div>&amp;<div>b</div>", "<div>a</div><p>b\n</p>\n\nafter", "<div><p>a</div>", "<p>a<br>b</p>", "</div>\n\ntext",
    "   <div>indented three</div>\n", "    <div>indented four</div>\n", "text <div>not at line start</div>\n", "<hr>\n\nx", "<hr>x",
    "a\n<hr>\n\nb", "a\n\n<hr/>", "<div>never closed", "<span>inline</span> at the start\n\n<div>block</div>", "x &amp; y < z & w",
    "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n\n## Heading {: #h }\n\n<table>\n<tr><td>1</td></tr>\n</table>",
    "<div>a</div>\n \n<p>b</p>", "<div>a</div>  \n\n", "<div>a</div>\n", "<div>a</div>", "&amp;", "<div>&#39;</div>&#39;\n\nx",
]
# Inside a raw block out of a tail, `extract` reads only the tags' names (`_end_of_raw_block`): a block
# begun in a tail, before and after its first line break; <hr> and self-closed tags in a block (never
# open: an end tag of their name closes nothing); nested tags of one name; end tags of no open tag; a
# block the page ends in; names in capitals; a "<" that is text.
IN_RAW_BLOCKS = [
    "<div>a</div> <div>b\n<p>c</p>\n</div>\n\nx", "<div>a</div><p>b<div>c</div></p>d\n<p>e</p>\n\nf", "<div>a</div> <p>b\n<hr>\n</p>x",
    "<div>\n<hr>\n<hr/>\n<p>a</p>\n</div>\n\nx", "<div>\n<hr id=\"h\">\n</div>", "<div>\n<span/><br><img src=\"a\">\n</div>b",
    "<div>\n<hr>\n<div>\n</hr>\n</div>x</div>\n\ny", "<div>\n<div/>\n</div>x\n\ny", "<p>\n<p/>a</p>b",
    "<div><div>a</div>\n</div>b\n\nc", "<div>\n<div>\n<div>a</div></div>\n</div>\n\n<div>b</div>", "<ul><li><ul><li>a</li></ul></li></ul>",
    "<div>\n</p></span>\n</div>x", "<div>\n<p>a</div>\n\nb", "<div>\n<p>unclosed", "<div>\n<p>a</p>", "<DIV>\n<P>a</p>\n</Div>x\n\ny",
    "<table>\n<tr><td>1</td></tr>\n</table>\n<table><tr><td>2</td></tr></table> tail &amp; <hr> <div>\nx</div>\n",
    "<div>\na < b <\n<p>c <</p>\n</div>x <\n\n<", "<div>a</div> < <div>\n< </div>",
]


@pytest.mark.parametrize("text", IN_RAW_BLOCKS)
def test_in_raw_blocks_it_finds_what_htmlextractor_finds(text):
    assert ours(text) == python_markdowns(text)


@pytest.mark.parametrize("text", TRICKY)
def test_on_tricky_text_it_finds_what_htmlextractor_finds(text):
    assert ours(text) == python_markdowns(text)


# The module's regexes for tags and for "&", as they read written plainly: without possessive repeats,
# the "&" after the look-ahead; and every "<" that begins no tag, which _TAG also matches, alone.
PLAIN_TAG = re.compile(
    r"""</(?P<end>[a-zA-Z][a-zA-Z0-9-]*)[ \t\n\r\f]*>"""
    r"""|<(?P<start>[a-zA-Z][a-zA-Z0-9-]*)(?:[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:[ \t\n\r\f]*=[ \t\n\r\f]*(?:"[^"<>`]*"|'[^'<>`]*'))?)*[ \t\n\r\f]*(?P<closed>/?)>"""
)
PLAIN_OTHER_AMPERSAND = re.compile(r"(?!&(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)&(?![^a-zA-Z\#]|\Z)")


def tags_of(pattern: re.Pattern, text: str) -> list:
    return [(match.span(), match.group("end", "start", "closed")) for match in pattern.finditer(text) if match.group("end", "start") != (None, None)]


def other_less_thans(text: str) -> list:
    """Where a "<" of text begins no tag (that PLAIN_TAG matches)."""
    return [at for at, character in enumerate(text) if character == "<" and not PLAIN_TAG.match(text, at)]


@modest(1000)
@given(text=st.one_of(page_of_pieces(PIECES + DECLINED), st.text(alphabet="<>/&#;=\"'` \t\n\fdivpa-_:.1xX", max_size=80)))
def test_its_regexes_find_what_they_find_written_plainly(text):
    assert tags_of(raw_html_blocks._TAG, text) == tags_of(PLAIN_TAG, text)
    others = [match.start() for match in raw_html_blocks._TAG.finditer(text) if match.group("end", "start") == (None, None)]
    assert others == other_less_thans(text)
    assert all(raw_html_blocks._TAG.match(text, at).group() == "<" for at in others)
    assert bool(raw_html_blocks._OTHER_AMPERSAND.search(text)) == bool(PLAIN_OTHER_AMPERSAND.search(text))


@pytest.mark.parametrize("text", [
    "<!-- c -->\n\n<div>a</div>", "<script>if (a < b) {}</script>", "<a href=x>y</a>", "R&D", "&#12", "<!DOCTYPE html>", "<title>T</title>",
    "<div>\n<script>a</script>\n</div>", "<div>\n<style/>\n</div>", "<div>\n<a href=x>y</a>\n</div>", "<div>\n<!-- c -->\n</div>",
    "<div>\n<p>a</p>\n</div>\n\nR&D", "<div>\n<p>a</p>\n</div><?x?>", "<div>\n<p>a <b\n</div>", "<div>\n<p>a</p><!x>\n</div>",
    "a <b c=d> e", "a </ b>", "<p>a</p> <?b", "<div>\n</>\n</div>",
])
def test_it_declines_what_it_does_not_read(text):
    assert ours(text) is None


def test_it_reads_every_page_of_the_site_as_the_build_renders_it_and_finds_the_same():
    made = publication.make(ROOT)
    assert not made.problems
    read = 0
    for page in made.pages.values():
        text = _normalized(page.rendered)
        found = ours(text)
        assert found is not None, f"{page.path}: the quick way declined a rendered page"
        assert found == python_markdowns(text), page.path
        read += 1
    assert read == len(made.pages) > 10


def _convert(text: str, extra: list) -> str:
    """text converted with the site's Markdown extensions, in MkDocs' order, and extra."""
    configured = site_config.read(ROOT).markdown_extensions
    names = links.MKDOCS_EXTENSIONS + [name for name, _ in configured if name not in links.MKDOCS_EXTENSIONS]
    configs = {name: dict(config) for name, config in configured if config}
    return markdown.Markdown(extensions=[*names, *extra], extension_configs=configs).convert(text)


def test_a_page_converts_to_the_same_html_with_the_extension_and_without():
    made = publication.make(ROOT)
    for page in made.pages.values():
        assert _convert(page.rendered, [raw_html_blocks.RawHtmlBlocks()]) == _convert(page.rendered, []), page.path


def test_a_page_it_declines_is_converted_by_python_markdowns_own_extractor():
    text = "<!-- a comment -->\n\n<div class=\"a\">\n<p>b</p>\n</div>\n\nText *em*.\n"
    md = markdown.Markdown(extensions=[raw_html_blocks.RawHtmlBlocks()])
    assert md.convert(text) == markdown.Markdown().convert(text)


def test_it_takes_the_place_of_python_markdowns_html_block_and_of_no_other_extension():
    md = markdown.Markdown(extensions=[raw_html_blocks.RawHtmlBlocks()])
    assert type(md.preprocessors["html_block"]).__module__ == raw_html_blocks.__name__
    md_in_html = markdown.Markdown(extensions=["md_in_html", raw_html_blocks.RawHtmlBlocks()])
    assert type(md_in_html.preprocessors["html_block"]).__module__ == "markdown.extensions.md_in_html"


# --- The ids of the blocks, given back to MkDocs -------------------------------------------------

def mkdocs_ids(text: str, extensions: list) -> set:
    """The ids MkDocs' reader of raw HTML finds in text, converted with extensions as a page is."""
    from mkdocs.structure.pages import _RawHTMLPreprocessor

    md = markdown.Markdown(extensions=extensions)
    reader = _RawHTMLPreprocessor()
    reader._register(md)
    md.convert(text)
    return reader.present_anchor_ids


def ids_with_the_extension(text: str) -> set:
    extension = raw_html_blocks.RawHtmlBlocks()
    return mkdocs_ids(text, [extension]) | extension.take_anchor_ids()


@modest(500)
@given(text=page_of_pieces(PIECES + DECLINED))
def test_mkdocs_reader_and_the_ids_given_back_are_the_ids_mkdocs_reader_finds_alone(text):
    assert ids_with_the_extension(text) == mkdocs_ids(text, [])


def test_on_every_page_of_the_site_the_ids_are_the_same():
    made = publication.make(ROOT)
    found = 0
    for page in made.pages.values():
        ids = mkdocs_ids(page.rendered, [])
        assert ids_with_the_extension(page.rendered) == ids, page.path
        found += len(ids)
    assert found > 0


def test_the_ids_are_taken_once():
    extension = raw_html_blocks.RawHtmlBlocks()
    markdown.Markdown(extensions=[extension]).convert('<div id="a">x</div>\n')
    assert extension.take_anchor_ids() == {"a"}
    assert extension.take_anchor_ids() == set()


HOOK = """
import sys
sys.path.insert(0, {root!r})
from hooks import engine
from hooks.rendering import raw_html_blocks

def on_config(config):
    engine.add_markdown_extension(config, raw_html_blocks.RawHtmlBlocks())

def on_page_content(html, page, config, files):
    if {give_back}:
        engine.add_anchor_ids(page, engine.markdown_extension(config, raw_html_blocks.RawHtmlBlocks).take_anchor_ids())
"""


@pytest.mark.parametrize("give_back", [True, False])
def test_mkdocs_checks_links_to_the_ids_of_blocks_as_without_the_extension(tmp_path, give_back):
    """A tiny MkDocs site, a page linking to an id in another's raw block: strict, warning of links to missing anchors."""
    import subprocess
    import sys

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text('# Page\n\n<div id="target">\n<p>x</p>\n</div>\n', "utf-8")
    (tmp_path / "docs" / "other.md").write_text("# Other\n\n[to the block](index.md#target)\n", "utf-8")
    (tmp_path / "hook.py").write_text(HOOK.format(root=str(ROOT), give_back=give_back), "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nhooks: [hook.py]\nvalidation:\n  anchors: warn\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    if give_back:
        assert result.returncode == 0, result.stderr
    else:  # the control: without the ids given back, MkDocs would not find the anchor
        assert result.returncode != 0 and "does not contain an anchor '#target'" in result.stderr
