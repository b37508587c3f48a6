"""hooks/commands.py: a printed command, pasted into a shell, runs with exactly the intended arguments.

The commands are run for real through bash and zsh (zsh globs `[1]`, `*`, `?` and stops with
"no matches found"), in a folder whose .venv/bin/python prints the arguments it receives.
PowerShell and cmd.exe are not on this machine: the Windows spelling is checked as text.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from hooks import commands
from hooks.commands import UnsafeArgument, command, quote, suggest

ZSH = Path("/usr/bin/zsh")

# What the site's messages pass (keys of pages and data fields, options), and what a page's
# file name could hold.
ARGUMENTS = [
    "mark-fresh",
    "--all",
    "content/cy/about.md#2",
    "content/cy/about.md#0",
    "data/plans/upper-valleys/2022-23.yml#priorities[1].goal",
    "data/plans/upper-valleys/2022-23.yml#priorities[10].methods[0]",
    "data/interface.yml#financial_year",
    "upper-valleys/2022-23",
    "2022-23",
    "content/cy/about us.md#1",
    "content/cy/guides/what's new.md#3",
    "~/plans",
    "a*b?c",
    "=plan",
    "a,b",
    "{a,b}",
    "(x)",
    "a&b|c;d<e>f",
    "x^y",
    "@x",
    "#start",
    "-a.b",
    "Ysgol Gymraeg ŵ ŷ â",
    "tab\u00a0nbsp",
    "[1]",
    "C:\\Users\\me\\to translate.csv",
    "..\\x\\y",
]


@pytest.fixture(scope="module")
def fake_repository(tmp_path_factory) -> Path:
    """A folder whose .venv/bin/python prints, as JSON, the arguments after -m MODULE."""
    folder = tmp_path_factory.mktemp("repository")
    python = folder / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec {shlex_quote(sys.executable)} -c "import json, sys; print(json.dumps(sys.argv[1:], ensure_ascii=False))" "$@"\n')
    python.chmod(0o755)
    return folder


def shlex_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def received(shell: list, line: str, folder: Path) -> list:
    result = subprocess.run([*shell, line], cwd=folder, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, f"{shell[0]} could not run {line!r}: {result.stderr}"
    return json.loads(result.stdout)


SHELLS = [
    pytest.param(["bash", "-c"], id="bash"),
    pytest.param(
        [str(ZSH), "-c"], id="zsh",
        marks=pytest.mark.skipif(not ZSH.exists(), reason="zsh is not installed (/usr/bin/zsh): its globbing is not checked here"),
    ),
]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("argument", ARGUMENTS)
def test_a_printed_command_passes_its_argument_unchanged(shell, argument, fake_repository):
    line = command("hooks.translations", "mark-fresh", argument, windows=False)
    assert received(shell, line, fake_repository) == ["-m", "hooks.translations", "mark-fresh", argument]


@pytest.mark.parametrize("shell", SHELLS)
def test_many_arguments_at_once(shell, fake_repository):
    line = command("hooks.translations", *ARGUMENTS, windows=False)
    assert received(shell, line, fake_repository) == ["-m", "hooks.translations", *ARGUMENTS]


@pytest.mark.skipif(not ZSH.exists(), reason="zsh is not installed (/usr/bin/zsh)")
def test_zsh_really_refuses_an_unquoted_bracket(fake_repository):
    """The check above can fail: the same key unquoted is not passed by zsh."""
    result = subprocess.run([str(ZSH), "-c", ".venv/bin/python -m hooks.translations mark-fresh data/x.yml#priorities[1].goal"], cwd=fake_repository, capture_output=True, text=True)
    assert result.returncode != 0 and "no matches found" in result.stderr


def test_plain_words_are_not_quoted_and_the_rest_are():
    assert quote("content/cy/about.md") == "content/cy/about.md"
    assert quote("--all") == "--all"
    assert quote("mark-fresh") == "mark-fresh"
    assert quote("content/cy/about.md#2") == '"content/cy/about.md#2"'
    assert quote("a,b") == '"a,b"'  # an array in PowerShell
    assert quote("2022-23") == '"2022-23"'  # PowerShell may read a leading digit as a number
    assert quote("=x") == '"=x"'  # zsh looks =x up as a command
    assert quote("-a.b") == '"-a.b"'  # Windows PowerShell splits it in two


def test_the_spelling_on_each_system():
    key = "content/cy/about.md#2"
    assert command("hooks.translations", "mark-fresh", key, windows=False) == '.venv/bin/python -m hooks.translations mark-fresh "content/cy/about.md#2"'
    assert command("hooks.translations", "mark-fresh", key, windows=True) == '.venv\\Scripts\\python -m hooks.translations mark-fresh "content/cy/about.md#2"'
    assert command("hooks.check", windows=True) == ".venv\\Scripts\\python -m hooks.check"


def test_the_system_is_decided_when_the_message_is_made(monkeypatch):
    monkeypatch.setattr(commands.os, "name", "nt")
    assert command("hooks.check").startswith(".venv\\Scripts\\python ")
    monkeypatch.setattr(commands.os, "name", "posix")
    monkeypatch.setattr(commands.sys, "platform", "darwin")
    assert command("hooks.check").startswith(".venv/bin/python ")
    monkeypatch.setattr(commands.sys, "platform", "win32")
    assert command("hooks.check").startswith(".venv\\Scripts\\python ")


@pytest.mark.parametrize("argument", ARGUMENTS)
def test_windows_spelling_is_double_quotes_with_nothing_cmd_or_powershell_reads(argument):
    """In PowerShell and cmd.exe, inside "...", only " $ ` % (and “ ” „ in PowerShell) are read; none is there."""
    line = command("hooks.translations", "mark-fresh", argument, windows=True)
    spelled = line.split(" ", 4)[4]
    if spelled.startswith('"'):
        assert spelled.endswith('"') and spelled[1:-1] == argument
    else:
        assert spelled == argument and re.fullmatch(r"[A-Za-z0-9_./:=+-]+", argument)
    assert not re.search("[$`%\u201c\u201d\u201e]", spelled) and spelled.count('"') in (0, 2)
    assert "\\\\" not in spelled and not spelled.endswith('\\"')  # the CRT of Windows programs reads \\" as a quote


@pytest.mark.parametrize("argument", ['say "hi"', "a$HOME", "a`b`", "wow!", "50%.md", "100%20off", "a\\\\b", "C:\\folder\\", "a\nb", "a\rb", "curly \u201cquote\u201d", ""])
def test_what_no_quoting_makes_safe_is_refused(argument):
    with pytest.raises(UnsafeArgument):
        command("hooks.translations", "mark-fresh", argument)
    with pytest.raises(ValueError):
        quote(argument)


def test_suggest_gives_the_command_or_says_what_to_type():
    assert suggest("hooks.translations", "mark-fresh", "content/cy/about.md#2", windows=False) == command("hooks.translations", "mark-fresh", "content/cy/about.md#2", windows=False)
    text = suggest("hooks.translations", "mark-fresh", "content/cy/50%.md#2", windows=False)
    assert text.startswith(".venv/bin/python -m hooks.translations mark-fresh …")
    assert "'content/cy/50%.md#2'" in text and "percent sign" in text


def test_suggest_says_what_to_type_in_welsh_too():
    text = suggest("hooks.translations", "mark-fresh", "content/cy/50%.md#2", windows=False, language="cy")
    assert text.startswith(".venv/bin/python -m hooks.translations mark-fresh …")
    assert "'content/cy/50%.md#2'" in text and "arwydd canran" in text and "dyfynodau sengl" in text
    assert "where" not in text and "percent sign" not in text
    for argument in ('a"b', "a$b", "a`b", "a!b", "a\u201cb", "a\nb", "a\\\\b"):
        welsh = suggest("hooks.translations", "import", argument, windows=False, language="cy")
        english = suggest("hooks.translations", "import", argument, windows=False)
        assert welsh != english and "lle mae" in welsh, argument


def _message_strings(tree: ast.AST):
    """Every string constant of a module that is not a docstring (a statement of its own)."""
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node


# Not commands to paste: a program naming itself at the head of its error line, a file an
# export made, and the comment header written into data/translation-fingerprints.txt (a file
# in git, the same on every machine).
NAMES_NOT_COMMANDS = re.compile(r"^python -m hooks\.[a-z_]+: |is not an export of python -m hooks\.translations|^# Translation fingerprints")


def test_no_message_of_hooks_spells_python_dash_m_by_hand():
    """Every printed command comes from hooks.commands (docstrings and comments may name the commands)."""
    offenders = []
    for path in sorted((ROOT / "hooks").rglob("*.py")):
        if path.name == "commands.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _message_strings(tree):
            if re.search(r"python\s+-m\s+hooks|-m hooks\.", node.value) and not NAMES_NOT_COMMANDS.search(node.value):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:100]!r}")
    assert not offenders, "\n".join(offenders)


def test_the_check_above_finds_a_command_spelled_by_hand():
    tree = ast.parse('"""python -m hooks.check, in a docstring"""\nfix = f"run: python -m hooks.translations mark-fresh {key}"\n')
    assert [node.value for node in _message_strings(tree)] == ["run: python -m hooks.translations mark-fresh "]


def test_bash_is_here():
    assert shutil.which("bash"), "bash runs the printed commands in these tests"
