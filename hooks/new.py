"""Scaffolding: start a new plan or page in both languages.

    python -m hooks.new plan --cluster upper-valleys --year 2023-24
    python -m hooks.new page guides/reading-a-plan.md

Creates the files with every required field and "[TO DO: ...]" placeholders, which the
build refuses until they are filled. Never overwrites an existing file.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from hooks import files, plan_data
from hooks.problems import ContentError

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates" / "new"
YEAR = re.compile(r"^(\d{4})-(\d{2})$")
PAGE = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*\.md$")


class Refusal(Exception):
    """A mistake in the command: say what and how to fix it, write nothing."""


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, keep_trailing_newline=True)


def _refuse_existing(root: Path, paths) -> None:
    existing = [path for path in paths if (root / path).exists()]
    if existing:
        raise Refusal("nothing was written, because these files already exist: " + ", ".join(existing) + ". Edit them instead, or choose another name.")


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
        raise Refusal(f"nothing was written: {error.path} appeared while writing") from None
    return written


def new_plan(root: Path, cluster_id: str, year: str, today: datetime.date) -> list:
    match = YEAR.match(year)
    if not match or int(match[2]) != (int(match[1]) + 1) % 100:
        raise Refusal(f"'{year}' is not a financial year: write it as YYYY-YY, for example 2023-24")
    targets = [f"data/plans/{cluster_id}/{year}.yml", f"content/en/clusters/{cluster_id}/{year}.md", f"content/cy/clusters/{cluster_id}/{year}.md"]
    _refuse_existing(root, targets)
    try:
        known = {c.id: c for c in plan_data.load_clusters(root)}
    except ContentError as error:
        raise Refusal("data/clusters.yml has problems; fix them first:\n" + str(error)) from None
    if cluster_id not in known:
        raise Refusal(f"there is no cluster '{cluster_id}'; use one of: " + ", ".join(known))
    cluster = known[cluster_id]
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
    if not PAGE.match(page):
        raise Refusal(f"'{page}' is not a page path: use lower-case words and hyphens ending in .md, for example guides/reading-a-plan.md")
    environment = _environment()
    return _write_all(root, {
        f"content/en/{page}": environment.get_template("page.en.md.jinja").render(),
        f"content/cy/{page}": environment.get_template("page.cy.md.jinja").render(),
    })


def main(argv: list | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.new", description="Start a new plan or page, in English and Welsh.")
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
    try:
        if arguments.command == "plan":
            written = new_plan(root, arguments.cluster, arguments.year, datetime.date.today())
        else:
            written = new_page(root, arguments.path)
    except Refusal as refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 1
    for path in written:
        print(f"created {path}")
    print('Next: replace every "[TO DO: ...]" in these files, in both languages. The build refuses them until then.')
    return 0


if __name__ == "__main__":
    sys.exit(main())
