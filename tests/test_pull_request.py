"""The pull request's check (hooks/pull_request.py), on git repositories made here.

Each test copies the site (content, data, hooks, overrides, mkdocs.yml) into a new repository
whose first commit is the base (main), makes a branch, changes and commits files the way
GitHub's web editor does (nothing run), then runs `python -m hooks.pull_request` in it as the
workflow does, and looks at what it committed, printed, wrote in the comment and returned.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hooks.checks import fingerprints
from hooks.commands import command
from hooks.pull_request import BOT_EMAIL, BOT_NAME, MARKER

ROOT = Path(__file__).resolve().parent.parent
STORE = fingerprints.STORE_PATH
ACKNOWLEDGEMENTS = fingerprints.ACKNOWLEDGEMENTS_PATH
EN, CY = "content/en/about.md", "content/cy/about.md"
ENGLISH_SENTENCE = "and this will not lead to a delay"
WELSH_SENTENCE = "ac ni fydd hyn yn arwain at oedi"
LINKS = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "health-board/plans", "PULL_REQUEST_HEAD_REF": "update/about"}


def git(repository: Path, *arguments: str) -> str:
    result = subprocess.run(["git", "-C", str(repository), *arguments], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def browser_commit(repository: Path, message: str) -> None:
    """What GitHub's web editor does: commit the files as they are, as a person; nothing else runs."""
    git(repository, "add", "-A")
    git(repository, "-c", "user.name=Comms Officer", "-c", "user.email=comms@example.org", "commit", "-q", "-m", message)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    repository = tmp_path_factory.mktemp("template") / "site"
    repository.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("content", "data", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, repository / folder, ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", repository / "mkdocs.yml")
    git(repository, "init", "-q", "-b", "main")
    browser_commit(repository, "The site as it is on main")
    return repository


@pytest.fixture
def repository(template, tmp_path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(template, copy, symlinks=True)
    git(copy, "checkout", "-q", "-b", "update/about")
    return copy


def edit(repository: Path, path: str, old: str, new: str) -> None:
    file = repository / path
    text = file.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), "utf-8")


def check(repository: Path, *arguments: str, environment: dict | None = None) -> tuple:
    """Run the pull request's check; returns (exit status, what it printed, the comment)."""
    comment = repository.parent / "comment.md"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "PULL_REQUEST_"))}
    env.update(environment or {}, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "hooks.pull_request", "--base", "main", "--comment", str(comment), *arguments], cwd=repository, capture_output=True, text=True, env=env)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return result.returncode, result.stdout + result.stderr, comment.read_text("utf-8")


def gate(repository: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hooks.check"], cwd=repository, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def files_of(repository: Path, commit: str = "HEAD") -> list:
    return git(repository, "show", "--name-only", "--format=", commit).splitlines()


def entry_from(printed: str) -> str:
    """The data/welsh-unchanged.yml line the check prints for a stale text."""
    return printed.split("replace its [TO DO: ...] with why: ", 1)[1].splitlines()[0]


def acknowledge(repository: Path, entry: str, reason: str) -> None:
    file = repository / ACKNOWLEDGEMENTS
    line = entry.replace(fingerprints.REASON_PLACEHOLDER, reason)
    file.write_text(file.read_text("utf-8") + line + "\n", "utf-8")


# --- Both languages, English alone, acknowledged ----------------------------------------------


def test_both_languages_edited_in_the_browser_pass_after_the_commands_own_commit(repository):
    edit(repository, EN, ENGLISH_SENTENCE, "and this will never lead to a delay")
    edit(repository, CY, WELSH_SENTENCE, "ac ni fydd hyn byth yn arwain at oedi")
    browser_commit(repository, "Update the Welsh language statement")
    before = git(repository, "rev-parse", "HEAD")
    assert gate(repository).returncode == 1  # as pushed: the Welsh is not yet recorded

    status, printed, comment = check(repository, "--commit", environment=LINKS)

    assert status == 0, printed
    assert git(repository, "rev-parse", "HEAD^") == before
    assert files_of(repository) == [STORE]  # the check's commit holds the fingerprint file alone
    assert git(repository, "log", "-1", "--format=%an <%ae>") == f"{BOT_NAME} <{BOT_EMAIL}>"
    message = git(repository, "log", "-1", "--format=%B")
    assert "content/cy/about.md#2: the Welsh was revised in this pull request" in message
    assert git(repository, "status", "--porcelain") == ""
    assert gate(repository).returncode == 0
    assert "This pull request can be merged" in comment and "Gellir cyfuno'r cais tynnu hwn" in comment
    assert "`content/cy/about.md#2`" in comment and "the Welsh was revised in this pull request" in comment
    assert git(repository, "rev-parse", "HEAD")[:12] in comment  # what was committed
    # run again (a later push): nothing more to record, still mergeable, no second commit
    head = git(repository, "rev-parse", "HEAD")
    status, printed, comment = check(repository, "--commit")
    assert status == 0 and git(repository, "rev-parse", "HEAD") == head


def test_english_alone_blocks_and_names_the_welsh_to_revise(repository):
    edit(repository, EN, ENGLISH_SENTENCE, "and this will never lead to a delay")
    browser_commit(repository, "Correct the English")
    before = git(repository, "rev-parse", "HEAD")
    store = (repository / STORE).read_bytes()

    status, printed, comment = check(repository, "--commit", environment=LINKS)

    assert status == 1
    assert git(repository, "rev-parse", "HEAD") == before  # nothing committed
    assert (repository / STORE).read_bytes() == store  # and a stale text is never recorded
    welsh = "Revise the Welsh: the section under the 2nd heading, 'Datganiad ynghylch y Gymraeg', of content/cy/about.md (line 7)"
    assert f"content/cy/about.md:7: translation-stale: the English of section 2 'Welsh language statement' has changed" in printed
    assert welsh in printed and welsh in comment
    assert "### `content/cy/about.md`" in comment
    assert "[line 7 · llinell 7](https://github.com/health-board/plans/blob/update/about/content/cy/about.md#L7)" in comment
    assert "(https://github.com/health-board/plans/edit/update/about/content/cy/about.md)" in comment
    entry = entry_from(printed)
    assert f"    {entry}" in comment  # the line to paste, in a code block
    assert "needs changes before it can be merged" in comment


def test_an_english_correction_acknowledged_in_the_pull_request_passes(repository):
    edit(repository, EN, "the Welsh language is treated", "the Welsh language is  treated")  # spaces: never stale
    edit(repository, EN, ENGLISH_SENTENCE, "and this will not lead to delay")
    browser_commit(repository, "Correct the English")
    status, printed, _ = check(repository)
    assert status == 1
    acknowledge(repository, entry_from(printed), "a grammar correction in the English only; the Welsh already says this")
    browser_commit(repository, "The Welsh needs no change")

    status, printed, comment = check(repository, "--commit")

    assert status == 0, printed
    assert files_of(repository) == [STORE]
    assert "acknowledged in data/welsh-unchanged.yml: a grammar correction in the English only" in git(repository, "log", "-1", "--format=%B")
    assert "a grammar correction in the English only" in comment
    assert gate(repository).returncode == 0


def test_an_entry_at_the_base_commit_never_silences_a_later_english_change(template, tmp_path):
    repository = tmp_path / "site"
    shutil.copytree(template, repository, symlinks=True)
    # On main, an entry for a version of the English that a later pull request brings back
    edit(repository, EN, ENGLISH_SENTENCE, "and this will not lead to delay")
    status, printed, _ = check(repository)
    entry = entry_from(printed)
    edit(repository, EN, "and this will not lead to delay", ENGLISH_SENTENCE)
    acknowledge(repository, entry, "an earlier correction, since undone")
    browser_commit(repository, "main, with an old entry")
    assert gate(repository).returncode == 0
    git(repository, "checkout", "-q", "-b", "update/about")
    edit(repository, EN, ENGLISH_SENTENCE, "and this will not lead to delay")
    browser_commit(repository, "The same English change again, with no new entry")
    before = git(repository, "rev-parse", "HEAD")

    status, printed, comment = check(repository, "--commit")

    assert status == 1 and git(repository, "rev-parse", "HEAD") == before
    assert "translation-stale" in printed


def test_an_entry_added_for_an_earlier_english_is_refused_and_the_text_blocks(repository):
    edit(repository, EN, ENGLISH_SENTENCE, "and this will not lead to delay")
    status, printed, _ = check(repository)
    acknowledge(repository, entry_from(printed), "a grammar correction")
    edit(repository, EN, "and this will not lead to delay", "and this will not lead to any delay")  # then the English changed again
    browser_commit(repository, "English changed twice")
    line = len((repository / ACKNOWLEDGEMENTS).read_text("utf-8").splitlines())

    status, printed, comment = check(repository, "--commit")

    assert status == 1
    assert f"{ACKNOWLEDGEMENTS}:{line}: welsh-unchanged-outdated: this entry acknowledges an earlier version of the English of content/cy/about.md#2" in printed
    assert "translation-stale" in printed
    assert f"### `{ACKNOWLEDGEMENTS}`" in comment


def test_the_acknowledgements_file_is_checked_with_file_and_line(repository):
    file = repository / ACKNOWLEDGEMENTS
    header = file.read_text("utf-8")
    first = len(header.splitlines()) + 1
    file.write_text(
        header
        + '- {text: "content/cy/nowhere.md#2", english: "0123456789ab", reason: "a typo"}\n'
        + '- {text: "content/cy/about.md#2", english: "0123456789ab"}\n'
        + '- {text: "content/cy/about.md#1", english: "0123456789ab", reason: "[TO DO: say why]"}\n',
        "utf-8",
    )
    browser_commit(repository, "Three faulty entries")

    status, printed, comment = check(repository)

    assert status == 1
    assert f"{ACKNOWLEDGEMENTS}:{first}: welsh-unchanged-place: this entry names 'content/cy/nowhere.md#2'" in printed
    assert f"{ACKNOWLEDGEMENTS}:{first + 1}: welsh-unchanged-file: entry 2 does not say why the Welsh needs no change" in printed
    assert f"{ACKNOWLEDGEMENTS}:{first + 2}: welsh-unchanged-file: entry 3's reason is still '[TO DO: ...]'" in printed
    for number in (first, first + 1, first + 2):
        assert f"line {number} · llinell {number}" in comment
    # the form is part of the one verdict: the gate and the build see it too
    assert "welsh-unchanged-file" in gate(repository).stdout


# --- Other problems in the comment ------------------------------------------------------------


def test_schema_yaml_and_link_mistakes_appear_in_the_comment_by_file_with_their_line(repository):
    plan = "data/plans/upper-valleys/2022-23.yml"
    lines = (repository / plan).read_text("utf-8").splitlines()
    lines.insert(3, "colour: blue")  # a field the schema does not know
    (repository / plan).write_text("\n".join(lines) + "\n", "utf-8")
    other = "data/plans/pan-cluster/2024-25.yml"
    (repository / other).write_text((repository / other).read_text("utf-8") + 'broken: {en: Broken, cy: "Torrwyd\n', "utf-8")  # a quote left open
    for page in ("content/en/accessibility.md", "content/cy/accessibility.md"):
        edit(repository, page, "\n\n", "\n\n[missing](missing.md)\n\n")
    browser_commit(repository, "Three mistakes")

    status, printed, comment = check(repository, environment=LINKS)

    assert status == 1
    found = {(m["path"], m["line"], m["rule"]) for m in re.finditer(r"^(?P<path>[^\s:]+):(?P<line>\d+)(?::\d+)?: (?P<rule>[a-zA-Z-]+):", printed, re.M)}
    rules = {(path, rule) for path, _, rule in found}
    assert (plan, "schema-additionalProperties") in rules, printed
    assert any(path == other and rule.startswith("yaml-") for path, rule in rules), printed
    assert ("content/en/accessibility.md", "link-target-missing") in rules, printed
    for path, line, rule in found:
        assert f"### `{path}`" in comment
        assert f"[line {line} · llinell {line}](https://github.com/health-board/plans/blob/update/about/{path}#L{line})" in comment
        assert f"`{rule}`" in comment


def test_the_comment_holds_the_marker_and_both_languages(repository):
    edit(repository, EN, ENGLISH_SENTENCE, "and this will never lead to a delay")
    browser_commit(repository, "English only")

    _, _, comment = check(repository, "--preview-url", "https://preview.example.org/pr-7/")

    lines = comment.splitlines()
    assert lines[0] == MARKER
    heading = lines[1]
    assert heading.startswith("## ") and heading.index("Mae angen newid y cais tynnu hwn") < heading.index("This pull request needs changes")  # Welsh first
    assert "Problemau i'w cywiro: 1." in comment and "Problems to fix: 1." in comment
    assert "**Cywiro:**" in comment and "**Fix:**" in comment
    assert "### Rhagolwg · Preview" in comment and "<https://preview.example.org/pr-7/>" in comment
    assert "@" not in comment.replace("users.noreply", "")  # nothing in it mentions anyone


def test_a_fork_gets_no_commit_and_the_comment_says_a_maintainer_runs_the_command(repository):
    edit(repository, EN, ENGLISH_SENTENCE, "and this will never lead to a delay")
    edit(repository, CY, WELSH_SENTENCE, "ac ni fydd hyn byth yn arwain at oedi")
    browser_commit(repository, "Both languages, from a fork")
    before = git(repository, "rev-parse", "HEAD")

    status, printed, comment = check(repository, "--commit", "--fork")

    assert status == 1  # recorded in the working tree, but not committed: not mergeable yet
    assert git(repository, "rev-parse", "HEAD") == before
    assert "Cais tynnu o fforc · A pull request from a fork" in comment
    assert "Pull requests from forks get no preview, and the check cannot commit to their branch" in comment
    base = git(repository, "rev-parse", "main")
    assert command("hooks.pull_request", "--base", base, "--commit") in comment


def test_an_unknown_base_commit_is_a_usage_error(repository):
    result = subprocess.run([sys.executable, "-m", "hooks.pull_request", "--base", "no-such-branch"], cwd=repository, capture_output=True, text=True)
    assert result.returncode == 2
    assert "the base commit 'no-such-branch' is not in this clone" in result.stderr


# --- mark-fresh -------------------------------------------------------------------------------


def test_mark_fresh_refuses_a_welsh_text_not_revised_and_records_it_when_told_it_needs_no_change(repository):
    edit(repository, EN, ENGLISH_SENTENCE, "and this will not lead to delay")
    store = (repository / STORE).read_bytes()

    def mark_fresh(*arguments):
        return subprocess.run([sys.executable, "-m", "hooks.translations", "mark-fresh", *arguments], cwd=repository, capture_output=True, text=True)

    refused = mark_fresh("content/cy/about.md#2")
    assert refused.returncode == 1 and (repository / STORE).read_bytes() == store
    assert "content/cy/about.md#2: not marked: the English of section 2 'Welsh language statement' of content/cy/about.md (content/en/about.md:7) has changed since it was marked up to date, but its Welsh (content/cy/about.md:7) has not. Revise the Welsh first." in refused.stderr
    assert 'mark-fresh --welsh-unchanged "content/cy/about.md#2"' in refused.stderr
    told = mark_fresh("--welsh-unchanged", "content/cy/about.md#2")
    assert told.returncode == 0, told.stderr
    assert gate(repository).returncode == 0


def test_the_acknowledgement_line_the_check_prints_is_yaml_that_reads_back(repository):
    edit(repository, EN, ENGLISH_SENTENCE, "and this will not lead to delay")
    browser_commit(repository, "English")
    _, printed, _ = check(repository)
    entry = entry_from(printed)
    data = yaml.safe_load("welsh_unchanged:\n" + entry + "\n")
    assert data["welsh_unchanged"][0]["text"] == "content/cy/about.md#2"
    assert data["welsh_unchanged"][0]["reason"] == fingerprints.REASON_PLACEHOLDER
