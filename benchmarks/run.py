"""Benchmarks: what a build costs as the number of plans grows, held to budgets.

    .venv/bin/python benchmarks/run.py                       9 and 90 plans, 3 rounds
    .venv/bin/python benchmarks/run.py --plans 9,90 --repeat 5 --json figures.json

For each number of plans N, a synthetic site (benchmarks/synthetic_site.py) is written into a
temporary folder, never into content/, and these commands are run on it, interleaved, once per
round (the figures are the medians of the rounds):

    build     mkdocs build --strict                   the build, with the hooks and every check
    plain     mkdocs build --strict of the already    the same pages, already rendered to
              rendered Markdown, with `hooks: []`     Markdown: what MkDocs alone costs
    check     python -m hooks.check                   every check of the build, without building

Every run is cold: a fresh process, into a new folder, with nothing kept from an earlier run
(the hooks keep nothing between builds). Each run's wall time and peak memory (from wait4) are
recorded. Once per size, after the rounds, `python -m hooks.build` builds the site too, and its
output is compared byte for byte with the first round's `mkdocs build --strict` (they must be
identical). The check is also timed on a copy of the real site. The figures are printed as a
table and, with --json FILE, written with a list `budgets` of {name, limit, value, pass}.
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

HOOKS_OVERHEAD_LIMIT = 1.25  # the build with the hooks / MkDocs alone on the rendered Markdown
REAL_CHECK_LIMIT = 0.5  # seconds, python -m hooks.check on the real site
CHECK_LIMIT = 3.0  # seconds, python -m hooks.check at CHECK_AT plans
CHECK_AT = 90
PER_PAGE_GROWTH_LIMIT = 1.2  # time per page at the largest site / at the smallest
MEMORY_LIMIT_MB = 300.0  # peak memory of the build at MEMORY_AT plans
MEMORY_AT = 90


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


# The command runs as the child of a small launcher, which times it and reads its peak memory from
# wait4: a child's peak memory counts its parent's at the fork, and this process holds a whole
# site's data, the launcher hardly anything.
LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(process.pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as figures:
    figures.write(f"{seconds} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def timed(command: list, cwd: Path, log: Path) -> Run:
    """Run a command in a fresh process; its wall time and peak memory."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    figures = log.with_suffix(".figures")
    with open(log, "wb") as output:
        result = subprocess.run([sys.executable, "-c", LAUNCHER, str(figures), *command], cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        tail = log.read_text("utf-8", errors="replace")[-3000:]
        raise CommandFailed(f"`{' '.join(command)}` failed in {cwd} (exit {result.returncode}):\n{tail}")
    seconds, kilobytes = figures.read_text("utf-8").split()
    return Run(float(seconds), int(kilobytes) / 1024)  # Linux reports kilobytes


def compile_hooks(project: Path) -> float:
    """Compile the copy's hooks to bytecode, as Python does on their first import: seconds it took.

    A copy of the project has no __pycache__ (the copy leaves it out), and a shell may forbid
    Python to write one (PYTHONDONTWRITEBYTECODE): then every measured run would compile the
    hooks from source again, which no run on a working copy does, and MkDocs alone, whose
    packages are compiled when installed, would never pay. Compiled once here, every measured
    run reads the same bytecode, and nothing the hooks make is kept between runs.
    """
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "compileall", "-q", "hooks"], cwd=project, check=True)
    return time.perf_counter() - start


def paired_ratio(numerator: Measure, denominator: Measure) -> float:
    """The median, over the rounds, of each round's numerator / denominator."""
    return round(statistics.median(a.seconds / b.seconds for a, b in zip(numerator.runs, denominator.runs)), 3)


def same_tree(first: Path, second: Path) -> bool:
    def files(folder: Path) -> dict:
        return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}

    a, b = files(first), files(second)
    return a.keys() == b.keys() and all(a[name].read_bytes() == b[name].read_bytes() for name in a)


def built_page(site: Path, page: str) -> Path:
    """clusters/x/2022-23.md -> clusters/x/2022-23/index.html"""
    stem = page[: -len(".md")]
    stem = stem[: -len("index")].rstrip("/") if stem.endswith("index") else stem
    return site / stem / "index.html" if stem else site / "index.html"


# --- MkDocs alone: the pages rendered to plain Markdown, no hooks ---------------------------------

PLAIN_CONFIG = "mkdocs-plain.yml"


def rendered_copy(project: Path, destination: Path) -> Path:
    """A copy of project whose pages have their blocks rendered, with a config without hooks."""
    from hooks import publication

    shutil.copytree(project, destination, symlinks=True)
    made = publication.make(destination)
    if made.problems:
        raise ContentError(made.problems)
    for page in made.pages.values():
        (destination / page.path).write_text(page.rendered, "utf-8")
    (destination / PLAIN_CONFIG).write_text("INHERIT: mkdocs.yml\nhooks: []\n", "utf-8")
    return destination


# --- One size of site -----------------------------------------------------------------------------


def measure_site(plans: int, repeat: int, workspace: Path) -> dict:
    python = sys.executable
    print(f"\n{plans} plans: writing the synthetic site", flush=True)
    try:
        site = synthetic_site.make(ROOT, workspace / "project", plans)
        rendered = rendered_copy(site.root, workspace / "rendered")
    except ContentError as error:
        problems = "\n".join(p.as_text() for p in error.problems[:20])
        raise CommandFailed(f"the synthetic site does not load (is benchmarks/synthetic_site.py in step with data/schemas/?):\n{problems}") from None
    project = site.root
    print(f"  the hooks compiled to bytecode in {compile_hooks(project):.2f} s", flush=True)
    out, logs = workspace / "out", workspace / "logs"
    logs.mkdir()
    mkdocs = [python, "-m", "mkdocs", "build", "--strict", "--quiet"]
    commands = {
        "build": (lambda r: mkdocs + ["--site-dir", str(out / f"build-{r}")], project),
        "plain": (lambda r: mkdocs + ["-f", PLAIN_CONFIG, "--site-dir", str(out / f"plain-{r}")], rendered),
        "check": (lambda r: [python, "-m", "hooks.check"], project),
    }
    measures = {name: Measure() for name in commands}
    load_before = os.getloadavg()[0]
    for round_number in range(repeat):
        for name, (command, cwd) in commands.items():
            run = timed(command(round_number), cwd, logs / f"{name}-{round_number}.log")
            measures[name].runs.append(run)
            print(f"  round {round_number + 1}/{repeat}  {name:<6} {run.seconds:8.2f} s  {run.peak_mb:7.0f} MB", flush=True)
        if round_number:  # keep the first round's build (compared below), not the others
            shutil.rmtree(out / f"build-{round_number}")
        shutil.rmtree(out / f"plain-{round_number}")
    load_after = os.getloadavg()[0]
    built = out / "build-0"
    hooks_build = timed([python, "-m", "hooks.build", "--site-dir", str(out / "hooks-build")], project, logs / "hooks-build.log")
    identical = same_tree(built, out / "hooks-build")
    print(f"  python -m hooks.build {hooks_build.seconds:.2f} s; same site as mkdocs build --strict: {'yes' if identical else 'NO'}", flush=True)

    pages = sum(1 for p in built.rglob("*.html") if p.name != "404.html")
    sample = built_page(built, site.sample_page) if site.sample_page else None
    figures = {
        "plans": site.plans,
        "synthetic_plans": site.synthetic_plans,
        "pages": pages,
        "data_megabytes": round(sum(f.stat().st_size for f in (project / "data").rglob("*.yml")) / 1e6, 2),
        "load_average_before_after": [round(load_before, 2), round(load_after, 2)],
    }
    for name, measure in measures.items():
        figures[f"{name}_seconds"] = round(measure.seconds, 3)
        figures[f"{name}_peak_mb"] = round(measure.peak_mb, 1)
        figures[f"{name}_runs"] = [round(r.seconds, 3) for r in measure.runs]
    figures["build_seconds_per_page"] = round(measures["build"].seconds / pages, 4)
    # The median of each round's ratio: the two runs compared ran a minute apart at most, under
    # the same load (this machine's load changes from minute to minute).
    figures["hooks_overhead"] = paired_ratio(measures["build"], measures["plain"])
    figures["hooks_build_seconds"] = round(hooks_build.seconds, 3)
    figures["identical_output"] = identical
    figures["sample_page"] = sample.relative_to(built).as_posix() if sample else None
    figures["page_bytes"] = sample.stat().st_size if sample else None
    figures["home_page_bytes"] = (built / "index.html").stat().st_size
    return figures


# --- The check on the real site --------------------------------------------------------------------


def measure_real_check(workspace: Path, rounds: int) -> float:
    """python -m hooks.check on a copy of the real site (its files, as for a synthetic site): median seconds."""
    copy = workspace / "project"
    shutil.copytree(ROOT, copy, ignore=synthetic_site._ignore, symlinks=True)
    compile_hooks(copy)
    check = [sys.executable, "-m", "hooks.check"]
    runs = [timed(check, copy, workspace / f"check-{i}.log") for i in range(rounds)]
    result = round(statistics.median(r.seconds for r in runs), 3)
    print(f"python -m hooks.check on the real site: {result:.2f} s (runs: {', '.join(f'{r.seconds:.2f}' for r in runs)})", flush=True)
    return result


# --- Budgets --------------------------------------------------------------------------------------


def budget(name: str, limit, value, passed) -> dict:
    return {"name": name, "limit": limit, "value": value, "pass": passed}


def _at(sites: list, plans: int) -> dict | None:
    return next((s for s in sites if s["plans"] == plans), None)


def budgets(sites: list, real_check: float | None) -> list:
    """Every budget; `pass` is None for one not measured in this run."""
    found = []
    for s in sites:
        found.append(budget(f"hooks overhead ({s['plans']} plans): mkdocs build --strict / MkDocs alone on the rendered Markdown", HOOKS_OVERHEAD_LIMIT, s["hooks_overhead"], s["hooks_overhead"] <= HOOKS_OVERHEAD_LIMIT))
    found.append(budget("python -m hooks.check on the real site, seconds", REAL_CHECK_LIMIT, real_check, None if real_check is None else real_check < REAL_CHECK_LIMIT))
    site = _at(sites, CHECK_AT)
    value = site["check_seconds"] if site else None
    found.append(budget(f"python -m hooks.check at {CHECK_AT} plans, seconds", CHECK_LIMIT, value, None if value is None else value < CHECK_LIMIT))
    if len(sites) > 1:
        small, big = sites[0], sites[-1]
        growth = round(big["build_seconds_per_page"] / small["build_seconds_per_page"], 3)
        found.append(budget(f"time per page of the build at {big['plans']} plans / at {small['plans']} plans", PER_PAGE_GROWTH_LIMIT, growth, growth <= PER_PAGE_GROWTH_LIMIT))
        found.append(budget(f"size of a built plan page at {big['plans']} plans, bytes (limit: its size at {small['plans']} plans)", small["page_bytes"], big["page_bytes"], big["page_bytes"] <= small["page_bytes"]))
    else:
        found.append(budget("time per page growth (needs two sizes of site)", PER_PAGE_GROWTH_LIMIT, None, None))
        found.append(budget("size of a built plan page does not grow (needs two sizes of site)", None, None, None))
    site = _at(sites, MEMORY_AT)
    value = site["build_peak_mb"] if site else None
    found.append(budget(f"peak memory of the build at {MEMORY_AT} plans, MB", MEMORY_LIMIT_MB, value, None if value is None else value <= MEMORY_LIMIT_MB))
    return found


# --- Output ---------------------------------------------------------------------------------------

ROWS = [
    ("plans (synthetic)", lambda s: f"{s['plans']} ({s['synthetic_plans']})"),
    ("pages built", lambda s: s["pages"]),
    ("plan data, MB of YAML", lambda s: s["data_megabytes"]),
    ("mkdocs build --strict (with the hooks), s", lambda s: s["build_seconds"]),
    ("MkDocs alone on the rendered Markdown, s", lambda s: s["plain_seconds"]),
    ("hooks overhead (build / MkDocs alone)", lambda s: s["hooks_overhead"]),
    ("python -m hooks.check, s", lambda s: s["check_seconds"]),
    ("time per page of the build, ms", lambda s: round(s["build_seconds_per_page"] * 1000, 1)),
    ("peak memory of the build, MB", lambda s: s["build_peak_mb"]),
    ("peak memory, MkDocs alone / check, MB", lambda s: f"{s['plain_peak_mb']} / {s['check_peak_mb']}"),
    ("python -m hooks.build (one run), s", lambda s: s["hooks_build_seconds"]),
    ("hooks.build and mkdocs build: same site", lambda s: "yes" if s["identical_output"] else "NO"),
    ("size of a built plan page, bytes", lambda s: s["page_bytes"]),
    ("size of the home page, bytes", lambda s: s["home_page_bytes"]),
    ("machine load average, before / after", lambda s: "{} / {}".format(*s["load_average_before_after"])),
]


def table(sites: list, found: list, real_check) -> str:
    width = max(len(label) for label, _ in ROWS)
    lines = ["| " + "measure".ljust(width) + " | " + " | ".join(f"{s['plans']:>10}" for s in sites) + " |"]
    lines.append("| " + "-" * width + " | " + " | ".join("-" * 10 for _ in sites) + " |")
    for label, value in ROWS:
        lines.append("| " + label.ljust(width) + " | " + " | ".join(f"{value(s)!s:>10}" for s in sites) + " |")
    lines.append("")
    lines.append("python -m hooks.check on the real site: " + ("not measured" if real_check is None else f"{real_check:.3f} s"))
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
    workspace = Path(tempfile.mkdtemp(prefix="plan-benchmarks-"))
    try:
        real_check = measure_real_check(workspace / "real", max(arguments.repeat, 3))
        sites = []
        for plans in sizes:
            folder = workspace / f"plans-{plans}"
            folder.mkdir()
            sites.append(measure_site(plans, arguments.repeat, folder))
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
        document = {"machine": machine, "repeat": arguments.repeat, "real_site_check_seconds": real_check, "sites": sites, "budgets": found}
        arguments.json.write_text(json.dumps(document, indent=2) + "\n", "utf-8")
    identical = all(s["identical_output"] for s in sites)
    return 0 if identical and all(b["pass"] is not False for b in found) else 2


if __name__ == "__main__":
    sys.exit(main())
