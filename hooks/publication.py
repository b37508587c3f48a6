"""The publication: the plan data loaded once, and a renderer for it.

Loaded again only when a data file or a template changes (so `mkdocs serve` picks up edits),
never once per page or once per language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hooks import plan_data, render

ROOT = Path(__file__).resolve().parent.parent


def _stamp(root: Path) -> tuple:
    """What the loaded publication depends on: every data file and template, with its size and time."""
    files = sorted((root / "data").rglob("*.yml")) + sorted((root / "data").rglob("*.json")) + sorted(render.TEMPLATE_DIR.glob("*"))
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)


@dataclass
class Publication:
    data: plan_data.PlanData
    renderer: render.Renderer
    stamp: tuple


_cache: dict = {}


def current(root: Path = ROOT) -> Publication:
    """The publication loaded last for root, without looking at the files again.

    Within one build, pages use this: load() at the start of the build has already checked
    that nothing changed (stamping every file for every page would cost pages x files).
    """
    cached = _cache.get(Path(root).resolve())
    return cached if cached is not None else load(root)


def load(root: Path = ROOT) -> Publication:
    """The publication for root, loaded if anything changed since last time. Raises ContentError."""
    root = Path(root).resolve()
    stamp = _stamp(root)
    cached = _cache.get(root)
    if cached is not None and cached.stamp == stamp:
        return cached
    data = plan_data.load(root)
    publication = Publication(data, render.Renderer(data), stamp)
    _cache[root] = publication
    return publication
