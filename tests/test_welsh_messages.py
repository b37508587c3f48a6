"""Every content-check message and fix in Welsh too (the Welsh Language Standards: staff who work
in Welsh get their messages in Welsh, never less favourably than in English).

(a) Statically, with ast: every problem made in the files covered so far passes its Welsh
    message and, where it has a fix, its Welsh fix. The files not covered yet are listed in
    NOT_YET_IN_WELSH, and the test checks the list is still true: a file whose every problem
    has its Welsh must leave the list (and then stays covered).
(b) The corpora (content mistakes, malformed data files, hostile pages) through the one
    pipeline, hooks.publication.problems_of: every problem of a covered rule has a Welsh message
    and fix that are not the English, which the project's language identifier (lingua, as the
    translation checks use it) does not judge to be English.
(c) `python -m hooks.check --language cy|both`, PLAN_SITE_LANGUAGE, and describe_field in Welsh.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from hooks import publication
from hooks.problems import ITEM_NOUNS, ITEM_NOUNS_CY, Problem, describe_field, message_language

# The files whose problems have their Welsh.
WELSH = {
    "hooks/engine.py",
    "hooks/publication.py",
    "hooks/model/strict_yaml.py",
    "hooks/model/schemas.py",
    "hooks/model/plan_data.py",
    "hooks/model/sections.py",  # makes no problem of its own
    "hooks/rendering/render.py",
    "hooks/checks/links.py",
    "hooks/checks/site_config.py",
    "hooks/checks/safety.py",
    "hooks/checks/fingerprints.py",
    "hooks/checks/translation_checks.py",
    "hooks/pull_request.py",
    "hooks/translations.py",
}
# The files that still make problems in English only: move each to WELSH as its Welsh is written.
NOT_YET_IN_WELSH: set = set()
# Helpers that take a message another program wrote, in English, and give the Welsh themselves.
FOREIGN_MESSAGES = {
    "problem_from_warning",  # MkDocs' warning: the Welsh introduces its English (hooks/engine.py)
}

# What the dataclasses that carry a message take, in order (their fields).
_CLASS_FIELDS = {
    "Problem": ["path", "line", "rule", "message", "hint", "column", "field", "message_cy", "hint_cy"],
}


# --- (a) the code -------------------------------------------------------------------------------


def _tree(relative: str) -> ast.Module:
    return ast.parse((ROOT / relative).read_text("utf-8"), relative)


def _makers(tree: ast.Module) -> dict:
    """name -> its parameters, for every function, method or class of the file that takes a
    message: the helpers that build a problem (or what becomes one: a refusal, a finding)."""
    makers = dict(_CLASS_FIELDS)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs]
            if "message" in names and node.name not in FOREIGN_MESSAGES:
                makers[node.name] = names
        elif isinstance(node, ast.ClassDef):
            fields = [item.target.id for item in node.body if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)]
            init = next((item for item in node.body if isinstance(item, ast.FunctionDef) and item.name == "__init__"), None)
            if init is not None:
                fields = [a.arg for a in init.args.args + init.args.kwonlyargs]
            if "message" in fields:
                makers[node.name] = fields
    return makers


def _bound(call: ast.Call, parameters: list) -> dict:
    """The argument given for each parameter of a call (a method's self left out)."""
    parameters = [p for p in parameters if p not in ("self", "cls")]
    given = {parameters[index]: arg for index, arg in enumerate(call.args) if index < len(parameters) and not isinstance(arg, ast.Starred)}
    given.update({keyword.arg: keyword.value for keyword in call.keywords if keyword.arg})
    return given


def _is_empty(node) -> bool:
    return isinstance(node, ast.Constant) and node.value in ("", None)


def _missing_welsh(relative: str) -> list:
    """Each call in the file that makes a problem (or what becomes one) without its Welsh."""
    tree = _tree(relative)
    makers = _makers(tree)
    missing = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else None
        if name not in makers:
            continue
        if any(isinstance(arg, ast.Starred) for arg in node.args) or any(keyword.arg is None for keyword in node.keywords):
            continue  # passed on as *args or **kwargs: its own makers are checked
        given = _bound(node, makers[name])
        if "message" not in given:
            continue
        if "message_cy" not in given or _is_empty(given["message_cy"]):
            missing.append(f"{relative}:{node.lineno}: {name}(...) has no Welsh message (message_cy)")
        if "hint" in given and not _is_empty(given["hint"]) and ("hint_cy" not in given or _is_empty(given["hint_cy"])):
            missing.append(f"{relative}:{node.lineno}: {name}(...) has no Welsh fix (hint_cy)")
    return missing


def _makes_problems(relative: str) -> bool:
    text = (ROOT / relative).read_text("utf-8")
    return re.search(r"\bProblem\(", text) is not None


def test_every_problem_of_a_covered_file_passes_its_welsh():
    missing = [line for relative in sorted(WELSH) for line in _missing_welsh(relative)]
    assert not missing, "\n".join(missing)


def test_every_helper_that_takes_a_message_takes_its_welsh_too():
    """A new helper that builds a problem from a message must take the Welsh beside it."""
    lacking = []
    for relative in sorted(WELSH):
        for name, parameters in _makers(_tree(relative)).items():
            if "message_cy" not in parameters:
                lacking.append(f"{relative}: {name}({', '.join(parameters)})")
            if "hint" in parameters and "hint_cy" not in parameters:
                lacking.append(f"{relative}: {name} takes a hint but no hint_cy")
    assert not lacking, "\n".join(lacking)


def test_the_list_of_files_not_yet_in_welsh_is_true():
    every = {path.relative_to(ROOT).as_posix() for path in (ROOT / "hooks").rglob("*.py") if _makes_problems(path.relative_to(ROOT).as_posix())}
    every.discard("hooks/problems.py")  # the type itself
    assert not WELSH & NOT_YET_IN_WELSH
    unlisted = every - WELSH - NOT_YET_IN_WELSH
    assert not unlisted, f"these files make problems: add them to WELSH (with the Welsh) or to NOT_YET_IN_WELSH: {sorted(unlisted)}"
    done = sorted(relative for relative in NOT_YET_IN_WELSH if not _missing_welsh(relative))
    assert not done, f"every problem of these files has its Welsh now: move them from NOT_YET_IN_WELSH to WELSH: {done}"


def test_the_static_check_finds_a_problem_without_welsh(tmp_path, monkeypatch):
    """The check itself works: a Problem(...) with a fix but no Welsh fix is found."""
    sample = tmp_path / "hooks" / "sample.py"
    sample.parent.mkdir()
    sample.write_text(
        "from hooks.problems import Problem\n"
        "def f(path):\n"
        "    return [Problem(path, 1, 'r', 'the file is empty', 'add the data', message_cy=\"mae'r ffeil yn wag\"),\n"
        "            Problem(path, 1, 'r', 'no hint here')]\n",
        "utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    found = _missing_welsh("hooks/sample.py")
    assert found == ["hooks/sample.py:3: Problem(...) has no Welsh fix (hint_cy)", "hooks/sample.py:4: Problem(...) has no Welsh message (message_cy)"]


# --- (b) the corpora, through the one pipeline ----------------------------------------------------

_RULE = re.compile(r"^[a-z]+(?:-[a-z0-9]+)+$")


def _rule_strings(relative: str) -> set:
    return {node.value for node in ast.walk(_tree(relative)) if isinstance(node, ast.Constant) and isinstance(node.value, str) and _RULE.match(node.value)}


def _not_yet_rules() -> set:
    """The rules only the files not yet in Welsh give (their problems are checked once they are)."""
    covered = set().union(*(_rule_strings(relative) for relative in WELSH))
    return set().union(*(_rule_strings(relative) for relative in NOT_YET_IN_WELSH)) - covered if NOT_YET_IN_WELSH else set()


_IDENTIFIER = None


def _judged_english(texts: list) -> list:
    """The texts the project's language identifier, asked whether each is Welsh, finds to be another language."""
    global _IDENTIFIER
    if _IDENTIFIER is None:
        from hooks.checks.translation_checks import LanguageIdentifier

        _IDENTIFIER = LanguageIdentifier([])
    verdicts = _IDENTIFIER.wrong_languages([(_welsh_words(text), "cy") for text in texts])
    return [text for text, wrong in zip(texts, verdicts) if wrong]


# What a Welsh message quotes as it is: values from the file ('…', "…", an apostrophe inside a
# word, as in mae'r, being no quote), names listed after a colon (the fields or blocks allowed),
# code (paths, placeholders, tags), and the words another program gives in English, which the
# Welsh introduces as such ("yn Saesneg: …"). The rest is what the identifier judges.
_QUOTED = re.compile(
    r"(?<!\w)'[^']*'(?!\w)|\"[^\"]*\"|“[^”]*”|<[^>]*>|\{[^}]*\}|\[[^\]]*\]"
    r"|:\s*(?:[\w$.:/'-]+,\s*)+[\w$.:/'-]+"
    r"|\S*[_/$#]\S*|\S+:\S+"
    r"|\(yn Saesneg[^()]*\)|yn Saesneg\)?:.*$"
)


def _welsh_words(text: str) -> str:
    return _QUOTED.sub(" ", text)


def test_the_language_identifier_would_find_english():
    """The check of the corpora is live: English fixes given as Welsh are found."""
    english = ["check the indentation and quoting around this line", "amounts, counts and numbers of staff are never negative: correct the number"]
    assert _judged_english(english) == english
    assert _judged_english(["gwiriwch y mewnoliad a'r dyfynodau o gwmpas y llinell hon"]) == []


def _check_welsh(problems: list, case: str) -> None:
    exempt = _not_yet_rules()
    judged = [p for p in problems if p.rule not in exempt]
    for problem in judged:
        assert problem.message_cy, f"{case}: {problem.rule} has no Welsh message: {problem.as_text()}"
        assert problem.message_cy != problem.message, f"{case}: {problem.rule}: the Welsh message is the English"
        if problem.hint:
            assert problem.hint_cy, f"{case}: {problem.rule} has no Welsh fix: {problem.as_text()}"
            assert problem.hint_cy != problem.hint, f"{case}: {problem.rule}: the Welsh fix is the English"
    texts = sorted({text for p in judged for text in (p.message_cy, p.hint_cy) if text})
    english = _judged_english(texts)
    assert not english, f"{case}: judged not Welsh by the language identifier:\n" + "\n".join(english)


def _site_copy(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    for folder in ("content", "data", "overrides"):
        shutil.copytree(ROOT / folder, site / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    return site


MISTAKES = yaml.safe_load((ROOT / "tests" / "content_mistakes" / "mistakes.yml").read_text("utf-8"))


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m["id"] for m in MISTAKES])
def test_every_content_mistake_is_told_in_welsh(tmp_path, mistake):
    from test_one_verdict import make

    site = _site_copy(tmp_path)
    make(site, mistake)
    problems = publication.problems_of(site)
    assert mistake["rule"] in {p.rule for p in problems}, [p.as_text() for p in problems]
    _check_welsh(problems, mistake["id"])


def _malformed():
    from test_malformed_inputs import EXPECTED

    return EXPECTED


@pytest.mark.parametrize("name", sorted(_malformed()))
def test_every_malformed_file_is_told_in_welsh(tmp_path, name):
    from test_malformed_inputs import _place

    expected = _malformed()[name]
    site = _site_copy(tmp_path)
    _place(site, name, expected.target)
    problems = publication.problems_of(site)
    assert expected.rule in {p.rule for p in problems}, [p.as_text() for p in problems]
    _check_welsh(problems, name)


def _hostile():
    from test_safety import HOSTILE

    return HOSTILE


@pytest.mark.parametrize("case", _hostile(), ids=[case[0] for case in _hostile()])
def test_every_hostile_page_is_told_in_welsh(tmp_path, case):
    from test_safety import PAGE, PROSE

    name, markdown, expected = case
    site = _site_copy(tmp_path)
    page = site / PAGE
    page.write_text(PROSE + markdown + "\n\n" + page.read_text("utf-8"), "utf-8")
    problems = publication.problems_of(site)
    assert {rule for rule, _ in expected} <= {p.rule for p in problems}, [p.as_text() for p in problems]
    _check_welsh(problems, name)


def test_the_symbolic_link_and_the_invisible_character_are_told_in_welsh(tmp_path):
    site = _site_copy(tmp_path)
    (site / "content" / "assets" / "elsewhere.txt").symlink_to("/nonexistent-target")
    page = site / "content" / "cy" / "about.md"
    page.write_text(page.read_text("utf-8").replace("\n\n", "\n\nGair\u200bgair\u202e arall\n\n", 1), "utf-8")
    problems = publication.problems_of(site)
    assert {"file-symlink", "text-invisible-character"} <= {p.rule for p in problems}, [p.as_text() for p in problems]
    _check_welsh(problems, "symlink and invisible characters")


# --- (c) the command, the environment and the places ---------------------------------------------


def _broken_site(tmp_path: Path) -> Path:
    site = _site_copy(tmp_path)
    plan = site / "data" / "plans" / "upper-valleys" / "2022-23.yml"
    plan.write_text(plan.read_text("utf-8").replace("      agreed_spend: 4840.00", "      agreed_spend: -4840.00", 1), "utf-8")
    return site


def _check(site: Path, *arguments: str, language: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    env.pop("PLAN_SITE_LANGUAGE", None)
    if language is not None:
        env["PLAN_SITE_LANGUAGE"] = language
    return subprocess.run([sys.executable, "-m", "hooks.check", "--root", str(site), *arguments], cwd=ROOT, capture_output=True, text=True, env=env)


ENGLISH_MESSAGE = "the number -4840.00 is below the smallest value allowed here (0)"
WELSH_MESSAGE = "mae'r rhif -4840.00 yn is na'r gwerth lleiaf a ganiateir yma (0)"
WELSH_FIX = "nid yw symiau, cyfrifon na niferoedd staff byth yn negyddol: cywirwch y rhif"


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    return _broken_site(tmp_path_factory.mktemp("broken"))


def test_the_check_speaks_english_by_default(broken):
    result = _check(broken)
    assert result.returncode == 1, result.stderr
    assert ENGLISH_MESSAGE in result.stdout and "\n    fix: amounts, counts" in result.stdout
    assert WELSH_MESSAGE not in result.stdout
    assert "content problem" in result.stderr and "found" in result.stderr


def test_the_check_speaks_welsh_when_asked(broken):
    result = _check(broken, "--language", "cy")
    assert result.returncode == 1, result.stderr
    assert f"schema-minimum: {WELSH_MESSAGE} (yn finance.projects[2].agreed_spend: finance, prosiect 3, agreed_spend)" in result.stdout
    assert f"\n    i'w gywiro: {WELSH_FIX}" in result.stdout
    assert ENGLISH_MESSAGE not in result.stdout and "fix:" not in result.stdout
    assert result.stderr.startswith("Problemau yn y cynnwys: 1 ("), result.stderr
    assert "found" not in result.stderr


def test_the_check_speaks_both_welsh_first(broken):
    result = _check(broken, "--language", "both")
    assert result.returncode == 1, result.stderr
    welsh, english = result.stdout.index(WELSH_MESSAGE), result.stdout.index(ENGLISH_MESSAGE)
    assert welsh < english
    assert "\n    English: " + ENGLISH_MESSAGE in result.stdout
    assert "Problemau yn y cynnwys: 1" in result.stderr and "1 content problem found" in result.stderr
    assert result.stderr.index("Problemau") < result.stderr.index("content problem")


def test_the_environment_chooses_the_language_and_the_option_wins(broken):
    assert WELSH_MESSAGE in _check(broken, language="cy").stdout
    assert ENGLISH_MESSAGE in _check(broken, "--language", "en", language="cy").stdout
    assert ENGLISH_MESSAGE in _check(broken, language="klingon").stdout  # not a language of the site: English


def test_github_annotations_and_json_in_welsh(broken):
    github = _check(broken, "--format", "github", "--language", "cy").stdout
    assert github.startswith("::error file=data/plans/upper-valleys/2022-23.yml,line=") and WELSH_MESSAGE in github and f"I'w gywiro: {WELSH_FIX}" in github
    both = _check(broken, "--format", "github", "--language", "both").stdout
    assert "%0A%0AEnglish: " + ENGLISH_MESSAGE in both
    (problem,) = json.loads(_check(broken, "--format", "json", "--language", "cy").stdout)["problems"]
    assert (problem["message"], problem["message_cy"], problem["hint_cy"]) == (ENGLISH_MESSAGE, WELSH_MESSAGE, WELSH_FIX)


def test_usage_errors_in_welsh(broken):
    result = _check(broken, "--format", "xml", language="cy")
    assert result.returncode == 2
    assert "gwall yn y gorchymyn" in result.stderr
    missing = _check(broken / "nowhere", "--language", "cy")
    assert missing.returncode == 2 and "nid oes ffolderi content/ a data/" in missing.stderr


def test_a_clean_site_is_said_clean_in_welsh(tmp_path):
    result = _check(_site_copy(tmp_path), "--language", "cy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.startswith("Ni chafwyd problemau yn y cynnwys ("), result.stderr


def test_message_language(monkeypatch):
    monkeypatch.delenv("PLAN_SITE_LANGUAGE", raising=False)
    assert message_language() == "en"
    monkeypatch.setenv("PLAN_SITE_LANGUAGE", "CY ")
    assert message_language() == "cy"
    assert message_language("both") == "both"
    monkeypatch.setenv("PLAN_SITE_LANGUAGE", "fr")
    assert message_language() == "en"


@pytest.mark.parametrize(
    "place, described",
    [
        ("plan.priorities[1].goal", "plan, blaenoriaeth 2, goal"),
        ("priorities[0].goals[2].methods[0]", "blaenoriaeth 1, nod 3, dull 1"),
        ("priorities[1].goal.cy", "blaenoriaeth 2, goal, y Gymraeg"),
        ("clusters[7].name.en", "clwstwr 8, name, y Saesneg"),
        ("risks.register[0].likelihood", "risks, cofnod 1 yn y gofrestr, likelihood"),
        ("enablers.workforce[2]", "enablers, llinell 3 am y gweithlu"),
        ("key_facts[0].source_url", "ffaith allweddol 1, source_url"),
        ("unheard_of[4].name", "eitem 5 o unheard_of, name"),
        ("tables[0][3]", "eitem 1 o tables, eitem 4"),
        ("title", "title"),
    ],
)
def test_a_place_is_described_in_welsh(place, described):
    assert describe_field(place, "cy") == described
    assert describe_field(place) == describe_field(place, "en")


def test_every_list_has_its_welsh_noun():
    assert set(ITEM_NOUNS_CY) == set(ITEM_NOUNS)
    for list_name, noun in ITEM_NOUNS_CY.items():
        assert noun == noun.strip() and noun[:1].islower() and noun.count("{n}") <= 1, list_name
        assert noun != ITEM_NOUNS[list_name] or noun == "term", list_name  # the same word in both only where Welsh has it


def test_a_problem_without_welsh_yet_shows_its_english_said_to_be_english():
    problem = Problem("content/cy/about.md", 3, "translation-stale", "the Welsh is older than the English", "revise it")
    assert problem.as_text("cy") == "content/cy/about.md:3: translation-stale: (yn Saesneg yn unig) the Welsh is older than the English\n    i'w gywiro: (yn Saesneg yn unig) revise it"
    assert problem.as_text() == "content/cy/about.md:3: translation-stale: the Welsh is older than the English\n    fix: revise it"


def test_the_welsh_is_not_compared():
    english = Problem("a.yml", 1, "yaml-empty", "the file is empty", "add the data")
    welsh = Problem("a.yml", 1, "yaml-empty", "the file is empty", "add the data", message_cy="mae'r ffeil yn wag", hint_cy="ychwanegwch y data")
    assert english == welsh and len({english, welsh}) == 1


def test_a_warning_of_mkdocs_keeps_its_english_introduced_in_welsh(tmp_path):
    from hooks.engine import problem_from_warning

    problem = problem_from_warning(tmp_path, "Doc file 'en/about.md' contains a link 'nowhere.md', but the target is not found among documentation files.")
    assert problem.rule == "build-link"
    assert problem.message_cy == "Mae MkDocs yn rhoi'r rhybudd hwn (yn Saesneg): " + problem.message
    assert problem.hint_cy and problem.hint_cy != problem.hint



# --- (d) the translation gate's fixtures, the pull request's check and the translators' commands --


def _gate_cases():
    from test_translation_gate import CASES

    return CASES


@pytest.mark.parametrize("case", _gate_cases())
def test_every_gate_fixture_is_told_in_welsh(tmp_path, case):
    """Every rule of the translation gate (tests/gate_fixtures), its failing case: a Welsh message and fix, not the English, judged Welsh."""
    from test_translation_gate import expected, fixture_site

    from hooks.checks.translation_checks import run_checks

    problems = run_checks(fixture_site(tmp_path, case))
    assert {line.split()[-1] for line in expected(case)} <= {p.rule for p in problems}, [p.as_text() for p in problems]
    _check_welsh(problems, case)


def test_a_stale_section_says_in_welsh_what_changed_and_where(tmp_path):
    from test_translation_gate import fixture_site

    from hooks.checks.translation_checks import run_checks

    (stale, *_) = [p for p in run_checks(fixture_site(tmp_path, "translation-stale")) if p.path == "content/cy/index.md"]
    assert "newidiodd y paragraff ar linell 12" in stale.message_cy
    assert "Diwygiwch y Gymraeg: yr adran o dan bennawd 2, 'Y cynlluniau', yn content/cy/index.md (llinell 10)" in stale.message_cy
    assert 'mark-fresh "content/cy/index.md#2"' in stale.hint_cy and "data/welsh-unchanged.yml" in stale.hint_cy
    assert "the paragraph" not in stale.message_cy and "the section under" not in stale.message_cy  # no English fragment inside


# The pull request's scenarios (tests/test_pull_request.py), run in the process so that the
# problems themselves are looked at, and the comment made from them.


@pytest.fixture(scope="module")
def pull_request_template(tmp_path_factory) -> Path:
    """The site in a new repository, its first commit the base (main), as tests/test_pull_request.py makes it."""
    from test_pull_request import browser_commit, git

    repository = tmp_path_factory.mktemp("template") / "site"
    repository.mkdir()
    for folder in ("content", "data", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, repository / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy2(ROOT / "mkdocs.yml", repository / "mkdocs.yml")
    git(repository, "init", "-q", "-b", "main")
    browser_commit(repository, "The site as it is on main")
    return repository


@pytest.fixture
def branch(pull_request_template, tmp_path) -> Path:
    from test_pull_request import git

    copy = tmp_path / "site"
    shutil.copytree(pull_request_template, copy, symlinks=True)
    git(copy, "checkout", "-q", "-b", "update/about")
    return copy


def _english_alone(repository: Path) -> None:
    from test_pull_request import EN, ENGLISH_SENTENCE, browser_commit, edit

    edit(repository, EN, ENGLISH_SENTENCE, "and this will never lead to a delay")
    browser_commit(repository, "Correct the English")


def _faulty_entries(repository: Path) -> None:
    from test_pull_request import ACKNOWLEDGEMENTS, browser_commit

    file = repository / ACKNOWLEDGEMENTS
    file.write_text(
        file.read_text("utf-8")
        + '- {text: "content/cy/nowhere.md#2", english: "0123456789ab", reason: "a typo"}\n'
        + '- {text: "content/cy/about.md#2", english: "0123456789ab"}\n'
        + '- {text: "content/cy/about.md#1", english: "0123456789ab", reason: "[TO DO: say why]"}\n'
        + '- {text: "content/cy/about.md#1", english: "not-hex", reason: "a typo", colour: blue}\n'
        + "- just a line\n",
        "utf-8",
    )
    browser_commit(repository, "Faulty entries")


def _outdated_entry(repository: Path) -> None:
    from test_pull_request import EN, ENGLISH_SENTENCE, acknowledge, browser_commit, edit

    from hooks import pull_request

    edit(repository, EN, ENGLISH_SENTENCE, "and this will not lead to delay")
    (stale,) = [p for p in pull_request.run(repository, "main").problems if p.rule == "translation-stale"]
    acknowledge(repository, stale.hint.split("replace its [TO DO: ...] with why: ", 1)[1], "a grammar correction")
    edit(repository, EN, "and this will not lead to delay", "and this will not lead to any delay")
    browser_commit(repository, "English changed twice")


def _three_mistakes(repository: Path) -> None:
    from test_pull_request import browser_commit, edit

    plan = repository / "data/plans/upper-valleys/2022-23.yml"
    lines = plan.read_text("utf-8").splitlines()
    lines.insert(3, "colour: blue")
    plan.write_text("\n".join(lines) + "\n", "utf-8")
    other = repository / "data/plans/pan-cluster/2024-25.yml"
    other.write_text(other.read_text("utf-8") + 'broken: {en: Broken, cy: "Torrwyd\n', "utf-8")
    for page in ("content/en/accessibility.md", "content/cy/accessibility.md"):
        edit(repository, page, "\n\n", "\n\n[missing](missing.md)\n\n")
    browser_commit(repository, "Three mistakes")


PULL_REQUESTS = {
    "english alone": (_english_alone, {"translation-stale"}),
    "faulty entries": (_faulty_entries, {"welsh-unchanged-place", "welsh-unchanged-file"}),
    "an outdated entry": (_outdated_entry, {"welsh-unchanged-outdated", "translation-stale"}),
    "three mistakes": (_three_mistakes, {"schema-additionalProperties", "link-target-missing"}),
}


@pytest.mark.parametrize("scenario", sorted(PULL_REQUESTS))
def test_every_pull_request_problem_is_told_in_welsh_and_the_comment_shows_both(branch, scenario):
    from hooks import pull_request

    make, rules = PULL_REQUESTS[scenario]
    make(branch)
    result = pull_request.run(branch, "main")
    assert rules <= {p.rule for p in result.problems}, [p.as_text() for p in result.problems]
    _check_welsh(result.problems, scenario)
    comment = pull_request.comment(result, pull_request.Links("https://github.com", "health-board/plans", "update/about"))
    assert "Mae negeseuon y gwiriadau yn Saesneg" not in comment
    for problem in result.problems:
        head = f"`{problem.rule}`"
        welsh = f"  - **Cymraeg:** {pull_request._escape(problem.message_cy)}"
        english = f"  - **English:** {pull_request._escape(problem.message)}"
        assert head in comment and welsh in comment and english in comment, problem.as_text()
        assert comment.index(welsh) < comment.index(english)  # Welsh first
        if problem.hint and problem.rule not in pull_request.FRESHNESS_RULES:
            assert f"    - **Cywiro:** {pull_request._escape(problem.hint_cy)}" in comment
            assert f"    - **Fix:** {pull_request._escape(problem.hint)}" in comment
    assert "(yn Saesneg yn unig)" not in comment


def test_the_comment_gives_the_line_to_add_once_below_both_languages(branch):
    from hooks import pull_request
    from hooks.checks import fingerprints

    _english_alone(branch)
    result = pull_request.run(branch, "main")
    comment = pull_request.comment(result)
    (stale,) = [p for p in result.problems if p.rule == "translation-stale"]
    entry = fingerprints.acknowledgement_entry(result.units[(stale.path, stale.line)])
    assert comment.count(f"    {entry}") == 1
    welsh = comment.index("**Cymraeg:** " + pull_request._escape(stale.message_cy))
    english = comment.index("**English:** " + pull_request._escape(stale.message))
    assert welsh < comment.index("ychwanegwch y llinell isod") < english < comment.index("add the line below") < comment.index(entry)


def test_a_problem_without_welsh_is_said_to_be_english_in_the_comment():
    from hooks import pull_request

    problem = Problem("data/x.yml", 2, "some-rule", "the English only", "fix it")
    comment = pull_request.comment(pull_request.Result("a" * 40, "b" * 40, problems=[problem]))
    assert "  - **Cymraeg:** (yn Saesneg yn unig) the English only" in comment
    assert "    - **Cywiro:** (yn Saesneg yn unig) fix it" in comment


def test_the_pull_request_check_prints_in_welsh_when_asked(branch):
    from test_pull_request import check

    _english_alone(branch)
    status, printed, comment = check(branch, environment={"PLAN_SITE_LANGUAGE": "cy"})
    assert status == 1
    assert "content/cy/about.md:7: translation-stale: mae Saesneg adran 2 'Welsh language statement' wedi newid" in printed
    assert "i'w gywiro: diwygiwch y Gymraeg honno" in printed and "Ni ellir cyfuno'r cais tynnu eto." in printed
    assert "has changed since" not in printed and "cannot be merged" not in printed
    assert "**Cymraeg:**" in comment and "**English:**" in comment  # the comment is always in both
    status, printed, _ = check(branch, "--language", "both", environment={"PLAN_SITE_LANGUAGE": "en"})
    assert printed.index("mae Saesneg adran 2") < printed.index("English: the English of section 2")


# The translators' commands (hooks.translations), their refusals and errors in Welsh.


def _translations(site: Path, *arguments: str, language: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    env.pop("PLAN_SITE_LANGUAGE", None)
    if language is not None:
        env["PLAN_SITE_LANGUAGE"] = language
    return subprocess.run([sys.executable, "-m", "hooks.translations", "--root", str(site), *arguments], cwd=ROOT, capture_output=True, text=True, env=env)


def _said_lines(text: str) -> list:
    """The lines a command printed, without its name and the rows' places, for the language identifier."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^(?:\S*python -m hooks\.translations: )", "", line).strip()
        if line and not line.startswith(("usage:", "[", "{")):
            lines.append(line)
    return lines


def _assert_welsh(text: str) -> None:
    lines = _said_lines(text)
    assert lines, text
    english = _judged_english(lines)
    assert not english, "judged not Welsh:\n" + "\n".join(english)


def test_the_translators_refusals_and_errors_in_welsh(tmp_path):
    from test_translation_gate import fixture_site

    site = fixture_site(tmp_path, "translation-stale")
    cases = [
        (("mark-fresh", "nowhere.md"), "nid oes tudalen, cynllun na ffeil ddata o'r enw hwn", "there is no such"),
        (("mark-fresh", "content/cy/index.md#9"), "nid oes adran na thestun wedi'i gyfieithu o'r enw hwn", "there is no such"),
        (("mark-fresh", "content/cy/index.md#2"), "heb ei nodi: mae Saesneg adran 2 'The plans' yn content/cy/index.md", "not marked"),
        (("export", "to-translate.txt"), "ffeil CSV yw allforiad", "an export is a CSV file"),
        (("export", str(site / "data" / "x.csv")), "mae y tu mewn i ffolder data/ y wefan", "is inside the site's"),
        (("mark-fresh",), "mae angen TARGET (yr hyn i'w nodi), neu --all, ar mark-fresh", "needs a TARGET"),
        (("import", str(tmp_path / "nowhere.csv")), "nid oes modd ei darllen", "cannot be read"),
    ]
    for arguments, welsh, english in cases:
        for result in (_translations(site, "--language", "cy", *arguments), _translations(site, *arguments, language="cy")):
            assert result.returncode in (1, 2), result.stdout + result.stderr
            assert welsh in result.stderr, (arguments, result.stderr)
            assert english not in result.stdout + result.stderr, (arguments, result.stderr)
        english_result = _translations(site, *arguments)
        assert english in english_result.stderr and welsh not in english_result.stderr, (arguments, english_result.stderr)
    _assert_welsh(_translations(site, "--language", "cy", "mark-fresh", "content/cy/index.md#2").stderr)
    both = _translations(site, "mark-fresh", "nowhere.md", "--language", "both").stderr
    assert both.index("nid oes tudalen") < both.index("there is no such page")


def test_an_import_refused_row_by_row_in_welsh(tmp_path):
    import csv
    import io

    from test_translation_gate import fixture_site

    site = fixture_site(tmp_path, "translation-stale")
    exported = tmp_path / "to-translate.csv"
    result = _translations(site, "export", str(exported), language="cy")
    assert result.returncode == 0, result.stderr
    assert "Testunau i'w cyfieithu neu eu cadarnhau a allforiwyd i" in result.stdout and "Llenwch y golofn 'welsh'" in result.stdout
    rows = list(csv.DictReader(io.StringIO(exported.read_text("utf-8-sig"))))
    rows[0]["welsh"], rows[0]["fingerprint"] = "Testun newydd", "en:000000000000"  # the English changed since, says the row
    rows[1]["welsh"] = "Testun\x07newydd"  # a control character
    rows.append(dict(rows[1], key="content/cy/nowhere.md#1", welsh="Testun"))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    filled = tmp_path / "translated.csv"
    filled.write_text(buffer.getvalue(), "utf-8")
    result = _translations(site, "--language", "cy", "import", str(filled))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "gwrthodwyd: rhes 2: " in result.stderr and "mae'r Saesneg wedi newid ers yr allforio" in result.stderr
    assert "mae nod rheoli anweledig (U+0007) yn y Gymraeg" in result.stderr
    assert "nid oes adran na thestun o'r enw hwn bellach" in result.stderr
    assert "Cyfieithiadau a fewnforiwyd: 0; rhesi a adawyd yn wag: " in result.stdout
    assert "refused" not in result.stderr and "Imported" not in result.stdout
    _assert_welsh(result.stderr)


def test_the_status_report_in_welsh(tmp_path):
    from test_translation_gate import fixture_site

    result = _translations(fixture_site(tmp_path, "translation-stale"), "status", "--language", "cy")
    assert result.returncode == 1
    assert "Tudalennau (content/en a content/cy)" in result.stdout and "wedi dyddio" in result.stdout
    assert "I'w cyfieithu neu eu cadarnhau:" in result.stdout and "adran 2 'The plans'; y Saesneg yn content/en/index.md:10" in result.stdout
    assert "up to date" not in result.stdout and "To translate" not in result.stdout
