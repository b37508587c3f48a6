"""benchmarks/: the synthetic site is a complete site that passes the check; the budgets judge values right."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from conftest import ROOT

from hooks.model import plan_data

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
    assert (synthetic.root / "content" / "en" / synthetic.sample_page).is_file()
    assert (synthetic.root / "content" / "cy" / synthetic.sample_page).is_file()

    # every check of the build: data, pages, links between pages, navigation, safety, the gate
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


def test_the_plain_build_has_no_hooks(synthetic, tmp_path):
    rendered = benchmarks.rendered_copy(synthetic.root, tmp_path / "rendered")
    assert (rendered / benchmarks.PLAIN_CONFIG).read_text("utf-8") == "INHERIT: mkdocs.yml\nhooks: []\n"
    page = (rendered / "content" / "en" / synthetic.sample_page).read_text("utf-8")
    assert "<!-- plan:" not in page and "<table" in page  # the blocks are rendered


def fake_site(plans: int, **changes) -> dict:
    """The figures budgets() reads, all within budget unless changed."""
    site = {
        "plans": plans,
        "hooks_overhead": 1.2,
        "check_seconds": 2.5,
        "build_seconds_per_page": 0.1,
        "build_peak_mb": 250.0,
        "page_bytes": 60000,
    }
    site.update(changes)
    return site


def results(found: list) -> dict:
    return {b["name"]: b["pass"] for b in found}


def test_budgets_are_name_limit_value_pass():
    found = benchmarks.budgets([fake_site(9), fake_site(90)], real_check=0.3)
    assert found and all(set(b) == {"name", "limit", "value", "pass"} for b in found)


def test_budgets_pass_values_within_their_limits():
    found = benchmarks.budgets([fake_site(9), fake_site(90, build_seconds_per_page=0.12)], real_check=0.49)
    assert len(found) == 7  # overhead at 9 and 90, check (real site, 90 plans), per page, page size, memory
    assert all(b["pass"] is True for b in found), [b for b in found if b["pass"] is not True]


@pytest.mark.parametrize(
    "changes, failing",
    [
        ({"hooks_overhead": 1.26}, "hooks overhead (90 plans)"),
        ({"check_seconds": 3.0}, "python -m hooks.check at 90 plans"),
        ({"build_seconds_per_page": 0.121}, "time per page of the build at 90 plans / at 9 plans"),
        ({"build_peak_mb": 300.1}, "peak memory of the build at 90 plans"),
        ({"page_bytes": 60001}, "size of a built plan page at 90 plans"),
    ],
)
def test_budgets_fail_a_value_over_its_limit(changes, failing):
    found = benchmarks.budgets([fake_site(9), fake_site(90, **changes)], real_check=0.3)
    failed = [name for name, passed in results(found).items() if passed is False]
    assert len(failed) == 1 and failed[0].startswith(failing), failed


def test_budgets_on_the_real_site_check_and_what_was_not_measured():
    found = results(benchmarks.budgets([fake_site(9)], real_check=0.5))
    assert found["python -m hooks.check on the real site, seconds"] is False
    assert found["python -m hooks.check at 90 plans, seconds"] is None
    assert found["peak memory of the build at 90 plans, MB"] is None
    assert found["time per page growth (needs two sizes of site)"] is None
    assert results(benchmarks.budgets([fake_site(9)], real_check=None))["python -m hooks.check on the real site, seconds"] is None


def test_the_9_plan_figures_do_not_answer_the_90_plan_budgets():
    found = results(benchmarks.budgets([fake_site(9, check_seconds=30.0, build_peak_mb=900.0), fake_site(90)], real_check=0.3))
    assert all(passed is True for passed in found.values()), found


def test_paired_ratio_is_the_median_of_each_rounds_ratio():
    numerator = benchmarks.Measure([benchmarks.Run(2.0, 1), benchmarks.Run(9.0, 1), benchmarks.Run(3.0, 1)])
    denominator = benchmarks.Measure([benchmarks.Run(1.0, 1), benchmarks.Run(3.0, 1), benchmarks.Run(3.0, 1)])
    assert benchmarks.paired_ratio(numerator, denominator) == 2.0


def test_a_measured_command_reports_its_own_memory_not_this_process(tmp_path):
    held = bytearray(150 * 2**20)
    held[:: 4096] = b"\1" * len(held[:: 4096])  # resident in this process
    run = benchmarks.timed([sys.executable, "-c", "pass"], tmp_path, tmp_path / "pass.log")
    assert run.peak_mb < 100 and run.seconds > 0
    with pytest.raises(benchmarks.CommandFailed):
        benchmarks.timed([sys.executable, "-c", "raise SystemExit(3)"], tmp_path, tmp_path / "fail.log")
