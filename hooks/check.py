"""`python -m hooks.check`: every content check of the build, without building the site.

The same verdict as the strict build, by construction: both take the problems of one
publication (hooks/publication.py): the data read and validated, every page rendered, links,
anchors and navigation, and the translation gate.

Run from the repository root. Prints each problem as `path:line: rule-id: message` with a
one-line fix (or GitHub Actions annotations, or a JSON report, which holds both languages), in
English, Welsh or both (`--language en|cy|both`; default: the environment variable
PLAN_SITE_LANGUAGE when it is one of these, else English), and exits:
  0  no problem found;
  1  problems found;
  2  a usage error, or an internal error (a bug: please report it).
The rules are explained, with examples and fixes, in docs/translation-rules.md.
"""

from __future__ import annotations

import gc
import sys

if __name__ == "__main__":
    # The command is one short process. What it makes is either kept until it exits (the modules
    # it imports) or freed by reference counting as soon as it is done with (the publication,
    # once its problems are taken; hooks/publication.py pauses the collector while it is made).
    # Python's cycle collector would walk those objects again and again, while importing, once
    # more after the publication, and over everything at exit, and find almost nothing to free.
    # So it is off for the command, from its first import (see the end of this file); the
    # system takes the process's memory back at exit. Not so when main() is called from Python.
    gc.disable()

import argparse
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks.commands import command  # noqa: E402
from hooks.problems import MESSAGE_LANGUAGES, in_language, language_asked, message_language, report_json  # noqa: E402
from hooks import publication  # noqa: E402

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, its usage errors in the language of the messages (argparse's own words are English)."""

    language = "en"

    def error(self, message):
        self.print_usage(sys.stderr)
        print(in_language(
            self.language,
            f"{self.prog}: error: {message}",
            f"{self.prog}: gwall yn y gorchymyn (yng ngeiriau argparse, yn Saesneg): {message}",
        ), file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def _arguments(argv, language):
    def say(en, cy):
        return in_language(language, en, cy)

    parser = _Parser(
        prog=command("hooks.check"),
        description=say(
            "Check the site's content as the build does: the data, the pages, links, navigation and the translation gate.",
            "Gwirio cynnwys y wefan fel y mae'r adeiladu'n ei wneud: y data, y tudalennau, y dolenni, y llywio a'r gwiriad cyfieithu.",
        ),
        epilog=say(
            "Exit status: 0 clean, 1 problems found, 2 usage or internal error. Rules: docs/translation-rules.md",
            "Cod gadael: 0 dim problemau, 1 problemau wedi'u canfod, 2 gwall yn y gorchymyn neu wall mewnol. Y rheolau: docs/translation-rules.md",
        ),
    )
    parser.language = language
    parser.add_argument("--format", choices=("text", "github", "json"), default="text", help=say(
        "text for people (default), github for GitHub Actions annotations, json for tools",
        "text i bobl (y rhagosodiad), github ar gyfer anodiadau GitHub Actions, json ar gyfer offer",
    ))
    parser.add_argument("--language", choices=MESSAGE_LANGUAGES, default=language, help=say(
        "the language of the messages: en (English), cy (Welsh) or both (Welsh, then English); default: PLAN_SITE_LANGUAGE, else en",
        "iaith y negeseuon: cy (Cymraeg), en (Saesneg) neu both (Cymraeg, yna Saesneg); y rhagosodiad: PLAN_SITE_LANGUAGE, neu en",
    ))
    parser.add_argument("--root", default=".", help=say(
        "the repository root (default: the current folder)",
        "ffolder gwraidd yr ystorfa (y rhagosodiad: y ffolder presennol)",
    ))
    parser.add_argument("--debug", action="store_true", help=say(
        "show the traceback of an internal error",
        "dangos olrhain (traceback) gwall mewnol",
    ))
    return parser.parse_args(argv)


def summary(count: int, elapsed: float, language: str) -> str:
    """The last line: how many problems, and how long the check took."""
    english = (f"{count} content problem{'s' if count != 1 else ''} found" if count else "No content problems found") + f" ({elapsed:.2f} s)."
    # The count is given after a colon, so the Welsh needs no mutation or plural after a numeral.
    welsh = (f"Problemau yn y cynnwys: {count}" if count else "Ni chafwyd problemau yn y cynnwys") + f" ({elapsed:.2f} eiliad)."
    return in_language(language, english, welsh)


def main(argv=None) -> int:
    asked = language_asked(argv)
    language = message_language(asked if asked in MESSAGE_LANGUAGES else None)
    try:
        arguments = _arguments(argv, language)
    except SystemExit as exit:  # argparse has printed the usage error
        return EXIT_CLEAN if exit.code == 0 else EXIT_ERROR
    language = arguments.language
    root = Path(arguments.root)
    if not (root / "content").is_dir() or not (root / "data").is_dir():
        print(in_language(
            language,
            f"python -m hooks.check: {root.resolve()} has no content/ and data/ folders: run it from the repository root, or give --root",
            f"python -m hooks.check: nid oes ffolderi content/ a data/ yn {root.resolve()}: rhedwch y gorchymyn o ffolder gwraidd yr ystorfa, neu rhowch --root",
        ), file=sys.stderr)
        return EXIT_ERROR
    started = time.perf_counter()
    try:
        problems = publication.problems_of(root)
    except Exception as error:  # a bug, not a content problem: content problems are always reported as problems
        print(in_language(
            language,
            f"python -m hooks.check: internal error: {type(error).__name__}: {error}",
            f"python -m hooks.check: gwall mewnol (yn Saesneg): {type(error).__name__}: {error}",
        ), file=sys.stderr)
        if arguments.debug:
            traceback.print_exc()
        else:
            print(in_language(
                language,
                "run again with --debug to see where, and please report it",
                "rhedwch y gorchymyn eto gyda --debug i weld ymhle, a rhowch wybod amdano, os gwelwch yn dda",
            ), file=sys.stderr)
        return EXIT_ERROR
    elapsed = time.perf_counter() - started
    if arguments.format == "json":
        print(report_json(problems))
    elif arguments.format == "github":
        for problem in problems:
            print(problem.as_github(language))
    else:
        for problem in problems:
            print(problem.as_text(language))
    if arguments.format != "json":
        print(summary(len(problems), elapsed, language), file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_CLEAN


if __name__ == "__main__":
    status = main()
    gc.freeze()  # what is still alive is left to the exit: the last collections would only walk it
    sys.exit(status)
