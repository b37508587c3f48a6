"""benchmarks/: the synthetic site loads and passes the translation gate; the budgets judge values right."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from conftest import ROOT

from hooks import plan_data

# benchmarks/run.py, loaded under a name of its own ("run" is too common); it puts benchmarks/
# on sys.path, as it does when run, so synthetic_site is importable after it.
_spec = importlib.util.spec_from_file_location("benchmarks_run", ROOT / "benchmarks" / "run.py")
benchmarks = sys.modules.setdefault("benchmarks_run", importlib.util.module_from_spec(_spec))
if not hasattr(benchmarks, "budgets"):
    _spec.loader.exec_module(benchmarks)

import synthetic_site  # noqa: E402


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    return synthetic_site.make(ROOT, tmp_path_factory.mktemp("synthetic") / "project", 10)


def test_the_synthetic_site_loads_and_passes_the_check(synthetic):
    data = plan_data.load(synthetic.root)
    assert len(data.plans) == synthetic.plans == 10
    assert synthetic.synthetic_plans >= 1

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "hooks.check"], cwd=synthetic.root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_the_fictional_names_are_the_same_in_both_languages(synthetic):
    glossary = plan_data.load(synthetic.root).glossary
    real = plan_data.load(ROOT)
    added = len(plan_data.load(synthetic.root).clusters) - len(real.clusters)
    assert added >= 1
    names = [synthetic_site.cluster_name(i) for i in range(added)]
    assert all(glossary.is_same_in_both(name) for name in names), [n for n in names if not glossary.is_same_in_both(n)]


def test_a_copy_of_the_project_leaves_out_the_hooks_cache():
    assert ".cache" in synthetic_site.SKIPPED
    assert synthetic_site._ignore(str(ROOT), [".cache", "hooks", "content"]) == {".cache"}


def test_clearing_a_missing_cache_is_harmless(tmp_path):
    benchmarks.clear_cache(tmp_path)  # nothing there
    folder = tmp_path / benchmarks.CACHE_FOLDER / "version" / "kind"
    folder.mkdir(parents=True)
    (folder / "key").write_text("x")
    benchmarks.clear_cache(tmp_path)
    assert not (tmp_path / benchmarks.CACHE_FOLDER).exists()


def fake_site(plans: int, **changes) -> dict:
    """The figures budgets() reads, all within budget unless changed."""
    site = {
        "plans": plans,
        "hooks_overhead": 1.05,
        "hooks_overhead_cold": 3.0,  # reported, no budget
        "check_seconds": 1.0,
        "check_cold_seconds": 30.0,  # reported, no budget
        "fast_seconds_per_page": 0.1,
        "page_bytes": 60000,
        "fast_over_stock": 0.6,
        "fast_over_stock_cold": 0.9,  # reported, no budget
        "identical_output": True,
    }
    site.update(changes)
    return site


def results(found: list) -> dict:
    return {b["name"]: b["pass"] for b in found}


def test_budgets_pass_values_within_their_limits():
    found = benchmarks.budgets([fake_site(9), fake_site(90), fake_site(900)], real_check=0.3)
    assert found and all(b["pass"] is True for b in found), [b for b in found if b["pass"] is not True]
    assert all("warm" in b["name"] for b in found if "size of a built plan page" not in b["name"])


@pytest.mark.parametrize(
    "changes, failing",
    [
        ({"hooks_overhead": 1.2}, "hooks and checks add at most 10% to the build, warm cache (900 plans)"),
        ({"check_seconds": 12.0}, "check at 900 plans, warm cache"),
        ({"fast_seconds_per_page": 0.2}, "time per page at 900 plans / at 9 plans"),
        ({"page_bytes": 60001}, "size of a built plan page at 900 plans"),
        ({"fast_over_stock": 0.7}, "fast build / stock build, both warm (900 plans)"),
        ({"identical_output": False}, "fast build / stock build, both warm (900 plans)"),
    ],
)
def test_budgets_fail_a_value_over_its_limit(changes, failing):
    found = benchmarks.budgets([fake_site(9), fake_site(900, **changes)], real_check=0.3)
    failed = [name for name, passed in results(found).items() if passed is False]
    assert len(failed) == 1 and failed[0].startswith(failing), failed


def test_budgets_on_the_real_site_check_and_what_was_not_measured():
    found = results(benchmarks.budgets([fake_site(9)], real_check=0.6))
    assert found["check on the real site, warm cache, seconds"] is False
    assert found[f"check at {benchmarks.LARGE_SITE} plans, warm cache, seconds"] is None
    assert found["time per page growth (needs two sizes of site)"] is None
    assert results(benchmarks.budgets([fake_site(9)], real_check=None))["check on the real site, warm cache, seconds"] is None


def test_cold_figures_have_no_budget():
    cold = fake_site(900, hooks_overhead_cold=50.0, check_cold_seconds=500.0, fast_over_stock_cold=5.0)
    assert all(b["pass"] is not False for b in benchmarks.budgets([fake_site(9), cold], real_check=0.3))


def test_an_edit_changes_only_the_date_of_approval():
    original = b"kind: cluster-plan\ndates:\n  approved:\n    date: '2020-03-31'\ntitle: x\n"
    edited = benchmarks.edit_plan(original, 5)
    assert edited == original.replace(b"2020-03-31", b"2020-03-06")
    assert benchmarks.edit_plan(original, 6) != edited  # each edit is a change


def test_paired_ratio_is_the_median_of_each_rounds_ratio():
    numerator = benchmarks.Measure([benchmarks.Run(2.0, 1), benchmarks.Run(9.0, 1), benchmarks.Run(3.0, 1)])
    denominator = benchmarks.Measure([benchmarks.Run(1.0, 1), benchmarks.Run(3.0, 1), benchmarks.Run(3.0, 1)])
    assert benchmarks.paired_ratio(numerator, denominator) == 2.0
