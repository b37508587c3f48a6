"""Open data: every plan published beside its page as JSON and as CSV tables.

For each plan, in each language's part of the site:
    data/<cluster>/<year>.json              the validated data, both languages (same in /cy/)
    data/<cluster>/<year>/<table>.csv       one table, in that language (UTF-8 with BOM for Excel)
    data/<cluster>/<year>/datapackage.json  what those tables hold, column by column, in that
                                            language (a Frictionless Data Package: see below)
    data/schemas/<kind>.schema.json         the schemas the JSON follows
The addresses are stable: they depend only on the plan's cluster and year.
"""

from __future__ import annotations

import json
import math
import os
import shutil
from dataclasses import dataclass
from decimal import Decimal
from json.encoder import encode_basestring as encode_json_string  # a string as JSON, ensure_ascii=False
from pathlib import Path

from typing import TYPE_CHECKING

from hooks.model import locales
from hooks.model.texts import FIGURE_KINDS
from hooks.spreadsheet import data_cell

if TYPE_CHECKING:  # the plan data is passed in: a build whose open data is in the cache never loads it
    from hooks.model.plan_data import Plan, PlanData

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schemas"
TABLES = ("action-plan", "finance", "workforce", "needs")


def json_path(plan: Plan) -> str:
    return f"data/{plan.id}.json"


def csv_path(plan: Plan, table: str) -> str:
    return f"data/{plan.id}/{table}.csv"


def datapackage_path(plan: Plan) -> str:
    return f"data/{plan.id}/datapackage.json"


def tables_of(plan: Plan) -> list:
    sections = {"action-plan": "action_plan", "finance": "finance", "workforce": "workforce", "needs": "needs"}
    return [table for table in TABLES if sections[table] in plan.content]


# --- JSON ----------------------------------------------------------------------------------------


def _plain(value):
    """YAML values as JSON values: decimals as numbers (whole numbers as integers)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    return value


def plan_json(plan: Plan) -> str:
    document = {"$schema": f"../schemas/{plan.kind}.schema.json"}
    document.update(plan.document.data)  # the validated data, exactly as written
    return indented_json(document, plain_decimals=True) + "\n"


# json.dumps writes indented JSON with its pure-Python encoder, a generator for every dict and
# list (its C encoder writes without indentation only, in Python 3.11): most of the time of
# the open data went there. indented_json writes the same text directly, for the values the
# data holds; any other value is left to json.dumps itself, so the text is always json.dumps's.
_INDENT = "  "


class _NotPlainJson(Exception):
    """A value indented_json leaves to json.dumps: a tuple, a subclass, a key that is not a
    string, NaN or infinity, a Decimal where plain_decimals is off, an object JSON cannot hold."""


def indented_json(value, plain_decimals: bool = False) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2), the same text, written faster; with
    plain_decimals, of _plain(value) (the YAML's decimals as JSON numbers, converted on the way)."""
    pieces = []
    try:
        _write_json(value, "\n", plain_decimals, pieces)
    except _NotPlainJson:
        return json.dumps(_plain(value) if plain_decimals else value, ensure_ascii=False, indent=2)
    return "".join(pieces)


def _write_json(value, newline: str, plain_decimals: bool, pieces: list) -> None:
    """One value as json.dumps writes it with indent=2, added to pieces, which indented_json
    joins once (a text made for each dict and list, then joined into its parent's, copied the
    deepest lines once for each level above them). newline is the line break and indentation
    of the value's own line. A string inside a dict or a list (most of the data's values are
    texts) is written in place, in the same piece as its key or separator."""
    kind = type(value)
    if kind is dict:
        if not value:
            pieces.append("{}")
            return
        inner, comma = newline + _INDENT, "," + newline + _INDENT
        separator = "{" + inner  # before the first item; before each other item, comma
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlainJson
            if type(item) is str:
                pieces.append(f"{separator}{encode_json_string(key)}: {encode_json_string(item)}")
            else:
                pieces.append(f"{separator}{encode_json_string(key)}: ")
                _write_json(item, inner, plain_decimals, pieces)
            separator = comma
        pieces.append(newline + "}")
    elif kind is list:
        if not value:
            pieces.append("[]")
            return
        inner, comma = newline + _INDENT, "," + newline + _INDENT
        separator = "[" + inner
        for item in value:
            if type(item) is str:
                pieces.append(separator + encode_json_string(item))
            else:
                pieces.append(separator)
                _write_json(item, inner, plain_decimals, pieces)
            separator = comma
        pieces.append(newline + "]")
    else:
        pieces.append(_json_scalar(value, plain_decimals))


def _json_scalar(value, plain_decimals: bool) -> str:
    """A value that is neither a dict nor a list, as json.dumps writes it."""
    kind = type(value)
    if kind is str:
        return encode_json_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    if kind is Decimal and plain_decimals:
        return _json_scalar(_plain(value), plain_decimals)
    raise _NotPlainJson


def _figure_value(figure) -> str:
    """A figure's value as data, not as prose: 9.4, 224786.00, 2021-04-01, 2024-03."""
    if figure.kind == "date":
        return figure.value.isoformat()
    if figure.kind == "month":
        return figure.value.isoformat()[:7]
    return str(figure.value)


# --- The tables' columns -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of an open-data table: the CSV's heading and the Data Package's description of it."""

    heading: str  # the key of its heading in data/interface.yml (the CSV's header, in each language)
    type: str  # its Table Schema type: "string", "integer" or "number"
    description: dict  # locale -> what the column holds, written for reusers of the data
    required: bool = False  # every row has a value
    format: str = "default"  # its Table Schema format ("uri" for a web address)


# The columns of each table, in their order in the CSV. The CSV's header and the Data Package's
# fields are both made from this list, so no column can be written without its description.
COLUMNS = {
    "action-plan": (
        Column("csv_area_number", "integer", {
            "en": "The number of the action plan's area the goal belongs to.",
            "cy": "Rhif maes y cynllun gweithredu y mae'r nod yn perthyn iddo.",
        }, required=True),
        Column("csv_area", "string", {
            "en": "The title of that area.",
            "cy": "Teitl y maes hwnnw.",
        }, required=True),
        Column("csv_goal_number", "string", {
            "en": "The goal's number as the plan writes it: the area's number, a full stop, then the goal's number within the area (1.2). It is a label, not a number: 1.10 would be goal 10 of area 1.",
            "cy": "Rhif y nod fel y mae'r cynllun yn ei ysgrifennu: rhif y maes, atalnod llawn, yna rhif y nod o fewn y maes (1.2). Label yw hwn, nid rhif: 1.10 fyddai nod 10 ym maes 1.",
        }, required=True),
        Column("goal", "string", {
            "en": "The goal, as the plan states it.",
            "cy": "Y nod, fel y mae'r cynllun yn ei nodi.",
        }, required=True),
        Column("csv_item_type", "string", {
            "en": "Whether the row's text is one of the goal's methods (how the goal is to be met) or one of its outcomes (a result expected of it): “Method” or “Outcome”.",
            "cy": "Ai un o ddulliau'r nod yw testun y rhes (sut y bwriedir cyflawni'r nod) ynteu un o'i ganlyniadau (canlyniad a ddisgwylir ganddo): “Dull” neu “Canlyniad”.",
        }, required=True),
        Column("csv_item", "string", {
            "en": "The method or the outcome, as the plan states it.",
            "cy": "Y dull neu'r canlyniad, fel y mae'r cynllun yn ei nodi.",
        }, required=True),
    ),
    "finance": (
        Column("csv_line", "string", {
            "en": "What the amount is: the Welsh Government allocation, the brokerage from the previous year, the total available, one project's agreed spend, or the total agreed spend.",
            "cy": "Beth yw'r swm: dyraniad Llywodraeth Cymru, y froceriaeth o'r flwyddyn flaenorol, y cyfanswm sydd ar gael, y gwariant y cytunwyd arno ar gyfer un prosiect, neu gyfanswm y gwariant y cytunwyd arno.",
        }, required=True),
        Column("csv_amount_gbp", "number", {
            "en": "The amount in pounds sterling, with a decimal point and two decimal places, without a £ sign or thousands separators (224786.00). Empty where the plan states no amount (see the note): an empty amount is not zero.",
            "cy": "Y swm mewn punnoedd sterling, gyda phwynt degol a dau le degol, heb arwydd £ na gwahanyddion miloedd (224786.00). Yn wag lle nad yw'r cynllun yn nodi swm (gweler y nodyn): nid sero yw swm gwag.",
        }),
        Column("csv_note", "string", {
            "en": "“Not stated” where the plan states no amount for the line; otherwise empty.",
            "cy": "“Heb ei nodi” lle nad yw'r cynllun yn nodi swm ar gyfer y llinell; fel arall yn wag.",
        }),
    ),
    "workforce": (
        Column("role", "string", {
            "en": "The role, as the plan names it.",
            "cy": "Y rôl, fel y mae'r cynllun yn ei henwi.",
        }, required=True),
        Column("wte", "number", {
            "en": "The role's whole time equivalent (WTE), as a number (with a decimal point, not a comma): 1 is one full-time post, 0.5 half of one. Empty where the plan states none.",
            "cy": "Cyfwerth ag amser llawn (CALl) y rôl, fel rhif (gyda phwynt degol, nid coma): 1 yw un swydd amser llawn, 0.5 yw hanner un. Yn wag lle nad yw'r cynllun yn nodi un.",
        }),
        Column("csv_funding_note", "string", {
            "en": "How the role is funded, where the plan says; otherwise empty.",
            "cy": "Sut y caiff y rôl ei hariannu, lle mae'r cynllun yn dweud; fel arall yn wag.",
        }),
        Column("csv_purpose", "string", {
            "en": "What the role is for, as the plan states it.",
            "cy": "Diben y rôl, fel y mae'r cynllun yn ei nodi.",
        }),
        Column("outcomes", "string", {
            "en": "The outcomes the plan expects of the role, one to a line (line breaks within the cell).",
            "cy": "Y canlyniadau y mae'r cynllun yn eu disgwyl gan y rôl, un ar bob llinell (toriadau llinell o fewn y gell).",
        }),
    ),
    "needs": (
        Column("csv_topic", "string", {
            "en": "The needs topic the statistic belongs to.",
            "cy": "Y pwnc anghenion y mae'r ystadegyn yn perthyn iddo.",
        }, required=True),
        Column("csv_statistic", "string", {
            "en": "The statistic as the plan states it, its figures written as on the plan's page. A statistic has one row for each of its figures, so its text is repeated.",
            "cy": "Yr ystadegyn fel y mae'r cynllun yn ei nodi, gyda'i ffigurau wedi'u hysgrifennu fel ar dudalen y cynllun. Mae gan ystadegyn un rhes ar gyfer pob un o'i ffigurau, felly caiff ei destun ei ailadrodd.",
        }, required=True),
        Column("csv_figure", "string", {
            "en": "Which of the statistic's figures the row gives: a code, the name the plan's data gives the figure (the statistic's text says what the figure is). The codes are not translated: they are the same in the English and Welsh tables and in the JSON data, so that the two languages' tables can be joined.",
            "cy": "Pa un o ffigurau'r ystadegyn a roddir yn y rhes: cod, sef yr enw a roddir i'r ffigur yn nata'r cynllun (mae testun yr ystadegyn yn dweud beth yw'r ffigur). Nid yw'r codau'n cael eu cyfieithu: maent yr un fath yn y tablau Cymraeg a Saesneg ac yn y data JSON, fel y gellir cysylltu tablau'r ddwy iaith.",
        }, required=True),
        Column("csv_figure_kind", "string", {
            "en": "What kind of figure it is: “number”, “percent”, “money” (pounds sterling), “date”, “month” or “code” (a name, written as it is), as in the JSON data. In the Welsh tables the same kinds are “rhif”, “canran”, “arian”, “dyddiad”, “mis” and “cod”.",
            "cy": "Pa fath o ffigur ydyw: “rhif”, “canran”, “arian” (punnoedd sterling), “dyddiad”, “mis” neu “cod” (enw, wedi'i ysgrifennu fel y mae). Yn y tablau Saesneg ac yn y data JSON, yr un mathau yw “number”, “percent”, “money”, “date”, “month” a “code”.",
        }, required=True),
        Column("csv_figure_value", "string", {
            "en": "The figure's value as data: a number, with a decimal point (not a comma) and no thousands separators (a percentage without its % sign: 9.4 is 9.4%; money in pounds sterling), a date as YYYY-MM-DD, a month as YYYY-MM, a code as it is written.",
            "cy": "Gwerth y ffigur fel data: rhif, gyda phwynt degol (nid coma) a heb wahanyddion miloedd (canran heb ei harwydd %: 9.4 yw 9.4%; arian mewn punnoedd sterling), dyddiad ar ffurf BBBB-MM-DD, mis ar ffurf BBBB-MM, cod fel y'i hysgrifennir.",
        }, required=True),
        Column("period", "string", {
            "en": "The period the statistic covers, as the plan writes it (2019/20); empty where the plan gives none.",
            "cy": "Y cyfnod y mae'r ystadegyn yn ymwneud ag ef, fel y mae'r cynllun yn ei ysgrifennu (2019/20); yn wag lle nad yw'r cynllun yn rhoi un.",
        }),
        Column("source", "string", {
            "en": "Where the plan says the statistic comes from; empty where it names no source.",
            "cy": "O ble y daw'r ystadegyn, yn ôl y cynllun; yn wag lle nad yw'n nodi ffynhonnell.",
        }),
        Column("csv_source_url", "string", {
            "en": "The web address of that source, where the plan gives one; otherwise empty.",
            "cy": "Cyfeiriad gwe'r ffynhonnell honno, lle mae'r cynllun yn rhoi un; fel arall yn wag.",
        }, format="uri"),
        Column("csv_figures_note", "string", {
            "en": "The note the plan's page shows beside the statistic, where it has one: the source document's own caveat on it (“check source”, “check date”), or that its figures are shown as the source states them though they do not fit with another, and why. Empty otherwise.",
            "cy": "Y nodyn a ddangosir wrth ymyl yr ystadegyn ar dudalen y cynllun, lle mae un: cafeat y ddogfen ffynhonnell ei hun arno (“gwirio'r ffynhonnell”, “gwirio'r dyddiad”), neu fod ei ffigurau'n cael eu dangos fel y mae'r ffynhonnell yn eu nodi er nad ydynt yn cyd-fynd â ffigur arall, a pham. Yn wag fel arall.",
        }),
    ),
}


# --- CSV -----------------------------------------------------------------------------------------


def _csv_text(rows: list) -> str:
    """A table as CSV for Excel, from its rows (the header first), each cell already written as
    its CSV field (_csv_field). Every cell goes through spreadsheet.data_cell: a text a
    spreadsheet would read as a formula (=, +, -, @, ...) gets a leading quote; a number
    (-5, 224786.00) is kept as a number (hooks/spreadsheet.py says why).

    The text is what csv.writer(lineterminator="\r\n") writes of the cells (tests/test_open_data.py
    compares the two on any cells and on every real table), written here because csv.writer
    copies every cell a character at a time, several times slower: the tables are most of the
    open data's bytes. A row of one empty cell is written "" (so that it is not read as no cell).
    """
    return "\ufeff" + "".join([",".join(fields) + "\r\n" if fields != [""] else '""\r\n' for fields in rows])


def _csv_fields(values: list) -> list:
    """A row of values as its CSV fields."""
    return [_csv_field(value) for value in values]


def _csv_field(value) -> str:
    """One cell as csv.writer writes it: made safe (data_cell), then in double quotes, its own
    double quotes doubled, if it holds what makes csv.writer (the excel dialect, QUOTE_MINIMAL,
    lines ending in \r\n) quote it: a comma, a double quote, a line break."""
    cell = data_cell(value)
    # Four searches for one character each (the length of a cell at most, often far less): for
    # the cells of these tables, about half the time of one search of a regular expression.
    if '"' in cell or "," in cell or "\n" in cell or "\r" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _as_it_is(value):
    return value


def _rows(plan: Plan, table: str, data: PlanData, locale: str, cell=_as_it_is) -> list:
    """The rows of one table in one language, in the order of COLUMNS[table], each value written
    as cell(value) (the CSV gives _csv_field: its rows are then the CSV's fields, made here).

    Each text is rendered and made a cell once, though a row repeats its area's title and its
    goal (and a needs row its topic and its statistic): rendering a text and writing it as a
    CSV field are the costly steps, and give the same text every time.
    """
    interface_texts, interface_cells = {}, {}  # key -> that interface text in this language (and as a cell), made once for this table

    def ui(key: str) -> str:
        if key not in interface_texts:
            interface_texts[key] = data.interface[key].render(locale)
        return interface_texts[key]

    def ui_cell(key: str):
        if key not in interface_cells:
            interface_cells[key] = cell(ui(key))
        return interface_cells[key]

    def t(text) -> str:
        return "" if text is None else text.render(locale)

    content = plan.content
    if table == "action-plan":
        rows = []
        for area in content["action_plan"].areas:
            number, area_title = cell(area.number), cell(area.title.render(locale))
            for goal in area.goals:
                goal_id, goal_text = cell(goal.id), cell(goal.goal.render(locale))
                for kind, items in ((ui_cell("csv_method"), goal.methods), (ui_cell("csv_outcome"), goal.outcomes)):
                    rows += [[number, area_title, goal_id, goal_text, kind, cell(item.render(locale))] for item in items]
        return rows
    if table == "finance":
        finance = content["finance"]
        rows = [
            [ui("allocation"), f"{finance.allocation:.2f}", ""],
            [ui("brokerage"), f"{finance.brokerage:.2f}", ""],
            [ui("total_available"), f"{finance.stated_total_available:.2f}", ""],
        ]
        for project in finance.projects:
            amount = project.agreed_spend
            rows.append([t(project.project), "" if amount is None else f"{amount:.2f}", ui("not_stated") if amount is None else ""])
        rows.append([ui("total_agreed_spend"), f"{finance.total_spend:.2f}", ""])
        return [[cell(value) for value in row] for row in rows]  # a few rows a plan: each cell made in its row
    if table == "workforce":
        rows = []
        for role in content["workforce"].roles:
            wte = "" if role.wte is None else str(role.wte)
            outcomes = "\n".join(t(o) for o in role.outcomes)
            rows.append([cell(t(role.role)), cell(wte), cell(t(role.funding_note)), cell(t(role.purpose)), cell(outcomes)])
        return rows
    if table == "needs":
        rows = []
        for topic in content["needs"]["topics"]:
            topic_title = cell(t(topic["title"]))
            for text, extra in _statistics(topic):
                common = [cell(extra.get("period", "")), cell(t(extra.get("source"))), cell(extra.get("source_url", "")), cell(_figures_note(extra, ui, t))]
                statistic_text = cell(text.render(locale))
                for name, figure in text.figures.items():
                    rows.append([topic_title, statistic_text, cell(name), ui_cell("csv_kind_" + figure.kind), cell(_figure_value(figure)), *common])
        return rows
    raise ValueError(f"unknown table {table}")


def _statistics(topic: dict):
    """(its text, the rest of what the data says of it) of each statistic of a needs topic, in order."""
    for statistic in topic.get("statistics", []):
        if isinstance(statistic, dict):
            yield statistic["text"], statistic
        else:
            yield statistic, {}


def _figure_names(plan: Plan) -> list:
    """The names the plan's data gives the figures of its needs statistics (the codes of the
    needs table's csv_figure column), sorted."""
    return sorted({name for topic in plan.content["needs"]["topics"] for text, _ in _statistics(topic) for name in text.figures})


def _figures_note(statistic: dict, ui, t) -> str:
    """The notes shown beside a statistic on its page (hooks/templates/_source.md.jinja), as text."""
    notes = []
    if "source_caveat" in statistic:
        notes.append(f"{ui('source_caveat')} “{ui('source_caveat_' + statistic['source_caveat'].replace(' ', '_'))}”.")
    if "as_stated" in statistic:
        notes.append(f"{ui('as_stated')} {t(statistic['as_stated'])}")
    return " ".join(notes)


def _header(table: str, data: PlanData, locale: str) -> list:
    return [data.interface[column.heading].render(locale) for column in COLUMNS[table]]


def plan_csv(plan: Plan, table: str, data: PlanData, locale: str, header: list | None = None) -> str:
    """One table of the plan as CSV for Excel (header: the table's _header, if made already)."""
    header = _header(table, data, locale) if header is None else header
    return _csv_text([_csv_fields(header), *_rows(plan, table, data, locale, _csv_field)])


# --- The Data Package: what the tables hold, column by column ------------------------------------
#
# Beside each language's CSVs, datapackage.json describes them as a Frictionless Data Package
# (version 2, https://datapackage.org/): each table, and each column's name, type, title and
# description, in the language of the CSVs, with the codes a column may hold (constraints.enum).
#
# One package per plan and language, not one for both: a reuser who takes the tables from the
# Welsh page finds their description beside them, in Welsh, and the English reuser the same in
# English; and a package's paths may not leave its folder ("../" is refused as unsafe), so one
# package could not hold the Welsh folder (/cy/data/...) and the English one. Each package names
# the other language's, whose tables have the same rows in the same order.
#
# The plans' data holds no licence, because the health board's documents state none: so the
# package says the licence is not stated, and has no "licenses" (which would claim one).
#
# The tests validate every package with the frictionless library, which reads every row and
# checks it against the schema; the build only writes JSON, and never imports frictionless.

DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark (_csv): the name frictionless and Python give it

_TABLE_TITLES = {
    "action-plan": {"en": "Action plan: goals, methods and outcomes", "cy": "Cynllun gweithredu: nodau, dulliau a chanlyniadau"},
    "finance": {"en": "Finance", "cy": "Cyllid"},
    "workforce": {"en": "Workforce", "cy": "Gweithlu"},
    "needs": {"en": "Needs statistics", "cy": "Ystadegau anghenion"},
}
_TABLE_DESCRIPTIONS = {
    "action-plan": {
        "en": "The action plan: one row for each method and each outcome of each goal, in the plan's order.",
        "cy": "Y cynllun gweithredu: un rhes ar gyfer pob dull a phob canlyniad ar gyfer pob nod, yn nhrefn y cynllun.",
    },
    "finance": {
        "en": "The finance: the Welsh Government allocation, the brokerage from the previous year and the total available, then each project's agreed spend and the total agreed spend.",
        "cy": "Y cyllid: dyraniad Llywodraeth Cymru, y froceriaeth o'r flwyddyn flaenorol a'r cyfanswm sydd ar gael, yna'r gwariant y cytunwyd arno ar gyfer pob prosiect a chyfanswm y gwariant y cytunwyd arno.",
    },
    "workforce": {
        "en": "The roles needed to deliver the action plan: one row for each role.",
        "cy": "Y rolau sydd eu hangen i gyflawni'r cynllun gweithredu: un rhes ar gyfer pob rôl.",
    },
    "needs": {
        "en": "The needs statistics: one row for each figure in each statistic.",
        "cy": "Yr ystadegau anghenion: un rhes ar gyfer pob ffigur ym mhob ystadegyn.",
    },
}
_PACKAGE_TITLE = {"en": "{plan}: data tables", "cy": "{plan}: tablau data"}
_PACKAGE_DESCRIPTION = {
    "en": (
        "The data tables of the {plan}, in English, as its page publishes them. Each table's Table "
        "Schema says what each of its columns holds. A text cell that would begin with a character a "
        "spreadsheet reads as the start of a formula (=, +, -, @, a tab or a carriage return) or with "
        "an apostrophe has one apostrophe (') added in front, so that no spreadsheet runs it. The same "
        "tables in Welsh, with the same rows in the same order, are described at {other}; all the "
        "plan's data, in both languages, is at {json}. Licence: not stated (the source documents state none)."
    ),
    "cy": (
        "Tablau data {plan}, yn Gymraeg, fel y mae tudalen y cynllun yn eu cyhoeddi. Mae sgema (Table "
        "Schema) pob tabl yn dweud beth sydd ym mhob un o'i golofnau. Mae collnod (') ychwanegol o flaen "
        "cell testun a fyddai'n dechrau â nod arbennig y mae taenlen yn ei ddarllen fel dechrau fformiwla "
        "(=, +, -, @, tab neu ddychweliad cerbyd) neu â chollnod, fel na fydd unrhyw daenlen yn ei rhedeg. "
        "Disgrifir yr un tablau yn Saesneg, gyda'r un rhesi yn yr un drefn, yn {other}; mae holl ddata'r "
        "cynllun, yn y ddwy iaith, yn {json}. Trwydded: heb ei nodi (nid yw'r dogfennau ffynhonnell yn nodi un)."
    ),
}


def language_url(site_url: str, locale: str) -> str:
    """The address of a language's part of the site, from the site's address (SITE_URL): the
    default language at the root, the other in its folder (as mkdocs-static-i18n builds them)."""
    return site_url + ("" if locale == locales.DEFAULT_LOCALE else f"{locale}/")


def _created(plan: Plan) -> str | None:
    """When the plan's data was last updated (its own dates, never the clock), as a datetime."""
    dates = plan.content.get("dates") or {}
    day = dates.get("updated") or dates.get("published")
    return f"{day}T00:00:00Z" if day else None


def _field(column: Column, heading: str, plan: Plan, data: PlanData, locale: str) -> dict:
    """A Table Schema field: the column's heading in this language, its type, what it holds, and
    the codes it may hold where it holds codes (written as the CSV writes them)."""
    field = {"name": heading, "type": column.type, "title": heading, "description": column.description[locale]}
    if column.format != "default":
        field["format"] = column.format
    enum = None
    if column.heading == "csv_item_type":
        enum = [data.interface[key].render(locale) for key in ("csv_method", "csv_outcome")]
    elif column.heading == "csv_note":
        enum = [data.interface["not_stated"].render(locale)]
    elif column.heading == "csv_figure_kind":
        enum = [data.interface["csv_kind_" + kind].render(locale) for kind in FIGURE_KINDS]
    elif column.heading == "csv_figure":
        enum = _figure_names(plan)
    constraints = {}
    if column.required:
        constraints["required"] = True
    if enum is not None:
        constraints["enum"] = [data_cell(value) for value in enum]
    if constraints:
        field["constraints"] = constraints
    return field


def datapackage(plan: Plan, tables: dict, data: PlanData, locale: str, site_url: str) -> str:
    """The plan's Data Package in one language. tables: {table: its header} (from _header); site_url:
    the site's address, ending in '/' (SITE_URL), which makes the package's addresses absolute."""
    site_url = site_url or "/"  # without a site address, addresses from the site's root
    other = next(other for other in locales.LOCALES if other != locale)
    page = plan.page[: -len(".md")] + "/"
    resources = []
    for table, header in tables.items():
        fields = [_field(column, heading, plan, data, locale) for column, heading in zip(COLUMNS[table], header)]
        resources.append({
            "name": table,
            "type": "table",
            "path": f"{table}.csv",
            "title": _TABLE_TITLES[table][locale],
            "description": _TABLE_DESCRIPTIONS[table][locale],
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": CSV_ENCODING,
            "schema": {"fields": fields, "missingValues": [""]},
        })
    title = plan.title.render(locale)
    # The source as the health board titles it: a cluster plan names its document; the regional
    # plan is the health board's web page, whose title is the plan's.
    source = plan.content.get("source_document") or plan.title
    package = {
        "$schema": DATA_PACKAGE_PROFILE,
        "name": f"{plan.owner}-{plan.year}-{locale}",
        "title": _PACKAGE_TITLE[locale].format(plan=title),
        "description": _PACKAGE_DESCRIPTION[locale].format(
            plan=title,
            other=language_url(site_url, other) + datapackage_path(plan),
            json=language_url(site_url, locale) + json_path(plan),
        ),
        "languages": [locale],  # the Data Package recipe "Language support": the texts' and the data's language (English without it)
        "homepage": language_url(site_url, locale) + page,
        "sources": [{"title": source.render(locale)}],
    }
    created = _created(plan)
    if created:
        package["created"] = created
    package["resources"] = resources
    return indented_json(package) + "\n"


# --- Writing into a built site -------------------------------------------------------------------


def plan_files(plan: Plan, data: PlanData, locale: str, json_text: str | bytes | None = None, site_url: str = "") -> dict:
    """{path in the language's site: text} of one plan's open data (json_text: its plan_json, if
    made already, or that text in UTF-8, as written; site_url: the site's address, for the Data
    Package's absolute addresses)."""
    outputs = {json_path(plan): plan_json(plan) if json_text is None else json_text}
    tables = {table: _header(table, data, locale) for table in tables_of(plan)}
    for table, header in tables.items():
        outputs[csv_path(plan, table)] = plan_csv(plan, table, data, locale, header)
    if tables:  # a plan with no table (the regional plan, today) has only its JSON and JSON Schema
        outputs[datapackage_path(plan)] = datapackage(plan, tables, data, locale, site_url)
    return outputs


def write_files(site_dir: Path, plans_files) -> list:
    """Write plans' open data files (from plan_files, in plan order; any iterable: each file's
    text, or its UTF-8 bytes) and the schemas they follow."""
    site = os.fspath(Path(site_dir))  # "" is the current folder, as a Path has it
    written = []
    folders = set()  # the folders made by this call: a plan's files share two
    for outputs in plans_files:
        for relative, text in outputs.items():
            folder = relative.rpartition("/")[0]
            if folder not in folders:
                os.makedirs(f"{site}/{folder}", exist_ok=True)
                folders.add(folder)
            content = text if type(text) is bytes else text.encode("utf-8")  # the text as it is: no line ending translated
            _write_bytes(f"{site}/{relative}", content)
            written.append(relative)
    schema_dir = Path(site) / "data" / "schemas"
    schema_dir.mkdir(parents=True, exist_ok=True)
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        shutil.copyfile(schema, schema_dir / schema.name)
        written.append(f"data/schemas/{schema.name}")
    return written


def _write_bytes(path: str, content: bytes) -> None:
    """The file at path made (or emptied) to hold content, as Path.write_bytes makes it (the same
    flags and permissions), without the buffered file object Python opens around the file: a
    thousand files at 90 plans, one write each, the buffer served none of them."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        remaining = memoryview(content)
        while remaining:  # a write may take less than all it is given (a signal, a full disk)
            remaining = remaining[os.write(handle, remaining) :]
    finally:
        os.close(handle)
