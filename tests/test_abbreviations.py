"""Abbreviations explained (issue 14.2).

data/abbreviations.yml gives, for each language, the full name of every abbreviation the site
uses; hooks/rendering/abbreviations.py marks each use in a page's HTML with <abbr title>, on the
English and the Welsh pages, without ever touching markup; the translation gate's rule
abbreviation-unexplained reports an abbreviation with no full name in its language, with its
file and line. (That `python -m hooks.check` and the strict build refuse it alike is proved by
the content-mistakes corpus: tests/content_mistakes/mistakes.yml, id abbreviation-unexplained.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from hooks.checks import translation_checks
from hooks.rendering import abbreviations
from hooks.rendering.abbreviations import Abbreviation

KNOWN, READ_PROBLEMS = abbreviations.read(ROOT)


def entries(**words) -> dict:
    return {word: Abbreviation(word, expansion, "test") for word, expansion in words.items()}


# --- The list ---------------------------------------------------------------------------------


def test_the_real_list_is_valid_and_every_expansion_has_a_source():
    assert READ_PROBLEMS == [] and KNOWN.readable
    for locale in ("en", "cy"):
        assert KNOWN.entries(locale), locale
        for word, entry in KNOWN.entries(locale).items():
            assert abbreviations.WORD.fullmatch(word), word
            assert entry.expansion.strip() and entry.source.strip(), word
            assert entry.expansion != word


def test_each_language_has_its_own_expansions():
    en, cy = KNOWN.entries("en"), KNOWN.entries("cy")
    assert en["LSOA"].expansion == "Lower Super Output Area"
    assert en["MDT"].expansion == "multi-disciplinary team"
    assert en["TWOC"].expansion == "trial without catheter"
    assert cy["BIPBA"].expansion == "Bwrdd Iechyd Prifysgol Bae Abertawe"
    assert cy["CCLl"].expansion == "Cydweithredfa Clwstwr Lleol"
    assert cy["TWOC"].expansion == "treial heb gathetr"  # an English abbreviation kept in Welsh, explained in Welsh
    assert "BIPBA" not in en and "SBUHB" not in cy


def test_an_unreadable_list_is_reported_and_explains_nothing(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "abbreviations.yml").write_text("en:\n  lsoa: {expansion: Lower Super Output Area, source: ONS}\ncy: {}\n", "utf-8")
    known, problems = abbreviations.read(tmp_path)
    assert not known.readable and known.entries("en") == {}
    assert problems and all(p.path == "data/abbreviations.yml" and p.rule.startswith("schema-") for p in problems)


# --- Marking the HTML -------------------------------------------------------------------------


class _Reader(HTMLParser):
    """The text and the attributes of a piece of HTML, and every <abbr> with what it is inside."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.text, self.attributes, self.abbrs, self.stack = [], [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "abbr":
            self.abbrs.append((dict(attrs), tuple(self.stack)))
        else:
            self.attributes.append((tag, attrs))
        if tag not in ("br", "img", "hr", "input", "meta", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def handle_entityref(self, name):
        self.text.append(f"&{name};")

    def handle_charref(self, name):
        self.text.append(f"&#{name};")


def read_html(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def test_whole_words_only_case_sensitive_and_plurals():
    known = entries(LSOA="Lower Super Output Area", CCLl="Cydweithredfa Clwstwr Lleol")
    html = "<p>LSOA, LSOAs, LSOAX, xLSOA, Lsoa, lsoa, 2LSOA, CCLl, CCL</p>"
    assert abbreviations.mark(html, known) == (
        '<p><abbr title="Lower Super Output Area">LSOA</abbr>, <abbr title="Lower Super Output Area">LSOA</abbr>s, '
        'LSOAX, xLSOA, Lsoa, lsoa, 2LSOA, <abbr title="Cydweithredfa Clwstwr Lleol">CCLl</abbr>, CCL</p>'
    )


def test_markup_is_never_touched():
    """An abbreviation in an attribute, a link's address, code, a drawing, a script or an existing <abbr> is left alone."""
    known = entries(LSOA="Lower Super Output Area")
    html = (
        '<p title="LSOA"><a href="https://example.org/LSOA?q=LSOA#LSOA" data-x=\'LSOA\'>the LSOA page</a> '
        "<code>LSOA</code> <pre><code>x = LSOA</code></pre> <kbd>LSOA</kbd> "
        '<abbr title="something else">LSOA</abbr> &LSOA; &#76;SOA '
        '<svg role="img"><title>LSOA</title><text x="1">LSOA</text><g><text>LSOA</text></g></svg> '
        "<script>var LSOA = '<b>LSOA</b>';</script> <!-- LSOA --> "
        '<img alt="LSOA" src="LSOA.png"> after LSOA</p>'
    )
    marked = abbreviations.mark(html, known)
    before, after = read_html(html), read_html(marked)
    assert after.attributes == before.attributes  # every tag and attribute as it was
    assert "".join(after.text) == "".join(before.text)  # the same text, nothing lost or doubled
    made = [(attrs, inside) for attrs, inside in after.abbrs if attrs.get("title") == "Lower Super Output Area"]
    assert [inside for _, inside in made] == [("p", "a"), ("p",)]  # the link's text and the last word only
    assert marked.count('title="Lower Super Output Area"') == 2
    assert 'href="https://example.org/LSOA?q=LSOA#LSOA"' in marked and "<code>LSOA</code>" in marked
    assert '<text x="1">LSOA</text>' in marked and "<!-- LSOA -->" in marked and "&LSOA;" in marked


def test_the_title_is_escaped_and_an_english_name_on_a_welsh_page_is_marked_english():
    known = {"QQ": Abbreviation("QQ", 'Quality & "Quick" <Care>', "test"), "IRIS": Abbreviation("IRIS", "Identification and Referral to Improve Safety", "test", "en")}
    marked = abbreviations.mark("<td>QQ and IRIS</td>", known)
    assert marked == '<td><abbr title="Quality &amp; &quot;Quick&quot; &lt;Care&gt;">QQ</abbr> and <abbr lang="en" title="Identification and Referral to Improve Safety">IRIS</abbr></td>'
    assert read_html(marked).abbrs[0][0]["title"] == 'Quality & "Quick" <Care>'


def test_words_a_reader_takes_for_abbreviations():
    text = "The CCLl, MALlC, BPRh and LSOAs; 4Cs, V360, McDonald, StatsCymru, COVID-19, A, I; `CODE` [GPTR](https://x.example/ABC) {share} <b title='TAGX'>bold</b> Ask My GP, II"
    assert abbreviations.words(text, ("Ask My GP",)) == ["CCLl", "MALlC", "BPRh", "LSOAs", "COVID", "GPTR", "II"]
    assert KNOWN.explains("II", "en") and KNOWN.explains("XIV", "cy") and not KNOWN.explains("CV", "en")
    assert KNOWN.explains("LSOAs", "en") and not KNOWN.explains("LSOAs", "cy")
    assert KNOWN.explains("AA", "en") and KNOWN.explains("AA", "cy")  # a level of WCAG, not an abbreviation


# --- The gate ---------------------------------------------------------------------------------


def test_an_unexplained_abbreviation_in_a_data_text_is_reported_with_its_file_line_and_field(tmp_path):
    from test_translation_gate import fixture_site

    site = fixture_site(tmp_path)
    plan = site / "data" / "plans" / "pan-cluster" / "2024-25.yml"
    text = plan.read_text("utf-8")
    assert "(GCPG)" in text
    plan.write_text(text.replace("(GCPG)", "(GCPG, QXZ)", 1), "utf-8")
    line = next(number for number, row in enumerate(plan.read_text("utf-8").splitlines(), 1) if "QXZ" in row)
    problems = [p for p in translation_checks.run_checks(site) if p.rule == "abbreviation-unexplained"]
    assert [(p.path, p.line) for p in problems] == [("data/plans/pan-cluster/2024-25.yml", line)]
    problem = problems[0]
    assert "'QXZ'" in problem.message and "Welsh" in problem.message and problem.field
    assert "'QXZ'" in problem.message_cy and "fyrfodd" in problem.message_cy and "data/abbreviations.yml" in problem.hint_cy
    # explained in Welsh (as QXZ's expansion would be written), the problem goes
    listed = site / "data" / "abbreviations.yml"
    listed.write_text(listed.read_text("utf-8") + '  QXZ: {expansion: "Prawf Cyfieithu", source: "test"}\n', "utf-8")
    assert [p for p in translation_checks.run_checks(site) if p.rule == "abbreviation-unexplained"] == []


def test_the_english_list_does_not_explain_a_welsh_page(tmp_path):
    from test_translation_gate import fixture_site

    site = fixture_site(tmp_path)
    page = site / "content" / "cy" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nMae'r PCPG yn cyfarfod bob mis i gytuno ar gynlluniau'r clystyrau.\n", "utf-8")
    problems = [p for p in translation_checks.run_checks(site) if p.rule == "abbreviation-unexplained"]
    assert [(p.path, "'PCPG'" in p.message) for p in problems] == [("content/cy/index.md", True)]


def test_a_broken_list_is_the_files_problem_not_every_abbreviations(tmp_path):
    from hooks import publication
    from test_translation_gate import fixture_site

    site = fixture_site(tmp_path)
    (site / "data" / "abbreviations.yml").write_text("en: [LSOA]\ncy: {}\n", "utf-8")
    problems = publication.make(site).problems
    assert problems and {p.path for p in problems} == {"data/abbreviations.yml"}
    assert not any(p.rule == "abbreviation-unexplained" for p in problems)


# --- The built site ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The real site built as a draft (built with its content problems, if any: see the report's list of abbreviations yet to source)."""
    destination = tmp_path_factory.mktemp("abbreviations-site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAN_SITE_DRAFT="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(destination)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return destination


PAGES = {
    ("en", "clusters/upper-valleys/2022-23/index.html"): ["LSOA", "MDT", "TWOC", "USC", "WTE", "GMO", "PCIP", "SBUHB"],
    ("cy", "cy/clusters/upper-valleys/2022-23/index.html"): ["ACEHI", "BIPBA", "CALl", "TADd", "TWOC", "USC", "PCIP"],
    ("en", "pan-cluster-plan/2024-25/index.html"): ["PCPG", "RPB", "SBUHB", "LCC", "ACD", "PCMW"],
    ("cy", "cy/pan-cluster-plan/2024-25/index.html"): ["GCPG", "BPRh", "BIPBA", "DCC", "MGSiG"],
}


def _article(html: str) -> str:
    match = re.search(r"<article\b.*?</article>", html, re.S)
    assert match, "no article"
    return match.group(0)


@pytest.mark.parametrize("page", list(PAGES), ids=[path for _, path in PAGES])
def test_the_built_pages_explain_their_abbreviations_in_their_language(built, page):
    locale, path = page
    html = (built / path).read_text("utf-8")
    listed = KNOWN.entries(locale)
    for word in PAGES[page]:
        lang = f' lang="{listed[word].lang}"' if listed[word].lang else ""
        element = f'<abbr{lang} title="{escape(listed[word].expansion, quote=True)}">{word}</abbr>'
        assert element in html, (word, path)
    reader = read_html(_article(html))
    assert reader.abbrs, path
    for attrs, inside in reader.abbrs:
        assert not {"code", "pre", "svg", "script", "abbr"} & set(inside), (attrs, inside)
    titles = {attrs["title"] for attrs, _ in reader.abbrs}
    expansions = {entry.expansion for entry in listed.values()}
    assert titles <= expansions, f"titles not of {locale}: {sorted(titles - expansions)}"  # never the other language's
    assert not re.search(r'="[^"<>]*<abbr', html), "an <abbr> inside an attribute"
    other = KNOWN.entries("cy" if locale == "en" else "en")
    for word in ("LSOA", "SBUHB") if locale == "cy" else ("BIPBA", "ACEHI"):
        assert f'title="{escape(other[word].expansion, quote=True)}"' not in html, word  # never the other language's


def test_an_english_name_on_a_welsh_page_is_marked_english(built):
    html = (built / "cy/clusters/upper-valleys/2022-23/index.html").read_text("utf-8")
    assert '<abbr lang="en" title="Identification and Referral to Improve Safety">IRIS</abbr>' in html
    assert '<span lang="en">Consultant Connect</span>' in html  # the English names are still marked


def test_the_theme_shows_titles_as_tooltips():
    import yaml

    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    features = yaml.safe_load(re.search(r"^theme:\n(?:  .*\n)+", config, re.M).group(0))["theme"]["features"]
    assert "content.tooltips" in features


# --- The quick marking is the careful one -----------------------------------------------------
# mark() finds the pieces of text to mark from the abbreviations (hooks/rendering/html_text.py)
# instead of going over every tag and every piece of text. careful_mark below is mark() as it
# was written before, tag by tag: the two must agree on any HTML whatever.

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from test_properties import modest  # noqa: E402

_CAREFUL_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_CAREFUL_ENTITY = re.compile(r"(&#?[A-Za-z0-9]+;)")


def careful_mark(html: str, entries: dict) -> str:
    """mark() as it was: every tag read in turn, every piece of text between character references substituted."""
    if not entries:
        return html
    alternatives = "|".join(re.escape(word) for word in sorted(entries, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w&#])({alternatives})(?=s?(?![\w]))")

    def element(match: re.Match) -> str:
        entry = entries[match.group(1)]
        lang = f' lang="{entry.lang}"' if entry.lang else ""
        return f'<abbr{lang} title="{escape(entry.expansion, quote=True)}">{match.group(1)}</abbr>'

    parts = _CAREFUL_TAG_OR_TEXT.split(html)
    skipping, depth = None, 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = re.match(r"</?\s*([A-Za-z][\w:-]*)", part)
            name = name.group(1).lower() if name else ""
            closing, self_closing = part.startswith("</"), part.endswith("/>")
            if skipping is None:
                if name in abbreviations.SKIPPED and not closing and not self_closing:
                    skipping, depth = name, 1
            elif name == skipping and not self_closing:
                depth += -1 if closing else 1
                if depth == 0:
                    skipping = None
        elif skipping is None and part:
            pieces = _CAREFUL_ENTITY.split(part)
            parts[index] = "".join(piece if number % 2 else pattern.sub(element, piece) for number, piece in enumerate(pieces))
    return "".join(parts)


# Pieces of HTML a page may hold, and what the careful reading turns on: tags in any case, with
# spaces and slashes, nested, unclosed or self-closed; a "<" or ">" of the text; character
# references, real and not; words next to punctuation, hyphens, digits, "&", "#", a plural "s".
HTML_PIECES = (
    "<p>", "</p>", "<a href=\"LSOA.html\" title='LSOA'>", "</a>", "<code>", "</code>", "<CODE >", "</ code>", "< code>", "<code/>",
    "<pre>", "</pre>", "<svg role=\"img\">", "</svg>", "<svg:rect/>", "<abbr title=\"x\">", "</abbr>", "<abbrx>", "<codex>", "<pre-x>",
    "<script>", "</script>", "<kbd>", "</kbd>", "<title>", "</title>", "<math>", "</math>", "<textarea>", "</textarea>", "<option>",
    "<span lang=\"en\">", "<span>", "</span>", "<span/>", "<SPAN lang=\"en\">", "<style>", "</style>", "<!-- LSOA -->", "<br/>", "<>", "</>",
    "<", ">", "<<b>", "< p>", "&amp;", "&lt;", "&gt;", "&#39;", "&#x27;", "&LSOA;", "&ampLSOA;", "&#76;SOA", "&", "#", ";", "&nbsp;",
    "LSOA", "LSOAs", "LSOAss", "LSOAX", "xLSOA", "2LSOA", "LSOA2", "LSO", "MDT", "MDTs", "CCLl", "CCL", "TWOC", "IRIS", "IR",
    "My Health Online", "My Health", "Ask My GP", "Consultant Connect", "Tom &amp; Jerry", "A &amp; E",
    " ", "  ", "\n", ",", ".", "-", "(", ")", "'", "\"", "_", "“", "”", "é", "Ŵ", "K", "İ", "the ", " and ", "Welsh",
)


@st.composite
def html_of_pieces(draw) -> str:
    return "".join(draw(st.lists(st.sampled_from(HTML_PIECES), max_size=40)))


QUICK_ENTRIES = {
    "LSOA": Abbreviation("LSOA", "Lower Super Output Area", "test"),
    "LSO": Abbreviation("LSO", "shorter, and inside the longer", "test"),
    "MDT": Abbreviation("MDT", "multi-disciplinary team", "test"),
    "CCLl": Abbreviation("CCLl", "Cydweithredfa Clwstwr Lleol", "test"),
    "CCL": Abbreviation("CCL", "a word inside CCLl", "test"),
    "IRIS": Abbreviation("IRIS", "Identification & \"Referral\" <Safety>", "test", "en"),
    "IR": Abbreviation("IR", "inside IRIS", "test"),
    "TWOC": Abbreviation("TWOC", "trial without catheter", "test"),
    "GP": Abbreviation("GP", "general practitioner", "test"),
    "E": Abbreviation("E", "one letter", "test"),
    "amp": Abbreviation("amp", "the word of a character reference", "test"),
}


@modest(400)
@given(html=html_of_pieces())
def test_mark_is_the_careful_marking_on_any_html(html):
    assert abbreviations.mark(html, QUICK_ENTRIES) == careful_mark(html, QUICK_ENTRIES)
    assert abbreviations.mark(html, KNOWN.entries("cy")) == careful_mark(html, KNOWN.entries("cy"))


@modest(200)
@given(html=st.text(alphabet="<>/&#;:-sS LSOAMDTIRcodepvgabr\"=\n", max_size=60))
def test_mark_is_the_careful_marking_on_any_string(html):
    assert abbreviations.mark(html, QUICK_ENTRIES) == careful_mark(html, QUICK_ENTRIES)


def test_mark_is_the_careful_marking_on_tricky_html():
    tricky = [
        "", "LSOA", "LSOAs", "<p>LSOA</p>", "LSOA<", "<LSOA", "a > LSOA", "x<y LSOA", "<a title=\"<\">LSOA</a>", "<<code>LSOA</code>LSOA",
        "<code>LSOA<code>LSOA</code>LSOA</code>LSOA", "<CODE>LSOA</Code>LSOA", "<code/>LSOA", "<svg><g>LSOA</g><svg>LSOA</svg>LSOA</svg>LSOA",
        "&amp;LSOA&amp;", "&LSOA;", "&#LSOA;", "&ampLSOA;x", "LSOA&amp", "LSOA&", "MDT-LSOA", "LSOA-MDT", "(LSOA)", "LSOA_", "_LSOA", "CCLl CCL CCLls",
        "IRIS IR IRs IRISs", "E&amp;E", "A &amp; E", "&amp;E", "<p>LSO LSOA LSOAS</p>", "<pre>\n<code>x</code>\nLSOA</pre>LSOA", "<abbr>LSOA</abbr> LSOA",
        "<script>if (a < b) { LSOA }</script> LSOA", "<!-- <code> --> LSOA </code> LSOA", "<title>LSOA</title><p>LSOA", "<code>LSOA",
        "<\u212abd>LSOA</\u212abd> LSOA", "<kbd>LSOA</kbd> LSOA", "<k\u0130bd>LSOA", "<svg:rect>LSOA</svg:rect>", "</svg>LSOA", "<code\n>LSOA</code\t>LSOA",
        '<code title="<code">LSOA</code>LSOA', "<p>x < LSOA", "<p>a<b LSOA", "<p>a > b > LSOA &amp; LSOA</p>", "<p>a><b>LSOA", "<p>LSOA<</p>LSOA",
        "<p>" + "x > LSOA &amp; " * 300 + "</p>" + "<a <code> LSOA" * 100 + "<code>" + "> LSOA " * 100 + "</code>LSOA",
    ]
    for html in tricky:
        for known in (QUICK_ENTRIES, KNOWN.entries("en"), KNOWN.entries("cy")):
            assert abbreviations.mark(html, known) == careful_mark(html, known), html


@pytest.mark.parametrize("locale", ["en", "cy"])
def test_mark_is_the_careful_marking_on_the_built_pages(built, locale):
    """Every page of the real site as built (its own marks, scripts and drawings in it), marked again both ways."""
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        html = path.read_text("utf-8")
        unmarked = re.sub(r'<abbr(?: lang="en")? title="[^"]*">([^<]*)</abbr>', r"\1", html)  # the page as it was before its marks
        for page in (html, unmarked):
            assert abbreviations.mark(page, KNOWN.entries(locale)) == careful_mark(page, KNOWN.entries(locale)), path


# html_text writes a list of words, and the names of the tags to read, as a tree of their letters
# ("CO(?:VER|VID)"), each word's look back at its end. careful_words_pattern and careful_tag_names
# are the patterns as first written, one alternation of the words after a look back: the same
# matches (where, and which word) from any position of any text, for any words.

from hooks.rendering import html_text  # noqa: E402


def careful_words_pattern(words, refused_before: str, after: str) -> re.Pattern:
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(f"(?<![{refused_before}])({alternatives})" + after)


def careful_tag_names(names) -> re.Pattern:
    return re.compile(r"<[/\s]*+(?i:" + "|".join(names) + ")")


def _matches(pattern: re.Pattern, text: str) -> list:
    return [(match.span(), match.group(1)) for match in pattern.finditer(text)]


WORD_LETTERS = "LSOAMDTsl-& ;.()é"


@modest(400)
@given(
    words=st.lists(st.text(alphabet=WORD_LETTERS, max_size=5), min_size=1, max_size=8),  # the callers never ask for no words
    text=st.text(alphabet=WORD_LETTERS + "<>x_2", max_size=40),
    rule=st.sampled_from([(r"\w&#", r"(?=s?(?![\w]))"), (r"\w-", r"(?![\w-])"), (r"\w", r"(?!\w)"), (r"\w", "")]),
)
def test_the_tree_of_words_matches_as_the_alternation(words, text, rule):
    quick, careful = html_text.words_pattern(words, *rule), careful_words_pattern(words, *rule)
    assert _matches(quick, text) == _matches(careful, text)
    for position in range(len(text) + 1):  # as mark_pieces searches, from anywhere (the look back sees what is before)
        found, expected = quick.search(text, position), careful.search(text, position)
        assert (found and (found.span(), found.group(1))) == (expected and (expected.span(), expected.group(1)))
    assert quick.sub(r"[\1]", text) == careful.sub(r"[\1]", text)


def test_the_tree_of_words_matches_as_the_alternation_on_the_lists_and_the_pages():
    from hooks.model import plan_data

    data, _ = plan_data.read(ROOT)
    names = [str(escape(name)) for name in data.glossary.english_names]
    lists = [(list(KNOWN.entries("en")), r"\w&#", r"(?=s?(?![\w]))"), (list(KNOWN.entries("cy")), r"\w&#", r"(?=s?(?![\w]))"), (names, r"\w-", r"(?![\w-])")]
    pages = [path.read_text("utf-8") for path in sorted((ROOT / "content").rglob("*.md"))]
    assert len(pages) > 10 and names
    for words, refused_before, after in lists:
        quick, careful = html_text.words_pattern(words, refused_before, after), careful_words_pattern(words, refused_before, after)
        for page in pages:
            assert _matches(quick, page) == _matches(careful, page)


@modest(400)
@given(
    names=st.lists(st.text(alphabet="abcsSkK\u212a\u017f:-", min_size=1, max_size=4), min_size=1, max_size=6),
    html=st.text(alphabet="<>/ \tabcsSkK\u212a\u017f:-x", max_size=40),
)
def test_the_tree_of_tag_names_finds_the_tags_the_alternation_finds(names, html):
    quick, careful = html_text.tag_names(names), careful_tag_names(names)
    assert [hit.start() for hit in quick.finditer(html)] == [hit.start() for hit in careful.finditer(html)]


def test_the_tree_of_tag_names_finds_the_tags_the_alternation_finds_on_tricky_html():
    for names in (abbreviations.SKIPPED, ("script", "style", "code", "pre", "title", "textarea", "span")):
        quick, careful = html_text.tag_names(names), careful_tag_names(names)
        for html in [" ".join(HTML_PIECES), "".join(HTML_PIECES), "<Script><SVG></ sTyLe ><//  kbd>", "<\u212abd><\u017fvg>"]:
            assert [hit.start() for hit in quick.finditer(html)] == [hit.start() for hit in careful.finditer(html)]


# words() finds a text's abbreviations with WORD and takes out what is not prose with _NOT_PROSE,
# both written so that the engine goes straight to their first characters. careful_words is
# words() with the patterns as they were first written (the look back first, the addresses
# grouped): the same words for any text.

_CAREFUL_WORD = re.compile(r"(?<![\w&#])([A-Z](?:[a-z]?[A-Z])+[a-z]?)(?![\w])")
_CAREFUL_NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|(?:https?://|www\.|mailto:)\S+|<[^>]*>|\{[^{}]*\}")


def careful_words(text: str, names: tuple = ()) -> list:
    text = _CAREFUL_NOT_PROSE.sub(" ", text)
    for name in names:
        text = text.replace(name, " ")
    return [match.group(1) for match in _CAREFUL_WORD.finditer(text)]


@modest(400)
@given(text=st.text(alphabet="LSAl #&2_é-`](){}<>h:/w.m\n", max_size=40) | st.text(alphabet="LSOAsCcDdlhR xyé2_&#;-`[]()<>{}:/.wtpmaio\n", max_size=60) | html_of_pieces())
def test_words_are_the_careful_words_of_any_text(text):
    assert abbreviations.words(text) == careful_words(text)
    assert abbreviations.words(text, ("Ask My GP", "LSOA x")) == careful_words(text, ("Ask My GP", "LSOA x"))


def test_words_are_the_careful_words_of_tricky_texts():
    tricky = [
        "", "LSOA", "LSOAs", "#LSOA", "&LSOA", "2LSOA", "_LSOA", "éLSOA", "xLSOA", "LSOA2", "LSOA_", "LSOAé", "LSOAss", "-LSOA-", "(LSOA)",
        "CCLl", "xCCLl", "CCLls", "MALlC", "BPRh", "TADd", "L", "LS", "LsS", "lSO", "LSO#LSO", "LSO&LSO", "A#B", "A LS", "&#LS;", "&amp;LS",
        "`LSOA` LSOA", "[LSOA](LSOA.md) LSOA", "https://x/LSOA LSOA", "http:LSOA", "www.LSOA.org LSOA", "mailto:LSOA@x LSOA", "wwwLSOA",
        "<LSOA> LSOA", "<a title=LSOA>LSOA", "{LSOA} LSOA", "{LSOA {MDT}} LSOA", "`LSOA", "](LSOA", "<LSOA", "{LSOA", "Ask My GP LSOA",
    ]
    for text in tricky:
        assert abbreviations.words(text) == careful_words(text), text
        assert abbreviations.words(text, ("Ask My GP",)) == careful_words(text, ("Ask My GP",)), text


def test_words_are_the_careful_words_of_every_text_of_the_site():
    corpus = translation_checks.read_corpus(ROOT)
    names = tuple(sorted((name for name in corpus.same_in_both if " " in name.strip()), key=len, reverse=True))
    texts = [prose.text for pair in corpus.pages.values() for page in (pair.en, pair.cy) if page for prose in page.prose]
    texts += [text or "" for unit in corpus.text_units() for text in (unit.en, unit.cy)]
    assert len(texts) > 1000
    for text in texts:
        assert abbreviations.words(text, names) == careful_words(text, names), text
    assert [word for word in KNOWN.entries("en") if not abbreviations.WORD.fullmatch(word)] == []
