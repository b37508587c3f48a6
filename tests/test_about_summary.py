"""About this summary (issue 14, part 3): each plan page says, in both languages, how the summary
relates to its source document, and the source's own notes and the figures shown as stated are
noted beside the figures themselves.

On the built site: both plan pages have the section, in each language, with every list of the
plan's `about` in its order; the notes ("check source", "check date", "As stated in the source
document.") sit in the list item of the statistic, key fact or asset they belong to, and in no
other; the dementia statistic still gets no chart. On the data: the notes are where the source
documents need them. Without a build: a plan without `about` is valid (the schema makes it
optional), its page's plan:about marker is a problem naming the page and line, and the schema
refuses a malformed `about` or an unknown caveat with a plain message in both languages.
"""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from hooks.model import plan_data, schemas, strict_yaml
from hooks.model.sections import About
from hooks.problems import ContentError
from hooks.rendering import charts
from hooks.rendering.render import Renderer

UPPER_VALLEYS = "upper-valleys/2022-23"
PAN_CLUSTER = "pan-cluster/2024-25"
PAGES = {
    UPPER_VALLEYS: {"en": "clusters/upper-valleys/2022-23/index.html", "cy": "cy/clusters/upper-valleys/2022-23/index.html"},
    PAN_CLUSTER: {"en": "pan-cluster-plan/2024-25/index.html", "cy": "cy/pan-cluster-plan/2024-25/index.html"},
}
HEADINGS = {"en": "About this summary", "cy": "Ynglŷn â'r crynodeb hwn"}
LOCALES = ("en", "cy")


def _page(site, plan_id: str, locale: str) -> BeautifulSoup:
    return BeautifulSoup((site / PAGES[plan_id][locale]).read_text("utf-8"), "html.parser")


def _words(text: str) -> str:
    return " ".join(text.split())


def _ui(data, key: str, locale: str) -> str:
    return data.interface[key].render(locale)


def _section_after(heading) -> list:
    """The elements after a heading, up to the next heading of the same level or higher."""
    level = int(heading.name[1])
    found = []
    for element in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", element.name) and int(element.name[1]) <= level:
            break
        found.append(element)
    return found


def _about_section(soup: BeautifulSoup, locale: str) -> list:
    (heading,) = [h for h in soup.select("article h2") if _words(h.get_text()) == HEADINGS[locale]]
    return _section_after(heading)


# --- The section on the built pages ----------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("plan_id", [UPPER_VALLEYS, PAN_CLUSTER])
def test_each_plan_page_has_its_about_section_with_every_list_in_its_language(site, data, plan_id, locale):
    about = data.plans[plan_id].content["about"]
    assert isinstance(about, About)
    elements = _about_section(_page(site, plan_id, locale), locale)
    assert elements and elements[0].name == "p"
    assert _words(elements[0].get_text()) == _words(about.introduction.render(locale))
    headings = [e for e in elements if e.name == "h3"]
    assert [h.get("id") for h in headings] == ["about-" + name.replace("_", "-") for name, _ in about.lists]
    assert [_words(h.get_text()) for h in headings] == [_ui(data, "about_" + name, locale) for name, _ in about.lists]
    for heading, (name, texts) in zip(headings, about.lists):
        (listing,) = [e for e in _section_after(heading) if e.name == "ul"]
        items = [_words(li.get_text()) for li in listing.find_all("li", recursive=False)]
        assert items == [_words(text.render(locale)) for text in texts], (plan_id, name, locale)


def test_the_two_languages_give_the_same_lists_with_different_words(site, data):
    for plan_id in (UPPER_VALLEYS, PAN_CLUSTER):
        shapes = {}
        for locale in LOCALES:
            elements = _about_section(_page(site, plan_id, locale), locale)
            shapes[locale] = [(e.get("id"), len(e.find_all("li"))) for e in elements if e.name in ("h3", "ul")]
            assert shapes[locale], plan_id
        assert shapes["en"] == shapes["cy"], plan_id
    for key in ("about_corrected", "about_left_out", "about_source_notes", "about_as_stated", "as_stated", "source_caveat", "source_caveat_check_source"):
        assert _ui(data, key, "en") != _ui(data, key, "cy"), key  # the Welsh is translated, not the English again


def test_the_upper_valleys_about_section_says_what_the_issue_asks(site):
    """What the summary corrected, left out, and shows as stated, as the English page says it; the
    Welsh page says the same in its lists (test above) with the same figures."""
    elements = _about_section(_page(site, UPPER_VALLEYS, "en"), "en")
    by_list = {}
    for heading in (e for e in elements if e.name == "h3"):
        (listing,) = [e for e in _section_after(heading) if e.name == "ul"]
        by_list[heading["id"]] = _words(listing.get_text(" "))
    assert "“Cluser”" in by_list["about-corrected"] and "“prevelance”" in by_list["about-corrected"]
    assert "“per 100,00”" in by_list["about-corrected"] and "“per 1000,00”" in by_list["about-corrected"]
    assert "Responsible lead for reviewing" in by_list["about-left-out"]
    assert "terms of reference" in by_list["about-left-out"]
    assert "(check source)" in by_list["about-source-notes"] and "(check date)" in by_list["about-source-notes"]
    as_stated = by_list["about-as-stated"]
    assert "0.070%" in as_stated and "0.73%" in as_stated and "Neath Cluster" in as_stated
    assert "10,940" in as_stated and "18.7%" in as_stated
    assert re.search(r"\b4 dental practices\b.*\b3 dental practices\b", as_stated)


# --- The notes beside the figures -------------------------------------------------------------------


def _noted_entries(plan) -> list:
    """(block, place, entry) of every needs statistic, key fact and asset item of the plan."""
    content = plan.content
    entries = []
    for topic in content["needs"]["topics"]:
        for number, statistic in enumerate(topic.get("statistics", []), 1):
            entries.append(("needs", (topic["id"], number), statistic))
    for number, fact in enumerate(content["key_facts"], 1):
        entries.append(("key-facts", number, fact))
    for number, item in enumerate(content["assets"].get("items", []), 1):
        entries.append(("assets", number, item))
    return entries


def _text_of(entry):
    return entry["text"] if isinstance(entry, dict) else entry


def test_the_notes_are_in_the_data_where_the_source_needs_them(data):
    plan = data.plans[UPPER_VALLEYS]
    caveats = {(block, place): entry["source_caveat"] for block, place, entry in _noted_entries(plan) if isinstance(entry, dict) and "source_caveat" in entry}
    assert caveats == {
        ("needs", ("suicide", 1)): "check source",
        ("needs", ("suicide", 2)): "check source",
        ("needs", ("suicide", 3)): "check source",
        ("needs", ("childhood-immunisations", 1)): "check date",
    }
    stated = {(block, place): _text_of(entry) for block, place, entry in _noted_entries(plan) if isinstance(entry, dict) and "as_stated" in entry}
    assert set(stated) == {("needs", ("dementia", 1)), ("key-facts", 7), ("key-facts", 10), ("assets", 2)}
    # each note belongs to the figures the issue names, which are kept exactly as the source writes them
    figures = {place: {name: str(figure.value) for name, figure in text.figures.items()} for (_, place), text in stated.items()}
    assert figures[("dementia", 1)] == {"health_board": "0.73", "wales": "0.070", "value": "0.92"}
    assert "Neath Cluster prevalence" in stated["needs", ("dementia", 1)].en
    assert figures[7]["people"] == "10940" and figures[7]["share"] == "18.7"
    assert figures[10]["dental"] == "4" and figures[2]["count"] == "3"


@pytest.mark.parametrize("locale", LOCALES)
def test_each_note_is_beside_its_own_figures_and_nowhere_else(site, data, locale):
    plan = data.plans[UPPER_VALLEYS]
    soup = _page(site, UPPER_VALLEYS, locale)
    lists = {
        "needs": [li for ul in soup.select("article ul.plan-statistics") for li in ul.find_all("li", recursive=False)],
        "key-facts": soup.select_one("article ul.plan-key-facts").find_all("li", recursive=False),
    }
    (assets_heading,) = [h for h in soup.select("article h2") if h.get("id") and _words(h.get_text()) == ("Cluster assets" if locale == "en" else "Asedau'r clwstwr")]
    (assets_list,) = [e for e in _section_after(assets_heading) if e.name == "ul"]
    lists["assets"] = assets_list.find_all("li", recursive=False)
    noted = 0
    for block, _, entry in _noted_entries(plan):
        text = _words(_text_of(entry).render(locale))
        (item,) = [li for li in lists[block] if _words(li.get_text()).startswith(text)]
        caveat, stated = item.select(".plan-source-caveat"), item.select(".plan-as-stated")
        if isinstance(entry, dict) and "source_caveat" in entry:
            key = "source_caveat_" + entry["source_caveat"].replace(" ", "_")
            assert [_words(c.get_text()) for c in caveat] == [f"{_ui(data, 'source_caveat', locale)} “{_ui(data, key, locale)}”."]
            noted += 1
        else:
            assert caveat == [], (block, text)
        if isinstance(entry, dict) and "as_stated" in entry:
            assert [_words(s.get_text()) for s in stated] == [_words(_ui(data, "as_stated", locale) + " " + entry["as_stated"].render(locale))]
            assert _words(stated[0].find("strong").get_text()) == _ui(data, "as_stated", locale)  # visible, and marked as the note it is
            noted += 1
        else:
            assert stated == [], (block, text)
    assert noted == 8
    # the figures the notes are about, as the page writes them, in the item with the note
    words = {"en": ("check source", "check date"), "cy": ("gwirio'r ffynhonnell", "gwirio'r dyddiad")}[locale]
    items = [_words(li.get_text()) for block in lists.values() for li in block]
    assert len([i for i in items if f"“{words[0]}”" in i]) == 3
    (immunisations,) = [i for i in items if f"“{words[1]}”" in i]
    assert "95%" in immunisations and "90%" in immunisations
    (dementia,) = [i for i in items if "0.070%" in i]
    assert "0.73%" in dementia and _ui(data, "as_stated", locale) in dementia
    (older,) = [i for i in items if "10,940" in i and "18.7%" in i]
    assert _ui(data, "as_stated", locale) in older


@pytest.mark.parametrize("locale", LOCALES)
def test_a_statistic_shown_as_stated_still_gets_no_chart(site, data, locale):
    plan = data.plans[UPPER_VALLEYS]
    for topic in plan.content["needs"]["topics"]:
        for number, statistic in enumerate(topic.get("statistics", []), 1):
            if "as_stated" not in statistic:
                continue
            comparisons = charts.comparisons(statistic)
            assert comparisons and all(c.reason for c in comparisons), (topic["id"], number)
            heading = _page(site, UPPER_VALLEYS, locale).find(id=f"needs-{topic['id']}")
            assert heading is not None
            assert not [e for e in _section_after(heading) if e.name == "figure" or e.select("figure.plan-chart")], topic["id"]


# --- A plan without about -------------------------------------------------------------------------


def _project_without_about(tmp_path, plan_file: str):
    """A copy of the data folder whose plan_file has no about section (its lines removed)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data" / plan_file
    lines = path.read_text("utf-8").splitlines(keepends=True)
    start = lines.index("about:\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n"))
    path.write_text("".join(lines[:start] + lines[end:]), "utf-8")
    return tmp_path


@pytest.mark.parametrize("plan_file, plan_id, page", [
    ("plans/pan-cluster/2024-25.yml", PAN_CLUSTER, "pan-cluster-plan/2024-25.md"),
    ("plans/upper-valleys/2022-23.yml", UPPER_VALLEYS, "clusters/upper-valleys/2022-23.md"),
])
def test_a_plan_without_about_is_valid_and_its_marker_is_a_problem_naming_page_and_line(tmp_path, plan_file, plan_id, page):
    root = _project_without_about(tmp_path, plan_file)
    data, problems = plan_data.read(root)
    assert [p for p in problems if p.path == f"data/{plan_file}"] == []  # optional in the schema
    assert "about" not in data.plans[plan_id].content
    renderer = Renderer(data)
    assert "plan-about" not in renderer.render_page(f"# Plan\n\n<!-- plan:plan-facts {plan_id} -->\n", "en", f"content/en/{page}", page)
    for locale in LOCALES:
        with pytest.raises(ContentError) as raised:
            renderer.render_page(f"# Plan\n\n## {HEADINGS[locale]}\n\n<!-- plan:about {plan_id} -->\n", locale, f"content/{locale}/{page}", page)
        (problem,) = raised.value.problems
        assert (problem.path, problem.line, problem.rule) == (f"content/{locale}/{page}", 5, "marker-missing-data")
        assert "'about'" in problem.message and "'about'" in problem.message_cy and problem.hint_cy


def test_the_about_block_needs_a_plan_and_works_for_either_kind(data, renderer):
    for plan_id in (UPPER_VALLEYS, PAN_CLUSTER):
        plan = data.plans[plan_id]
        out = renderer.render_page(f"<!-- plan:about {plan_id} -->", "cy", f"content/cy/{plan.page}", plan.page)
        assert out.startswith("<p>") and "{: #about-corrected }" in out
    with pytest.raises(ContentError) as raised:
        renderer.render_page("\n<!-- plan:about -->", "en", "content/en/x.md", "x.md")
    assert [(p.line, p.rule) for p in raised.value.problems] == [(2, "marker-arguments")]


def _plan_document(tmp_path, text: str):
    path = tmp_path / "2024-25.yml"
    path.write_text(text, "utf-8")
    return strict_yaml.read(path, "data/plans/pan-cluster/2024-25.yml")


def _with_about(about: str) -> str:
    source = (ROOT / "data" / "plans" / "pan-cluster" / "2024-25.yml").read_text("utf-8")
    lines = source.splitlines(keepends=True)
    start = lines.index("about:\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n"))
    return "".join(lines[:start]) + about + "".join(lines[end:])


@pytest.mark.parametrize("about, rule, field", [
    ("about:\n  corrected:\n    - {en: \"a\", cy: \"b\"}\n", "schema-required", "about"),
    ("about:\n  introduction: {en: \"a\", cy: \"b\"}\n  corrected: []\n", "schema-minItems", "about.corrected"),
    ("about:\n  introduction: {en: \"a\", cy: \"b\"}\n  notes:\n    - {en: \"a\", cy: \"b\"}\n", "schema-additionalProperties", "about.notes"),
    ("about:\n  introduction: {en: \"a\"}\n", "schema-required", "about.introduction"),
])
def test_the_schema_refuses_a_malformed_about_with_a_plain_problem(tmp_path, about, rule, field):
    document = _plan_document(tmp_path, _with_about(about))
    problems = schemas.validate(document, "pan-cluster-plan")
    assert problems, about
    (problem,) = [p for p in problems if p.rule == rule]
    assert problem.path == "data/plans/pan-cluster/2024-25.yml" and problem.line == document.location_of(tuple(int(p) if p.isdigit() else p for p in field.split(".")))[0]
    assert problem.message and problem.hint and problem.message_cy and problem.hint_cy
    assert "Traceback" not in problem.message + problem.hint


def test_the_schema_refuses_a_caveat_the_source_does_not_use(tmp_path):
    source = (ROOT / "data" / "plans" / "upper-valleys" / "2022-23.yml").read_text("utf-8")
    assert source.count('source_caveat: "check date"') == 1
    path = tmp_path / "2022-23.yml"
    path.write_text(source.replace('source_caveat: "check date"', 'source_caveat: "check figures"'), "utf-8")
    document = strict_yaml.read(path, "data/plans/upper-valleys/2022-23.yml")
    problems = schemas.validate(document, "cluster-plan")
    (problem,) = problems
    assert problem.rule == "schema-enum"
    assert problem.line == source.splitlines().index('          source_caveat: "check date"') + 1
    assert "check source" in problem.hint + problem.message and "check date" in problem.hint + problem.message
    assert problem.message_cy and problem.hint_cy
