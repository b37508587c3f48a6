"""The static SVG charts (hooks/rendering/charts.py), on the built Upper Valleys page in both languages:
each chart's words are the page's language and its figures are written the language's way, the
bars are drawn to the data's scale, an incomparable statistic has no chart, no SVG holds a script,
and the finance chart adds up as the finance table does."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import parse_decimal
from bs4 import BeautifulSoup

from hooks.model import locales
from hooks.model.texts import Figure, Text
from hooks.rendering import charts

PLAN = "upper-valleys/2022-23"
PAGES = {"en": "clusters/upper-valleys/2022-23/index.html", "cy": "cy/clusters/upper-valleys/2022-23/index.html"}
SUMMARIES = ("chart_summary_higher", "chart_summary_lower", "chart_summary_between", "chart_summary_higher_one", "chart_summary_lower_one", "chart_summary_level")


def page(site, locale: str) -> BeautifulSoup:
    return BeautifulSoup((site / PAGES[locale]).read_text("utf-8"), "html.parser")


def chart_parts(figure) -> dict:
    """What a chart shows: its title, summary, and each bar's label, value text, kind and length."""
    svg = figure.find("svg")
    texts = svg.find_all("text")
    bars, rects = [], {int(r["y"]) - charts.BAR_TOP: r for r in svg.find_all("rect")}
    for label, value in zip(texts[0::2], texts[1::2]):
        row_y = int(label["y"]) - charts.LABEL_BASELINE
        rect = rects.get(row_y)
        bars.append({
            "label": label.get_text(),
            "value": value.get_text(),
            "kind": rect["class"][0].removeprefix("plan-chart-") if rect else None,
            "length": float(rect["width"]) if rect else 0.0,
        })
    return {
        "title": figure.find(class_="plan-chart-title").get_text(),
        "summary": figure.find(class_="plan-chart-summary").get_text(),
        "bars": bars,
        "svg": svg,
    }


def expected_needs_charts(data, locale: str) -> list:
    """The charts the needs block should draw, worked out here from the data: each comparison of the
    cluster's figure with the health board's and Wales's within one statistic, of one kind, apart from
    the statistics listed as not comparable."""
    plan = data.plans[PLAN]
    ui = lambda key: data.interface[key].render(locale)  # noqa: E731
    cluster = next(c for c in data.clusters if c.id == plan.owner)
    found = []
    for topic in plan.content["needs"]["topics"]:
        for number, statistic in enumerate(topic.get("statistics", []), 1):
            figures = statistic["text"].figures
            for suffix in ("", "_adults"):
                names = [name + suffix for name in ("value", "health_board", "wales")]
                if not all(name in figures for name in names):
                    continue
                if "as_stated" in statistic:
                    continue
                if len({figures[name].kind for name in names}) != 1:
                    continue
                values = [figures[name].value for name in names]
                found.append({
                    "topic": topic["title"].render(locale),
                    "period": statistic.get("period"),
                    "group": suffix,
                    "age": figures["age"].render(locale) if suffix else None,
                    "labels": [cluster.title.render(locale), ui("chart_health_board"), ui("chart_wales")],
                    "values": values,
                    "value_texts": [locales.format_percentage(v, locale) if figures[n].kind == "percent" else locales.format_number(v, locale) for v, n in zip(values, names)],
                })
    return found


@pytest.mark.parametrize("locale", locales.LOCALES)
def test_needs_charts_are_in_the_pages_language_with_its_number_formats(site, data, locale):
    ui = lambda key: data.interface[key].render(locale)  # noqa: E731
    needs = page(site, locale).find(id="needs-obesity").find_parent()
    drawn = [chart_parts(f) for f in needs.find_all("figure", class_="plan-chart") if f.find("rect", class_="plan-chart-cluster")]
    expected = expected_needs_charts(data, locale)
    assert len(expected) == 5  # obesity (all patients, 16+), diabetes, heart failure, smoking
    assert len(drawn) == len(expected)
    for chart, want in zip(drawn, expected):
        title = want["topic"]
        if want["group"]:
            title += ", " + ui("chart_group_patients_aged") + " " + want["age"] + "+"
        title += ": " + ui("chart_needs_title") + (f" ({want['period']})" if want["period"] else "")
        assert chart["title"] == title
        cluster, *others = want["values"]
        assert chart["summary"] == ui("chart_summary_higher" if all(cluster > o for o in others) else "chart_summary_lower" if all(cluster < o for o in others) else "chart_summary_between")
        assert [b["label"] for b in chart["bars"]] == want["labels"]
        assert [b["value"] for b in chart["bars"]] == want["value_texts"]
        assert [b["kind"] for b in chart["bars"]] == ["cluster", "comparator", "comparator"]


def test_the_welsh_charts_are_not_in_english(site, data):
    english = {chart_parts(f)["title"] for f in page(site, "en").find_all("figure", class_="plan-chart")}
    welsh = [chart_parts(f) for f in page(site, "cy").find_all("figure", class_="plan-chart")]
    assert welsh and not english & {chart["title"] for chart in welsh}
    for chart in welsh:
        assert chart["summary"] in {data.interface[key].render("cy") for key in SUMMARIES + ("chart_finance_summary_under", "chart_finance_summary_equal", "chart_finance_summary_over")}
        assert "Wales" not in chart["svg"].get_text() and "Health Board" not in chart["svg"].get_text()


@pytest.mark.parametrize("locale", locales.LOCALES)
def test_bar_lengths_are_in_proportion_to_the_figures(site, data, locale):
    figures = page(site, locale).find_all("figure", class_="plan-chart")
    expected = expected_needs_charts(data, locale)
    needs = [chart_parts(f) for f in figures if f.find("rect", class_="plan-chart-cluster")]
    for chart, want in zip(needs, expected):
        lengths = [b["length"] for b in chart["bars"]]
        largest = max(want["values"])
        assert max(lengths) == charts.WIDTH - charts.VALUE_ROOM["percent"]  # from zero, the largest filling the room
        for length, value in zip(lengths, want["values"]):
            assert length == pytest.approx(float(Decimal(value) / largest) * max(lengths), abs=0.06)
    finance = data.plans[PLAN].content["finance"]
    chart = chart_parts(next(f for f in figures if f.find("rect", class_="plan-chart-allocation")))
    allocation = next(b for b in chart["bars"] if b["kind"] == "allocation")
    scale = allocation["length"] / float(finance.allocation)
    for bar in chart["bars"]:
        if bar["length"]:
            amount = parse_decimal(bar["value"].lstrip("£"), locale=locales.babel_locale(locale))
            assert bar["length"] == pytest.approx(float(amount) * scale, abs=0.06)


@pytest.mark.parametrize("locale", locales.LOCALES)
def test_the_finance_chart_adds_up_as_the_finance_table_says(site, data, locale):
    soup = page(site, locale)
    table = soup.find("table", class_="plan-spend")
    figure = next(f for f in soup.find_all("figure", class_="plan-chart") if f.find("rect", class_="plan-chart-allocation"))
    chart = chart_parts(figure)
    finance = data.plans[PLAN].content["finance"]
    ui = lambda key: data.interface[key].render(locale)  # noqa: E731
    assert chart["title"] == ui("chart_finance_title") + " " + finance.year
    assert chart["summary"] == ui("chart_finance_summary_under")  # 202,382.50 of 224,786.00
    projects = [b for b in chart["bars"] if b["kind"] in ("project", None) and b["label"] not in (ui("total_agreed_spend"), ui("allocation"))]
    rows = {row.th.get_text(): row.td.get_text() for row in table.tbody.find_all("tr")}
    assert {b["label"]: b["value"] for b in projects} == rows  # every project of the table, its amount as the table writes it
    assert [b["label"] for b in projects if b["value"] == ui("not_stated")] == [p.project.render(locale) for p in finance.projects if p.agreed_spend is None]
    amounts = [parse_decimal(b["value"].lstrip("£"), locale=locales.babel_locale(locale)) for b in projects if b["value"] != ui("not_stated")]
    table_total = table.tfoot.td.get_text()
    assert locales.format_money(sum(amounts), locale) == table_total
    assert sum(amounts) == finance.stated_total_spend  # and as the plan states it
    total = next(b for b in chart["bars"] if b["kind"] == "total")
    assert (total["label"], total["value"]) == (ui("total_agreed_spend"), table_total)
    allocation = next(b for b in chart["bars"] if b["kind"] == "allocation")
    budget = {row.th.get_text(): row.td.get_text() for row in soup.find("table", class_="plan-budget").tbody.find_all("tr")}
    assert (allocation["label"], allocation["value"]) == (ui("allocation"), budget[ui("allocation")])
    assert [b["value"] for b in projects][: len(amounts)] == [locales.format_money(a, locale) for a in sorted(amounts, reverse=True)]  # largest first


@pytest.mark.parametrize("locale", locales.LOCALES)
def test_a_statistic_the_source_states_inconsistently_has_no_chart(site, data, locale):
    topic = next(t for t in data.plans[PLAN].content["needs"]["topics"] if t["id"] == "dementia")
    statistic = topic["statistics"][0]
    assert statistic["text"].figures["wales"] == Figure("percent", Decimal("0.070"))  # the source's ".070%" beside ".73%"
    assert "as_stated" in statistic  # shown as stated, with the note beside it
    found = charts.comparisons(statistic)
    assert len(found) == 1 and found[0].reason and "as_stated" in found[0].reason
    soup = page(site, locale)
    section = []
    heading = soup.find(id="needs-dementia")
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        section.append(sibling)
    assert section and not any(s.name == "figure" or s.find("figure") for s in section)
    assert statistic["text"].render(locale) in " ".join(s.get_text() for s in section)  # the statement itself is still listed
    titles = [f.find(class_="plan-chart-title").get_text() for f in soup.find_all("figure", class_="plan-chart")]
    assert not any(title.startswith(topic["title"].render(locale)) for title in titles)


def test_figures_of_different_kinds_or_without_the_cluster_are_not_compared():
    mixed = {"text": Text("{value} {health_board} {wales}", "{value} {health_board} {wales}", {"value": Figure("percent", Decimal("9.4")), "health_board": Figure("number", Decimal("8.2")), "wales": Figure("percent", Decimal("8.3"))})}
    (comparison,) = charts.comparisons(mixed)
    assert comparison.reason and "different kinds" in comparison.reason
    codes = {"text": Text("{value} {wales}", "{value} {wales}", {"value": Figure("code", "2019"), "wales": Figure("code", "2018")})}
    assert charts.comparisons(codes)[0].reason
    areas_only = {"text": Text("{health_board} {wales}", "{health_board} {wales}", {"health_board": Figure("percent", Decimal("21.1")), "wales": Figure("percent", Decimal("19"))})}
    assert charts.comparisons(areas_only) == []  # no cluster figure: nothing to compare it with


def test_no_svg_of_the_site_holds_a_script_or_an_event_handler(site):
    checked = 0
    for file in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        for svg in soup.find_all("svg"):
            assert svg.find("script") is None, file
            for element in [svg, *svg.find_all(True)]:
                assert not any(name.lower().startswith("on") for name in element.attrs), (file, element.name)
                assert not any("javascript:" in str(value).lower() for value in element.attrs.values()), (file, element.name)
            checked += 1
    assert checked


@pytest.mark.parametrize("locale", locales.LOCALES)
def test_each_chart_is_hidden_from_assistive_technology_beside_its_text_alternative(site, locale):
    soup = page(site, locale)
    figures = soup.find_all("figure", class_="plan-chart")
    assert len(figures) == 6
    for figure in figures:
        svg = figure.find("svg")
        assert svg["aria-hidden"] == "true" and svg.parent is figure
        assert {e.name for e in svg.find_all(True)} <= {"rect", "text", "line"}  # plain SVG: nothing the page's hooks wrapped into it
        assert figure.contents[0].name == "figcaption" or figure.find("figcaption") is figure.find(True)
        alternative = figure.find_previous_sibling(["ul", "div"])
        assert alternative is not None and (alternative.name == "ul" and "plan-statistics" in alternative["class"] or alternative.find("table") is not None)


def test_a_statistic_written_as_a_text_alone_has_no_comparison():
    assert charts.comparisons(Text("Rates rose.", "Cododd y cyfraddau.")) == []
