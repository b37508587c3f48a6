"""Spreadsheet cells: what this project writes into a CSV cell, and how it reads one back.

A spreadsheet (Excel, LibreOffice Calc, Google Sheets) reads a cell that starts with "=",
"+", "-" or "@" as a formula, and some also after a tab or a carriage return; a formula in
a downloaded file can run commands or send the sheet's data elsewhere (CWE-1236, "CSV
injection"). Following OWASP's advice, such a cell is written with a leading single quote
("'"), which makes the spreadsheet show it as text.

So that the translators' import reads back exactly what was exported, the rule is
unambiguous: a cell that already starts with a quote gets one more. Reading a cell back
removes one leading quote, if there is one, and nothing else:

    text            cell written
    =SUM(A1)        '=SUM(A1)
    - a list item   '- a list item
    'quoted'        ''quoted'
    plain           plain

This is the only place the rule is written: hooks/translations.py (the translators' export
and import) and hooks/rendering/open_data.py (the public CSV tables) both call it.
"""

from __future__ import annotations

import re

# The characters that make a spreadsheet read a cell as a formula (OWASP), and the quote
# itself, so that a quote this module added can always be told from one in the text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_QUOTED_STARTS = FORMULA_STARTS + (QUOTE,)  # what text_cell puts a quote in front of

# A number as the open data writes it: 224786.00, -5, 0.5, 3. Nothing else (no "1+2",
# no "-A1", no exponent, no spaces), so a cell that matches can only be a constant.
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?", re.ASCII)


def text_cell(text: str) -> str:
    """A text as a CSV cell that no spreadsheet reads as a formula; read_cell gives the text back."""
    if text.startswith(_QUOTED_STARTS):
        return QUOTE + text
    return text


def read_cell(cell: str) -> str:
    """The text of a cell written by text_cell: one leading quote removed, if there is one."""
    return cell[1:] if cell.startswith(QUOTE) else cell


def data_cell(value) -> str:
    """A cell of a public open-data table: a number stays a number, any other text is made safe.

    A number (int, Decimal, or a string such as "-5" or "224786.00") is written as it is: a
    spreadsheet reads "-5" as the number minus five, a constant that computes nothing, so it
    is no formula to neutralise, and a quote in front would turn a figure that people sum
    or sort into text. Only a cell that is exactly a plain decimal number is kept (see
    _NUMBER): "-1+2", "-A1" or "+3%" are not numbers and get the quote like any other text.
    """
    if type(value) is not str:  # most cells are texts already
        if value is None:
            return ""
        if isinstance(value, bool):
            return text_cell(str(value))
        value = str(value)  # an int or a Decimal as it is written: 224786.00
    if not value.startswith(_QUOTED_STARTS):  # most cells: no formula, no quote, so nothing to add
        return value
    if _NUMBER.fullmatch(value):
        return value
    return text_cell(value)
