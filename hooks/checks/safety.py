"""Safety checks of what the site publishes: no active content, no invisible characters, no links.

Plain Python, no MkDocs. Four functions, each giving `Problem`s (hooks/problems.py):

- `active_content_problems(text, path, first_line=1)`: the Markdown of a page, or of a section
  of one (first_line is the line of the text's first line in its file);
- `invisible_character_problems(text, path, first_line=1)`: any text, page or data;
- `symlink_problems(root)`: links in content/, data/ and overrides/;
- `site_problems(root)`: all three on the whole repository, sorted.

Rule ids
--------
page-active-element    an element that runs a program, loads another page or plug-in inside the
                       page, sends data or changes the page's settings: script, style, iframe,
                       frame, frameset, object, embed, applet, form, input, button, textarea,
                       select, option, base, meta, link, svg, math, noscript, template, ...
page-unlisted-element  any other element that is not in PROSE_ELEMENTS, the HTML that plain prose
                       needs (p, a, abbr, br, span, strong, em, sup, sub, details, summary,
                       tables, lists, headings, ...). An allow-list: an element nobody thought of
                       (video, portal, xmp, a made-up name) is refused until someone adds it.
page-event-handler     an attribute starting "on" (onclick, onerror, onload, ...), written in raw
                       HTML or with an attribute list (`{: onclick="..." }`).
page-style-attribute   a style="..." attribute. CSS in an attribute cannot run a program in a
                       current browser, but it can lay fake text over the page, hide text from
                       some readers, and load images from other sites (the site sends no request
                       to another site), and the site's look belongs in one place for every page
                       (content/assets/plans.css). So it is refused too.
page-unsafe-address    an address whose kind (the "scheme" before the first colon) is not https,
                       http, mailto or tel, in a Markdown link, image, reference definition or
                       autolink, or in an href, src, action, formaction, xlink:href, srcset,
                       poster, background, cite, ... attribute. Addresses without a scheme (the
                       site's own pages and files, "#section") are fine. javascript:, vbscript:
                       and data: get their own message. The address is normalised as a browser
                       would read it, and more: HTML entities decoded (repeatedly: "&#106;",
                       "&colon;", "&amp;#106;"), every space, tab, line break, control and
                       invisible character removed, letter case ignored.
text-invisible-character
                       a character that cannot be seen (see below).
file-symlink           a symbolic link (to a file or a folder, working or broken).

How the page is read (active content)
-------------------------------------
What is checked is what the site publishes: the page is rendered with Python-Markdown and the
extensions of mkdocs.yml (attr_list, tables, toc, admonition), and the HTML is walked with the
standard library's html.parser. So every way of writing a link, an image, an attribute list or
raw HTML is covered by the renderer MkDocs uses, not by patterns guessed here. Comments are fine
(the site's `<!-- plan:... -->` markers); where html.parser would hide text that a browser reads
as HTML (a comment ended by "--!>" or opened by "<!-->", a "<![CDATA[" section) that text is
walked too. Reference definitions are checked from the renderer's own list, used or not.

A page without "<" (other than comments), "{", "&", "](" or "]:" cannot hold anything active
and is not rendered; any other clean page costs one rendering. Only when something is found is the line worked out:
markdown-it-py splits the page into its top-level blocks (token.map gives each block's lines;
lines outside every block, such as reference definitions, make blocks of their own), each block
is rendered and walked alone, and each finding is placed on the line of the block where its
element ("<script"), attribute ("onclick=") or address (the line that, normalised, holds
"javascript:") is written; several findings of the same thing in one block take its successive
occurrences. The rendering of the whole page stays the judge: a block finding is reported only if
the whole page has it too (a block rendered alone can read differently), and a finding of the
whole page that no block explains is reported on the line where its text is found, or on the
first line of the text. A link that uses an unsafe reference definition is reported once, at the
definition. The column is given where the text is found as written.

Invisible characters
--------------------
Refused: the bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C),
every other character of Unicode's "format" category Cf (U+200B zero width space, U+2060 word
joiner, U+FEFF other than as the file's first character, U+00AD soft hyphen, U+180E, U+200C zero
width non-joiner, U+FFF9-U+FFFB, ...), the line and paragraph separators U+2028/U+2029, the
Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and control characters other than tab and line
breaks. Welsh and English need none of them; a soft hyphen, pasted from a word processor, makes
a word fail to match in search and in the translation checks (browsers break long words
themselves). Allowed, because emoji need them: U+200D zero width joiner between two symbols
(as in a person-with-job emoji), and the tag characters U+E0020-U+E007F in a flag sequence after
U+1F3F4 (the Welsh flag is one). site_problems does not report control characters in data files:
hooks/model/strict_yaml.py already does.
"""

from __future__ import annotations

import html
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
import html.parser
from html.parser import HTMLParser
from pathlib import Path

from hooks.problems import Problem

ACTIVE_ELEMENT = "page-active-element"
UNLISTED_ELEMENT = "page-unlisted-element"
EVENT_HANDLER = "page-event-handler"
STYLE_ATTRIBUTE = "page-style-attribute"
UNSAFE_ADDRESS = "page-unsafe-address"
INVISIBLE_CHARACTER = "text-invisible-character"
SYMLINK = "file-symlink"

RULES = (ACTIVE_ELEMENT, UNLISTED_ELEMENT, EVENT_HANDLER, STYLE_ATTRIBUTE, UNSAFE_ADDRESS, INVISIBLE_CHARACTER, SYMLINK)

# The Markdown extensions of mkdocs.yml, and their settings: what the site renders pages with
# (tests/test_safety.py compares them with mkdocs.yml).
MARKDOWN_EXTENSIONS = ("attr_list", "tables", "toc", "admonition")
MARKDOWN_CONFIG = {"toc": {"permalink": False}}

# ---------------------------------------------------------------------------------------------
# Elements and attributes

_RUNS_PROGRAM = "Remove it: pages cannot run programs. If the page really needs one, ask a developer."
_LOOK_IN_ONE_PLACE = "Remove it: the look of every page is set in one place (content/assets/plans.css); ask a developer if something must look different."
_EMBEDS = "Remove it: a page cannot show another page, site or plug-in inside itself. Link to it instead: [name of the page](https://...)."
_FORM = "Remove it: pages cannot hold forms. Link to the form instead: [name of the form](https://...)."
_SETTINGS = "Remove it: the site writes the page's settings (language, addresses, links to files) itself."
_PICTURE = "Remove it: put the picture in a file beside the page and show it with ![what the picture shows](picture.png)."
_FORMULA = "Remove it: write the formula in words, or show it as a picture: ![the formula in words](formula.png)."

# The same fixes in Welsh ("hi": an element, elfen, is feminine).
_RUNS_PROGRAM_CY = "Tynnwch hi: ni all tudalennau redeg rhaglenni. Os oes wir angen un ar y dudalen, gofynnwch i ddatblygwr."
_LOOK_IN_ONE_PLACE_CY = "Tynnwch hi: mae sut mae pob tudalen yn edrych yn cael ei bennu mewn un lle (content/assets/plans.css); gofynnwch i ddatblygwr os oes rhaid i rywbeth edrych yn wahanol."
_EMBEDS_CY = "Tynnwch hi: ni all tudalen ddangos tudalen, gwefan nac ategyn arall y tu mewn iddi ei hun. Rhowch ddolen ati yn lle hynny: [enw'r dudalen](https://...)."
_FORM_CY = "Tynnwch hi: ni all tudalennau gynnwys ffurflenni. Rhowch ddolen i'r ffurflen yn lle hynny: [enw'r ffurflen](https://...)."
_SETTINGS_CY = "Tynnwch hi: mae'r wefan ei hun yn ysgrifennu gosodiadau'r dudalen (iaith, cyfeiriadau, dolenni i ffeiliau)."
_PICTURE_CY = "Tynnwch hi: rhowch y llun mewn ffeil wrth ymyl y dudalen, a'i ddangos gyda ![beth mae'r llun yn ei ddangos](llun.png)."
_FORMULA_CY = "Tynnwch hi: ysgrifennwch y fformiwla mewn geiriau, neu dangoswch hi fel llun: ![y fformiwla mewn geiriau](fformiwla.png)."
_IN_WELSH = {
    _RUNS_PROGRAM: _RUNS_PROGRAM_CY,
    _LOOK_IN_ONE_PLACE: _LOOK_IN_ONE_PLACE_CY,
    _EMBEDS: _EMBEDS_CY,
    _FORM: _FORM_CY,
    _SETTINGS: _SETTINGS_CY,
    _PICTURE: _PICTURE_CY,
    _FORMULA: _FORMULA_CY,
}

# Elements that run a program, show another page or plug-in, send data or change the page's
# settings, and the one hint for each.
ACTIVE_ELEMENTS = {
    "script": _RUNS_PROGRAM,
    "noscript": _RUNS_PROGRAM,
    "template": _RUNS_PROGRAM,
    "style": _LOOK_IN_ONE_PLACE,
    "iframe": _EMBEDS,
    "frame": _EMBEDS,
    "frameset": _EMBEDS,
    "noframes": _EMBEDS,
    "object": _EMBEDS,
    "embed": _EMBEDS,
    "applet": _EMBEDS,
    "param": _EMBEDS,
    "portal": _EMBEDS,
    "fencedframe": _EMBEDS,
    "form": _FORM,
    "input": _FORM,
    "button": _FORM,
    "textarea": _FORM,
    "select": _FORM,
    "option": _FORM,
    "optgroup": _FORM,
    "datalist": _FORM,
    "output": _FORM,
    "keygen": _FORM,
    "isindex": _FORM,
    "base": _SETTINGS,
    "meta": _SETTINGS,
    "link": _SETTINGS,
    "svg": _PICTURE,
    "math": _FORMULA,
}
ACTIVE_ELEMENTS_CY = {tag: _IN_WELSH[hint] for tag, hint in ACTIVE_ELEMENTS.items()}

# The HTML that plain prose needs, and what Python-Markdown writes for Markdown.
PROSE_ELEMENTS = frozenset(
    """a abbr address article aside b bdi bdo blockquote br caption cite code col colgroup dd del
    details dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd
    li main mark nav ol p pre q rp rt ruby s samp section small span strong sub summary sup table
    tbody td tfoot th thead time tr u ul var wbr""".split()
)

# Attributes that hold an address, in any element.
ADDRESS_ATTRIBUTES = frozenset(
    """href src action formaction xlink:href srcset imagesrcset poster background cite longdesc
    lowsrc dynsrc data codebase ping manifest icon profile usemap""".split()
)
_ADDRESS_LISTS = frozenset({"srcset", "imagesrcset", "ping"})

# What the tables extension writes for a column aligned with ":" in its separator row.
_TABLE_ALIGNMENTS = frozenset(f"text-align: {side};" for side in ("left", "right", "center"))

SAFE_SCHEMES = frozenset({"https", "http", "mailto", "tel"})
_SCHEME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789+-.")
_NAME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_:.")


def address_scheme(address: str) -> str:
    """The scheme of an address as a browser would see it, at its most permissive ("" if none).

    Entities are decoded until nothing changes, then every space, control and invisible
    character is removed and letters are made small: "&#106;ava\\tScript:" gives "javascript".
    """
    normal = _normalise(address)
    colon = normal.find(":")
    if colon <= 0:
        return ""
    scheme = normal[:colon]
    if not scheme[0].isascii() or not scheme[0].isalpha() or not set(scheme) <= _SCHEME_CHARACTERS:
        return ""  # a "/", "?" or "#" before the colon: a relative address such as "page.md#a:b"
    return scheme


def _normalise(text: str) -> str:
    for _ in range(5):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return "".join(c for c in text if not (c.isspace() or unicodedata.category(c) in ("Cc", "Cf"))).lower()


def _shown(text: str, limit: int = 60) -> str:
    """Text for a message: one line, invisible characters named by their code, not too long."""
    out = []
    for c in text:
        if c in "\n\r\t" or unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(" " if c in "\n\r" else f"[U+{ord(c):04X}]")
        else:
            out.append(c)
    shown = "".join(out)
    if "\n" in text or "\r" in text:
        shown = " ".join(shown.split())
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Walking the rendered HTML


@dataclass(frozen=True)
class _Finding:
    rule: str
    key: tuple  # what it is, to match the same finding in the whole page and in a block
    message: str
    hint: str
    message_cy: str = field(compare=False)
    hint_cy: str = field(compare=False)
    needle: str  # what to look for in the source, lower case
    kind: str  # "tag", "attribute" or "address"
    written: str = ""  # an address as the renderer wrote it (entities kept), lower case
    tag: str = ""  # the element it is in, to place it by its tag when nothing else is found


def _mae(phrase: str) -> str:
    """"mae" (is) before a Welsh phrase: its article "y" becomes 'r ("mae'r cyfeiriad", not "mae y")."""
    return "mae'r " + phrase[2:] if phrase.startswith("y ") else "mae " + phrase


def _unsafe_address_finding(value: str, written: str, where: str, where_cy: str, scheme: str, needle_kind: str = "address", needle: str = "", tag: str = "") -> _Finding:
    """where_cy names, in Welsh, an address (cyfeiriad, masculine: "ei ddilyn")."""
    if scheme in ("javascript", "vbscript", "livescript"):
        what = "runs a program when it is followed"
        hint = "Replace it with the address of a web page (starting https://) or of a page of this site (such as about.md)."
        what_cy = "yn rhedeg rhaglen pan fydd rhywun yn ei ddilyn"
        hint_cy = "Rhowch gyfeiriad tudalen we (yn dechrau â https://) neu gyfeiriad tudalen ar y wefan hon (fel about.md) yn ei le."
    elif scheme == "data":
        what = "holds a file inside the address itself"
        hint = "Put the file beside the page and use its name (such as plan.pdf), or use the address of a web page (starting https://)."
        what_cy = "yn cynnwys ffeil y tu mewn i'r cyfeiriad ei hun"
        hint_cy = "Rhowch y ffeil wrth ymyl y dudalen a defnyddiwch ei henw (fel plan.pdf), neu defnyddiwch gyfeiriad tudalen we (yn dechrau â https://)."
    else:
        what = f'is of a kind ("{scheme}:") that pages do not use'
        hint = "Use the address of a web page (starting https://), an email address (mailto:name@example.org), a phone number (tel:...) or a page of this site (such as about.md)."
        what_cy = f'o fath ("{scheme}:") nad yw tudalennau\'n ei ddefnyddio'
        hint_cy = "Defnyddiwch gyfeiriad tudalen we (yn dechrau â https://), cyfeiriad e-bost (mailto:enw@example.org), rhif ffôn (tel:...) neu dudalen ar y wefan hon (fel about.md)."
    return _Finding(
        UNSAFE_ADDRESS,
        ("address", _normalise(value)),
        f'{where}, "{_shown(written)}", {what}',
        hint,
        f'{_mae(where_cy)} ("{_shown(written)}") {what_cy}',
        hint_cy,
        needle or scheme + ":",
        needle_kind,
        written.strip().lower() if needle_kind == "address" else "",
        tag,
    )


class _Walker(HTMLParser):
    """Collects findings from rendered HTML, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[_Finding] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._element(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._element(tag, attrs)

    def _element(self, tag: str, attrs: list) -> None:
        raw_tag = self.get_starttag_text() or f"<{tag}>"
        if ":" in tag or "@" in tag:
            # An autolink that Python-Markdown left as a tag ("<javascript:alert(1)>", or
            # "<https://...>" inside a raw HTML block): no element to a browser, only an address.
            scheme = address_scheme(tag)
            if scheme and scheme not in SAFE_SCHEMES:
                self.findings.append(_unsafe_address_finding(tag, raw_tag, "the autolink", "cyfeiriad y ddolen awtomatig", scheme, "tag", "<" + tag.split(":", 1)[0] + ":"))
        elif tag in ACTIVE_ELEMENTS:
            self.findings.append(
                _Finding(
                    ACTIVE_ELEMENT, ("element", tag), f"the element {_shown(raw_tag)} is not allowed in a page", ACTIVE_ELEMENTS[tag],
                    f"ni chaniateir yr elfen {_shown(raw_tag)} mewn tudalen", ACTIVE_ELEMENTS_CY[tag], "<" + tag, "tag",
                )
            )
        elif tag not in PROSE_ELEMENTS:
            self.findings.append(
                _Finding(
                    UNLISTED_ELEMENT,
                    ("element", tag),
                    f"the element {_shown(raw_tag)} is not one of the HTML elements pages may use",
                    "Remove it, or write the same with Markdown (**bold**, _italic_, [links](https://...), lists, tables). If the page really needs it, ask a developer.",
                    f"nid yw'r elfen {_shown(raw_tag)} yn un o'r elfennau HTML y caiff tudalennau eu defnyddio",
                    "Tynnwch hi, neu ysgrifennwch yr un peth gyda Markdown (**trwm**, _italig_, [dolenni](https://...), rhestrau, tablau). Os oes wir angen yr elfen ar y dudalen, gofynnwch i ddatblygwr.",
                    "<" + tag,
                    "tag",
                )
            )
        written = _raw_attributes(raw_tag)
        for name, value in attrs:
            value = value or ""
            as_written = f"{name}={written.get(name, value)}"
            if name.startswith("on"):
                self.findings.append(
                    _Finding(
                        EVENT_HANDLER,
                        ("attribute", tag, name),
                        f"<{tag}> has {_shown(as_written)}: an instruction to run a program, which pages cannot hold",
                        f"Remove {name}=\"...\" (if it is written in curly brackets after the text, {{: {name}=... }}, remove the brackets too when nothing else is left in them). Pages cannot react to clicks or to the mouse.",
                        f"mae gan <{tag}> {_shown(as_written)}: cyfarwyddyd i redeg rhaglen, na all tudalennau ei gynnwys",
                        f"Tynnwch {name}=\"...\" (os yw wedi'i ysgrifennu rhwng cromfachau cyrliog ar ôl y testun, {{: {name}=... }}, tynnwch y cromfachau hefyd pan nad oes dim arall ar ôl rhyngddynt). Ni all tudalennau ymateb i gliciau nac i'r llygoden.",
                        name,
                        "attribute",
                        tag=tag,
                    )
                )
            elif name == "style" and not (tag in ("td", "th") and value in _TABLE_ALIGNMENTS):
                self.findings.append(
                    _Finding(
                        STYLE_ATTRIBUTE, ("attribute", tag, name), f"<{tag}> has {_shown(as_written)}: pages cannot set their own look", _LOOK_IN_ONE_PLACE.replace("Remove it", 'Remove style="..."'),
                        f"mae gan <{tag}> {_shown(as_written)}: ni all tudalennau bennu sut maen nhw'n edrych", _LOOK_IN_ONE_PLACE_CY.replace("Tynnwch hi", 'Tynnwch style="..."'),
                        name, "attribute", tag=tag,
                    )
                )
            elif name in ADDRESS_ATTRIBUTES:
                candidates = [c.strip().split(None, 1)[0] for c in html.unescape(value).split(",") if c.strip()] if name in _ADDRESS_LISTS else [value]
                for candidate in candidates:
                    scheme = address_scheme(candidate)
                    if scheme and scheme not in SAFE_SCHEMES:
                        raw_value = _unquoted(written.get(name, value))
                        self.findings.append(_unsafe_address_finding(value, raw_value, f"the address in <{tag} {name}>", f"y cyfeiriad yn <{tag} {name}>", scheme, tag=tag))
                        break

    # Text that html.parser keeps inside a comment or declaration but a browser reads as HTML.
    def handle_comment(self, data: str) -> None:
        if data.startswith(">"):
            self._walk_also(data[1:])
        elif data.startswith("->"):
            self._walk_also(data[2:])
        elif "--!>" in data:
            self._walk_also(data.split("--!>", 1)[1])

    def unknown_decl(self, data: str) -> None:
        if ">" in data:
            self._walk_also(data.split(">", 1)[1])

    def _walk_also(self, markup: str) -> None:
        inner = _Walker()
        inner.feed(markup)
        inner.close()
        self.findings.extend(inner.findings)


# html.parser's own pattern for one attribute of a start tag (only for messages: without it,
# they show the decoded value).
_ATTRIBUTE = getattr(html.parser, "attrfind_tolerant", None)


def _raw_attributes(raw_tag: str) -> dict[str, str]:
    """Each attribute's value as written in the tag (entities not decoded, quotes kept), by
    lower-case name."""
    written: dict[str, str] = {}
    if _ATTRIBUTE is None:
        return written
    end = 1
    while end < len(raw_tag) and not (raw_tag[end].isspace() or raw_tag[end] in "/>"):
        end += 1
    for match in _ATTRIBUTE.finditer(raw_tag, end):
        name, value = match.group(1), match.group(3)
        if not name:
            continue
        written.setdefault(name.lower(), value or "")
    return written


def _unquoted(value: str) -> str:
    if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _walk(rendered: str) -> list[_Finding]:
    walker = _Walker()
    walker.feed(rendered)
    walker.close()
    return walker.findings


@lru_cache(maxsize=1)
def _renderer():
    # Extension objects, not names: looking names up costs 50 ms (installed packages' metadata).
    from markdown import Markdown
    from markdown.extensions import admonition, attr_list, tables, toc

    classes = {
        "attr_list": attr_list.AttrListExtension,
        "tables": tables.TableExtension,
        "toc": toc.TocExtension,
        "admonition": admonition.AdmonitionExtension,
    }
    return Markdown(extensions=[classes[name](**MARKDOWN_CONFIG.get(name, {})) for name in MARKDOWN_EXTENSIONS])


def _render(text: str) -> tuple[str, dict]:
    """HTML of Markdown as the site renders it, and its reference definitions {label: address}."""
    md = _renderer()
    md.reset()
    rendered = md.convert(text)
    return rendered, {label: url for label, (url, _title) in md.references.items()}


# ---------------------------------------------------------------------------------------------
# Active content


def active_content_problems(text: str, path: str, first_line: int = 1) -> list[Problem]:
    """Active content in the Markdown of a page, or of a section of one starting at first_line."""
    if not _may_be_active(text):
        return []
    rendered, references = _render(text)
    whole = _walk(rendered)
    unsafe_references = {}
    for label, url in references.items():
        scheme = address_scheme(url)
        if scheme and scheme not in SAFE_SCHEMES:
            unsafe_references[label] = (url, scheme)
    if not whole and not unsafe_references:
        return []

    lines = text.split("\n")
    placed: list[tuple[int, int | None, _Finding]] = []  # (line index, column, finding)
    remaining = Counter(f.key for f in whole)
    for start, end in _blocks(text, len(lines)):
        block_lines = lines[start:end]
        findings = _walk(_render("\n".join(block_lines))[0])
        cursors: Counter = Counter()
        for finding in findings:
            if remaining[finding.key] <= 0:
                continue  # the whole page does not publish it: the block alone reads differently
            remaining[finding.key] -= 1
            spot = _locate(block_lines, finding, cursors[(finding.kind, finding.needle)])
            cursors[(finding.kind, finding.needle)] += 1
            placed.append((start + spot[0], spot[1], finding) if spot else (start, None, finding))

    unsafe_values = {_normalise(url) for url, _scheme in unsafe_references.values()}
    cursors = Counter()
    for finding in whole:
        if remaining[finding.key] <= 0:
            continue
        remaining[finding.key] -= 1
        if finding.key[0] == "address" and finding.key[1] in unsafe_values:
            continue  # a link through an unsafe reference definition: reported at the definition
        spot = _locate(lines, finding, cursors[(finding.kind, finding.needle)])
        cursors[(finding.kind, finding.needle)] += 1
        placed.append((spot[0], spot[1], finding) if spot else (0, None, finding))

    for label, (url, scheme) in unsafe_references.items():
        finding = _unsafe_address_finding(url, url, f"the address of the reference [{label}]", f"cyfeiriad y cyfeirnod [{label}]", scheme)
        index = _definition_line(lines, label)
        spot = _locate(lines[index : index + 3] if index is not None else lines, finding, 0)
        if index is None:
            index, column = spot if spot else (0, None)
        else:
            column = spot[1] if spot and spot[0] == 0 else None
        placed.append((index, column, finding))

    problems = [
        Problem(path, first_line + index, f.rule, f.message, f.hint, column=column, message_cy=f.message_cy, hint_cy=f.hint_cy)
        for index, column, f in placed
    ]
    return sorted(set(problems), key=_order)


def _may_be_active(text: str) -> bool:
    """False when no rendering of the text can hold an element, an attribute or an address.

    Every element and autolink needs a "<" that does not open a comment, an attribute list a
    "{", an entity a "&", a Markdown link or image "](" and a reference definition "]:". Plan
    pages (headings, prose and <!-- plan:... --> markers) are not rendered at all.
    """
    return "{" in text or "&" in text or "](" in text or "]:" in text or text.count("<") != text.count("<!--")


def _blocks(text: str, line_count: int) -> list[tuple[int, int]]:
    """The page's top-level blocks as (first line, line after) pairs, 0-based, in order.

    Lines that belong to no block (reference definitions, what markdown-it reads differently)
    make blocks of their own, so every line of the page is in one block.
    """
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    spans = []
    for token in parser.parse(text):
        if token.level == 0 and token.map and token.nesting >= 0:
            spans.append((token.map[0], min(token.map[1], line_count)))
    spans.sort()
    blocks, covered = [], 0
    for start, end in spans:
        if start < covered:
            continue
        if start > covered:
            blocks.append((covered, start))
        blocks.append((start, end))
        covered = end
    if covered < line_count:
        blocks.append((covered, line_count))
    return blocks


def _locate(lines: list[str], finding: _Finding, occurrence: int) -> tuple[int, int | None] | None:
    """(line index, 1-based column or None) of the occurrence-th place the finding is written.

    An address is looked for as written, then by its scheme as written, then by its scheme in
    the line normalised (entities decoded, spaces removed), then across two lines; anything not
    found then by its element's tag.
    """
    if finding.kind == "address":
        spots = _address_spots(lines, finding)
    else:
        spots = _name_spots(lines, finding.needle, finding.kind)
    if not spots and finding.tag:
        spots = _name_spots(lines, "<" + finding.tag, "tag")
    if not spots:
        return None
    return spots[min(occurrence, len(spots) - 1)]


def _address_spots(lines: list[str], finding: _Finding) -> list[tuple[int, int | None]]:
    spots: list[tuple[int, int | None]] = []
    for index, line in enumerate(lines):
        lower = line.lower()
        for needle in (finding.written, finding.needle):
            if needle and needle in lower:
                at = lower.find(needle)
                while at >= 0:
                    spots.append((index, at + 1))
                    at = lower.find(needle, at + len(needle))
                break
        else:
            if finding.needle in _normalise(line):
                spots.append((index, None))
    if not spots:
        for index in range(len(lines) - 1):
            if finding.needle in _normalise(lines[index] + lines[index + 1]):
                spots.append((index, None))
    return spots


def _name_spots(lines: list[str], needle: str, kind: str) -> list[tuple[int, int | None]]:
    """Where a tag ("<script") or an attribute ("onclick", followed by "=") is written."""
    spots: list[tuple[int, int | None]] = []
    for index, line in enumerate(lines):
        lower = line.lower()
        at = lower.find(needle)
        while at >= 0:
            after = at + len(needle)
            if kind == "tag":
                ok = needle.endswith(":") or after >= len(lower) or lower[after] not in _NAME_CHARACTERS
            else:
                rest = lower[after:].lstrip()
                ok = (at == 0 or lower[at - 1] not in _NAME_CHARACTERS) and (rest == "" or rest[0] in "=>}/")
            if ok and lower.count("`", 0, at) % 2 == 0:  # not inside `code`, which is shown as text
                spots.append((index, at + 1))
            at = lower.find(needle, at + 1)
    return spots


def _definition_line(lines: list[str], label: str) -> int | None:
    """The line index of the definition "[label]: address" (the label in any letter case)."""
    wanted = "[" + " ".join(label.lower().split()) + "]"
    for index, line in enumerate(lines):
        collapsed = " ".join(line.lower().split())
        if collapsed.startswith(wanted) and collapsed[len(wanted) :].lstrip().startswith(":"):
            return index
    return None


# ---------------------------------------------------------------------------------------------
# Invisible characters

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_INVISIBLE_OTHERS = frozenset("\u2028\u2029\u115f\u1160\u3164\uffa0")
_ZERO_WIDTH_JOINER = "\u200d"
_BLACK_FLAG = "\U0001f3f4"
_CANCEL_TAG = "\U000e007f"
_EMOJI_MODIFIERS = frozenset(chr(c) for c in range(0x1F3FB, 0x1F400)) | {"\ufe0f"}


def _refused(character: str, controls: bool) -> bool:
    if character in BIDI_CONTROLS or character in _INVISIBLE_OTHERS:
        return True
    category = unicodedata.category(character)
    if category == "Cf":
        return True
    return controls and category == "Cc" and character not in "\t\n\r"


def invisible_character_problems(text: str, path: str, first_line: int = 1) -> list[Problem]:
    """Invisible and bidirectional control characters, each with its line and column."""
    return _invisible(text, path, first_line, controls=True)


# Every character _refused() can refuse is one of these: no printable ASCII character is
# (_refused: the BIDI_CONTROLS and _INVISIBLE_OTHERS are not ASCII, nor is any format
# character, Cf), and with controls the ASCII controls but tab, newline and carriage return.
# Finding these first, in C, spares looking at each of the millions of characters of the data.
_MAYBE_REFUSED = {True: re.compile(r"[^\t\n\r\x20-\x7e]"), False: re.compile(r"[^\x00-\x7f]")}


def _invisible(text: str, path: str, first_line: int, controls: bool) -> list[Problem]:
    if text.isascii() and not controls:
        return []
    suspects = {c for c in set(_MAYBE_REFUSED[controls].findall(text)) if _refused(c, controls)}
    if not suspects:
        return []
    problems = []
    line_start = 0
    for line_index, line in enumerate(text.split("\n")):
        if suspects.isdisjoint(line):
            line_start += len(line) + 1
            continue
        for column, character in enumerate(line):
            if character not in suspects:
                continue
            position = line_start + column
            if _allowed_here(text, position, first_line):
                continue
            problems.append(_invisible_problem(path, first_line + line_index, column + 1, character, line[:column]))
        line_start += len(line) + 1
    return problems


def _allowed_here(text: str, position: int, first_line: int) -> bool:
    character = text[position]
    if character == "\ufeff":
        return position == 0 and first_line == 1  # the byte order mark some editors write first
    if character == _ZERO_WIDTH_JOINER:
        before = text[position - 1] if position else ""
        after = text[position + 1] if position + 1 < len(text) else ""
        return _is_symbol(before) and _is_symbol(after)
    if "\U000e0020" <= character <= _CANCEL_TAG:  # flag sequences: black flag, tags, cancel tag
        start = position
        while start > 0 and "\U000e0020" <= text[start - 1] <= "\U000e007e":
            start -= 1
        end = position
        while end < len(text) and "\U000e0020" <= text[end] <= "\U000e007e":
            end += 1
        return start > 0 and text[start - 1] == _BLACK_FLAG and end < len(text) and text[end] == _CANCEL_TAG
    return False


def _is_symbol(character: str) -> bool:
    return bool(character) and (unicodedata.category(character) == "So" or character in _EMOJI_MODIFIERS)


def _invisible_problem(path: str, line: int, column: int, character: str, before: str) -> Problem:
    name = unicodedata.name(character, "") or {"\x85": "NEXT LINE"}.get(character, "CONTROL CHARACTER")
    code = f"U+{ord(character):04X}"
    if character in BIDI_CONTROLS:
        effect = "it can make the text show in a different order from how it is written"
    else:
        effect = "it cannot be seen, but it stops the words around it matching in search and in the translation checks"
    context = " ".join(before.split())[-20:]
    where = f' just after "{_shown(context, 24)}"' if context else " at the start of the line"
    # The character's Unicode name (ZERO WIDTH SPACE) is its name in the standard, in English in both.
    if character in BIDI_CONTROLS:
        effect_cy = "gall wneud i'r testun ymddangos mewn trefn wahanol i'r drefn y cafodd ei ysgrifennu ynddi"
    else:
        effect_cy = "ni ellir ei weld, ond mae'n atal y geiriau o'i gwmpas rhag cyfateb wrth chwilio ac yn y gwiriadau cyfieithu"
    where_cy = f' yn syth ar ôl "{_shown(context, 24)}"' if context else " ar ddechrau'r llinell"
    return Problem(
        path,
        line,
        INVISIBLE_CHARACTER,
        f"an invisible character, {code} {name}, is in the text{where}: {effect}",
        f"Delete it: put the cursor{where} and press Delete once (or retype the words around it). It often comes with text pasted from another program.",
        column=column,
        message_cy=f"mae nod anweledig, {code} {name}, yn y testun{where_cy}: {effect_cy}",
        hint_cy=f"Dilëwch ef: rhowch y cyrchwr{where_cy} a gwasgwch Delete unwaith (neu teipiwch y geiriau o'i gwmpas eto). Mae'n aml yn dod gyda thestun a gludwyd o raglen arall.",
    )


# ---------------------------------------------------------------------------------------------
# Symbolic links

LINK_FOLDERS = ("content", "data", "overrides")


def symlink_problems(root: Path) -> list[Problem]:
    """Every symbolic link in content/, data/ and overrides/, without following any.

    The link's target is named (os.readlink) but never opened.
    """
    root = Path(root)
    repository = os.path.realpath(root)
    problems = []
    for folder in LINK_FOLDERS:
        top = root / folder
        if os.path.islink(top):
            problems.append(_symlink_problem(root, repository, top))
            continue
        if not top.is_dir():
            continue
        for here, folders, files in os.walk(top, followlinks=False):
            for name in sorted(folders + files):
                entry = Path(here, name)
                if os.path.islink(entry):
                    problems.append(_symlink_problem(root, repository, entry))
    return sorted(problems, key=_order)


def _symlink_problem(root: Path, repository: str, link: Path) -> Problem:
    target = os.readlink(link)
    resolved = os.path.realpath(link)
    inside = resolved == repository or resolved.startswith(repository.rstrip(os.sep) + os.sep)
    if not inside:
        where = "which is outside the repository"
    elif not os.path.lexists(resolved):
        where = "which does not exist (a broken link)"
    else:
        where = "inside the repository"
    kind = "a folder" if os.path.isdir(link) else "a file"
    where_cy = {
        "which is outside the repository": "sydd y tu allan i'r ystorfa",
        "which does not exist (a broken link)": "nad yw'n bodoli (dolen wedi torri)",
        "inside the repository": "sydd y tu mewn i'r ystorfa",
    }[where]
    kind_cy = "ffolder" if os.path.isdir(link) else "ffeil"
    return Problem(
        link.relative_to(root).as_posix(),
        None,
        SYMLINK,
        f'this is a link to "{target}", {where}, not {kind} of its own: the site publishes only real files',
        "Replace the link with the real file (or folder): copy the file itself here, or delete the link.",
        message_cy=f'mae hon yn ddolen at "{target}", {where_cy}, nid yn {kind_cy} go iawn: dim ond ffeiliau go iawn y mae\'r wefan yn eu cyhoeddi',
        hint_cy="Rhowch y ffeil (neu'r ffolder) go iawn yn lle'r ddolen: copïwch y ffeil ei hun yma, neu dilëwch y ddolen.",
    )


# ---------------------------------------------------------------------------------------------
# The whole site


def site_problems(root: Path) -> list[Problem]:
    """Active content and invisible characters in every page, invisible characters in every data
    file, and symbolic links; sorted. Files that are links, are not regular files, cannot be
    read or are not UTF-8 are skipped (the links are reported here, the rest by other checks)."""
    root = Path(root)
    problems = symlink_problems(root)
    for path, text in _texts(root, "content", (".md",)):
        problems += active_content_problems(text, path)
        problems += _invisible(text, path, 1, controls=True)
    for path, text in _texts(root, "data", (".yml", ".yaml")):
        problems += _invisible(text, path, 1, controls=False)
    return sorted(problems, key=_order)


def _texts(root: Path, folder: str, suffixes: tuple[str, ...]):
    top = root / folder
    if os.path.islink(top) or not top.is_dir():
        return
    for here, folders, files in os.walk(top, followlinks=False):
        folders.sort()
        for name in sorted(files):
            if not name.endswith(suffixes):
                continue
            full = os.path.join(here, name)
            try:
                if not stat.S_ISREG(os.lstat(full).st_mode):
                    continue  # a link (reported), a pipe or a device: never opened
                with open(full, "rb") as file:
                    text = file.read().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            yield Path(full).relative_to(root).as_posix(), text


def _order(problem: Problem):
    return (problem.path, problem.line or 0, problem.column or 0, problem.rule, problem.message)
