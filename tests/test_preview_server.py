"""The preview server never hangs: with a content problem, its pages show the problem, and a fix shows at once.

`mkdocs serve` (the README's `bash tools/build.sh serve`) builds a draft (hooks/rendering/draft.py): the
problems are listed at the top of the pages instead of the server waiting for a fix.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, condition, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    text = None
    while time.monotonic() < deadline:
        text = fetch(url)
        if text is not None and condition(text):
            return text
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show what was expected within {seconds} s; last answer: {(text or '')[:500]}")


def site_copy(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    for folder in ("content", "data", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, site / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    return site


@pytest.fixture
def served(tmp_path):
    site = site_copy(tmp_path)
    interface = site / "data" / "interface.yml"
    good = interface.read_text("utf-8")
    interface.write_text(good.replace("approved: {en: Approved, cy: Cymeradwywyd}", "approved: {en: Approved, cy: Cymeradwywyd}\napproved: {en: Approved, cy: Cymeradwywyd}", 1), "utf-8")
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"], cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield f"http://127.0.0.1:{port}/", interface, good, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_a_broken_data_file_is_shown_on_the_pages_and_its_fix_at_once(served):
    url, interface, good, server = served
    page = wait_for(url, lambda text: "plan-draft" in text)
    assert "yaml-duplicate-key" in page and "data/interface.yml" in page
    assert "Draft, not published" in page and "Drafft heb ei gyhoeddi" in page
    welsh = wait_for(url + "cy/", lambda text: "plan-draft" in text)
    assert "yaml-duplicate-key" in welsh
    # the notice links to the page of every problem, served in each language
    assert 'href="draft-problems.html"' in page and 'href="draft-problems.html"' in welsh
    for address, line in (("draft-problems.html", "line 7"), ("cy/draft-problems.html", "llinell 7")):  # each in its language
        problems = fetch(url + address)
        assert problems is not None and f"data/interface.yml, {line}" in problems and "yaml-duplicate-key" in problems
    interface.write_text(good, "utf-8")
    wait_for(url, lambda text: "plan-draft" not in text and "<h1" in text)


def test_the_published_build_stays_strict(tmp_path):
    site = site_copy(tmp_path)
    interface = site / "data" / "interface.yml"
    interface.write_text(interface.read_text("utf-8") + "approved: {en: Approved, cy: Cymeradwywyd}\n", "utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PLAN_SITE_DRAFT", None)
    result = subprocess.run([sys.executable, "-m", "hooks.build", "--site-dir", str(tmp_path / "out")], cwd=site, env=env, capture_output=True, text=True)
    assert result.returncode == 1 and "yaml-duplicate-key" in result.stderr
    assert not (tmp_path / "out").exists()
    env["PLAN_SITE_DRAFT"] = "1"
    preview = subprocess.run([sys.executable, "-m", "hooks.build", "--site-dir", str(tmp_path / "preview")], cwd=site, env=env, capture_output=True, text=True)
    assert preview.returncode == 0, preview.stderr
    assert "yaml-duplicate-key" in (tmp_path / "preview" / "index.html").read_text("utf-8")
