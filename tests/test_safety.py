"""hooks/checks/safety.py: active content, invisible characters and symbolic links.

A hostile corpus, one case per attack, each with the rules and lines it must give (no more, no
fewer); the real site and a page of ordinary prose give none; symbolic links made in a temporary
folder are reported without their targets ever being read.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks.checks import safety  # noqa: E402
from hooks.checks.safety import (  # noqa: E402
    ACTIVE_ELEMENT,
    EVENT_HANDLER,
    INVISIBLE_CHARACTER,
    STYLE_ATTRIBUTE,
    SYMLINK,
    UNLISTED_ELEMENT,
    UNSAFE_ADDRESS,
    active_content_problems,
    invisible_character_problems,
    site_problems,
    symlink_problems,
)

PAGE = "content/cy/index.md"

# Four lines before each attack: the attack's first line is line 5 of the page.
PROSE = "# Cynlluniau\n\nMae'r dudalen hon yn crynhoi'r cynlluniau.\n\n"
START = 5

# (case id, Markdown, [(rule, line within the attack, 1-based)])
HOSTILE = [
    ("attr-list-after-heading", '## Priorities {: onclick="alert(1)" }', [(EVENT_HANDLER, 1)]),
    ("attr-list-after-paragraph", 'First line of a paragraph\nsecond line\n{: onclick="alert(1)" }', [(EVENT_HANDLER, 3)]),
    ("attr-list-after-link", "Read [the plan](https://example.org/){ onclick=alert(1) } today.", [(EVENT_HANDLER, 1)]),
    ("attr-list-after-image", '![A map](map.png){: onerror="alert(1)" }', [(EVENT_HANDLER, 1)]),
    ("attr-list-style", 'A paragraph\n{: style="position:fixed;top:0" }', [(STYLE_ATTRIBUTE, 2)]),
    ("link-javascript-entity", "[x](&#106;avascript:alert(1))", [(UNSAFE_ADDRESS, 1)]),
    ("link-javascript-hex-entity", "[x](&#x6A;avascript:alert(1))", [(UNSAFE_ADDRESS, 1)]),
    ("link-javascript-colon-entity", "[x](javascript&colon;alert(1))", [(UNSAFE_ADDRESS, 1)]),
    ("link-javascript-double-entity", "[x](&amp;#106;avascript:alert(1))", [(UNSAFE_ADDRESS, 1)]),
    ("link-javascript-leading-spaces", "[x](   javascript:alert(1))", [(UNSAFE_ADDRESS, 1)]),
    ("link-javascript-tab-entity", "[x](java&#x09;script:alert(1))", [(UNSAFE_ADDRESS, 1)]),
    ("link-javascript-tab", "[x](java\tscript:alert(1))", [(UNSAFE_ADDRESS, 1)]),
    ("link-javascript-angle-brackets", "[x](<javascript:alert(1)>)", [(UNSAFE_ADDRESS, 1)]),
    ("link-vbscript", "[x](VBScript:msgbox(1))", [(UNSAFE_ADDRESS, 1)]),
    ("link-data", "[x](data:text/html;base64,PHNjcmlwdD4=)", [(UNSAFE_ADDRESS, 1)]),
    ("image-javascript", "![x](javascript:alert(1))", [(UNSAFE_ADDRESS, 1)]),
    ("image-data", "![x](data:image/svg+xml,<svg onload=alert(1)>)", [(UNSAFE_ADDRESS, 1)]),
    ("link-on-third-line", "A paragraph that\ngoes on and\nlinks [here](javascript:alert(1)).", [(UNSAFE_ADDRESS, 3)]),
    ("reference-unused", "Some text.\n\n[x]: javascript:alert(1)", [(UNSAFE_ADDRESS, 3)]),
    ("reference-used", "See [the plan][plan].\n\n[plan]: JavaScript:alert(1)", [(UNSAFE_ADDRESS, 3)]),
    ("reference-angle-title", '[x]: <javascript:alert(1)> "A title"', [(UNSAFE_ADDRESS, 1)]),
    ("autolink-javascript", "Go to <javascript:alert(1)> now.", [(UNSAFE_ADDRESS, 1)]),
    ("script", "<script>alert(1)</script>", [(ACTIVE_ELEMENT, 1)]),
    ("script-upper-case-space", "<SCRIPT >alert(1)</SCRIPT>", [(ACTIVE_ELEMENT, 1)]),
    ("script-inline", "Text <script>alert(1)</script> text.", [(ACTIVE_ELEMENT, 1)]),
    ("script-split-name", "<scr<script>ipt>alert(1)</script>", [(ACTIVE_ELEMENT, 1)]),
    ("iframe", '<iframe src="https://example.org/"></iframe>', [(ACTIVE_ELEMENT, 1)]),
    ("iframe-srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>', [(ACTIVE_ELEMENT, 1)]),
    ("frameset", '<frameset><frame src="https://example.org/"></frameset>', [(ACTIVE_ELEMENT, 1), (ACTIVE_ELEMENT, 1)]),
    ("img-onerror", "<img src=x onerror=alert(1)>", [(EVENT_HANDLER, 1)]),
    ("img-onerror-upper-case", "<IMG SRC=x ONERROR=alert(1)>", [(EVENT_HANDLER, 1)]),
    ("svg-script", "<svg><script>alert(1)</script></svg>", [(ACTIVE_ELEMENT, 1), (ACTIVE_ELEMENT, 1)]),
    ("svg-onload-slash", "<svg/onload=alert(1)>", [(ACTIVE_ELEMENT, 1), (EVENT_HANDLER, 1)]),
    ("math", "<math><mi>x</mi></math>", [(ACTIVE_ELEMENT, 1), (UNLISTED_ELEMENT, 1)]),
    ("a-href-javascript", '<a href="javascript:alert(1)">x</a>', [(UNSAFE_ADDRESS, 1)]),
    ("a-href-javascript-newline", '<a href="java\nscript:alert(1)">x</a>', [(UNSAFE_ADDRESS, 1)]),
    ("a-href-data", '<a href="data:text/html,<script>alert(1)</script>">x</a>', [(UNSAFE_ADDRESS, 1)]),
    ("a-xlink-href", '<a xlink:href="javascript:alert(1)">x</a>', [(UNSAFE_ADDRESS, 1)]),
    ("img-srcset-data", '<img alt="" srcset="a.png 1x, data:image/png;base64,AAAA 2x">', [(UNSAFE_ADDRESS, 1)]),
    ("video-poster", '<video poster="javascript:alert(1)"></video>', [(UNLISTED_ELEMENT, 1), (UNSAFE_ADDRESS, 1)]),
    ("form-action", '<form action="https://example.org/collect"><input name="q"></form>', [(ACTIVE_ELEMENT, 1), (ACTIVE_ELEMENT, 1)]),
    ("button-formaction", '<button formaction="javascript:alert(1)">Go</button>', [(ACTIVE_ELEMENT, 1), (UNSAFE_ADDRESS, 1)]),
    ("textarea-select", "<textarea></textarea> <select><option>a</option></select>", [(ACTIVE_ELEMENT, 1)] * 3),
    ("object", '<object data="movie.swf"></object>', [(ACTIVE_ELEMENT, 1)]),
    ("embed", '<embed src="movie.swf">', [(ACTIVE_ELEMENT, 1)]),
    ("applet", '<applet code="A.class"></applet>', [(ACTIVE_ELEMENT, 1)]),
    ("style-element", "<style>body { display: none }</style>", [(ACTIVE_ELEMENT, 1)]),
    ("style-attribute", '<p style="color: red">x</p>', [(STYLE_ATTRIBUTE, 1)]),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://example.org/">', [(ACTIVE_ELEMENT, 1)]),
    ("base-href", '<base href="https://example.org/">', [(ACTIVE_ELEMENT, 1)]),
    ("link-element", '<link rel="stylesheet" href="https://example.org/a.css">', [(ACTIVE_ELEMENT, 1)]),
    ("multi-line-block-third-line", '<div\n  class="note"\n  onmouseover="alert(1)">\nText\n</div>', [(EVENT_HANDLER, 3)]),
    ("multi-line-tag-in-paragraph", 'Text <span\nlang="en"\nonclick="alert(1)">x</span> text', [(EVENT_HANDLER, 3)]),
    ("comment-ended-early", "<!--><img src=x onerror=alert(1)>-->", [(EVENT_HANDLER, 1)]),
    ("comment-bang-end", "<!-- a --!><img src=x onerror=alert(1)> -->", [(EVENT_HANDLER, 1)]),
    ("cdata", "<![CDATA[ x ><img src=x onerror=alert(1)> ]]>", [(EVENT_HANDLER, 1)]),
    ("admonition", '!!! note "Note"\n    Text <span onclick="alert(1)">here</span>.', [(EVENT_HANDLER, 2)]),
    ("table-cell", "| a | b |\n| --- | --- |\n| <b onmouseover=alert(1)>c</b> | d |", [(EVENT_HANDLER, 3)]),
    ("list-continuation", "- a `<script>` b\n    1. c\n\n    <script>alert(1)</script>", [(ACTIVE_ELEMENT, 4)]),
    ("list-item", "- one\n- two\n\n    <img src=x onerror=alert(1)>", [(EVENT_HANDLER, 4)]),
    ("two-in-one-paragraph", "[a](javascript:alert(1)) and\n[b](javascript:alert(2))", [(UNSAFE_ADDRESS, 1), (UNSAFE_ADDRESS, 2)]),
    ("unlisted-element", "<marquee>Hello</marquee>", [(UNLISTED_ELEMENT, 1)]),
    ("blocks-apart", "<script>a</script>\n\nProse.\n\n<iframe></iframe>", [(ACTIVE_ELEMENT, 1), (ACTIVE_ELEMENT, 5)]),
]


def _found(markdown: str, first_line: int = 1) -> list[tuple[str, int]]:
    return sorted((p.rule, p.line) for p in active_content_problems(markdown, PAGE, first_line))


@pytest.mark.parametrize("markdown,expected", [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE])
def test_each_attack_gives_its_rule_on_its_line(markdown, expected):
    page = PROSE + markdown + "\n\nMwy o destun.\n"
    assert _found(page) == sorted((rule, START + line - 1) for rule, line in expected)


@pytest.mark.parametrize("markdown,expected", [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE])
def test_a_section_gives_the_lines_of_its_file(markdown, expected):
    # as a translator's import checks a section that starts on line 40 of its page
    assert _found(markdown, first_line=40) == sorted((rule, 40 + line - 1) for rule, line in expected)


@pytest.mark.parametrize("scheme", ["javascript", "JAVASCRIPT", "JaVaScRiPt", "jAvAsCrIpT", "Javascript"])
def test_javascript_links_in_any_letter_case(scheme):
    problems = active_content_problems(f"{PROSE}[x]({scheme}:alert(1))\n", PAGE)
    assert [(p.rule, p.line, p.column) for p in problems] == [(UNSAFE_ADDRESS, 5, 5)]
    assert f'"{scheme}:alert(1)"' in problems[0].message


def test_messages_name_what_is_written_and_say_how_to_fix_it():
    cases = {
        "<SCRIPT >alert(1)</SCRIPT>": "<SCRIPT >",
        "[x](&#106;avascript:alert(1))": "&#106;avascript:alert(1)",
        '## Title {: onclick="alert(1)" }': 'onclick="alert(1)"',
        "<img src=x ONERROR=alert(1)>": "onerror=alert(1)",
        "[x](java\tscript:alert(1))": "java",
        '<p style="color: red">x</p>': 'style="color: red"',
        "[r]: data:text/html,hello": "[r]",
    }
    for markdown, shown in cases.items():
        (problem,) = active_content_problems(markdown, PAGE)
        assert shown in problem.message, (markdown, problem.message)
        assert problem.hint and "\t" not in problem.message
        for regex_sign in ("\\", "^", "$", ".*", "[^"):
            assert regex_sign not in problem.hint, problem.hint


def test_columns_point_at_what_is_written():
    (problem,) = active_content_problems('Text\n<div\n  class="a" onclick="x">b</div>', PAGE)
    assert (problem.line, problem.column) == (3, 13)
    (problem,) = active_content_problems("Read [x](JAVASCRIPT:a) now", PAGE)
    assert (problem.line, problem.column) == (1, 10)


# The HTML that plain prose needs, and every Markdown construct the site uses: no problem.
ORDINARY_PAGE = """\
# Cynllun Clwstwr y Cymoedd Uchaf 2022/23 {: #cynllun .title }

Mae <abbr title="Cydweithredfa Clwstwr Lleol">CCLl</abbr> y Cymoedd Uchaf yn un o'r tri
chlwstwr.<br>
Enw'r bwrdd yn Saesneg yw <span lang="en">Swansea Bay University Health Board</span>. 10<sup>2</sup>,
H<sub>2</sub>O, <strong>cryf</strong>, <em>pwysig</em>, <b>b</b>, <i>i</i>, <small>bach</small>,
<a href="https://example.org/cynllun?iaith=cy#adran">dolen</a>, <a href="mailto:tim@example.org">e-bost</a>,
<a href="tel:+441792000000">ffôn</a>, <a href="../about.md" title="Amdanom">amdanom</a>.

<!-- plan:plan-facts upper-valleys/2022-23 -->

<details>
<summary>Rhagor o wybodaeth</summary>
<p>Testun: script, onclick, javascript: a data: yn eiriau yma, nid yn god.</p>
</details>

<table>
<thead><tr><th scope="col">Blwyddyn</th><th>Swm</th></tr></thead>
<tbody><tr><td>2022/23</td><td>£224,786.00</td></tr></tbody>
</table>

| Colofn | Gwerth |
| --- | ---: |
| a | 1 |

!!! note "Nodyn"
    Testun y nodyn, gyda [dolen](https://example.org/).

- Eitem **un**
- Eitem _dau_, gyda `<script>` fel cod
    1. is-eitem

Cod:

    <script>alert("dangos yn unig: bloc cod")</script>

[Y cynllun][cynllun], <https://example.org/>, <tim@example.org>, ![Map o'r clwstwr](map.png){: .llydan },
[ffrwd](feed.xml){ type="application/atom+xml" }, [adran](#adran), [tudalen](2022-23.md#cyllid).

[cynllun]: https://example.org/cynllun "Y cynllun"
"""


def test_ordinary_prose_with_allowed_html_gives_no_problem():
    assert active_content_problems(ORDINARY_PAGE, PAGE) == []
    assert invisible_character_problems(ORDINARY_PAGE, PAGE) == []


def test_code_is_shown_not_run():
    # a code span or an indented code block shows the markup as text: nothing to refuse
    assert active_content_problems("Write `<script>alert(1)</script>` or `[x](javascript:a)`.", PAGE) == []
    assert active_content_problems("Example:\n\n    <img src=x onerror=alert(1)>\n", PAGE) == []
    # a code span over two lines: markdown-it reads the second line as a list, Python-Markdown
    # (what the site uses, and the judge) as code; the block alone must not be reported
    assert active_content_problems("Text `x\n- <b onclick=x>y</b>` b\n", PAGE) == []
    assert _found("Text `x\n- <b onclick=x>y</b>` b\n\n<i onclick=x>z</i>\n") == [(EVENT_HANDLER, 4)]


@settings(max_examples=60, deadline=None)
@given(
    before=st.lists(st.sampled_from(["Prose.", "# Heading", "- a\n- b", "| a |\n| - |\n| b |", "<!-- plan:plans -->", "[r]: https://example.org/"]), max_size=5),
    after=st.lists(st.sampled_from(["Prose.", "## Heading", "1. a", "More\nprose."]), max_size=3),
    case=st.sampled_from(HOSTILE),
    first_line=st.integers(min_value=1, max_value=500),
)
def test_the_line_is_right_wherever_the_attack_is(before, after, case, first_line):
    _case_id, markdown, expected = case
    head = "\n\n".join(before) + "\n\n" if before else ""
    page = head + markdown + ("\n\n" + "\n\n".join(after) if after else "") + "\n"
    offset = head.count("\n")
    assert _found(page, first_line) == sorted((rule, first_line + offset + line - 1) for rule, line in expected)


@settings(max_examples=300, deadline=None)
@example("[x](javascript:a)")
@example("[x]: javascript:a")
@example("<!--><b onclick=x>-->")
@example("<b onclick=x>")
@example("# T {: onclick=x }")
@example("[x](java&#58;script:a)")
@given(st.text(alphabet="<>!-/{}&#;:[]()=\"' \n\tabcjsvrptxonlimg.", max_size=60))
def test_a_page_that_is_not_rendered_cannot_be_active(text):
    # the short cut that spares rendering plain pages never hides what rendering would find
    if not safety._may_be_active(text):
        assert safety._walk(safety._render(text)[0]) == []
        assert safety._render(text)[1] == {}


# ---------------------------------------------------------------------------------------------
# Invisible characters


def _invisible(text: str, first_line: int = 1) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in invisible_character_problems(text, PAGE, first_line)]


def test_bidi_override_in_a_name():
    (found,) = _invisible("# Clwstwr\n\nClwstwr Cwm\u202eawT\n")
    assert found[:2] == (3, 12) and "U+202E RIGHT-TO-LEFT OVERRIDE" in found[2]
    problems = invisible_character_problems("Clwstwr Cwm\u202eawT\u202c", PAGE, first_line=7)
    assert [(p.rule, p.line, p.column) for p in problems] == [(INVISIBLE_CHARACTER, 7, 12), (INVISIBLE_CHARACTER, 7, 16)]
    assert "U+202C POP DIRECTIONAL FORMATTING" in problems[1].message


def test_zero_width_space_in_a_link():
    (found,) = _invisible("Intro\n[y cynllun](https://example.org/cyn\u200bllun)\n")
    assert found[:2] == (2, 36) and "U+200B ZERO WIDTH SPACE" in found[2]


@pytest.mark.parametrize(
    "character,name",
    [
        ("\u202a", "LEFT-TO-RIGHT EMBEDDING"),
        ("\u202d", "LEFT-TO-RIGHT OVERRIDE"),
        ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
        ("\u2069", "POP DIRECTIONAL ISOLATE"),
        ("\u200e", "LEFT-TO-RIGHT MARK"),
        ("\u200f", "RIGHT-TO-LEFT MARK"),
        ("\u061c", "ARABIC LETTER MARK"),
        ("\u2060", "WORD JOINER"),
        ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
        ("\u00ad", "SOFT HYPHEN"),
        ("\u180e", "MONGOLIAN VOWEL SEPARATOR"),
        ("\u200c", "ZERO WIDTH NON-JOINER"),
        ("\u200d", "ZERO WIDTH JOINER"),
        ("\u2028", "LINE SEPARATOR"),
        ("\u3164", "HANGUL FILLER"),
        ("\U000e0041", "TAG LATIN CAPITAL LETTER A"),
        ("\x07", "CONTROL CHARACTER"),
    ],
)
def test_each_invisible_character_is_named(character, name):
    (found,) = _invisible(f"gofal{character}sylfaenol")
    assert found[:2] == (1, 6) and f"U+{ord(character):04X} {name}" in found[2]


def test_what_languages_and_emoji_need_is_allowed():
    text = (
        "\ufeffCroeso i Gymru \U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f!\n"  # Welsh flag
        "Meddyg: \U0001f469\u200d\u2695\ufe0f, teulu \U0001f468\u200d\U0001f469\u200d\U0001f467\n"  # emoji sequences
        "Ŵyn, ŷd, â, ê, î, ô, û, ’, – and no-break\u00a0spaces.\n"
    )
    assert _invisible(text) == []
    # but a byte order mark in a section that does not start the file is not at its start
    assert [f[:2] for f in _invisible("\ufeffTestun", first_line=3)] == [(3, 1)]


def test_the_quick_search_for_invisible_characters_misses_none():
    """The characters looked at first (safety._MAYBE_REFUSED) include every character refused,
    in pages (controls refused too) and in data: over the whole of Unicode."""
    for controls in (True, False):
        missed = [
            f"U+{code:04X}" for code in range(0x110000)
            if safety._refused(chr(code), controls) and not safety._MAYBE_REFUSED[controls].fullmatch(chr(code))
        ]
        assert missed == [], (controls, missed)


def test_site_problems_leaves_control_characters_in_data_to_strict_yaml(tmp_path):
    (tmp_path / "content" / "en").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yml").write_text("title: a\x07b\nname: c\u200bd\n", encoding="utf-8")
    (tmp_path / "content" / "en" / "a.md").write_text("a\x07b\n", encoding="utf-8")
    assert [(p.path, p.line, p.column) for p in site_problems(tmp_path)] == [("content/en/a.md", 1, 2), ("data/a.yml", 2, 8)]


# ---------------------------------------------------------------------------------------------
# Symbolic links


@pytest.fixture
def repository(tmp_path):
    """A small repository in tmp_path/repo, and a secret beside it that must never be read."""
    repo = tmp_path / "repo"
    for folder in ("content/en", "content/cy", "data/plans", "overrides/partials", ".git"):
        (repo / folder).mkdir(parents=True)
    (repo / ".git" / "config").write_text("[core]\n\tSECRET-IN-GIT-CONFIG\n")
    (repo / "content" / "en" / "index.md").write_text("# Home\n")
    (repo / "data" / "clusters.yml").write_text("clusters: []\n")
    (tmp_path / "secret.md").write_text("SECRET-OUTSIDE <script>alert(1)</script> \u202e\n")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "page.md").write_text("SECRET-FOLDER <script>alert(1)</script>\n")
    return repo


def _links(problems):
    return {p.path: p.message for p in problems if p.rule == SYMLINK}


def test_symlinks_are_reported_and_never_followed(repository):
    os.symlink("../../../secret.md", repository / "content" / "en" / "leak.md")
    os.symlink("../../.git/config", repository / "data" / "plans" / "config.yml")
    os.symlink(str(repository.parent / "outside"), repository / "content" / "cy" / "folder")
    os.symlink("missing.md", repository / "content" / "cy" / "broken.md")
    os.symlink("../../content/en/index.md", repository / "overrides" / "partials" / "inside.html")
    links = _links(symlink_problems(repository))
    assert set(links) == {"content/en/leak.md", "data/plans/config.yml", "content/cy/folder", "content/cy/broken.md", "overrides/partials/inside.html"}
    assert '"../../../secret.md", which is outside the repository' in links["content/en/leak.md"]
    assert '"../../.git/config"' in links["data/plans/config.yml"]
    assert "outside the repository" in links["content/cy/folder"] and "not a folder" in links["content/cy/folder"]
    assert "does not exist" in links["content/cy/broken.md"]
    assert "inside the repository" in links["overrides/partials/inside.html"]
    problems = site_problems(repository)
    assert _links(problems) == links
    assert {p.rule for p in problems} == {SYMLINK}  # nothing was read through a link
    for problem in problems:
        assert problem.hint.startswith("Replace the link with the real file")
        assert "SECRET" not in problem.as_text()
        assert str(repository.parent) not in problem.message or "outside" in problem.message


def test_a_linked_top_folder_is_reported_not_walked(repository):
    (repository / "overrides" / "partials").rmdir()
    (repository / "overrides").rmdir()
    os.symlink(repository.parent / "outside", repository / "overrides")
    problems = site_problems(repository)
    assert [(p.path, p.rule) for p in problems] == [("overrides", SYMLINK)]


def test_unreadable_and_special_files_are_skipped(repository):
    (repository / "content" / "en" / "latin1.md").write_bytes(b"caf\xe9 <script>\n")
    os.mkfifo(repository / "content" / "en" / "pipe.md")  # opening it would wait for ever
    assert site_problems(repository) == []


# ---------------------------------------------------------------------------------------------
# The real site


def test_the_real_site_gives_no_problem():
    """Its speed is part of python -m hooks.check's, measured by benchmarks/run.py (not a timed test)."""
    assert site_problems(ROOT) == []


def test_the_real_site_is_checked_at_all():
    pages = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.md"))
    assert "content/en/index.md" in pages and "content/cy/index.md" in pages
    # the same pages with one attack each give one problem each: they are read
    for page in pages:
        text = (ROOT / page).read_text(encoding="utf-8")
        assert active_content_problems(text + "\n<script></script>\n", page)[0].line == text.count("\n") + 2
        assert invisible_character_problems(text + "\u200b", page)[0].rule == INVISIBLE_CHARACTER


def test_pages_are_rendered_as_the_site_renders_them():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and the like
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    extensions = {}
    for entry in config["markdown_extensions"]:
        name, settings_ = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        extensions[name] = settings_ or {}
    assert tuple(extensions) == safety.MARKDOWN_EXTENSIONS
    assert {name: value for name, value in extensions.items() if value} == safety.MARKDOWN_CONFIG


def test_rule_ids_are_documented():
    for rule in safety.RULES:
        assert rule in safety.__doc__
