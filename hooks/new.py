"""Scaffolding: start a new plan or page in both languages.

    python -m hooks.new plan --cluster upper-valleys --year 2023-24
    python -m hooks.new page guides/reading-a-plan.md

Creates the files with every required field and "[TO DO: ...]" placeholders, which the
build refuses until they are filled. Never overwrites an existing file.

What is typed is checked before anything is read or written: the year must be an ASCII
YYYY-YY whose second part is the next year (2024-25), and the cluster one of data/clusters.yml.
Texts from data/clusters.yml go into the new files through the templates' filters: `yaml` (a
valid YAML double-quoted scalar), `yaml_comment` (one line) and `markdown` (shown as text,
never as Markdown or HTML).
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import re
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from hooks import files
from hooks.commands import command
from hooks.model import plan_data
from hooks.problems import MESSAGE_LANGUAGES, ContentError, in_language, message_language

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates" / "new"
YEAR = re.compile(r"([0-9]{4})-([0-9]{2})", re.ASCII)  # used with fullmatch: no trailing line break
PAGE = re.compile(r"[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*\.md", re.ASCII)


class Refusal(Exception):
    """A mistake in the command: say what and how to fix it (in English, and in Welsh: message_cy), write nothing."""

    def __init__(self, message: str, message_cy: str = ""):
        self.args = (message,)  # what str() gives: the English
        self.message_cy = message_cy


_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]+")
_NOT_YAML_PRINTABLE = re.compile(r"[\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")  # JSON leaves them, YAML refuses them raw
# Markdown punctuation that can start something inside a line: emphasis, code, a link or image
# ([ and ]), an attribute list ({ }), a heading's closing #s. Hyphens, stops and brackets only
# matter at the start of a line or after "]", so "Castell-nedd" stays as it is written.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]#])")


def yaml_string(value) -> str:
    """A text as a YAML double-quoted scalar: a JSON string is one, once the few characters YAML
    will not take raw are escaped too. Quotes, backslashes, colons, # and line breaks stay text."""
    quoted = json.dumps(str(value), ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)


def yaml_comment(value) -> str:
    """A text on one line, for a YAML comment: a line break would end the comment."""
    return _LINE_BREAKS.sub(" ", str(value))


def markdown_text(value) -> str:
    """A text shown as it is in a Markdown page: on one line, HTML characters as entities and
    Markdown punctuation escaped, so it can make no link, element, attribute list or emphasis."""
    text = html.escape(_LINE_BREAKS.sub(" ", str(value)), quote=False)
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    environment.filters.update(yaml=yaml_string, yaml_comment=yaml_comment, markdown=markdown_text)
    return environment


def _shown(value: str) -> str:
    """What was typed, quoted, with any line break or invisible character written out (\\n)."""
    return repr(value)


def _refuse_existing(root: Path, paths) -> None:
    existing = [path for path in paths if (root / path).exists()]
    if existing:
        raise Refusal(
            "nothing was written, because these files already exist: " + ", ".join(existing) + ". Edit them instead, or choose another name.",
            "ni ysgrifennwyd dim, oherwydd mae'r ffeiliau hyn yn bodoli eisoes: " + ", ".join(existing) + ". Golygwch nhw yn lle hynny, neu dewiswch enw arall.",
        )


def _write_all(root: Path, outputs: dict) -> list:
    _refuse_existing(root, outputs)
    written = []
    try:
        for path, text in outputs.items():
            files.write_new(root / path, text)
            written.append(path)
    except files.FileExists as error:
        for path in written:  # leave nothing half-made
            (root / path).unlink()
        raise Refusal(f"nothing was written: {error.path} appeared while writing", f"ni ysgrifennwyd dim: ymddangosodd {error.path} tra oedd y ffeiliau'n cael eu hysgrifennu") from None
    return written


def check_year(year: str) -> str:
    """The financial year as typed, if it is one: YYYY-YY in ASCII digits, the second part the next year."""
    match = YEAR.fullmatch(year)
    if not match:
        raise Refusal(
            f"{_shown(year)} is not a financial year: write it as YYYY-YY with the digits 0 to 9, for example 2024-25",
            f"nid yw {_shown(year)} yn flwyddyn ariannol: ysgrifennwch hi ar y ffurf BBBB-BB gyda'r digidau 0 i 9, er enghraifft 2024-25",
        )
    if int(match[2]) != (int(match[1]) + 1) % 100:
        following = f"{(int(match[1]) + 1) % 100:02d}"
        raise Refusal(
            f"{_shown(year)} is not a financial year: the part after the hyphen must be the next year, {match[1]}-{following}",
            f"nid yw {_shown(year)} yn flwyddyn ariannol: rhaid i'r rhan ar ôl y cysylltnod fod y flwyddyn nesaf, {match[1]}-{following}",
        )
    return year


def new_plan(root: Path, cluster_id: str, year: str, today: datetime.date) -> list:
    check_year(year)
    try:
        known = {c.id: c for c in plan_data.load_clusters(root)}
    except ContentError as error:
        raise Refusal(
            "data/clusters.yml has problems; fix them first:\n" + str(error),
            "mae problemau yn data/clusters.yml; cywirwch nhw yn gyntaf:\n" + "\n".join(problem.as_text("cy") for problem in error.problems),
        ) from None
    if cluster_id not in known:  # checked before the id is used in a path
        raise Refusal(
            f"there is no cluster {_shown(cluster_id)} in data/clusters.yml; use one of: " + ", ".join(known),
            f"nid oes clwstwr {_shown(cluster_id)} yn data/clusters.yml; defnyddiwch un o'r rhain: " + ", ".join(known),
        )
    cluster = known[cluster_id]
    targets = [f"data/plans/{cluster.id}/{year}.yml", f"content/en/clusters/{cluster.id}/{year}.md", f"content/cy/clusters/{cluster.id}/{year}.md"]
    _refuse_existing(root, targets)
    context = {
        "cluster": {"id": cluster.id, "title": {"en": cluster.title.en, "cy": cluster.title.cy}},
        "year": year,
        "year_label": year.replace("-", "/"),
        "plan_id": f"{cluster_id}/{year}",
        "today": today.isoformat(),
    }
    environment = _environment()
    templates = ["cluster-plan.yml.jinja", "cluster-plan.en.md.jinja", "cluster-plan.cy.md.jinja"]
    return _write_all(root, {path: environment.get_template(name).render(context) for path, name in zip(targets, templates)})


def new_page(root: Path, page: str) -> list:
    page = page.strip().removeprefix("content/en/").removeprefix("content/cy/")
    if not PAGE.fullmatch(page):
        raise Refusal(
            f"{_shown(page)} is not a page path: use lower-case words and hyphens ending in .md, for example guides/reading-a-plan.md",
            f"nid yw {_shown(page)} yn llwybr tudalen: defnyddiwch eiriau mewn llythrennau bach, a chysylltnodau, gan orffen â .md, er enghraifft guides/reading-a-plan.md",
        )
    environment = _environment()
    return _write_all(root, {
        f"content/en/{page}": environment.get_template("page.en.md.jinja").render(),
        f"content/cy/{page}": environment.get_template("page.cy.md.jinja").render(),
    })


def main(argv: list | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(prog=command("hooks.new"), description="Start a new plan or page, in English and Welsh.")
    parser.add_argument("--language", choices=MESSAGE_LANGUAGES, default=None, help="the language of the messages: en, cy or both (Welsh, then English); default: PLAN_SITE_LANGUAGE, else en")
    commands = parser.add_subparsers(dest="command", required=True)
    plan = commands.add_parser("plan", help="a cluster's plan for a financial year")
    plan.add_argument("--cluster", required=True, help="the cluster's id, as in data/clusters.yml")
    plan.add_argument("--year", required=True, help="the financial year, YYYY-YY")
    page = commands.add_parser("page", help="an English and Welsh page pair")
    page.add_argument("path", help="the page's path inside content/en/ (and content/cy/)")
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as exit:
        return 2 if exit.code else 0
    language = message_language(arguments.language)

    def say(en: str, cy: str) -> str:
        return f"{cy} · {en}" if language == "both" else in_language(language, en, cy)  # both: one line, Welsh first

    try:
        if arguments.command == "plan":
            written = new_plan(root, arguments.cluster, arguments.year, datetime.date.today())
        else:
            written = new_page(root, arguments.path)
    except Refusal as refusal:
        print(in_language(language, f"error: {refusal}", f"gwall: {refusal.message_cy or '(yn Saesneg yn unig) ' + str(refusal)}"), file=sys.stderr)
        return 1
    for path in written:
        print(say(f"created {path}", f"crëwyd {path}"))
    print(in_language(
        language,
        'Next: replace every "[TO DO: ...]" in these files, in both languages. The build refuses them until then.',
        'Nesaf: rhowch y testun cywir yn lle pob "[TO DO: ...]" yn y ffeiliau hyn, yn y ddwy iaith. Mae\'r broses adeiladu yn eu gwrthod tan hynny.',
    ))
    return 0


if __name__ == "__main__":
    sys.exit(main())
