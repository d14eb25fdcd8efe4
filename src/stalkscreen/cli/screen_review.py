"""The interview's review screen on a terminal: every answer on one compact line,
labelled with what it belongs to (Case, Safety, DASH, S-DASH, …). On a terminal the rows
are shown a page at a time (Enter for the next); in plain mode they are all printed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stalkscreen.cli.screen_text import answer_label, clean, columns, into_pages, wrap
from stalkscreen.i18n import gettext as _
from stalkscreen.i18n import ngettext

if TYPE_CHECKING:
    from stalkscreen.cli.screen_text import Host
    from stalkscreen.interview import Row


def review_step(driver: Host) -> bool:
    """Show the review screen and act on what is typed; True when the screening is
    finished."""
    iv, t = driver.iv, driver.term
    view = iv.view()
    shown_above = driver.header(view)  # heading and notices
    width, height = t.size()
    blocks = [review_row(row, width) for row in iv.rows()]

    missing = iv.unanswered()
    notes = [_("Before finishing: %(problem)s.") % {"problem": p} for p in iv.problems()]
    if missing:
        count = len(missing)
        notes.insert(
            0,
            ngettext(
                "%(count)d item not yet answered: the screening would be marked incomplete.",
                "%(count)d items not yet answered: the screening would be marked incomplete.",
                count,
            )
            % {"count": count},
        )
    footer = [t.style(line, "yellow") for note in notes for line in wrap(note, columns(t))]
    room = height - shown_above - len(footer) - 3  # the "rows …", keys and input lines
    pages = [blocks] if t.plain else into_pages(blocks, max(5, room))
    driver.page %= len(pages)
    for block in pages[driver.page]:
        for line in block:
            t.write(line)
    for line in footer:
        t.write(line)
    if len(pages) > 1:
        shown = pages[driver.page]
        first = blocks.index(shown[0]) + 1
        where = {"first": first, "last": first + len(shown) - 1, "total": len(blocks)}
        if driver.page + 1 < len(pages):
            t.write(_("rows %(first)d–%(last)d of %(total)d · Enter for more") % where)
        else:
            t.write(_("rows %(first)d–%(last)d of %(total)d · Enter for the first page") % where)
    if t.plain:
        t.write(_("Type a row number to change it · f finish · b back · q save and quit"))
    else:
        t.write(_("Type a row number and Enter to change it · f finish · b back · q save and quit"))
    text = t.key_or_number("> ").strip().lower()
    if text.isdigit():
        iv.edit(int(text))
    elif text == "f":
        if iv.problems():
            driver.message = "; ".join(iv.problems())
            return False
        return True
    elif text == "" and len(pages) > 1:
        driver.page += 1
    elif text == "" or not driver.common(text):
        driver.message = _("Type a row number, f, b or q.")
    return False


def review_row(row: Row, width: int) -> list[str]:
    """A row's lines: number, what it belongs to, the question (cut to fit), the answer."""
    if row.step.kind == "judgement" and row.value in ("standard", "medium", "high"):
        from stalkscreen.about import level_name

        value = level_name(row.value)
    else:
        value = answer_label(row.value)
    head = f"{row.number:>3} {row.group:<9} "
    room = max(20, width - len(head) - len(value) - 4)
    label = clean(row.label)
    if len(label) > room:
        label = label[: room - 1] + "…"
    lines = [f"{head}{label} — {value}"]
    pad = " " * 14
    if row.comment:
        comment = clean(row.comment).replace("\n", "\n" + pad + "  ")
        lines.append(pad + _("comment: %(comment)s") % {"comment": comment})
    if row.source:
        lines.append(pad + _("source: %(source)s") % {"source": clean(row.source)})
    return lines
