"""The interview's judgement step on a terminal (SC-PJ, SC-JUDGE, SC-COMPLETE).

The screen is built to fit the terminal (80×24 included): the outcome line (level, MARAC
decision, urgency, items not asked) comes first and the menu last, and the reasons,
prompts and items not yet asked between them are paged (Enter for more) instead of being
scrolled off. Text is wrapped between words by the standard library's :mod:`textwrap`,
so the terminal never breaks a word; plain mode shows everything at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stalkscreen.cli.screen_text import Host, columns, wrap
from stalkscreen.i18n import gettext as _
from stalkscreen.i18n import ngettext

if TYPE_CHECKING:
    from stalkscreen.interview.judgement import Choice


ABOUT_THIS_STEP = ("judgement-required", "record-judgement", "unknowns-could-cross-threshold")
"""Prompts about the judgement itself: shown first, on the step's first page."""


def judgement_step(driver: Host) -> None:
    """Show the computed outcome and record the practitioner's choice."""
    from stalkscreen.about import level_words
    from stalkscreen.cli.screen_text import clean, into_pages
    from stalkscreen.i18n import localize
    from stalkscreen.interview.judgement import by_count, choices, outcome_line

    iv, t = driver.iv, driver.term
    view = iv.view()
    used = driver.header(view)
    width, height = columns(t), t.size()[1]
    result = iv.computed()
    missing = iv.unanswered()
    complete = result.complete and not missing
    outcome = outcome_line(result, judged=False, not_asked=len(missing), complete=complete)
    top = wrap(_("The answers give: %(outcome)s") % {"outcome": outcome}, width)
    blocks: list[list[str]] = []
    if not by_count(result, judged=False):
        blocks.append(wrap(f"  {level_words(result.risk_level, result.level_basis)[1]}", width))
    blocks += [
        wrap(f"  • {ev.rule}: {clean(localize(ev.summary))}", width) for ev in result.evidence
    ]
    if missing:
        names = ", ".join(f"{iv.tag(s.key)} {iv.view(s).number}" for s in missing)
        asked = ngettext(
            "Not yet asked (%(count)d): %(items)s. Press j to ask it.",
            "Not yet asked (%(count)d): %(items)s. Press j to ask one.",
            len(missing),
        ) % {"count": len(missing), "items": names}
        blocks.append(wrap(f"  {asked}", width))
    prompts = sorted(result.prompts, key=lambda hit: hit.id not in ABOUT_THIS_STEP)
    blocks += [wrap(f"  ? {hit.id}: {clean(localize(hit.text))}", width) for hit in prompts]
    if view.value is not None:
        blocks.append([_("Recorded judgement: %(level)s") % {"level": _level(view.value)}])
    options = choices(result)
    menu = wrap(
        _("%(prompt)s; a recorded level needs a written rationale:") % {"prompt": view.prompt},
        width,
    )
    menu += [f"  {c.key}  {c.label}" for c in options]
    menu.append("  " + _("b back · j jump · r review · q save and quit"))
    room = height - used - len(top) - len(menu) - 2  # the page line and the input line
    pages = [blocks] if t.plain else into_pages(blocks, max(3, room))
    driver.page %= len(pages)
    for line in top:
        t.write(t.style(line, "bold"))
    for block in pages[driver.page]:
        for line in block:
            t.write(line)
    if len(pages) > 1:
        t.write(t.style(page_line(driver.page, len(pages)), "dim"))
    for line in menu:
        t.write(line)
    keys = ", ".join(c.key for c in options)
    key = t.key("> ").strip()
    chosen = {c.key: c for c in options}.get(key)
    if chosen is not None:
        _record(driver, chosen, top)
    elif key == "" and len(pages) > 1:
        driver.page += 1
    elif key == "":
        driver.message = _("Enter alone does not choose: press %(keys)s.") % {"keys": keys}
    elif not driver.common(key.lower()):
        driver.message = _("Press %(keys)s, b, j, r or q.") % {"keys": keys}


def page_line(page: int, pages: int) -> str:
    """``page 1 of 3 · Enter for more`` (the last page: ``Enter for the first page``)."""
    where = {"page": page + 1, "pages": pages}
    if page + 1 < pages:
        return _("page %(page)d of %(pages)d · Enter for more") % where
    return _("page %(page)d of %(pages)d · Enter for the first page") % where


def _level(value: str) -> str:
    """A recorded judgement as shown: a level's name in the run's language."""
    from stalkscreen.about import level_name
    from stalkscreen.cli.screen_text import clean

    return level_name(value) if value in ("standard", "medium", "high") else clean(value)


def _record(driver: Host, chosen: Choice, top: list[str]) -> None:
    """Ask the rationale for a recorded level (on a fresh screen), then record the choice."""
    iv, t = driver.iv, driver.term
    rationale = None
    if chosen.level is not None:
        driver.header(iv.view())
        for line in top:
            t.write(t.style(line, "bold"))
        t.write(_("You chose: %(choice)s.") % {"choice": chosen.label})
        rationale = t.lines(
            _(
                "Why do you judge the risk %(level)s? Your written rationale (end with a line "
                "holding only '.'):"
            )
            % {"level": _level(chosen.level)}
        )
        if not rationale or not rationale.strip():
            driver.message = _("A recorded level needs a written rationale; nothing was recorded.")
            return
    iv.judge(chosen.level, rationale)
