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

if TYPE_CHECKING:
    from stalkscreen.interview.judgement import Choice


ABOUT_THIS_STEP = ("judgement-required", "record-judgement", "unknowns-could-cross-threshold")
"""Prompts about the judgement itself: shown first, on the step's first page."""


def judgement_step(driver: Host) -> None:
    """Show the computed outcome and record the practitioner's choice."""
    from stalkscreen.about import level_words
    from stalkscreen.cli.screen_text import clean, into_pages
    from stalkscreen.interview.judgement import by_count, choices, outcome_line

    iv, t = driver.iv, driver.term
    view = iv.view()
    used = driver.header(view)
    width, height = columns(t), t.size()[1]
    result = iv.computed()
    missing = iv.unanswered()
    complete = result.complete and not missing
    outcome = outcome_line(result, judged=False, not_asked=len(missing), complete=complete)
    top = wrap(f"The answers give: {outcome}", width)
    blocks: list[list[str]] = []
    if not by_count(result, judged=False):
        blocks.append(wrap(f"  {level_words(result.risk_level, result.level_basis)[1]}", width))
    blocks += [wrap(f"  • {ev.rule}: {clean(ev.summary)}", width) for ev in result.evidence]
    if missing:
        names = ", ".join(f"{iv.tag(s.key)} {iv.view(s).number}" for s in missing)
        asked = f"  Not yet asked ({len(missing)}): {names}. Press j to ask one."
        blocks.append(wrap(asked, width))
    prompts = sorted(result.prompts, key=lambda hit: hit.id not in ABOUT_THIS_STEP)
    blocks += [wrap(f"  ? {hit.id}: {clean(hit.text)}", width) for hit in prompts]
    if view.value is not None:
        blocks.append([f"Recorded judgement: {clean(view.value)}"])
    options = choices(result)
    menu = wrap(f"{view.prompt}; a recorded level needs a written rationale:", width)
    menu += [f"  {c.key}  {c.label}" for c in options]
    menu.append("  b back · j jump · r review · q save and quit")
    room = height - used - len(top) - len(menu) - 2  # the page line and the input line
    pages = [blocks] if t.plain else into_pages(blocks, max(3, room))
    driver.page %= len(pages)
    for line in top:
        t.write(t.style(line, "bold"))
    for block in pages[driver.page]:
        for line in block:
            t.write(line)
    if len(pages) > 1:
        after = "more" if driver.page + 1 < len(pages) else "the first page"
        t.write(t.style(f"page {driver.page + 1} of {len(pages)} · Enter for {after}", "dim"))
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
        driver.message = f"Enter alone does not choose: press {keys}."
    elif not driver.common(key.lower()):
        driver.message = f"Press {keys}, b, j, r or q."


def _record(driver: Host, chosen: Choice, top: list[str]) -> None:
    """Ask the rationale for a recorded level (on a fresh screen), then record the choice."""
    iv, t = driver.iv, driver.term
    rationale = None
    if chosen.level is not None:
        driver.header(iv.view())
        for line in top:
            t.write(t.style(line, "bold"))
        t.write(f"You chose: {chosen.label}.")
        rationale = t.lines(
            f"Why do you judge the risk {chosen.level}? Your written rationale "
            "(end with a line holding only '.'):"
        )
        if not rationale or not rationale.strip():
            driver.message = "A recorded level needs a written rationale; nothing was recorded."
            return
    iv.judge(chosen.level, rationale)
