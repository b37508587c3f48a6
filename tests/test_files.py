"""Commands that write files write them whole, never overwrite a new file, and leave nothing half-made."""

from __future__ import annotations

import datetime

import pytest

from hooks import files, new


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_new_creates_the_file_whole_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "deep" / "folder" / "plan.yml"
    files.write_new(target, "kind: cluster-plan\ntitle: {en: Ŵ, cy: ŷ}\n")
    assert target.read_bytes() == "kind: cluster-plan\ntitle: {en: Ŵ, cy: ŷ}\n".encode("utf-8")
    assert _leftovers(target.parent) == []


def test_write_new_never_overwrites(tmp_path):
    target = tmp_path / "plan.yml"
    target.write_text("written by a person\n", "utf-8")
    with pytest.raises(files.FileExists):
        files.write_new(target, "scaffolding\n")
    assert target.read_text("utf-8") == "written by a person\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("write", [files.write_new, files.replace])
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, write):
    target = tmp_path / "plan.yml"
    if write is files.replace:
        target.write_text("the old text\n", "utf-8")
    with pytest.raises(UnicodeEncodeError):
        write(target, "half \ud800 written")  # a lone surrogate cannot be written as UTF-8
    assert _leftovers(tmp_path) == []
    if write is files.replace:
        assert target.read_text("utf-8") == "the old text\n"
    else:
        assert not target.exists()


def test_replace_swaps_the_whole_file_at_once(tmp_path):
    target = tmp_path / "plan.yml"
    target.write_text("old\n", "utf-8")
    before = target.stat().st_ino
    files.replace(target, "new\n")
    assert target.read_text("utf-8") == "new\n"
    assert target.stat().st_ino != before  # a new file renamed into place, not the old one rewritten
    assert _leftovers(tmp_path) == []


def test_scaffolding_that_meets_a_file_appearing_midway_removes_what_it_wrote(tmp_path, monkeypatch):
    """Between the check and the write another file appears: nothing of the new plan is left."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "clusters.yml").write_text(
        "local_authorities:\n  swansea: {en: Swansea, cy: Abertawe}\n"
        "clusters:\n  - id: afan\n    name: {en: Afan, cy: Afan}\n    cluster_title: {en: Afan Cluster, cy: Clwstwr Afan}\n    local_authority: swansea\n",
        "utf-8",
    )
    real_write_new = files.write_new
    written = []

    def write_then_collide(path, text):
        if written:
            raise files.FileExists(path)
        real_write_new(path, text)
        written.append(path)

    monkeypatch.setattr(files, "write_new", write_then_collide)
    with pytest.raises(new.Refusal, match="nothing was written"):
        new.new_plan(tmp_path, "afan", "2025-26", datetime.date(2026, 1, 2))
    assert written and not written[0].exists()
