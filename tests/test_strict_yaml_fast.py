"""The C parser's fast path reads exactly what the careful pure-Python reader reads."""

import pytest

from conftest import ROOT
from hooks.model import strict_yaml
from hooks.problems import ContentError

DATA_FILES = sorted(p for p in (ROOT / "data").rglob("*.yml"))


def _slow(monkeypatch, text):
    with monkeypatch.context() as patch:
        patch.setattr(strict_yaml, "_compose_fast", lambda text: None)
        return strict_yaml.parse(text, "f.yml")


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_fast_and_slow_readers_agree_on_every_data_file(monkeypatch, path):
    text = path.read_text("utf-8")
    assert strict_yaml._compose_fast(text) is not None, "real data should take the fast path"
    fast = strict_yaml.parse(text, "f.yml")
    slow = _slow(monkeypatch, text)
    assert fast.data == slow.data
    assert fast.locations == slow.locations


@pytest.mark.parametrize("text, rule", [
    ("a: &x 1\nb: *x\n", "yaml-alias"),
    ("a: " + "[" * 70 + "]" * 70 + "\n", "yaml-too-deep"),
    ("a: 1\na: 2\n", "yaml-duplicate-key"),
    ("a: no\n", "yaml-boolean-word"),
    ("- 1\n", "yaml-not-mapping"),
    ("a: [1, 2\n", None),
])
def test_what_the_fast_path_refuses_gets_the_careful_readers_message(monkeypatch, text, rule):
    with pytest.raises(ContentError) as fast:
        strict_yaml.parse(text, "f.yml")
    with pytest.raises(ContentError) as slow:
        _slow(monkeypatch, text)
    assert [p.as_text() for p in fast.value.problems] == [p.as_text() for p in slow.value.problems]
    if rule:
        assert fast.value.problems[0].rule == rule


@pytest.mark.parametrize("text, fast_path", [
    ("a: !!float 1\nb: !!str 2\nc: !!int '3'\n", True),  # as benchmarks/synthetic_site.py writes decimals
    ("a: &x 1\n", False),  # an anchor: the careful reader decides
    ("a: !!map {b: 1}\n", False),
    ("? [a]\n: 1\n", False),
    ("'<<': 1\nb: [1, {c: 'd'}]\n", True),
    ("a: 1\n---\nb: 2\n", False),
])
def test_the_fast_path_builds_what_the_careful_reader_builds(monkeypatch, text, fast_path):
    assert (strict_yaml._compose_fast(text) is not None) == fast_path

    def outcome(read):
        try:
            document = read()
        except ContentError as error:
            return [p.as_text() for p in error.problems]
        return document.data, list(document.locations.items())

    assert outcome(lambda: strict_yaml.parse(text, "f.yml")) == outcome(lambda: _slow(monkeypatch, text))


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=" \t\r\n\x0b\x0c\x1c\x85\u2028\u2029\u3000\xa0#ab-:", max_size=30))
def test_a_file_is_empty_when_every_line_is_blank_or_a_comment(text):
    """strict_yaml._DATA_LINE finds a line with data exactly when some line of the file is neither blank nor a comment."""
    every_line_blank_or_comment = all(not line.strip() or line.lstrip().startswith("#") for line in strict_yaml._lines(text))
    assert (strict_yaml._DATA_LINE.search(text) is None) == every_line_blank_or_comment
