"""The GitHub workflows and the pre-commit configuration: they run the project's own commands,
and they are hardened (read-only by default, credentials not kept, every action pinned by
commit, no expression in a shell script), with zizmor and actionlint finding nothing.

zizmor and actionlint are installed by tools/setup.sh (requirements.txt): when either is
missing, the tests that run it fail rather than skip.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = tuple(sorted(path.name for path in (ROOT / ".github" / "workflows").glob("*.y*ml")))  # every workflow
PATHS = [ROOT / ".github" / "workflows" / name for name in WORKFLOWS]

# `uses: owner/repo@<full commit SHA> # v1.2.3` (a subfolder of the repository is allowed).
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^#\s*v\d+(\.\d+){0,2}\s*$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)\s*(?P<comment>#.*)?$")
# An inline ignore: `# zizmor: ignore[rule]` (or several rules, comma separated).
ZIZMOR_IGNORE = re.compile(r"#\s*zizmor:\s*ignore\[(?P<rules>[^\]]*)\](?P<rest>.*)$")


def _load(path):
    # PyYAML's YAML 1.1 reads the key `on` as True: that is how GitHub's files are written.
    return yaml.safe_load((ROOT / path).read_text("utf-8"))


def _workflow(name):
    return _load(f".github/workflows/{name}")


def _steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _commands(workflow):
    return [step["run"] for step in _steps(workflow) if "run" in step]


def _tool(name):
    """The command next to this Python (the venv's bin, where tools/setup.sh installs it), or on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"'{name}' is not installed: neither beside {Path(sys.executable).name} in its bin folder nor on PATH "
            "(bash tools/setup.sh installs it from requirements.txt)"
        )
    return found


# What the workflows run


def test_pull_request_workflow_runs_the_gate_the_build_and_the_ci_tests():
    workflow = _workflow("pull-request.yml")
    assert "pull_request" in workflow[True]
    commands = " && ".join(_commands(workflow))
    ci_run = (ROOT / ".ci/run").read_text("utf-8")
    assert "bash tools/test.sh" in ci_run and "bash tools/test.sh" in commands
    assert "python -m hooks.check --format github" in commands
    assert "bash tools/build.sh" in commands
    uploads = [s for s in _steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"] == "site/"


def test_deploy_workflow_builds_and_publishes_main_to_pages():
    workflow = _workflow("deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    commands = " && ".join(_commands(workflow))
    assert "bash tools/build.sh" in commands and "python -m hooks.check" in commands
    assert "--preview" not in commands, "the published build is strict"
    deploys = [s for s in _steps(workflow) if s.get("uses", "").startswith("JamesIves/github-pages-deploy-action@")]
    assert len(deploys) == 1 and deploys[0]["with"]["branch"] == "gh-pages"
    build = [s for s in _steps(workflow) if "bash tools/build.sh" in s.get("run", "")]
    assert "SITE_URL" in build[0].get("env", {}), "the deploy build sets SITE_URL to the Pages address"


@pytest.mark.parametrize("name", WORKFLOWS)
def test_workflows_are_thin_callers_of_the_project_scripts(name):
    # Each command is one of the project's own: the logic lives in tools/ and hooks/, where it is tested.
    allowed = re.compile(
        r"^(bash tools/[a-z-]+\.sh( --[a-z-]+)*|\.venv/bin/python -m hooks\.check --format github"
        r'|\.venv/bin/python -m hooks\.new plan --cluster="\$CLUSTER" --year="\$YEAR")$'
    )
    for command in _commands(_workflow(name)):
        for part in command.strip().split(" && "):
            assert allowed.match(part.strip()), f"{name}: '{part}' is not a call of a script in tools/ or of the gate"


def test_pre_commit_runs_the_translation_gate():
    config = _load(".pre-commit-config.yaml")
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert any("-m hooks.check" in entry for entry in entries)


@pytest.mark.parametrize("name", WORKFLOWS)
def test_workflows_cache_only_pip_downloads_keyed_by_the_pinned_requirements(name):
    text = (ROOT / ".github/workflows" / name).read_text("utf-8")
    # The hooks' cache is gone: no workflow keeps it, nor any other folder through actions/cache.
    for gone in (".cache/plan-site", "hooks/cache.py", "actions/cache"):
        assert gone not in text, f"{name} mentions {gone}"
    setups = [s for s in _steps(_workflow(name)) if s.get("uses", "").startswith("actions/setup-python@")]
    runs_python = any("run" in step for step in _steps(_workflow(name)))
    assert setups or not runs_python, name  # preview.yml runs nothing of ours: it only removes a preview
    for setup in setups:
        if "cache" not in setup["with"]:
            continue  # no cache at all (new-plan.yml: a job that writes restores nothing another run saved)
        assert setup["with"]["cache"] == "pip", name
        listed = setup["with"]["cache-dependency-path"].split()
        assert {"requirements.txt", "constraints.txt"} <= set(listed), name
        # every pattern names a file there is, and every lock file of the requirements is listed
        for pattern in listed:
            assert list(ROOT.glob(pattern)), f"{name}: cache-dependency-path '{pattern}' matches no file"
        keyed = {p.name for pattern in listed for p in ROOT.glob(pattern)}
        for lock in {*ROOT.glob("requirements*.lock"), *ROOT.glob("requirements*lock*.txt"), *ROOT.glob("constraints*.lock")}:
            assert lock.name in keyed, f"{name}: the pip cache is not keyed by {lock.name}"


# Hardening, read from the YAML


@pytest.mark.parametrize("name", WORKFLOWS)
def test_every_checkout_keeps_no_credentials(name):
    checkouts = [s for s in _steps(_workflow(name)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts, name
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, f"{name}: a checkout without persist-credentials: false"


@pytest.mark.parametrize("name", WORKFLOWS)
def test_every_action_is_pinned_by_full_commit_sha_with_its_version_in_a_comment(name):
    workflow = _workflow(name)
    parsed = [s["uses"] for s in _steps(workflow) if "uses" in s]
    parsed += [job["uses"] for job in workflow["jobs"].values() if "uses" in job]  # reusable workflows
    assert parsed, name
    lines = [m for m in map(USES_LINE.match, (ROOT / ".github/workflows" / name).read_text("utf-8").splitlines()) if m]
    assert sorted(m["ref"] for m in lines) == sorted(parsed), f"{name}: every uses: on a line of its own"
    for match in lines:
        assert PINNED.match(match["ref"]), f"{name}: {match['ref']} is not pinned to a full commit SHA"
        assert match["comment"] and VERSION_COMMENT.match(match["comment"]), (
            f"{name}: {match['ref']} has no version comment such as '# v4.2.2'"
        )


def test_an_action_is_pinned_to_one_commit_and_one_version_in_every_workflow():
    pins = {}
    for path in PATHS:
        for match in filter(None, map(USES_LINE.match, path.read_text("utf-8").splitlines())):
            action, _, sha = match["ref"].partition("@")
            pins.setdefault(action, set()).add((sha, (match["comment"] or "").strip()))
    for action, seen in pins.items():
        assert len(seen) == 1, f"{action} is pinned differently: {sorted(seen)}"


def _read_only(permissions):
    return permissions == {} or (
        isinstance(permissions, dict) and all(level in ("read", "none") for level in permissions.values())
    )


@pytest.mark.parametrize("name", WORKFLOWS)
def test_top_level_permissions_are_read_only(name):
    workflow = _workflow(name)
    assert "permissions" in workflow, f"{name}: no top-level permissions (GitHub's default may be read and write)"
    assert _read_only(workflow["permissions"]), f"{name}: top-level permissions {workflow['permissions']} are not read-only"


# The pull request's jobs that write, and exactly what (the workflow's comments say why): the
# first pushes the check's record to the branch, comments and reports on that commit; the
# second reports its result on that commit (a push with GITHUB_TOKEN starts no run).
PULL_REQUEST_WRITES = {
    ("pull-request.yml", "translations"): {"contents": "write", "pull-requests": "write", "statuses": "write"},
    ("pull-request.yml", "check"): {"contents": "read", "statuses": "write"},
}
# The jobs that push to gh-pages (the site, a pull request's preview) or open a pull request (new-plan.yml).
PUBLISH_WRITES = {
    ("deploy.yml", "deploy"): {"contents": "write"},
    ("pull-request.yml", "preview-deploy"): {"contents": "write"},
    ("preview.yml", "remove"): {"contents": "write"},
    ("new-plan.yml", "new-plan"): {"contents": "write", "pull-requests": "write"},
}


@pytest.mark.parametrize("name", WORKFLOWS)
def test_only_the_named_jobs_may_write_and_only_what_they_need(name):
    for job_id, job in _workflow(name)["jobs"].items():
        permissions = job.get("permissions", {})
        if (name, job_id) in PUBLISH_WRITES:
            assert permissions == PUBLISH_WRITES[name, job_id], f"{name}: {job_id}: {permissions}"
            # a job that pushes to gh-pages runs no code of the repository: it deploys what a read-only job built
            if name != "new-plan.yml":
                assert not [step for step in job["steps"] if "run" in step], f"{name}: {job_id} can write and runs commands"
        elif (name, job_id) in PULL_REQUEST_WRITES:
            assert permissions == PULL_REQUEST_WRITES[name, job_id], f"{name}: {job_id}: {permissions}"
        else:
            assert _read_only(permissions), f"{name}: job {job_id} does not deploy, yet has {permissions}"


@pytest.mark.parametrize("name", WORKFLOWS)
def test_no_expression_is_expanded_into_a_shell_script(name):
    # ${{ }} in run: is pasted into the script before it runs (template injection): values go through env:.
    for step in _steps(_workflow(name)):
        assert "${{" not in step.get("run", ""), f"{name}: an expression in the run: of '{step.get('name', step['run'])}'"


def test_a_new_push_to_a_pull_request_cancels_the_superseded_run_and_deploys_are_never_cancelled():
    pull_request = _workflow("pull-request.yml")["concurrency"]
    assert pull_request["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in pull_request["group"] or "github.ref" in pull_request["group"]
    deploy = _workflow("deploy.yml")["concurrency"]
    assert deploy["cancel-in-progress"] is False


# zizmor and actionlint


def test_zizmor_finds_nothing():
    # --no-config: a finding is accepted only by an ignore comment in the workflow (explained: see below).
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--no-config", "--strict-collection", "--no-progress", "--color=never", "--format", "plain", *map(str, PATHS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"zizmor (exit {result.returncode}):\n{result.stdout}{result.stderr}"


def test_every_finding_ignored_in_a_workflow_is_explained():
    # `# zizmor: ignore[rule] -- why`, or a comment on the line above saying why.
    for path in PATHS:
        lines = path.read_text("utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            match = ZIZMOR_IGNORE.search(line)
            if not match:
                continue
            assert match["rules"].strip(), f"{path.name}:{number}: an ignore comment names no rule"
            said_after = re.search(r"[A-Za-z]{3}", match["rest"])
            above = lines[number - 2].strip() if number > 1 else ""
            said_above = above.startswith("#") and not ZIZMOR_IGNORE.search(above) and re.search(r"[A-Za-z]{3}", above)
            assert said_after or said_above, f"{path.name}:{number}: '{line.strip()}' does not say why the finding is accepted"


def test_actionlint_finds_nothing(tmp_path):
    # An empty configuration: no repository file can ignore errors unseen.
    config = tmp_path / "actionlint.yaml"
    config.write_text("{}\n", "utf-8")
    result = subprocess.run(
        [_tool("actionlint"), "-no-color", "-oneline", "-config-file", str(config), *map(str, PATHS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and not result.stdout.strip(), f"actionlint (exit {result.returncode}):\n{result.stdout}{result.stderr}"
