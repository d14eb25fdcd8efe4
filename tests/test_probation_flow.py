"""Issue 16 end to end: `screen --for probation` and the behaviours checklist, in plain mode
(answers piped in) and in a real terminal, then score, report and batch."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stalkscreen.definitions.library import Library
from stalkscreen.reading import load_answers
from stalkscreen.scoring import score
from tests.conftest import Result, terminal_env

EXE = Path(sys.executable).parent / "stalkscreen"

CASE = ["PRB/E2E/1", "2026-11-19", "PO 12 Example", "Example PDU", "2"]
CONTEXT = ["2", "1", "1"]  # on licence; victim liaison involved; police involved
FOUR = ["y", "y", "y", "y"]
# dispute no; motivation yes (choice 1, a note); underlying yes (1 3); trigger yes (1, no note)
FORMULATION = ["n", "y", "1", "Wants her back", "y", "1 3", "y", "1", ""]
CONTEXT_SRP = ["y", "1", "y"] + ["n"] * 7  # rejected; threats yes, the rest no
FLAGS = ["n", "n", "y", "n", "n", "y"]  # last-resort thinking and victim fear
DOMAINS = ["3", "Threatened her new partner", ".", "2", ".", "2", ".", "1", "."]


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("ACCESSIBLE", raising=False)


def feed(monkeypatch: pytest.MonkeyPatch, lines: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{x}\n" for x in lines)))


def test_probation_screening_piped_in_plain_mode_then_score_report_and_batch(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    out = tmp_path / "p.yaml"
    lines = CASE + CONTEXT + FOUR + FORMULATION + CONTEXT_SRP + FLAGS + DOMAINS + ["f", "n"]
    feed(monkeypatch, lines)
    result = cli("screen", "--for", "probation", "--out", out)
    assert result.code == 0, result.err + result.out[-2000:]
    # the victim flow's safety checks, DASH and S-DASH offer are not part of it
    assert "safe for the victim to talk" not in result.out and "DASH" not in result.out
    assert "Where is the person in their sentence?" in result.out
    assert "URGENT — red flags present: last-resort-thinking, victim-fear" in result.out
    assert "Risk level:" not in result.out
    saved = load_answers(out, lib.definitions)
    assert saved.purpose == "probation" and saved.status == "completed"
    assert saved.context == {"supervision": "licence", "victim_contact": "yes",
                             "police_involved": "yes"}  # fmt: skip
    assert saved.srp_domains is not None
    assert {d: j.level for d, j in saved.srp_domains.items()} == {
        "violence": "high", "persistence": "moderate", "recurrence": "moderate",
        "psychosocial-damage": "low",
    }  # fmt: skip
    assert saved.srp_domains["violence"].rationale == "Threatened her new partner"
    motivation = saved.answer("stalking-formulation", "motivation")
    assert motivation is not None and motivation.details == {
        "wants": ["reconcile-or-revenge"], "wants-note": "Wants her back"
    }  # fmt: skip
    scored = score(saved, lib, lib.profile("default").profile)
    assert scored.urgent and scored.complete, scored.incomplete
    assert scored.stalking_type == "rejected" and scored.heightened_risk_factors == ("threats",)

    as_json = cli("score", out, "--json")
    data = json.loads(as_json.out)
    assert data["purpose"] == "probation" and data["srp_domains"]["violence"] == "high"
    assert data["warnings"] == []

    report = cli("report", out)
    assert report.code == 0, report.err
    md = report.out
    assert "# Probation stalking screening: PRB/E2E/1" in md
    assert md.index("## Outcome") < md.index("## Case") < md.index("## Actions")
    assert md.index("## Actions") < md.index("## Working with the person")
    assert md.index("## Working with the person") < md.index("## Your own safety")
    for name in ("Risk of serious harm review", "MAPPA", "Police stalking lead",
                 "Victim liaison officer", "Psychologist-led stalking intervention"):  # fmt: skip
        assert f"### {name}" in md, name
    assert "MARAC" not in md and "Advice to give the victim" not in md
    assert "Threatened her new partner" in md  # the rationale is in the report
    routes = json.loads(cli("report", out, "--format", "json").out)["routes"]
    wanted = {"rosh-review", "mappa", "police-stalking-lead", "victim-liaison",
              "local-stalking-service", "stalking-intervention"}  # fmt: skip
    assert wanted <= {r["id"] for r in routes}

    batch_out = tmp_path / "b.jsonl"
    long_out = tmp_path / "long.csv"
    ran = cli("batch", out, "-o", batch_out, "--long", long_out)
    assert ran.code == 0, ran.err
    record = json.loads(batch_out.read_text())
    assert record["purpose"] == "probation" and record["srp_domains"]["persistence"] == "moderate"
    assert "Threatened" not in batch_out.read_text()  # no free text in batch output
    assert "stalking-formulation,dispute,no" in long_out.read_text()


def test_for_probation_refuses_a_victim_answer_file_and_a_bad_value(
    cli: Callable[..., Result], tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    victim = write_answers({"dash": {"q1": "yes"}})
    result = cli("screen", "--for", "probation", "--answers", victim, "--out", tmp_path / "x.yaml")
    assert result.code == 2 and "is a victim screening" in result.err
    assert cli("screen", "--for", "offender").code == 2


def test_a_domain_rated_high_needs_a_rationale_in_the_interview(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    out = tmp_path / "p.yaml"
    lines = CASE + CONTEXT + FOUR + FORMULATION + CONTEXT_SRP + FLAGS
    lines += ["3", ".", "3", "Because of the threats", ".", "", "", "", "f", "n"]
    feed(monkeypatch, lines)
    result = cli("screen", "--for", "probation", "--out", out)
    assert result.code == 0, result.err
    assert "A domain rated high needs a written rationale" in result.out
    saved = load_answers(out, lib.definitions)
    assert saved.srp_domains is not None and list(saved.srp_domains) == ["violence"]
    scored = score(saved, lib, lib.profile("default").profile)
    assert not scored.complete  # three domains left unrated
    assert any("3 of 4 Stalking Risk Profile domains not rated" in i for i in scored.incomplete)


# --------------------------------------------------------------------------- behaviours

VICTIM_CASE = ["CR/E2E/9", "2026-11-21", "PC 9 Example", "Example Force", "2", "1", "", ""]
PREFLIGHT = ["1", "", "1", "", ""]
DASH = ["n", "y"] + ["n"] * 5 + ["y"] + ["n", "n"] + ["n"] * 15  # q2, q8 yes; q9; no children
S_DASH = ["1", "y", "n", "n", "y", "y", "n", "y", "n", "n", "n", "n"]
# accepted; asked by section: online (4), in person (4), other (5)
BEHAVIOURS = ["1", "y", "y", "y", "n", "y", "n", "n", "y", "n", "y", "n", "n", "n"]


def test_victim_screening_with_behaviours_piped_in_then_report_and_batch_long(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    out = tmp_path / "v.yaml"
    feed(monkeypatch, VICTIM_CASE + PREFLIGHT + DASH + S_DASH + BEHAVIOURS + ["0", "f", "n"])
    result = cli("screen", "--out", out)
    assert result.code == 0, result.err + result.out[-3000:]
    saved = load_answers(out, lib.definitions)
    assert saved.context["behaviours"] == "accepted"
    yes = [i for i, r in saved.responses["behaviours"].items() if r.answer == "yes"]
    assert yes == ["repeated-contact", "getting-round-blocks", "tracking", "turning-up",
                   "workplace", "contacting-others"]  # fmt: skip
    without = saved.model_copy(
        update={"responses": {k: v for k, v in saved.responses.items() if k != "behaviours"}}
    )
    profile = lib.profile("default").profile
    a, b = score(saved, lib, profile).contract(), score(without, lib, profile).contract()
    a.pop("behaviours"), b.pop("behaviours")
    assert a == b  # SC-BEHAV: the behaviours never change the score

    md = cli("report", out).out
    assert "## How the stalking is happening, and advice that fits" in md
    for title in ("Check devices for spyware and tracking", "A personal alarm",
                  "Tell the employer and agree a plan", "Do not engage"):  # fmt: skip
        assert title in md, title
    assert "Stop contact from prison" not in md  # from-prison was answered no
    checklist = md[md.index("## MARAC referral checklist") :]
    assert "behaviours recorded: repeated-contact" in checklist

    long_out = tmp_path / "long.csv"
    assert cli("batch", out, "-o", tmp_path / "b.csv", "--long", long_out).code == 0
    assert "behaviours,tracking,yes" in long_out.read_text()


# --------------------------------------------------------------------------- real terminal

pexpect = pytest.importorskip("pexpect")


def spawn(args: list[str], home: Path) -> Any:
    env = terminal_env(home)
    return pexpect.spawn(str(EXE), args, env=env, encoding="utf-8", timeout=15,
                         dimensions=(60, 200))  # fmt: skip


def _type_line(child: Any, prompt: str, text: str) -> None:
    child.expect(prompt)
    child.expect("> ")
    child.sendline(text)


def _keys(child: Any, keys: list[str]) -> None:
    for key in keys:
        child.expect("> ")
        child.send(key)


@pytest.mark.slow
def test_probation_screening_in_a_real_terminal(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    child = spawn(["screen", "--for", "probation", "--out", str(out)], tmp_path)
    for prompt, text in zip(
        (
            "Case reference",
            "Date of this assessment",
            "Your name",
            "Your agency",
            "related to the victim",
            "in their sentence",
        ),
        ("PRB/PTY/1", "2026-11-19", "PO 7", "Test PDU", "2", "2"),
        strict=True,
    ):
        _type_line(child, prompt, text)
    child.expect("victim liaison officer")
    _keys(child, ["y"])
    child.expect("police involvement")
    _keys(child, ["n"])
    child.expect("FOUR")
    _keys(child, ["y", "y", "y", "y"])
    child.expect("tied to a dispute")
    _keys(child, ["n", "n", "n", "n"])  # dispute, motivation, underlying, trigger: no
    child.expect("which type of stalking")
    _keys(child, ["d"] + ["n"] * 8)  # type not known; no heightened-risk factor
    child.expect("thoughts of suicide")
    _keys(child, ["y"] + ["n"] * 5)  # one red flag: suicidal ideation
    child.expect("Risk of violence")
    child.expect("Red flags present: suicidal-ideation")
    _keys(child, ["2"])
    child.expect("Why moderate")
    child.sendline("Low-level threats only")
    child.sendline(".")
    child.expect("Risk of persistence")
    _keys(child, ["b"])  # back to the domain before: it is shown as rated
    child.expect("now: moderate; rationale: Low-level threats only")
    child.expect("> ")
    child.send("\r")  # Enter keeps it and moves on
    for _ in range(3):
        child.expect("> ")
        child.send("1")
        child.expect("Why low")
        child.sendline(".")
    child.expect("Type a row number")
    child.expect("> ")
    child.send("f\r")  # f finishes at once; the Enter after it is dropped (issue 21.17)
    child.expect("URGENT — red flags present: suicidal-ideation")
    child.expect(r"Write the referral summary now\? \(y/n\) ")
    child.send("y")  # had the stray Enter answered, this would find no question
    child.expect("Save it where")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert out.with_name(out.stem + "-summary.md").exists()
    from stalkscreen.definitions.library import load_library

    lib = load_library()
    saved = load_answers(out, lib.definitions)
    assert saved.purpose == "probation" and saved.srp_domains is not None
    assert {d: j.level for d, j in saved.srp_domains.items()} == {
        "violence": "moderate", "persistence": "low", "recurrence": "low",
        "psychosocial-damage": "low",
    }  # fmt: skip
    result = score(saved, lib, lib.profile("default").profile)
    assert result.urgent and result.red_flags == ("suicidal-ideation",) and result.complete


@pytest.mark.slow
def test_victim_screening_with_behaviours_in_a_real_terminal(tmp_path: Path) -> None:
    out = tmp_path / "v.yaml"
    child = spawn(["screen", "--out", str(out)], tmp_path)
    for prompt, text in zip(
        (
            "Case reference",
            "Date of this assessment",
            "Your name",
            "Your agency",
            "How is the victim related",
            "incidents known to police",
            "Crimes recorded",
            "last MARAC referral",
        ),
        ("CR/PTY/2", "2026-11-21", "PC 8", "Test Force", "2", "1", "", ""),
        strict=True,
    ):
        _type_line(child, prompt, text)
    child.expect("safe for the victim to talk")
    child.send("y")
    _type_line(child, "contact the victim safely", "")
    child.expect("voicemail or send texts")
    child.send("y")
    _type_line(child, "person the victim fears right now", "")
    _type_line(child, "children right now", "")
    child.expect("item 1 of 27")
    _keys(child, ["n", "n"] + ["n"] * 5 + ["y", "n"])  # q1 no; q2-q7 no; q8 yes; q9 no
    child.expect("Are there any children")
    child.send("n")
    _keys(child, ["n"] * 15)
    child.expect("S-DASH questions")
    _keys(child, ["y"] + ["n"] * 11)
    child.expect("Behaviours questions")
    _keys(child, ["y"])
    child.expect("again and again")
    _keys(child, ["y"] + ["n"] * 11 + ["y"])  # repeated contact and contact from prison
    child.expect("Record your judgement")
    child.expect("> ")
    child.send("0")
    child.expect("Type a row number")
    child.expect("> ")
    child.send("f")  # single keys, no Enter: finish, then no summary (issue 21.17)
    child.expect(r"Write the referral summary now\? \(y/n\) ")
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not out.with_name(out.stem + "-summary.md").exists()
    from stalkscreen.definitions.library import load_library

    lib = load_library()
    saved = load_answers(out, lib.definitions)
    result = score(saved, lib, lib.profile("default").profile)
    assert result.behaviours == ("repeated-contact", "from-prison")
    assert result.complete


def test_an_area_profile_may_make_probation_the_default_flow(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    """A probation service's profile sets `screen_for: probation`; the flag still wins."""
    from stalkscreen.resources import bundled_dir

    local = tmp_path / "local"
    (local / "profiles").mkdir(parents=True)
    text = (bundled_dir("questionnaires") / "profiles" / "default.yaml").read_text()
    text = text.replace("id: default", "id: probation-area", 1)
    (local / "profiles" / "probation-area.yaml").write_text(text + "\nscreen_for: probation\n")
    out = tmp_path / "p.yaml"
    lines = CASE + CONTEXT + FOUR + FORMULATION + CONTEXT_SRP + FLAGS + DOMAINS + ["f", "n"]
    feed(monkeypatch, lines)
    args = ("--questionnaires-dir", local, "--profile", "probation-area")
    result = cli("screen", *args, "--out", out)
    assert result.code == 0, result.err + result.out[-2000:]
    assert load_answers(out, lib.definitions).purpose == "probation"
    # the flag comes first: --for victim starts the victim's safety checks instead
    feed(monkeypatch, [])
    victim = cli("screen", *args, "--for", "victim", "--out", tmp_path / "v.yaml")
    assert "Case reference" in victim.out and "Where is the person in their sentence?" not in (
        victim.out
    )
