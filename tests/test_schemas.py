"""Every data file names its schema on its first line (for editors) and validates against it (for the build)."""

import re

import pytest

from conftest import ROOT
from hooks.model import schemas, strict_yaml

DATA_FILES = sorted(p for p in (ROOT / "data").rglob("*.yml") if not p.name.startswith("_"))
FIRST_LINE = re.compile(r"^# yaml-language-server: \$schema=(?P<schema>\S+\.schema\.json)$")


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_data_file_names_its_schema_and_validates(path):
    first = path.read_text("utf-8").splitlines()[0]
    match = FIRST_LINE.match(first)
    assert match, f"{path.name}: first line must be '# yaml-language-server: $schema=...'"
    schema_file = (path.parent / match["schema"]).resolve()
    assert schema_file.parent == schemas.SCHEMA_DIR and schema_file.is_file()
    document = strict_yaml.read(path, path.relative_to(ROOT).as_posix())
    name = schema_file.name[: -len(".schema.json")]
    if "kind" in document.data:
        assert document.data["kind"] == name
    assert schemas.validate(document, name) == []


def test_every_schema_has_a_title_for_editors():
    import json

    for schema_file in schemas.SCHEMA_DIR.glob("*.schema.json"):
        assert json.loads(schema_file.read_text("utf-8")).get("title"), schema_file.name
