"""Static bar charts of a plan's figures, drawn at build time as inline SVG: no script, no library.

Two kinds, each shown beside the text it draws (which stays the text alternative):

- needs: a statistic's cluster figure beside the health board's and Wales's (`value`,
  `health_board`, `wales`; `value_adults`, `health_board_adults`, `wales_adults` is a second
  comparison of the same statistic), one small chart per comparison;
- finance: each project's agreed spend, on one scale with the allocation (and the total agreed
  spend), beside the finance tables.

The rule of what may be compared, in `comparisons`:

1. figures are compared only within one statistic, never across two: two statements may differ
   in period, source or definition (the plan's 17% and 19.7% adult smoking figures do);
2. the figures of one comparison are of one kind (all percentages, or all numbers): different
   units are never drawn on one scale;
3. a statistic the source states inconsistently (its `as_stated` note in the data, shown beside
   it on the page) gets no chart.

This module computes what is drawn (each bar's label, its value as the page's language writes
it, its length); hooks/templates/_charts.md.jinja writes the SVG, escaped as every block is.
Every length is in proportion to its figure, from zero, on the chart's one scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hooks.model.texts import Figure

# The areas of a comparison, in the order drawn: the figure's name (before any suffix) and its label.
AREAS = ("value", "health_board", "wales")
CHARTED_KINDS = ("percent", "number")

# A second comparison within one statistic: its suffix, the interface text that names the group,
# and the figure whose value follows that text ("Patients aged 16+").
GROUPS = {
    "": (None, None),
    "_adults": ("chart_group_patients_aged", "age"),
}

# Geometry, in SVG user units (CSS pixels at the chart's natural width).
WIDTH = 400
ROW = 44  # a label's line above its bar
LABEL_BASELINE = 15
BAR_TOP = 21
BAR_HEIGHT = 16
VALUE_GAP = 6
VALUE_ROOM = {"percent": 56, "number": 64, "money": 104}  # room kept right of the longest bar for its value


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal  # the figure as the data writes it
    value_text: str  # as the page's language writes it
    kind: str  # "cluster", "comparator", "project", "total", "allocation": how it is drawn
    row: int
    length: float = 0.0  # 0 for a bar with no figure ("Not stated")

    @property
    def y(self) -> int:
        return self.row * ROW

    @property
    def label_y(self) -> int:
        return self.y + LABEL_BASELINE

    @property
    def bar_y(self) -> int:
        return self.y + BAR_TOP

    @property
    def value_x(self) -> float:
        return round(self.length + VALUE_GAP, 1)

    @property
    def value_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 3


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str
    bars: tuple  # of Bar
    rule_after: int | None = None  # a line under this row (the projects apart from the totals)

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def height(self) -> int:
        return max(bar.row for bar in self.bars) * ROW + ROW

    @property
    def rule_y(self) -> int | None:
        return None if self.rule_after is None else (self.rule_after + 1) * ROW - 2


@dataclass(frozen=True)
class Comparison:
    """One comparison of a statistic, or why it has none."""

    suffix: str
    figures: dict  # area -> Figure, in AREAS order
    reason: str | None  # None: it is charted


def _lengths(values: list, kind: str) -> list:
    """Each value's bar length on one scale from zero, the largest filling the room for bars."""
    room = WIDTH - VALUE_ROOM[kind]
    largest = max(values, default=Decimal(0))
    if largest <= 0:
        return [0.0 for _ in values]
    return [round(float(Decimal(value) / largest * room), 1) for value in values]


def _text(statistic):
    """A statistic's text: a statistic is its text alone, or a mapping of its text, period and source."""
    return statistic["text"] if isinstance(statistic, dict) else statistic


def comparisons(statistic) -> list:
    """The comparisons of one statistic, charted or not, with why not."""
    figures = _text(statistic).figures
    found = []
    for suffix in GROUPS:
        present = {area: figures[area + suffix] for area in AREAS if area + suffix in figures}
        if "value" not in present or len(present) < 2:
            continue  # not the cluster beside the health board or Wales
        # A statistic shown as the source states it, though its figures do not fit together (the
        # data's as_stated, with the note beside it on the page), is never charted.
        reason = "the source states its figures inconsistently (as_stated)" if isinstance(statistic, dict) and "as_stated" in statistic else None
        kinds = {figure.kind for figure in present.values()}
        if reason is None and len(kinds) > 1:
            reason = "its figures are of different kinds (" + ", ".join(sorted(kinds)) + ")"
        elif reason is None and kinds - set(CHARTED_KINDS):
            reason = "its figures are not numbers or percentages"
        found.append(Comparison(suffix, present, reason))
    return found


def needs_charts(plan, topic: dict, statistic: dict, locale: str, ui, t, clusters) -> list:
    """The charts of one needs statistic, in the page's language (ui and t render interface and data texts)."""
    cluster = next((c for c in clusters if c.id == plan.owner), None)
    labels = {
        "value": t(cluster.title) if cluster else ui("cluster"),
        "health_board": ui("chart_health_board"),
        "wales": ui("chart_wales"),
    }
    charts = []
    for comparison in comparisons(statistic):
        if comparison.reason is not None:
            continue
        areas = list(comparison.figures)
        values = [comparison.figures[area].value for area in areas]
        kind = comparison.figures["value"].kind
        bars = tuple(
            Bar(labels[area], Decimal(value), comparison.figures[area].render(locale), "cluster" if area == "value" else "comparator", row, length)
            for row, (area, value, length) in enumerate(zip(areas, values, _lengths(values, kind)))
        )
        title = t(topic["title"])
        group_key, group_figure = GROUPS[comparison.suffix]
        if group_key:
            figure = _text(statistic).figures.get(group_figure)
            title += ", " + ui(group_key) + (" " + figure.render(locale) + "+" if figure else "")
        title += ": " + ui("chart_needs_title")
        period = statistic.get("period") if isinstance(statistic, dict) else None
        if period:
            title += " (" + period + ")"
        charts.append(Chart(title, ui(_needs_summary(values)), bars))
    return charts


def _needs_summary(values: list) -> str:
    """The interface text that says where the cluster's figure (the first) stands among the others."""
    cluster, others = values[0], values[1:]
    if all(cluster > other for other in others):
        return "chart_summary_higher" if len(others) > 1 else "chart_summary_higher_one"
    if all(cluster < other for other in others):
        return "chart_summary_lower" if len(others) > 1 else "chart_summary_lower_one"
    if len(others) > 1 and min(others) < cluster < max(others):
        return "chart_summary_between"
    return "chart_summary_level"


def finance_chart(finance, year: str, locale: str, ui, t) -> Chart:
    """Each project's agreed spend, largest first (a project with no amount last, with no bar),
    then the total agreed spend and the allocation, all on one scale."""
    stated = sorted((p for p in finance.projects if p.agreed_spend is not None), key=lambda p: -Decimal(p.agreed_spend))
    unstated = [p for p in finance.projects if p.agreed_spend is None]
    totals = [("total_agreed_spend", finance.total_spend, "total"), ("allocation", finance.allocation, "allocation")]
    if finance.brokerage:
        totals.append(("total_available", finance.total_available, "allocation"))
    values = [Decimal(p.agreed_spend) for p in stated] + [Decimal(value) for _, value, _ in totals]
    lengths = _lengths(values, "money")

    def money(value) -> str:
        return Figure("money", value).render(locale)

    bars = [Bar(t(p.project), Decimal(p.agreed_spend), money(p.agreed_spend), "project", row, lengths[row]) for row, p in enumerate(stated)]
    bars += [Bar(t(p.project), Decimal(0), ui("not_stated"), "project", len(bars) + index) for index, p in enumerate(unstated)]
    last_project = len(bars) - 1
    for index, (key, value, kind) in enumerate(totals):
        bars.append(Bar(ui(key), Decimal(value), money(value), kind, len(bars), lengths[len(stated) + index]))
    if finance.total_spend < finance.allocation:
        summary = "chart_finance_summary_under"
    elif finance.total_spend == finance.allocation:
        summary = "chart_finance_summary_equal"
    else:
        summary = "chart_finance_summary_over"
    title = ui("chart_finance_title") + (" " + year if year else "")
    return Chart(title, ui(summary), tuple(bars), rule_after=last_project)
