"""Micro-benchmark of the batch hot path, step by step, against a JSON parsing floor.

Usage::

    .venv/bin/python benchmarks/bench_scoring.py            # 5,000 screenings, best of 5
    .venv/bin/python benchmarks/bench_scoring.py -n 1000 -r 3

It takes the same synthetic screenings as ``bench_batch.py`` (one JSON line each)
and times, in one process with the library loaded once:

* the floor: ``json.loads`` of each screening's line;
* validation: ``answers_from_data`` (the canonical fast path where it applies);
* ``score()``;
* ``Screening.contract()`` and ``json.dumps`` of it (what a JSONL sink writes).

Each step is the best of several rounds over all screenings; it prints µs per
screening and the ratio to the floor measured in the same run, never a bare time.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import screening

from stalkscreen.definitions.library import load_library
from stalkscreen.reading import answers_from_data
from stalkscreen.scoring import score
from stalkscreen.source import Document


def best(rounds: int, step: Callable[[], object]) -> float:
    """The fastest of ``rounds`` runs of ``step``, in seconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5_000, help="screenings")
    parser.add_argument("-r", type=int, default=5, help="rounds (the best is kept)")
    args = parser.parse_args()
    n, rounds = args.n, args.r
    rng = random.Random(20261121)
    lines = [json.dumps(screening(i, rng), ensure_ascii=False) for i in range(n)]
    lib = load_library()
    definitions = lib.definitions
    profile = lib.profile("default").profile
    datas = [json.loads(line) for line in lines]
    docs = [Document(path="<bench>", text="", data=d) for d in datas]
    answers = [answers_from_data(d, doc, definitions) for d, doc in zip(datas, docs, strict=True)]
    results = [score(a, lib, profile) for a in answers]

    def parse() -> None:
        for line in lines:
            json.loads(line)

    def validate() -> None:
        for d, doc in zip(datas, docs, strict=True):
            answers_from_data(d, doc, definitions)

    def scoring() -> None:
        for a in answers:
            score(a, lib, profile)

    def output() -> None:
        for r in results:
            json.dumps(r.contract(), ensure_ascii=False)

    def whole() -> None:
        for line in lines:
            d = json.loads(line)
            a = answers_from_data(d, Document(path="<bench>", text="", data=d), definitions)
            json.dumps(score(a, lib, profile).contract(), ensure_ascii=False)

    steps: dict[str, Callable[[], Any]] = {
        "floor: json.loads": parse,
        "validation": validate,
        "score()": scoring,
        "contract + json.dumps": output,
        "all of it, per line": whole,
    }
    print(f"scoring micro-benchmark: {n:,} screenings, best of {rounds} rounds")
    floor = best(rounds, parse)
    total = floor
    for name, step in steps.items():
        seconds = floor if step is parse else best(rounds, step)
        total = seconds if step is whole else total
        per = seconds / n * 1e6
        print(f"  {name:<24} {per:8.1f} µs/screening  {seconds / floor:6.2f}x floor")
    print(
        f"  => {n / total:,.0f} screenings/s in one process for parse + validate + score + "
        f"contract (batch I/O and start-up excluded); {total / floor:.1f}x the floor"
    )


if __name__ == "__main__":
    main()
