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


# --- The line reader (strict_yaml._LineReader) ---------------------------------------------------


def _typed(value):
    """A value with the type of everything in it, so that 1, 1.0 and Decimal('1.0') stay apart."""
    if isinstance(value, dict):
        return [(key, _typed(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return type(value).__name__, repr(value)


def _without_line_reader(monkeypatch, text):
    """What parse() reads with the event builder and the careful reader only: a Document, or the problems."""
    with monkeypatch.context() as patch:
        patch.setattr(strict_yaml, "_compose_lines", lambda text: None)
        try:
            document = strict_yaml.parse(text, "f.yml")
        except ContentError as error:
            return [p.as_text() for p in error.problems]
    return _typed(document.data), list(document.locations.items())


def _assert_line_reader_agrees(monkeypatch, text):
    read = strict_yaml._compose_lines(text)
    if read is not None:
        data, locations = read
        assert (_typed(data), list(locations.items())) == _without_line_reader(monkeypatch, text), text
    return read is not None


CORPUS_FILES = sorted((ROOT / "tests").rglob("*.yml"))


@pytest.mark.parametrize("path", DATA_FILES + CORPUS_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_line_reader_reads_what_the_other_readers_read_or_leaves_the_file_to_them(monkeypatch, path):
    text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    _assert_line_reader_agrees(monkeypatch, text)


def test_the_line_reader_reads_the_plans():
    for path in DATA_FILES:
        if "plans" in path.parts:
            assert strict_yaml._compose_lines(path.read_text("utf-8")) is not None, path


def test_the_line_reader_reads_plans_as_the_synthetic_site_writes_them(monkeypatch):
    """benchmarks/synthetic_site.py writes plans as PyYAML dumps them: plain values, lists not indented, !!float tags."""
    import importlib
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        synthetic_site = importlib.import_module("synthetic_site")
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    for path in DATA_FILES:
        if "plans" in path.parts:
            dumped = synthetic_site._dump(strict_yaml.parse(path.read_text("utf-8"), "f.yml").data, "# synthetic\n")
            assert _assert_line_reader_agrees(monkeypatch, dumped), path


from hypothesis import HealthCheck  # noqa: E402

_KEYS = ["a", "b", "en", "cy", "key_1", "a-b", "_x", "text", "figures"]
_ODD_KEYS = ["y", "null", "True", "on", "<<", "a b", "é", "1", "a:b", '"q"', "'q'", "? a", "-a", "a", "en"]
_VALUES = ["text", "Some words here", "The end.", "2024-25", "1", "1.50", "-5", "'quoted'", '"double"', "'it''s'", '""', "!!float '1'", '{month: "2024-03"}', "[]"]
_ODD_VALUES = [
    "x:y", "x: y", "x:", "a #c", "a#b", "a, b [c] {d}", "-", "- a", "-a", ".5", "+1", "01", "1.0", "1e5", "12:30", "2024-01-01", "~", "",
    "yes", "No", "nullable", "false", ".inf", "=", "<<", "%x", "@x", "`x", "?x", ":x", ",x", "|", ">", "&a 1", "*a", "!x 1", "!!int 3",
    "!!str 2", "!!str yes", "!!bool true", "!!null ''", "!!float 1.5", "!!int '1.5'", "!! 1", "!!str", "'a'b", "'''x'''", '"a"b', '"a" #c',
    '"a"#c', '"say \\"hi\\""', '"unclosed', "'unclosed", '"x" "y"', "{a: 1, b: 'x'}", "{a: 1,}", "{a: 1, a: 2}", "{ a: x }", "{}",
    "[1, 2]", "[a b]", "[a, [b]]", "{a: {b: 1}}", "{a:1}", "{a: -}", "{a: 2024-03}", "{y: 1}", '{a: "x"} #c', "{a: 1}}", "[1,2]", "[a, ]",
    "http://x.y/z", "£1,234", "Llanelli – Dinefwr", "“quoted”", "a\xa0", "trailing   ", "x # y: z", "a\tb", "a\rb", "a\x85b", "\x02",
]
_ODD_LINES = ["", "  ", "# note", "    # note", "---", "...", "%YAML 1.1", "? a", ": b", "-", "- ", "- - a", "-  - a", "\ufeffa: 1", "a", "  a"]


@st.composite
def _value(draw):
    return draw(st.sampled_from(_ODD_VALUES if draw(st.integers(0, 14)) == 0 else _VALUES))


@st.composite
def _key(draw):
    return draw(st.sampled_from(_ODD_KEYS if draw(st.integers(0, 19)) == 0 else _KEYS))


@st.composite
def _entries(draw, indent: int, depth: int, first_prefix: str | None = None):
    """The lines of a block mapping at column indent (its first line after first_prefix, a "- ", if given)."""
    lines, keys = [], set()
    for number in range(draw(st.integers(1, 3))):
        prefix = first_prefix if number == 0 and first_prefix is not None else " " * indent
        key = draw(_key())
        key = key if key not in keys or draw(st.integers(0, 9)) == 0 else f"{key}{number}"  # now and then a key twice
        keys.add(key)
        colon = draw(st.sampled_from([": ", ": ", ": ", ":  "]))
        below = depth < 3 and draw(st.integers(0, 2)) == 0
        if not below:
            lines.append(f"{prefix}{key}{colon}{draw(_value())}{draw(st.sampled_from(['', '', '', ' ', '  # note']))}")
            continue
        lines.append(f"{prefix}{key}:{draw(st.sampled_from(['', '', ' ', ' # note']))}")
        shape = draw(st.sampled_from(["mapping", "list", "list not indented", "nothing"]))
        step = draw(st.sampled_from([2, 2, 4, 1, 3]))
        if shape == "mapping":
            lines += draw(_entries(indent + step, depth + 1))
        elif shape != "nothing":
            lines += draw(_items(indent + (0 if shape == "list not indented" else step), depth + 1))
    return lines


@st.composite
def _items(draw, indent: int, depth: int):
    """The lines of a block sequence whose "- " are at column indent."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        dash = " " * indent + draw(st.sampled_from(["- ", "- ", "- ", "-  "]))
        if depth < 3 and draw(st.booleans()):
            lines += draw(_entries(len(dash), depth + 1, first_prefix=dash))
        else:
            lines.append(f"{dash}{draw(_value())}")
    return lines


@st.composite
def _line_structured_yaml(draw):
    """Text shaped like content files, then perhaps changed a little: a line moved, replaced or added."""
    lines = draw(_entries(0, 0))
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
        at = draw(st.integers(0, len(lines) - 1))
        change = draw(st.sampled_from(["indent", "outdent", "replace", "insert"]))
        if change == "indent":
            lines[at] = " " * draw(st.integers(1, 3)) + lines[at]
        elif change == "outdent":
            lines[at] = lines[at][draw(st.integers(1, 3)):]
        elif change == "replace":
            lines[at] = lines[at][: len(lines[at]) - len(lines[at].lstrip(" -"))] + draw(st.sampled_from(_ODD_LINES + _ODD_VALUES))
        else:
            lines.insert(at, draw(st.sampled_from(_ODD_LINES)))
    return draw(st.sampled_from(["", "# header\n", "\n"])) + "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


@settings(max_examples=4000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(_line_structured_yaml())
def test_the_line_reader_agrees_with_the_other_readers_on_line_shaped_yaml(monkeypatch, text):
    """Whatever the line reader accepts, the other readers read the same: same values and types, same locations in the same order."""
    _assert_line_reader_agrees(monkeypatch, text)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.one_of(
    st.text(alphabet="nNuUlLtTrRfFaAsSeEyYoO~-+.0123456789_:eE \n", max_size=8),
    st.sampled_from(_VALUES + _ODD_VALUES),
    st.text(max_size=10),
))
def test_a_plain_value_read_at_once_is_one_no_pattern_matches(value):
    """_read_plain returns a long text not starting as a number does at once: exactly what every pattern says."""
    assert strict_yaml._read_plain(value) == strict_yaml._read_plain_carefully(value)
