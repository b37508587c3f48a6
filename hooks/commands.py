"""The one place that spells a command a person can paste into a terminal.

Every message and fix that says "run ..." gets its command from `command()`:

    >>> command("hooks.translations", "mark-fresh", "content/cy/about.md#2", windows=False)
    '.venv/bin/python -m hooks.translations mark-fresh "content/cy/about.md#2"'
    >>> command("hooks.translations", "mark-fresh", "content/cy/about.md#2", windows=True)
    '.venv\\\\Scripts\\\\python -m hooks.translations mark-fresh "content/cy/about.md#2"'

It is run from the repository's folder, with the Python of the set-up (.venv). Whether it is
spelled for Windows is decided when the message is made (the checks run on the person's own
machine): `.venv\\Scripts\\python` there, `.venv/bin/python` elsewhere.

Each argument is spelled so that bash, zsh, PowerShell and cmd.exe all pass it unchanged:

- a plain word (letters, digits and _ . / : = + -, starting with a letter, _, . or /; or an
  option such as --all) is written as it is;
- anything else is written in double quotes. Inside double quotes none of the four shells
  globs (zsh's `[1]`, `*`, `?`, `#`), splits at spaces or reads `&`, `|`, `;`, `<`, `>`,
  `(`, `)`, `{`, `}`, `,` (an array in PowerShell), `'`, `~`, `^` or `@`;
- a character that no quoting makes safe in all four is refused with UnsafeArgument (a
  ValueError): `"`, `$`, `` ` ``, `!` (history in bash and zsh), `%` (cmd.exe expands
  %NAME% even in double quotes), PowerShell's curly double quotes (“ ” „), line breaks and
  other control characters; and a backslash doubled or at the end (bash reads \\\\ as one,
  and a last \\ hides the closing quote from bash and from Windows programs). A single
  backslash inside, as in a Windows path, is kept by all four. An empty argument is refused
  too: Windows PowerShell drops "".

`suggest()` is for a message whose argument comes from a file name a person chose: it gives
the command when it can be spelled, and otherwise says in words what to type.
"""

from __future__ import annotations

import os
import re
import sys

# A word every shell passes unchanged without quotes. It starts with a letter, _, . or /:
# a leading = is a path lookup in zsh, a leading digit may be read as a number by PowerShell.
_PLAIN = re.compile(r"[A-Za-z_./][A-Za-z0-9_./:=+-]*")
_OPTION = re.compile(r"--?[A-Za-z][A-Za-z0-9-]*")  # --all; not "-a.b", which Windows PowerShell splits
_UNSAFE = re.compile("[\"$`!%\u201c\u201d\u201e\x00-\x1f\x7f\u0085\u2028\u2029]")

_NAMES = {
    '"': "a double quote (\")",
    "$": "a dollar sign ($)",
    "`": "a backtick (`)",
    "!": "an exclamation mark (!)",
    "%": "a percent sign (%)",
}
_NAMES_CY = {
    '"': "dyfynnod dwbl (\")",
    "$": "arwydd doler ($)",
    "`": "ôl-dic (`)",
    "!": "ebychnod (!)",
    "%": "arwydd canran (%)",
}


class UnsafeArgument(ValueError):
    """An argument that no quoting passes unchanged through bash, zsh, PowerShell and cmd.exe."""


def is_windows() -> bool:
    """Whether this machine runs Windows (decided each time: the check runs on the person's machine)."""
    return os.name == "nt" or sys.platform == "win32"


def python(windows: bool | None = None) -> str:
    """The set-up's Python, relative to the repository's folder."""
    return ".venv\\Scripts\\python" if (is_windows() if windows is None else windows) else ".venv/bin/python"


def unsafe_character(argument: str, language: str = "en") -> str | None:
    """The first character of argument that no quoting makes safe in every shell, described (in
    English, or in Welsh with language="cy"); or None."""
    welsh = language == "cy"
    found = _UNSAFE.search(argument)
    if found is None:
        if "\\\\" in argument or argument.endswith("\\"):
            return "ôl-slaes ddwbl neu ar y diwedd (\\\\ neu \\ olaf)" if welsh else "a backslash doubled or at the end (\\\\ or a last \\)"
        return None
    character = found[0]
    if character in (_NAMES_CY if welsh else _NAMES):
        return (_NAMES_CY if welsh else _NAMES)[character]
    if character in "\u201c\u201d\u201e":
        return f"dyfynnod dwbl crwm ({character})" if welsh else f"a curly double quote ({character})"
    return f"toriad llinell neu nod rheoli (U+{ord(character):04X})" if welsh else f"a line break or control character (U+{ord(character):04X})"


def quote(argument: str) -> str:
    """The argument as typed at a bash, zsh, PowerShell or cmd.exe prompt; UnsafeArgument if it cannot be."""
    argument = str(argument)
    if argument == "":
        raise UnsafeArgument("an empty argument cannot be typed the same way in every shell (Windows PowerShell drops \"\")")
    unsafe = unsafe_character(argument)
    if unsafe is not None:
        raise UnsafeArgument(f"{argument!r} holds {unsafe}, which no quoting passes unchanged through bash, zsh, PowerShell and cmd.exe alike")
    if _PLAIN.fullmatch(argument) or _OPTION.fullmatch(argument):
        return argument
    return f'"{argument}"'


def command(module: str, *args: str, windows: bool | None = None) -> str:
    """The command that runs `python -m module args...` with the set-up's Python, from the repository's folder."""
    if not re.fullmatch(r"[a-z_]+(?:\.[a-z_]+)*", module):
        raise UnsafeArgument(f"{module!r} is not a module name")
    return " ".join([python(windows), "-m", module, *(quote(a) for a in args)])


def suggest(module: str, *args: str, windows: bool | None = None, language: str = "en") -> str:
    """The command, if every argument can be typed in every shell; otherwise what to type, in words
    (English, or Welsh with language="cy")."""
    try:
        return command(module, *args, windows=windows)
    except UnsafeArgument:
        pass
    spelled, awkward = [], []
    for argument in args:
        try:
            spelled.append(quote(argument))
        except UnsafeArgument:
            spelled.append("…")
            awkward.append(argument)
    start = command(module, windows=windows) + " " + " ".join(spelled)
    if language == "cy":
        named = "; ".join(f"{a!r} ({unsafe_character(a, 'cy') or 'gwag'})" for a in awkward)
        return f"{start}, lle mae … yn {named}: yn bash neu zsh, teipiwch ef rhwng dyfynodau sengl ('...')"
    named = "; ".join(f"{a!r} ({unsafe_character(a) or 'empty'})" for a in awkward)
    return f"{start}, where … is {named}: in bash or zsh, type it in single quotes ('...')"
