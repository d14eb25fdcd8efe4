"""Start-up: whole-process time of `stalkscreen --version` against `python -c "import typer"`.

The floor is measured in the same run on the same machine, so the ratio is
what matters, not the seconds. Goal: ratio <= 1.5.

    .venv/bin/python benchmarks/bench_startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(cmd: list[str], runs: int) -> float:
    """Median wall time of ``cmd`` over ``runs`` runs (after two warm-ups)."""
    samples = []
    for i in range(runs + 2):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        if i >= 2:
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = shutil.which("stalkscreen") or str(Path(sys.executable).with_name("stalkscreen"))
    floor = timed([sys.executable, "-c", "import typer"], args.runs)
    version = timed([script, "--version"], args.runs)
    help_ = timed([script, "--help"], args.runs)
    score = timed([script, "score", "examples/high-by-count.yaml", "--json"], args.runs)
    print(f"floor  python -c 'import typer'   {floor * 1000:7.1f} ms")
    print(
        f"stalkscreen --version             {version * 1000:7.1f} ms  ratio {version / floor:.2f}"
    )
    print(f"stalkscreen --help                {help_ * 1000:7.1f} ms  ratio {help_ / floor:.2f}")
    print(f"stalkscreen score --json (1 file) {score * 1000:7.1f} ms  ratio {score / floor:.2f}")
    print(f"goal: --version ratio <= 1.5 -> {'met' if version / floor <= 1.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
