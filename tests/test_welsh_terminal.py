"""Issue 20 (terminal side): a whole DASH with the S-DASH in Welsh, typed key by key in a
real pseudo-terminal (80×24), through the saved screening and the Welsh summary; the same
keys in English save the same answers; and no screen the key-mode driver draws in Welsh
shows the English words it draws in English.

The script below visits every kind of screen the driver draws: case details (typed), the
safety checks with the not-safe-to-talk notice, items with a held comment and source,
Enter alone, a key that is no choice, guidance, the comment and source of the item just
answered, the held-note warning on q, back, the jump prompt, a yes-no detail left blank,
choice details, a section's gate, the S-DASH and behaviours offers, the judgement step
(paged on 24 lines) with a recorded level and its rationale, the review (paged), the
summary offer and its path; then a second run for save-and-quit and Ctrl-C.
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from stalkscreen.definitions.library import load_library
from stalkscreen.reading import load_answers
from stalkscreen.scoring import score
from tests.conftest import terminal_env

pexpect = pytest.importorskip("pexpect")

EXE = Path(sys.executable).parent / "stalkscreen"
POT = Path(__file__).resolve().parent.parent / "locale" / "stalkscreen.pot"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

# What each language shows at the points the script waits for: the terminal side's words
# (the engine's texts, such as the questions, are not waited for).
TEXTS = {
    "en": {
        "item": "item {} of {}",
        "answers": "[y] yes  [n] no  [d] don't know",
        "keys": "[c] comment [s] source [?] guidance [b] back [j] jump [r] review [q] quit",
        "enter_alone": "Enter alone does not answer: press y, n or d.",
        "no_choice": "'x' is not a choice here.",
        "comment_on": "Comment on DASH Q1 (end with a line holding only '.'):",
        "held": "comment (held until you answer): Flinched",
        "source_of": "Source of DASH Q1 if not the victim: ",
        "just": "just answered: DASH Q1 yes — [C] comment on it  [S] its source",
        "current": "Current comment on DASH Q1:",
        "source_now": "[now: Her sister; '-' removes it]",
        "held_quit": "A note typed on DASH Q2 is held until you answer",
        "jump": "Jump to which item (e.g. 12, q12, s-dash.q3)?",
        "blank": "[Enter] leave blank",
        "offer": "[y] yes, ask them now  [n] no",
        "unsafe": "Here, :q saves the draft and quits.",
        "gives": "The answers give:",
        "more": "Enter for more",
        "rationale": "Your written rationale",
        "review": "Type a row number and Enter to change it · f finish · b back · q save and quit",
        "summary": "Write the referral summary now? (y/n)",
        "where": "Save it where? [Enter for",
        "saved": "saved the completed screening to",
        "quit": "saved the draft. Resume with: stalkscreen screen --resume",
        "interrupted": "interrupted; the draft is saved. Resume with:",
        "title": "Referral summary",
        "domain_keys": "[1] low  [2] moderate  [3] high  [Enter] leave unrated  [b] back [q] quit",
        "domain_now": "now: moderate; rationale: Low-level threats only",
        "domain_high": "A domain rated high needs a written rationale; nothing was changed.",
    },
    "cy": {
        "item": "eitem {} o {}",
        "answers": "[y] ie  [n] na  [d] ddim yn gwybod",
        "keys": "[c] sylw [s] ffynhonnell [?] canllawiau [b] yn ôl [j] neidio [r] adolygu "
        "[q] gadael",
        "enter_alone": "Nid yw Enter ar ei ben ei hun yn ateb: pwyswch y, n neu d.",
        "no_choice": "Nid yw 'x' yn ddewis yma.",
        "comment_on": "Sylw ar DASH Q1 (gorffennwch gyda llinell sy’n dal '.' yn unig):",
        "held": "sylw (yn aros nes i chi ateb): Flinched",
        "source_of": "Ffynhonnell DASH Q1 os nad y dioddefwr: ",
        "just": "newydd ei ateb: DASH Q1 ie — [C] sylw arno  [S] ei ffynhonnell",
        "current": "Y sylw presennol ar DASH Q1:",
        "source_now": "[nawr: Her sister; mae '-' yn ei dileu]",
        "held_quit": "Mae nodyn a deipiwyd ar DASH Q2 yn aros nes i chi ateb",
        "jump": "Neidio i ba eitem (e.e. 12, q12, s-dash.q3)?",
        "blank": "[Enter] gadael yn wag",
        "offer": "[y] ie, gofynnwch nhw nawr  [n] na",
        "unsafe": "Yma, mae :q yn cadw’r drafft ac yn gadael.",
        "gives": "Mae’r atebion yn rhoi:",
        "more": "Enter am ragor",
        "rationale": "Eich rhesymeg ysgrifenedig",
        "review": "Teipiwch rif rhes ac Enter i’w newid · f gorffen · b yn ôl · q cadw a gadael",
        "summary": "Ysgrifennu’r crynodeb atgyfeirio nawr? (y/n)",
        "where": "Ble i’w gadw? [Enter am",
        "saved": "cadwyd y sgrinio gorffenedig yn",
        "quit": "cadwyd y drafft. Ailddechrau gyda: stalkscreen screen --resume",
        "interrupted": "torrwyd ar draws; mae’r drafft wedi’i gadw. Ailddechrau gyda:",
        "title": "Crynodeb atgyfeirio",
        "domain_keys": "[1] isel  [2] cymedrol  [3] uchel  [Enter] gadael heb ei raddio",
        "domain_now": "nawr: cymedrol; rhesymeg: Low-level threats only",
        "domain_high": "Mae angen rhesymeg ysgrifenedig ar barth a raddiwyd yn uchel",
    },
}


def flat(text: str) -> str:
    """``text`` with every run of spaces and line breaks made one space: a sentence the
    screen wrapped (between words, with an indent) reads as one line again."""
    return " ".join(text.split())


class KeyRun:
    """`stalkscreen screen` in a real 80×24 pseudo-terminal, in single-key mode; everything
    it shows is kept (escape sequences removed) for the checks afterwards."""

    def __init__(self, args: list[str], home: Path) -> None:
        home.mkdir(parents=True, exist_ok=True)
        env = terminal_env(home)
        self.log = io.StringIO()
        self.child = pexpect.spawn(
            str(EXE), args, env=env, encoding="utf-8", timeout=20, dimensions=(24, 80)
        )
        self.child.logfile_read = self.log

    def screen(self) -> str:
        """What was shown up to the next input prompt (``> ``), as :func:`flat` text."""
        self.child.expect_exact("> ")
        return flat(ANSI.sub("", self.child.before))

    def wait(self, text: str) -> str:
        """Everything shown until ``text`` (which must appear), as :func:`flat` text."""
        self.child.expect_exact(text)
        return flat(ANSI.sub("", self.child.before))

    def shown(self) -> str:
        return ANSI.sub("", self.log.getvalue()).replace("\r", "")

    def end(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        status: int = self.child.exitstatus
        return status


def interview(lang: str, home: Path) -> tuple[KeyRun, Path]:
    """The whole interview, the same keys in either language; the saved screening's path."""
    t = TEXTS[lang]
    out = home / "case.yaml"
    run = KeyRun(["screen", "--language", lang, "--out", str(out)], home)
    c = run.child
    for line in ["CY/KEY/1", "2026-11-20", "", "", "2", "1", "", ""]:  # the case details
        run.wait("] > ")
        c.sendline(line)
    run.screen()
    c.send("n")  # not safe to talk: the notice names the quit key
    assert flat(t["unsafe"]) in run.wait("] > ")  # (the contact question)
    c.sendline("")
    run.screen()
    c.send("n")  # voicemail and texts
    for _ in range(2):  # where the other person and the children are
        run.wait("] > ")
        c.sendline("")

    first = run.screen()  # DASH Q1
    assert (
        flat(t["item"]).format(1, 27) in first
        and flat(t["answers"]) in first
        and flat(t["keys"]) in first
    )
    c.send("\r")
    assert flat(t["enter_alone"]) in run.screen()
    c.send("x")
    assert flat(t["no_choice"]) in run.screen()
    c.send("?")
    run.screen()  # the guidance (the engine's words)
    c.send("c")
    run.wait(t["comment_on"])
    c.sendline("Flinched")
    c.sendline(".")
    assert flat(t["held"]) in run.screen()
    c.send("s")
    run.wait(t["source_of"])
    c.sendline("Her sister")
    run.screen()
    c.send("y")
    assert flat(t["blank"]) in run.screen()  # Q1's yes-no detail
    c.send("\r")  # left blank

    second = run.screen()  # DASH Q2, with Q1 just answered
    assert flat(t["item"]).format(2, 27) in second and flat(t["just"]) in second
    c.send("C")
    run.wait(t["current"])
    c.sendline("Flinched when asked")
    c.sendline(".")
    run.screen()
    c.send("S")
    run.wait(t["source_now"])
    c.sendline("")  # Enter keeps the source
    run.screen()
    c.send("c")
    run.wait("'.'")
    c.sendline("Held note")
    c.sendline(".")
    run.screen()
    c.send("q")  # a held note: warned, not quit
    assert flat(t["held_quit"]) in run.screen()
    c.send("n")
    run.screen()  # DASH Q3
    c.send("b")
    assert flat(t["item"]).format(2, 27) in run.screen()
    c.send("n")
    run.screen()
    c.send("y")  # Q3: two choice details follow
    run.wait("] > ")
    c.sendline("1")
    run.wait("] > ")
    c.sendline("")
    for n in range(4, 8):
        assert flat(t["item"]).format(n, 27) in run.screen()
        c.send("j" if n == 4 else "n")
        if n == 4:
            run.wait(t["jump"])
            c.sendline("")  # nothing typed: no jump
            run.screen()
            c.send("n")
    run.screen()  # Q8
    c.send("y")
    run.screen()  # Q9
    c.send("n")
    gate = run.screen()  # the children section's opening question
    assert flat(t["answers"]) in gate
    c.send("n")
    for n in range(10, 25):
        assert flat(t["item"]).format(n, 24) in run.screen()
        c.send("n")
    assert flat(t["offer"]) in run.screen()  # the S-DASH
    c.send("y")
    for n in range(1, 12):
        assert flat(t["item"]).format(n, 11) in run.screen()
        c.send("y" if n in (1, 2, 5, 6, 9) else "n")
    assert flat(t["offer"]) in run.screen()  # the behaviours checklist
    c.send("n")

    judgement = run.screen()
    assert flat(t["gives"]) in judgement
    while flat(t["more"]) in judgement:  # paged on 24 lines: Enter for the next page
        c.send("\r")
        judgement = run.screen()
    c.send("3")  # record high
    run.wait(t["rationale"])
    c.sendline("Frightened for the children")
    c.sendline(".")
    review = run.screen()
    assert flat(t["review"]) in review
    while flat(t["more"]) in review:
        c.send("\r")
        review = run.screen()
    c.send("f")
    run.wait(t["summary"])
    c.send("y")
    run.wait(t["where"])
    c.sendline("")
    assert run.end() == 0
    assert flat(t["saved"]) in run.shown()
    return run, out


def quit_and_interrupt(lang: str, home: Path) -> KeyRun:
    """Save and quit after the first answer; resume and stop with Ctrl-C."""
    t = TEXTS[lang]
    out = home / "quit.yaml"
    run = KeyRun(["screen", "--language", lang, "--out", str(out)], home)
    run.wait("] > ")
    run.child.sendline("CY/KEY/2")
    run.wait("] > ")
    run.child.sendline(":q")
    assert run.end() == 0
    again = KeyRun(["screen", "--language", lang, "--resume", str(out)], home)
    again.wait("] > ")
    again.child.sendintr()
    assert again.end() == 130
    assert flat(t["quit"]) in run.shown() and flat(t["interrupted"]) in again.shown()
    return again


def _answers(path: Path) -> dict[str, Any]:
    saved = load_answers(path, load_library().definitions).model_dump(mode="json")
    saved.pop("meta", None)  # when it was saved, and by which build
    return saved


@dataclass
class Runs:
    """Both languages' interviews (and their quit and Ctrl-C runs): what each showed, and
    the screenings saved."""

    shown: dict[str, str]
    saved: dict[str, Path]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    base = tmp_path_factory.mktemp("welsh-terminal")
    shown, saved = {}, {}
    for lang in ("cy", "en"):
        whole, saved[lang] = interview(lang, base / lang)
        stopped = quit_and_interrupt(lang, base / lang)
        domains = probation(lang, base / lang)
        shown[lang] = whole.shown() + stopped.shown() + domains.shown()
    return Runs(shown, saved)


@pytest.mark.slow
def test_a_whole_welsh_interview_in_a_real_terminal(runs: Runs) -> None:
    """`screen --language cy` on a terminal: Welsh on every screen the script waits for,
    the Welsh summary written, and the same answers saved as by the same keys in English."""
    cy_out, en_out = runs.saved["cy"], runs.saved["en"]
    assert _answers(cy_out) == _answers(en_out)
    saved = load_answers(cy_out, load_library().definitions)
    q1 = saved.answer("dash", "q1")
    assert q1 is not None and q1.answer == "yes" and q1.comment == "Flinched when asked"
    assert q1.source == "Her sister"
    assert saved.professional_judgement is not None
    assert saved.professional_judgement.level == "high"
    lib = load_library()
    in_welsh = score(saved, lib, lib.profile("default").profile)
    assert in_welsh.risk_level == "high" and in_welsh.instruments["s-dash"].yes == 5
    summary_cy = cy_out.with_name("case-summary.md").read_text(encoding="utf-8")
    summary_en = en_out.with_name("case-summary.md").read_text(encoding="utf-8")
    assert TEXTS["cy"]["title"] in summary_cy and TEXTS["en"]["title"] not in summary_cy
    assert TEXTS["en"]["title"] in summary_en


TERMINAL_SIDE = (
    "screen.py",
    "screen_driver.py",
    "screen_review.py",
    "screen_session.py",
    "screen_text.py",
    "judgement.py",
    "probation.py",
    "terminal.py",
    "keystrokes.py",
    "drafts.py",
)
"""The modules in ``src/stalkscreen/cli/`` that draw the interview and its drafts."""
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def terminal_phrases() -> set[str]:
    """The English phrases of every message the terminal side writes (from the catalogue
    template): each message cut at its placeholders, keeping the pieces of two words or
    more (a lone word may be the same in Welsh, a key or a name)."""
    with POT.open("rb") as handle:
        template = read_po(handle)
    phrases = set()
    for message in template:
        files = {Path(where).name for where, _ in message.locations if "/cli/" in where}
        if not message.id or not files & set(TERMINAL_SIDE):
            continue
        for text in [message.id] if isinstance(message.id, str) else message.id:
            for piece in re.split(r"%\(\w+\)[sdr]", text):
                piece = piece.strip(" ·;:,.()[]?")
                if len(WORD.findall(piece)) >= 2:
                    phrases.add(piece)
    return phrases


@pytest.mark.slow
def test_no_screen_of_the_welsh_interview_shows_the_terminal_sides_english(runs: Runs) -> None:
    """Completeness, key mode: every screen the driver drew in Welsh (items, details, gates,
    offers, judgement, review, comment and source editors, jump, messages, the summary
    offer, save-and-quit, Ctrl-C) shows none of the English phrases it writes, where the
    same keys in English showed dozens of them."""
    phrases = terminal_phrases()
    in_english = {p for p in phrases if p in runs.shown["en"]}
    assert len(in_english) >= 40, sorted(phrases - in_english)  # the walk reached them
    left = sorted(p for p in phrases if p in runs.shown["cy"])
    assert left == [], left


def probation(lang: str, home: Path) -> KeyRun:
    """A probation screening's SRP domain step in key mode: rated, back, kept, rated."""
    out = home / "probation.yaml"
    run = KeyRun(["screen", "--for", "probation", "--language", lang, "--out", str(out)], home)
    c = run.child
    for line in ["PRB/CY/1", "2026-11-19", "", "", "2", "2"]:
        run.wait("] > ")
        c.sendline(line)
    keys = ["y", "n"]  # victim liaison, police involvement
    keys += ["y"] * 4 + ["n"] * 4  # FOUR; the formulation's questions
    keys += ["d"] + ["n"] * 8  # the type of stalking not known; no heightened-risk factor
    keys += ["y"] + ["n"] * 5  # one red flag
    for key in keys:
        run.screen()
        c.send(key)
    assert flat(TEXTS[lang]["domain_keys"]) in run.screen()
    c.send("2")
    run.wait("'.'")
    c.sendline("Low-level threats only")
    c.sendline(".")
    run.screen()
    c.send("b")  # back to the domain rated: shown with its level
    assert flat(TEXTS[lang]["domain_now"]) in run.screen()
    c.send("\r")
    for _ in range(2):
        run.screen()
        c.send("1")
        run.wait("'.'")
        c.sendline(".")
    run.screen()
    c.send("3")
    run.wait("'.'")
    c.sendline(".")  # high needs a rationale: refused
    assert flat(TEXTS[lang]["domain_high"]) in run.screen()
    c.send("1")
    run.wait("'.'")
    c.sendline(".")
    run.screen()  # the review
    c.send("f")
    run.wait(TEXTS[lang]["summary"])
    c.send("n")
    assert run.end() == 0
    return run


TYPED = (
    "CY/KEY/1",
    "CY/KEY/2",
    "PRB/CY/1",
    "Flinched when asked",
    "Flinched",
    "Frightened for the children",
    "Held note",
    "Her sister",
    "Low-level threats only",
    "stalkscreen screen --resume",
)
"""What the scripts type (shown back as typed) and the command a resume line names."""
IDS = re.compile(r"[\w/-]+\.[\w-]+|SC-[A-Z-]+")
"""File names and paths, item ids (``dash.q1``) and rule ids (``SC-ESC``)."""
TOKEN = re.compile(r"[A-Za-z][A-Za-z_'’-]+")
"""A word of two letters or more (one letter is a key: y, n, d, q, f…)."""
SAME_IN_WELSH = frozenset(
    {"DASH", "S-DASH", "MARAC", "SRP", "FOUR", "Enter", "OFFICIAL-SENSITIVE", "DD", "MM"}
)
"""Names and key names that are the same in Welsh."""
ITEM_IDS = frozenset(
    item.id for q in load_library().questionnaires.values() for item in q.definition.items
)
"""Item ids (``fixated``): shown where an item has no number, the same in every language,
since a jump takes them."""


def word_pairs(shown: str) -> set[tuple[str, str]]:
    """Each two words side by side in ``shown`` (within a line and a table cell), except
    what was typed, ids, and pairs of names the same in Welsh."""
    for text in TYPED:
        shown = shown.replace(text, " ")
    pairs = set()
    for line in IDS.sub(" ", shown).splitlines():
        for cell in re.split("[│┃]", line):
            words = TOKEN.findall(cell)
            pairs |= set(pairwise(words))
    names = SAME_IN_WELSH | ITEM_IDS
    same = {(a, b) for a, b in pairs if a in names and b in names}
    return pairs - same


@pytest.mark.slow
def test_no_english_is_left_on_any_screen_of_the_welsh_interview(runs: Runs) -> None:
    """Completeness, key mode, whatever draws it (the terminal side, the engine, the
    instruments' words, the outcome and its rule summaries): no two English words side by
    side that the same screens showed in English, other than what was typed, ids and
    names."""
    english = word_pairs(runs.shown["en"])
    assert len(english) > 500  # the English run is full of them: the check can fail
    left = sorted(english & word_pairs(runs.shown["cy"]))
    assert left == [], left
