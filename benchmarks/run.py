"""Benchmarks: what a build costs as the number of plans grows, held to budgets.

    .venv/bin/python benchmarks/run.py                       9 and 90 plans, 3 rounds
    .venv/bin/python benchmarks/run.py --plans 9,90,900 --repeat 1 --json figures.json

For each number of plans N, a synthetic site (benchmarks/synthetic_site.py) is written into a
temporary folder, never into content/, and these commands are run on it, interleaved, once per
round (the figures are the medians of the rounds):

    stock     mkdocs build --strict                   the stock, sequential bilingual build
    fast      python -m hooks.build                   both languages at once (tools/build.sh)
    plain     mkdocs build --strict, without hooks,   the same pages, already rendered to
              of the already rendered Markdown        Markdown: what MkDocs alone costs
    check     python -m hooks.check                   the translation gate

Each command's wall time and peak memory (the largest process, from wait4) are recorded, and
the outputs of stock and fast are compared byte for byte. The check is also timed on the real
site. The figures are printed as a table and, with --json FILE, written with a list `budgets`
of {name, limit, value, pass}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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


def timed(command: list, cwd: Path, log: Path) -> Run:
    """Run a command; its wall time and the peak memory of its largest process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
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


def rendered_copy(project: Path, destination: Path) -> Path:
    """A copy of project whose pages have their blocks rendered, with a config that has no hooks."""
    from hooks import publication

    shutil.copytree(project, destination, symlinks=True)
    renderer = publication.load(destination).renderer
    content = destination / "content"
    for page in sorted(content.rglob("*.md")):
        src = page.relative_to(content).as_posix()
        locale, inner = src.split("/", 1)
        page.write_text(renderer.render_page(page.read_text("utf-8"), locale, f"content/{src}", inner), "utf-8")
    (destination / NO_HOOKS_CONFIG).write_text("INHERIT: mkdocs.yml\nhooks: []\n", "utf-8")
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
    commands = {
        "stock": ([python, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out / "stock")], project),
        "fast": ([python, "-m", "hooks.build", "--site-dir", str(out / "fast")], project),
        "plain": ([python, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", NO_HOOKS_CONFIG, "--site-dir", str(out / "plain")], rendered),
    }
    if has_check:
        commands["check"] = ([python, "-m", "hooks.check"], project)
    measures = {name: Measure() for name in commands}
    load_before = os.getloadavg()[0]
    identical = None
    for round_number in range(repeat):
        for name, (command, cwd) in commands.items():
            run = timed(command, cwd, logs / f"{name}-{round_number}.log")
            measures[name].runs.append(run)
            print(f"  round {round_number + 1}/{repeat}  {name:<6} {run.seconds:8.2f} s  {run.peak_mb:7.0f} MB", flush=True)
        if identical is None:
            identical = same_tree(out / "stock", out / "fast")

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
    figures["stock_seconds_per_page"] = round(measures["stock"].seconds / pages, 4)
    figures["fast_seconds_per_page"] = round(measures["fast"].seconds / pages, 4)
    figures["hooks_overhead"] = round(measures["stock"].seconds / measures["plain"].seconds, 3)
    figures["fast_over_stock"] = round(measures["fast"].seconds / measures["stock"].seconds, 3)
    if not has_check:
        figures["check_seconds"] = None
    return figures


# --- Budgets --------------------------------------------------------------------------------------


def budget(name: str, limit, value, passed) -> dict:
    return {"name": name, "limit": limit, "value": value, "pass": passed}


def budgets(sites: list, real_check: float | None) -> list:
    found = []
    for s in sites:
        n = s["plans"]
        found.append(budget(f"hooks and checks add at most 10% to the build ({n} plans): stock build / build of rendered Markdown without hooks", HOOKS_OVERHEAD_LIMIT, s["hooks_overhead"], s["hooks_overhead"] <= HOOKS_OVERHEAD_LIMIT))
    found.append(budget("check on the real site, seconds", REAL_CHECK_LIMIT, real_check, None if real_check is None else real_check < REAL_CHECK_LIMIT))
    large = next((s for s in sites if s["plans"] >= LARGE_SITE), None)
    value = large["check_seconds"] if large else None
    found.append(budget(f"check at {LARGE_SITE} plans, seconds", LARGE_CHECK_LIMIT, value, None if value is None else value < LARGE_CHECK_LIMIT))
    if len(sites) > 1:
        small, big = sites[0], sites[-1]
        growth = round(big["fast_seconds_per_page"] / small["fast_seconds_per_page"], 3)
        found.append(budget(f"time per page at {big['plans']} plans / at {small['plans']} plans (fast build)", PER_PAGE_GROWTH_LIMIT, growth, growth <= PER_PAGE_GROWTH_LIMIT))
        found.append(budget(f"size of a built plan page at {big['plans']} plans, bytes (limit: its size at {small['plans']} plans)", small["page_bytes"], big["page_bytes"], big["page_bytes"] <= small["page_bytes"]))
    else:
        found.append(budget("time per page growth (needs two sizes of site)", PER_PAGE_GROWTH_LIMIT, None, None))
        found.append(budget("size of a built plan page does not grow (needs two sizes of site)", None, None, None))
    for s in sites:
        if s["plans"] >= FAST_BUILD_FROM:
            ok = s["fast_over_stock"] <= FAST_BUILD_LIMIT and bool(s["identical_output"])
            found.append(budget(f"fast build / stock build ({s['plans']} plans), identical output", FAST_BUILD_LIMIT, s["fast_over_stock"], ok))
    return found


# --- Output ---------------------------------------------------------------------------------------


ROWS = [
    ("plans (synthetic)", lambda s: f"{s['plans']} ({s['synthetic_plans']})"),
    ("pages built", lambda s: s["pages"]),
    ("plan data, MB of YAML", lambda s: s["data_megabytes"]),
    ("stock build, s", lambda s: s["stock_seconds"]),
    ("stock build peak memory, MB", lambda s: s["stock_peak_mb"]),
    ("fast build, s", lambda s: s["fast_seconds"]),
    ("fast build peak memory, MB (largest process)", lambda s: s["fast_peak_mb"]),
    ("fast / stock", lambda s: s["fast_over_stock"]),
    ("machine load average, before / after", lambda s: "{} / {}".format(*s["load_average_before_after"])),
    ("fast output identical to stock", lambda s: "yes" if s["identical_output"] else "NO"),
    ("time per page, fast build, ms", lambda s: round(s["fast_seconds_per_page"] * 1000, 1)),
    ("time per page, stock build, ms", lambda s: round(s["stock_seconds_per_page"] * 1000, 1)),
    ("build without hooks (rendered Markdown), s", lambda s: s["plain_seconds"]),
    ("hooks overhead (stock / without hooks)", lambda s: s["hooks_overhead"]),
    ("python -m hooks.check, s", lambda s: "not available" if s["check_seconds"] is None else s["check_seconds"]),
    ("size of a built plan page, bytes", lambda s: s["page_bytes"]),
    ("size of the home page, bytes", lambda s: s["home_page_bytes"]),
]


def table(sites: list, found: list, real_check) -> str:
    width = max(len(label) for label, _ in ROWS)
    lines = ["| " + "measure".ljust(width) + " | " + " | ".join(f"{s['plans']:>10}" for s in sites) + " |"]
    lines.append("| " + "-" * width + " | " + " | ".join("-" * 10 for _ in sites) + " |")
    for label, value in ROWS:
        lines.append("| " + label.ljust(width) + " | " + " | ".join(f"{value(s)!s:>10}" for s in sites) + " |")
    lines.append("")
    lines.append(f"python -m hooks.check on the real site: {'not available' if real_check is None else f'{real_check:.2f} s'}")
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
        real_check = None
        if has_check:
            (workspace / "real").mkdir()
            runs = [timed([sys.executable, "-m", "hooks.check"], ROOT, workspace / "real" / f"check-{i}.log") for i in range(max(arguments.repeat, 3))]
            real_check = round(statistics.median(r.seconds for r in runs), 3)
            print(f"python -m hooks.check on the real site: {real_check:.2f} s", flush=True)
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
    print(table(sites, found, real_check))
    if arguments.json:
        machine = {"python": platform.python_version(), "system": platform.platform(), "cpus": os.cpu_count()}
        arguments.json.write_text(json.dumps({"machine": machine, "repeat": arguments.repeat, "real_site_check_seconds": real_check, "sites": sites, "budgets": found}, indent=2) + "\n", "utf-8")
    return 0 if all(b["pass"] is not False for b in found) else 2


if __name__ == "__main__":
    sys.exit(main())
