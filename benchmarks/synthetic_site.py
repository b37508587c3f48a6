"""Synthetic sites for the benchmarks: the real project with N plans, in a temporary folder.

A synthetic site is a copy of the project (code, theme, content, data) into a folder the caller
gives, never the project itself, with fictional clusters added until the site has N plans:

    data/clusters.yml                          + fictional clusters ("Test data: ... Cluster")
    data/plans/test-<name>/<year>.yml          one full cluster plan per cluster and year
    content/{en,cy}/clusters/test-<name>/<year>.md

Every fictional cluster, plan title and page says that it is test data. The texts inside the
plans are real sentences from the real plans, reused (so the translation checks see real Welsh
and real glossary terms); figures are kept with their texts. Each plan has every section of a
cluster plan: plan on a page, SWOT, needs with statistics, an action plan of six areas, workforce,
finance tables and a risk register. The same index always gives the same plan, so a plan's page
is the same whatever the number of plans.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from hooks.model import plan_data
from hooks.rendering import render
from hooks.model.texts import Figure, Text

# What a copy of the project leaves out: version control, environments, built sites, caches.
SKIPPED = {".git", ".venv", "site", "node_modules", "benchmarks", "tests", "__pycache__", ".pytest_cache", ".hypothesis", ".cache"}

YEARS_PER_CLUSTER = 10
FIRST_YEAR = 2020
TEST_AUTHORITY = "test-data"

_WORDS = (
    "Alfa Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima Mike November "
    "Oscar Papa Quebec Romeo Sierra Tango Uniform Victor Whiskey X-ray Yankee Zulu"
).split()

# The heading of each block on a plan page, in both languages; blocks not listed get a generic one.
HEADINGS = {
    "plan-on-a-page": ("Plan on a page", "Y cynllun ar un dudalen"),
    "forward-look": ("Forward look", "Edrych ymlaen"),
    "swot": ("Strengths, weaknesses, opportunities and threats", "Cryfderau, gwendidau, cyfleoedd a bygythiadau"),
    "vision": ("Vision", "Gweledigaeth"),
    "strategic-background": ("Strategic background", "Cefndir strategol"),
    "needs": ("Needs of the cluster's population", "Anghenion poblogaeth y clwstwr"),
    "key-facts": ("Locality key facts", "Ffeithiau allweddol am yr ardal"),
    "action-plan": ("Action plan", "Cynllun gweithredu"),
    "enablers": ("What makes the plan possible", "Yr hyn sy'n galluogi'r cynllun"),
    "governance": ("Governance", "Llywodraethu"),
    "assets": ("Cluster assets", "Asedau'r clwstwr"),
    "workforce": ("Workforce", "Gweithlu"),
    "finance": ("Finance", "Cyllid"),
    "risks": ("Risks to business continuity", "Risgiau i barhad busnes"),
    "downloads": ("Download the data", "Lawrlwytho'r data"),
    "about": ("About this summary", "Am y crynodeb hwn"),
}

# Sentences with figures, used where the real plans have too few (good Welsh, figures as placeholders).
FIGURE_TEXTS = [
    (
        {
            "en": "The cluster serves a GP-registered population of {population} (as at {as_at}).",
            "cy": "Mae'r clwstwr yn gwasanaethu poblogaeth gofrestredig â meddygon teulu o {population} (ar {as_at}).",
        },
        {"population": {"number": 31088}, "as_at": {"date": "2021-04-01"}},
    ),
    (
        {
            "en": "{value} of adults in the cluster smoke, compared with {wales} across Wales.",
            "cy": "Mae {value} o oedolion yn y clwstwr yn ysmygu, o'i gymharu â {wales} ledled Cymru.",
        },
        {"value": {"percent": Decimal("17.5")}, "wales": {"percent": Decimal("15.8")}},
    ),
]


@dataclass
class SyntheticSite:
    root: Path  # the copy of the project
    plans: int  # plans in the site, real and synthetic
    synthetic_plans: int
    sample_page: str  # one synthetic plan's page, relative to a language folder of content/


# --- Writing YAML the strict loader reads back exactly -------------------------------------------


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # content files may not use anchors
        return True


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value)))


def _dump(data: dict, header: str) -> str:
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


# --- Texts reused from the real plans ------------------------------------------------------------


def _figure_data(figure: Figure):
    if figure.kind == "month":
        return {"month": figure.value.strftime("%Y-%m")}
    if figure.kind == "date":
        return {"date": figure.value.isoformat()}
    return {figure.kind: figure.value}


def _as_data(text: Text):
    bilingual = {"en": text.en, "cy": text.cy}
    if not text.figures:
        return bilingual
    return {"text": bilingual, "figures": {name: _figure_data(f) for name, f in text.figures.items()}}


class _Texts:
    """Deterministic supply of real bilingual texts: plain ones, and ones with figures."""

    def __init__(self, data: plan_data.PlanData):
        plain, with_figures = [], []
        for text in data.texts:
            if text.where is None or not text.where.path.startswith("data/plans/"):
                continue
            (with_figures if text.figures else plain).append(_as_data(text))
        if not plain:
            raise SystemExit("benchmarks: the real plans have no texts to reuse; add a plan to data/plans/ first")
        self.plain = plain
        self.with_figures = with_figures + [{"text": dict(t), "figures": dict(f)} for t, f in FIGURE_TEXTS]
        self.position = 0

    def start(self, index: int) -> None:
        self.position = index * 7919  # a prime: plans start at different texts

    def _next(self, pool: list):
        self.position += 1
        item = pool[self.position % len(pool)]
        return _copy(item)

    def text(self):
        return self._next(self.plain)

    def texts(self, count: int) -> list:
        return [self.text() for _ in range(count)]

    def statistic(self) -> dict:
        item = self._next(self.with_figures)
        return {"text": item["text"], "figures": item["figures"]}


def _copy(value):
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


# --- One fictional cluster and plan --------------------------------------------------------------


def cluster_name(index: int) -> str:
    return f"{_WORDS[index // len(_WORDS) % len(_WORDS)]} {_WORDS[index % len(_WORDS)]}"


def cluster_id(index: int) -> str:
    return "test-" + cluster_name(index).lower().replace(" ", "-")


def plan_year(index: int) -> str:
    start = FIRST_YEAR + index % YEARS_PER_CLUSTER
    return f"{start}-{(start + 1) % 100:02d}"


def plan_content(index: int, texts: _Texts) -> dict:
    """A full cluster plan, the same for the same index."""
    texts.start(index)
    cluster = index // YEARS_PER_CLUSTER
    name = cluster_name(cluster)
    year = plan_year(index)
    label = year.replace("-", "/")
    t, ts = texts.text, texts.texts
    projects = [{"project": t(), "agreed_spend": Decimal(1000 + (index * 37 + n * 1201) % 40000) + Decimal("0.50")} for n in range(9)]
    projects.append({"project": t(), "agreed_spend": None})
    total_spend = sum(p["agreed_spend"] for p in projects if p["agreed_spend"] is not None)
    allocation = Decimal(250000 + cluster * 1000) + Decimal("0.00")
    brokerage = Decimal(12345 + index) + Decimal("0.25")
    return {
        "kind": "cluster-plan",
        "cluster": cluster_id(cluster),
        "year": year,
        "title": {
            "text": {"en": f"Test data: {name} Cluster plan summary {{year}}", "cy": f"Data prawf: crynodeb o gynllun Clwstwr {name} {{year}}"},
            "figures": {"year": {"code": label}},
        },
        "source_document": {
            "en": "Synthetic test data written by the benchmarks; not a real plan",
            "cy": "Data prawf synthetig a ysgrifennwyd gan y meincnodau; nid cynllun go iawn",
        },
        "dates": {"approved": {"date": f"{FIRST_YEAR + index % YEARS_PER_CLUSTER}-03-31"}},
        "about": {"introduction": t(), "corrected": ts(3), "left_out": ts(2), "source_notes": ts(1)},
        "plan_on_a_page": {
            "areas": [{"id": f"area-{n + 1}", "title": t(), "aims": ts(3)} for n in range(6)],
            "enablers": t(),
        },
        "forward_look": {"paragraphs": ts(4)},
        "swot": {"strengths": ts(4), "weaknesses": ts(4), "opportunities": ts(4), "threats": ts(4)},
        "vision": {"introduction": t(), "statement": t(), "purpose_and_values": ts(4)},
        "strategic_background": {
            "paragraphs": ts(3),
            "lists": [{"id": f"list-{n + 1}", "introduction": t(), "items": ts(4)} for n in range(2)],
            "priority_areas": {"introduction": t(), "items": ts(6), "note": t()},
            "closing": ts(2),
        },
        "needs": {
            "introduction": t(),
            "topics": [
                {"id": f"topic-{n + 1}", "title": t(), "statistics": [texts.statistic() for _ in range(3)], "notes": ts(2)}
                for n in range(5)
            ],
        },
        "key_facts": [texts.statistic() for _ in range(6)],
        "action_plan": {
            "introduction": t(),
            "areas": [
                {
                    "number": area,
                    "id": f"area-{area}",
                    "title": t(),
                    "goals": [{"id": f"{area}.{goal}", "goal": t(), "methods": ts(3), "outcomes": ts(3)} for goal in range(1, 4)],
                }
                for area in range(1, 7)
            ],
        },
        "enablers": {"technological": ts(3), "workforce": ts(3), "communication_and_engagement": ts(3), "finance": ts(3)},
        "governance": {"paragraphs": ts(2), "core_membership": {"introduction": t(), "members": ts(8)}},
        "assets": {"paragraphs": ts(2), "items": ts(6)},
        "workforce": {
            "introduction": t(),
            "roles": [
                {"role": t(), "wte": Decimal(n + 1) / 2, "funding_note": t(), "purpose": t(), "outcomes": ts(2)} for n in range(4)
            ],
        },
        "finance": {
            "year": label,
            "allocation": allocation,
            "brokerage": brokerage,
            "stated_total_available": allocation + brokerage,
            "projects": projects,
            "stated_total_spend": total_spend,
            "notes": ts(2),
        },
        "risks": {
            "introduction": t(),
            "register": [
                {"project": t(), "risk": t(), "impact": t(), "likelihood": "LMH"[n % 3], "mitigation": t()} for n in range(6)
            ],
        },
    }


def plan_page(index: int, locale: str) -> str:
    """The plan's page: a heading, a test-data notice, and every block a cluster plan has."""
    plan_id = f"{cluster_id(index // YEARS_PER_CLUSTER)}/{plan_year(index)}"
    name = cluster_name(index // YEARS_PER_CLUSTER)
    label = plan_year(index).replace("-", "/")
    english = locale == "en"
    if english:
        lines = [f"# Test data: {name} Cluster plan summary {label}", "", "This page is synthetic test data written by the benchmarks. The cluster is fictional.", ""]
    else:
        lines = [f"# Data prawf: crynodeb o gynllun Clwstwr {name} {label}", "", "Data prawf synthetig a ysgrifennwyd gan y meincnodau yw'r dudalen hon. Nid yw'r clwstwr yn bod.", ""]
    for block_name, block in render.BLOCKS.items():
        if block.plan_kind not in ("cluster-plan", "any"):
            continue
        if block_name != "plan-facts":
            english_heading, welsh_heading = HEADINGS.get(block_name, (f"Section: {block_name}", f"Adran: {block_name}"))
            lines += [f"## {english_heading if english else welsh_heading}", ""]
        lines += [f"<!-- plan:{block_name} {plan_id} -->", ""]
    return "\n".join(lines)


def _fictional_cluster(template: dict, index: int) -> dict:
    """A cluster with the real one's fields, every name saying it is test data."""
    name = cluster_name(index)
    cluster = {}
    for key, value in template.items():
        if key == "id":
            cluster[key] = cluster_id(index)
        elif key == "local_authority":
            cluster[key] = TEST_AUTHORITY
        elif key == "name":
            cluster[key] = {"en": f"Test data: {name}", "cy": f"Data prawf: {name}"}
        elif isinstance(value, dict) and set(value) == {"en", "cy"}:
            cluster[key] = {"en": f"Test data: {name} Cluster", "cy": f"Data prawf: Clwstwr {name}"}
        else:
            cluster[key] = _copy(value)
    return cluster


# --- The site ------------------------------------------------------------------------------------


def _ignore(folder: str, names: list) -> set:
    return {name for name in names if name in SKIPPED or name.startswith(".site.") or name.endswith(".pyc")}


def _add_names_to_glossary(glossary: Path, names: list) -> None:
    """The fictional names ("Alfa Bravo") are the same in both languages: say so, as for real names.

    They go at the top of the same_in_both list (not at the end of the file, which is another list).
    """
    if not names:
        return
    text = glossary.read_text("utf-8")
    heading = "\nsame_in_both:\n"
    entries = "".join(f'  - "{name}"\n' for name in names)
    if heading in text:
        text = text.replace(heading, heading + entries, 1)
    else:
        text = text.rstrip("\n") + heading + entries
    glossary.write_text(text, "utf-8")


def _record_translations(site: Path) -> None:
    """Tell the translation gate the synthetic Welsh is checked (it reuses checked Welsh)."""
    if not (site / "hooks" / "translations.py").exists():
        return
    result = subprocess.run(
        [sys.executable, "-m", "hooks.translations", "--root", str(site), "mark-fresh", "--all"],
        cwd=site, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"python -m hooks.translations mark-fresh --all failed in {site}:\n{result.stdout}{result.stderr}")


def make(project: Path, destination: Path, plans: int) -> SyntheticSite:
    """Copy project into destination (which must not exist) and add synthetic plans up to `plans`."""
    project, destination = Path(project), Path(destination)
    if destination.resolve().is_relative_to(project.resolve()) and not destination.resolve().is_relative_to(project.resolve() / "benchmarks" / "out"):
        raise ValueError(f"refusing to write a synthetic site inside the project: {destination}")
    shutil.copytree(project, destination, ignore=_ignore, symlinks=True)
    real = plan_data.load(destination)
    count = max(plans - len(real.plans), 0)
    texts = _Texts(real)

    clusters_file = destination / "data" / "clusters.yml"
    clusters = yaml.safe_load(clusters_file.read_text("utf-8"))
    clusters["local_authorities"][TEST_AUTHORITY] = {"en": "Test data (fictional area)", "cy": "Data prawf (ardal ddychmygol)"}
    template = clusters["clusters"][0]  # a real cluster: its fields are the ones the schema wants
    for index in range((count + YEARS_PER_CLUSTER - 1) // YEARS_PER_CLUSTER):
        clusters["clusters"].append(_fictional_cluster(template, index))
    clusters_file.write_text(_dump(clusters, "# Real clusters and fictional test-data clusters, written by benchmarks/synthetic_site.py\n"), "utf-8")
    _add_names_to_glossary(destination / "data" / "glossary.yml", [cluster_name(i) for i in range(len(clusters["clusters"]) - len(real.clusters))])

    for index in range(count):
        content = plan_content(index, texts)
        relative = f"{content['cluster']}/{content['year']}"
        data_file = destination / "data" / "plans" / f"{relative}.yml"
        data_file.parent.mkdir(parents=True, exist_ok=True)
        data_file.write_text(_dump(content, "# Synthetic test data written by benchmarks/synthetic_site.py: not a real plan\n"), "utf-8")
        for locale in ("en", "cy"):
            page = destination / "content" / locale / "clusters" / f"{relative}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(plan_page(index, locale), "utf-8")
    _record_translations(destination)
    sample = f"clusters/{cluster_id(0)}/{plan_year(0)}.md" if count else ""
    return SyntheticSite(destination, len(real.plans) + count, count, sample)
