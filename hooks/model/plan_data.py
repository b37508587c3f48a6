"""Load and validate every data file once, into typed plan objects.

One direction of flow: YAML in data/ -> strict reading -> schema validation -> plan objects.
Every later step (rendering, checks, open data) reads these objects; nothing reads a data
file twice.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from hooks.model import locales, schemas, sections, strict_yaml
from hooks.problems import ContentError, Problem
from hooks.model.strict_yaml import Document, format_field
from hooks.model.texts import ENGLISH_CLOSE, ENGLISH_OPEN, Figure, Text, Where, english_mark_problems

PAN_CLUSTER = "pan-cluster"
UNFILLED = "[TO DO"  # how scaffolding marks text still to be written (hooks/new.py)


@dataclass(frozen=True)
class Cluster:
    id: str
    name: Text
    title: Text  # how running text names it: "Upper Valleys Cluster", "Clwstwr y Cymoedd Uchaf"
    local_authority: Text


@dataclass
class Plan:
    id: str  # "<owner>/<year>", e.g. "upper-valleys/2022-23"
    kind: str  # "cluster-plan" or "pan-cluster-plan"
    owner: str  # a cluster id, or "pan-cluster"
    year: str  # "2022-23"
    title: Text
    content: dict  # the validated data, every bilingual text as a Text
    document: Document

    @property
    def year_label(self) -> str:
        """2022-23 -> 2022/23, as the plans write it."""
        return self.year.replace("-", "/")

    @property
    def page(self) -> str:
        """The plan's page, relative to a language folder of content/."""
        if self.kind == "pan-cluster-plan":
            return f"pan-cluster-plan/{self.year}.md"
        return f"clusters/{self.owner}/{self.year}.md"


@dataclass
class Glossary:
    terms: list  # of dicts {en, cy, kind, note}
    same_in_both: list  # of str
    english_names: list = field(default_factory=list)  # of str: marked lang="en" on Welsh pages

    def is_same_in_both(self, text: str) -> bool:
        return text.strip() in self.same_in_both


@dataclass
class PlanData:
    root: Path
    clusters: list
    plans: dict  # plan id -> Plan
    glossary: Glossary
    interface: dict  # key -> Text
    texts: list = field(default_factory=list)  # every Text in every file, for the checks

    def cluster(self, cluster_id: str) -> Cluster:
        return next(c for c in self.clusters if c.id == cluster_id)

    def plans_of(self, owner: str) -> list:
        return sorted((p for p in self.plans.values() if p.owner == owner), key=lambda p: p.year, reverse=True)


# --- Turning validated data into texts ---------------------------------------------------------


def _problem_at(document: Document, path: tuple, rule: str, message: str, hint: str, message_cy: str, hint_cy: str) -> Problem:
    line, column = document.location_of(path)
    return Problem(document.path, line, rule, message, hint, column, field=format_field(path), message_cy=message_cy, hint_cy=hint_cy)


# A language's name after "y testun" (the text) in a Welsh message: "y testun Cymraeg".
_NAMES_IN_WELSH = {locales.ENGLISH: "Saesneg", locales.WELSH: "Cymraeg"}
_DATE_HINT = 'write dates as "YYYY-MM-DD" and months as "YYYY-MM", with a day and month that exist'
_DATE_HINT_CY = 'ysgrifennwch ddyddiadau ar y ffurf "BBBB-MM-DD" a misoedd ar y ffurf "BBBB-MM", gyda diwrnod a mis sy\'n bodoli'
_PENCE_HINT = "write pounds and pence, with two decimal places at most (for example 1234.50)"
_PENCE_HINT_CY = "ysgrifennwch bunnoedd a cheiniogau, gyda dau le degol ar y mwyaf (er enghraifft 1234.50)"


# What is wrong with a text's English marks ([[...]]): (message, fix, the message in Welsh, the fix in Welsh), near: the text there.
_ENGLISH_MARK_MESSAGES = {
    "unclosed": lambda near: (
        f"an English phrase opened with [[ is not closed with ]]: “{near}”", "end the English phrase with ]], as in “[[Cluster]]”",
        f"nid yw'r ymadrodd Saesneg a agorir â [[ wedi'i gau â ]]: “{near}”", "caewch yr ymadrodd Saesneg â ]], fel yn “[[Cluster]]”",
    ),
    "unopened": lambda near: (
        f"a ]] closes no English phrase: “{near}”", "begin the English phrase with [[, or delete the ]]",
        f"nid yw ]] yn cau unrhyw ymadrodd Saesneg: “{near}”", "dechreuwch yr ymadrodd Saesneg â [[, neu dilëwch y ]]",
    ),
    "nested": lambda near: (
        f"a [[ opens an English phrase before the one before it is closed with ]]: “{near}”", "close each English phrase with ]] before the next [[ (one phrase cannot hold another)",
        f"mae [[ yn agor ymadrodd Saesneg cyn i'r un o'i flaen gael ei gau â ]]: “{near}”", "caewch bob ymadrodd Saesneg â ]] cyn y [[ nesaf (ni all un ymadrodd gynnwys un arall)",
    ),
    "empty": lambda near: (
        f"there is nothing between [[ and ]]: “{near}”", "write the English phrase between [[ and ]], or delete the marks",
        f"nid oes dim rhwng [[ a ]]: “{near}”", "ysgrifennwch yr ymadrodd Saesneg rhwng [[ a ]], neu dilëwch y marciau",
    ),
    "whole-text": lambda near: (
        f"the whole Welsh text is marked as English: “{near}”",
        "translate it into Welsh and mark only the English it quotes; a name written the same in both languages goes in same_in_both in data/glossary.yml, without marks",
        f"mae'r testun Cymraeg cyfan wedi'i farcio'n Saesneg: “{near}”",
        "cyfieithwch ef i'r Gymraeg a marciwch y Saesneg y mae'n ei ddyfynnu yn unig; mae enw a ysgrifennir yr un fath yn y ddwy iaith yn perthyn i same_in_both yn data/glossary.yml, heb farciau",
    ),
    "in-english": lambda near: (
        f"[[ and ]] mark English quoted in a Welsh text, and mean nothing in the English text: “{near}”", "delete the [[ and ]] from the English text",
        f"mae [[ a ]] yn marcio Saesneg a ddyfynnir mewn testun Cymraeg, ac nid ydynt yn golygu dim yn y testun Saesneg: “{near}”", "dilëwch y [[ a'r ]] o'r testun Saesneg",
    ),
}


def _is_bilingual(value) -> bool:
    """A mapping of exactly the keys en and cy."""
    return isinstance(value, dict) and len(value) == 2 and "en" in value and "cy" in value


def _has_brace(source: str) -> bool:
    return "{" in source or "}" in source


def _placeholders_and_formats(source: str) -> tuple:
    """(the names of a text's placeholders, each placeholder written with a format: "{a:>5}", "{a!r}").

    Raises ValueError for a brace that belongs to no placeholder. A text without braces (most
    texts) has neither, and is not parsed; the others are parsed once, for both (the names are
    those texts.placeholders gives).
    """
    if not _has_brace(source):
        return set(), []
    parsed = list(string.Formatter().parse(source))
    used = {name for _, name, _, _ in parsed if name is not None}
    formatted = [f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}" for _, name, spec, conversion in parsed if name is not None and (spec or conversion)]
    return used, formatted


class _TextBuilder:
    def __init__(self, document: Document, problems: list):
        self.document = document
        self.locations = document.locations
        self.problems = problems
        self.texts: list = []

    def text(self, bilingual: dict, figures_data: dict | None, path: tuple, field: str) -> Text:
        """The Text of a bilingual mapping at path (field: the path as format_field writes it), its problems reported."""
        figures, invalid = self._figures(figures_data, path) if figures_data else ({}, frozenset())
        locations = self.locations
        at, en_at, cy_at = locations.get(path), locations.get(path + ("en",)), locations.get(path + ("cy",))
        where = Where(
            self.document.path, at[0] if at else self.document.line_of(path), field,
            en_at[0] if en_at else None, cy_at[0] if cy_at else None,
        )
        en, cy = bilingual["en"], bilingual["cy"]
        text = Text(en, cy, figures, where)
        # Most texts have no figure, no brace, no [[ ]] and no placeholder: each check is asked
        # only of a text that has what it looks at (each would find nothing in the others).
        if figures_data or _has_brace(en) or _has_brace(cy):
            self._check_placeholders(text, path, invalid)
        if ENGLISH_OPEN in en or ENGLISH_CLOSE in en or ENGLISH_OPEN in cy or ENGLISH_CLOSE in cy:
            self._check_english_marks(text, path)
        if UNFILLED in en or UNFILLED in cy:
            self._check_unfilled(text, path)
        self.texts.append(text)
        return text

    def _figures(self, figures_data: dict, path: tuple) -> tuple:
        """(the figures of a text at path, by name; the names of those that are not real dates), their problems reported."""
        figures = {}
        invalid = set()
        for name, data in figures_data.items():
            try:
                figures[name] = Figure.from_data(data)
                if figures[name].kind == "money" and _beyond_pence(figures[name].value):
                    self._problem(
                        path[:-1] + ("figures", name), "money-pence", f"the amount {figures[name].value} has more than two decimal places, so it would be shown rounded", _PENCE_HINT,
                        f"mae mwy na dau le degol yn y swm {figures[name].value}, felly byddai'n cael ei ddangos wedi'i dalgrynnu", _PENCE_HINT_CY,
                    )
            except ValueError:
                invalid.add(name)
                written = next(iter(data.values())) if isinstance(data, dict) and data else data
                self._problem(
                    path[:-1] + ("figures", name), "figure-invalid", f"the figure '{name}' ({written!r}) is not a real date", _DATE_HINT,
                    f"nid yw'r ffigur '{name}' ({written!r}) yn ddyddiad go iawn", _DATE_HINT_CY,
                )
        return figures, invalid

    def _check_unfilled(self, text: Text, path: tuple) -> None:
        """Text still to be written, as scaffolding marks it ([TO DO ...])."""
        for locale in locales.LOCALES:
            if UNFILLED in text.source(locale):
                self._problem(
                    path + (locale,), "placeholder-unfilled", f"the {locales.NAMES_IN_ENGLISH[locale]} text is still a placeholder", f"replace \"{text.source(locale)[:60]}\" with the real text",
                    f"testun dros dro yw'r testun {_NAMES_IN_WELSH[locale]} o hyd", f"rhowch y testun go iawn yn lle \"{text.source(locale)[:60]}\"",
                )

    def _check_placeholders(self, text: Text, path: tuple, invalid: set = frozenset()) -> None:
        named = set(text.figures) | set(invalid)
        if not named and not _has_brace(text.en) and not _has_brace(text.cy):
            return  # most texts: no figure and no placeholder, so nothing to check
        for locale in locales.LOCALES:
            try:
                used, formatted = _placeholders_and_formats(text.source(locale))
            except ValueError:
                self._problem(
                    path + (locale,), "figure-braces", "a { or } does not belong to a {placeholder}", "write placeholders as {name}; write a literal brace twice: {{ or }}",
                    "mae { neu } yn y testun nad yw'n rhan o le ar gyfer ffigur (fel {enw})",
                    "ysgrifennwch le ar gyfer ffigur fel {enw}; os yw { neu } i'w weld yn y testun ei hun, ysgrifennwch ef ddwywaith: {{ neu }}",
                )
                continue
            if formatted:
                # {name:...} or {name!r} would change how a figure is written, or fail: never allowed.
                self._problem(
                    path + (locale,), "figure-format", f"the placeholder {formatted[0]} has a format; figures are formatted for each language by the site", "write the placeholder as {name} only, with nothing after the name",
                    f"mae fformat wedi'i roi yn {formatted[0]}; mae'r wefan ei hun yn fformatio'r ffigurau ar gyfer pob iaith",
                    "ysgrifennwch y lle ar gyfer y ffigur fel {enw} yn unig, heb ddim ar ôl yr enw",
                )
                continue
            for name in sorted(used - named):
                self._problem(
                    path + (locale,), "figure-missing", f"the placeholder {{{name}}} has no figure", f"add '{name}:' under 'figures', or correct the placeholder's name",
                    f"nid oes ffigur ar gyfer {{{name}}}", f"ychwanegwch '{name}:' o dan 'figures', neu cywirwch yr enw rhwng y cromfachau",
                )
            for name in sorted(named - used):
                self._problem(
                    path + (locale,), "figure-unused", f"the figure '{name}' is not used in the {locales.NAMES_IN_ENGLISH[locale]} text", f"write {{{name}}} in the {locales.NAMES_IN_ENGLISH[locale]} text where the figure belongs",
                    f"nid yw'r ffigur '{name}' yn cael ei ddefnyddio yn y testun {_NAMES_IN_WELSH[locale]}", f"ysgrifennwch {{{name}}} yn y testun {_NAMES_IN_WELSH[locale]} lle mae'r ffigur i fod",
                )

    def _check_english_marks(self, text: Text, path: tuple) -> None:
        """English quoted in a Welsh text, marked [[like this]] (hooks/model/texts.py): marks that pair, in the Welsh only."""
        for locale in locales.LOCALES:
            for mistake in english_mark_problems(text.source(locale), locale):
                self._problem(path + (locale,), "english-mark", *_ENGLISH_MARK_MESSAGES[mistake.kind](mistake.near))

    def _problem(self, path: tuple, rule: str, message: str, hint: str, message_cy: str, hint_cy: str) -> None:
        self.problems.append(_problem_at(self.document, path, rule, message, hint, message_cy, hint_cy))

    def convert(self, value, path: tuple = (), field: str = ""):
        """Replace every bilingual mapping in the data with a Text (figures attached).

        path is the value's place in the file, field the same as format_field writes it, made a
        part at a time as the path is (each Text's Where holds it). Only a mapping or a list can
        hold a text: any other value is kept as it is, without a call.
        """
        if isinstance(value, list):
            return [self.convert(item, path + (index,), f"{field}[{index}]") if isinstance(item, _CONTAINERS) else item for index, item in enumerate(value)]
        if not isinstance(value, dict):
            return value
        if len(value) == 2 and "en" in value and "cy" in value:  # _is_bilingual
            return self.text(value, None, path, field)
        if "figures" in value and _is_bilingual(value.get("text")):
            text = self.text(value["text"], value["figures"], path + ("text",), f"{field}.text" if field else "text")
            if len(value) == 2:  # {text, figures}
                return text
            rest = {key: self.convert(item, path + (key,), f"{field}.{key}" if field else key) if isinstance(item, _CONTAINERS) else item for key, item in value.items() if key != "text" and key != "figures"}
            return {"text": text, **rest}
        return {key: self.convert(item, path + (key,), f"{field}.{key}" if field else key) if isinstance(item, _CONTAINERS) else item for key, item in value.items()}


_CONTAINERS = (dict, list)  # what convert looks inside


# --- Reading the data folder -------------------------------------------------------------------


def _read(root: Path, relative: str, schema: str, problems: list, schema_files: tuple | None = None) -> Document | None:
    try:
        document = strict_yaml.read(root / relative, relative)
    except ContentError as error:
        problems.extend(error.problems)
        return None
    found = schemas.validate(document, schema, schema_files)
    problems.extend(found)
    return None if found else document


def _plan_problems(plan: Plan, cluster_ids: set) -> list:
    problems = []
    document = plan.document

    def problem(path: tuple, rule: str, message: str, hint: str, message_cy: str, hint_cy: str):
        problems.append(_problem_at(document, path, rule, message, hint, message_cy, hint_cy))

    expected = f"data/plans/{plan.owner}/{plan.year}.yml"
    if document.path != expected:
        problem(
            ("year",), "plan-file-name", f"this plan's file should be {expected}", "rename the file, or correct 'cluster' and 'year'",
            f"dylai ffeil y cynllun hwn fod yn {expected}", "ailenwch y ffeil, neu cywirwch 'cluster' a 'year'",
        )
    if plan.kind == "cluster-plan" and plan.owner not in cluster_ids:
        problem(
            ("cluster",), "plan-unknown-cluster", f"there is no cluster '{plan.owner}' in data/clusters.yml", "use one of: " + ", ".join(sorted(cluster_ids)),
            f"nid oes clwstwr '{plan.owner}' yn data/clusters.yml", "defnyddiwch un o'r rhain: " + ", ".join(sorted(cluster_ids)),
        )
    content = plan.content
    for path, value in _plan_dates(content):
        try:
            Figure.from_data(value)
        except (ValueError, TypeError):
            written = next(iter(value.values())) if isinstance(value, dict) and value else value
            problem(path, "date-invalid", f"{written!r} is not a real date", _DATE_HINT, f"nid yw {written!r} yn ddyddiad go iawn", _DATE_HINT_CY)
    first_of: dict = {}
    action_plan = content.get("action_plan")
    for index, area in enumerate(action_plan.areas if action_plan else ()):
        if area.number in first_of:
            problem(
                ("action_plan", "areas", index, "number"), "plan-area-repeated", f"there are two areas numbered {area.number}", "number the areas 1, 2, 3, ... once each",
                f"mae dau faes â'r rhif {area.number}", "rhifwch y meysydd 1, 2, 3, ... gan roi pob rhif unwaith yn unig",
            )
        first_of[area.number] = index
        for goal_index, goal in enumerate(area.goals):
            if not goal.id.startswith(f"{area.number}."):
                problem(
                    ("action_plan", "areas", index, "goals", goal_index, "id"), "plan-goal-number", f"goal {goal.id} is in area {area.number}", f"number the goals of area {area.number} as {area.number}.1, {area.number}.2, ...",
                    f"mae nod {goal.id} ym maes {area.number}", f"rhifwch nodau maes {area.number} fel {area.number}.1, {area.number}.2, ...",
                )
            elif goal.id in first_of:
                problem(
                    ("action_plan", "areas", index, "goals", goal_index, "id"), "plan-goal-repeated", f"there are two goals numbered {goal.id}", "give each goal its own number: each is linked to by its number",
                    f"mae dau nod â'r rhif {goal.id}", "rhowch ei rif ei hun i bob nod: mae'r dolenni at bob nod yn defnyddio ei rif",
                )
            first_of[goal.id] = goal_index
    finance = content.get("finance")
    if finance:
        amounts = [((key,), getattr(finance, key)) for key in ("allocation", "brokerage", "stated_total_available", "stated_total_spend")]
        amounts += [(("projects", index, "agreed_spend"), project.agreed_spend) for index, project in enumerate(finance.projects)]
        for amount_path, value in amounts:
            if value is not None and _beyond_pence(value):
                problem(
                    ("finance",) + amount_path, "money-pence", f"the amount {value} has more than two decimal places, so it would be shown rounded", _PENCE_HINT,
                    f"mae mwy na dau le degol yn y swm {value}, felly byddai'n cael ei ddangos wedi'i dalgrynnu", _PENCE_HINT_CY,
                )
        if finance.total_spend != finance.stated_total_spend:
            problem(
                ("finance", "stated_total_spend"), "finance-total", f"the projects add up to {_pounds(finance.total_spend)}, but the stated total is {_pounds(finance.stated_total_spend)}", "correct an amount, or the stated total",
                f"cyfanswm y prosiectau yw {_pounds(finance.total_spend)}, ond y cyfanswm a nodir yw {_pounds(finance.stated_total_spend)}", "cywirwch swm, neu'r cyfanswm a nodir",
            )
        if finance.total_available != finance.stated_total_available:
            problem(
                ("finance", "stated_total_available"), "finance-available", f"allocation plus brokerage is {_pounds(finance.total_available)}, but the stated total available is {_pounds(finance.stated_total_available)}", "correct the allocation, the brokerage, or the stated total",
                f"y dyraniad a'r froceriaeth gyda'i gilydd yw {_pounds(finance.total_available)}, ond y cyfanswm sydd ar gael a nodir yw {_pounds(finance.stated_total_available)}",
                "cywirwch y dyraniad, y froceriaeth, neu'r cyfanswm a nodir",
            )
    return problems


def _pounds(value) -> str:
    """An amount for a message, exactly as it is: £1,000.00, or £1,000.005 if it has more digits."""
    value = Decimal(value)
    return f"£{value:,.2f}" if not _beyond_pence(value) else f"£{value:,}"


def _beyond_pence(value) -> bool:
    """Whether an amount has digits below a penny (10.005), which money formatting would round away."""
    return isinstance(value, Decimal) and value != value.quantize(Decimal("0.01"))


def _plan_dates(content: dict):
    """The plan's own dates (not those inside texts, which are checked with their text), as figures."""
    dates = content.get("dates", {})
    if "approved" in dates:
        yield ("dates", "approved"), dates["approved"]
    for key in ("published", "updated"):
        if key in dates:
            yield ("dates", key), {"date": dates[key]}
    if "signed_off" in content:
        yield ("signed_off",), content["signed_off"]


def _clusters(root: Path, problems: list, texts_of, schema_files: tuple | None = None) -> list:
    clusters = []
    clusters_doc = _read(root, "data/clusters.yml", "clusters", problems, schema_files)
    if clusters_doc:
        converted = texts_of(clusters_doc)
        authorities = converted["local_authorities"]
        seen = set()
        for index, entry in enumerate(converted["clusters"]):
            if entry["id"] in seen:
                problems.append(_problem_at(
                    clusters_doc, ("clusters", index, "id"), "cluster-repeated", f"the cluster '{entry['id']}' is listed twice", "list each cluster once",
                    f"mae'r clwstwr '{entry['id']}' wedi'i restru ddwywaith", "rhestrwch bob clwstwr unwaith yn unig",
                ))
                continue
            seen.add(entry["id"])
            if entry["local_authority"] not in authorities:
                problems.append(_problem_at(
                    clusters_doc, ("clusters", index, "local_authority"), "cluster-unknown-authority", f"there is no local authority '{entry['local_authority']}'", "use one of: " + ", ".join(authorities),
                    f"nid oes awdurdod lleol '{entry['local_authority']}'", "defnyddiwch un o'r rhain: " + ", ".join(authorities),
                ))
                continue
            clusters.append(Cluster(entry["id"], entry["name"], entry["cluster_title"], authorities[entry["local_authority"]]))
    return clusters


def load_clusters(root: Path) -> list:
    """Only the clusters (for commands that need no plan); raise ContentError on a problem."""
    problems: list = []
    clusters = _clusters(Path(root), problems, lambda document: _TextBuilder(document, problems).convert(document.data))
    if problems:
        raise ContentError(problems)
    return clusters


def load(root: Path) -> PlanData:
    """Load every data file under root/data; raise ContentError listing every problem found."""
    data, problems = read(root)
    if problems:
        raise ContentError(problems)
    return data


def read(root: Path) -> tuple:
    """(the plan data, every problem found): every data file read, validated and checked once.

    A file with a problem is left out of the data, and the others are still read, so one run
    finds the problems of every file; the data is whole only when there is no problem.
    """
    root = Path(root)
    problems: list = schemas.schema_file_problems(root / "data" / "schemas")
    all_texts: list = []
    if problems:  # no data can be judged against broken schemas: they are the problems to fix first
        return PlanData(root, [], {}, Glossary([], []), {}, []), sorted(set(problems))

    def texts_of(document: Document):
        builder = _TextBuilder(document, problems)
        converted = builder.convert(document.data)
        all_texts.extend(builder.texts)
        return converted

    files = schemas.schema_files()  # read once: every data file is validated against the same schemas
    glossary_doc = _read(root, "data/glossary.yml", "glossary", problems, files)
    glossary = Glossary([], [])
    if glossary_doc:
        glossary = Glossary(glossary_doc.data["terms"], glossary_doc.data["same_in_both"], glossary_doc.data.get("english_names", []))
        for index, name in enumerate(glossary.english_names):
            if name not in glossary.same_in_both:
                problems.append(Problem(
                    glossary_doc.path, glossary_doc.line_of(("english_names", index)), "glossary-english-name", f"'{name}' is listed under english_names but not under same_in_both", "add it to same_in_both too (the translation checks allow it there)",
                    message_cy=f"mae '{name}' wedi'i restru o dan english_names ond nid o dan same_in_both",
                    hint_cy="ychwanegwch ef at same_in_both hefyd (mae'r gwiriadau cyfieithu yn ei ganiatáu yno)",
                ))

    interface = {}
    interface_doc = _read(root, "data/interface.yml", "interface", problems, files)
    if interface_doc:
        interface = texts_of(interface_doc)

    clusters = _clusters(root, problems, texts_of, files)

    plans = {}
    for file in sorted((root / "data" / "plans").glob("*/*")):
        if file.suffix.lower() in (".yaml", ".yml") and file.suffix != ".yml" and not file.name.startswith("_"):
            relative = file.relative_to(root).as_posix()
            problems.append(Problem(
                relative, None, "plan-file-name", f"a plan's file name ends in .yml, not {file.suffix}", f"rename it to {file.stem}.yml: until then it is not published",
                message_cy=f"mae enw ffeil cynllun yn gorffen ag .yml, nid {file.suffix}",
                hint_cy=f"ailenwch y ffeil yn {file.stem}.yml: ni fydd yn cael ei chyhoeddi tan hynny",
            ))
    for file in sorted((root / "data" / "plans").glob("*/*.yml")):
        relative = file.relative_to(root).as_posix()
        if file.name.startswith("_") or file.is_symlink():
            continue  # work in progress, not published; a link is reported, never read (hooks/checks/safety.py)
        try:
            document = strict_yaml.read(file, relative)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        kind = document.data.get("kind")
        if kind not in ("cluster-plan", "pan-cluster-plan"):
            what = "the plan has no 'kind' field" if "kind" not in document.data else f"unknown plan kind {kind!r}"
            what_cy = "nid oes maes 'kind' yn y cynllun" if "kind" not in document.data else f"nid yw {kind!r} yn fath hysbys o gynllun"
            problems.append(Problem(
                relative, document.line_of(("kind",)) or 1, "plan-kind", what, "start the file with 'kind: cluster-plan' or 'kind: pan-cluster-plan'",
                message_cy=what_cy, hint_cy="dechreuwch y ffeil â 'kind: cluster-plan' neu 'kind: pan-cluster-plan'",
            ))
            continue
        found = schemas.validate(document, kind, files)
        if found:
            problems.extend(found)
            continue
        content = sections.typed(texts_of(document))
        owner = content["cluster"] if kind == "cluster-plan" else PAN_CLUSTER
        plan = Plan(f"{owner}/{content['year']}", kind, owner, content["year"], content["title"], content, document)
        plans[plan.id] = plan

    cluster_ids = {c.id for c in clusters}
    for plan in plans.values():
        problems.extend(_plan_problems(plan, cluster_ids))

    return PlanData(root, clusters, plans, glossary, interface, all_texts), sorted(set(problems))
