"""The Welsh put right (issue 14, point 4): the theme's interface strings on the Welsh pages,
the plans' Welsh texts, the open data and the counted nouns. Each test reads the built site or
the data, and asserts the corrected wording is there and the old one is not."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

MATERIAL = Path(importlib.util.find_spec("material").origin).parent / "templates"
WELSH_PAGES = ["cy/index.html", "cy/clusters/upper-valleys/2022-23/index.html", "cy/pan-cluster-plan/2024-25/index.html", "cy/about/index.html"]
ENGLISH_PAGES = [page[len("cy/"):] for page in WELSH_PAGES]


def _html(site: Path, page: str) -> str:
    return (site / page).read_text("utf-8")


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup(_html(site, page), "html.parser")


def _translations(soup: BeautifulSoup) -> dict:
    """The strings Material's search script shows (results count, no results, ...), as the page gives them."""
    return json.loads(soup.select_one("script#__config").string)["translations"]


def _theme_strings(path: Path) -> dict:
    """key: string of one of Material's language files (or of the site's corrections)."""
    return dict(re.findall(r'^\s*"([a-z.]+)": "([^"]*)",?$', path.read_text("utf-8"), re.M))


# --- The theme's interface text ------------------------------------------------------------------

CORRECTED = {
    "search.result.other": ("# o ddogfennau sy'n cyfateb", "# dogfennau sy'n cyfateb"),
    "top": ("Yn ôl i'r brig", "Nôl i'r brig"),
    "toc": ("Cynnwys y dudalen", "Cynnwys tudalen"),
    "header": ("Pennyn", "Pennawd"),
    "search.result.initializer": ("Wrthi'n paratoi'r chwilio", "Cychwyn chwilio"),
}


def test_the_site_overrides_only_the_reviewed_welsh_strings_in_one_place():
    """overrides/partials/theme-strings.html holds just the changed keys, each a key of the
    theme's Welsh that it really changes; the theme's old wording is what the review found."""
    theme = _theme_strings(MATERIAL / "partials" / "languages" / "cy.html")
    ours = _theme_strings(ROOT / "overrides" / "partials" / "theme-strings.html")
    assert ours == {key: new for key, (new, _) in CORRECTED.items()}
    for key, (new, old) in CORRECTED.items():
        assert theme[key] == old, f"the theme's Welsh for {key} is no longer {old!r}: review the override"
    # nowhere else does the site set these strings
    for path in (ROOT / "overrides").rglob("*.html"):
        if path.name != "theme-strings.html":
            text = path.read_text("utf-8")
            assert not any(new in text for new, _ in CORRECTED.values()), path


@pytest.mark.parametrize("page", WELSH_PAGES)
def test_welsh_pages_show_the_corrected_theme_strings(site, page):
    soup = _soup(site, page)
    html = _html(site, page)
    assert soup.select_one(".md-top").get_text(" ", strip=True) == "Yn ôl i'r brig"
    assert soup.select_one("header nav.md-header__inner")["aria-label"] == "Pennyn"
    assert soup.select_one(".md-search-result__meta").get_text(strip=True) == "Wrthi'n paratoi'r chwilio"
    toc = soup.select_one("nav.md-nav--secondary")
    assert toc["aria-label"] == "Cynnwys y dudalen"
    for _, old in CORRECTED.values():
        assert old not in html and old.replace("'", "&#39;") not in html, old
    # the search script's own strings, in the page's config
    translations = _translations(soup)
    assert translations["search.result.other"] == "# o ddogfennau sy'n cyfateb"
    # every other string is still the theme's Welsh, not English
    assert translations["search.result.none"] == "Dim dogfennau sy'n cyfateb"
    assert translations["search.result.one"] == "1 dogfen sy'n cyfateb"
    assert translations["search.result.placeholder"] == "Teipiwch i ddechrau chwilio"
    assert soup.select_one("a.md-skip").get_text(strip=True) == "Neidio i'r cynnwys"
    assert soup.select_one("input.md-search__input")["placeholder"] == "Chwilio"
    assert soup.html["lang"] == "cy"


@pytest.mark.parametrize("page", ENGLISH_PAGES)
def test_english_pages_keep_the_themes_english(site, page):
    soup = _soup(site, page)
    assert soup.select_one(".md-top").get_text(" ", strip=True) == "Back to top"
    assert soup.select_one("header nav.md-header__inner")["aria-label"] == "Header"
    assert soup.select_one(".md-search-result__meta").get_text(strip=True) == "Initializing search"
    assert _translations(soup)["search.result.other"] == "# matching documents"


# --- The plans' Welsh ----------------------------------------------------------------------------

UPPER_VALLEYS = "cy/clusters/upper-valleys/2022-23/index.html"
PAN_CLUSTER = "cy/pan-cluster-plan/2024-25/index.html"

# (page, the corrected wording, the old wording it replaces)
REVIEWED = [
    (UPPER_VALLEYS, "Ardaloedd Cynnyrch Ehangach Haen Is (ACEHI)", "AGEHI"),
    (UPPER_VALLEYS, "Ardaloedd Cynnyrch Ehangach Haen Is (ACEHI)", "Ardal Gynnyrch"),
    (UPPER_VALLEYS, "ganran gymharol is", "ganran ychydig yn is"),
    (UPPER_VALLEYS, "Datblygu dull cyson o leihau cyffredinrwydd ysmygu", "cyfraddau ysmygu"),
    (UPPER_VALLEYS, "Cyffredinrwydd ysmygu lleol is", "Cyfraddau ysmygu"),
    (UPPER_VALLEYS, "Nododd ymatebwyr ym Mwrdd Iechyd Prifysgol Bae Abertawe y lefel uchaf", "a nododd y lefel uchaf"),
    (UPPER_VALLEYS, "Offeryn Llesiant Meddyliol yng Nghymru 2018 gan Iechyd Cyhoeddus Cymru", "2018 Iechyd Cyhoeddus Cymru"),
    (UPPER_VALLEYS, "ar gyfer sgrinio'r coluddyn, sef 55.8%", "coluddyn, gyda"),
    (UPPER_VALLEYS, "Datblygu ymhellach dimau amlddisgyblaethol a gwasanaethau newydd a rennir", "a rennir ymhellach"),
    (UPPER_VALLEYS, "Canran y treialon llwyddiannus heb gathetr (TWOC)", "(TWOC) llwyddiannus"),
    (UPPER_VALLEYS, "Rhwydwaith Clwstwr y Cymoedd Uchaf (UVCN) i roi digon o rybudd fel y gall y prosiect Magu Plant mewn Pandemig (PIP) baratoi", "UVCN i "),
    (UPPER_VALLEYS, "yn gyfraddau wedi'u safoni yn ôl oedran Ewropeaidd (EASR)", "EASR fesul"),
    (UPPER_VALLEYS, "(325 fesul 100,000, cyfradd wedi'i safoni yn ôl oedran Ewropeaidd, EASR)", "325 EASR"),
    (UPPER_VALLEYS, "system gwneud cais am brofion meddygon teulu (GPTR)", "defnydd o GPTR"),
    (UPPER_VALLEYS, "Rhaglen Atal Diabetes Cymru Gyfan (AWDPP)", "Cyflwyno AWDPP"),
    (PAN_CLUSTER, "Model Gofal Sylfaenol i Gymru (MGSiG)", "Model Gofal Sylfaenol i Gymru ar waith"),
    ("cy/accessibility/index.html", "yn Gymraeg neu'n Saesneg", "neu yn Saesneg"),
    ("cy/accessibility/index.html", "(Gwefannau a Chymwysiadau Symudol)", "Rhaglenni Symudol"),
]


def _text(site: Path, page: str) -> str:
    """The page's article as a reader reads it (tags, abbreviation tooltips and all, taken away)."""
    return re.sub(r"\s+", " ", _soup(site, page).select_one("article").get_text(" ")).replace(" )", ")").replace("( ", "(")


@pytest.mark.parametrize("page, new, old", REVIEWED)
def test_the_welsh_holds_the_reviewed_wording_and_not_the_old(site, page, new, old):
    text = _text(site, page)
    assert new in text
    assert old not in text


def test_the_clusters_table_names_the_upper_valleys_with_its_article(site):
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in _soup(site, "cy/clusters/index.html").select("article table tr")]
    names = [row[0] for row in rows if row]
    assert "Y Cymoedd Uchaf" in names and "Cymoedd Uchaf" not in names


def test_no_welsh_plan_text_leaves_a_risk_abbreviation_bare(data):
    """UVCN, PIP, EASR, AWDPP, GPTR: each Welsh text that uses one also gives its Welsh name."""
    expansions = {
        "UVCN": "Rhwydwaith Clwstwr y Cymoedd Uchaf (UVCN)",
        "PIP": "Magu Plant mewn Pandemig (PIP)",
        "EASR": "safoni yn ôl oedran Ewropeaidd",
        "AWDPP": "Rhaglen Atal Diabetes Cymru Gyfan (AWDPP)",
        "GPTR": "system gwneud cais am brofion meddygon teulu (GPTR)",
    }
    used = set()
    for text in data.texts:
        for abbreviation, expansion in expansions.items():
            if re.search(rf"\b{abbreviation}\b", text.cy):
                used.add(abbreviation)
                assert expansion in text.cy, (abbreviation, text.cy)
    assert used == set(expansions)


def test_the_glossary_keeps_in_step(data):
    terms = {term["en"]: term for term in data.glossary.terms}
    assert terms["Lower Super Output Area (LSOA)"]["cy"] == "Ardaloedd Cynnyrch Ehangach Haen Is (ACEHI)"
    assert "Swansea Council" in terms["Lower Super Output Area (LSOA)"]["note"]
    assert terms["smoking prevalence"]["cy"] == "cyffredinrwydd ysmygu"
    assert terms["PCMW"]["cy"] == "MGSiG"
    pcpg = terms["Pan Cluster Planning Group"]
    assert pcpg["cy"] == "Grŵp Cynllunio Pan-Glwstwr" and "clystyrau cyfan" in pcpg["note"]


# --- Counted nouns -------------------------------------------------------------------------------


@pytest.mark.parametrize("number, form", [
    (1, "flwyddyn"), (2, "flynedd"), (3, "blynedd"), (4, "blynedd"), (5, "mlynedd"), (6, "blynedd"),
    (7, "mlynedd"), (8, "mlynedd"), (9, "mlynedd"), (10, "mlynedd"), (11, "o flynyddoedd"), (12, "mlynedd"),
    (15, "mlynedd"), (20, "mlynedd"), (100, "mlynedd"), (0, "o flynyddoedd"),
])
def test_years_follow_the_number(number, form):
    from decimal import Decimal

    from hooks.model.locales import count_noun

    assert count_noun(number, "blwyddyn") == form
    assert count_noun(Decimal(number), "blwyddyn") == form
    assert count_noun(Decimal("1.5"), "blwyddyn") == "o flynyddoedd"


@pytest.mark.parametrize("noun, forms", [
    ("practis", {1: "practis", 2: "bractis", 3: "phractis", 4: "practis", 6: "phractis"}),
    ("llyfrgell", {1: "llyfrgell", 2: "lyfrgell", 3: "llyfrgell"}),
    ("nod", {1: "nod", 2: "nod", 3: "nod"}),
    ("ysgol", {1: "ysgol", 2: "ysgol", 3: "ysgol"}),
])
def test_other_counted_nouns_take_the_mutation_of_the_number(noun, forms):
    from hooks.model.locales import count_noun

    assert {n: count_noun(n, noun) for n in forms} == forms


@pytest.mark.parametrize("years, welsh", [(1, "ar ôl 1 flwyddyn"), (2, "ar ôl 2 flynedd"), (3, "ar ôl 3 blynedd"), (5, "ar ôl 5 mlynedd")])
def test_a_welsh_text_counts_its_figure(years, welsh):
    from hooks.model.texts import Figure, Text

    for written in ("flwyddyn", "mlynedd", "blwyddyn"):
        text = Text(f"after {{years}} year", f"ar ôl {{years}} {written}", {"years": Figure("number", years)})
        assert text.render("cy") == welsh
        assert text.render("en") == f"after {years} year"


def test_every_welsh_text_that_counts_years_goes_through_the_rule(data):
    """grep: each year counted after a figure in the Welsh data is a number the rule reads."""
    from hooks.model.locales import COUNTED_FORMS_CY, count_noun

    counted = 0
    for text in data.texts:
        for name, written in re.findall(r"\{(\w+)\} (\w+)", text.cy):
            if COUNTED_FORMS_CY.get(written) == "blwyddyn":
                counted += 1
                figure = text.figures[name]
                assert figure.kind == "number"
                assert f"{figure.render('cy')} {count_noun(figure.value, 'blwyddyn')}" in text.render("cy")
    assert counted == 3
    # the risk register's "{years} year" (1), the PNA's "{years}-year period" (5)
    html = "\n".join(text.render("cy") for text in data.texts)
    assert "1 flwyddyn" in html and "cyfnod 5 mlynedd" in html


# --- The open data's codes -----------------------------------------------------------------------


def _needs(site: Path, folder: str) -> list:
    import csv
    import io

    text = (site / folder / "data" / "upper-valleys" / "2022-23" / "needs.csv").read_text("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_welsh_needs_csv_gives_the_kind_of_figure_in_welsh_and_the_figure_as_a_documented_code(site):
    """Decision (issue 14): "Math o ffigur" is a word in the table's language (canran, rhif, mis,
    ...); "Ffigur" is the figure's name in the text, a code the same in both languages (and in the
    JSON), which joins the two tables; the downloads say so, in each language."""
    welsh, english = _needs(site, "cy"), _needs(site, "")
    assert len(welsh) == len(english) > 50
    kinds = {row["Math o ffigur"] for row in welsh}
    assert kinds <= {"rhif", "canran", "arian", "dyddiad", "mis", "cod"} and {"rhif", "canran", "mis"} <= kinds
    assert not kinds & {"number", "percent", "money", "date", "month", "code"}
    assert {row["Kind of figure"] for row in english} <= {"number", "percent", "money", "date", "month", "code"}
    assert [row["Ffigur"] for row in welsh] == [row["Figure"] for row in english]
    assert "health_board" in {row["Ffigur"] for row in welsh}
    welsh_page = _text(site, UPPER_VALLEYS)
    assert "“Ffigur” yw'r enw y mae'r testun yn ei roi i'r ffigur (health_board, wales, value, ...): cod, yr un fath yn y ddwy iaith" in welsh_page
    assert "“Figure” is the name the text gives the figure (health_board, wales, value, ...): a code, the same in both languages" in _text(site, UPPER_VALLEYS[len("cy/"):])


# --- Welsh search on its own terms (point 5) -----------------------------------------------------


def test_welsh_search_applies_no_english_stemming_or_stop_words(site):
    """The Welsh index says lang "en" (lunr has no Welsh) with an empty pipeline. Material's search
    worker removes from both lunr's indexing pipeline and its query pipeline (searchPipeline) each
    of trimmer, stopWordFilter and stemmer that the config's pipeline does not name, for every
    language of config.lang; "en" is plain lunr, whose builder is the only one adding them. So
    with pipeline [] no English stemmer or stop-word filter touches Welsh text or queries. The
    English index keeps the theme's default (its own stemming)."""
    welsh = json.loads((site / "cy" / "search" / "search_index.json").read_text("utf-8"))
    english = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert welsh["config"]["lang"] == ["en"] and welsh["config"]["pipeline"] == []
    assert english["config"]["pipeline"] != [] or english["config"] != welsh["config"]
    worker = next((MATERIAL / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text("utf-8")
    removal = re.search(
        r'let (\w+)=\w+\(\["trimmer","stopWordFilter","stemmer"\],(\w+)\.pipeline\);'
        r'for\(let (\w+) of \2\.lang\.map\((\w+)=>\4==="en"\?lunr:lunr\[\4\]\)\)'
        r'for\(let (\w+) of \1\)this\.pipeline\.remove\(\3\[\5\]\),this\.searchPipeline\.remove\(\3\[\5\]\)',
        worker,
    )
    assert removal, "Material's search worker no longer removes the pipeline functions the config leaves out: check Welsh search again"
    # the difference helper really is "those of the first list not in the second"
    helper = re.search(r"let \w+=(\w+)\(\[\"trimmer\"", worker).group(1)
    assert re.search(rf"function {helper}\(\w+,\w+\)\{{let\[(\w+),(\w+)\]=\[new Set\(\w+\),new Set\(\w+\)\];return\[\.\.\.new Set\(\[\.\.\.\1\]\.filter\((\w+)=>!\2\.has\(\3\)\)\)\]\}}", worker), helper
    # Welsh words that are English stop words ("am", "a") stay in the Welsh index's text
    text = " ".join(doc["text"] for doc in welsh["docs"])
    assert re.search(r"\bam\b", text) and re.search(r"\ba\b", text)


def test_the_language_partial_is_the_installed_materials_with_one_change():
    """The build's partials/language.html is Material's (three lines), made by hooks/theme.py with
    one change: each of the theme's lines is there unchanged but the last, which asks the
    corrections first. overrides/ holds no copy of it."""
    from hooks import theme

    assert not (ROOT / "overrides" / "partials" / "language.html").exists()
    installed = (MATERIAL / "partials" / "language.html").read_text("utf-8")
    ours = installed
    for change in theme.CHANGES:
        if change.template == "partials/language.html":
            ours = theme.changed(ours, change, "Material")
    theme_lines = [line for line in installed.splitlines() if line.startswith("{%")]
    assert theme_lines[:2] == [line for line in ours.splitlines() if line.startswith("{% import")][:2]
    assert theme_lines[2] == "{% macro t(key) %}{{ lang.t(key) or fallback.t(key) or key }}{% endmacro %}"
    assert theme_lines[2] not in ours
    assert "{% macro t(key) %}{{ corrected.t(language, key) or lang.t(key) or fallback.t(key) or key }}{% endmacro %}" in ours
