"""`stalkscreen screen`: the interview.

This is a thin front end over :mod:`stalkscreen.interview`: it shows the current
step, turns keystrokes (or lines, in plain mode) into engine commands, and
handles signals. Every change is saved by the engine's draft store, so an
interrupt only has to say where the draft is.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import typer

from stalkscreen.cli.common import (
    IdentityOption,
    PassphraseFileOption,
    PractitionerOption,
    ProfileOption,
    QuestionnairesDirOption,
    ReasonOption,
    WordingOption,
)

if TYPE_CHECKING:
    from stalkscreen.cli.terminal import Terminal
    from stalkscreen.drafts import DraftStore
    from stalkscreen.interview import Interview, Row, Step, View

INSTRUMENT_HELP = (
    "Instrument to ask: dash (default), dash-ric, s-dash, srp-red-flags, four, srp-context, "
    "behaviours or stalking-formulation. Repeat to ask more than one (e.g. --instrument dash "
    "--instrument srp-red-flags). With --for probation the default is four, "
    "stalking-formulation, srp-context and srp-red-flags."
)

ANSWER_KEYS = {
    "y": "yes",
    "1": "yes",
    "yes": "yes",
    "n": "no",
    "2": "no",
    "no": "no",
    "d": "unknown",
    "3": "unknown",
    "dk": "unknown",
    "don't know": "unknown",
    "unknown": "unknown",
}


class Interrupted(Exception):
    """Ctrl-C, SIGTERM or SIGHUP: save the draft and exit 130."""


class Quit(Exception):
    """The practitioner pressed q: the draft is saved; exit 0."""


@contextmanager
def _signals() -> Iterator[None]:
    def handler(signum: int, frame: FrameType | None) -> None:
        raise Interrupted

    # SIGHUP (the terminal closed) exists only on POSIX; Windows has SIGTERM and Ctrl-C
    wanted = [getattr(signal, name, None) for name in ("SIGTERM", "SIGHUP")]
    old = {s: signal.signal(s, handler) for s in wanted if s is not None}
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


def _say(text: str) -> None:
    from stalkscreen.errors import shown

    print(f"stalkscreen: {shown(text)}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the driver


class Driver:
    """Shows each step and feeds the practitioner's keys to the engine."""

    def __init__(self, interview: Interview, term: Terminal) -> None:
        self.iv = interview
        self.term = term
        self.message = ""
        self.page = 0  # the page of the review or judgement screen (terminal mode)
        self.paged: Step | None = None  # the step self.page belongs to
        self.quit_armed = False  # q once more quits although notes are held

    # ---- drawing

    def header(self, view: View) -> int:
        """Start a new screen with the step's heading, notices and message, each wrapped
        between words; returns the number of lines written."""
        from stalkscreen.cli.judgement import columns, wrap
        from stalkscreen.interview.steps import UNSAFE_TO_TALK

        t = self.term
        t.clear()
        width = columns(t)
        parts = [view.heading] + ([view.section] if view.section != view.heading else [])
        if view.position:
            parts.append(f"item {view.position[0]} of {view.position[1]}")
        if view.number:
            parts.append(view.number)
        lines = [(line, "bold") for line in wrap(" · ".join(p for p in parts if p), width)]
        for notice in self.iv.notices:
            if notice == UNSAFE_TO_TALK:
                notice += f" Here, {self.quit_key(view)} saves the draft and quits."
            lines += [(line, "yellow") for line in wrap(f"! {notice}", width)]
        self.iv.notices.clear()
        if self.message:
            lines += [(line, "yellow") for line in wrap(f"! {self.message}", width)]
            self.message = ""
        for line, style in lines:
            t.write(t.style(line, style))
        return len(lines)

    def quit_key(self, view: View) -> str:
        """The save-and-quit key of the step shown: ``q`` where keys are read, ``:q`` in
        text fields."""
        keyed = view.step.kind in ("item", "gate", "offer", "judgement", "domain", "review")
        return "q" if keyed or view.input == "yes-no" else ":q"

    def show_item(self, view: View) -> None:
        from stalkscreen.cli.judgement import columns, wrap

        t = self.term
        for line in wrap(_clean(view.prompt), columns(t), ""):
            t.write(line)
        if view.value is not None:
            t.write(f"  answer: {_label(view.value)}")
        held = " (held until you answer)" if view.pending else ""
        if view.comment:
            pad = " " * (len(held) + 11)
            t.write(f"  comment{held}: " + _clean(view.comment).replace("\n", "\n" + pad))
        if view.source:
            t.write(f"  source{held}: {_clean(view.source)}")

    def previous(self, view: View) -> Step | None:
        """The item answered just before, when it is not the one on screen."""
        last = self.iv.last_answered
        here = view.step
        if last is None or (here.kind in ("item", "detail") and here.item == last.item
                            and here.key == last.key):  # fmt: skip
            return None
        return last if self.iv.is_set(last) else None

    def show_previous(self, last: Step) -> None:
        t = self.term
        before = self.iv.view(last)
        tag = self.iv.tag(last.key)
        value = _label(before.value or "")
        keys = "C comment on it · S its source" if t.plain else "[C] comment on it  [S] its source"
        t.write(t.style(f"  just answered: {tag} {before.number} {value} — {keys}", "dim"))

    def options(self, answers: str) -> str:
        if self.term.plain:
            return (
                f"{answers}\n  c comment · s source · ? guidance · b back · j jump · r review"
                " · q save and quit"
            )
        return (
            f"{answers}   [c] comment [s] source [?] guidance [b] back [j] jump [r] review [q] quit"
        )

    # ---- the loop

    def run(self) -> None:
        from stalkscreen.interview import InterviewError

        while True:
            step = self.iv.cursor
            if step != self.paged:
                self.page, self.paged = 0, step
            try:
                if step.kind == "review":
                    if self.review():
                        return
                elif step.kind == "judgement":
                    self.judgement()
                elif step.kind == "domain":  # a probation screening's SRP domains
                    from stalkscreen.cli.probation import rate_domain

                    rate_domain(self)
                elif step.kind in ("item", "gate", "offer") or self._is_yes_no(step.kind):
                    self.keyed()
                else:
                    self.typed()
            except InterviewError as exc:  # written to be shown; never holds answer text
                self.message = str(exc)

    def _is_yes_no(self, kind: str) -> bool:
        return kind in ("context", "detail") and self.iv.view().input == "yes-no"

    def common(self, key: str) -> bool:
        """Commands every step takes; True when ``key`` was one of them."""
        from stalkscreen.interview import Step

        iv = self.iv
        if key == "q":
            held = [f"{iv.tag(inst)} {iv.view(Step('item', inst, item)).number}"
                    for inst, item in iv.pending]  # fmt: skip
            if held and not self.quit_armed:
                self.quit_armed = True
                self.message = (
                    f"A note typed on {', '.join(held)} is held until you answer and would not be "
                    "saved: answer first, or press q again to quit without it."
                )
                return True
            iv.save()
            raise Quit
        self.quit_armed = False
        if key == "b":
            iv.back()
        elif key == "r":
            iv.review()
        elif key == "j" or key.startswith("j "):
            target = key[2:].strip() or self.term.line(
                "Jump to which item (e.g. 12, q12, s-dash.q3)? "
            )
            if target:
                iv.jump(target)
        elif key == "?":
            view = iv.view()
            self.message = view.guidance or "No guidance for this question."
        else:
            return False
        return True

    def keyed(self) -> None:
        """Steps answered with yes / no / don't know (items, gates, offers, checks)."""
        iv, t = self.iv, self.term
        view = iv.view()
        self.header(view)
        self.show_item(view)
        is_item = view.step.kind == "item"
        last = self.previous(view)
        if last is not None:
            self.show_previous(last)
        if view.input == "offer":
            answers = "1 yes, ask them now · 2 no" if t.plain else "[y] yes, ask them now  [n] no"
        elif t.plain:
            answers = "1 yes · 2 no · 3 don't know"
        else:
            answers = "[y] yes  [n] no  [d] don't know"
        choose = ("1 or 2" if t.plain else "y or n") if view.input == "offer" else (
            "1, 2 or 3" if t.plain else "y, n or d"
        )  # fmt: skip
        if is_item:
            t.write(self.options(answers))
        else:
            extra = " · b back · r review · q save and quit" if t.plain else "   [b] back [q] quit"
            if view.step.kind == "detail":
                extra = (" · Enter to leave blank" if t.plain else "  [Enter] leave blank") + extra
            t.write(answers + extra)
        key = t.key("> ")
        low = key.lower().strip()
        if low in ("", "\n", "\r"):
            if view.step.kind in ("detail", "context"):
                iv.skip()
                return
            self.message = f"Enter alone does not answer: press {choose}."
            return
        if low in ANSWER_KEYS:
            if view.input == "offer" and ANSWER_KEYS[low] == "unknown":
                self.message = f"Answer {choose}."
                return
            iv.answer(ANSWER_KEYS[low])
            return
        if last is not None and key.strip() in ("C", "S"):
            before = iv.view(last)
            if key.strip() == "C":
                self.edit_comment(before, last)
            else:
                self.edit_source(before, last)
            return
        if is_item and low == "c":
            self.edit_comment(view, view.step)
            return
        if is_item and low == "s":
            self.edit_source(view, view.step)
            return
        if not self.common(low):
            self.message = f"{_clean(key)!r} is not a choice here."

    def edit_comment(self, view: View, step: Step) -> None:
        t = self.term
        which = f"{self.iv.tag(step.key)} {view.number}"
        if view.value is None:
            t.write(f"Not answered yet: the comment is held and joins {which} when you answer it.")
        if view.comment:
            t.write(f"Current comment on {which}:")
            for line in _clean(view.comment).split("\n"):
                t.write(f"  | {line}")
            t.write("Type a new comment to replace it; a lone '-' removes it; a lone '.' keeps it.")
        text = t.lines(f"Comment on {which} (end with a line holding only '.'):")
        if text is None:
            return
        self.iv.comment(None if text.strip() == "-" else text, step)

    def edit_source(self, view: View, step: Step) -> None:
        which = f"{self.iv.tag(step.key)} {view.number}"
        current = f" [now: {_clean(view.source)}; '-' removes it]" if view.source else ""
        text = self.term.line(f"Source of {which} if not the victim{current}: ").strip()
        if text == "-":
            self.iv.source(None, step)
        elif text:
            self.iv.source(text, step)

    def typed(self) -> None:
        """Steps answered with a line of text (case details, notes, detail choices)."""
        iv, t = self.iv, self.term
        view = iv.view()
        self.header(view)
        from stalkscreen.cli.judgement import columns, wrap

        width = columns(t)
        for line in wrap(_clean(view.prompt) + (" (required)" if view.required else ""), width, ""):
            t.write(line)
        for line in wrap(f"  {view.guidance}", width, "  ") if view.guidance else []:
            t.write(t.style(line, "dim"))
        for index, (_, label) in enumerate(view.choices, 1):
            t.write(f"  {index}. {label}")
        if view.choices and view.input == "choices":
            t.write("  Give the numbers that apply, separated by spaces.")
        hint = []
        if view.value is not None:
            hint.append(f"now: {_clean(view.value)}; Enter keeps it; '-' clears it")
        elif view.default:
            hint.append(f"Enter for {_clean(view.default)}")
        elif not view.required:
            hint.append("Enter to leave blank")
        hint.append(":b back, :r review, :q save and quit")
        text = t.line(f"[{'; '.join(hint)}] > ").strip()
        if text in (":b", ":r", ":q", ":j"):
            self.common(text[1:])
            return
        if view.input == "choices":
            text = " ".join(_choice_tokens(text, view))
        if text == "" and view.value is not None:
            iv.skip()
            return
        if text == "-" and not view.required:
            if view.step.kind == "detail":
                iv.answer(None)
            else:
                iv.clear()
                iv.skip()
            return
        if text == "" and not view.default and not view.required and view.step.kind != "case":
            iv.skip()
            return
        iv.answer(text)
        if view.step.kind == "case" and view.step.key in ("practitioner", "agency"):
            self._remember()

    def _remember(self) -> None:
        from stalkscreen.config import remember
        from stalkscreen.errors import StalkscreenError

        try:
            remember(
                practitioner=self.iv.case.get("practitioner"), agency=self.iv.case.get("agency")
            )
        except StalkscreenError:
            self.message = (
                "Could not remember your name and agency (the data folder is not writable)."
            )

    def judgement(self) -> None:
        from stalkscreen.cli.judgement import judgement_step

        judgement_step(self)

    def review(self) -> bool:
        """The review screen; True when the screening is finished.

        One compact line per answer, labelled with what it belongs to (Case, Safety, DASH,
        S-DASH, …). On a terminal the rows are shown a page at a time (Enter for the next);
        in plain mode they are all printed."""
        iv, t = self.iv, self.term
        view = iv.view()
        shown_above = self.header(view)  # heading and notices
        width, height = t.size()
        blocks = [self.review_row(row, width) for row in iv.rows()]
        from stalkscreen.cli.judgement import columns, wrap

        missing = iv.unanswered()
        notes = [f"Before finishing: {problem}." for problem in iv.problems()]
        if missing:
            notes.insert(0, f"{len(missing)} item(s) not yet answered: the screening would be "
                            "marked incomplete.")  # fmt: skip
        footer = [t.style(line, "yellow") for note in notes for line in wrap(note, columns(t))]
        room = height - shown_above - len(footer) - 3  # the "rows …", keys and input lines
        pages = [blocks] if t.plain else _pages(blocks, max(5, room))
        self.page %= len(pages)
        for block in pages[self.page]:
            for line in block:
                t.write(line)
        for line in footer:
            t.write(line)
        if len(pages) > 1:
            shown = pages[self.page]
            first = blocks.index(shown[0]) + 1
            after = "more" if self.page + 1 < len(pages) else "the first page"
            t.write(f"rows {first}–{first + len(shown) - 1} of {len(blocks)} · Enter for {after}")
        t.write("Type a row number to change it · f finish · b back · q save and quit")
        text = t.line("> ").strip().lower()
        if text.isdigit():
            iv.edit(int(text))
        elif text == "f":
            if iv.problems():
                self.message = "; ".join(iv.problems())
                return False
            return True
        elif text == "" and len(pages) > 1:
            self.page += 1
        elif text == "" or not self.common(text):
            self.message = "Type a row number, f, b or q."
        return False

    def review_row(self, row: Row, width: int) -> list[str]:
        """A row's lines: number, what it belongs to, the question (cut to fit), the answer."""
        value = _label(row.value)
        head = f"{row.number:>3} {row.group:<9} "
        room = max(20, width - len(head) - len(value) - 4)
        label = _clean(row.label)
        if len(label) > room:
            label = label[: room - 1] + "…"
        lines = [f"{head}{label} — {value}"]
        pad = " " * 14
        if row.comment:
            lines.append(f"{pad}comment: " + _clean(row.comment).replace("\n", "\n" + pad + "  "))
        if row.source:
            lines.append(f"{pad}source: {_clean(row.source)}")
        return lines


def _pages(blocks: list[list[str]], height: int) -> list[list[list[str]]]:
    """Rows grouped into pages of at most ``height`` lines (a row is never split)."""
    pages: list[list[list[str]]] = [[]]
    used = 0
    for block in blocks:
        lines = sum(line.count("\n") + 1 for line in block)
        if pages[-1] and used + lines > height:
            pages.append([])
            used = 0
        pages[-1].append(block)
        used += lines
    return pages


def _choice_tokens(text: str, view: View) -> list[str]:
    return [p for p in text.replace(",", " ").split() if p]


def _label(value: str) -> str:
    return {"unknown": "don't know"}.get(value, _clean(value))


def _clean(text: str) -> str:
    """User text made inert for a terminal: control characters shown as '?'."""
    return "".join(ch if ch.isprintable() or ch == "\n" else "?" for ch in text)


# --------------------------------------------------------------------------- commands


def _open(
    *,
    instrument: list[str] | None,
    profile: str | None,
    out: Path | None,
    answers_file: Path | None,
    resume: str | None,
    questionnaires_dir: list[Path] | None,
    wording: list[Path] | None,
    purpose: str | None = None,
) -> tuple[Interview, DraftStore, str]:
    from stalkscreen.answers import load_answers
    from stalkscreen.cli.common import choose_profile, library
    from stalkscreen.config import load_config, remembered
    from stalkscreen.drafts import DraftStore, latest_draft
    from stalkscreen.errors import UsageError, shown
    from stalkscreen.interview import InterviewError
    from stalkscreen.interview.probation import PLAN, interview_class

    lib = library(questionnaires_dir, wording)
    config = load_config()
    # the config's names, else those typed last time (offered and shown, never the audit actor)
    typed = remembered()
    defaults = {
        k: v
        for k, v in (
            ("practitioner", config.practitioner or typed.get("practitioner")),
            ("agency", config.agency or typed.get("agency")),
        )
        if v
    }
    try:
        if resume is not None:
            path = Path(resume) if resume else out
            if path is None:
                path, skipped = latest_draft(lib)
                if skipped:
                    _say(
                        f"{skipped} newer draft file(s) could not be read or are completed and "
                        "were skipped (see `stalkscreen drafts`)"
                    )
                if path is None:
                    raise UsageError("there is no draft to resume (see `stalkscreen drafts`)")
            if not path.is_file():
                raise UsageError(f"no such draft: {shown(path)}")
            draft = load_answers(path, lib.definitions)
            if draft.status == "completed":
                raise UsageError(
                    f"{path} is a completed screening; to change it, start a new one with "
                    "--answers FILE --out NEW"
                )
            chosen = choose_profile(lib, profile, draft)
            if purpose is not None and purpose != draft.purpose:
                raise UsageError(f"{path} is a {draft.purpose} screening: resume it without --for")
            kind = interview_class(draft.purpose)
            iv = kind.resume(lib, chosen.profile, draft, defaults=defaults)
            store = DraftStore(path=path)
            store.hold()  # one interview per draft: another holding it is exit 3
            store.indexed = not store.in_drafts_dir
        else:
            if out is not None and out.exists():
                raise UsageError(
                    f"{out} already exists: continue it with --resume {out}, or choose another name"
                )
            prefill = load_answers(answers_file, lib.definitions) if answers_file else None
            chosen = choose_profile(lib, profile, prefill)
            if prefill is not None and purpose is not None and purpose != prefill.purpose:
                raise UsageError(
                    f"{answers_file} is a {prefill.purpose} screening: use --for {prefill.purpose}"
                )
            wanted = (
                prefill.purpose
                if prefill is not None
                else (purpose or config.screen_for or chosen.profile.screen_for)
            )
            if wanted == "probation":
                plan = instrument or list(PLAN)
            else:
                plan = instrument or ([] if prefill and prefill.responses else ["dash"])
            kind = interview_class(wanted)
            iv = kind.start(lib, chosen.profile, plan, prefill=prefill, defaults=defaults)
            store = DraftStore(path=out, indexed=out is not None)
    except InterviewError as exc:
        raise UsageError(str(exc)) from None
    iv.saver = store
    return iv, store, chosen.profile.marking


def _finish(
    iv: Interview,
    store: DraftStore,
    marking: str,
    term: Terminal,
    *,
    answers_file: Path | None = None,
    reason: str | None = None,
) -> None:
    from stalkscreen.answers import save_answers
    from stalkscreen.cli.render import render_outcome, render_screening
    from stalkscreen.drafts import forget_draft, private_dir, safe_name, screenings_dir
    from stalkscreen.errors import StalkscreenError
    from stalkscreen.scoring import score

    completed = iv.finish()
    draft = store.path
    if draft is None or store.in_drafts_dir:
        target = private_dir(screenings_dir()) / (draft.name if draft else safe_name())
    else:
        target = draft
    save_answers(completed, target)
    if draft is not None and draft != target:
        draft.unlink(missing_ok=True)
    if draft is not None and not store.in_drafts_dir:
        with contextlib.suppress(StalkscreenError):  # a stale entry is dropped when read
            forget_draft(draft)
    _audit_finished(iv, completed, target, answers_file, reason)
    term.write()
    result = score(completed, iv.library, iv.profile)
    render_screening(result, marking)
    if result.purpose != "probation":  # a probation outcome has no level line (SC-PURPOSE)
        render_outcome(result)
    _say(f"saved the completed screening to {target}")
    _offer_report(target, term)


def _offer_report(path: Path, term: Terminal) -> None:
    """Offer the referral summary when a `report` command exists (issue 4)."""
    from stalkscreen.cli.main import app

    command = typer.main.get_command(app)
    report = getattr(command, "commands", {}).get("report")
    if report is None:
        return
    try:
        key = term.line("Write the referral summary now? (y/n) ").strip().lower()
    except Exception:  # EOF or an interrupt here simply means no
        return
    if key not in ("y", "yes"):
        return
    args = ["report", str(path)]
    names = {opt for p in report.params for opt in getattr(p, "opts", [])}
    if "--output" in names:
        default = path.with_name(path.stem + "-summary.md")
        chosen = term.line(f"Save it where? [Enter for {default}] ").strip()
        args += ["--output", chosen or str(default)]
    from stalkscreen.cli.errors import run

    run(app, args)


def register(app: typer.Typer) -> None:
    """Add `screen` to the main app (`drafts` is in :mod:`stalkscreen.cli.drafts`)."""

    @app.command()
    def screen(
        instrument: Annotated[
            list[str] | None, typer.Option("--instrument", "-i", help=INSTRUMENT_HELP)
        ] = None,
        profile: ProfileOption = None,
        out: Annotated[
            Path | None,
            typer.Option(
                "--out",
                "-o",
                help="Save the draft and the finished screening here (YAML, or JSON by suffix). "
                "Default: your stalkscreen data folder.",
            ),
        ] = None,
        answers_file: Annotated[
            Path | None,
            typer.Option(
                "--answers", help="Pre-fill from an answer file; ask only what is missing."
            ),
        ] = None,
        resume: Annotated[
            bool,
            typer.Option(
                "--resume",
                help="Continue a draft at the exact question it stopped: FILE, or --out, or "
                "the most recent draft.",
            ),
        ] = False,
        file: Annotated[
            Path | None,
            typer.Argument(
                metavar="[FILE]", help="With --resume: the draft to continue.", show_default=False
            ),
        ] = None,
        plain: Annotated[
            bool,
            typer.Option(
                "--plain",
                help="Numbered options and line input, no redraw, no colour (screen readers, "
                "scripts). Automatic when not on a terminal, TERM=dumb or ACCESSIBLE=1.",
            ),
        ] = False,
        questionnaires_dir: QuestionnairesDirOption = None,
        wording: WordingOption = None,
        identity: IdentityOption = None,
        passphrase_file: PassphraseFileOption = None,
        encrypt_to: Annotated[
            list[str] | None,
            typer.Option(
                "--encrypt-to",
                help="Encrypt the draft and the screening to this public key (from `stalkscreen "
                "keys new`); repeatable. Default: `encrypt_to` in your config.",
                show_default=False,
            ),
        ] = None,
        encrypt_passphrase: Annotated[
            bool,
            typer.Option(
                "--encrypt-passphrase",
                help="Encrypt the draft and the screening with your passphrase.",
            ),
        ] = False,
        reason: ReasonOption = None,
        for_: Annotated[
            str | None,
            typer.Option(
                "--for",
                help="victim (default): a screening with the victim (DASH, S-DASH…); probation: "
                "a screening of the person who stalks (FOUR, formulation, SRP context, red flags, "
                "the four SRP domains). Default: `screen_for` in your config, else in the area "
                "profile, else victim.",
                show_default=False,
            ),
        ] = None,
        practitioner: PractitionerOption = None,
    ) -> None:
        """Take a screening, question by question; the draft is saved after every answer."""
        from stalkscreen.cli.common import reason_text, unlock
        from stalkscreen.errors import UsageError
        from stalkscreen.sealing import keyring

        if file is not None and not resume:
            raise UsageError(f"to continue {file}, use: stalkscreen screen --resume {file}")
        if for_ is not None and for_ not in ("victim", "probation"):
            raise UsageError(f"--for takes victim or probation, not {for_!r}")
        why = reason_text(reason, practitioner)
        unlock(
            identity,
            passphrase_file,
            encrypt_to=encrypt_to,
            encrypt_passphrase=encrypt_passphrase,
            writes_screenings=True,
        )
        if keyring().seal_with_passphrase:
            keyring().get_passphrase("--encrypt-passphrase")  # ask now, not mid-interview
        iv, store, marking = _open(
            instrument=instrument,
            profile=profile,
            out=out,
            answers_file=answers_file,
            resume=(str(file) if file else "") if resume else None,
            questionnaires_dir=questionnaires_dir,
            wording=wording,
            purpose=for_,
        )
        try:
            _interview(iv, store, marking, plain, answers_file, why)
        finally:
            store.release()
        for note in store.notes:
            _say(note)


def _interview(
    iv: Interview,
    store: DraftStore,
    marking: str,
    plain: bool,
    answers_file: Path | None,
    why: str | None,
) -> None:
    from stalkscreen.cli.terminal import EndOfInput, Terminal, colour_wanted, plain_wanted
    from stalkscreen.errors import EXIT_INTERRUPTED

    for note in store.notes:
        _say(note)
    store.notes.clear()
    is_plain = plain_wanted(plain)
    term = Terminal(plain=is_plain, colour=colour_wanted(is_plain))
    driver = Driver(iv, term)
    code = 0
    with _signals():
        try:
            driver.run()
        except Quit:
            term.flush()
            _audit_saved(store, iv, why)
            _say(_resume_line(store, "saved the draft"))
            return
        except (KeyboardInterrupt, Interrupted, EndOfInput):
            code = EXIT_INTERRUPTED
        finally:
            term.flush()
        if code:
            iv.save()
            _audit_saved(store, iv, why)
            term.write()
            _say(_resume_line(store, "interrupted; the draft is saved"))
            raise typer.Exit(code)
        _finish(iv, store, marking, term, answers_file=answers_file, reason=why)


def _audit_saved(store: DraftStore, iv: Interview, reason: str | None) -> None:
    """Collection: the draft saved when the interview stops (one event per session)."""
    from stalkscreen import audit

    if store.path is None or not store.path.exists():
        return
    reference = iv.case.get("reference")
    audit.record(
        "collection",
        command="screen",
        file=store.path,
        reference=reference if isinstance(reference, str) else None,
        instruments={k: v for k, v in iv.library.stamps().items() if k in iv.plan},
        status="in-progress",
        reason=reason,
    )


def _audit_finished(
    iv: Interview, completed: object, target: Path, answers_file: Path | None, reason: str | None
) -> None:
    """Collection of the finished screening; alteration when a completed one was changed."""
    from stalkscreen import audit
    from stalkscreen.answers import AnswerSet, load_answers

    assert isinstance(completed, AnswerSet)
    versions = dict(completed.meta.instruments) if completed.meta else None
    common: dict[str, Any] = {
        "file": target,
        "reference": completed.case.reference,
        "instruments": versions,
        "reason": reason,
    }
    audit.record("collection", command="screen", status="completed", **common)
    if answers_file is None:
        return
    before = load_answers(answers_file, iv.library.definitions)
    if before.status != "completed":
        return
    changed = sorted(
        f"{inst}.{item}"
        for inst in set(before.responses) | set(completed.responses)
        for item in set(before.responses.get(inst, {})) | set(completed.responses.get(inst, {}))
        if before.answer(inst, item) != completed.answer(inst, item)
    )
    if changed or before.professional_judgement != completed.professional_judgement:
        audit.record(
            "alteration", command="screen", based_on=str(answers_file), items=changed, **common
        )


def _resume_line(store: DraftStore, what: str) -> str:
    if store.path is None or not store.path.exists():
        return "stopped before the case reference was given; nothing was saved"
    return f"{what}. Resume with: stalkscreen screen --resume {store.path}"
