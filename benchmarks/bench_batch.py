"""Benchmark `stalkscreen batch` against a parsing floor measured in the same run.

Usage::

    .venv/bin/python benchmarks/bench_batch.py            # 10,000 screenings
    .venv/bin/python benchmarks/bench_batch.py -n 2000    # quicker
    .venv/bin/python benchmarks/bench_batch.py --big      # also peak memory at 100,000

It writes N synthetic screenings as YAML files, JSON files and one JSON Lines
file in a temporary folder, then measures:

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
  machine's two CPUs do not always give two full cores).

Each batch measurement is the fastest of ``--repeat`` runs (default 2), the
jobs1 and jobs2 runs taking turns. The package's bytecode is compiled first,
as installing it from a wheel does: with PYTHONDONTWRITEBYTECODE set, an
editable install would otherwise compile every module again on each run.

It prints throughput and ratios, never a bare time. Goals (issue 5): YAML
jobs1 >= 0.8x floor; jobs2 >= 1.6x jobs1; JSONL >= 20,000 screenings/s per
core; peak RSS for 100,000 screenings < 150 MB.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
ROOT = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).with_name("stalkscreen")
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
    rng = random.Random(20261121)
    paths = {"yaml": base / "yaml", "json": base / "json", "jsonl": base / "all.jsonl"}
    if files:
        paths["yaml"].mkdir()
        paths["json"].mkdir()
    with paths["jsonl"].open("w", encoding="utf-8") as lines:
        for i in range(n):
            data = screening(i, rng)
            text = json.dumps(data, ensure_ascii=False)
            lines.write(text + "\n")
            if files:
                (paths["yaml"] / f"s{i:06d}.yaml").write_text(
                    yaml.dump(data, Dumper=DUMPER, sort_keys=False, allow_unicode=True)
                )
                (paths["json"] / f"s{i:06d}.json").write_text(text)
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


def batch(path: Path, jobs: int, out: Path) -> tuple[float, int, float]:
    """A real `stalkscreen batch` run: wall seconds, the largest child's peak RSS (KiB),
    and the CPU seconds of the run's processes (workers included)."""
    env = {**os.environ, "STALKSCREEN_CONFIG": str(out.parent / "no-config.yaml")}
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = usage.ru_maxrss
    cpu_before = usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    proc = subprocess.run(
        [str(EXE), "batch", str(path), "--jobs", str(jobs), "-f", "jsonl", "-o", str(out)],
        env=env,
        capture_output=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"batch failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    return seconds, max(usage.ru_maxrss, before), cpu


def best_pair(
    path: Path, out: Path, repeat: int
) -> tuple[tuple[float, int, float], tuple[float, int, float]]:
    """The fastest of ``repeat`` runs with --jobs 1 and with --jobs 2, taking turns."""
    runs: dict[int, list[tuple[float, int, float]]] = {1: [], 2: []}
    for _ in range(repeat):
        for jobs in (1, 2):
            runs[jobs].append(batch(path, jobs, out))
    return min(runs[1]), min(runs[2])


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


def compile_package() -> None:
    """Write the package's bytecode, as a wheel installation does."""
    spec = importlib.util.find_spec("stalkscreen")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        compileall.compile_dir(folder, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="screenings per format")
    parser.add_argument("--big", action="store_true", help="also peak RSS at 100,000 (JSONL)")
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs of each batch measurement; the fastest counts"
    )
    args = parser.parse_args()
    n = args.n
    print(f"stalkscreen batch benchmark: {n:,} screenings per format, {os.cpu_count()} CPU(s)")
    compile_package()
    top = ceiling()
    print(f"this machine runs two CPU-bound processes at {top:.2f}x one (the jobs2 ceiling)")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        base = Path(tmp)
        paths = generate(base, n)
        out = base / "out.jsonl"
        single = base / "one.jsonl"
        single.write_text(paths["jsonl"].read_text().split("\n", 1)[0] + "\n")
        start_up = min(batch(single, 1, out)[0] for _ in range(3))
        print(f"start-up of stalkscreen batch (one screening): {1 / start_up:.1f} runs/s")
        rates: dict[str, dict[str, float]] = {}
        for kind in ("yaml", "json", "jsonl"):
            f = floor(kind, paths[kind])
            (one, _, cpu1), (two, _, cpu2) = best_pair(paths[kind], out, args.repeat)
            rates[kind] = {
                "floor": n / f,
                "jobs1": n / one,
                "jobs2": n / two,
                "steady1": (n - 1) / max(one - start_up, 1e-9),
                "steady2": (n - 1) / max(two - start_up, 1e-9),
                "cpu1": n / cpu1,
                "cpu2": n / cpu2,
            }
            r = rates[kind]
            print(
                f"{kind:>5}: floor {r['floor']:>9,.0f}/s   jobs1 {r['jobs1']:>8,.0f}/s "
                f"({r['jobs1'] / r['floor']:.2f}x floor)   jobs2 {r['jobs2']:>8,.0f}/s "
                f"({r['jobs2'] / r['jobs1']:.2f}x jobs1)   per CPU-second: jobs1 "
                f"{r['cpu1']:,.0f}, jobs2 {r['cpu2']:,.0f}"
            )
        y, j = rates["yaml"], rates["jsonl"]
        print()
        print(f"goal  yaml jobs1 >= 0.8x floor      : {y['jobs1'] / y['floor']:.2f}x")
        for label, r in (("yaml", y), ("jsonl", j)):
            print(
                f"goal  jobs2 >= 1.6x jobs1 ({label}){' ' * (5 - len(label))}  : "
                f"{r['jobs2'] / r['jobs1']:.2f}x end to end; "
                f"{r['steady2'] / r['steady1']:.2f}x without the (serial) start-up "
                f"(machine ceiling {top:.2f}x)"
            )
        print(
            f"goal  jsonl >= 20,000/s per core    : {j['jobs1']:,.0f}/s end to end (jobs1); "
            f"{j['steady1']:,.0f}/s without start-up; {j['cpu1']:,.0f} per CPU-second"
        )
    if args.big:
        with tempfile.TemporaryDirectory(prefix="bench-batch-big-") as tmp:
            base = Path(tmp)
            paths = generate(base, 100_000, files=False)
            seconds, peak, _ = batch(paths["jsonl"], 1, base / "out.jsonl")
            print(
                f"goal  peak RSS at 100,000 < 150 MB : {peak / 1024:.0f} MB "
                f"(jobs1, {100_000 / seconds:,.0f}/s)"
            )
            seconds, peak, _ = batch(paths["jsonl"], 2, base / "out.jsonl")
            print(f"      largest process with jobs2   : {peak / 1024:.0f} MB")


if __name__ == "__main__":
    main()
