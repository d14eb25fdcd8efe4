"""Benchmark: keystroke → next prompt in the interview (goal: under 50 ms).

Usage::

    .venv/bin/python benchmarks/bench_interview.py            # 3 rounds of 27 DASH items
    .venv/bin/python benchmarks/bench_interview.py --rounds 5

Three measurements, all in the same run:

* **terminal**: the installed ``stalkscreen screen`` in a real pseudo-terminal
  (pexpect). For every DASH item we time from sending the single key to seeing
  the next item's "item N of 27" and its prompt — everything a practitioner
  waits for: reading the key, the engine, the atomic 0600 draft save with
  fsync, and the redraw.
* **floor**: the same pseudo-terminal round trip to a trivial Python process
  that echoes a prompt for each key, so the ratio shows what stalkscreen adds.
* **in-process**: the engine and the terminal renderer without a terminal,
  with and without saving the draft, to show where the time goes.

Prints medians, 95th percentiles and ratios against the floor.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

BIN = Path(sys.executable).parent / "stalkscreen"
ECHO = (
    "import os, sys, termios, tty\n"
    "tty.setcbreak(0, termios.TCSANOW)\n"
    "sys.stdout.write('ready\\n'); sys.stdout.flush()\n"
    "n = 0\n"
    "while True:\n"
    "    c = os.read(0, 1)\n"
    "    if c == b'q': break\n"
    "    n += 1\n"
    "    sys.stdout.write('\\x1b[H\\x1b[2Jitem %d of 27\\n> ' % n); sys.stdout.flush()\n"
)


def env_for(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "STALKSCREEN_CONFIG": str(home / "config.yaml"),
        "TERM": "xterm",
        "NO_COLOR": "1",
        "LANG": "C.UTF-8",
    }


def terminal_round(home: Path) -> list[float]:
    child = pexpect.spawn(
        str(BIN), ["screen"], env=env_for(home), encoding="utf-8", timeout=20,
        dimensions=(60, 200),
    )  # fmt: skip
    child.delaybeforesend = None
    for prompt, text in (
        ("Case reference", "BENCH/1"), ("Date of this", ""), ("Your name", "PC 1"),
        ("Your agency", "Force"), ("How is the victim", "1"), ("incidents known", "0"),
        ("Crimes recorded", "0"), ("last MARAC", ""),
    ):  # fmt: skip
        child.expect(prompt)
        child.expect("> ")
        child.sendline(text)
    child.expect("safe for the victim")
    child.send("y")
    child.expect("contact the victim")
    child.sendline("x")
    child.expect("voicemail")
    child.send("y")
    child.expect("fears right now")
    child.sendline("")
    child.expect("children right now")
    child.sendline("")
    child.expect("item 1 of 27")
    child.expect("> ")
    times: list[float] = []
    for n in range(2, 28):
        start = time.perf_counter()
        child.send("n")
        if n == 10:  # the children gate comes between Q9 and Q10
            child.expect("Are there any children")
            child.expect("> ")
            times.append(time.perf_counter() - start)
            start = time.perf_counter()
            child.send("y")
        child.expect(f"item {n} of 27")
        child.expect("> ")
        times.append(time.perf_counter() - start)
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    return times


def floor_round() -> list[float]:
    child = pexpect.spawn(sys.executable, ["-c", ECHO], encoding="utf-8", timeout=20)
    child.delaybeforesend = None
    child.expect("ready")
    times: list[float] = []
    for n in range(1, 28):
        start = time.perf_counter()
        child.send("n")
        child.expect(f"item {n} of 27")
        child.expect("> ")
        times.append(time.perf_counter() - start)
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    return times


def in_process(home: Path, save: bool) -> list[float]:
    from stalkscreen.cli.screen_driver import Driver
    from stalkscreen.cli.terminal import Terminal
    from stalkscreen.definitions.library import load_library
    from stalkscreen.drafts import DraftStore
    from stalkscreen.interview import Interview

    lib = load_library()
    iv = Interview.start(lib, lib.profile("default").profile, ["dash"])
    if save:
        iv.saver = DraftStore(directory=home / "inproc")
    iv.answer("BENCH/2")
    while iv.cursor.kind in ("case", "context"):
        iv.skip() if iv.view().input not in ("yes-no",) else iv.answer("yes")
    sink = io.StringIO()
    term = Terminal(plain=False, colour=False, out=sink)
    driver = Driver(iv, term)
    times: list[float] = []
    while iv.cursor.kind in ("item", "gate"):
        start = time.perf_counter()
        iv.answer("yes" if iv.cursor.kind == "gate" else "no")
        view = iv.view()
        driver.header(view)
        driver.show_item(view)
        times.append(time.perf_counter() - start)
    return times


def summary(name: str, times: list[float], floor: float | None = None) -> str:
    ms = sorted(t * 1000 for t in times)
    median = statistics.median(ms)
    p95 = ms[max(0, int(len(ms) * 0.95) - 1)]
    ratio = f"  ({median / floor:.1f}x floor)" if floor else ""
    return f"{name:<28} median {median:6.1f} ms   p95 {p95:6.1f} ms   max {ms[-1]:6.1f} ms{ratio}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    terminal: list[float] = []
    floor: list[float] = []
    engine_save: list[float] = []
    engine_nosave: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        for _ in range(args.rounds):
            floor += floor_round()
            terminal += terminal_round(home)
            engine_save += in_process(home, save=True)
            engine_nosave += in_process(home, save=False)
    base = statistics.median(floor) * 1000
    print(f"keystroke → next prompt, {len(terminal)} keystrokes over {args.rounds} round(s)")
    print(summary("pty echo floor", floor))
    print(summary("stalkscreen screen (pty)", terminal, base))
    print(summary("engine+render, with save", engine_save))
    print(summary("engine+render, no save", engine_nosave))
    worst = max(terminal) * 1000
    verdict = "meets" if statistics.median(terminal) * 1000 < 50 else "MISSES"
    print(f"goal < 50 ms: {verdict} (median); worst single keystroke {worst:.1f} ms")


if __name__ == "__main__":
    main()
