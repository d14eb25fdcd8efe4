"""Benchmark `stalkscreen batch` against a parsing floor measured in the same run.

Usage::

    .venv/bin/python benchmarks/bench_batch.py            # 10,000 screenings
    .venv/bin/python benchmarks/bench_batch.py -n 2000    # quicker
    .venv/bin/python benchmarks/bench_batch.py --big      # also peak memory at 100,000
    .venv/bin/python benchmarks/bench_batch.py --baseline ../old-checkout --repeat 5

It writes N synthetic screenings as YAML files, JSON files and one JSON Lines
file in a temporary folder, then measures two builds of the package, each a
copy of ``src`` with its bytecode written (as installing a wheel does): plain
Python, and with the compiled scoring core that ``HATCH_BUILD_HOOKS_ENABLE=1
pip install .`` builds (``hatch_build.py``). For each:

* the floor: merely reading and parsing the same files in one process with
  the fastest safe loader (libyaml's CSafeLoader; json for JSON);
* `stalkscreen batch` (a real subprocess, start-up included) with --jobs 1 and
  --jobs 2, writing JSON Lines to a file;
* the start-up of `stalkscreen batch` on one screening, so the steady rate
  (start-up excluded) can be shown beside the end-to-end one;
* the CPU time of the batch processes (workers included), so "per core" is
  screenings per CPU-second: on a busy machine wall time also counts the
  time other programs held the cores;
* the machine's own ceiling for two processes: how much faster two copies of
  a pure-Python loop finish side by side than one after the other (a virtual
  machine's two CPUs do not always give two full cores);
* the same work's ceiling: two independent `--jobs 1` batches, each on half
  of the inputs, run side by side. Nothing is shared and nothing is handed
  between processes, so this is a practical ceiling for --jobs 2 here with
  this very work (two processes doing it slow each other down through the
  memory they share, more than the pure-Python loop does).

Each batch measurement is the fastest of ``--repeat`` runs (default 2), the
jobs1, jobs2 and side-by-side runs taking turns.

With ``--baseline DIR`` (a checkout of another version, e.g. ``git worktree add``
or ``git archive`` of an earlier commit) it measures instead this version against
that one, in the same run on the same inputs: each build's ``--jobs 1`` and
``--jobs 2`` batches alternate (which goes first alternates too), and it prints
this version's throughput as a ratio of the baseline's, wall and CPU: the median
of the ratios of the pairs, and the ratio of the best runs.

It prints throughput and ratios, never a bare time. Goals (issue 5): YAML
jobs1 >= 0.8x floor; jobs2 >= 1.6x jobs1; JSONL >= 20,000 screenings/s per
core; peak RSS for 100,000 screenings < 150 MB.
"""

from __future__ import annotations

import argparse
import compileall
import json
import math
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import IO, Any, NamedTuple

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import hatch_build  # noqa: E402 - copies of the source, plain and compiled (the build hook)

MAIN = [sys.executable, "-c", "from stalkscreen.cli.main import main; main()"]
FLAGS = [
    "suicidal-ideation",
    "homicidal-ideation",
    "last-resort-thinking",
    "psychotic-symptoms",
    "psychopathy",
    "victim-fear",
]


def screening(i: int, rng: random.Random) -> dict[str, Any]:
    """A plausible completed screening: a full DASH, S-DASH when Q8 is yes, red flags."""
    rate = rng.choice([0.15, 0.3, 0.5, 0.7])
    dash = {
        f"q{n}": rng.choices(["yes", "no", "unknown"], [rate, 1 - rate, 0.05])[0]
        for n in range(1, 28)
    }
    dash["q1"] = {
        "answer": dash["q1"],
        "comment": "Bruising to the left arm; says it is not the first time.",
    }
    responses: dict[str, Any] = {"dash": dash}
    if dash["q8"] == "yes":
        responses["s-dash"] = {f"q{n}": rng.choice(["yes", "no"]) for n in range(1, 12)}
    responses["srp-red-flags"] = {f: ("yes" if rng.random() < 0.03 else "no") for f in FLAGS}
    return {
        "format": "stalkscreen/answers@1",
        "case": {
            "reference": f"CR/2026/{i:06d}",
            "assessed_on": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "practitioner": "PC 4521 A. Example",
            "relationship": rng.choice(["partner", "ex-partner", "family"]),
            "incidents_last_12_months": rng.randint(0, 4),
        },
        "profile": "default",
        "context": {"children": rng.choice(["yes", "no"])},
        "responses": responses,
        "status": "completed",
    }


def generate(base: Path, n: int, *, files: bool = True) -> dict[str, Path]:
    """The inputs, and beside each a first and a second half (``<kind>-1``, ``<kind>-2``):
    folders for the answer files, files for the JSON Lines."""
    rng = random.Random(20261121)
    paths = {"yaml": base / "yaml", "json": base / "json", "jsonl": base / "all.jsonl"}
    kinds = ("yaml", "json") if files else ()
    for kind in kinds:
        paths[kind].mkdir()
        for half in ("1", "2"):
            paths[f"{kind}-{half}"] = base / f"{kind}-{half}"
            paths[f"{kind}-{half}"].mkdir()
    paths["jsonl-1"], paths["jsonl-2"] = base / "half-1.jsonl", base / "half-2.jsonl"
    with (
        paths["jsonl"].open("w", encoding="utf-8") as lines,
        paths["jsonl-1"].open("w", encoding="utf-8") as first,
        paths["jsonl-2"].open("w", encoding="utf-8") as second,
    ):
        for i in range(n):
            data = screening(i, rng)
            text = json.dumps(data, ensure_ascii=False)
            half = "1" if i < n // 2 else "2"
            lines.write(text + "\n")
            (first if half == "1" else second).write(text + "\n")
            if files:
                as_yaml = yaml.dump(data, Dumper=DUMPER, sort_keys=False, allow_unicode=True)
                for kind, content in (("yaml", as_yaml), ("json", text)):
                    for folder in (paths[kind], paths[f"{kind}-{half}"]):
                        (folder / f"s{i:06d}.{kind}").write_text(content)
    return paths


def floor(kind: str, path: Path) -> float:
    """Seconds to read and parse every screening in one process, no validation or scoring."""
    start = time.perf_counter()
    if kind == "jsonl":
        with path.open("rb") as handle:
            for raw in handle:
                json.loads(raw)
    else:
        for name in sorted(os.listdir(path)):
            text = (path / name).read_bytes().decode("utf-8")
            if kind == "json":
                json.loads(text)
            else:
                yaml.load(text, Loader=LOADER)
    return time.perf_counter() - start


class Core(NamedTuple):
    """A build of the package to measure: plain Python, or with the compiled scoring core."""

    label: str
    src: Path


def prepare_cores(base: Path, root: Path = ROOT) -> list[Core]:
    """Two copies of the source: as it is, and with the compiled core beside it (as
    ``HATCH_BUILD_HOOKS_ENABLE=1 pip install .`` builds it); each with its bytecode."""
    cores = [Core("plain Python", hatch_build.source_copy(root, base / "plain"))]
    # built in a child: a child's peak memory, as reported, counts this process's at the
    # moment it starts, and mypyc's type analysis takes hundreds of megabytes
    build = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; import hatch_build; "
            "hatch_build.compiled_copy(Path(sys.argv[1]), Path(sys.argv[2]))",
            str(root),
            str(base / "compiled"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if build.returncode == 0:
        cores.append(Core("compiled core", base / "compiled" / "src"))
    else:  # no compiler here: measure what can be measured
        print(f"(the compiled core could not be built here: {build.stderr.strip()[-300:]})")
    for core in cores:
        compileall.compile_dir(core.src, quiet=1)
    return cores


def batch(path: Path, jobs: int, out: Path, core: Core) -> tuple[float, int, float]:
    """A real `stalkscreen batch` run: wall seconds, its peak RSS (KiB; the largest of the
    run's processes, workers included) and its CPU seconds (workers included)."""
    start = time.perf_counter()
    (usage,) = wait_all([start_batch(path, jobs, out, core)])
    return time.perf_counter() - start, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


Started = tuple[subprocess.Popen[bytes], IO[bytes]]
"""A batch run under way, and the file its standard error goes to."""


def start_batch(path: Path, jobs: int, out: Path, core: Core) -> Started:
    env = {
        **os.environ,
        "STALKSCREEN_CONFIG": str(out.parent / "no-config.yaml"),
        "PYTHONPATH": str(core.src),
    }
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by wait_all
    proc = subprocess.Popen(
        [*MAIN, "batch", str(path), "--jobs", str(jobs), "-f", "jsonl", "-o", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=errors,
    )
    return proc, errors


def wait_all(runs: list[Started]) -> list[Any]:
    """Wait for each run with ``wait4``, which gives that run's own resource use (the
    running total of every child so far would count the compiler's memory too)."""
    usages = []
    for proc, errors in runs:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            for other, _ in runs:
                if other.poll() is None:
                    other.kill()
            errors.seek(0)
            sys.exit(f"batch failed ({proc.returncode}): {errors.read().decode()[-2000:]}")
        errors.close()
        usages.append(usage)
    return usages


def side_by_side(first: Path, second: Path, out: Path, core: Core) -> float:
    """Wall seconds for two `--jobs 1` batches, one on each half, started together."""
    start = time.perf_counter()
    wait_all(
        [
            start_batch(first, 1, out.with_suffix(".1.jsonl"), core),
            start_batch(second, 1, out.with_suffix(".2.jsonl"), core),
        ]
    )
    return time.perf_counter() - start


def best_runs(
    paths: dict[str, Path], kind: str, out: Path, repeat: int, core: Core
) -> tuple[tuple[float, int, float], tuple[float, int, float], float]:
    """The fastest of ``repeat`` runs with --jobs 1, with --jobs 2 and of the two halves
    side by side, taking turns."""
    runs: dict[int, list[tuple[float, int, float]]] = {1: [], 2: []}
    halves: list[float] = []
    for _ in range(repeat):
        for jobs in (1, 2):
            runs[jobs].append(batch(paths[kind], jobs, out, core))
        halves.append(side_by_side(paths[f"{kind}-1"], paths[f"{kind}-2"], out, core))
    return min(runs[1]), min(runs[2]), min(halves)


def _spin(_: int = 0) -> float:
    """A fixed amount of pure-Python work (dictionary stores and integer arithmetic)."""
    start = time.perf_counter()
    total = 0
    seen: dict[int, int] = {}
    for i in range(2_000_000):
        total += i * i
        seen[i & 1023] = total
    return time.perf_counter() - start


def ceiling(repeat: int = 5) -> float:
    """How many times one process's throughput two processes reach on this machine.

    The fastest single run against the fastest pair, like the batch measurements.
    """
    ones, twos = [], []
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for _ in range(repeat):
            ones.append(_spin())
            start = time.perf_counter()
            pool.map(_spin, range(2), chunksize=1)
            twos.append(time.perf_counter() - start)
    return 2 * min(ones) / min(twos)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="screenings per format")
    parser.add_argument("--big", action="store_true", help="also peak RSS at 100,000 (JSONL)")
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs of each batch measurement; the fastest counts"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a checkout of another version: measure this one against it, alternating",
    )
    args = parser.parse_args()
    n = args.n
    if args.baseline is not None:
        compare(args.baseline.resolve(), n, args.repeat)
        return
    print(f"stalkscreen batch benchmark: {n:,} screenings per format, {os.cpu_count()} CPU(s)")
    top = ceiling()
    print(f"this machine runs two CPU-bound processes at {top:.2f}x one (the jobs2 ceiling)")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        base = Path(tmp)
        cores = prepare_cores(base)
        paths = generate(base, n)
        out = base / "out.jsonl"
        single = base / "one.jsonl"
        single.write_text(paths["jsonl"].read_text().split("\n", 1)[0] + "\n")
        floors = {kind: n / floor(kind, paths[kind]) for kind in ("yaml", "json", "jsonl")}
        for core in cores:
            measure(core, paths, floors, out, single, n, top, args.repeat)
    if args.big:
        with tempfile.TemporaryDirectory(prefix="bench-batch-big-") as tmp:
            base = Path(tmp)
            cores = prepare_cores(base)
            big = 100_000
            paths = generate(base, big, files=False)
            for core in cores:
                one, peak1, _ = batch(paths["jsonl"], 1, base / "out.jsonl", core)
                two, peak2, _ = batch(paths["jsonl"], 2, base / "out.jsonl", core)
                halves = side_by_side(paths["jsonl-1"], paths["jsonl-2"], base / "out.jsonl", core)
                print(
                    f"{core.label}, {big:,} JSON Lines screenings: peak RSS {peak1 / 1024:.0f} MB "
                    f"with jobs1, largest process {peak2 / 1024:.0f} MB with jobs2 (goal < 150 "
                    f"MB); jobs1 {big / one:,.0f}/s, jobs2 {big / two:,.0f}/s "
                    f"({one / two:.2f}x jobs1), end to end; two halves side by side "
                    f"{one / halves:.2f}x jobs1"
                )


def steady(n: int, seconds: float, start_up: float) -> float:
    """Screenings per second once started; not a number when the run is too short to
    tell its start-up from its work (a rate from a difference of two near-equal times)."""
    return (n - 1) / (seconds - start_up) if seconds > 2 * start_up else math.nan


def measure(
    core: Core,
    paths: dict[str, Path],
    floors: dict[str, float],
    out: Path,
    single: Path,
    n: int,
    top: float,
    repeat: int,
) -> None:
    """Every batch measurement of one core, and the goals."""
    print(f"\n== {core.label}")
    start_up = min(batch(single, 1, out, core)[0] for _ in range(3))
    print(f"start-up of stalkscreen batch (one screening): {1 / start_up:.1f} runs/s")
    rates: dict[str, dict[str, float]] = {}
    for kind in ("yaml", "json", "jsonl"):
        (one, _, cpu1), (two, _, cpu2), halves = best_runs(paths, kind, out, repeat, core)
        rates[kind] = {
            "floor": floors[kind],
            "jobs1": n / one,
            "jobs2": n / two,
            "halves": n / halves,
            "steady1": steady(n, one, start_up),
            "steady2": steady(n, two, start_up),
            "cpu1": n / cpu1,
            "cpu2": n / cpu2,
        }
        r = rates[kind]
        print(
            f"{kind:>5}: floor {r['floor']:>9,.0f}/s   jobs1 {r['jobs1']:>8,.0f}/s "
            f"({r['jobs1'] / r['floor']:.2f}x floor)   jobs2 {r['jobs2']:>8,.0f}/s "
            f"({r['jobs2'] / r['jobs1']:.2f}x jobs1)   per CPU-second: jobs1 "
            f"{r['cpu1']:,.0f}, jobs2 {r['cpu2']:,.0f}   two halves side by side "
            f"{r['halves']:,.0f}/s ({r['halves'] / r['jobs1']:.2f}x jobs1)"
        )
    y, j = rates["yaml"], rates["jsonl"]
    print(f"goal  yaml jobs1 >= 0.8x floor      : {y['jobs1'] / y['floor']:.2f}x")
    for label, r in (("yaml", y), ("jsonl", j)):
        print(
            f"goal  jobs2 >= 1.6x jobs1 ({label}){' ' * (5 - len(label))}  : "
            f"{r['jobs2'] / r['jobs1']:.2f}x end to end; "
            f"{r['steady2'] / r['steady1']:.2f}x without the (serial) start-up; "
            f"{r['jobs2'] / r['halves']:.0%} of what two independent halves reach "
            f"({r['halves'] / r['jobs1']:.2f}x; machine ceiling {top:.2f}x)"
        )
    print(
        f"goal  jsonl >= 20,000/s per core    : {j['jobs1']:,.0f}/s end to end (jobs1); "
        f"{j['steady1']:,.0f}/s without start-up; {j['cpu1']:,.0f} per CPU-second"
    )


def compare(baseline: Path, n: int, repeat: int) -> None:
    """This version's batch throughput as a ratio of another version's, measured
    alternately on the same inputs in the same run."""
    print(
        f"stalkscreen batch, this version ({ROOT}) against {baseline}: {n:,} screenings "
        f"per format, {repeat} alternating pairs per measurement, {os.cpu_count()} CPU(s)"
    )
    with tempfile.TemporaryDirectory(prefix="bench-batch-vs-") as tmp:
        base = Path(tmp)
        paths = generate(base, n)
        out = base / "out.jsonl"
        builds = zip(
            prepare_cores(base / "new"), prepare_cores(base / "old", baseline), strict=False
        )
        for new, old in builds:
            print(f"\n== {new.label}: this version / baseline (> 1: this one is faster)")
            for kind in ("yaml", "json", "jsonl"):
                for jobs in (1, 2):
                    runs: dict[str, list[tuple[float, int, float]]] = {"new": [], "old": []}
                    for turn in range(repeat):
                        order = (("new", new), ("old", old))
                        for label, core in order if turn % 2 == 0 else order[::-1]:
                            runs[label].append(batch(paths[kind], jobs, out, core))
                    pairs = list(zip(runs["new"], runs["old"], strict=True))
                    wall = sorted(o[0] / w[0] for w, o in pairs)
                    cpu = sorted(o[2] / w[2] for w, o in pairs)
                    best_new, best_old = min(runs["new"]), min(runs["old"])
                    print(
                        f"{kind:>5} jobs{jobs}: wall {median(wall):.2f} (pairs "
                        f"{wall[0]:.2f}-{wall[-1]:.2f}; best runs {best_old[0] / best_new[0]:.2f}"
                        f", {n / best_new[0]:,.0f}/s vs {n / best_old[0]:,.0f}/s)   CPU "
                        f"{median(cpu):.2f}   peak RSS {best_new[1] / 1024:.0f} vs "
                        f"{best_old[1] / 1024:.0f} MB"
                    )


if __name__ == "__main__":
    main()
