"""The GitHub workflows and the pre-commit configuration parse and run the project's own commands."""

import yaml

from conftest import ROOT


def _load(path):
    # PyYAML's YAML 1.1 reads the key `on` as True: that is how GitHub's files are written.
    return yaml.safe_load((ROOT / path).read_text("utf-8"))


def _commands(workflow):
    return [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_pull_request_workflow_runs_the_gate_the_build_and_the_ci_tests():
    workflow = _load(".github/workflows/pull-request.yml")
    assert "pull_request" in workflow[True]
    commands = " && ".join(_commands(workflow))
    ci_run = (ROOT / ".ci/run").read_text("utf-8")
    assert "bash tools/test.sh" in ci_run and "bash tools/test.sh" in commands
    assert "python -m hooks.check --format github" in commands
    assert "bash tools/build.sh" in commands
    uploads = [s for j in workflow["jobs"].values() for s in j["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "site/"


def test_deploy_workflow_builds_and_publishes_main_to_pages():
    workflow = _load(".github/workflows/deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    commands = " && ".join(_commands(workflow))
    assert "bash tools/build.sh" in commands and "python -m hooks.check" in commands
    uses = [s.get("uses", "") for j in workflow["jobs"].values() for s in j["steps"]]
    assert any(u.startswith("actions/deploy-pages") for u in uses)


def test_pre_commit_runs_the_translation_gate():
    config = _load(".pre-commit-config.yaml")
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert any("-m hooks.check" in entry for entry in entries)
