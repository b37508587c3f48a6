"""`python -m hooks.check`: every content check of the build, without building the site.

The same verdict as the strict build, by construction: both take the problems of one
publication (hooks/publication.py): the data read and validated, every page rendered, links,
anchors and navigation, and the translation gate.

Run from the repository root. Prints each problem as `path:line: rule-id: message` with a
one-line fix (or GitHub Actions annotations, or a JSON report), and exits:
  0  no problem found;
  1  problems found;
  2  a usage error, or an internal error (a bug: please report it).
The rules are explained, with examples and fixes, in docs/translation-rules.md.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks.commands import command  # noqa: E402
from hooks.problems import report_json  # noqa: E402
from hooks import publication  # noqa: E402

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def _arguments(argv):
    parser = argparse.ArgumentParser(
        prog=command("hooks.check"),
        description="Check the site's content as the build does: the data, the pages, links, navigation and the translation gate.",
        epilog="Exit status: 0 clean, 1 problems found, 2 usage or internal error. Rules: docs/translation-rules.md",
    )
    parser.add_argument("--format", choices=("text", "github", "json"), default="text", help="text for people (default), github for GitHub Actions annotations, json for tools")
    parser.add_argument("--root", default=".", help="the repository root (default: the current folder)")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    try:
        arguments = _arguments(argv)
    except SystemExit as exit:  # argparse has printed the usage error
        return EXIT_CLEAN if exit.code == 0 else EXIT_ERROR
    root = Path(arguments.root)
    if not (root / "content").is_dir() or not (root / "data").is_dir():
        print(f"python -m hooks.check: {root.resolve()} has no content/ and data/ folders: run it from the repository root, or give --root", file=sys.stderr)
        return EXIT_ERROR
    started = time.perf_counter()
    try:
        problems = publication.problems_of(root)
    except Exception as error:  # a bug, not a content problem: content problems are always reported as problems
        print(f"python -m hooks.check: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        if arguments.debug:
            traceback.print_exc()
        else:
            print("run again with --debug to see where, and please report it", file=sys.stderr)
        return EXIT_ERROR
    elapsed = time.perf_counter() - started
    if arguments.format == "json":
        print(report_json(problems))
    elif arguments.format == "github":
        for problem in problems:
            print(problem.as_github())
    else:
        for problem in problems:
            print(problem.as_text())
    count = len(problems)
    summary = f"{count} content problem{'s' if count != 1 else ''} found" if count else "No content problems found"
    if arguments.format != "json":
        print(f"{summary} ({elapsed:.2f} s).", file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
