"""The publication: one build renders each page once, and MkDocs is given exactly that page."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from hooks import publication

# A strict build of the real site, in a process of its own, that counts the pages rendered.
COUNTING_BUILD = """
import json, sys
from hooks.rendering import render
calls = []
original = render.Renderer.render_with_lines
def counted(self, markdown, locale, page_path, page_src):
    calls.append(page_path)
    return original(self, markdown, locale, page_path, page_src)
render.Renderer.render_with_lines = counted
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "--quiet", "--site-dir", sys.argv[1]]
try:
    cli()
except SystemExit as end:
    if end.code:
        raise
print(json.dumps(calls))
"""


def test_a_build_renders_every_page_once(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", COUNTING_BUILD, str(tmp_path / "site")],
        cwd=ROOT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    rendered = json.loads(result.stdout.strip().splitlines()[-1])
    pages = publication.make(ROOT).pages
    assert sorted(rendered) == sorted(page.path for page in pages.values())


def test_page_markdown_is_the_page_rendered_whatever_mkdocs_strips(monkeypatch):
    made = publication.make(ROOT)
    page = made.pages["en", "clusters/upper-valleys/2022-23.md"]
    fresh = made.renderer.render_page(page.source, "en", page.path, page.inner)

    def no_second_rendering(*args):
        raise AssertionError("the page was rendered a second time")

    monkeypatch.setattr(made.renderer, "render_page", no_second_rendering)
    for body in (page.source, page.source.rstrip("\n"), page.source.rstrip() + "\n\n"):
        assert made.page_markdown(body, "en", page.inner).rstrip() == fresh.rstrip()
        assert made.page_markdown(body, "en", page.inner).endswith(body[len(body.rstrip()):])


def test_page_markdown_renders_a_body_it_did_not_read():
    made = publication.make(ROOT)
    page = made.pages["en", "clusters/upper-valleys/2022-23.md"]
    other = "Changed after reading.\n\n<!-- plan:swot upper-valleys/2022-23 -->\n"
    expected = made.renderer.render_page(other, "en", page.path, page.inner)
    assert made.page_markdown(other, "en", page.inner) == expected
    assert "Changed after reading." in expected and "<!-- plan:" not in expected


def test_making_a_publication_leaves_the_collector_as_it_found_it(monkeypatch):
    """make() pauses Python's cycle collector while it works (hooks/publication.py), and sets it
    back as it was: on after a publication made, a publication that fails, and off if it was off."""
    import gc

    seen = []
    original = publication._make

    def watched(root):
        seen.append(gc.isenabled())
        return original(root)

    monkeypatch.setattr(publication, "_make", watched)
    assert gc.isenabled()
    publication.make(ROOT)
    assert seen == [False] and gc.isenabled()

    def failing(root):
        raise RuntimeError("a bug while making the publication")

    monkeypatch.setattr(publication, "_make", failing)
    with pytest.raises(RuntimeError):
        publication.make(ROOT)
    assert gc.isenabled()
    gc.disable()
    try:
        monkeypatch.setattr(publication, "_make", watched)
        publication.make(ROOT)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_check_called_from_python_leaves_the_collector_on():
    """Only `python -m hooks.check`, a process of its own, runs without the cycle collector
    (hooks/check.py): hooks.check imported and its main() called leave it as it was."""
    import contextlib
    import gc
    import io

    from hooks import check

    assert gc.isenabled()
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        assert check.main(["--root", str(ROOT)]) == 0
    assert gc.isenabled()


def test_a_build_sets_its_publication_aside_from_the_collector():
    """make_for_build() (the build's, hooks/mkdocs_hooks.py) freezes what is alive once the
    publication is made, so that the cycle collector's passes during the build, and its last
    pass as the process exits, do not walk it; the collector is on again. The build's end
    leaves it so. A second make_for_build (a rebuild of `mkdocs serve`) first gives back and
    collects what the first set aside: a cycle frozen by the first and dropped since is freed."""
    import gc
    import weakref

    from hooks import mkdocs_hooks

    class Cycle:
        pass

    assert gc.isenabled() and gc.get_freeze_count() == 0
    kept = Cycle()
    kept.itself = kept
    cycle = weakref.ref(kept)
    try:
        made = publication.make_for_build(ROOT)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 10_000  # the data, the pages, the gate's texts...
        assert not any(obj is made for obj in gc.get_objects())  # the collector's generations do not hold it
        del kept
        gc.collect()
        assert cycle() is not None  # set aside: not collected
        made = publication.make_for_build(ROOT)
        assert cycle() is None
        frozen = gc.get_freeze_count()
        mkdocs_hooks.on_shutdown()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    assert any(obj is made for obj in gc.get_objects())
    assert made.problems == publication.make(ROOT).problems == []


def test_the_builds_open_data_and_search_indexes_are_made_with_the_collector_paused(monkeypatch, tmp_path):
    """The hooks' other bulk work in a build (the open data and feed in on_env, the search
    indexes in on_post_build) runs with the cycle collector paused, as the publication is made
    (publication.collector_paused), and leaves it on after."""
    import gc
    from types import SimpleNamespace

    from hooks import mkdocs_hooks
    from hooks.rendering import open_data, search_index

    seen = {}
    i18n = SimpleNamespace(building=False, default_language="en", current_language="en", build_languages=["en", "cy"])
    config = SimpleNamespace(plugins={"i18n": i18n}, site_dir=str(tmp_path), site_url="")
    def feed(locale, base_url):
        seen["feed"] = gc.isenabled()
        return ""

    made = SimpleNamespace(problems=[], open_data_files=lambda locale, site_url: iter(()), feed=feed)
    monkeypatch.setattr(mkdocs_hooks, "_publication", made)
    monkeypatch.setattr(open_data, "write_files", lambda folder, files: seen.setdefault("open data", gc.isenabled()))
    monkeypatch.setattr(search_index, "write_per_language", lambda folder, others: seen.setdefault("search", (gc.isenabled(), others)))
    assert gc.isenabled()
    mkdocs_hooks.on_env(None, config, None)
    mkdocs_hooks.on_post_build(config)
    assert seen == {"open data": False, "feed": False, "search": (False, ["cy"])}
    assert gc.isenabled()
