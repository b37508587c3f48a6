"""Render plan blocks for one language, and replace block markers in a page with them.

A marker is an HTML comment, invisible wherever the hook does not run (GitHub's preview,
an editor's preview):

    <!-- plan:action-plan upper-valleys/2022-23 -->
    <!-- plan:clusters -->

One table, BLOCKS, maps a marker's name to its template and the kind of plan it needs; an
unknown name, an unknown plan or a plan of the wrong kind is a problem naming the page and
line. Templates live in hooks/templates/ and Jinja2 escapes every text from the data, so a
text can never inject HTML. Headings are written as Markdown (so they reach the table of
contents) with Markdown's special characters escaped too.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from hooks.model import locales
from hooks.rendering import charts, open_data
from hooks.rendering import html_text
from hooks.rendering.markers import MARKER, Marker, find_markers  # noqa: F401 - Marker and find_markers are part of this module's interface
from hooks.model.plan_data import PAN_CLUSTER, UNFILLED, PlanData
from hooks.problems import ContentError, Problem
from hooks.model.texts import Figure, Text

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"



@dataclass(frozen=True)
class Block:
    """What a marker's name stands for: its template, the kind of plan it needs, the plan section it reads."""

    template: str
    plan_kind: str | None  # "cluster-plan", "pan-cluster-plan", "any", or None for a site-wide block
    section: str | None = None  # the section of the plan's data it shows; None: the plan as a whole, or no plan


# The one table of blocks: adding a block is a line here and its template in hooks/templates/.
BLOCKS = {
    # about any plan as a whole
    "plan-facts": Block("plan-facts.md.jinja", "any"),
    "downloads": Block("downloads.md.jinja", "any"),
    "about": Block("about.md.jinja", "any", "about"),
    # cluster plans
    "plan-on-a-page": Block("plan-on-a-page.md.jinja", "cluster-plan", "plan_on_a_page"),
    "forward-look": Block("paragraphs.md.jinja", "cluster-plan", "forward_look"),
    "swot": Block("swot.md.jinja", "cluster-plan", "swot"),
    "vision": Block("vision.md.jinja", "cluster-plan", "vision"),
    "strategic-background": Block("strategic-background.md.jinja", "cluster-plan", "strategic_background"),
    "needs": Block("needs.md.jinja", "cluster-plan", "needs"),
    "key-facts": Block("key-facts.md.jinja", "cluster-plan", "key_facts"),
    "action-plan": Block("action-plan.md.jinja", "cluster-plan", "action_plan"),
    "enablers": Block("enablers.md.jinja", "cluster-plan", "enablers"),
    "governance": Block("governance.md.jinja", "cluster-plan", "governance"),
    "assets": Block("assets.md.jinja", "cluster-plan", "assets"),
    "workforce": Block("workforce.md.jinja", "cluster-plan", "workforce"),
    "finance": Block("finance.md.jinja", "cluster-plan", "finance"),
    "risks": Block("risks.md.jinja", "cluster-plan", "risks"),
    # the Pan Cluster Plan
    "introduction": Block("paragraphs.md.jinja", "pan-cluster-plan", "introduction"),
    "priorities": Block("priorities.md.jinja", "pan-cluster-plan", "plan"),
    "next-steps": Block("paragraphs.md.jinja", "pan-cluster-plan", "next_steps"),
    "monitoring": Block("paragraphs.md.jinja", "pan-cluster-plan", "monitoring"),
    # site-wide
    "clusters": Block("clusters.md.jinja", None),
    "plans": Block("plans.md.jinja", None),
    "pan-cluster-plans": Block("pan-cluster-plans.md.jinja", None),
}

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


_LINE_BREAKS = re.compile(r"\r\n|[\r\n]")


def markdown_escape(text: str) -> Markup:
    """Text that Markdown shows as written, on one line (a heading, a table cell): HTML escaped,
    Markdown's specials backslashed, line breaks made spaces (a line break would end the heading
    and let the rest be read as Markdown of its own). A text made by english_in_welsh (Markup,
    escaped already) keeps its tags and character references; only its text is backslashed."""
    if isinstance(text, Markup):
        pieces = _TAG_OR_REFERENCE.split(_LINE_BREAKS.sub(" ", str(text)))
        return Markup("".join(piece if index % 2 else _MARKDOWN_SPECIALS.sub(r"\\\1", piece) for index, piece in enumerate(pieces)))
    return escape(_MARKDOWN_SPECIALS.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(text))))


class Renderer:
    """Renders blocks from the loaded plan data, in one language at a time."""

    def __init__(self, data: PlanData):
        self.data = data
        self.environment = Environment(
            loader=FileSystemLoader(TEMPLATE_DIR),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # a Renderer lives for one publication: its templates are read once, not checked again at every block
            # Jinja's optimizer folds expressions it can work out before rendering; in these
            # templates it finds none (their code is the same without it: tests/test_render.py),
            # and its pass over every template cost a fifth of compiling them, on every build.
            optimized=False,
        )
        self.environment.filters["md"] = markdown_escape
        self.environment.filters["plain"] = plain_text
        self.environment.filters["t"] = _text_filter
        self.environment.filters["ui"] = _interface_filter
        self._language_contexts = {locale: _language_context(data, locale) for locale in locales.LOCALES}

    # --- the page ----------------------------------------------------------------------------

    def render_page(self, markdown: str, locale: str, page_path: str, page_src: str) -> str:
        """Replace every marker of one page; raise ContentError naming the page and line of each bad marker.

        page_path is the page as people know it (content/cy/clusters/index.md); page_src is its
        path inside the language folder (clusters/index.md), from which links are made relative.
        """
        return self.render_with_lines(markdown, locale, page_path, page_src)[0]

    def render_with_lines(self, markdown: str, locale: str, page_path: str, page_src: str) -> tuple:
        """(the page rendered as render_page does, the page's line of each line of it: see _replace_markers)."""
        problems = []
        for number, line in enumerate(markdown.splitlines() if UNFILLED in markdown else (), 1):  # a page's lines read only if one is unfilled
            if UNFILLED in line:
                problems.append(Problem(
                    page_path, number, "placeholder-unfilled", "this line is still a placeholder", "replace the \"[TO DO: ...]\" text with the page's real text",
                    message_cy="testun dros dro yw'r llinell hon o hyd", hint_cy="rhowch destun go iawn y dudalen yn lle'r testun \"[TO DO: ...]\"",
                ))
        rendered = {}
        for marker in find_markers(markdown):
            try:
                rendered[marker.text, marker.line] = self.render_block(marker, locale, page_src)
            except _MarkerError as error:
                problems.append(Problem(page_path, marker.line, error.rule, error.message, error.hint, message_cy=error.message_cy, hint_cy=error.hint_cy))
        if problems:
            raise ContentError(problems)
        return _replace_markers(markdown, rendered)

    # --- one block ---------------------------------------------------------------------------

    def render_block(self, marker: Marker, locale: str, page_src: str) -> str:
        block = BLOCKS.get(marker.name)
        if block is None:
            known = ", ".join(f"plan:{name}" for name in BLOCKS)
            raise _MarkerError(
                "marker-unknown", f"unknown block marker 'plan:{marker.name}'", "use one of: " + known,
                f"nid yw 'plan:{marker.name}' yn farciwr bloc hysbys", "defnyddiwch un o'r rhain: " + known,
            )
        plan = None
        if block.plan_kind is None:
            if marker.args:
                raise _MarkerError(
                    "marker-arguments", f"the block 'plan:{marker.name}' takes no plan", f"write <!-- plan:{marker.name} -->",
                    f"nid yw'r bloc 'plan:{marker.name}' yn cymryd cynllun", f"ysgrifennwch <!-- plan:{marker.name} -->",
                )
        else:
            if len(marker.args) != 1:
                raise _MarkerError(
                    "marker-arguments", f"the block 'plan:{marker.name}' needs one plan, like upper-valleys/2022-23", f"write <!-- plan:{marker.name} PLAN -->, where PLAN is a cluster id and a year",
                    f"mae angen un cynllun ar y bloc 'plan:{marker.name}', fel upper-valleys/2022-23",
                    f"ysgrifennwch <!-- plan:{marker.name} CYNLLUN -->, lle mae CYNLLUN yn id clwstwr ac yn flwyddyn",
                )
            plan = self.data.plans.get(marker.args[0])
            if plan is None:
                raise _MarkerError(
                    "marker-unknown-plan", f"there is no plan '{marker.args[0]}' in data/plans/", "use one of: " + ", ".join(sorted(self.data.plans)),
                    f"nid oes cynllun '{marker.args[0]}' yn data/plans/", "defnyddiwch un o'r rhain: " + ", ".join(sorted(self.data.plans)),
                )
            if block.plan_kind != "any" and plan.kind != block.plan_kind:
                raise _MarkerError(
                    "marker-wrong-plan", f"the block 'plan:{marker.name}' is for a {block.plan_kind}, but {plan.id} is a {plan.kind}", "use this block on a page of the right kind of plan",
                    f"mae'r bloc 'plan:{marker.name}' ar gyfer {_KIND_CY.get(block.plan_kind, block.plan_kind)}, ond mae {plan.id} yn {_KIND_CY_AFTER_YN.get(plan.kind, plan.kind)}",
                    "defnyddiwch y bloc hwn ar dudalen o'r math cywir o gynllun",
                )
            section = block.section
            if section is not None and section not in plan.content:
                raise _MarkerError(
                    "marker-missing-data", f"the plan {plan.id} has no '{section}' section", f"add '{section}:' to data/plans/{plan.id}.yml, or remove the marker",
                    f"nid oes adran '{section}' yng nghynllun {plan.id}", f"ychwanegwch '{section}:' at data/plans/{plan.id}.yml, neu tynnwch y marciwr",
                )
        template = self.environment.get_template(block.template)
        return template.render(**self._context(locale, page_src, plan, marker.name)).strip("\n")

    def _context(self, locale: str, page_src: str, plan, name: str) -> dict:
        """What a block's template sees: the language's own (made once per Renderer: _language_context)
        and the page's, the plan's and the block's."""
        data = self.data

        def link(target_src: str) -> str:
            """A Markdown link target to another page, relative to this one (MkDocs checks it)."""
            return posixpath.relpath(target_src, posixpath.dirname(page_src) or ".")

        def site_file(path: str) -> str:
            """A link to a file of the built site (not a page), relative to this page's address."""
            stem = page_src[: -len(".md")]
            folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
            depth = len([part for part in folder.split("/") if part])
            return "../" * depth + path

        section = BLOCKS[name].section
        return {
            **(self._language_contexts.get(locale) or _language_context(data, locale)),
            "ui": lambda key: _interface_text(data, key, locale, name),
            "link": link,
            "site_file": site_file,
            "plan": plan,
            "content": plan.content if plan else None,
            "section": plan.content.get(section) if plan and section else None,
            "block": name,
        }


def _language_context(data: PlanData, locale: str) -> dict:
    """What every block's template sees in one language, whatever its page, plan and block: the
    same functions for all of them, so made once (per Renderer) rather than for every block."""

    def money(value) -> str:
        return Figure("money", value).render(locale)

    def number(value) -> str:
        return Figure("number", value).render(locale)

    def figure(value) -> str:
        return Figure.from_data(value).render(locale)

    return {
        "locale": locale,
        "t": lambda text: _text(text, locale),
        "open_data": open_data,
        "charts": charts,
        "money": money,
        "number": number,
        "figure": figure,
        "data": data,
        "PAN_CLUSTER": PAN_CLUSTER,
        "locales": locales,
    }


# The filters `t` and `ui` of every template: `{{ goal.goal | t }}` is a text of the data in the
# block's language, `{{ "goal" | ui }}` a text of data/interface.yml. They are filters, not
# functions in the context, because Jinja calls a filter directly and a function through
# Context.call, whose checks cost a third of a plan page's rendering. The context still has
# `t` and `ui` as functions, for the Python code a template hands them to (charts).


def _text(text, locale: str) -> str:
    """A text of the data (a Text, or an entry {text: Text, ...}) in one language (english_in_welsh)."""
    if not isinstance(text, Text):
        text = _text_of_entry(text)
    written = text.as_written(locale)  # most texts, as english_in_welsh gives them, without its call
    return written if written is not None else _with_english_spans(text, locale)


def _text_of_entry(entry) -> Text:
    """The Text of an entry {text: Text, ...}; anything else that is not a Text is a mistake of the template."""
    if isinstance(entry, dict) and "text" in entry:
        entry = entry["text"]
    if not isinstance(entry, Text):
        raise TypeError(f"expected a text, got {type(entry).__name__}")
    return entry


def _interface_text(data: PlanData, key: str, locale: str, block: str) -> str:
    """A text of data/interface.yml in one language; a missing one is a problem naming the block."""
    if key not in data.interface:
        raise _MarkerError(
            "interface-missing", f"data/interface.yml has no text '{key}', which the block 'plan:{block}' needs", f"add '{key}: {{en: \"...\", cy: \"...\"}}' to data/interface.yml",
            f"nid oes testun '{key}' yn data/interface.yml, ac mae ei angen ar y bloc 'plan:{block}'",
            f"ychwanegwch '{key}: {{en: \"...\", cy: \"...\"}}' at data/interface.yml",
        )
    text = data.interface[key]
    written = text.as_written(locale)  # most texts, as english_in_welsh gives them, without its call
    return written if written is not None else _with_english_spans(text, locale)


@pass_context
def _text_filter(context, text) -> str:
    return _text(text, context["locale"])


@pass_context
def _interface_filter(context, key: str) -> str:
    # The block's own `ui` (_context): the same text, found with one look in the context, not three.
    return context["ui"](key)


def _replace_markers(markdown: str, rendered: dict) -> tuple:
    """(markdown with each marker replaced by its block, the page's line of each line of the result).

    rendered maps (marker text, line) to the block's Markdown. A line of a block comes from
    its marker's line.
    """
    pieces, position, line = [], 0, 1  # (text, the page's line it starts on, whether it is a block)
    for match in MARKER.finditer(markdown):
        before = markdown[position : match.start()]
        pieces.append((before, line, False))
        line += before.count("\n")
        pieces.append((rendered[match.group(0), line], line, True))
        line += match.group(0).count("\n")
        position = match.end()
    pieces.append((markdown[position:], line, False))
    line_of = [1]
    for text, start, is_block in pieces:
        breaks = text.count("\n")
        line_of.extend([start] * breaks if is_block else range(start + 1, start + 1 + breaks))
    return "".join(text for text, _, _ in pieces), line_of


# A kind of plan in a Welsh message, its id beside it: as written ("ar gyfer cynllun clwstwr"), and
# after the predicative "yn", which softens it ("yn gynllun clwstwr").
_KIND_CY = {"cluster-plan": "cynllun clwstwr (cluster-plan)", "pan-cluster-plan": "cynllun pan-glwstwr (pan-cluster-plan)"}
_KIND_CY_AFTER_YN = {"cluster-plan": "gynllun clwstwr (cluster-plan)", "pan-cluster-plan": "gynllun pan-glwstwr (pan-cluster-plan)"}


class _MarkerError(Exception):
    def __init__(self, rule: str, message: str, hint: str, message_cy: str, hint_cy: str):
        self.rule, self.message, self.hint = rule, message, hint
        self.message_cy, self.hint_cy = message_cy, hint_cy


# --- Names in the other language ---------------------------------------------------------------

_RAW_TEXT_ELEMENTS = ("script", "style", "code", "pre", "title", "textarea")
_RAW_TEXT_OR_SPAN = html_text.tag_names(_RAW_TEXT_ELEMENTS + ("span",))  # the tags that may matter (and a few more)
_TAG_OR_REFERENCE = re.compile(r"(<[^>]*>|&#?[A-Za-z0-9]+;)")
ENGLISH_SPAN = '<span lang="en">'


def english_in_welsh(text: Text, locale: str):
    """A data text for a page: the English phrases a Welsh text marks [[like this]]
    (hooks/model/texts.py) each in a <span lang="en">, so that a screen reader reads them in
    English. The span is made here, every piece of the text escaped; a text without marks
    comes back as the plain str it always was (Jinja escapes it)."""
    written = text.as_written(locale)
    return written if written is not None else _with_english_spans(text, locale)  # most texts: as written


def _with_english_spans(text: Text, locale: str):
    """english_in_welsh of a text not shown as written (a figure, a brace or an English mark in it)."""
    parts = text.parts(locale)
    if len(parts) == 1 and not parts[0][1]:  # one piece, no English in it
        return parts[0][0]
    if not any(english for _, english in parts):
        return "".join(piece for piece, _ in parts)
    return Markup("").join(Markup(ENGLISH_SPAN + "{}</span>").format(piece) if english else escape(piece) for piece, english in parts)


def plain_text(value) -> str:
    """A text for an attribute (aria-label): english_in_welsh's spans taken off (the filter `plain`)."""
    return value.striptags() if isinstance(value, Markup) else value


def mark_english_names(html: str, names: list) -> str:
    """Wrap each English name in the text of a Welsh page's HTML in <span lang="en">.

    Only text between tags is touched (never an attribute), and never inside script, style,
    code or pre, nor inside a phrase already marked English (english_in_welsh's span). Screen
    readers then pronounce "My Health Online" in English on a Welsh page. The pieces of text
    are found from the names (html_text.mark_pieces): the same marks as going over every tag.
    """
    if not names:
        return html
    # Never next to a letter, a digit or a hyphen; never "<", ">" or ";" (html_text's condition).
    pattern = html_text.words_pattern([str(escape(name)) for name in names], r"\w-", r"(?![\w-])")
    return html_text.mark_pieces(html, pattern, lambda piece: pattern.sub(r'<span lang="en">\1</span>', piece), _not_for_names(html))


def _not_for_names(html: str) -> list:
    """The stretches (start, end) of html where no name is marked: raw text (script, style, code,
    pre...) and a phrase already marked English; only the tags that may matter are read, each as before."""
    stretches, opened = [], None
    skipping = None
    english_spans = 0  # how deep inside a <span lang="en"> (the spans within it counted too)
    for start, part in html_text.tags(html, _RAW_TEXT_OR_SPAN):
        name = part[1:].lstrip("/").split(None, 1)[0].split(">")[0].lower() if len(part) > 2 else ""
        if skipping is None and not part.startswith("</") and name in _RAW_TEXT_ELEMENTS:
            skipping = name
        elif skipping is not None and part.startswith("</") and name == skipping:
            skipping = None
        elif name == "span" and (english_spans or part == ENGLISH_SPAN):
            english_spans += -1 if part.startswith("</") else 0 if part.endswith("/>") else 1
        marked = skipping is None and not english_spans
        if opened is None and not marked:
            opened = start
        elif opened is not None and marked:
            stretches.append((opened, start + len(part)))
            opened = None
    if opened is not None:
        stretches.append((opened, len(html) + 1))
    return stretches
