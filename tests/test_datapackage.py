"""The Data Package beside each plan's CSV tables (issue 15): it describes every column of every
table in the tables' language, validates with the frictionless library (which reads every row and
checks it against the Table Schema), claims no licence, and is linked from the plan's page."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from hooks.rendering import open_data

LOCALES = ("en", "cy")


def _language_root(site: Path, locale: str) -> Path:
    return site / "cy" if locale == "cy" else site


def _plans_with_tables(data) -> list:
    return [plan for plan in data.plans.values() if open_data.tables_of(plan)]


def _package_file(site: Path, locale: str, plan) -> Path:
    return _language_root(site, locale) / open_data.datapackage_path(plan)


def _package(site: Path, locale: str, plan) -> dict:
    return json.loads(_package_file(site, locale, plan).read_text("utf-8"))


def _header(csv_file: Path) -> list:
    return next(csv.reader(io.StringIO(csv_file.read_text("utf-8-sig"))))


def _undescribed_columns(package_file: Path) -> list:
    """(table, column) of each CSV column the package gives no field with a name, type, title and
    description for, and of each field that is no column of its CSV, in the CSV's order."""
    package = json.loads(package_file.read_text("utf-8"))
    found = []
    for resource in package["resources"]:
        fields = resource["schema"]["fields"]
        described = [f["name"] for f in fields if all(isinstance(f.get(key), str) and f[key].strip() for key in ("name", "type", "title", "description"))]
        header = _header(package_file.parent / resource["path"])
        found += [(resource["name"], column) for column in header if column not in described]
        found += [(resource["name"], field["name"]) for field in fields if field["name"] not in header]
    return found


def _errors(report) -> list:
    return report.flatten(["type", "note"])


def test_the_tests_read_a_plan_with_every_table(data):
    """So that every table's schema is checked below (a plan with no table has no package)."""
    assert "upper-valleys/2022-23" in [plan.id for plan in _plans_with_tables(data)]
    assert open_data.tables_of(data.plans["upper-valleys/2022-23"]) == ["action-plan", "finance", "workforce", "needs"]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_package_is_valid_and_every_row_fits_its_schema(site, data, locale):
    for plan in _plans_with_tables(data):
        report = frictionless.validate(str(_package_file(site, locale, plan)))
        assert report.valid, _errors(report)
        tables = open_data.tables_of(plan)
        assert [task.name for task in report.tasks] == tables
        for task, table in zip(report.tasks, tables):  # every row was read and checked
            rows = list(csv.reader(io.StringIO((_package_file(site, locale, plan).parent / f"{table}.csv").read_text("utf-8-sig"))))
            assert task.stats["rows"] == len(rows) - 1 > 0, table


@pytest.mark.parametrize("locale", LOCALES)
def test_every_csv_column_is_described_in_the_language_of_its_csv(site, data, locale):
    other = "en" if locale == "cy" else "cy"
    for plan in _plans_with_tables(data):
        package_file = _package_file(site, locale, plan)
        assert _undescribed_columns(package_file) == []
        package, other_package = _package(site, locale, plan), _package(site, other, plan)
        assert package["languages"] == [locale]
        for resource, other_resource in zip(package["resources"], other_package["resources"], strict=True):
            assert resource["path"] == other_resource["path"] == f"{resource['name']}.csv"
            assert [f["name"] for f in resource["schema"]["fields"]] == _header(package_file.parent / resource["path"])
            assert resource["title"] != other_resource["title"] and resource["description"] != other_resource["description"]
            for field, other_field in zip(resource["schema"]["fields"], other_resource["schema"]["fields"], strict=True):
                assert field["type"] == other_field["type"]
                assert field["description"] != other_field["description"], field["name"]  # written in each language, not copied


def test_the_needs_codes_are_documented_in_both_languages(site, data):
    """Issue 14: "Ffigur" holds codes, the same in both languages; "Math o ffigur" holds a word of
    the table's language. The schema lists them (constraints.enum) and says so."""
    plan = data.plans["upper-valleys/2022-23"]
    fields = {}
    for locale in LOCALES:
        (needs,) = [r for r in _package(site, locale, plan)["resources"] if r["name"] == "needs"]
        fields[locale] = {f["name"]: f for f in needs["schema"]["fields"]}
    figure, figure_cy = fields["en"]["Figure"], fields["cy"]["Ffigur"]
    assert figure["constraints"]["enum"] == figure_cy["constraints"]["enum"]
    assert {"health_board", "wales", "value"} <= set(figure["constraints"]["enum"])
    assert "not translated" in figure["description"] and "Nid yw'r codau'n cael eu cyfieithu" in figure_cy["description"]
    kind, kind_cy = fields["en"]["Kind of figure"], fields["cy"]["Math o ffigur"]
    assert kind["constraints"]["enum"] == ["number", "percent", "money", "date", "month", "code"]
    assert kind_cy["constraints"]["enum"] == ["rhif", "canran", "arian", "dyddiad", "mis", "cod"]
    for english, welsh in zip(kind["constraints"]["enum"], kind_cy["constraints"]["enum"]):  # each description gives both
        assert f"“{english}”" in kind["description"] and f"“{welsh}”" in kind["description"]
        assert f"“{english}”" in kind_cy["description"] and f"“{welsh}”" in kind_cy["description"]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_package_says_the_licence_is_not_stated_and_claims_none(site, data, locale):
    for plan in _plans_with_tables(data):
        package = _package(site, locale, plan)
        text = json.dumps(package, ensure_ascii=False)
        assert "licenses" not in package and "license" not in text.lower().replace("licence", "")
        stated = {"en": "Licence: not stated", "cy": "Trwydded: heb ei nodi"}[locale]
        assert stated in package["description"]
        for name in ("creativecommons", "cc-by", "cc0", "open government licence", "ogl-uk", "opendatacommons", "odc-", "pddl"):
            assert name not in text.lower()


@pytest.mark.parametrize("locale", LOCALES)
def test_the_package_names_its_plan_page_source_and_date(site, data, locale):
    root = _language_root(site, locale)
    for plan in _plans_with_tables(data):
        package = _package(site, locale, plan)
        assert package["name"] == f"{plan.owner}-{plan.year}-{locale}"
        assert package["title"].startswith(plan.title.render(locale))
        page = BeautifulSoup((root / plan.page[: -len(".md")] / "index.html").read_text("utf-8"), "html.parser")
        assert package["homepage"] == page.select_one('link[rel="canonical"]')["href"]  # the address the site gives the page
        assert package["sources"] == [{"title": plan.content["source_document"].render(locale)}]
        assert package["created"] == plan.content["dates"]["updated"] + "T00:00:00Z"  # from the data, never the clock
        other = "en" if locale == "cy" else "cy"
        other_page = _package(site, other, plan)["homepage"]
        other_language_url = other_page[: -len(plan.page[: -len(".md")] + "/")]
        assert other_language_url + open_data.datapackage_path(plan) in package["description"]  # the other language's package
        for resource in package["resources"]:
            raw = (_package_file(site, locale, plan).parent / resource["path"]).read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf") and resource["encoding"] == "utf-8-sig"  # the CSVs' real encoding
            assert (resource["format"], resource["mediatype"], resource["type"]) == ("csv", "text/csv", "table")


def test_the_two_languages_tables_have_the_same_rows_in_the_same_order(site, data):
    """What each package's description promises: the tables can be joined row by row."""
    for plan in _plans_with_tables(data):
        for table in open_data.tables_of(plan):
            rows = {locale: list(csv.reader(io.StringIO((_language_root(site, locale) / open_data.csv_path(plan, table)).read_text("utf-8-sig")))) for locale in LOCALES}
            assert len(rows["en"]) == len(rows["cy"])
            same_in_both = {"csv_goal_number", "csv_figure", "csv_figure_value", "period", "csv_source_url"}  # codes and figures
            neutral = [i for i, column in enumerate(open_data.COLUMNS[table]) if column.type != "string" or column.heading in same_in_both]
            assert neutral, table
            assert [[row[i] for i in neutral] for row in rows["en"][1:]] == [[row[i] for i in neutral] for row in rows["cy"][1:]]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_plan_page_links_to_its_package(site, data, locale):
    root = _language_root(site, locale)
    label = data.interface["download_datapackage"].render(locale)
    for plan in data.plans.values():
        page_dir = root / plan.page[: -len(".md")]
        soup = BeautifulSoup((page_dir / "index.html").read_text("utf-8"), "html.parser")
        links = [a for a in soup.select(".plan-downloads a") if a["href"].endswith("datapackage.json")]
        if not open_data.tables_of(plan):
            assert links == [] and not _package_file(site, locale, plan).exists(), plan.id
            continue
        (link,) = links
        assert (page_dir / link["href"]).resolve() == _package_file(site, locale, plan).resolve()
        assert link.get_text() == label and link["type"] == "application/json"


# --- A package that no longer fits its tables fails ----------------------------------------------


@pytest.fixture
def copied_tables(site, data, tmp_path) -> Path:
    """The Welsh package of the Upper Valleys plan and its CSVs, copied to change them."""
    source = _package_file(site, "cy", data.plans["upper-valleys/2022-23"]).parent
    shutil.copytree(source, tmp_path / "tables")
    return tmp_path / "tables" / "datapackage.json"


def _add_column(csv_file: Path, heading: str, value: str) -> None:
    rows = list(csv.reader(io.StringIO(csv_file.read_text("utf-8-sig"))))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([rows[0] + [heading]] + [row + [value] for row in rows[1:]])
    csv_file.write_text("\ufeff" + buffer.getvalue(), "utf-8", newline="")


def test_a_column_added_without_its_description_fails(copied_tables):
    assert frictionless.validate(str(copied_tables)).valid and _undescribed_columns(copied_tables) == []
    _add_column(copied_tables.parent / "finance.csv", "Blwyddyn", "2022-23")
    report = frictionless.validate(str(copied_tables))
    assert not report.valid
    assert "extra-label" in {error_type for error_type, _ in _errors(report)}
    assert _undescribed_columns(copied_tables) == [("finance", "Blwyddyn")]


def test_a_field_without_its_description_is_reported(copied_tables):
    package = json.loads(copied_tables.read_text("utf-8"))
    del package["resources"][0]["schema"]["fields"][1]["description"]
    copied_tables.write_text(json.dumps(package, ensure_ascii=False), "utf-8")
    assert _undescribed_columns(copied_tables) == [("action-plan", "Maes")]


def test_an_english_code_in_the_welsh_kind_of_figure_fails(copied_tables):
    """The Welsh table's "Math o ffigur" holds Welsh words: "percent" there is an error."""
    needs = copied_tables.parent / "needs.csv"
    needs.write_text(needs.read_text("utf-8").replace(",canran,", ",percent,", 1), "utf-8", newline="")
    report = frictionless.validate(str(copied_tables))
    assert not report.valid
    assert [error_type for error_type, _ in _errors(report)] == ["constraint-error"]


def test_an_amount_that_is_not_a_number_fails(copied_tables):
    finance = copied_tables.parent / "finance.csv"
    finance.write_text(finance.read_text("utf-8").replace(",224786.00,", ",£224,786.00,", 1), "utf-8", newline="")
    report = frictionless.validate(str(copied_tables))
    assert not report.valid and "type-error" in {error_type for error_type, _ in _errors(report)}


def test_a_source_web_address_that_is_no_address_fails(copied_tables):
    needs = copied_tables.parent / "needs.csv"
    text = needs.read_text("utf-8")
    assert ",https://" in text
    needs.write_text(text.replace(",https://", ",see the plan ", 1), "utf-8", newline="")
    report = frictionless.validate(str(copied_tables))
    assert not report.valid and [error_type for error_type, _ in _errors(report)] == ["type-error"]


# --- The build never imports frictionless --------------------------------------------------------


def test_writing_the_open_data_does_not_import_frictionless(tmp_path):
    """Frictionless checks the packages in the tests only; the build writes them as plain JSON."""
    program = (
        "import sys\n"
        "from hooks import mkdocs_hooks, publication\n"
        "from hooks.rendering import open_data\n"
        f"made = publication.make({str(ROOT)!r})\n"
        "for locale in ('en', 'cy'):\n"
        f"    open_data.write_files({str(tmp_path)!r} + '/' + locale, made.open_data_files(locale, 'https://example.org/'))\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'frictionless'))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    written = tmp_path / "cy" / "data" / "upper-valleys" / "2022-23" / "datapackage.json"
    assert json.loads(written.read_text("utf-8"))["homepage"] == "https://example.org/cy/clusters/upper-valleys/2022-23/"
