"""Shared fixtures: the real plan data, and the real site built once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks.model import plan_data  # noqa: E402
from hooks.rendering.render import Renderer  # noqa: E402


def build_site(source: Path, destination: Path) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of the project at source into destination."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destination)],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def data():
    return plan_data.load(ROOT)


@pytest.fixture(scope="session")
def renderer(data):
    return Renderer(data)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    destination = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, destination)
    assert result.returncode == 0, result.stdout + result.stderr
    return destination


def pages(language_root: Path) -> list:
    """Every content page of one language, as paths relative to the language's folder."""
    return sorted(p.relative_to(language_root).as_posix() for p in language_root.rglob("*.md"))
