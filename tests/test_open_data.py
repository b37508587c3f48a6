"""Open data (JSON and CSV beside each plan) and the Atom feeds: they exist, parse, and carry the page's figures."""

import csv
import io
import json
import re

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, strategies as st
from referencing import Registry, Resource

from hooks import spreadsheet
from hooks.rendering import open_data


def _language_root(site, locale):
    return site / "cy" if locale == "cy" else site


@pytest.mark.parametrize("locale", ["en", "cy"])
def test_every_plan_has_json_that_validates_against_its_published_schema(site, data, locale):
    root = _language_root(site, locale)
    schemas = {p.name: json.loads(p.read_text("utf-8")) for p in (root / "data" / "schemas").glob("*.schema.json")}
    registry = Registry().with_resources((name, Resource.from_contents(schema)) for name, schema in schemas.items())
    for plan in data.plans.values():
        document = json.loads((root / open_data.json_path(plan)).read_text("utf-8"))
        assert document["$schema"] == f"../schemas/{plan.kind}.schema.json"
        validator = jsonschema.Draft202012Validator(schemas[f"{plan.kind}.schema.json"], registry=registry)
        assert list(validator.iter_errors(document)) == []
        assert document["year"] == plan.year


def _csv(site, locale, plan, table):
    raw = (_language_root(site, locale) / open_data.csv_path(plan, table)).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark to read Welsh characters"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.mark.parametrize("locale", ["en", "cy"])
def test_needs_csv_carries_the_notes_shown_beside_a_statistic(site, data, locale):
    """A reuser of the table learns what a reader of the page learns: the source's own caveat
    ("check source") and a figure kept as the source states it (dementia's 0.070%)."""
    plan = data.plans["upper-valleys/2022-23"]
    header, *rows = _csv(site, locale, plan, "needs")
    note = header.index(data.interface["csv_figures_note"].render(locale))
    expected = {}
    for topic in plan.content["needs"]["topics"]:
        for statistic in topic.get("statistics", []):
            extra = statistic if isinstance(statistic, dict) else {}
            text = (statistic["text"] if isinstance(statistic, dict) else statistic).render(locale)
            wanted = []
            if "source_caveat" in extra:
                wanted.append(data.interface["source_caveat_" + extra["source_caveat"].replace(" ", "_")].render(locale))
            if "as_stated" in extra:
                wanted.append(extra["as_stated"].render(locale))
            expected[text] = wanted
    assert any(expected.values()), "the plan has no statistic with a note: no proof"
    for row in rows:
        statistic = row[header.index(data.interface["csv_statistic"].render(locale))]
        assert all(part in row[note] for part in expected[statistic]), (statistic, row[note])
        assert bool(row[note]) == bool(expected[statistic]), (statistic, row[note])
    noted = {row[header.index(data.interface["csv_statistic"].render(locale))] for row in rows if row[note]}
    assert any("0.070%" in statistic for statistic in noted)


@pytest.mark.parametrize("locale", ["en", "cy"])
def test_finance_csv_has_the_page_figures(site, data, locale):
    plan = data.plans["upper-valleys/2022-23"]
    rows = _csv(site, locale, plan, "finance")
    amounts = [row[1] for row in rows[1:] if row[1]]
    assert amounts[:3] == ["224786.00", "0.00", "224786.00"]
    assert amounts[-1] == "202382.50"
    page = BeautifulSoup((_language_root(site, locale) / "clusters/upper-valleys/2022-23/index.html").read_text("utf-8"), "html.parser")
    shown = [td.get_text(strip=True) for td in page.select("table.plan-spend td")]
    as_pounds = ["£{:,.2f}".format(float(a)) for a in amounts[3:]]
    assert [s for s in shown if s.startswith("£")] == as_pounds
    assert sum(1 for row in rows if row[1] == "") == 1  # the one line with no amount stated, not zero


@pytest.mark.parametrize("locale", ["en", "cy"])
def test_action_plan_csv_has_every_method_and_outcome(site, data, locale):
    plan = data.plans["upper-valleys/2022-23"]
    rows = _csv(site, locale, plan, "action-plan")[1:]
    expected = sum(len(g.methods) + len(g.outcomes) for a in plan.content["action_plan"].areas for g in a.goals)
    assert len(rows) == expected
    assert len({row[2] for row in rows}) == 23


def test_needs_and_workforce_csv_carry_the_figures(site, data):
    plan = data.plans["upper-valleys/2022-23"]
    needs = _csv(site, "en", plan, "needs")[1:]
    figures = [f for t in plan.content["needs"]["topics"] for s in t.get("statistics", []) for f in (s["text"] if isinstance(s, dict) else s).figures]
    assert len(needs) == len(figures)
    assert ["Obesity"] == [row[0] for row in needs if row[4] == "9.4"][:1]
    workforce = _csv(site, "cy", plan, "workforce")[1:]
    assert [row[1] for row in workforce] == [str(r.wte) if r.wte is not None else "" for r in plan.content["workforce"].roles]


@pytest.mark.parametrize("locale", ["en", "cy"])
def test_plan_pages_link_to_their_open_data(site, data, locale):
    for plan in data.plans.values():
        page_dir = _language_root(site, locale) / plan.page[: -len(".md")]
        soup = BeautifulSoup((page_dir / "index.html").read_text("utf-8"), "html.parser")
        links = [a["href"] for a in soup.select(".plan-downloads a")]
        assert links, plan.id
        for href in links:
            assert (page_dir / href).resolve().is_file(), href


@pytest.mark.parametrize("locale", ["en", "cy"])
def test_feed_is_valid_atom_in_its_language(site, data, locale):
    text = (_language_root(site, locale) / "feed.xml").read_text("utf-8")
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == locale
    assert feed.feed.id.startswith("urn:uuid:") and feed.feed.updated
    titles = {entry.title for entry in feed.entries}
    assert titles == {plan.title.render(locale) for plan in data.plans.values()}
    for entry in feed.entries:
        assert entry.id.startswith("urn:uuid:") and entry.updated and entry.link
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids)
    assert not re.search(r"\d{4}-\d{2}-\d{2}T(?!00:00:00)", text), "feed dates come from the data, not the clock"


def test_every_page_announces_the_feed_of_its_language(site):
    for locale in ("en", "cy"):
        root = _language_root(site, locale)
        for page in root.rglob("index.html"):
            if locale == "en" and page.is_relative_to(site / "cy"):
                continue
            soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
            (link,) = soup.select('link[rel="alternate"][type="application/atom+xml"]')
            assert (page.parent / link["href"]).resolve() == (root / "feed.xml").resolve(), page


# --- The open data's own writers give what the standard library's give -------------------------
#
# open_data writes its indented JSON and its CSV itself, for speed (the two are most of a build's
# open-data time); these say its text is exactly json.dumps's and csv.writer's, on any value.

_CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.decimals(allow_nan=False, allow_infinity=False),
    st.text(), st.text(alphabet=',"\r\n \'=+-@\t0123456789.aŵ'), st.sampled_from(["", "-5", "=1", "'", '"', ",", "\r\n", "a,b", '"quoted"']),
)


def _careful_csv(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([spreadsheet.data_cell(cell) for cell in header])
    writer.writerows([spreadsheet.data_cell(cell) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def _quick_csv(header, rows):
    """The table as open_data writes it: each cell as its CSV field, the fields joined."""
    return open_data._csv_text([open_data._csv_fields(row) for row in [header, *rows]])


@given(st.lists(_CELLS, min_size=1, max_size=6), st.lists(st.lists(_CELLS, min_size=1, max_size=6), max_size=6))
def test_the_csv_is_what_csv_writer_writes(header, rows):
    assert _quick_csv(header, rows) == _careful_csv(header, rows)


@pytest.mark.parametrize("rows", [[[""]], [["", ""]], [[None]], [["a"], [""], ["b"]], []])
def test_the_csv_of_empty_cells_is_what_csv_writer_writes(rows):
    assert _quick_csv(["heading"], rows) == _careful_csv(["heading"], rows)


def test_every_real_table_is_what_csv_writer_writes_of_its_rows(data):
    """The tables' rows are made as CSV fields as they are made (_rows with _csv_field): the same
    text as csv.writer's of the rows' values."""
    tables = [(plan, table) for plan in data.plans.values() for table in open_data.tables_of(plan)]
    assert {table for _, table in tables} == set(open_data.TABLES)
    for plan, table in tables:
        for locale in ("en", "cy"):
            header = open_data._header(table, data, locale)
            assert open_data.plan_csv(plan, table, data, locale) == _careful_csv(header, open_data._rows(plan, table, data, locale)), (plan.id, table)


def test_every_value_of_every_row_is_made_a_cell(data):
    """What makes the tables' CSV fields: every value of every row goes through cell, none is
    left as it is (a text that should be quoted, a formula that should be made safe)."""
    for plan in data.plans.values():
        for table in open_data.tables_of(plan):
            for locale in ("en", "cy"):
                rows = open_data._rows(plan, table, data, locale, lambda value: ("cell", value))
                plain = open_data._rows(plan, table, data, locale)
                assert rows and [[("cell", value) for value in row] for row in plain] == rows, (plan.id, table)


_JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(), st.text(alphabet='"\\\n\t\x00\x1f\u2028ŵ/'),
    st.decimals(), st.decimals(allow_nan=False, allow_infinity=False, places=2),
)
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.tuples(children, children),
        st.dictionaries(st.text(max_size=4), children, max_size=4),
        st.dictionaries(st.one_of(st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False)), children, max_size=2),
    ),
    max_leaves=20,
)


def _outcome(write, value):
    """What writing value gives: its text, or the kind of error it raises (a value JSON cannot
    hold, NaN as a signalling Decimal)."""
    try:
        return write(value)
    except Exception as error:  # noqa: BLE001 - the same error either way is the point
        return type(error)


@given(_JSON_VALUES)
def test_the_indented_json_is_what_json_dumps_writes(value):
    assert _outcome(open_data.indented_json, value) == _outcome(lambda v: json.dumps(v, ensure_ascii=False, indent=2), value)
    assert _outcome(lambda v: open_data.indented_json(v, plain_decimals=True), value) == _outcome(
        lambda v: json.dumps(open_data._plain(v), ensure_ascii=False, indent=2), value
    )


def test_every_plan_json_is_what_json_dumps_writes(data):
    for plan in data.plans.values():
        document = {"$schema": f"../schemas/{plan.kind}.schema.json"}
        document.update(open_data._plain(plan.document.data))
        assert open_data.plan_json(plan) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_a_written_file_is_what_path_write_bytes_writes(tmp_path):
    """write_files writes each file with os.open and os.write: the same bytes and permissions as
    Path.write_bytes, a longer file there before emptied first."""
    content = "Cynllun ŵ, “quoted”\r\n".encode("utf-8") * 5000
    for name in ("quick", "careful"):
        (tmp_path / name).write_bytes(b"x" * (len(content) + 100))  # the file of an earlier build, longer
    open_data._write_bytes(str(tmp_path / "quick"), content)
    (tmp_path / "careful").write_bytes(content)
    quick, careful = tmp_path / "quick", tmp_path / "careful"
    assert quick.read_bytes() == careful.read_bytes() == content
    open_data._write_bytes(str(tmp_path / "new-quick"), content)
    (tmp_path / "new-careful").write_bytes(content)
    assert (tmp_path / "new-quick").stat().st_mode == (tmp_path / "new-careful").stat().st_mode


def test_write_files_writes_texts_and_bytes_as_they_are(tmp_path):
    files = {"data/a/2024-25.json": "{\r\n}\n", "data/a/2024-25/needs.csv": "\ufeffŵ,\"x\"\r\n", "data/b.json": "ŷ\n".encode("utf-8")}
    written = open_data.write_files(tmp_path, [files])
    assert written[:3] == list(files)
    for relative, text in files.items():
        assert (tmp_path / relative).read_bytes() == (text if isinstance(text, bytes) else text.encode("utf-8"))
    assert {path.name for path in (tmp_path / "data" / "schemas").iterdir()} == {path.name for path in open_data.SCHEMA_DIR.glob("*.schema.json")}
