"""Benchmarks: what a build costs as the number of plans grows, held to budgets.

    .venv/bin/python benchmarks/run.py                       9 and 90 plans, 3 rounds
    .venv/bin/python benchmarks/run.py --plans 9,90,900 --repeat 1 --json figures.json

For each number of plans N, a synthetic site (benchmarks/synthetic_site.py) is written into a
temporary folder, never into content/, and these commands are run on it, interleaved, once per
round (the figures are the medians of the rounds):

    stock     mkdocs build --strict                   the stock, sequential bilingual build
    fast      python -m hooks.build                   both languages at once (tools/build.sh)
    plain     mkdocs build --strict of the already    the same pages, already rendered to
              rendered Markdown, without the content  Markdown: what MkDocs alone costs (with
              hooks                                   hooks/engine_fixes.py, a fix of MkDocs'
                                                      plugins, not content work)
    check     python -m hooks.check                   the translation gate

The hooks keep their work in a cache, <project>/.cache/plan-site (hooks/cache.py). A command
run right after that folder is deleted is "cold" (a first build on a fresh machine); one run
after it, with the cache it filled, is "warm" (a rebuild of the same content). Each round runs

    delete the cache, stock_cold, stock, plain,
    delete the cache, fast_cold, fast,
    delete the cache, check_cold, check

so stock, fast and check (and the budgets on them) are warm, the *_cold ones cold. Deleting a
cache that does not exist is harmless (before the cache existed, cold and warm were the same).
PLAN_SITE_CACHE is removed from the commands' environment, so a warm run does use the cache.

Each command's wall time and peak memory (the largest process, from wait4) are recorded, and
the outputs of stock, stock_cold, fast and fast_cold are compared byte for byte. The check is
also timed on a copy of the real site (so the project's own cache is never deleted), warm and
cold. The figures are printed as a table and, with --json FILE, written with a list `budgets`
of {name, limit, value, pass}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, Path(__file__).resolve().parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import synthetic_site  # noqa: E402

from hooks.problems import ContentError  # noqa: E402

# --- Budgets --------------------------------------------------------------------------------------

HOOKS_OVERHEAD_LIMIT = 1.10  # the build with hooks and checks / the build of the rendered Markdown
REAL_CHECK_LIMIT = 0.5  # seconds, python -m hooks.check on the real site
LARGE_CHECK_LIMIT = 10.0  # seconds, at 900 plans
LARGE_SITE = 900
PER_PAGE_GROWTH_LIMIT = 1.5  # time per page at the largest site / at the smallest
FAST_BUILD_LIMIT = 0.65  # fast build / stock build, from 90 plans up
FAST_BUILD_FROM = 90


@dataclass
class Run:
    seconds: float
    peak_mb: float


@dataclass
class Measure:
    runs: list = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)


class CommandFailed(Exception):
    pass


# The hooks' cache (hooks/cache.py: FOLDER and SWITCH), relative to the project's root.
CACHE_FOLDER = Path(".cache") / "plan-site"
CACHE_SWITCH = "PLAN_SITE_CACHE"


def clear_cache(project: Path) -> None:
    """Delete the project's hooks cache, so the next command runs cold; nothing to do if it is absent."""
    shutil.rmtree(Path(project) / CACHE_FOLDER, ignore_errors=True)


def timed(command: list, cwd: Path, log: Path) -> Run:
    """Run a command; its wall time and the peak memory of its largest process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop(CACHE_SWITCH, None)  # warm runs use the cache; cold runs delete it first (clear_cache)
    with open(log, "wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text("utf-8", errors="replace")[-3000:]
        raise CommandFailed(f"`{' '.join(command)}` failed in {cwd} (exit {process.returncode}):\n{tail}")
    return Run(seconds, usage.ru_maxrss / 1024)  # Linux reports kilobytes


def same_tree(first: Path, second: Path) -> bool:
    def files(folder: Path) -> dict:
        return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}

    a, b = files(first), files(second)
    return a.keys() == b.keys() and all(a[name].read_bytes() == b[name].read_bytes() for name in a)


def built_page(site: Path, page: str) -> Path:
    """content/<locale>/clusters/x/2022-23.md -> clusters/x/2022-23/index.html"""
    stem = page[: -len(".md")]
    stem = stem[: -len("index")].rstrip("/") if stem.endswith("index") else stem
    return site / stem / "index.html" if stem else site / "index.html"


# --- The site without hooks: its pages rendered to plain Markdown ---------------------------------


NO_HOOKS_CONFIG = "mkdocs-without-hooks.yml"

# The builds whose outputs must be byte-identical (compared after the first round).
BUILDS = ("stock", "stock_cold", "fast", "fast_cold")


def rendered_copy(project: Path, destination: Path) -> Path:
    """A copy of project whose pages have their blocks rendered, with a config without the content hooks.

    Only hooks/engine_fixes.py stays: it fixes MkDocs' own plugins (whatever the content), so the
    comparison with the stock build isolates what the content hooks cost.
    """
    from hooks import publication

    shutil.copytree(project, destination, symlinks=True, ignore=shutil.ignore_patterns(".cache"))
    renderer = publication.load(destination).renderer
    content = destination / "content"
    for page in sorted(content.rglob("*.md")):
        src = page.relative_to(content).as_posix()
        locale, inner = src.split("/", 1)
        page.write_text(renderer.render_page(page.read_text("utf-8"), locale, f"content/{src}", inner), "utf-8")
    (destination / NO_HOOKS_CONFIG).write_text("INHERIT: mkdocs.yml\nhooks:\n  - hooks/engine_fixes.py\n", "utf-8")
    return destination


# --- One size of site -----------------------------------------------------------------------------


def measure_site(plans: int, repeat: int, workspace: Path, has_check: bool) -> dict:
    python = sys.executable
    print(f"\n{plans} plans: writing the synthetic site in {workspace}", flush=True)
    try:
        site = synthetic_site.make(ROOT, workspace / "project", plans)
        rendered = rendered_copy(site.root, workspace / "rendered")
    except ContentError as error:
        problems = "\n".join(p.as_text() for p in error.problems[:20])
        raise CommandFailed(f"the synthetic site does not load (is benchmarks/synthetic_site.py in step with data/schemas/?):\n{problems}") from None
    project = site.root
    out, logs = workspace / "out", workspace / "logs"
    logs.mkdir()
    stock = [python, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir"]
    fast = [python, "-m", "hooks.build", "--site-dir"]
    commands = {
        "stock_cold": (stock + [str(out / "stock_cold")], project),
        "stock": (stock + [str(out / "stock")], project),
        "plain": ([python, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", NO_HOOKS_CONFIG, "--site-dir", str(out / "plain")], rendered),
        "fast_cold": (fast + [str(out / "fast_cold")], project),
        "fast": (fast + [str(out / "fast")], project),
    }
    commands["stock_edit"] = (stock + [str(out / "stock_edit")], project)
    if has_check:
        commands["check_cold"] = ([python, "-m", "hooks.check"], project)
        commands["check"] = ([python, "-m", "hooks.check"], project)
        commands["check_edit"] = ([python, "-m", "hooks.check"], project)
    # One round, in order. CLEAR deletes the cache (so the next command is cold, and fills it);
    # EDIT changes one plan file (its date of approval), as an editor would between two builds;
    # RESTORE puts it back, so that every build compared byte for byte builds the same files.
    # An edit follows a run of the same command: the build after one file changed since the last
    # build, the check after one file changed since the last check.
    order = [CLEAR, "stock_cold", "stock", "plain", EDIT, "stock_edit", RESTORE, CLEAR, "fast_cold", "fast"]
    order += [CLEAR, "check_cold", "check", EDIT, "check_edit", RESTORE] if has_check else []
    edited = project / "data" / "plans" / (site.sample_page.split("/", 1)[1][: -len(".md")] + ".yml") if site.sample_page else None
    original = edited.read_bytes() if edited else None
    edits = 0
    measures = {name: Measure() for name in commands}
    load_before = os.getloadavg()[0]
    identical = None
    for round_number in range(repeat):
        for name in order:
            if name is CLEAR:
                clear_cache(project)
                continue
            if name is EDIT or name is RESTORE:
                if edited is not None:
                    edits += 1
                    edited.write_bytes(original if name is RESTORE else edit_plan(original, edits))
                continue
            if name.endswith("_edit") and edited is None:
                continue
            command, cwd = commands[name]
            run = timed(command, cwd, logs / f"{name}-{round_number}.log")
            measures[name].runs.append(run)
            print(f"  round {round_number + 1}/{repeat}  {name:<10} {run.seconds:8.2f} s  {run.peak_mb:7.0f} MB", flush=True)
        if identical is None:
            different = [name for name in BUILDS[1:] if not same_tree(out / BUILDS[0], out / name)]
            identical = not different
            if different:
                print(f"  output differs from {BUILDS[0]}: {', '.join(different)}", flush=True)

    pages = sum(1 for p in (out / "fast").rglob("*.html") if p.name != "404.html")
    sample = built_page(out / "fast", site.sample_page) if site.sample_page else None
    figures = {
        "plans": site.plans,
        "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "synthetic_plans": site.synthetic_plans,
        "pages": pages,
        "data_megabytes": round(sum(f.stat().st_size for f in (project / "data").rglob("*.yml")) / 1e6, 2),
        "identical_output": identical,
        "sample_page": sample.relative_to(out / "fast").as_posix() if sample else None,
        "page_bytes": sample.stat().st_size if sample else None,
        "home_page_bytes": (out / "fast" / "index.html").stat().st_size,
    }
    for name, measure in measures.items():
        figures[f"{name}_seconds"] = round(measure.seconds, 3)
        figures[f"{name}_peak_mb"] = round(measure.peak_mb, 1)
        figures[f"{name}_runs"] = [round(r.seconds, 3) for r in measure.runs]
    seconds = {name: measure.seconds for name, measure in measures.items() if measure.runs}
    figures["stock_seconds_per_page"] = round(seconds["stock"] / pages, 4)
    figures["fast_seconds_per_page"] = round(seconds["fast"] / pages, 4)
    # Ratios: the median of each round's ratio, so that the two runs compared were run minutes
    # apart at most, under the same load (this machine's load changes from minute to minute).
    figures["hooks_overhead"] = paired_ratio(measures["stock"], measures["plain"])  # warm: the budget
    figures["hooks_overhead_cold"] = paired_ratio(measures["stock_cold"], measures["plain"])
    figures["hooks_overhead_after_an_edit"] = paired_ratio(measures["stock_edit"], measures["plain"]) if measures["stock_edit"].runs else None
    figures["fast_over_stock"] = paired_ratio(measures["fast"], measures["stock"])  # both warm: the budget
    figures["fast_over_stock_cold"] = paired_ratio(measures["fast_cold"], measures["stock_cold"])
    if not has_check:
        figures["check_seconds"] = figures["check_cold_seconds"] = None
    return figures


def paired_ratio(numerator: Measure, denominator: Measure) -> float:
    """The median, over the rounds, of each round's numerator / denominator."""
    return round(statistics.median(a.seconds / b.seconds for a, b in zip(numerator.runs, denominator.runs)), 3)


CLEAR, EDIT, RESTORE = object(), object(), object()  # steps of a round that run no command
_APPROVED = re.compile(rb"^(dates:\n  approved:\n    date: ')(\d{4})-\d{2}-\d{2}(')", re.MULTILINE)


def edit_plan(original: bytes, number: int) -> bytes:
    """The plan file with its date of approval changed (to a day of March of the same year that number picks)."""
    changed, count = _APPROVED.subn(lambda m: m.group(1) + m.group(2) + f"-03-{1 + number % 28:02d}".encode() + m.group(3), original, count=1)
    if count != 1:
        raise CommandFailed("the synthetic plan has no approval date to edit (benchmarks/synthetic_site.py)")
    return changed


# --- The check on the real site --------------------------------------------------------------------


def measure_real_check(workspace: Path, rounds: int) -> tuple:
    """python -m hooks.check on a copy of the real site: (warm, cold) median seconds.

    A copy (the project's files, as for a synthetic site, without its .cache), so the project's
    own cache is never deleted. Warm: the runs after one run that fills the cache. Cold: the
    cache deleted before each run.
    """
    copy = workspace / "project"
    shutil.copytree(ROOT, copy, ignore=synthetic_site._ignore, symlinks=True)
    check = [sys.executable, "-m", "hooks.check"]
    clear_cache(copy)
    timed(check, copy, workspace / "check-fill.log")
    warm = [timed(check, copy, workspace / f"check-{i}.log") for i in range(rounds)]
    cold = []
    for i in range(rounds):
        clear_cache(copy)
        cold.append(timed(check, copy, workspace / f"check-cold-{i}.log"))
    result = round(statistics.median(r.seconds for r in warm), 3), round(statistics.median(r.seconds for r in cold), 3)
    print(f"python -m hooks.check on the real site: warm cache {result[0]:.2f} s, cold cache {result[1]:.2f} s", flush=True)
    return result


# --- Budgets --------------------------------------------------------------------------------------


def budget(name: str, limit, value, passed) -> dict:
    return {"name": name, "limit": limit, "value": value, "pass": passed}


def budgets(sites: list, real_check: float | None) -> list:
    """The budgets, on warm figures (the hooks' cache filled by an earlier run); real_check is warm too."""
    found = []
    for s in sites:
        n = s["plans"]
        found.append(budget(f"hooks and checks add at most 10% to the build, warm cache ({n} plans): stock build / build of rendered Markdown without hooks", HOOKS_OVERHEAD_LIMIT, s["hooks_overhead"], s["hooks_overhead"] <= HOOKS_OVERHEAD_LIMIT))
    found.append(budget("check on the real site, warm cache, seconds", REAL_CHECK_LIMIT, real_check, None if real_check is None else real_check < REAL_CHECK_LIMIT))
    large = next((s for s in sites if s["plans"] >= LARGE_SITE), None)
    value = large["check_seconds"] if large else None
    found.append(budget(f"check at {LARGE_SITE} plans, warm cache, seconds", LARGE_CHECK_LIMIT, value, None if value is None else value < LARGE_CHECK_LIMIT))
    if len(sites) > 1:
        small, big = sites[0], sites[-1]
        growth = round(big["fast_seconds_per_page"] / small["fast_seconds_per_page"], 3)
        found.append(budget(f"time per page at {big['plans']} plans / at {small['plans']} plans (fast build, warm cache)", PER_PAGE_GROWTH_LIMIT, growth, growth <= PER_PAGE_GROWTH_LIMIT))
        found.append(budget(f"size of a built plan page at {big['plans']} plans, bytes (limit: its size at {small['plans']} plans)", small["page_bytes"], big["page_bytes"], big["page_bytes"] <= small["page_bytes"]))
    else:
        found.append(budget("time per page growth (needs two sizes of site)", PER_PAGE_GROWTH_LIMIT, None, None))
        found.append(budget("size of a built plan page does not grow (needs two sizes of site)", None, None, None))
    for s in sites:
        if s["plans"] >= FAST_BUILD_FROM:
            ok = s["fast_over_stock"] <= FAST_BUILD_LIMIT and bool(s["identical_output"])
            found.append(budget(f"fast build / stock build, both warm ({s['plans']} plans), output identical (fast and stock, warm and cold)", FAST_BUILD_LIMIT, s["fast_over_stock"], ok))
    return found


# --- Output ---------------------------------------------------------------------------------------


def _seconds(value) -> str:
    return "not available" if value is None else str(value)


ROWS = [
    ("plans (synthetic)", lambda s: f"{s['plans']} ({s['synthetic_plans']})"),
    ("pages built", lambda s: s["pages"]),
    ("plan data, MB of YAML", lambda s: s["data_megabytes"]),
    ("stock build, warm cache, s", lambda s: s["stock_seconds"]),
    ("stock build, cold cache, s", lambda s: s["stock_cold_seconds"]),
    ("stock build peak memory, MB, warm / cold", lambda s: f"{s['stock_peak_mb']} / {s['stock_cold_peak_mb']}"),
    ("fast build, warm cache, s", lambda s: s["fast_seconds"]),
    ("fast build, cold cache, s", lambda s: s["fast_cold_seconds"]),
    ("fast build peak memory, MB (largest process), warm / cold", lambda s: f"{s['fast_peak_mb']} / {s['fast_cold_peak_mb']}"),
    ("fast / stock, both warm (budget)", lambda s: s["fast_over_stock"]),
    ("fast / stock, both cold", lambda s: s["fast_over_stock_cold"]),
    ("machine load average, before / after", lambda s: "{} / {}".format(*s["load_average_before_after"])),
    ("outputs identical (stock, fast; warm and cold)", lambda s: "yes" if s["identical_output"] else "NO"),
    ("time per page, fast build, warm cache, ms", lambda s: round(s["fast_seconds_per_page"] * 1000, 1)),
    ("time per page, stock build, warm cache, ms", lambda s: round(s["stock_seconds_per_page"] * 1000, 1)),
    ("build without content hooks (rendered Markdown), s", lambda s: s["plain_seconds"]),
    ("hooks overhead, warm (stock / without hooks; budget)", lambda s: s["hooks_overhead"]),
    ("hooks overhead, cold (stock cold / without hooks)", lambda s: s["hooks_overhead_cold"]),
    ("stock build after one plan file changed, s", lambda s: _seconds(s.get("stock_edit_seconds"))),
    ("hooks overhead after one plan file changed", lambda s: s.get("hooks_overhead_after_an_edit")),
    ("python -m hooks.check, warm cache, s", lambda s: _seconds(s["check_seconds"])),
    ("python -m hooks.check, cold cache, s", lambda s: _seconds(s["check_cold_seconds"])),
    ("python -m hooks.check after one plan file changed, s", lambda s: _seconds(s.get("check_edit_seconds"))),
    ("size of a built plan page, bytes", lambda s: s["page_bytes"]),
    ("size of the home page, bytes", lambda s: s["home_page_bytes"]),
]


def table(sites: list, found: list, real_check, real_check_cold=None) -> str:
    width = max(len(label) for label, _ in ROWS)
    lines = ["| " + "measure".ljust(width) + " | " + " | ".join(f"{s['plans']:>10}" for s in sites) + " |"]
    lines.append("| " + "-" * width + " | " + " | ".join("-" * 10 for _ in sites) + " |")
    for label, value in ROWS:
        lines.append("| " + label.ljust(width) + " | " + " | ".join(f"{value(s)!s:>10}" for s in sites) + " |")
    lines.append("")
    if real_check is None:
        lines.append("python -m hooks.check on the real site: not available")
    else:
        cold = "not available" if real_check_cold is None else f"{real_check_cold:.2f} s"
        lines.append(f"python -m hooks.check on the real site: warm cache {real_check:.2f} s, cold cache {cold}")
    lines.append("")
    lines.append("| budget | limit | value | result |")
    lines.append("| --- | --- | --- | --- |")
    for b in found:
        result = "not measured" if b["pass"] is None else ("pass" if b["pass"] else "FAIL")
        lines.append(f"| {b['name']} | {b['limit']} | {b['value']} | {result} |")
    return "\n".join(lines)


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", default="9,90", help="sizes of site, in plans, comma-separated (default 9,90)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per size; the figures are the medians (default 3)")
    parser.add_argument("--json", type=Path, help="write the figures and budgets to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites (their folder is printed)")
    arguments = parser.parse_args(argv)
    sizes = sorted({int(n) for n in arguments.plans.split(",") if n.strip()})
    has_check = (ROOT / "hooks" / "check.py").exists()
    workspace = Path(tempfile.mkdtemp(prefix="plan-benchmarks-"))
    try:
        real_check = real_check_cold = None
        if has_check:
            real_check, real_check_cold = measure_real_check(workspace / "real", max(arguments.repeat, 3))
        sites = []
        for plans in sizes:
            folder = workspace / f"plans-{plans}"
            folder.mkdir()
            sites.append(measure_site(plans, arguments.repeat, folder, has_check))
            if not arguments.keep:
                shutil.rmtree(folder, ignore_errors=True)
    except CommandFailed as error:
        print(f"\nbenchmarks: {error}", file=sys.stderr)
        return 1
    finally:
        if not arguments.keep:
            shutil.rmtree(workspace, ignore_errors=True)
        else:
            print(f"\nThe synthetic sites are kept in {workspace}")
    found = budgets(sites, real_check)
    print()
    print(table(sites, found, real_check, real_check_cold))
    if arguments.json:
        machine = {"python": platform.python_version(), "system": platform.platform(), "cpus": os.cpu_count()}
        arguments.json.write_text(json.dumps({"machine": machine, "repeat": arguments.repeat, "real_site_check_seconds": real_check, "real_site_check_cold_seconds": real_check_cold, "sites": sites, "budgets": found}, indent=2) + "\n", "utf-8")
    return 0 if all(b["pass"] is not False for b in found) else 2


if __name__ == "__main__":
    sys.exit(main())
