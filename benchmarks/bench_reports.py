"""Benchmark: render 1,000 HTML referral summaries on one core.

Prints reports per second for the whole path (context + template) and for the
template alone, each as a ratio against a floor measured in the same run:
``json.dumps`` of the same contexts (the cheapest way to turn a context into
text). Goal: at least 500 HTML reports/s end to end.

    .venv/bin/python benchmarks/bench_reports.py [--count 1000]
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, datetime
from pathlib import Path

from stalkscreen.answers import load_answers
from stalkscreen.definitions.library import load_library
from stalkscreen.report import render_report, report_context
from stalkscreen.report.render import render_template
from stalkscreen.scoring import score

ROOT = Path(__file__).resolve().parent.parent
WHEN = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    count = parser.parse_args().count

    lib = load_library()
    cases = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        if path.stem == "invalid":
            continue
        answers = load_answers(path, lib.definitions)
        profile = lib.profile(answers.profile or "default").profile
        cases.append((answers, score(answers, lib, profile), profile))
    work = [cases[i % len(cases)] for i in range(count)]
    contexts = [report_context(a, s, lib, p, generated_at=WHEN) for a, s, p in work]
    render_template(contexts[0], "html")  # warm the template cache

    start = time.perf_counter()
    for ctx in contexts:
        json.dumps(ctx.model_dump(mode="json"))
    floor = time.perf_counter() - start

    start = time.perf_counter()
    for ctx in contexts:
        render_template(ctx, "html")
    template_only = time.perf_counter() - start

    start = time.perf_counter()
    size = 0
    for answers, screening, profile in work:
        size += len(render_report(answers, screening, lib, profile, "html", generated_at=WHEN))
    full = time.perf_counter() - start

    print(f"{count} HTML reports, average {size // count} bytes")
    print(f"floor (json.dumps of the context): {count / floor:8.0f} /s")
    print(
        f"template render only:              {count / template_only:8.0f} /s "
        f"({template_only / floor:.2f}x the floor)"
    )
    print(
        f"context + render (render_report):  {count / full:8.0f} reports/s "
        f"({full / floor:.2f}x the floor; goal >= 500/s)"
    )


if __name__ == "__main__":
    main()
