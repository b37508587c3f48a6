"""`python -m hooks.pull_request --base REV`: what a pull request's check does, apart from GitHub's own steps.

Run in a checkout of the pull request's branch, from the repository's folder (or give --root),
with the commit the pull request is compared with (its base, usually the tip of main):

  1. finds the Welsh texts to record as up to date:
     - each text whose English changed since it was recorded (or that was never recorded)
       and whose Welsh was revised in this pull request: its Welsh now is none of the Welsh
       texts of the same file at the base commit (so a text that only moved is not revised);
     - each text acknowledged by an entry that this pull request adds to
       data/welsh-unchanged.yml (an English correction that needs no Welsh change), when the
       entry names the English there is now. Entries already at the base commit are a record
       and are never acted on again: an old entry cannot silence a later English change.
     A stale text whose Welsh was not revised and that no new entry acknowledges is not
     recorded: it blocks, and the comment says which Welsh to revise.
     The base commit is read with git (git archive, git show) into a temporary folder; the
     working tree is never touched, apart from the fingerprint file;
  2. records them in data/translation-fingerprints.txt (the mark-fresh code: all at once)
     and, with --commit, commits that file alone, as the check's bot;
  3. takes the one content verdict (hooks.publication.problems_of) on the result;
  4. with --comment FILE, writes the pull request's comment (Markdown, Welsh then English):
     every problem by file, with its line (a link to it when GITHUB_SERVER_URL,
     GITHUB_REPOSITORY and the branch are known) and how to fix it in the browser; what was
     recorded and committed; the preview's address (--preview-url), or, with --fork, that a
     pull request from a fork gets no preview and that a maintainer runs this command;
  5. exits 0 only when the pull request can be merged: no problem, and every record made is
     committed; 1 when it cannot; 2 for a usage error (no git, an unknown base commit).

tools/pull-request.sh sets up the project's Python, then runs this; the pull request workflow
(.github/workflows/pull-request.yml) runs it, pushes the commit and posts the comment.

Environment read for the links: GITHUB_SERVER_URL (https://github.com), GITHUB_REPOSITORY
(owner/name), PULL_REQUEST_HEAD_REPOSITORY (the branch's repository, for a fork; default
GITHUB_REPOSITORY) and PULL_REQUEST_HEAD_REF (the branch; default GITHUB_HEAD_REF).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import commands, publication, translations  # noqa: E402
from hooks.checks import fingerprints  # noqa: E402
from hooks.checks.fingerprints import NOT_RECORDED, STALE, Store  # noqa: E402
from hooks.checks.translation_checks import read_corpus, welsh_text_to_revise, welsh_text_to_revise_cy  # noqa: E402
from hooks.problems import MESSAGE_LANGUAGES, Problem, in_language, message_language  # noqa: E402

EXIT_MERGEABLE, EXIT_BLOCKED, EXIT_USAGE = 0, 1, 2

# The first line of the comment: the workflow finds the comment by it and updates it in place.
MARKER = "<!-- plan-site:pull-request-check -->"

# The identity of the check's commit (GitHub's own bot account for GITHUB_TOKEN's pushes).
BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"

REVISED, ACKNOWLEDGED = "revised", "acknowledged"
FRESHNESS_RULES = ("translation-stale", "translation-unrecorded")


class UsageError(Exception):
    """A usage error: its English (str), and its Welsh (message_cy) for the Welsh messages."""

    def __init__(self, message: str, message_cy: str = ""):
        self.args = (message,)  # what str() gives: the English
        self.message_cy = message_cy


@dataclass(frozen=True)
class Recording:
    key: str
    why: str  # REVISED or ACKNOWLEDGED
    where: str  # the Welsh, for people
    reason: str = ""  # an acknowledgement's reason
    where_cy: str = ""  # the Welsh, for people, said in Welsh


@dataclass
class Result:
    head: str  # the commit checked (before the check's own commit)
    base: str
    recorded: list = field(default_factory=list)  # of Recording
    commit: str | None = None  # the check's commit, with --commit
    problems: list = field(default_factory=list)  # the verdict, and the new entries' problems
    units: dict = field(default_factory=dict)  # (Welsh path, line) -> a unit not up to date, after recording

    @property
    def mergeable(self) -> bool:
        return not self.problems and (not self.recorded or self.commit is not None)


# --- git --------------------------------------------------------------------------------------


def _git(root: Path, *arguments: str, check: bool = True, binary: bool = False) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, text=not binary)
    except OSError as error:
        raise UsageError(
            f"git cannot be run ({error.strerror}): this command needs git, in a checkout of the pull request's branch",
            f"nid oes modd rhedeg git (neges y system: {error.strerror}): mae angen git ar y gorchymyn hwn, mewn copi o gangen y cais tynnu",
        ) from None
    if check and result.returncode != 0:
        error = result.stderr.decode("utf-8", "replace") if binary else result.stderr
        raise UsageError(f"git {arguments[0]} failed: {error.strip()}", f"methodd git {arguments[0]} (neges git: {error.strip()})")
    return result


def resolve(root: Path, revision: str) -> str:
    if revision.startswith("-"):
        raise UsageError(f"'{revision}' is not a commit", f"nid yw '{revision}' yn ymrwymiad (commit)")
    result = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}", check=False)
    if result.returncode != 0:
        raise UsageError(
            f"the base commit '{revision}' is not in this clone: fetch it (for example: git fetch origin main), or check out the branch with its history (fetch-depth: 0)",
            f"nid yw'r ymrwymiad sylfaen '{revision}' yn y copi hwn o'r ystorfa: nôlwch ef (er enghraifft: git fetch origin main), neu gwnewch gopi o'r gangen gyda'i hanes (fetch-depth: 0)",
        )
    return result.stdout.strip()


@contextlib.contextmanager
def base_tree(root: Path, base: str):
    """A temporary folder holding content/ and data/ as they are at the base commit (git archive)."""
    with tempfile.TemporaryDirectory(prefix="pull-request-base-") as folder:
        present = [name for name in ("content", "data") if _git(root, "cat-file", "-e", f"{base}:{name}", check=False).returncode == 0]
        if present:
            archive = _git(root, "archive", "--format=tar", base, "--", *present, binary=True)
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(folder, filter="data")
        yield Path(folder)


def file_at(root: Path, base: str, path: str) -> str | None:
    result = _git(root, "show", f"{base}:{path}", check=False, binary=True)
    return result.stdout.decode("utf-8-sig", "replace") if result.returncode == 0 else None


# --- What to record ---------------------------------------------------------------------------


def find_recordings(root: Path, base: str) -> tuple:
    """(the units to record, each with a Recording; the problems of the entries this pull request adds)."""
    corpus = read_corpus(root)
    store = Store.read(root)
    pairs = fingerprints.pairs_of(store)
    with base_tree(root, base) as folder:
        base_units = read_corpus(folder).units()
    base_welsh = defaultdict(set)
    for unit in base_units:
        if unit.cy is not None and unit.cy.strip():
            base_welsh[unit.file].add(unit.cy_fingerprint)
    chosen, problems = {}, []
    units = {unit.key: unit for unit in corpus.units()}
    for unit in units.values():
        state = fingerprints.freshness(unit, store, pairs).state
        if state not in (STALE, NOT_RECORDED):
            continue
        record = store.records.get(unit.key)
        unchanged_since_recorded = record is not None and record.cy == unit.cy_fingerprint
        if unit.cy_fingerprint not in base_welsh[unit.file] and not unchanged_since_recorded:
            chosen[unit.key] = (unit, Recording(unit.key, REVISED, welsh_text_to_revise(corpus, unit), where_cy=welsh_text_to_revise_cy(corpus, unit)))
    entries, _ = fingerprints.read_acknowledgements(root)
    base_text = file_at(root, base, fingerprints.ACKNOWLEDGEMENTS_PATH)
    old = Counter((e.text, e.english) for e in (fingerprints.read_acknowledgements(root, base_text)[0] if base_text is not None else []))
    for entry in entries:
        if old[entry.text, entry.english] > 0:
            old[entry.text, entry.english] -= 1  # at the base commit: a record, not acted on
            continue
        unit = units.get(entry.text)
        path = fingerprints.ACKNOWLEDGEMENTS_PATH
        if unit is None:
            problems.append(Problem(
                path, entry.line, "welsh-unchanged-place",
                f"this entry names '{entry.text}', which is not a Welsh text of the site (a page section such as content/cy/about.md#2, or a data text such as data/interface.yml#financial_year)",
                "copy the line the check prints for the stale text, or delete this entry",
                message_cy=f"mae'r cofnod hwn yn enwi '{entry.text}', nad yw'n destun Cymraeg ar y wefan (adran o dudalen, fel content/cy/about.md#2, neu destun data, fel data/interface.yml#financial_year)",
                hint_cy="copïwch y llinell y mae'r gwiriad yn ei hargraffu ar gyfer y testun sydd wedi dyddio, neu dilëwch y cofnod hwn",
            ))
            continue
        state = fingerprints.freshness(unit, store, pairs).state
        if state not in (STALE, NOT_RECORDED) or unit.key in chosen:
            continue  # up to date already, or its Welsh was revised: nothing to acknowledge
        if entry.english != unit.en_fingerprint:
            replacement = fingerprints.acknowledgement_entry(unit)
            problems.append(Problem(
                path, entry.line, "welsh-unchanged-outdated",
                f"this entry acknowledges an earlier version of the English of {entry.text}: the English has changed again since",
                f"check the Welsh against the English now; if it still needs no change, replace this entry with: {replacement}",
                # fersiwn is feminine: "fersiwn gynharach"
                message_cy=f"mae'r cofnod hwn yn cydnabod fersiwn gynharach o Saesneg {entry.text}: mae'r Saesneg wedi newid eto ers hynny",
                hint_cy=f"gwiriwch y Gymraeg yn erbyn y Saesneg fel y mae nawr; os nad oes angen ei newid o hyd, rhowch y cofnod hwn yn ei le: {replacement}",
            ))
            continue
        chosen[unit.key] = (unit, Recording(unit.key, ACKNOWLEDGED, welsh_text_to_revise(corpus, unit), entry.reason, welsh_text_to_revise_cy(corpus, unit)))
    return [recording for _, recording in chosen.values()], problems, corpus, store


def record(root: Path, corpus, store: Store, recordings: list) -> None:
    """Record the units in the fingerprint file, all at once, as `mark-fresh --welsh-unchanged KEY...` does."""
    keys = [recording.key for recording in recordings]
    with translations._one_at_a_time(root):
        translations.recover(root)
        recorded, messages = translations.mark_fresh(corpus, store, keys, False, welsh_unchanged=True)
    if sorted(recorded) != sorted(keys):
        raise UsageError("recording failed: " + "; ".join(messages), "methodd y cofnodi: " + "; ".join(getattr(m, "cy", "") or m for m in messages))


def commit_message(recordings: list) -> str:
    lines = [f"Record {len(recordings)} Welsh translation{'s' if len(recordings) != 1 else ''} as up to date", ""]
    lines.append(f"Recorded by the pull request's check ({commands.command('hooks.pull_request')}) in {fingerprints.STORE_PATH}:")
    for recording in recordings:
        why = "the Welsh was revised in this pull request" if recording.why == REVISED else f"acknowledged in {fingerprints.ACKNOWLEDGEMENTS_PATH}: {recording.reason}"
        lines.append(f"- {recording.key}: {why}")
    return "\n".join(lines) + "\n"


def make_commit(root: Path, recordings: list) -> str:
    path = fingerprints.STORE_PATH
    _git(root, "add", "--", path)
    _git(root, "-c", f"user.name={BOT_NAME}", "-c", f"user.email={BOT_EMAIL}", "commit", "--quiet", "--no-verify", "-m", commit_message(recordings), "--", path)
    return _git(root, "rev-parse", "HEAD").stdout.strip()


# --- The run ----------------------------------------------------------------------------------


def run(root: Path, base: str, commit: bool = False) -> Result:
    root = Path(root).resolve()
    if _git(root, "rev-parse", "--is-inside-work-tree", check=False).returncode != 0:
        raise UsageError(
            f"{root.name}: is not a git checkout: run this in a checkout of the pull request's branch",
            f"{root.name}: nid yw'n gopi git o'r ystorfa: rhedwch y gorchymyn hwn mewn copi o gangen y cais tynnu",
        )
    head = _git(root, "rev-parse", "HEAD").stdout.strip()
    base = resolve(root, base)
    if commit and _git(root, "status", "--porcelain", "--", fingerprints.STORE_PATH).stdout.strip():
        raise UsageError(
            f"{fingerprints.STORE_PATH} has changes that are not committed: commit or undo them first, then run this again",
            f"mae newidiadau yn {fingerprints.STORE_PATH} sydd heb eu hymrwymo: ymrwymwch neu dadwnewch nhw yn gyntaf, yna rhedwch y gorchymyn eto",
        )
    result = Result(head, base)
    recordings, entry_problems, corpus, store = find_recordings(root, base)
    if recordings and not store.problems:
        record(root, corpus, store, recordings)
        result.recorded = recordings
        if commit:
            result.commit = make_commit(root, recordings)
    result.problems = sorted(set(publication.problems_of(root)) | set(entry_problems))
    after = read_corpus(root)
    after_store = Store.read(root)
    pairs = fingerprints.pairs_of(after_store)
    result.units = {unit.cy_where: unit for unit in after.units() if fingerprints.freshness(unit, after_store, pairs).state in (STALE, NOT_RECORDED)}
    return result


# --- The comment ------------------------------------------------------------------------------


def _escape(text: str) -> str:
    """Text from the checks shown as it is: no Markdown, HTML or @mention in it takes effect."""
    text = html.escape(str(text), quote=False)
    text = re.sub(r"([\\`*_\[\]|~#])", r"\\\1", text)
    return text.replace("@", "&#64;")


@dataclass(frozen=True)
class Links:
    server: str
    repository: str
    branch: str

    @classmethod
    def from_environment(cls, environment=None) -> "Links | None":
        environment = os.environ if environment is None else environment
        server = environment.get("GITHUB_SERVER_URL", "").rstrip("/")
        repository = environment.get("PULL_REQUEST_HEAD_REPOSITORY") or environment.get("GITHUB_REPOSITORY", "")
        branch = environment.get("PULL_REQUEST_HEAD_REF") or environment.get("GITHUB_HEAD_REF", "")
        if not re.fullmatch(r"https://[A-Za-z0-9.-]+(:\d+)?", server) or not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository) or not branch:
            return None
        return cls(server, repository, branch)

    def _url(self, kind: str, path: str) -> str:
        return f"{self.server}/{self.repository}/{kind}/{quote(self.branch, safe='/')}/{quote(path)}"

    def line(self, path: str, line: int | None) -> str:
        return self._url("blob", path) + (f"#L{line}" if line else "")

    def edit(self, path: str) -> str:
        return self._url("edit", path)


def _where(path: str, line: int | None, links: Links | None) -> str:
    label = f"line {line} · llinell {line}" if line else "the whole file · y ffeil gyfan"
    if links is None:
        return label
    return f"[{label}]({links.line(path, line)}) · [✏️ edit · golygu]({links.edit(path)})"


ENGLISH_ONLY_CY = "(yn Saesneg yn unig)"  # where a check gives no Welsh yet, as hooks.problems says it


def _in_welsh(problem: Problem) -> tuple:
    """(what is wrong, how to fix it) in Welsh, the place in the data beside it; a check's English, said to be English, where it has no Welsh yet."""
    message = problem.message_cy or f"{ENGLISH_ONLY_CY} {problem.message}"
    if problem.field:
        message += f" (yn {problem.where_in_data('cy')})"
    hint = problem.hint_cy or (f"{ENGLISH_ONLY_CY} {problem.hint}" if problem.hint else "")
    return message, hint


def _in_english(problem: Problem) -> tuple:
    message = problem.message + (f" (at {problem.where_in_data()})" if problem.field else "")
    return message, problem.hint


def _explained(problem: Problem, unit, links: Links | None) -> list:
    """A problem under its line, as lines of Markdown: what is wrong and how to fix it, in Welsh, then in English.

    For a stale or unrecorded translation the fix is the browser's: revise the Welsh on the
    branch, or add the line shown (once, below both languages) to data/welsh-unchanged.yml.
    """
    welsh, welsh_fix = _in_welsh(problem)
    english, english_fix = _in_english(problem)
    if problem.rule in FRESHNESS_RULES and unit is not None:
        entry = fingerprints.acknowledgement_entry(unit)
        acknowledgements = fingerprints.ACKNOWLEDGEMENTS_PATH
        edit = f" ([✏️ golygu · edit]({links.edit(acknowledgements)}))" if links else ""
        return [
            f"  - **Cymraeg:** {_escape(welsh)}",
            "    - **Cywiro:** diwygiwch y Gymraeg hon fel ei bod yn cyfateb i'r Saesneg, a chadwch y newid ar y gangen hon; bydd y gwiriad yn ei chofnodi'n gyfredol.",
            f"    - Os nad oes angen newid y Gymraeg (er enghraifft, teipo wedi'i gywiro yn y Saesneg yn unig), ychwanegwch y llinell isod at ddiwedd `{acknowledgements}`{edit}, a rhowch y rheswm yn lle `[TO DO: ...]`.",
            f"  - **English:** {_escape(english)}",
            "    - **Fix:** revise this Welsh to match the English and commit it to this branch; the check then records it as up to date.",
            f"    - If the Welsh needs no change (for example, a typo corrected in the English only), add the line below at the end of `{acknowledgements}` and write the reason in place of `[TO DO: ...]`.",
            "  - Y llinell i'w hychwanegu · The line to add:",
            "",
            "    ```yaml",
            f"    {entry}",
            "    ```",
        ]
    lines = [f"  - **Cymraeg:** {_escape(welsh)}"]
    if welsh_fix:
        lines.append(f"    - **Cywiro:** {_escape(welsh_fix)}")
    lines.append(f"  - **English:** {_escape(english)}")
    if english_fix:
        lines.append(f"    - **Fix:** {_escape(english_fix)}")
    return lines


def comment(result: Result, links: Links | None = None, preview_url: str | None = None, fork: bool = False) -> str:
    """The pull request's comment (Markdown): Welsh first, then English; the marker on its first line."""
    out = [MARKER]
    count = len(result.problems)
    if result.mergeable:
        out += ["## ✅ Gellir cyfuno'r cais tynnu hwn · This pull request can be merged", ""]
        out += ["Mae'r cynnwys yn pasio pob gwiriad, yn Gymraeg ac yn Saesneg. Gall adolygydd ei gymeradwyo a'i gyfuno.", ""]
        out += ["The content passes every check, in Welsh and in English. A reviewer can approve and merge it.", ""]
    else:
        out += ["## ❌ Mae angen newid y cais tynnu hwn cyn ei gyfuno · This pull request needs changes before it can be merged", ""]
        if count:
            out += [
                f"Problemau i'w cywiro: {count}. Mae pob un isod, fesul ffeil, gyda'i llinell, beth sydd o'i le a sut i'w chywiro, yn Gymraeg ac yna yn Saesneg. Gallwch gywiro pob un yn y porwr: agorwch y ffeil drwy'r ddolen, dewiswch **golygu** (yr eicon pensil), a chadwch y newid ar yr un gangen (*Commit changes*). Bydd y gwiriad yn rhedeg eto ac yn diweddaru'r sylw hwn.",
                "",
                f"Problems to fix: {count}. Each is listed below by file, with its line, what is wrong and how to fix it, in Welsh and then in English. You can fix each one in the browser: open the file through the link, choose **edit** (the pencil icon), and commit the change to the same branch. The check runs again and updates this comment.",
                "",
            ]
    if result.problems:
        by_file = defaultdict(list)
        for problem in result.problems:
            by_file[problem.path].append(problem)
        for path in sorted(by_file):
            out += [f"### `{path}`", ""]
            for problem in by_file[path]:
                out.append(f"- **{_where(path, problem.line, links)}** — `{problem.rule}`")
                out += _explained(problem, result.units.get((problem.path, problem.line)), links)
            out.append("")
    out += _recorded(result, fork)
    if fork:
        again = commands.command("hooks.pull_request", "--base", result.base, "--commit")
        out += [
            "### Cais tynnu o fforc · A pull request from a fork",
            "",
            "Nid oes rhagolwg ar gyfer ceisiadau tynnu o fforc, ac ni all y gwiriad ymrwymo (*commit*) i'w cangen. Bydd un o gynhalwyr y wefan yn rhedeg y gorchymyn hwn ar gangen y cais tynnu, ar ei gyfrifiadur, ac yn gwthio'r ymrwymiad:",
            "",
            "Pull requests from forks get no preview, and the check cannot commit to their branch. A maintainer of the site runs this command on the pull request's branch, on their computer, and pushes the commit:",
            "",
            "```sh",
            again,
            "```",
            "",
        ]
    elif preview_url:
        out += ["### Rhagolwg · Preview", "", f"Rhagolwg o'r wefan fel y mae yn y cais tynnu hwn · The site as this pull request makes it: <{preview_url}>", ""]
    checked = result.commit or result.head
    out += ["---", f"<sub>Gwiriwyd · Checked: {checked[:12]} (sylfaen · base {result.base[:12]}) · {_escape(commands.command('hooks.pull_request', '--base', result.base[:12]))}</sub>", ""]
    return "\n".join(out)


def _recorded(result: Result, fork: bool) -> list:
    if not result.recorded:
        return []
    out = ["### Cofnodwyd yn gyfredol · Recorded as up to date", ""]
    for recording in result.recorded:
        if recording.why == REVISED:
            why_cy, why = "diwygiwyd y Gymraeg yn y cais tynnu hwn", "the Welsh was revised in this pull request"
        else:
            # the reason is a person's own words, in the language they wrote it in: shown once
            why_cy, why = f"cydnabuwyd yn `{fingerprints.ACKNOWLEDGEMENTS_PATH}`", f"acknowledged in `{fingerprints.ACKNOWLEDGEMENTS_PATH}`: {_escape(recording.reason)}"
        where_cy = _escape(recording.where_cy) + ": " if recording.where_cy else ""
        out.append(f"- `{recording.key}` — {where_cy}{why_cy} · {_escape(recording.where)}: {why}")
    out.append("")
    store = fingerprints.STORE_PATH
    if result.commit:
        out += [f"Ymrwymodd y gwiriad `{store}` i'r gangen ({result.commit[:12]}); nid oes angen i chi wneud dim. · The check committed `{store}` to the branch ({result.commit[:12]}); there is nothing for you to do.", ""]
    elif not fork:
        out += [f"Ni chafodd `{store}` ei ymrwymo eto. · `{store}` is not committed yet.", ""]
    return out


# --- The command line -------------------------------------------------------------------------


def _arguments(argv):
    parser = argparse.ArgumentParser(prog=commands.command("hooks.pull_request"), description="A pull request's check: record the Welsh revised or acknowledged in it, take the content verdict, write the comment.")
    parser.add_argument("--base", required=True, help="the commit the pull request is compared with (its base)")
    parser.add_argument("--comment", type=Path, metavar="FILE", help="write the pull request's comment (Markdown) to FILE")
    parser.add_argument("--commit", action="store_true", help=f"commit {fingerprints.STORE_PATH} alone when something is recorded")
    parser.add_argument("--preview-url", metavar="URL", help="the preview's address, for the comment")
    parser.add_argument("--fork", action="store_true", help="the pull request comes from a fork: no preview, and the check cannot commit")
    parser.add_argument("--root", default=".", help="the repository's folder (default: the current folder)")
    parser.add_argument("--language", choices=MESSAGE_LANGUAGES, default=None, help="the language of the problems printed: en, cy or both (Welsh, then English); default: PLAN_SITE_LANGUAGE, else en. The comment is always in both")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    try:
        arguments = _arguments(argv)
    except SystemExit as exit:
        return EXIT_MERGEABLE if exit.code == 0 else EXIT_USAGE
    root = Path(arguments.root)
    language = message_language(arguments.language)
    name = commands.command('hooks.pull_request')
    if not (root / "content").is_dir() or not (root / "data").is_dir():
        print(in_language(
            language,
            f"{name}: this folder has no content/ and data/ folders: run it from the repository's folder, or give --root",
            f"{name}: nid oes ffolderi content/ a data/ yn y ffolder hwn: rhedwch y gorchymyn o ffolder yr ystorfa, neu rhowch --root",
        ), file=sys.stderr)
        return EXIT_USAGE
    if arguments.preview_url and not re.fullmatch(r"https?://[^\s<>\"'`()\[\]]+", arguments.preview_url):
        print(in_language(
            language,
            f"{name}: --preview-url: '{arguments.preview_url}' is not a web address",
            f"{name}: --preview-url: nid yw '{arguments.preview_url}' yn gyfeiriad gwe",
        ), file=sys.stderr)
        return EXIT_USAGE
    try:
        result = run(root, arguments.base, commit=arguments.commit and not arguments.fork)
    except UsageError as error:
        print(in_language(language, f"{name}: {error}", f"{name}: {error.message_cy or ENGLISH_ONLY_CY + ' ' + str(error)}"), file=sys.stderr)
        return EXIT_USAGE
    except translations.Refused as error:
        print(translations.said(error, language, f"{name}: "), file=sys.stderr)
        return EXIT_USAGE
    for problem in result.problems:
        print(problem.as_text(language))
    for recording in result.recorded:
        print(in_language(
            language,
            f"recorded as up to date: {recording.key} ({'the Welsh was revised' if recording.why == REVISED else 'acknowledged: ' + recording.reason})",
            f"cofnodwyd yn gyfredol: {recording.key} ({'diwygiwyd y Gymraeg' if recording.why == REVISED else 'cydnabuwyd: ' + recording.reason})",
        ))
    if result.commit:
        print(in_language(language, f"committed {fingerprints.STORE_PATH} as {result.commit}", f"ymrwymwyd {fingerprints.STORE_PATH} fel {result.commit}"))
    elif result.recorded:
        print(in_language(
            language,
            f"{fingerprints.STORE_PATH} is written but not committed: commit it (or run with --commit)",
            f"mae {fingerprints.STORE_PATH} wedi'i hysgrifennu ond heb ei hymrwymo: ymrwymwch hi (neu rhedwch y gorchymyn gyda --commit)",
        ))
    if arguments.comment:
        translations.write_all(arguments.comment.resolve().parent, {arguments.comment.name: comment(result, Links.from_environment(), arguments.preview_url, arguments.fork)}, journal=False)
    print(in_language(
        language,
        "The pull request can be merged." if result.mergeable else "The pull request cannot be merged yet.",
        "Gellir cyfuno'r cais tynnu." if result.mergeable else "Ni ellir cyfuno'r cais tynnu eto.",
    ), file=sys.stderr)
    return EXIT_MERGEABLE if result.mergeable else EXIT_BLOCKED


if __name__ == "__main__":
    sys.exit(main())
