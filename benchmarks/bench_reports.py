"""Benchmark: referral summaries, Markdown against HTML, and `batch --reports-dir`.

Everything is measured in one run, each the best of ``--repeat`` tries taken in turns,
against a floor measured in the same run: rendering the HTML template for the same
prebuilt contexts (what issue 18 asks Markdown to match). Every figure is given twice:
per second of wall time (elapsed; it includes waiting for the disk and for other
programs on a shared machine) and per second of CPU time (this process's own work, the
honest per-core measure when the machine is busy). It prints

- the HTML and Markdown templates alone (Markdown / HTML: goal >= 1.0);
- ``render_report`` (context + template) in each format;
- ``batch --reports-dir`` end to end on one core (``--jobs 1``: read, score, render,
  write, publish with one sync at the end) on a JSON Lines file of the same
  screenings (goal >= 1,000 summaries/s per core for both formats, judged on CPU time),
  and as a ratio to the floor;
- the file system's part: creating, writing and renaming as many files of an HTML
  summary's size in the same folder with nothing else done (``os.open``, ``os.write``,
  ``os.replace``). Creating a file is CPU time in the kernel, and it differs between
  folders: 20 us a file in one folder of this machine, 200-700 us in another on the
  same disk. ``--dir`` chooses the folder (default: a new temporary one).

    taskset -c 0 .venv/bin/python benchmarks/bench_reports.py [--count 1000] [--repeat 5] [--dir D]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import yaml

from stalkscreen.batch import BatchRequest, Settings, run_batch
from stalkscreen.batch.reports import ReportsSink
from stalkscreen.definitions.library import load_library
from stalkscreen.reading import load_answers
from stalkscreen.report import render_report, report_context
from stalkscreen.report.render import render_template

ROOT = Path(__file__).resolve().parent.parent
WHEN = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


def best(repeat: int, runs: dict[str, Callable[[], object]]) -> dict[str, tuple[float, float]]:
    """The shortest (wall, CPU) seconds of ``repeat`` runs of each, taken in turns, so
    that a busy moment of a shared machine weighs on all of them alike."""
    times = {name: (float("inf"), float("inf")) for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            w, c = time.perf_counter(), time.process_time()
            run()
            wall, cpu = time.perf_counter() - w, time.process_time() - c
            times[name] = (min(times[name][0], wall), min(times[name][1], cpu))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None, help="where summaries are written")
    args = parser.parse_args()
    count, repeat = args.count, args.repeat

    from stalkscreen.scoring import score

    lib = load_library()
    cases = []
    paths = [p for p in sorted((ROOT / "examples").glob("*.yaml")) if p.stem != "invalid"]
    for path in paths:
        answers = load_answers(path, lib.definitions)
        profile = lib.profile(answers.profile or "default").profile
        cases.append((answers, score(answers, lib, profile), profile))
    work = [cases[i % len(cases)] for i in range(count)]
    contexts = [report_context(a, s, lib, p, generated_at=WHEN) for a, s, p in work]
    for fmt in ("html", "md"):
        render_template(contexts[0], fmt)  # warm the template caches

    def templates(fmt: str) -> Callable[[], object]:
        return lambda: [render_template(ctx, fmt) for ctx in contexts]  # type: ignore[arg-type]

    def reports(fmt: str) -> Callable[[], object]:
        return lambda: [
            render_report(a, s, lib, p, fmt, generated_at=WHEN)  # type: ignore[arg-type]
            for a, s, p in work
        ]

    scratch = Path(tempfile.mkdtemp(prefix="bench-reports-", dir=args.dir))
    try:
        lines = scratch / "in.jsonl"
        raw = [yaml.safe_load(p.read_text()) for p in paths]
        with lines.open("w") as handle:
            for i in range(count):
                data = json.loads(json.dumps(raw[i % len(raw)], default=str))
                data["case"]["reference"] = f"BR/{i:06d}"
                handle.write(json.dumps(data) + "\n")
        request = BatchRequest(inputs=[str(lines)], settings=Settings(), jobs=1)

        runs = iter(range(1_000_000))

        def batch(fmt: str) -> Callable[[], object]:
            def run() -> None:
                # a new folder each time: removing the last run's 1,000 files is not timed
                out = scratch / f"reports-{next(runs)}"
                sink = ReportsSink(out, fmt, generated_at=WHEN)  # type: ignore[arg-type]
                summary = run_batch(request, [sink], library=lib)
                assert summary.scored == count, summary.to_dict()
                assert len(list(out.iterdir())) == count

            return run

        size = len(render_template(contexts[0], "html").encode("utf-8"))

        def files() -> None:
            """Only the file system's work for as many summaries: create, write, rename."""
            out = scratch / f"files-{next(runs)}"
            out.mkdir()
            for i in range(count):
                tmp, final = out / f".{i:06d}.tmp", out / f"{i:06d}.html"
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                os.write(fd, b"x" * size)
                os.close(fd)
                os.replace(tmp, final)

        times = best(
            repeat,
            {
                "floor": templates("html"),
                "md template": templates("md"),
                "html report": reports("html"),
                "md report": reports("md"),
                "html batch": batch("html"),
                "md batch": batch("md"),
                "files": files,
            },
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report(times, count, len(paths), repeat, scratch)


GOAL_RATE = 1000
"""Summaries per second per core that ``batch --reports-dir`` must reach (issue 18)."""


def report(
    times: dict[str, tuple[float, float]], count: int, examples: int, repeat: int, scratch: Path
) -> None:
    """Print every figure per second of wall time and of CPU time, and each ratio both ways."""

    def rates(name: str) -> str:
        wall, cpu = times[name]
        return f"{count / wall:7.0f}/s {count / cpu:7.0f}/s"

    def ratio(name: str, to: str = "floor") -> str:
        (wall, cpu), (floor_wall, floor_cpu) = times[name], times[to]
        return f"{floor_wall / wall:5.2f} {floor_cpu / cpu:5.2f}"

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"{count} summaries of the {examples} examples, best of {repeat} (load average {load})")
    print(f"{'':40} {'wall':>9} {'CPU':>9}   speed vs floor (wall, CPU)")
    print(f"{'floor: HTML template render':40} {rates('floor')}")
    print(f"{'Markdown template render':40} {rates('md template')}   {ratio('md template')}"
          "  Markdown / HTML (goal >= 1.00)")  # fmt: skip
    for fmt in ("html", "md"):
        name = f"render_report {fmt} (context + template)"
        print(f"{name:40} {rates(f'{fmt} report')}   {ratio(f'{fmt} report')}")
    for fmt in ("html", "md"):
        name = f"batch --reports-dir {fmt} --jobs 1"
        print(f"{name:40} {rates(f'{fmt} batch')}   {ratio(f'{fmt} batch')}")
    wall, cpu = times["files"]
    print(f"{'files only (create, write, rename)':40} {rates('files')}   "
          f"{cpu / count * 1e6:.0f} us CPU a file, in {scratch.parent}")  # fmt: skip
    md_html = times["floor"][1] / times["md template"][1]
    print(f"goal, Markdown template at least as fast as HTML (CPU): {md_html:.2f} "
          f"({'met' if md_html >= 1 else 'NOT met'})")  # fmt: skip
    for fmt in ("html", "md"):
        wall, cpu = times[f"{fmt} batch"]
        verdict = "met" if count / cpu >= GOAL_RATE else "NOT met"
        print(f"goal, --reports-dir {fmt} >= {GOAL_RATE}/s per core (CPU): {count / cpu:.0f}/s "
              f"({verdict}; {count / wall:.0f}/s of wall time)")  # fmt: skip


if __name__ == "__main__":
    main()
