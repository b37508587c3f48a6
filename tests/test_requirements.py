"""Every package is pinned by name and version, so a fresh machine installs the same set from the registry."""

import re

from conftest import ROOT

PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*==[0-9][A-Za-z0-9.+!-]*$")


def _lines(name):
    return [line.strip() for line in (ROOT / name).read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]


def test_requirements_and_constraints_are_exact_registry_pins():
    for name in ("requirements.txt", "constraints.txt"):
        for line in _lines(name):
            assert PIN.match(line), f"{name}: '{line}' is not a plain name==version pin (no URLs, no local files)"


def test_every_requirement_is_in_the_constraints_at_the_same_version():
    constraints = {line.split("==")[0].lower(): line.split("==")[1] for line in _lines("constraints.txt")}
    for line in _lines("requirements.txt"):
        name, version = line.split("==")
        assert constraints.get(name.lower()) == version, line
