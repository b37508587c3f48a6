"""English quoted in a Welsh text, marked [[like this]] (WCAG 2.2, 3.1.2 Language of Parts).

- on the built site, every phrase a Welsh about text marks is inside <span lang="en"> on the
  Welsh page, and no mark is visible anywhere (HTML, search index, CSV, feeds); the JSON open
  data keeps the texts as written, marks and all;
- a mark that does not pair, is empty, covers the whole Welsh text or is in an English text
  is the problem english-mark, with its file, line and field, in English and Welsh, alike in
  `python -m hooks.check` and the strict build;
- the English pages are what they would be without the marks;
- the span is made by the renderer: the text in it and around it is escaped.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup, escape

from conftest import ROOT
from hooks.model import plan_data
from hooks.model.texts import Figure, Text, english_mark_problems, english_pieces
from hooks.rendering.render import Renderer, english_in_welsh, mark_english_names, markdown_escape, plain_text
from test_one_verdict import site_copy, verdicts

PLANS = {
    "upper-valleys/2022-23": "clusters/upper-valleys/2022-23",
    "pan-cluster/2024-25": "pan-cluster-plan/2024-25",
}
MARKED = re.compile(r"\[\[(.*?)\]\]")


def about_texts(plan) -> list:
    """Every Text of a plan's about section."""
    about = plan.content["about"]  # hooks/model/sections.py, About
    found = [about.introduction]
    for _, texts in about.lists:
        found += [item["text"] if isinstance(item, dict) else item for item in texts]
    assert all(isinstance(text, Text) for text in found)
    return found


def marked_phrases(data, plan_id: str) -> list:
    """The English phrases (rendered) the Welsh about texts of a plan mark."""
    return [piece for text in about_texts(data.plans[plan_id]) for piece, english in text.parts("cy") if english]


class _Spans(HTMLParser):
    """The text inside each <span lang="en"> of a page, and the page's text outside them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.spans, self.current = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "span" and (self.depth or ("lang", "en") in attrs):
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "span" and self.depth:
            self.depth -= 1
            if not self.depth:
                self.spans.append("".join(self.current))
                self.current = []

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)


def spans_of(html: str) -> list:
    parser = _Spans()
    parser.feed(html)
    return parser.spans


# --- The texts -----------------------------------------------------------------------------------


def test_a_welsh_text_renders_its_marked_phrases_apart_and_without_marks():
    text = Text("Written “Cluster” {n} times.", "Ysgrifennir “[[Cluster]]” {n} gwaith, “[[per {n}]]”.", {"n": Figure("number", 1000)})
    assert text.parts("cy") == [("Ysgrifennir “", False), ("Cluster", True), ("” 1,000 gwaith, “", False), ("per 1,000", True), ("”.", False)]
    assert text.render("cy") == "Ysgrifennir “Cluster” 1,000 gwaith, “per 1,000”."
    assert text.render("en") == "Written “Cluster” 1,000 times."
    assert text.parts("en") == [("Written “Cluster” 1,000 times.", False)]


def test_written_braces_and_placeholders_are_never_read_as_marks():
    assert english_pieces("{{[[x]]}}") == [("{{", False), ("x", True), ("}}", False)]
    assert english_pieces("{a[[b} c") == [("{a[[b} c", False)]  # inside a placeholder: not a mark
    assert english_mark_problems("{a[[b} c", "cy") == []
    assert Text("a [b] c", "a [b] c [x] y").render("cy") == "a [b] c [x] y"  # single brackets are text


@pytest.mark.parametrize(("welsh", "kind"), [
    ("ysgrifennir “[[Cluser” fel “Cluster”", "unclosed"),
    ("ysgrifennir “Cluser]]” fel “Cluster”", "unopened"),
    ("ysgrifennir “[[Cluser [[a]] b]]”", "nested"),
    ("ysgrifennir “[[ ]]” fel hyn", "empty"),
    ("“[[Click Here]]”", "whole-text"),
    ("[[Click Here]] {n}", "whole-text"),
])
def test_a_malformed_mark_is_a_mistake_of_its_kind(welsh, kind):
    assert [mistake.kind for mistake in english_mark_problems(welsh, "cy")] == [kind]


def test_a_mark_in_an_english_text_is_refused():
    assert [mistake.kind for mistake in english_mark_problems("written “[[Cluster]]”", "en")] == ["in-english"]
    assert english_mark_problems("ysgrifennir “[[Cluster]]” fel hyn", "cy") == []


def test_a_malformed_mark_never_fails_the_rendering():
    assert Text("x", "a [[b").render("cy") == "a [[b"  # a mark that does not pair is kept as written (and reported)
    assert Text("x", "a ]] b").render("cy") == "a ]] b"
    assert Text("x", "[[a [[b]] c").render("cy") == "a [[b c"


# --- The renderer ---------------------------------------------------------------------------------


def test_the_span_is_made_by_the_renderer_and_the_text_escaped():
    text = Text("x", "a <b> “[[A & <script>alert(1)</script>]]” c")
    html = english_in_welsh(text, "cy")
    assert isinstance(html, Markup)
    assert str(html) == 'a &lt;b&gt; “<span lang="en">A &amp; &lt;script&gt;alert(1)&lt;/script&gt;</span>” c'
    assert english_in_welsh(Text("x", "a <b>"), "cy") == "a <b>" and not isinstance(english_in_welsh(Text("x", "a <b>"), "cy"), Markup)


def test_a_heading_keeps_the_span_and_escapes_markdown_around_it():
    html = english_in_welsh(Text("x", "Anghenion *1* “[[per_cent]]” &"), "cy")
    assert str(markdown_escape(html)) == 'Anghenion \\*1\\* “<span lang="en">per\\_cent</span>” &amp;'
    assert str(markdown_escape("a <b> *c*")) == "a &lt;b&gt; \\*c\\*"  # a plain text as before


def test_an_attribute_takes_the_text_without_its_spans():
    html = english_in_welsh(Text("x", "Tabl “[[Risk & impact]]”"), "cy")
    assert plain_text(html) == "Tabl “Risk & impact”"
    assert plain_text("a & b") == "a & b"


def test_every_text_in_an_attribute_of_a_template_is_plain():
    templates = sorted((ROOT / "hooks" / "templates").glob("*.jinja"))
    unplain = []
    for template in templates:
        for value in re.findall(r'="([^"]*\{\{[^"]*)"', template.read_text("utf-8")):
            for expression in re.findall(r"\{\{(.*?)\}\}", value):
                if re.search(r"\b(t|ui)\(", expression) and not re.search(r"\|\s*plain\s*$", expression.strip()):
                    unplain.append(f"{template.name}: {expression.strip()}")
    assert unplain == []


def test_english_names_are_not_marked_again_inside_a_marked_phrase():
    html = '<p>My Health Online, “<span lang="en">the My Health Online app</span>”</p>'
    assert mark_english_names(html, ["My Health Online"]) == '<p><span lang="en">My Health Online</span>, “<span lang="en">the My Health Online app</span>”</p>'


# --- The real data ----------------------------------------------------------------------------------


def test_the_welsh_about_texts_mark_their_english_quotations(data):
    phrases = marked_phrases(data, "upper-valleys/2022-23")
    for expected in ("Cluser", "prevelance", "Cluster", "prevalence", "per 100,00", "Same Impact", "Click Here", "COVER data (check date)"):
        assert expected in phrases
    assert "fesul 100,000" not in phrases  # Welsh renderings stay Welsh
    assert "gyffredinrwydd Clwstwr Castell-nedd" not in phrases
    assert "The Wellbeing of Future Generations Act 2015" in marked_phrases(data, "pan-cluster/2024-25")
    for plan in PLANS:
        for text in about_texts(data.plans[plan]):
            for quoted in re.findall(r"“([^”]*)”", text.source("cy")):
                inner = quoted[2:-2] if quoted.startswith("[[") and quoted.endswith("]]") else None
                assert inner is not None or not re.search(r"\b(the|and|of|is|for|to|with)\b", quoted, re.I), f"{plan}: “{quoted}” looks English and is not marked"


def test_the_english_pages_are_unchanged_by_the_marks(tmp_path, data, renderer):
    unmarked = tmp_path / "unmarked"
    shutil.copytree(ROOT / "data", unmarked / "data")
    for plan in PLANS:
        path = unmarked / "data" / "plans" / f"{plan}.yml"
        path.write_text(MARKED.sub(r"\1", path.read_text("utf-8")), "utf-8")
    without = Renderer(plan_data.load(unmarked))
    pages = sorted((ROOT / "content" / "en").rglob("*.md"))
    assert pages
    for page in pages:
        inner = page.relative_to(ROOT / "content" / "en").as_posix()
        markdown = page.read_text("utf-8")
        assert renderer.render_page(markdown, "en", f"content/en/{inner}", inner) == without.render_page(markdown, "en", f"content/en/{inner}", inner), inner
        welsh = (ROOT / "content" / "cy" / inner).read_text("utf-8")
        marked = renderer.render_page(welsh, "cy", f"content/cy/{inner}", inner)
        assert re.sub(r'<span lang="en">(.*?)</span>', r"\1", marked) == without.render_page(welsh, "cy", f"content/cy/{inner}", inner), inner


# --- The built site -----------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_every_marked_phrase_is_in_an_english_span_on_the_welsh_page(site, data, plan):
    welsh = (site / "cy" / PLANS[plan] / "index.html").read_text("utf-8")
    about = welsh[welsh.index('id="about-'):] if 'id="about-' in welsh else welsh
    spans = spans_of(welsh)
    phrases = marked_phrases(data, plan)
    assert phrases
    for phrase in phrases:
        assert phrase in spans, f"“{phrase}” is not in a <span lang=\"en\"> on the Welsh page"
    assert "&lt;span" not in welsh and "&amp;lt;" not in about
    english = (site / PLANS[plan] / "index.html").read_text("utf-8")
    assert not set(phrases) & set(spans_of(english))  # no span of a mark on the English page


def test_no_mark_is_visible_anywhere_in_the_site(site):
    shown = []
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".csv", ".xml") or path.name == "search_index.json":
            text = path.read_text("utf-8")
            if "[[" in text or "]]" in text:
                shown.append(path.relative_to(site).as_posix())
    assert shown == []
    index = json.loads((site / "cy" / "search" / "search_index.json").read_text("utf-8"))
    assert any("“Cluser”" in doc["text"] for doc in index["docs"])  # the phrase is indexed, as written in the text
    csv_texts = "".join(path.read_text("utf-8-sig") for path in (site / "cy" / "data").rglob("*.csv"))
    assert csv_texts


def test_the_json_open_data_holds_the_texts_as_written(site, data):
    for plan in PLANS:
        document = json.loads((site / "cy" / "data" / f"{plan}.json").read_text("utf-8"))
        assert document == json.loads((site / "data" / f"{plan}.json").read_text("utf-8"))
        written = data.plans[plan].document.data["about"]["corrected"][0]["cy"]
        assert document["about"]["corrected"][0]["cy"] == written and "[[" in written
        assert "[[" not in json.dumps([item["en"] for item in document["about"]["corrected"]], ensure_ascii=False)


# --- A malformed mark, in the check and the strict build ------------------------------------------------

BROKEN = [  # (file, the Welsh as written, the Welsh made wrong, what the message says)
    ("data/plans/upper-valleys/2022-23.yml", "“[[prevalence]]”", "“[[prevalence”", "is not closed"),
    ("data/plans/upper-valleys/2022-23.yml", "“[[Same Impact]]”", "“[[]]Same Impact”", "nothing between"),
    ("data/plans/upper-valleys/2022-23.yml", "“[[Click Here]]”", "“Click Here]]”", "closes no English phrase"),
    ("data/plans/pan-cluster/2024-25.yml", "“[[health eating]]”", "“[[health [[eating]]”", "before the one before it is closed"),
]


def _line_of(site: Path, file: str, text: str) -> int:
    return next(number for number, line in enumerate((site / file).read_text("utf-8").splitlines(), 1) if text in line)


def test_a_malformed_mark_is_a_problem_with_file_and_line_in_the_check_and_the_build(tmp_path):
    site = site_copy(tmp_path)
    expected = set()
    for file, old, new, _ in BROKEN:
        path = site / file
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), "utf-8")
        expected.add((file, _line_of(site, file, new), "english-mark"))
    interface = site / "data" / "interface.yml"
    text = interface.read_text("utf-8")
    assert "approved: {en: Approved," in text
    interface.write_text(text.replace("approved: {en: Approved,", "approved: {en: \"[[Approved]]\",", 1), "utf-8")
    expected.add(("data/interface.yml", _line_of(site, "data/interface.yml", "[[Approved]]"), "english-mark"))

    status, found, build_status, built, log = verdicts(site, tmp_path)
    assert status == 1 and build_status != 0
    assert {problem for problem in found if problem[2] == "english-mark"} == expected
    assert {problem for problem in built if problem[2] == "english-mark"} == expected
    assert "Traceback" not in log
    for _, _, _, said in BROKEN:
        assert said in log


def test_a_malformed_mark_is_told_in_english_and_welsh_with_its_field(tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "data", copy / "data")
    path = copy / "data" / "plans" / "upper-valleys" / "2022-23.yml"
    path.write_text(path.read_text("utf-8").replace("“[[prevalence]]”", "“[[prevalence”", 1), "utf-8")
    with pytest.raises(plan_data.ContentError) as raised:
        plan_data.load(copy)
    problems = [problem for problem in raised.value.problems if problem.rule == "english-mark"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == "data/plans/upper-valleys/2022-23.yml" and problem.line == _line_of(copy, "data/plans/upper-valleys/2022-23.yml", "“[[prevalence”")
    assert problem.field == "about.corrected[2].cy"
    assert "is not closed" in problem.message and "[[prevalence" in problem.message and "]]" in problem.hint
    assert "[[prevalence" in problem.message_cy and "]]" in problem.hint_cy and "Saesneg" in problem.message_cy
    assert "Traceback" not in problem.as_text("both")


# --- Any text ------------------------------------------------------------------------------------------

from bs4 import BeautifulSoup  # noqa: E402
from hypothesis import assume, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from test_properties import modest, prose  # noqa: E402 - the hostile strings people and attackers type


@modest(60)
@given(pieces=st.lists(st.tuples(prose, st.booleans()), min_size=1, max_size=5))
def test_any_welsh_text_gives_english_spans_and_never_html_of_its_own(pieces):
    welsh = "".join(f"[[{piece}]]" if english else piece for piece, english in pieces)
    assume("{" not in welsh and "}" not in welsh)  # braces are placeholders, with problems of their own (test_properties.py)
    text = Text("x", welsh)
    rendered = escape(english_in_welsh(text, "cy"))  # as Jinja's autoescape writes it: a plain str escaped, the Markup as made
    soup = BeautifulSoup(f"<p>{rendered}</p>", "html.parser")
    assert {element.name for element in soup.p.find_all(True)} <= {"span"}
    assert all(element.attrs == {"lang": "en"} for element in soup.p.find_all(True))
    def words(value: str) -> str:  # the parser may fold line breaks
        return " ".join(value.split())

    assert words(soup.p.get_text()) == words(text.render("cy"))  # the words as written, marks off
    if not english_mark_problems(welsh, "cy"):
        assert [words(span.get_text()) for span in soup.p.find_all("span")] == [words(piece) for piece, english in text.parts("cy") if english]


# --- The quick marking of English names is the careful one ----------------------------------------
# mark_english_names finds the pieces of text to mark from the names (hooks/rendering/html_text.py)
# instead of going over every tag and every piece of text. careful_mark_english_names is the
# function as it was written before, tag by tag: the two must agree on any HTML whatever.

from test_abbreviations import html_of_pieces  # noqa: E402

_CAREFUL_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_CAREFUL_ENTITY = re.compile(r"(&#?[A-Za-z0-9]+;)")
_CAREFUL_RAW_TEXT_ELEMENTS = ("script", "style", "code", "pre", "title", "textarea")


def careful_mark_english_names(html: str, names: list) -> str:
    if not names:
        return html
    alternatives = "|".join(re.escape(str(escape(name))) for name in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")
    parts = _CAREFUL_TAG_OR_TEXT.split(html)
    skipping = None
    english_spans = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = part[1:].lstrip("/").split(None, 1)[0].split(">")[0].lower() if len(part) > 2 else ""
            if skipping is None and not part.startswith("</") and name in _CAREFUL_RAW_TEXT_ELEMENTS:
                skipping = name
            elif skipping is not None and part.startswith("</") and name == skipping:
                skipping = None
            elif name == "span" and (english_spans or part == '<span lang="en">'):
                english_spans += -1 if part.startswith("</") else 0 if part.endswith("/>") else 1
        elif skipping is None and not english_spans and part:
            pieces = _CAREFUL_ENTITY.split(part)
            parts[index] = "".join(piece if number % 2 else pattern.sub(r'<span lang="en">\1</span>', piece) for number, piece in enumerate(pieces))
    return "".join(parts)


# Names as the glossary might list them, and names that probe the edges: one inside another, one
# that is a character reference's word or holds one once escaped (&, ', <), a hyphen, a ";".
QUICK_NAMES = [
    "My Health Online", "My Health", "Health", "Ask My GP", "GP", "Consultant Connect", "Tom & Jerry", "Jerry", "A & E", "E", "amp", "lt",
    "amp; E", "O'Neill", "Dementia: a public health priority", "COVID-19", "x-ray", "<b>", "Welsh;", "LSOA", "IRIS",
]


@modest(400)
@given(html=html_of_pieces())
def test_mark_english_names_is_the_careful_marking_on_any_html(html):
    assert mark_english_names(html, QUICK_NAMES) == careful_mark_english_names(html, QUICK_NAMES)


@modest(200)
@given(html=html_of_pieces(), names=st.lists(st.sampled_from(QUICK_NAMES + ["", "My", "&", ";", "-", " "]), max_size=4))
def test_mark_english_names_is_the_careful_marking_with_any_names(html, names):
    """Even with names no glossary would list (empty, a lone "&"): the same marks."""
    assert mark_english_names(html, names) == careful_mark_english_names(html, names)


@modest(200)
@given(html=st.text(alphabet="<>/&#;:-sS MyHealthOnlineamp\"=\n", max_size=60), names=st.lists(st.sampled_from(["My Health", "Health", "amp", "", "&", "a; H", "e"]), max_size=3))
def test_mark_english_names_is_the_careful_marking_on_any_string(html, names):
    assert mark_english_names(html, names) == careful_mark_english_names(html, names)


def test_mark_english_names_is_the_careful_marking_on_tricky_html():
    tricky = [
        "", "My Health Online", "<p>My Health Online app</p>", "My Health-Online", "-My Health", "My Health_", "x<y My Health", "a > My Health",
        '<span lang="en">My Health <span>Online</span> My Health</span> My Health', '<span lang="en"/>My Health', '<SPAN lang="en">My Health</SPAN>',
        "<code>My Health</code>My Health", "<pre><code>My Health</code>My Health</pre>My Health", "<script>My Health</script", "<title>My Health",
        "Tom &amp; Jerry", "Tom &amp;Jerry", "&amp; E", "A &amp; E", "&lt;b&gt;", "&amp;amp;", "O&#x27;Neill", "&#39;", "&lt;", "lt; x",
        '<a title="My Health">My Health</a>', "<//code>My Health</ code>My Health", "<!-- My Health -->My Health", "</>My Health<>",
        '<span lang="en"><span/></span>My Health', '<span lang="en"><span /></span>My Health', '<span lang="en"><span>x</span></span>My Health', "a><p>", "a>", "> <p>", "<p><p>", "&amp;&amp;",
        '<code title="<code">My Health</code>My Health', "<p>x < My Health", "<p>a<b My Health", "<p>a><b>", "<p>a> <b>", "<p>a > b > My Health &amp; GP</p>",
        "<p>" + "x > My Health &amp; " * 300 + "</p>" + "<a <code> My Health" * 100 + "<code>" + "> My Health " * 100 + "</code>My Health",
    ]
    for html in tricky:
        for names in (QUICK_NAMES, ["My Health Online"], ["lt", "gt"], ["", "My Health"]):
            assert mark_english_names(html, names) == careful_mark_english_names(html, names), (html, names)


def test_mark_english_names_is_the_careful_marking_on_the_built_pages(site, data):
    """Every Welsh page of the real site as built (its own spans, scripts and drawings in it), marked again both ways."""
    pages = sorted((site / "cy").rglob("*.html"))
    assert len(pages) > 5
    names = data.glossary.english_names
    assert names
    for path in pages:
        html = path.read_text("utf-8")
        assert mark_english_names(html, names) == careful_mark_english_names(html, names), path
        assert mark_english_names(html, QUICK_NAMES) == careful_mark_english_names(html, QUICK_NAMES), path


# --- The whole-text mistake, asked first of the text before the first mark --------------------------
# english_mark_problems asks whether a Welsh text whose marks pair has a letter outside them
# (texts._has_letter_outside_marks): most have one before their first mark and first "{", found
# at once. careful_english_mark_problems is the function as it was first written, the whole text
# read for every text: the two must agree on any text.

from hooks.model import texts as texts_module  # noqa: E402
from hooks.model.texts import MarkMistake  # noqa: E402


def careful_english_mark_problems(template: str, locale: str) -> list:
    marks = texts_module._marks(template)
    if not marks:
        return []
    if locale != "cy":
        return [MarkMistake("in-english", texts_module._near(template, marks[0][0]))]
    mistakes, opened = [], None
    for at, kind in marks:
        if kind == "open":
            if opened is not None:
                mistakes.append(MarkMistake("nested", texts_module._near(template, opened)))
                return mistakes
            opened = at
        elif opened is None:
            mistakes.append(MarkMistake("unopened", texts_module._near(template, max(0, at - 30))))
            return mistakes
        else:
            if not template[opened + 2 : at].strip():
                mistakes.append(MarkMistake("empty", texts_module._near(template, opened)))
            opened = None
    if opened is not None:
        mistakes.append(MarkMistake("unclosed", texts_module._near(template, opened)))
    elif not mistakes and not re.search(r"[^\W\d_]", "".join(piece for piece, english in english_pieces(texts_module._MARK_TOKEN.sub(texts_module._placeholder_out, template)) if not english)):
        mistakes.append(MarkMistake("whole-text", texts_module._near(template, 0)))
    return mistakes


_MARKED_PIECES = st.lists(st.sampled_from(["[[", "]]", "{", "}", "{{", "}}", "{n}", "{a b}", "a", "ŵ", "1", "_", " ", "“", "[", "]", "Cluster", "x [[y]] z"]), max_size=12)


@modest(3000)
@given(pieces=_MARKED_PIECES, locale=st.sampled_from(["cy", "en"]))
def test_the_marks_mistakes_are_those_the_careful_reading_finds(pieces, locale):
    template = "".join(pieces)
    assert english_mark_problems(template, locale) == careful_english_mark_problems(template, locale)


def test_the_marks_mistakes_of_the_real_texts_are_those_the_careful_reading_finds(data):
    for text in data.texts:
        for locale in ("en", "cy"):
            assert english_mark_problems(text.source(locale), locale) == careful_english_mark_problems(text.source(locale), locale), text.where
