"""Writing files safely: a new file never overwrites, a rewrite is atomic.

Content files are never rewritten except by a command whose job that is, and then all at
once: a reader (or a crash) sees the old file or the new one, never half of each.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class FileExists(Exception):
    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"{path} already exists")


def _temporary_beside(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def write_new(path: Path, text: str) -> None:
    """Create path with text, all at once; raise FileExists if it is already there."""
    temporary = _temporary_beside(path, text)
    try:
        os.link(temporary, path)  # fails if path exists: no race with another writer
    except FileExistsError:
        raise FileExists(path) from None
    finally:
        os.unlink(temporary)


def replace(path: Path, text: str) -> None:
    """Replace path's contents with text, atomically."""
    temporary = _temporary_beside(path, text)
    try:
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
