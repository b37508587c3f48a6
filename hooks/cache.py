"""The hooks' work kept between builds, filed under a digest of everything it depends on.

Loading and checking the plan data, rendering the blocks of a page, the translation gate, the
open data files, the feeds and the Welsh search index cost far more than MkDocs' own work on a
large site. Most builds change one file, or none: each of those results is stored here under
a key made from the bytes it was computed from, and read back while those bytes are the same.

    .cache/plan-site/<code version>/<kind>/<key>

- A key is a digest (BLAKE2b) of the inputs: file contents, never dates or sizes, so a
  checkout, a copy or a restored CI cache is as good as the machine that filled it.
- The code version is a digest of the hooks' own code and templates, Python's version and the
  installed libraries whose work is stored (their files' size and time). Any change of code
  starts a new folder, and the folders of other versions are removed.
- Each entry starts with a digest of its value: a damaged entry counts as absent.
- Only successful work is stored. A problem is found again, and reported, on every build.
- The cache is an optimisation only: an entry that cannot be read or written counts as absent,
  a build with an empty cache writes the same site byte for byte (tests/test_cache.py), and
  PLAN_SITE_CACHE=off switches it off. Entries are written atomically (a temporary file, then
  a rename), so builds running at once (the two languages of python -m hooks.build) are safe.

To empty it: delete the .cache folder.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

HOOKS_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = HOOKS_DIR / "templates"
FOLDER = Path(".cache") / "plan-site"
SWITCH = "PLAN_SITE_CACHE"  # set to "off" to build without the cache

# Libraries whose work ends up in what is stored: parsing, validation, formatting, templates,
# escaping, language identification, and the Markdown that pages are written in.
LIBRARIES = ("yaml", "jsonschema", "referencing", "babel", "jinja2", "markupsafe", "lingua", "markdown")


def digest(*parts) -> str:
    """A digest of parts (text or bytes); each part is length-prefixed, so ("ab", "c") differs from ("a", "bc")."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def file_digests(root: Path, folders: tuple) -> dict:
    """{path relative to root: digest of its bytes} for every file under the given folders."""
    root = Path(root)
    found = {}
    for folder in folders:
        base = root / folder
        if not base.is_dir():
            continue
        for directory, subfolders, names in os.walk(base):
            subfolders.sort()
            for name in sorted(names):
                path = Path(directory) / name
                try:
                    found[path.relative_to(root).as_posix()] = hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()
                except OSError:
                    found[path.relative_to(root).as_posix()] = "unreadable"
    return found


def digest_of(digests: dict) -> str:
    """One digest for a set of files (names and contents)."""
    return digest(*(f"{name}\0{value}" for name, value in sorted(digests.items())))


@lru_cache(maxsize=None)
def _running_code() -> str:
    """The hooks' Python code, Python and the libraries: read once, as the running process has them."""
    parts = [sys.version]
    for path in sorted(HOOKS_DIR.rglob("*.py")):
        if "__pycache__" not in path.parts:
            parts += [path.relative_to(HOOKS_DIR).as_posix(), path.read_bytes()]
    for name in LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec and spec.origin else None
        if origin is None:
            parts.append(f"{name}: not installed")
            continue
        stat = os.stat(origin)
        parts.append(f"{name}: {origin} {stat.st_size} {stat.st_mtime_ns}")
    return digest(*parts)


def code_version() -> str:
    """A digest of the code whose results are stored.

    The Python code counts as the process loaded it (a running `mkdocs serve` keeps its
    modules); the templates as they are now (Jinja2 reads a changed template at once).
    """
    templates = [part for path in sorted(TEMPLATE_DIR.rglob("*")) if path.is_file() for part in (path.relative_to(TEMPLATE_DIR).as_posix(), path.read_bytes())]
    return digest(_running_code(), *templates)[:16]


def enabled() -> bool:
    return os.environ.get(SWITCH, "").strip().lower() not in ("off", "0", "no", "false")


class Cache:
    """The store for one project root. Every method tolerates a missing, unreadable or unwritable store."""

    def __init__(self, root: Path):
        self.base = Path(root).resolve() / FOLDER
        self.folder = self.base / code_version()
        self.enabled = enabled()
        self._pruned = False

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key

    def get(self, kind: str, key: str) -> bytes | None:
        """The value stored under key, or None if there is none or it is damaged (each entry carries its digest)."""
        if not self.enabled:
            return None
        try:
            stored = self._path(kind, key).read_bytes()
        except OSError:
            return None
        check, _, value = stored.partition(b"\n")
        if check.decode("ascii", "replace") != digest(value):
            return None
        return value

    def has(self, kind: str, key: str) -> bool:
        return self.enabled and self._path(kind, key).is_file()

    def put(self, kind: str, key: str, value: bytes) -> None:
        if not self.enabled:
            return
        target = self._path(kind, key)
        try:
            self._prune_other_versions()
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(digest(value).encode("ascii") + b"\n" + value)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only or full disk: the build goes on without storing

    def get_text(self, kind: str, key: str) -> str | None:
        value = self.get(kind, key)
        if value is None:
            return None
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put_text(self, kind: str, key: str, text: str) -> None:
        self.put(kind, key, text.encode("utf-8"))

    def text(self, kind: str, key: str, make) -> str:
        """The text stored under key; or, if there is none, make()'s, stored."""
        kept = self.get_text(kind, key)
        if kept is None:
            kept = make()
            self.put_text(kind, key, kept)
        return kept

    def json(self, kind: str, key: str, make):
        """The JSON value stored under key; or, if there is none, make()'s, stored."""
        kept = self.get_text(kind, key)
        if kept is not None:
            try:
                return json.loads(kept)
            except ValueError:
                pass
        value = make()
        self.put_text(kind, key, json.dumps(value, ensure_ascii=False))
        return value

    def _prune_other_versions(self) -> None:
        """Remove the folders of other code versions (once per process): they can never be read again."""
        if self._pruned:
            return
        self._pruned = True
        if not self.base.is_dir():
            return
        for folder in self.base.iterdir():
            if folder.name != self.folder.name and folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
