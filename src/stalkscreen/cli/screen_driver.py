"""The interview on a terminal: shows each step and turns keys into engine commands.

The :class:`Driver` is the front end of :mod:`stalkscreen.interview` for `screen`;
the judgement step and the probation domain step draw through it too
(:mod:`stalkscreen.cli.judgement`, :mod:`stalkscreen.cli.probation`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stalkscreen.cli.screen_text import (
    answer_label,
    choice_tokens,
    clean,
    columns,
    into_pages,
    wrap,
)

if TYPE_CHECKING:
    from stalkscreen.cli.terminal import Terminal
    from stalkscreen.interview import Interview, Row, Step, View

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


class Quit(Exception):
    """The practitioner pressed q: the draft is saved; exit 0."""


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

        t = self.term
        for line in wrap(clean(view.prompt), columns(t), ""):
            t.write(line)
        if view.value is not None:
            t.write(f"  answer: {answer_label(view.value)}")
        held = " (held until you answer)" if view.pending else ""
        if view.comment:
            pad = " " * (len(held) + 11)
            t.write(f"  comment{held}: " + clean(view.comment).replace("\n", "\n" + pad))
        if view.source:
            t.write(f"  source{held}: {clean(view.source)}")

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
        value = answer_label(before.value or "")
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
        if self.common(low):
            return
        from stalkscreen.interview.words import typed_answer

        if typed_answer(key) is not None:  # the answer words of the language (ie, na, …)
            iv.answer(key)
            return
        self.message = f"{clean(key)!r} is not a choice here."

    def edit_comment(self, view: View, step: Step) -> None:
        t = self.term
        which = f"{self.iv.tag(step.key)} {view.number}"
        if view.value is None:
            t.write(f"Not answered yet: the comment is held and joins {which} when you answer it.")
        if view.comment:
            t.write(f"Current comment on {which}:")
            for line in clean(view.comment).split("\n"):
                t.write(f"  | {line}")
            t.write("Type a new comment to replace it; a lone '-' removes it; a lone '.' keeps it.")
        text = t.lines(f"Comment on {which} (end with a line holding only '.'):")
        if text is None:
            return
        self.iv.comment(None if text.strip() == "-" else text, step)

    def edit_source(self, view: View, step: Step) -> None:
        which = f"{self.iv.tag(step.key)} {view.number}"
        current = f" [now: {clean(view.source)}; '-' removes it]" if view.source else ""
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

        width = columns(t)
        for line in wrap(clean(view.prompt) + (" (required)" if view.required else ""), width, ""):
            t.write(line)
        for line in wrap(f"  {view.guidance}", width, "  ") if view.guidance else []:
            t.write(t.style(line, "dim"))
        for index, (_, label) in enumerate(view.choices, 1):
            t.write(f"  {index}. {label}")
        if view.choices and view.input == "choices":
            t.write("  Give the numbers that apply, separated by spaces.")
        hint = []
        if view.value is not None:
            hint.append(f"now: {clean(view.value)}; Enter keeps it; '-' clears it")
        elif view.default:
            hint.append(f"Enter for {clean(view.default)}")
        elif not view.required:
            hint.append("Enter to leave blank")
        hint.append(":b back, :r review, :q save and quit")
        text = t.line(f"[{'; '.join(hint)}] > ").strip()
        if text in (":b", ":r", ":q", ":j"):
            self.common(text[1:])
            return
        if view.input == "choices":
            text = " ".join(choice_tokens(text, view))
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

        missing = iv.unanswered()
        notes = [f"Before finishing: {problem}." for problem in iv.problems()]
        if missing:
            notes.insert(0, f"{len(missing)} item(s) not yet answered: the screening would be "
                            "marked incomplete.")  # fmt: skip
        footer = [t.style(line, "yellow") for note in notes for line in wrap(note, columns(t))]
        room = height - shown_above - len(footer) - 3  # the "rows …", keys and input lines
        pages = [blocks] if t.plain else into_pages(blocks, max(5, room))
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
        number = "Type a row number" if t.plain else "Type a row number and Enter"
        t.write(f"{number} to change it · f finish · b back · q save and quit")
        text = t.key_or_number("> ").strip().lower()
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
        value = answer_label(row.value)
        head = f"{row.number:>3} {row.group:<9} "
        room = max(20, width - len(head) - len(value) - 4)
        label = clean(row.label)
        if len(label) > room:
            label = label[: room - 1] + "…"
        lines = [f"{head}{label} — {value}"]
        pad = " " * 14
        if row.comment:
            lines.append(f"{pad}comment: " + clean(row.comment).replace("\n", "\n" + pad + "  "))
        if row.source:
            lines.append(f"{pad}source: {clean(row.source)}")
        return lines
