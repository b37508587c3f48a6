"""Open data: every plan published beside its page as JSON and as CSV tables.

For each plan, in each language's part of the site:
    data/<cluster>/<year>.json            the validated data, both languages (same in /cy/)
    data/<cluster>/<year>/<table>.csv     one table, in that language (UTF-8 with BOM for Excel)
    data/schemas/<kind>.schema.json       the schemas the JSON follows
The addresses are stable: they depend only on the plan's cluster and year.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

from typing import TYPE_CHECKING

from hooks.spreadsheet import data_cell

if TYPE_CHECKING:  # the plan data is passed in: a build whose open data is in the cache never loads it
    from hooks.model.plan_data import Plan, PlanData

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schemas"
TABLES = ("action-plan", "finance", "workforce", "needs")


def json_path(plan: Plan) -> str:
    return f"data/{plan.id}.json"


def csv_path(plan: Plan, table: str) -> str:
    return f"data/{plan.id}/{table}.csv"


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
    document.update(_plain(plan.document.data))  # the validated data, exactly as written
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _figure_value(figure) -> str:
    """A figure's value as data, not as prose: 9.4, 224786.00, 2021-04-01, 2024-03."""
    if figure.kind == "date":
        return figure.value.isoformat()
    if figure.kind == "month":
        return figure.value.isoformat()[:7]
    return str(figure.value)


# --- CSV -----------------------------------------------------------------------------------------


def _csv(header: list, rows: list) -> str:
    """A table as CSV for Excel. Every cell goes through spreadsheet.data_cell: a text a
    spreadsheet would read as a formula (=, +, -, @, ...) gets a leading quote; a number
    (-5, 224786.00) is kept as a number (hooks/spreadsheet.py says why)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([data_cell(cell) for cell in header])
    writer.writerows([data_cell(cell) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def plan_csv(plan: Plan, table: str, data: PlanData, locale: str) -> str:
    def ui(key: str) -> str:
        return data.interface[key].render(locale)

    def t(text) -> str:
        return "" if text is None else text.render(locale)

    content = plan.content
    if table == "action-plan":
        header = [ui("csv_area_number"), ui("csv_area"), ui("csv_goal_number"), ui("goal"), ui("csv_item_type"), ui("csv_item")]
        rows = []
        for area in content["action_plan"].areas:
            for goal in area.goals:
                for kind, items in (("csv_method", goal.methods), ("csv_outcome", goal.outcomes)):
                    rows.extend([area.number, t(area.title), goal.id, t(goal.goal), ui(kind), t(item)] for item in items)
        return _csv(header, rows)
    if table == "finance":
        finance = content["finance"]
        header = [ui("csv_line"), ui("csv_amount_gbp"), ui("csv_note")]
        rows = [
            [ui("allocation"), f"{finance.allocation:.2f}", ""],
            [ui("brokerage"), f"{finance.brokerage:.2f}", ""],
            [ui("total_available"), f"{finance.stated_total_available:.2f}", ""],
        ]
        for project in finance.projects:
            amount = project.agreed_spend
            rows.append([t(project.project), "" if amount is None else f"{amount:.2f}", ui("not_stated") if amount is None else ""])
        rows.append([ui("total_agreed_spend"), f"{finance.total_spend:.2f}", ""])
        return _csv(header, rows)
    if table == "workforce":
        header = [ui("role"), ui("wte"), ui("csv_funding_note"), ui("csv_purpose"), ui("outcomes")]
        rows = []
        for role in content["workforce"].roles:
            wte = "" if role.wte is None else str(role.wte)
            outcomes = "\n".join(t(o) for o in role.outcomes)
            rows.append([t(role.role), wte, t(role.funding_note), t(role.purpose), outcomes])
        return _csv(header, rows)
    if table == "needs":
        header = [ui("csv_topic"), ui("csv_statistic"), ui("csv_figure"), ui("csv_figure_kind"), ui("csv_figure_value"), ui("period"), ui("source"), ui("csv_source_url")]
        rows = []
        for topic in content["needs"]["topics"]:
            for statistic in topic.get("statistics", []):
                text = statistic["text"] if isinstance(statistic, dict) else statistic
                extra = statistic if isinstance(statistic, dict) else {}
                common = [extra.get("period", ""), t(extra.get("source")), extra.get("source_url", "")]
                for name, figure in text.figures.items():
                    rows.append([t(topic["title"]), text.render(locale), name, ui("csv_kind_" + figure.kind), _figure_value(figure), *common])
        return _csv(header, rows)
    raise ValueError(f"unknown table {table}")


# --- Writing into a built site -------------------------------------------------------------------


def plan_files(plan: Plan, data: PlanData, locale: str, json_text: str | None = None) -> dict:
    """{path in the language's site: text} of one plan's open data (json_text: its plan_json, if made already)."""
    outputs = {json_path(plan): plan_json(plan) if json_text is None else json_text}
    for table in tables_of(plan):
        outputs[csv_path(plan, table)] = plan_csv(plan, table, data, locale)
    return outputs


def write_files(site_dir: Path, plans_files) -> list:
    """Write plans' open data files (from plan_files, in plan order; any iterable) and the schemas they follow."""
    site_dir = Path(site_dir)
    written = []
    for outputs in plans_files:
        for relative, text in outputs.items():
            target = site_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8", newline="")
            written.append(relative)
    schema_dir = site_dir / "data" / "schemas"
    schema_dir.mkdir(parents=True, exist_ok=True)
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        shutil.copyfile(schema, schema_dir / schema.name)
        written.append(f"data/schemas/{schema.name}")
    return written
