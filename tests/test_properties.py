"""Property-based tests (Hypothesis) of the loader, the checks and the renderer.

Whatever the input - any Unicode text in either language, any number or amount, any bytes as a
file - the loader returns data or a clear problem, never another exception; a value is never
silently changed; text from the data is always shown as written, never as HTML or Markdown.

Example counts are modest and the runs are derandomized, so CI time and results are stable.
"""

from __future__ import annotations

import copy
import datetime
import re
import shutil
import unicodedata
from decimal import Decimal
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from hooks.model import plan_data, strict_yaml
from hooks.problems import ContentError, Problem
from hooks.rendering.render import Renderer
from hooks.model.texts import Figure

CORPUS = Path(__file__).resolve().parent / "malformed"
PLAN = "data/plans/upper-valleys/2022-23.yml"
EXTENSIONS = ["attr_list", "tables", "toc", "admonition"]  # as in mkdocs.yml


def modest(examples: int):
    return settings(max_examples=examples, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- strategies ---------------------------------------------------------------------------------

# Any character a file can hold (no lone surrogates, which no UTF-8 file can).
characters = st.characters(blacklist_categories=("Cs",))
any_text = st.text(characters, max_size=60)

# Text as a person might write it: letters of both languages, punctuation, and what HTML,
# Markdown, YAML and our {placeholders} give meaning to.
HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '" onmouseover="alert(1)', "javascript:alert(1)",
    "[link](javascript:alert(1))", "![x](data:text/html,x)", "<a href='javascript:x'>", "**", "_", "`", "#", "|", "\\",
    "{: onclick=alert(1) }", "&amp;", "&#x3C;", "<!--", "-->", "<![CDATA[", "]]>", "\n\n", "\n=== ", "\n---\n", "\n    ",
    "ŵ", "ŷ", "â", "Cymraeg", "Llanelli", "£", "%", "'", '"', ": ", " #", "- ", "yes", "no", "1.10", "0777", "12:30",
]
# (No control characters: the loader refuses them, as a test of its own shows.)
printable = st.characters(blacklist_categories=("Cs", "Cc"))
prose = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(printable, min_size=1, max_size=8)), min_size=1, max_size=8).map("".join)

# YAML-like text: fragments of real syntax in random order, to reach the parser's corners.
YAML_PIECES = [
    "a", "b:", ": ", ":", "- ", "-", "\n", "\n  ", "  ", "\t", "'", '"', "[", "]", "{", "}", ",", "#", "&x ", "*x", "!!str ",
    "!!python/object:os.system ", "!x ", "? ", "|", ">", "---", "...", "%YAML 1.1\n", "yes", "0777", "12:30", "1.10",
    "2024-01-01", "1e5", ".inf", "~", "null", "\\", "\\x02", "\ufeff", "\x00", "\x85", "\u2028", "é", "<<", "=",
]
yaml_like = st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(characters, max_size=3)), max_size=40).map("".join)

money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def _check_problem(problem: Problem) -> None:
    assert isinstance(problem, Problem)
    assert problem.rule and problem.message and problem.hint, problem
    assert "Traceback" not in problem.as_text()


# --- the loader: any text, any bytes ------------------------------------------------------------


@modest(300)
@given(st.one_of(any_text, yaml_like))
def test_parse_returns_a_document_or_a_content_error(text):
    try:
        document = strict_yaml.parse(text, "data/x.yml")
    except ContentError as error:
        assert len(error.problems) == 1
        _check_problem(error.problems[0])
        return
    assert isinstance(document, strict_yaml.Document) and isinstance(document.data, dict)
    for location in document.locations.values():
        assert location[0] >= 1 and location[1] >= 1


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties")


@modest(150)
@given(st.binary(max_size=200))
def test_reading_any_bytes_returns_a_document_or_a_content_error(scratch, raw):
    file = scratch / "any.yml"
    file.write_bytes(raw)
    try:
        strict_yaml.read(file, "data/any.yml")
    except ContentError as error:
        _check_problem(error.problems[0])


class _Dumper(yaml.SafeDumper):
    """Writes Decimals as plain numbers, the way people write amounts (1234.50), and no aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f")))

# Text YAML 1.1 would read as something else: refused with a message saying how to write it.
TRAPS = {"yaml-boolean-word", "yaml-leading-zero", "yaml-base-60", "yaml-bare-date", "yaml-special-number", "yaml-exponent", "yaml-number-too-long"}
# (Keys without line breaks: PyYAML writes such a key in single quotes, which fold the break.)
keys = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12)
values = st.recursive(
    st.one_of(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30), st.integers(-10**12, 10**12), money, st.none(), st.booleans()),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)),
    max_leaves=12,
)


@modest(100)
@given(st.dictionaries(keys, values, min_size=1, max_size=6))
def test_a_value_is_read_exactly_as_written_or_refused_with_a_message(data):
    """Never a silently different value: what YAML writes is read back equal, digits and all."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    try:
        document = strict_yaml.parse(text, "data/x.yml")
    except ContentError as error:
        (problem,) = error.problems
        assert problem.rule in TRAPS | {"yaml-key-type", "yaml-control-character"}, (problem.as_text(), text)
        assert "quotes" in problem.hint or "escape" in problem.hint
        return
    assert document.data == data, text
    decimals = [v for v in _leaves(document.data) if isinstance(v, Decimal)]
    assert all(str(v) == format(w, "f") for v, w in zip(decimals, [v for v in _leaves(data) if isinstance(v, Decimal)]))


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


# --- figures: any number or amount, in both languages -------------------------------------------


@modest(200)
@given(st.one_of(st.integers(-10**15, 10**15), st.decimals(min_value=-10**12, max_value=10**12, places=4, allow_nan=False, allow_infinity=False)))
def test_a_number_is_shown_with_exactly_its_written_digits(value):
    for locale in ("en", "cy"):
        assert Figure("number", value).render(locale) == f"{value:,}"
        assert Figure("percent", value).render(locale) == f"{value:,}%"


@modest(200)
@given(money)
def test_an_amount_is_shown_in_pounds_and_pence(value):
    for locale in ("en", "cy"):
        assert Figure("money", value).render(locale) == f"£{value:,.2f}"


def test_the_locales_write_figures_as_the_site_writes_them():
    """hooks/model/locales.py writes figures as CLDR's data for en_GB and cy_GB says: these patterns, symbols and month names."""
    from babel import Locale

    from hooks.model import locales

    for locale in locales.LOCALES:
        cldr = Locale.parse(locales.babel_locale(locale))
        currency, symbols = cldr.currency_formats["standard"], cldr.number_symbols["latn"]
        assert (currency.pattern, currency.prefix, currency.suffix, currency.grouping, currency.frac_prec) == ("¤#,##0.00", ("¤", "-¤"), ("", ""), (3, 3), (2, 2)), locale
        assert (symbols["decimal"], symbols["group"], symbols["minusSign"], symbols["percentSign"], cldr.currency_symbols["GBP"]) == (".", ",", "-", "%", "£"), locale
        for context in ("format", "stand-alone"):
            assert tuple(cldr.months[context]["wide"][month] for month in range(1, 13)) == locales.MONTHS[locale], (locale, context)


# Numbers as the data holds them: whole numbers, and decimals with the places they were written with.
figures = st.one_of(
    st.integers(-10**15, 10**15),
    st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=-10**6, max_value=10**6, places=5, allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("0.005"), Decimal("0.015"), Decimal("-0.005"), Decimal("-0.001"), Decimal("-0"), Decimal("-0.0"), Decimal("1E+3"), Decimal("2.50E+2"), Decimal("84.0"), Decimal("1.5E-7")]),
)


@modest(3000)
@given(figures)
def test_a_figure_is_written_as_babel_writes_it(value):
    from babel.numbers import format_currency, format_decimal, format_percent

    from hooks.model import locales

    places = max(0, -value.as_tuple().exponent) if isinstance(value, Decimal) else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")  # the decimals as written
    for locale in locales.LOCALES:
        babel_locale = locales.babel_locale(locale)
        assert locales.format_money(value, locale) == format_currency(value, "GBP", locale=babel_locale)
        assert locales.format_number(value, locale) == format_decimal(value, format=pattern, locale=babel_locale, decimal_quantization=True)
        assert locales.format_percentage(value, locale) == format_percent(Decimal(value) / 100, format=pattern + "%", locale=babel_locale, decimal_quantization=True)


@modest(1000)
@given(st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)))
def test_a_day_and_a_month_are_written_as_babel_writes_them(day):
    from babel.dates import format_date

    from hooks.model import locales

    for locale in locales.LOCALES:
        assert locales.format_day(day, locale) == format_date(day, "d MMMM y", locale=locales.babel_locale(locale))
        assert locales.format_month(day, locale) == format_date(day, "LLLL y", locale=locales.babel_locale(locale))


def test_a_figure_is_never_a_float():
    from hooks.model import locales

    for write in (locales.format_number, locales.format_percentage, locales.format_money):
        with pytest.raises(TypeError):
            write(2.675, "en")


# --- a whole plan made of generated values, through the loader, the checks and the renderer -----


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A data folder with the real clusters and interface texts, a small glossary, and one plan."""
    root = tmp_path_factory.mktemp("plan")
    (root / "data" / "plans" / "upper-valleys").mkdir(parents=True)
    for name in ("clusters.yml", "interface.yml"):
        shutil.copy(ROOT / "data" / name, root / "data" / name)
    (root / "data" / "glossary.yml").write_text("terms: []\nsame_in_both: []\n", "utf-8")
    return root


@pytest.fixture(scope="module")
def valid_plan() -> dict:
    return strict_yaml.read(CORPUS / "_valid-cluster-plan.yml").data


def _plan(base: dict, texts: list, population, amounts: list, wte: Decimal, url: str) -> dict:
    """The small valid plan with every text, figure and amount replaced by generated ones.

    A brace in data starts a {placeholder}, so the texts are written with braces doubled, as an
    editor must write them; they are shown with single braces.
    """
    plan = copy.deepcopy(base)
    written = [t.replace("{", "{{").replace("}", "}}") for t in texts]
    pair = iter(zip(written[0::2], written[1::2]))

    def text() -> dict:
        en, cy = next(pair)
        return {"en": en, "cy": cy}

    plan["title"] = text()
    plan["source_document"] = text()
    fact = plan["key_facts"][0]
    en, cy = next(pair)
    fact["text"] = {"en": en + " {population}", "cy": cy + " {population}"}
    fact["figures"] = {"population": population}
    fact["source"] = text()
    fact["source_url"] = url
    area = plan["action_plan"]["areas"][0]
    area["title"] = text()
    goal = area["goals"][0]
    goal["goal"], goal["methods"], goal["outcomes"] = text(), [text()], [text()]
    role = plan["workforce"]["roles"][0]
    role["role"], role["purpose"], role["wte"] = text(), text(), wte
    finance = plan["finance"]
    first = text()
    finance["projects"] = [{"project": first if not n else {"en": f"Project {n}", "cy": f"Prosiect {n}"}, "agreed_spend": amount} for n, amount in enumerate(amounts)]
    finance["allocation"] = finance["stated_total_available"] = finance["stated_total_spend"] = sum(amounts, Decimal("0.00"))
    finance["brokerage"] = Decimal("0.00")
    risk = plan["risks"]["register"][0]
    risk["project"], risk["risk"], risk["impact"], risk["mitigation"] = text(), text(), text(), text()
    return plan


TEXT_COUNT = 2 * 15  # fifteen texts, each in English and Welsh


def _load(project: Path, plan: dict):
    (project / PLAN).write_text(yaml.dump(plan, Dumper=_Dumper, allow_unicode=True, sort_keys=False), "utf-8")
    return plan_data.load(project)


def _render(data) -> BeautifulSoup:
    renderer = Renderer(data)
    page = "\n\n".join(
        f"<!-- plan:{name} upper-valleys/2022-23 -->"
        for name in ("plan-facts", "key-facts", "action-plan", "workforce", "finance", "risks")
    ) + "\n\n<!-- plan:clusters -->\n\n<!-- plan:plans -->\n"
    html = []
    for locale in ("en", "cy"):
        rendered = renderer.render_page(page, locale, "content/x.md", "clusters/upper-valleys/2022-23.md")
        html.append(markdown.markdown(rendered, extensions=EXTENSIONS))
    return BeautifulSoup("\n".join(html), "html.parser")


def _shape(soup: BeautifulSoup) -> tuple:
    tags = {element.name for element in soup.find_all(True)}
    attributes = {(element.name, name) for element in soup.find_all(True) for name in element.attrs}
    return tags, attributes


def _shown(text: str) -> str:
    """Text as a reader sees it: whitespace runs as one space, invisible characters dropped."""
    visible = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf") or c in "\n\t ")
    return " ".join(visible.split())


@pytest.fixture(scope="module")
def plain_shape(project, valid_plan):
    """The elements and attributes of the blocks rendered from harmless text: all the templates make."""
    texts = [f"Text {n}" for n in range(TEXT_COUNT)]
    data = _load(project, _plan(valid_plan, texts, 31088, [Decimal("600.00"), Decimal("400.00")], Decimal("1.0"), "https://www.ons.gov.uk/census"))
    return _shape(_render(data))


# Without the marks of English in a Welsh text ([[ ]]), whose own properties tests/test_english_in_welsh.py checks.
text_list = st.lists(prose.filter(lambda t: t.strip() and "[TO DO" not in t and "[[" not in t and "]]" not in t), min_size=TEXT_COUNT, max_size=TEXT_COUNT)
numbers = st.one_of(st.integers(0, 10**12), st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))


@modest(25)
@given(texts=text_list, population=numbers, amounts=st.lists(money, min_size=1, max_size=3), wte=st.decimals(min_value=0, max_value=99, places=1))
def test_any_text_renders_as_written_and_never_as_html(project, valid_plan, plain_shape, texts, population, amounts, wte):
    data = _load(project, _plan(valid_plan, texts, population, amounts, wte, "https://www.ons.gov.uk/census"))
    soup = _render(data)
    tags, attributes = _shape(soup)
    plain_tags, plain_attributes = plain_shape
    assert tags <= plain_tags, tags - plain_tags  # no element from the data
    assert attributes <= plain_attributes, attributes - plain_attributes  # no attribute from the data
    for element in soup.find_all(href=True):
        assert element["href"].startswith(("https://", "../", "../../", "2022-23")) or not element["href"].split("/")[0].endswith(":"), element
    shown = _shown(soup.get_text(" "))
    for text in texts:
        assert _shown(text) in shown, text  # shown as written, braces and all
    assert f"{population:,}" in shown
    assert f"£{sum(amounts):,.2f}" in shown


PUBLIC_URL = re.compile(r"https?://[^\s<>\"']+")  # the whole of the value, and nothing else


@modest(40)
@given(url=st.one_of(any_text, st.sampled_from(["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "data:text/html,<script>", "vbscript:x", "https://x.org/\" onmouseover=\"x", "https://x.org/<script>", "//evil.example/x", "mailto:a@b"]), st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), max_size=20).map(lambda t: "https://" + t)))
def test_a_link_in_data_is_a_public_web_address_or_refused(project, valid_plan, url):
    texts = [f"Text {n}" for n in range(TEXT_COUNT)]
    try:
        data = _load(project, _plan(valid_plan, texts, 1, [Decimal("1.00")], Decimal("1.0"), url))
    except ContentError as error:
        (problem,) = error.problems
        assert (problem.rule, problem.field) == ("schema-pattern", "key_facts[0].source_url") or problem.rule == "yaml-control-character", problem.as_text()
        assert not PUBLIC_URL.fullmatch(url), url
        return
    assert PUBLIC_URL.fullmatch(url), url
    (link,) = [a for a in _render(data).find_all("a", href=True) if "plan-source" in " ".join(a.parent.get("class", []))][:1]
    assert link["href"] == url and not any(name.startswith("on") for name in link.attrs)


@modest(40)
@given(en=prose, cy=prose)
def test_any_placeholder_text_loads_and_renders_or_gives_a_figure_problem(project, valid_plan, en, cy):
    """Braces as people type them: either a clear figure problem, or a text that renders in both languages."""
    plan = _plan(valid_plan, [f"Text {n}" for n in range(TEXT_COUNT)], 5, [Decimal("1.00")], Decimal("1.0"), "https://x.org")
    plan["key_facts"][0]["text"] = {"en": en, "cy": cy}
    assume("[TO DO" not in en + cy)
    try:
        data = _load(project, plan)
    except ContentError as error:
        for problem in error.problems:
            _check_problem(problem)
            marks = problem.rule == "english-mark" and any(mark in en + cy for mark in ("[[", "]]"))  # a mark of English that does not pair
            assert problem.rule.startswith("figure-") or problem.rule == "schema-minLength" or marks, problem.as_text()
        return
    fact = data.plans["upper-valleys/2022-23"].content["key_facts"][0]["text"]
    for locale in ("en", "cy"):
        assert "5" in fact.render(locale) or "{" not in fact.source(locale)


@modest(30)
@given(amounts=st.lists(money, min_size=1, max_size=4), difference=st.one_of(st.just(Decimal("0.00")), money.filter(bool)), sign=st.sampled_from([1, -1]))
def test_finance_totals_are_checked_to_the_penny(project, valid_plan, amounts, difference, sign):
    plan = _plan(valid_plan, [f"Text {n}" for n in range(TEXT_COUNT)], 5, amounts, Decimal("1.0"), "https://x.org")
    stated = sum(amounts, Decimal("0.00")) + sign * difference
    assume(stated >= 0)
    plan["finance"]["stated_total_spend"] = stated
    if not difference:
        data = _load(project, plan)
        assert "upper-valleys/2022-23" in data.plans
        return
    with pytest.raises(ContentError) as caught:
        _load(project, plan)
    (problem,) = caught.value.problems
    assert problem.rule == "finance-total" and f"£{stated:,.2f}" in problem.message


@modest(200)
@given(st.one_of(yaml_like, any_text))
def test_the_fast_reader_reads_what_the_careful_reader_reads(text):
    """hooks.model.strict_yaml reads with libyaml where it can: same data, same locations, same refusals."""

    def outcome(reader):
        try:
            document = reader(text)
        except ContentError as error:
            return [p.as_text() for p in error.problems]
        return document.data, document.locations

    fast = outcome(lambda text: strict_yaml.parse(text, "f.yml"))
    original = strict_yaml._compose_fast
    strict_yaml._compose_fast = lambda text: None
    try:
        careful = outcome(lambda text: strict_yaml.parse(text, "f.yml"))
    finally:
        strict_yaml._compose_fast = original
    assert fast == careful, text
