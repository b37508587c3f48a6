"""Every package is pinned by name and version, and installed checked against its hash, so a fresh
machine installs the same files from the registry (tools/lock.py writes constraints.txt and the
lock files from requirements.txt; tools/setup.sh installs with pip --require-hashes)."""

import re
import subprocess

from conftest import ROOT

PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*==[0-9][A-Za-z0-9.+!-]*$")
LOCKED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*==[0-9][A-Za-z0-9.+!-]*)((?: --hash=sha256:[0-9a-f]{64})+)$")
LOCKS = ("requirements.lock", "build-requirements.lock")


def _lines(name):
    return [line.strip() for line in (ROOT / name).read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]


def _name(pin):
    return re.sub(r"[-_.]+", "-", pin.split("==")[0]).lower()


def _pins(name):
    return {_name(line): line.split("==")[1] for line in _lines(name)}


def _locked(name):
    """Each entry of a lock file, joined across its continuation lines: {name: (version, hashes)}."""
    text = (ROOT / name).read_text("utf-8")
    entries = {}
    for entry in re.sub(r"\s*\\\n\s*", " ", text).splitlines():
        if not entry.strip() or entry.startswith("#"):
            continue
        match = LOCKED.match(entry.strip())
        assert match, f"{name}: '{entry}' is not name==version followed by --hash=sha256:... options"
        pin, hashes = match.groups()
        entries[_name(pin)] = (pin.split("==")[1], hashes.split())
    return entries


def test_requirements_and_constraints_are_exact_registry_pins():
    for name in ("requirements.txt", "constraints.txt"):
        for line in _lines(name):
            assert PIN.match(line), f"{name}: '{line}' is not a plain name==version pin (no URLs, no local files)"


def test_every_requirement_is_in_the_constraints_at_the_same_version():
    constraints = _pins("constraints.txt")
    for line in _lines("requirements.txt"):
        assert constraints.get(_name(line)) == line.split("==")[1], f"{line}: run .venv/bin/python tools/lock.py"


def test_the_lock_files_hold_exactly_the_constraints_with_hashes():
    """So a package added to requirements.txt or constraints.txt without running tools/lock.py
    is caught here, not by a contributor's failed install."""
    locked = {}
    for name in LOCKS:
        entries = _locked(name)
        assert not set(entries) & set(locked), f"{name} repeats a package of another lock file"
        locked.update(entries)
    assert {key: version for key, (version, _) in locked.items()} == _pins("constraints.txt"), (
        "constraints.txt and the lock files differ: run .venv/bin/python tools/lock.py"
    )


def test_setup_installs_only_from_the_lock_files_with_hashes():
    setup = (ROOT / "tools" / "setup.sh").read_text("utf-8")
    installs = [line for line in setup.splitlines() if "pip" in line and "install" in line and not line.lstrip().startswith("#")]
    assert installs and all("--require-hashes" in line for line in installs)
    assert all(f"-r {name}" in setup for name in LOCKS)
    assert "-r requirements.txt" not in setup


def test_setup_refuses_a_python_older_than_3_11_first(tmp_path):
    """Before it makes or changes anything, with a plain message and a non-zero exit."""
    old = tmp_path / "python3"
    old.write_text('#!/bin/sh\necho 3.10.13\nexit 1\n', "utf-8")  # what new_enough's check prints and returns
    old.chmod(0o755)
    done = subprocess.run(["bash", str(ROOT / "tools" / "setup.sh")], env={"PATH": "/usr/bin:/bin", "PYTHON": str(old)},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "This project needs Python 3.11 or newer (3.11.5 at least); you have 3.10.13" in done.stderr
