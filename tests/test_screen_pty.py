"""End to end in a real pseudo-terminal: single keys, back, comment, kill -9, resume, finish."""

from __future__ import annotations

import re
import signal
import sys
from pathlib import Path
from typing import Any

import pytest

from stalkscreen.definitions.library import load_library
from stalkscreen.reading import load_answers
from stalkscreen.scoring import score
from tests.conftest import terminal_env

pexpect = pytest.importorskip("pexpect")

EXE = Path(sys.executable).parent / "stalkscreen"


def spawn(args: list[str], home: Path) -> Any:
    env = terminal_env(home)
    return pexpect.spawn(
        str(EXE), args, env=env, encoding="utf-8", timeout=15, dimensions=(60, 200)
    )


@pytest.mark.slow
def test_whole_dash_with_s_dash_in_a_real_terminal(tmp_path: Path) -> None:
    out = tmp_path / "case.yaml"
    child = spawn(["screen", "--out", str(out)], tmp_path)
    lines = {
        "Case reference": "E2E/0001",
        "Date of this assessment": "2026-11-20",
        "Your name and number": "PC 7 Tester",
        "Your agency": "Test Force",
        "How is the victim related": "2",
        "incidents known to police": "1",
        "Crimes recorded": "",
        "last MARAC referral": "",
    }
    for prompt, text in lines.items():
        child.expect(prompt)
        child.expect("> ")
        child.sendline(text)
    child.expect("safe for the victim to talk")
    child.send("y")  # a single key, no Enter
    child.expect("contact the victim safely")
    child.sendline("mobile after 6pm")
    child.expect("voicemail or send texts")
    child.send("n")
    child.expect("person the victim fears right now")
    child.sendline("")
    child.expect("children right now")
    child.sendline("")

    child.expect("item 1 of 27")
    child.send("y")
    child.expect("first time they have injured")
    child.send("n")
    child.expect("item 2 of 27")
    child.send("y")
    child.expect("item 3 of 27")
    child.send("\r")  # a stray Enter answers nothing
    child.expect("Enter alone does not answer")
    child.expect("> ")
    child.send("c")  # a comment before the answer is held, then joins it
    child.expect("end with a line holding only")
    child.sendline("Flinched when asked")
    child.sendline(".")
    child.expect(r"comment \(held until you answer\): Flinched when asked")
    child.expect("> ")
    child.send("n")
    child.expect("item 4 of 27")
    child.expect(r"just answered: DASH Q3 no")
    child.expect("> ")
    child.send("C")  # capital C: a comment on the item just answered, without going back
    child.expect("Current comment on DASH Q3")
    child.expect("end with a line holding only")
    child.sendline("Flinched when asked about him")
    child.sendline(".")
    for n in range(4, 8):
        child.expect(f"item {n} of 27")
        child.send("n")
    child.expect("item 8 of 27")
    child.send("y")
    child.expect("item 9 of 27")  # pregnancy: asked of everyone, before the children gate
    child.send("n")
    child.expect("Are there any children")
    child.send("n")
    for n in range(10, 25):
        child.expect(f"item {n} of 24")
        child.send("n")
    child.expect("Ask them now")
    child.send("y")
    for n in range(1, 6):
        child.expect(f"S-DASH · Stalking and harassment screening · item {n} of 11")
        child.send("y")
    child.expect("item 6 of 11")
    # go back one item and add a two-line comment
    child.send("b")
    child.expect("item 5 of 11")
    child.send("c")
    child.expect("end with a line holding only")
    child.sendline("Waits outside her work")
    child.sendline("most days")
    child.sendline(".")
    child.expect("comment: Waits outside her work")
    child.send("y")
    child.expect("item 6 of 11")
    # killed without warning: the draft on disk is everything up to the last answer
    child.kill(signal.SIGKILL)
    child.close()

    draft = load_answers(out, load_library().definitions)
    assert draft.status == "in-progress"
    assert draft.meta is not None and draft.meta.cursor == "dash|item/s-dash/q6"

    child = spawn(["screen", "--resume", str(out)], tmp_path)
    for n in range(6, 12):
        child.expect(f"item {n} of 11")
        child.send("n")
    child.expect("Behaviours questions")  # offered after the S-DASH (issue 16)
    child.expect("> ")
    child.send("n")
    child.expect("Record your judgement")
    child.send("0")
    child.expect("Type a row number")
    review = child.before
    child.expect("> ")
    number = re.search(r"(\d+)\s+DASH\s+Q2 ", review)
    assert number, review
    child.sendline(number.group(1))  # edit DASH Q2 from the review screen
    child.expect("item 2 of 24")
    child.send("c")
    child.expect("end with a line holding only")
    child.sendline("Shaking while she spoke")
    child.sendline(".")
    child.expect("comment: Shaking while she spoke")
    child.send("r")
    child.expect("Type a row number and Enter")
    child.expect("> ")
    child.send("f")  # a single key finishes, no Enter (issue 21.17)
    child.expect("Risk level:")
    child.expect(r"Write the referral summary now\? \(y/n\) ")
    child.send("y")  # a single key again
    child.expect("Save it where")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert out.with_name("case-summary.md").read_text().startswith("**OFFICIAL-SENSITIVE**")

    lib = load_library()
    saved = load_answers(out, lib.definitions)  # the contract, enforced by the loader
    assert saved.status == "completed"
    assert saved.case.reference == "E2E/0001" and saved.case.relationship == "ex-partner"
    assert saved.context["s_dash"] == "accepted" and saved.context["children"] == "no"
    assert len(saved.responses["dash"]) == 24 and len(saved.responses["s-dash"]) == 11
    s5 = saved.answer("s-dash", "q5")
    assert s5 is not None and s5.answer == "yes"
    assert s5.comment == "Waits outside her work\nmost days"
    q2 = saved.answer("dash", "q2")
    assert q2 is not None and q2.comment == "Shaking while she spoke"
    q3 = saved.answer("dash", "q3")
    assert q3 is not None and q3.answer == "no" and q3.comment == "Flinched when asked about him"
    result = score(saved, lib, lib.profile("default").profile)
    assert result.instruments["dash"].yes == 3
    assert result.instruments["s-dash"].yes == 5
    assert result.incomplete == ()


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "ctrl-c"])
def test_signals_save_the_draft_and_exit_130(tmp_path: Path, how: str) -> None:
    out = tmp_path / "sig.yaml"
    child = spawn(["screen", "--out", str(out)], tmp_path)
    child.expect("Case reference")
    child.expect("> ")
    child.sendline("SIG/1")
    child.expect("Date of this assessment")
    child.expect("> ")
    if how == "ctrl-c":
        child.sendintr()
    else:
        child.kill(getattr(signal, how))
    child.expect("Resume with: stalkscreen screen --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    draft = load_answers(out, load_library().definitions)
    assert draft.status == "in-progress" and draft.case.reference == "SIG/1"
    assert draft.meta is not None and draft.meta.cursor == "dash|case/assessed_on"
