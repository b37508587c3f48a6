"""The site outlives its engine (issue #16): two engines build the same site, and the theme's
templates are changed on every build from the installed theme, never copied into overrides/.

- MkDocs 1.6.1 and ProperDocs 1.6.7 build the real site byte for byte the same, but for the one
  allowed difference below; a warning stops a strict build under either.
- hooks/theme.py applies the site's changes to the installed Material's own templates, and stops,
  naming the change, when one no longer applies; nothing of a build is left behind.
- overrides/ holds no copy of a theme template and no hashed asset name.
- A contributor who runs mkdocs or properdocs directly is told what the engine's notices mean.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

from hooks import engine, theme

MATERIAL = Path(importlib.util.find_spec("material").origin).parent / "templates"
MATERIAL_VERSION = importlib.metadata.version("mkdocs-material")
PROJECT_PARTS = ("content", "data", "hooks", "overrides", "mkdocs.yml")

# The one allowed difference between the two engines' sites: Material's <meta name="generator">
# names the engine that made the page (MkDocs' version, or "ProperDocs 1.6.7"). It is true of each
# build, and nothing reads it.
GENERATOR = {
    "mkdocs": f'<meta name="generator" content="mkdocs-{importlib.metadata.version("mkdocs")}, mkdocs-material-{MATERIAL_VERSION}">',
    "properdocs": f'<meta name="generator" content="mkdocs-ProperDocs {importlib.metadata.version("properdocs")}, mkdocs-material-{MATERIAL_VERSION}">',
}


def build(project: Path, destination: Path, engine_name: str, temporary: Path) -> subprocess.CompletedProcess:
    """python -m hooks.build --engine engine_name, with its own temporary folder (TMPDIR)."""
    temporary.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, TMPDIR=str(temporary))
    for name in ("SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING", "PLAN_SITE_DRAFT", "PLAN_SITE_PREVIEW", "PLAN_SITE_LANGUAGE"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "hooks.build", "--engine", engine_name, "--site-dir", str(destination)],
        cwd=project, env=env, capture_output=True, text=True, timeout=120,
    )


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict:
    """The real site, built by each engine, with what each left in its temporary folder."""
    out = tmp_path_factory.mktemp("engines")
    built = {}
    for name in engine.ENGINES:
        result = build(ROOT, out / name, name, out / f"tmp-{name}")
        assert result.returncode == 0, result.stdout + result.stderr
        built[name] = out / name
    return built


# --- Two engines, one site ------------------------------------------------------------------------


def test_both_engines_build_the_same_site_byte_for_byte(sites):
    mkdocs_site, properdocs_site = tree(sites["mkdocs"]), tree(sites["properdocs"])
    assert sorted(mkdocs_site) == sorted(properdocs_site), sorted(set(mkdocs_site) ^ set(properdocs_site))
    assert len(mkdocs_site) > 30
    pages = 0
    for path, made_by_mkdocs in mkdocs_site.items():
        made_by_properdocs = properdocs_site[path]
        if made_by_mkdocs == made_by_properdocs:
            continue
        # The allowed difference, and only it: each page names its engine once, in the same place.
        assert path.endswith(".html"), f"{path} differs between the engines"
        first, second = made_by_mkdocs.decode("utf-8"), made_by_properdocs.decode("utf-8")
        assert first.count(GENERATOR["mkdocs"]) == 1 and second.count(GENERATOR["properdocs"]) == 1, path
        assert first.replace(GENERATOR["mkdocs"], "") == second.replace(GENERATOR["properdocs"], ""), f"{path} differs beyond the generator"
        pages += 1
    assert pages >= 10  # every page names its engine: the comparison saw them all


def test_each_build_uses_the_changed_theme_and_leaves_nothing_behind(sites):
    for name, site in sites.items():
        page = (site / "index.html").read_text("utf-8")
        assert '<a href="#__content" class="md-skip">' in page and 'id="__content"' in page, name
        assert 'autocomplete="off">' not in page.split("<body", 1)[1].split('class="md-search__input"', 1)[0], name
        assert 'data-plan-toggle="__search"' in page, name
        left = sorted(p.name for p in (site.parent / f"tmp-{name}").iterdir())
        assert not [entry for entry in left if entry.startswith("plan-site-theme-")], (name, left)


@pytest.mark.parametrize("engine_name", engine.ENGINES)
def test_a_warning_stops_a_strict_build_under_either_engine(tmp_path, engine_name):
    """MkDocs' own warnings (here: a template that is not there) stop the build under ProperDocs
    too, reported as the one problem type, and the old site is left as it was."""
    project = tmp_path / "project"
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            project.mkdir(exist_ok=True)
            shutil.copy2(source, project / part)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nextra_templates:\n  - missing.html\n", "utf-8")
    result = build(project, tmp_path / "site", engine_name, tmp_path / "tmp")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "mkdocs.yml: build-warning: Template skipped: 'missing.html' not found in docs_dir." in result.stderr
    assert "Build failed" in result.stderr
    assert not (tmp_path / "site").exists()


def test_one_process_builds_with_one_engine():
    """Under ProperDocs every `mkdocs` module is ProperDocs' own; once one engine is loaded, the other is refused."""
    script = (
        "from hooks import engine\n"
        "engine.use_engine('properdocs')\n"
        "import mkdocs.plugins, mkdocs.commands.build\n"
        "print(engine.running_engine(), mkdocs.plugins.__name__, engine.log_root().name)\n"
        "try:\n"
        "    engine.use_engine('mkdocs')\n"
        "except engine.EngineConflict as error:\n"
        "    print('refused:', error)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "properdocs properdocs.plugins properdocs"
    assert lines[1].startswith("refused: properdocs is loaded already")


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="one of mkdocs, properdocs"):
        engine.use_engine("zensical")


# --- The theme's templates, changed on every build ------------------------------------------------


def test_every_change_applies_to_the_installed_theme(tmp_path):
    written = theme.write_changed_templates(MATERIAL, f"mkdocs-material {MATERIAL_VERSION}", tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(theme.CHANGED_TEMPLATES)
    for change in theme.CHANGES:
        text = (tmp_path / change.template).read_text("utf-8")
        for edit in change.edits:
            if edit.our_text:
                assert edit.our_text in text, change.name
            if edit.theme_text not in edit.our_text:  # a replacement, not an addition beside the theme's text
                assert edit.theme_text not in text, change.name
    base = (tmp_path / "base.html").read_text("utf-8")
    # the asset names are the installed theme's own, and each is a file it ships
    assets = re.findall(r"""['"](assets/[^'"]+\.[0-9a-f]{8}\.min\.(?:js|css))['"]""", base)
    assert len(assets) >= 4 and all((MATERIAL / asset).is_file() for asset in assets), assets
    assert f"mkdocs-material-{MATERIAL_VERSION}" in base


def _theme_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "theme"
    for template in theme.CHANGED_TEMPLATES:
        (copy / template).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(MATERIAL / template, copy / template)
    return copy


def test_a_change_that_no_longer_applies_stops_and_names_it(tmp_path):
    """An upgrade that rewrites the skip link: the build names the change, in English and Welsh, and writes nothing."""
    copy = _theme_copy(tmp_path)
    base = copy / "base.html"
    base.write_text(base.read_text("utf-8").replace('{% set skip = page.toc | first %}', '{% set skip = page.toc | last %}'), "utf-8")
    into = tmp_path / "changed"
    with pytest.raises(theme.ChangeNoLongerApplies) as raised:
        theme.write_changed_templates(copy, "mkdocs-material 99.0.0", into)
    error = raised.value
    assert error.change.name == "a skip link to the content on every page" and error.found == 0
    assert 'base.html of mkdocs-material 99.0.0: the site\'s change "a skip link to the content on every page" no longer applies' in error.message
    assert "is no longer in it" in error.message and "hooks/theme.py" in error.message
    assert 'nid yw newid y wefan "a skip link to the content on every page" yn gymwys mwyach' in error.message_cy
    assert "nid yw yno mwyach" in error.message_cy and "docs/peiriant.md" in error.message_cy
    assert not into.exists()


def test_the_build_stops_naming_a_change_that_no_longer_applies_and_leaves_no_folder(tmp_path, monkeypatch):
    """What the hooks do with it in a build (hooks/engine.py): the engine's error, in both languages."""
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    broken = theme.Change("base.html", "a change this Material no longer allows", (theme.Edit("<no such text>", ""),))
    monkeypatch.setattr(theme, "CHANGES", theme.CHANGES + (broken,))
    monkeypatch.setenv("PLAN_SITE_LANGUAGE", "both")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    with pytest.raises(PluginError) as raised:
        engine.theme_changes(SimpleNamespace(theme=SimpleNamespace(name="material")))
    told = str(raised.value)
    assert f'base.html of mkdocs-material {MATERIAL_VERSION}: the site\'s change "a change this Material no longer allows" no longer applies' in told
    assert 'nid yw newid y wefan "a change this Material no longer allows" yn gymwys mwyach' in told
    assert list(tmp_path.iterdir()) == []


def test_a_change_whose_text_is_there_twice_stops_too(tmp_path):
    copy = _theme_copy(tmp_path)
    search = copy / "partials" / "search.html"
    line = '      <div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>\n'
    search.write_text(search.read_text("utf-8").replace(line, line + line), "utf-8")
    with pytest.raises(theme.ChangeNoLongerApplies) as raised:
        theme.write_changed_templates(copy, "mkdocs-material 99.0.0", tmp_path / "changed")
    assert raised.value.found == 2 and "is in it 2 times, not once" in raised.value.message
    assert "mae yno 2 gwaith, nid unwaith" in raised.value.message_cy


# --- overrides/: the site's own templates only -------------------------------------------------------

# Templates of overrides/ with the name of one of Material's: each the site's own, not a copy.
OWN_TEMPLATES_WITH_A_THEME_NAME = {
    "main.html": "Material's is one line (extends base.html); the site's fills blocks with super()",
    "404.html": "the site's page for a missing address, in both languages",
    "partials/alternate.html": "the site's language switch, a plain link (Material's is a drop-down)",
}


def test_overrides_hold_no_copied_theme_template_and_no_hashed_asset_name():
    theme_templates = {p.relative_to(MATERIAL).as_posix() for p in MATERIAL.rglob("*") if p.is_file()}
    ours = {p.relative_to(ROOT / "overrides").as_posix(): p for p in (ROOT / "overrides").rglob("*") if p.is_file()}
    assert {name for name in ours if name in theme_templates} == set(OWN_TEMPLATES_WITH_A_THEME_NAME)
    assert not set(theme.CHANGED_TEMPLATES) & set(ours), "a template hooks/theme.py changes is also in overrides/"
    for name, path in ours.items():
        text = path.read_text("utf-8")
        assert "This file was automatically generated" not in text, f"overrides/{name} is a copy of a theme file"
        assert not re.search(r"\.[0-9a-f]{8}\.min\.(?:js|css)", text), f"overrides/{name} names a hashed asset"
        assert not re.search(r"mkdocs-material-\d", text), f"overrides/{name} names Material's version"


def test_the_changed_templates_come_before_overrides_in_the_theme_search_path():
    class Theme:
        custom_dir = "project/overrides"
        dirs = ["project/overrides", "site-packages/material/templates", "site-packages/mkdocs/templates"]

    class Config:
        theme = Theme()

    config = Config()
    engine.put_theme_changes_first(config, "temporary/plan-site-theme-1")
    engine.put_theme_changes_first(config, "temporary/plan-site-theme-1")  # the i18n plugin's inner build: no second entry
    assert config.theme.dirs == ["temporary/plan-site-theme-1", "project/overrides", "site-packages/material/templates", "site-packages/mkdocs/templates"]


# --- What a contributor is told ---------------------------------------------------------------------


@pytest.mark.parametrize("argv0", ["project/.venv/bin/mkdocs", "project/.venv/lib/python3.11/site-packages/mkdocs/__main__.py", "C:\\venv\\Scripts\\mkdocs.exe"])
def test_running_mkdocs_directly_says_what_materials_notice_means(monkeypatch, argv0):
    monkeypatch.setenv("PLAN_SITE_LANGUAGE", "both")
    notice = engine.engine_notice([argv0.replace("\\", "/"), "build"])
    assert f"Material for MkDocs {MATERIAL_VERSION}" in notice
    assert "asks nothing of this site now" in notice and "bash tools/build.sh --engine properdocs" in notice and "docs/engine.md" in notice
    assert "Nid yw hysbysiad Material am ddiwedd ei oes (5 Mai 2027) yn gofyn dim gan y wefan hon" in notice and "docs/peiriant.md" in notice


def test_running_properdocs_directly_says_to_keep_mkdocs_yml(monkeypatch):
    monkeypatch.setenv("PLAN_SITE_LANGUAGE", "en")
    assert "Keep the name mkdocs.yml" in engine.engine_notice(["project/.venv/bin/properdocs", "build"])
    assert engine.engine_notice(["project/.venv/bin/properdocs", "serve", "-f", "mkdocs.yml"]) is None  # no advice given then
    assert engine.engine_notice([str(ROOT / "hooks" / "build.py"), "--engine", "properdocs"]) is None


def test_a_direct_mkdocs_build_prints_materials_notice_and_what_it_means(tmp_path):
    """The real command, as a contributor runs it: Material's notice, then the site's explanation."""
    env = dict(os.environ, TMPDIR=str(tmp_path))
    for name in ("NO_MKDOCS_2_WARNING", "PLAN_SITE_LANGUAGE", "SOURCE_DATE_EPOCH"):
        env.pop(name, None)
    command = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(command), "build", "--strict", "--site-dir", str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Material for MkDocs reaches end of life" in result.stderr  # Material's, unless it stops printing it
    explanation = "Material's notice of its end of life (5 May 2027) asks nothing of this site now"
    assert explanation in result.stderr
    assert result.stderr.index("Material for MkDocs reaches end of life") < result.stderr.index(explanation)


# --- The engine note (docs/engine.md, docs/peiriant.md), against the code ----------------------------

NOTES = {"en": ROOT / "docs" / "engine.md", "cy": ROOT / "docs" / "peiriant.md"}
PATH = re.compile(r"`((?:hooks|overrides|content|tests|tools|benchmarks|docs)/[\w./-]*)`")


def test_the_engine_notes_link_each_other_and_have_the_same_shape():
    en, cy = (NOTES[locale].read_text("utf-8") for locale in ("en", "cy"))
    assert "](peiriant.md)" in "\n".join(en.splitlines()[:3]) and "](engine.md)" in "\n".join(cy.splitlines()[:3])
    headings = {locale: re.findall(r"^#+ ", text, re.M) for locale, text in (("en", en), ("cy", cy))}
    assert headings["en"] == headings["cy"]
    assert sorted(set(PATH.findall(en))) == sorted(set(PATH.findall(cy)))
    for text in (en, cy):
        for anchor in re.findall(r"\]\(#([\w-]+)\)", text):
            titles = [re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-") for line in text.splitlines() if line.startswith("#")]
            assert anchor in titles, anchor


def test_every_file_the_engine_note_names_exists():
    named = PATH.findall(NOTES["en"].read_text("utf-8"))
    assert len(named) > 20
    for path in named:
        assert (ROOT / path).exists(), f"docs/engine.md names {path}, which is not in the repository"


def test_the_engine_note_names_every_module_that_imports_the_engine_and_every_hook():
    import ast

    note = NOTES["en"].read_text("utf-8")
    for path in sorted((ROOT / "hooks").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        if imported & {"mkdocs", "properdocs", "material", "mkdocs_static_i18n"}:
            assert f"`{path.relative_to(ROOT).as_posix()}`" in note, f"{path.relative_to(ROOT)} imports the engine; docs/engine.md does not name it"
    hooks = re.findall(r"^def (on_\w+)\(", (ROOT / "hooks" / "mkdocs_hooks.py").read_text("utf-8"), re.M)
    assert hooks and all(f"`{hook}`" in note for hook in hooks), hooks


def test_the_engine_notes_list_every_change_of_the_theme():
    for locale, path in NOTES.items():
        text = path.read_text("utf-8")
        for template in theme.CHANGED_TEMPLATES:
            assert f"`{template}`" in text, (locale, template)
        for change in theme.CHANGES:
            assert change.name in text, (locale, change.name)
