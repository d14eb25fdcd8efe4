"""`stalkscreen screen` and `drafts` in plain mode, driven by piped answers (CliRunner-style)."""

from __future__ import annotations

import io
import json
import re
import stat
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from stalkscreen.definitions.library import Library
from stalkscreen.reading import load_answers
from stalkscreen.scoring import score

from .conftest import Result, make_answers

CASE = ["T/CLI/1", "", "PC 1 Example", "Example Force", "2", "0", "", ""]
PREFLIGHT = ["1", "ring after 6pm", "2", "at his mother's", ""]
# q1 yes + its detail; q2 yes, back, comment, answer again; q3-q7 no; q8 yes
DASH_START = ["y", "n", "y", "b", "c", "Says she is terrified", "of him coming back", ".", "y"]
DASH_START += ["n"] * 5 + ["y"]
CHILDREN_NO = ["n", "n"]  # q9 (pregnancy: asked of everyone), then the children gate
DASH_REST = ["n"] * 15  # q13-q27
S_DASH = ["1", "y", "y", "n", "n", "y", "y", "n", "n", "y", "n", "n"]
S_DASH += ["2"]  # the behaviours checklist offered after it (issue 16): declined
FINISH = ["0", "f"]
RESCREEN = ["", "", ""]  # --answers: the date again (Enter: today), then both 12-month counts


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("ACCESSIBLE", raising=False)
    return tmp_path


def feed(monkeypatch: pytest.MonkeyPatch, lines: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{x}\n" for x in lines)))


def whole() -> list[str]:
    return CASE + PREFLIGHT + DASH_START + CHILDREN_NO + DASH_REST + S_DASH + FINISH


def test_whole_screening_piped_in_plain_mode(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    out = tmp_path / "case.yaml"
    feed(monkeypatch, whole())
    result = cli("screen", "--out", out)
    assert result.code == 0, result.err
    assert (
        "item 2 of 27" in result.out
        and "item 25 of 24" not in result.out
        and "The current situation" in result.out
    )
    assert "\x1b[" not in result.out
    assert "Risk level:" in result.out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    saved = load_answers(out, lib.definitions)  # valid against the contract
    assert saved.status == "completed"
    assert saved.meta is not None and saved.meta.cursor is None
    assert saved.case.reference == "T/CLI/1" and saved.case.relationship == "ex-partner"
    assert saved.context["children"] == "no" and saved.context["s_dash"] == "accepted"
    assert saved.context["safe_to_talk"] == "yes" and saved.context["messages_safe"] == "no"
    q2 = saved.answer("dash", "q2")
    assert q2 is not None and q2.comment == "Says she is terrified\nof him coming back"
    q1 = saved.answer("dash", "q1")
    assert q1 is not None and q1.details == {"first_injury": "no"}
    assert len(saved.responses["dash"]) == 24 and len(saved.responses["s-dash"]) == 11
    assert saved.professional_judgement is not None
    assert saved.professional_judgement.level is None
    result_ = score(saved, lib, lib.profile("default").profile)
    assert result_.instruments["dash"].yes == 3
    assert result_.instruments["s-dash"].yes == 5
    assert result_.risk_level == "standard" and result_.incomplete == ()
    assert {"stalking", "ex-partner-threats"} <= {p.id for p in result_.prompts}
    # the names typed are offered next time, but never written into the config (issue 21.11)
    assert not (tmp_path / "no-config.yaml").exists()
    typed = json.loads((tmp_path / "data" / "stalkscreen" / "typed-names.json").read_text())
    assert typed == {"practitioner": "PC 1 Example", "agency": "Example Force"}


def test_remembered_practitioner_is_the_default(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    (tmp_path / "no-config.yaml").write_text("practitioner: PC 9\nagency: Force 9\n")
    lines = whole()
    lines[2:4] = ["", ""]
    feed(monkeypatch, lines)
    out = tmp_path / "case.json"
    result = cli("screen", "--out", out)
    assert result.code == 0, result.err
    saved = load_answers(out, lib.definitions)
    assert (saved.case.practitioner, saved.case.agency) == ("PC 9", "Force 9")


def test_judgement_raise_needs_rationale_in_the_cli(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    lines = whole()
    lines[-2:] = ["2", ".", "2", "Threats since she left", "him", ".", "f"]
    feed(monkeypatch, lines)
    out = tmp_path / "case.yaml"
    result = cli("screen", "--out", out)
    assert result.code == 0, result.err
    assert "needs a written rationale" in result.out
    saved = load_answers(out, lib.definitions)
    assert saved.professional_judgement is not None
    assert saved.professional_judgement.level == "medium"
    assert saved.professional_judgement.rationale == "Threats since she left\nhim"


def test_stray_enter_never_answers(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    feed(monkeypatch, [*CASE, *PREFLIGHT, "", "", "n"])
    out = tmp_path / "d.yaml"
    result = cli("screen", "--out", out)
    assert result.code == 130
    assert "Enter alone does not answer" in result.out
    draft = load_answers(out, lib.definitions)
    assert draft.status == "in-progress"
    assert draft.responses["dash"] == {"q1": draft.responses["dash"]["q1"]}
    assert draft.meta is not None and draft.meta.cursor == "dash|item/dash/q2"


def test_eof_saves_the_draft_and_says_how_to_resume(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    secret = "Says he has a knife"
    feed(monkeypatch, [*CASE, *PREFLIGHT, "y", "n", "y", "b", "c", secret, "."])
    result = cli("screen", "--plain")
    assert result.code == 130
    err = result.err
    assert "Resume with: stalkscreen screen --resume" in err and secret not in err
    draft_path = Path(err.split("--resume ")[1].strip())
    assert draft_path.parent == tmp_path / "data" / "stalkscreen" / "drafts"
    assert stat.S_IMODE(draft_path.parent.stat().st_mode) == 0o700
    assert "CLI" not in draft_path.name and draft_path.name.startswith("screening-")
    draft = load_answers(draft_path, lib.definitions)
    q2 = draft.answer("dash", "q2")
    assert q2 is not None and q2.comment == secret
    # drafts lists it ...
    listing = cli("drafts")
    assert listing.code == 0 and "T/CLI/1" in listing.out and "2 of 27" in listing.out
    # ... and --resume (newest draft) continues at the exact item, then finishes
    rest = ["y"] + ["n"] * 5 + ["y", *CHILDREN_NO] + DASH_REST + ["2", "2"] + FINISH  # both offers
    feed(monkeypatch, rest)
    again = cli("screen", "--resume")
    assert again.code == 0, again.err
    assert again.out.lstrip().startswith("DASH (police) · The current situation · item 2 of 27")
    assert not draft_path.exists(), "the draft is replaced by the completed screening"
    done = next((tmp_path / "data" / "stalkscreen" / "screenings").iterdir())
    saved = load_answers(done, lib.definitions)
    assert saved.status == "completed" and saved.context["s_dash"] == "declined"
    assert "s-dash" not in saved.responses


def test_q_saves_and_quits_with_0(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    feed(monkeypatch, [*CASE, *PREFLIGHT, "y", "q"])
    out = tmp_path / "d.yaml"
    result = cli("screen", "--out", out)
    assert result.code == 0
    assert f"--resume {out}" in result.err
    draft = load_answers(out, lib.definitions)
    assert draft.meta is not None and draft.meta.cursor == "dash|detail/dash/q1/first_injury"


def test_answers_prefill_asks_only_what_is_missing(
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    lib: Library,
    write_answers: Callable[..., Path],
) -> None:
    dash = {f"q{i}": "no" for i in range(1, 28) if i != 5}
    given = write_answers(
        {"dash": dash},
        case={"practitioner": "P", "agency": "A", "relationship": "partner",
              "incidents_last_12_months": 0, "crimes_last_12_months": 0,
              "last_marac_on": "2026-01-01"},
        context={"children": "yes", "safe_to_talk": "yes", "safe_contact": "x",
                 "messages_safe": "yes", "other_party_whereabouts": "y",
                 "children_whereabouts": "z"},
    )  # fmt: skip
    feed(monkeypatch, [*RESCREEN, "y", "0", "f"])
    out = tmp_path / "filled.yaml"
    result = cli("screen", "--answers", given, "--out", out)
    assert result.code == 0, result.err
    assert "Re-screening: the earlier screening was assessed on" in result.out
    saved = load_answers(out, lib.definitions)
    assert saved.case.assessed_on == date.today()  # Enter: today, not the earlier date
    assert saved.responses["dash"]["q5"].answer == "yes"
    assert len(saved.responses["dash"]) == 27


def test_red_flags_alone(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    feed(monkeypatch, [*CASE, *PREFLIGHT, "n", "n", "y", "n", "n", "n", "0", "f"])
    out = tmp_path / "rf.yaml"
    result = cli("screen", "--instrument", "srp-red-flags", "--out", out)
    assert result.code == 0, result.err
    assert "item 6 of 6" in result.out
    saved = load_answers(out, lib.definitions)
    assert list(saved.responses) == ["srp-red-flags"]
    assert score(saved, lib, lib.profile("default").profile).urgent


def test_usage_errors(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    existing = tmp_path / "x.yaml"
    existing.write_text("x")
    feed(monkeypatch, [])
    assert cli("screen", "--out", existing).code == 2
    assert cli("screen", "--instrument", "dash", "--instrument", "dash-ric").code == 2
    assert cli("screen", "--instrument", "nope").code == 3
    assert cli("screen", "--resume").code == 2


def test_resume_refuses_a_completed_screening(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"dash": {"q1": "yes"}})
    feed(monkeypatch, [])
    result = cli("screen", "--resume", path)
    assert result.code == 2 and "completed" in result.err


def test_drafts_when_there_are_none(cli: Callable[..., Result]) -> None:
    result = cli("drafts")
    assert result.code == 0 and "No drafts" in result.err


@pytest.mark.parametrize(
    ("env", "flag", "plain"),
    [({"TERM": "dumb"}, False, True), ({"ACCESSIBLE": "1"}, False, True), ({}, True, True)],
)
def test_plain_mode_is_chosen_automatically(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], flag: bool, plain: bool
) -> None:
    from stalkscreen.cli.terminal import colour_wanted, plain_wanted

    class FakeTTY(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", FakeTTY())
    monkeypatch.setattr(sys, "stdout", FakeTTY())
    monkeypatch.setenv("TERM", "xterm")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert plain_wanted(flag) is plain
    assert plain_wanted(False) is bool(env)
    monkeypatch.setenv("NO_COLOR", "1")
    assert colour_wanted(False) is False


def _full_case(write_answers: Callable[..., Path], responses: dict[str, object]) -> Path:
    return write_answers(
        responses,
        case={"practitioner": "P", "agency": "A", "relationship": "partner",
              "incidents_last_12_months": 0, "crimes_last_12_months": 0,
              "last_marac_on": "2026-01-01"},
        context={"children": "yes", "safe_to_talk": "yes", "safe_contact": "x",
                 "messages_safe": "yes", "other_party_whereabouts": "y",
                 "children_whereabouts": "z"},
        status="in-progress",
    )  # fmt: skip


def test_a_comment_typed_before_the_answer_is_kept(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    feed(monkeypatch, [*CASE, *PREFLIGHT, "c", "Bruised arm", ".", "s", "her sister", "y", "q"])
    out = tmp_path / "d.yaml"
    result = cli("screen", "--out", out)
    assert result.code == 0, result.err
    assert "comment (held until you answer): Bruised arm" in result.out
    assert "source (held until you answer): her sister" in result.out
    q1 = load_answers(out, lib.definitions).answer("dash", "q1")
    assert q1 is not None and (q1.comment, q1.source) == ("Bruised arm", "her sister")


def test_capital_c_comments_on_the_item_just_answered(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    feed(monkeypatch, [*CASE, *PREFLIGHT, "n", "C", "Asked twice", ".", "S", "neighbour", "q"])
    out = tmp_path / "d.yaml"
    result = cli("screen", "--out", out)
    assert result.code == 0, result.err
    assert "just answered: DASH Q1 no — C comment on it" in result.out
    draft = load_answers(out, lib.definitions)
    q1 = draft.answer("dash", "q1")
    assert q1 is not None and (q1.comment, q1.source) == ("Asked twice", "neighbour")
    assert draft.answer("dash", "q2") is None
    assert draft.meta is not None and draft.meta.cursor == "dash|item/dash/q2"


def test_escalation_help_names_the_profile_rule(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, CASE[:6])
    result = cli("screen", "--plain", "--profile", "escalation-5-3-hbv")
    out = result.out
    assert "5 or more means a MARAC referral whatever the answers, as do 3 or more crimes" in out
    assert "three or more" not in out


def test_plain_mode_hints_use_plain_keys(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, [*CASE, "2", ":q"])
    result = cli("screen", "--plain")
    out = result.out
    assert "It may not be safe to talk" in out and "Here, :q saves the draft and quits." in out
    feed(monkeypatch, [*CASE, *PREFLIGHT, "", "q"])
    out = cli("screen", "--plain").out
    assert "Enter alone does not answer: press 1, 2 or 3." in out


def test_a_refused_jump_says_why(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, [*CASE, *PREFLIGHT, "j s-dash.q3", "q"])
    out = cli("screen", "--plain").out
    line = next(x for x in out.splitlines() if "S-DASH is not being asked" in x)
    assert "DASH Q8 is not yes" in line and "s-dash.q3" not in line


def test_s_dash_from_a_resumed_draft_is_set_aside(
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    lib: Library,
    write_answers: Callable[..., Path],
) -> None:
    dash = {f"q{i}": "no" for i in range(1, 28)} | {"q8": "yes"}
    given = _full_case(
        write_answers, {"dash": dash, "s-dash": {f"q{i}": "yes" for i in range(1, 12)}}
    )
    out = tmp_path / "d.yaml"
    feed(monkeypatch, [*RESCREEN, "q"])  # saved at the judgement, S-DASH answers in the draft
    assert cli("screen", "--answers", given, "--out", out).code == 0
    assert "s-dash" in load_answers(out, lib.definitions).responses
    feed(monkeypatch, ["r"])
    rows = cli("screen", "--resume", out).out
    assert re.search(r"\d+ S-DASH\s+Q11 ", rows) and re.search(r"\d+ DASH\s+Q11 ", rows)
    q8 = re.search(r"(\d+) DASH\s+Q8 ", rows)
    assert q8 is not None
    feed(monkeypatch, ["r", q8.group(1), "n", "b", "q"])
    result = cli("screen", "--resume", out)
    assert result.code == 0, result.err
    assert "11 S-DASH answer(s) no longer apply and were set aside" in result.out
    draft = load_answers(out, lib.definitions)
    assert "s-dash" not in draft.responses and "s_dash" not in draft.context
    assert draft.meta is not None and draft.meta.cursor == "dash|item/dash/q27"


def test_out_drafts_are_listed_and_resumed_from_a_private_index(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "a-folder-with-a-long-name-for-case-work" / "nested" / "x" / "draft.yaml"
    out.parent.mkdir(parents=True)
    feed(monkeypatch, [*CASE, *PREFLIGHT, "y", "q"])
    assert cli("screen", "--out", out).code == 0
    index = tmp_path / "data" / "stalkscreen" / "out-drafts.json"
    assert stat.S_IMODE(index.stat().st_mode) == 0o600
    assert "T/CLI/1" not in index.read_text() and "yes" not in index.read_text()
    monkeypatch.setenv("COLUMNS", "80")
    listing = cli("drafts")
    assert "T/CLI/1" in listing.out and f"  {out}\n" in listing.out
    assert max(len(x) for x in listing.out.splitlines()) > 80, "the path is never shortened"
    rest = ["n"] + ["n"] * 6 + ["n", "y"] + ["n"] * 19 + FINISH  # q1 detail .. q27
    feed(monkeypatch, rest)
    again = cli("screen", "--resume")
    assert again.code == 0, again.err
    assert str(out) in again.err
    assert "draft.yaml" not in index.read_text(), "a finished screening leaves the index"
    assert "No drafts" in cli("drafts").err


def test_an_out_draft_that_is_gone_drops_out_of_the_index(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "gone.yaml"
    feed(monkeypatch, [*CASE, "q"])
    cli("screen", "--out", out)
    out.unlink()
    assert "No drafts" in cli("drafts").err
    index = tmp_path / "data" / "stalkscreen" / "out-drafts.json"
    assert "gone.yaml" not in index.read_text()


def test_the_review_screen_pages_on_a_small_terminal(lib: Library) -> None:
    from stalkscreen.cli.screen_driver import Driver, Quit
    from stalkscreen.cli.terminal import Terminal
    from stalkscreen.interview import Interview

    dash = {f"q{i}": "no" for i in range(1, 28)} | {"q8": "yes"}
    answers = make_answers(
        lib,
        {"dash": dash, "s-dash": {f"q{i}": "yes" for i in range(1, 12)}},
        context={"children": "yes", "s_dash": "accepted"},
        status="in-progress",
    )
    iv = Interview.resume(lib, lib.profile("default").profile, answers)
    iv.review()

    class Small(Terminal):
        def size(self) -> tuple[int, int]:
            return 80, 24

        def key_or_number(self, prompt: str) -> str:  # keys as lines (the pty tests read keys)
            return self.line(prompt)

    out = io.StringIO()
    term = Small(plain=False, out=out, inp=io.StringIO("\n" * 4 + "q\n"))
    driver = Driver(iv, term)
    screens = []
    with pytest.raises(Quit):
        while True:
            start = out.tell()
            driver.review()
            screens.append(out.getvalue()[start:])
    rows = len(iv.rows())
    assert rows > 50
    pages = [x for x in screens if "Type a row number" in x]
    assert all(len(x.splitlines()) <= 24 for x in pages), [len(x.splitlines()) for x in pages]
    assert all(max(len(line) for line in x.splitlines()) <= 80 for x in pages)
    assert "rows 1–" in pages[0] and "Enter for more" in pages[0]
    shown = set()
    for page in pages:
        shown |= {int(m) for m in re.findall(r"^\s*(\d+) ", page, re.M)}
    assert set(range(1, rows + 1)) <= shown, "every row is on some page"


def test_quitting_with_a_held_note_asks_once_more(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    feed(monkeypatch, [*CASE, *PREFLIGHT, "c", "Held", ".", "q", "q"])
    out = tmp_path / "d.yaml"
    result = cli("screen", "--out", out)
    assert result.code == 0, result.err
    assert "A note typed on DASH Q1 is held until you answer" in result.out
    assert "Held" not in out.read_text()


def test_the_audit_actor_is_the_person_at_the_keyboard_not_a_typed_name(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issue 21.11: a name typed in one interview is offered next time, never the actor."""
    import getpass
    import os

    from stalkscreen import audit

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("STALKSCREEN_PRACTITIONER", raising=False)
    feed(monkeypatch, whole())
    assert cli("screen", "--out", tmp_path / "case.yaml").code == 0
    me = getpass.getuser()
    cli("score", tmp_path / "case.yaml")
    cli("score", tmp_path / "case.yaml", "--practitioner", "PC 7 Keyboard")
    monkeypatch.setenv("STALKSCREEN_PRACTITIONER", "PC 8 Env")
    cli("score", tmp_path / "case.yaml")
    events = [json.loads(x) for x in audit.log_path().read_text().splitlines()]
    actors = [e["actor"] for e in events if e["event"] == "consultation"]
    assert actors == [me, f"{me} (PC 7 Keyboard)", f"{me} (PC 8 Env)"]
    assert all("PC 1 Example" not in e["actor"] for e in events)
    # the typed name is offered (shown as the default) at the next interview
    lines = whole()
    lines[2:4] = ["", ""]
    feed(monkeypatch, lines)
    monkeypatch.delenv("STALKSCREEN_PRACTITIONER")
    out = tmp_path / "second.yaml"
    result = cli("screen", "--out", out)
    assert result.code == 0, result.err
    assert "PC 1 Example" in result.out
    assert "practitioner: PC 1 Example" in out.read_text()
    assert os.environ.get("STALKSCREEN_PRACTITIONER") is None


def test_plain_mode_finishes_and_answers_the_summary_question_with_lines(
    cli: Callable[..., object], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issue 21.17: single keys are for terminals; plain mode reads `f` and `y` as lines."""
    out = tmp_path / "case.yaml"
    feed(monkeypatch, [*whole(), "y", ""])  # write the summary, to the default place
    result = cli("screen", "--out", out)
    assert result.code == 0, result.err  # type: ignore[attr-defined]
    assert "Write the referral summary now? (y/n)" in result.out  # type: ignore[attr-defined]
    summary = tmp_path / "case-summary.md"
    assert summary.read_text().startswith("**OFFICIAL-SENSITIVE**")


def test_input_ending_at_the_summary_place_writes_no_summary_and_is_no_error(
    cli: Callable[..., object], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Input that ends after `y` to the summary offer (a script, a closed pipe) keeps the
    saved screening, writes no summary and exits 0: never an internal error."""
    out = tmp_path / "case.yaml"
    feed(monkeypatch, [*whole(), "y"])  # no line for the place
    result = cli("screen", "--out", out)
    assert result.code == 0, result.err  # type: ignore[attr-defined]
    assert "internal error" not in result.err  # type: ignore[attr-defined]
    assert "no summary written" in result.out + result.err  # type: ignore[attr-defined]
    assert out.exists() and not (tmp_path / "case-summary.md").exists()


def test_out_in_a_missing_folder_is_refused_before_the_first_question(
    cli: Callable[..., object], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`screen --out` into a folder that does not exist: a clear problem naming the path and
    the fix (SS-E161, exit 3) before anything is asked, so nothing typed is lost; it was an
    internal error once the case reference was typed."""
    out = tmp_path / "missing" / "case.yaml"
    feed(monkeypatch, whole())
    result = cli("screen", "--out", out)
    assert result.code == 3, result.err  # type: ignore[attr-defined]
    assert "internal error" not in result.err  # type: ignore[attr-defined]
    assert "the folder does not exist" in result.err and "[SS-E161]" in result.err  # type: ignore[attr-defined]
    assert str(out) in result.err  # type: ignore[attr-defined]
    assert "Case reference" not in result.out  # type: ignore[attr-defined]
    assert not out.parent.exists()
