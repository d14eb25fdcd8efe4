"""The interview on a terminal: shows each step and turns keys into engine commands.

The :class:`Driver` is the front end of :mod:`stalkscreen.interview` for `screen`;
the judgement step and the probation domain step draw through it too
(:mod:`stalkscreen.cli.judgement`, :mod:`stalkscreen.cli.probation`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stalkscreen.cli.screen_text import answer_label, choice_tokens, clean, columns, wrap
from stalkscreen.i18n import gettext as _

if TYPE_CHECKING:
    from stalkscreen.cli.terminal import Terminal
    from stalkscreen.interview import Interview, Step, View

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
            where = {"number": view.position[0], "total": view.position[1]}
            parts.append(_("item %(number)d of %(total)d") % where)
        if view.number:
            parts.append(view.number)
        lines = [(line, "bold") for line in wrap(" · ".join(p for p in parts if p), width)]
        for notice in self.iv.notices:
            text = _(notice) if notice else notice  # gettext("") is the catalogue header
            if notice in (UNSAFE_TO_TALK, _(UNSAFE_TO_TALK)):
                quits = _("Here, %(key)s saves the draft and quits.")
                text += " " + quits % {"key": self.quit_key(view)}
            lines += [(line, "yellow") for line in wrap(f"! {text}", width)]
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
            t.write("  " + _("answer: %(answer)s") % {"answer": answer_label(view.value)})
        if view.comment:
            what = _("comment (held until you answer)") if view.pending else _("comment")
            pad = " " * (len(what) + 4)
            t.write(f"  {what}: " + clean(view.comment).replace("\n", "\n" + pad))
        if view.source:
            what = _("source (held until you answer)") if view.pending else _("source")
            t.write(f"  {what}: {clean(view.source)}")

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
        keys = (
            _("C comment on it · S its source")
            if t.plain
            else _("[C] comment on it  [S] its source")
        )
        which = f"{tag} {before.number} {value}"
        t.write(
            t.style("  " + _("just answered: %(which)s") % {"which": which} + f" — {keys}", "dim")
        )

    def options(self, answers: str) -> str:
        if self.term.plain:
            keys = _(
                "c comment · s source · ? guidance · b back · j jump · r review · q save and quit"
            )
            return f"{answers}\n  {keys}"
        keys = _("[c] comment [s] source [?] guidance [b] back [j] jump [r] review [q] quit")
        return f"{answers}   {keys}"

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
                self.message = _(
                    "A note typed on %(items)s is held until you answer and would not be saved: "
                    "answer first, or press q again to quit without it."
                ) % {"items": ", ".join(held)}
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
                _("Jump to which item (e.g. 12, q12, s-dash.q3)? ")
            )
            if target:
                iv.jump(target)
        elif key == "?":
            view = iv.view()
            self.message = view.guidance or _("No guidance for this question.")
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
        answers, choose = answer_keys(view.input == "offer", t.plain)
        if is_item:
            t.write(self.options(answers))
        else:
            extra = (
                " · " + _("b back · r review · q save and quit")
                if t.plain
                else "   " + _("[b] back [q] quit")
            )
            if view.step.kind == "detail":
                blank = (
                    " · " + _("Enter to leave blank")
                    if t.plain
                    else "  " + _("[Enter] leave blank")
                )
                extra = blank + extra
            t.write(answers + extra)
        key = t.key("> ")
        low = key.lower().strip()
        if low in ("", "\n", "\r"):
            if view.step.kind in ("detail", "context"):
                iv.skip()
                return
            self.message = _("Enter alone does not answer: press %(keys)s.") % {"keys": choose}
            return
        if low in ANSWER_KEYS:
            if view.input == "offer" and ANSWER_KEYS[low] == "unknown":
                self.message = _("Answer %(keys)s.") % {"keys": choose}
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
        self.message = _("%(key)r is not a choice here.") % {"key": clean(key)}

    def edit_comment(self, view: View, step: Step) -> None:
        t = self.term
        which = f"{self.iv.tag(step.key)} {view.number}"
        if view.value is None:
            t.write(
                _("Not answered yet: the comment is held and joins %(which)s when you answer it.")
                % {"which": which}
            )
        if view.comment:
            t.write(_("Current comment on %(which)s:") % {"which": which})
            for line in clean(view.comment).split("\n"):
                t.write(f"  | {line}")
            t.write(
                _("Type a new comment to replace it; a lone '-' removes it; a lone '.' keeps it.")
            )
        text = t.lines(
            _("Comment on %(which)s (end with a line holding only '.'):") % {"which": which}
        )
        if text is None:
            return
        self.iv.comment(None if text.strip() == "-" else text, step)

    def edit_source(self, view: View, step: Step) -> None:
        which = f"{self.iv.tag(step.key)} {view.number}"
        if view.source:
            ask = _("Source of %(which)s if not the victim [now: %(source)s; '-' removes it]: ")
        else:
            ask = _("Source of %(which)s if not the victim: ")
        shown = {"which": which, "source": clean(view.source or "")}
        text = self.term.line(ask % shown).strip()
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
        prompt = clean(view.prompt)
        if view.required:
            prompt = _("%(prompt)s (required)") % {"prompt": prompt}
        for line in wrap(prompt, width, ""):
            t.write(line)
        for line in wrap(f"  {view.guidance}", width, "  ") if view.guidance else []:
            t.write(t.style(line, "dim"))
        for index, (_key, label) in enumerate(view.choices, 1):
            t.write(f"  {index}. {label}")
        if view.choices and view.input == "choices":
            t.write("  " + _("Give the numbers that apply, separated by spaces."))
        hint = []
        if view.value is not None:
            now = {"value": clean(view.value)}
            hint.append(_("now: %(value)s; Enter keeps it; '-' clears it") % now)
        elif view.default:
            hint.append(_("Enter for %(default)s") % {"default": clean(view.default)})
        elif not view.required:
            hint.append(_("Enter to leave blank"))
        hint.append(_(":b back, :r review, :q save and quit"))
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
            self.message = _(
                "Could not remember your name and agency (the data folder is not writable)."
            )

    def judgement(self) -> None:
        from stalkscreen.cli.judgement import judgement_step

        judgement_step(self)

    def review(self) -> bool:
        """The review screen; True when the screening is finished."""
        from stalkscreen.cli.screen_review import review_step

        return review_step(self)


def answer_keys(offer: bool, plain: bool) -> tuple[str, str]:
    """The answers a keyed step takes, as shown, and the keys named in a reminder. The keys
    are the same letters in every language (staff switch languages; a Welsh hint reads
    ``[y] ie``)."""
    if offer:
        if plain:
            return _("1 yes, ask them now · 2 no"), _("1 or 2")
        return _("[y] yes, ask them now  [n] no"), _("y or n")
    if plain:
        return _("1 yes · 2 no · 3 don't know"), _("1, 2 or 3")
    return _("[y] yes  [n] no  [d] don't know"), _("y, n or d")
