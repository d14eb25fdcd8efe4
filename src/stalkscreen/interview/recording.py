"""Recording answers: the commands that change the screening, and their checks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import ValidationError

from stalkscreen.answers import Case
from stalkscreen.catalogue import Interviewing
from stalkscreen.i18n import gettext
from stalkscreen.interview.setaside import SetAside
from stalkscreen.interview.steps import (
    CASE_BY_KEY,
    OFFER_ACCEPTED,
    OFFER_DECLINED,
    PREFLIGHT_BY_KEY,
    UNSAFE_TO_TALK,
    InterviewError,
    Step,
    clean_text,
    offer_key,
    parse_count,
    parse_date,
    parse_relationship,
)
from stalkscreen.interview.words import by_label, typed_answer


class Recording(SetAside):
    """Commands that answer, skip, clear and annotate; each saves the draft."""

    def answer(self, value: Any) -> None:
        """Answer the current step and move on to the next step that still needs an answer."""
        step = self.cursor
        kind = step.kind
        if kind == "case":
            self._set_case(step.key, value)
        elif kind == "context":
            self._set_context(step.key, value)
        elif kind == "gate":
            self.context[self._section(step).gate_key or step.item] = self._yes_no(value)
        elif kind == "offer":
            answer = {OFFER_ACCEPTED: "yes", OFFER_DECLINED: "no"}.get(str(value))
            answer = answer or typed_answer(value)
            if answer not in ("yes", "no"):
                raise InterviewError(Interviewing.ANSWER_THE_OFFER)
            choice = OFFER_ACCEPTED if answer == "yes" else OFFER_DECLINED
            self.context[offer_key(step.key)] = choice
        elif kind == "item":
            self._set_item(step.key, step.item, self._yes_no(value))
            self.last_answered = step
        elif kind == "detail":
            self._set_detail(step, value)
        else:
            raise InterviewError(Interviewing.NOT_ANSWERED_THAT_WAY)
        self._changed()
        self._advance()
        self.save()

    def skip(self) -> None:
        """Leave an optional case detail, pre-flight check or item detail as it is; move on."""
        step = self.cursor
        if step.kind not in ("case", "context", "detail"):
            raise InterviewError(Interviewing.NEEDS_AN_ANSWER)
        if step.kind == "case" and CASE_BY_KEY[step.key].required and not self.case.get(step.key):
            raise InterviewError(Interviewing.REFERENCE_REQUIRED)
        self.recheck.discard(step.key)
        self._advance()
        self.save()

    def clear(self) -> None:
        """Remove the value of the current optional case detail or pre-flight check."""
        step = self.cursor
        if step.kind == "case" and not CASE_BY_KEY[step.key].required:
            self.case.pop(step.key, None)
        elif step.kind == "context":
            self.context.pop(step.key, None)
        else:
            raise InterviewError(Interviewing.ONLY_OPTIONAL_CLEARED)
        self._changed()
        self.save()

    def comment(self, text: str | None, step: Step | None = None) -> None:
        """Add, replace or (with ``None`` or blank) remove the comment of an item.

        On an item not yet answered the comment is held as pending (see :attr:`pending`)."""
        self._annotate(step or self.cursor, "comment", text, multiline=True, limit=20_000)

    def source(self, text: str | None, step: Step | None = None) -> None:
        """Record where the answer came from when it is not the victim (blank removes it)."""
        self._annotate(step or self.cursor, "source", text, multiline=False, limit=500)

    def detail(self, detail_id: str, value: Any, step: Step | None = None) -> None:
        """Record one detail of an answered item (the ``when`` of the detail must hold)."""
        target = step or self.cursor
        if target.kind not in ("item", "detail"):
            raise InterviewError(Interviewing.DETAILS_BELONG_TO_ITEM)
        detail_step = Step("detail", target.key, target.item, detail_id)
        if detail_step not in self.steps():
            raise InterviewError(Interviewing.DETAIL_DOES_NOT_APPLY)
        self._set_detail(detail_step, value)
        self._changed()
        self.save()

    # ------------------------------------------------------------------ mutation helpers

    def _yes_no(self, value: Any) -> str:
        answer = typed_answer(value)
        if answer is None:
            raise InterviewError(Interviewing.ANSWER_YES_NO)
        return answer

    def _set_case(self, key: str, value: Any) -> None:
        spec = CASE_BY_KEY[key]
        self.recheck.discard(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            default = self._default(Step("case", key))
            if default is None:
                if spec.required:
                    raise InterviewError(Interviewing.REFERENCE_REQUIRED)
                self.case.pop(key, None)
                return
            value = default
        if spec.kind == "date":
            parsed: Any = value if isinstance(value, date) else parse_date(str(value), self.today)
        elif spec.kind == "count":
            parsed = value if isinstance(value, int) else parse_count(str(value))
        elif spec.kind == "relationship":
            parsed = parse_relationship(str(value))
        else:
            parsed = clean_text(str(value).strip(), "text", limit=64 if key == "reference" else 500)
        try:
            Case.model_validate({"reference": "x", key: parsed})
        except ValidationError:
            what = spec.shown()[0].lower()
            raise InterviewError(Interviewing.NOT_A_VALUE_FOR, what=what) from None
        self.case[key] = parsed

    def _set_context(self, key: str, value: Any) -> None:
        spec = PREFLIGHT_BY_KEY[key]
        if spec.kind == "yes-no":
            answer = self._yes_no(value)
            self.context[key] = answer
            if key == "safe_to_talk" and answer != "yes":
                self.notices.append(gettext(UNSAFE_TO_TALK))
            return
        text = clean_text(str(value or "").strip(), "text")
        if text:
            self.context[key] = text
        else:
            self.context.pop(key, None)

    def _set_item(self, instrument: str, item_id: str, answer: str) -> None:
        record = self.responses.setdefault(instrument, {}).setdefault(item_id, {})
        record["answer"] = answer
        record.update(self.pending.pop((instrument, item_id), {}))

    def _set_detail(self, step: Step, value: Any) -> None:
        item = self._item(step)
        d = next((d for d in item.details if d.id == step.detail), None)
        if d is None:
            raise InterviewError(Interviewing.UNKNOWN_DETAIL)
        record = self.responses.get(step.key, {}).get(step.item)
        if record is None:
            raise InterviewError(Interviewing.ITEM_BEFORE_DETAILS)
        details = record.setdefault("details", {})
        if value is None or value == "" or value == []:
            details.pop(d.id, None)
        elif d.kind == "yes-no":
            details[d.id] = self._yes_no(value)
        elif d.kind == "choices":
            labels = {c.id: c.label for c in d.choices}
            named = by_label(value, labels) if isinstance(value, str) else None
            chosen = [named] if named is not None else _choices(value, list(labels))
            if d.single and len(chosen) > 1:
                raise InterviewError(Interviewing.ONE_NUMBER_ONLY)
            details[d.id] = chosen[0] if d.single else chosen
        else:
            details[d.id] = clean_text(str(value).strip(), "detail")
        if not details:
            record.pop("details")

    def _annotate(self, step: Step, key: str, text: str | None, **kw: Any) -> None:
        if step.kind not in ("item", "detail"):
            raise InterviewError(Interviewing.COMMENTS_BELONG_TO_ITEM)
        self._item(step)
        record = self.responses.get(step.key, {}).get(step.item)
        cleaned = (text or "").strip()
        if cleaned:
            cleaned = clean_text(cleaned, key, **kw)
        if record is None:  # not answered yet: hold the note until it is
            held = self.pending.setdefault((step.key, step.item), {})
            if cleaned:
                held[key] = cleaned
            else:
                held.pop(key, None)
            if not held:
                del self.pending[(step.key, step.item)]
            return
        if cleaned:
            record[key] = cleaned
        else:
            record.pop(key, None)
        self._dirty()
        self.save()


def _choices(value: Any, allowed: list[str]) -> list[str]:
    parts: Iterable[Any] = value if isinstance(value, list) else re.split(r"[,\s]+", str(value))
    out: list[str] = []
    for part in parts:
        token = str(part).strip()
        if not token:
            continue
        if token.isdigit() and 1 <= int(token) <= len(allowed):
            token = allowed[int(token) - 1]
        if token not in allowed:
            raise InterviewError(Interviewing.CHOOSE_NUMBERS, count=len(allowed))
        if token not in out:
            out.append(token)
    return out
