"""One verdict: for every content mistake, `python -m hooks.check` and the strict build refuse it alike.

The corpus (tests/content_mistakes/mistakes.yml) holds mistakes of every kind the build can
refuse: YAML, schemas, figures, finance, block markers, links, navigation, active content and
the translation gate. Each is made on a copy of the real site; the check and the build must
both fail, with the same problems (file, line and rule), and among them the mistake's rule.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

MISTAKES = yaml.safe_load((Path(__file__).parent / "content_mistakes" / "mistakes.yml").read_text("utf-8"))
BUILD_PROBLEM = re.compile(r"^(?:ERROR|WARNING)\s+-\s+(?P<path>[^\s:]+)(?::(?P<line>\d+))?(?::\d+)?: (?P<rule>[a-z][A-Za-z0-9-]*): ", re.M)


def site_copy(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("content", "data", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, site / folder, ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    return site


def make(site: Path, mistake: dict) -> None:
    target = site / mistake["file"]
    if "symlink" in mistake:
        target.symlink_to(mistake["symlink"])
    elif "new_file" in mistake:
        target.write_text(mistake["new_file"], "utf-8")
    else:
        text = target.read_text("utf-8")
        assert mistake["old"] in text, f"{mistake['id']}: {mistake['old']!r} is not in {mistake['file']}"
        target.write_text(text.replace(mistake["old"], mistake["new"], 1), "utf-8")


def environment() -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def verdicts(site: Path, tmp_path: Path) -> tuple:
    """(the check's exit status and problems, the build's exit status, problems and log), both run at once."""
    check = subprocess.Popen([sys.executable, "-m", "hooks.check", "--format", "json"], cwd=site, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "built")], cwd=site, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    check_out, check_err = check.communicate(timeout=300)
    build_log, _ = build.communicate(timeout=300)
    assert check.returncode in (0, 1), check_err
    found = {(p["path"], p["line"], p["rule"]) for p in json.loads(check_out)["problems"]}
    built = {(m["path"], int(m["line"]) if m["line"] else None, m["rule"]) for m in BUILD_PROBLEM.finditer(build_log)}
    return check.returncode, found, build.returncode, built, build_log


def test_the_corpus_has_forty_mistakes_of_every_kind():
    assert len(MISTAKES) >= 40
    assert len({m["id"] for m in MISTAKES}) == len(MISTAKES)
    rules = {m["rule"] for m in MISTAKES}
    for kind in ("yaml-", "schema-", "figure-", "finance-", "marker-", "link-", "nav-", "page-", "translation-", "text-", "file-"):
        assert any(rule.startswith(kind) for rule in rules), kind


def test_the_real_site_passes_both(tmp_path):
    status, found, build_status, built, log = verdicts(site_copy(tmp_path), tmp_path)
    assert (status, found) == (0, set())
    assert build_status == 0, log
    assert built == set()


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m["id"] for m in MISTAKES])
def test_the_check_and_the_build_refuse_each_mistake_alike(tmp_path, mistake):
    site = site_copy(tmp_path)
    make(site, mistake)
    status, found, build_status, built, log = verdicts(site, tmp_path)
    assert status == 1, f"the check passed {mistake['id']}"
    assert mistake["rule"] in {rule for _, _, rule in found}, sorted(found)
    assert build_status != 0, f"the build passed {mistake['id']}:\n{log}"
    assert "Traceback" not in log
    if "build_differs" in mistake:  # said why in the corpus: both refuse, in different words
        return
    assert built == found, f"check only: {sorted(found - built)}; build only: {sorted(built - found)}\n{log}"
