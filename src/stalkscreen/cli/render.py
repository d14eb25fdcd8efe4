"""Rich views of core results. Every user-supplied string goes in as plain Text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from stalkscreen.cli.common import console, safe

if TYPE_CHECKING:
    from stalkscreen.definitions.files import LoadedQuestionnaire
    from stalkscreen.scoring import Screening

LEVEL_STYLE = {"standard": "green", "medium": "yellow", "high": "bold red"}


def render_about() -> None:
    from stalkscreen.about import ABOUT, ATTRIBUTION, EVIDENCE_CAVEATS, NOT_OFFICIAL, NOT_PREDICTION
    from stalkscreen.version import __version__

    out = console()
    out.print(Text(f"stalkscreen {__version__}", style="bold"))
    out.print(ABOUT, markup=False)
    out.print()
    out.print(Text("What it is not", style="bold"))
    out.print(f"• {NOT_OFFICIAL}", markup=False)
    out.print(f"• {NOT_PREDICTION}", markup=False)
    out.print()
    out.print(Text("Attribution", style="bold"))
    for line in ATTRIBUTION:
        out.print(f"• {line}", markup=False)
    out.print()
    out.print(Text("What the evidence says", style="bold"))
    for line in EVIDENCE_CAVEATS:
        out.print(f"• {line}", markup=False)


def render_screening(result: Screening, marking: str) -> None:
    """The outcome summary of `score` (and the end of the interview)."""
    if result.purpose == "probation":  # the person who stalks: urgency and domains
        from stalkscreen.cli.probation import render_probation

        render_probation(result, marking)
        return
    from stalkscreen.about import NOT_PREDICTION, level_words
    from stalkscreen.interview.judgement import final_outcome
    from stalkscreen.report.routes import MESSAGES_NOT_SAFE, SAFETY_LABELS

    out = console()
    out.print(safe(marking), style="bold reverse")
    head = Text("Screening ", style="bold")
    head.append_text(safe(result.reference))
    head.append(f" · assessed {result.assessed_on or 'date not recorded'} · profile ")
    head.append_text(safe(result.profile))
    out.print(head)
    if result.status != "completed":
        out.print(Text("DRAFT: this screening is still in progress.", style="bold yellow"))
    out.print()

    if result.safety.get("messages_safe") == "no":
        out.print(Text(MESSAGES_NOT_SAFE, style="bold reverse red"))
    level_text, meaning = level_words(result.risk_level, result.level_basis, upper=True)
    level = Text("Risk level: ", style="bold")
    judged_or_flag = result.level_basis in ("judged", "red-flag")
    level.append(
        level_text, style=LEVEL_STYLE[result.risk_level] if judged_or_flag else "bold yellow"
    )
    if not result.complete:
        level.append(" · INCOMPLETE", style="bold yellow")
    out.print(level)
    out.print(Text(f"  {meaning}"))
    sources = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in result.level_sources.items() if v)
    out.print(Text(f"  SC-LEVEL: the highest of {sources or 'no graded source (standard)'}"))

    marac = Text("MARAC referral: ", style="bold")
    marac.append(
        "YES" if result.marac_referral else "no", style="bold red" if result.marac_referral else ""
    )
    out.print(marac)
    for ev in result.evidence:
        line = Text(
            f"  • {ev.code} ({ev.rule}) → {ev.effect}: ", style="bold" if ev.code != "band" else ""
        )
        line.append_text(safe(ev.summary))
        out.print(line)
        if ev.items:
            out.print(Text(f"      items: {', '.join(ev.items)}", style="dim"))

    if result.urgent:
        out.print(
            Text(f"URGENT — red flags present: {', '.join(result.red_flags)}", style="bold red")
        )
    if result.prompts:
        out.print(Text("Judgement prompts (for you to weigh; not scored):", style="bold"))
        for hit in result.prompts:
            line = Text(f"  • {hit.id}: ")
            line.append_text(safe(hit.text))
            out.print(line)
    if result.follow_up:
        out.print(
            Text("Follow up (answered don't know): ", style="bold").append(
                ", ".join(result.follow_up)
            )
        )
    if result.incomplete:
        out.print(Text("INCOMPLETE:", style="bold yellow"))
        for reason in result.incomplete:
            out.print(Text(f"  • {reason}"))
    else:
        out.print(Text("Complete: every item that applies was asked."))

    table = Table(title="Counts (only yes counts)", title_justify="left", show_edge=False)
    for col in ("instrument", "yes", "no", "don't know", "not asked", "band", "version", "wording"):
        table.add_column(
            col, justify="right" if col in {"yes", "no", "don't know", "not asked"} else "left"
        )
    for r in result.instruments.values():
        table.add_row(
            r.title,
            str(r.yes),
            str(r.no),
            str(r.unknown),
            str(r.not_asked),
            r.band or "—",
            r.stamp,
            safe(r.wording),
        )
    out.print()
    out.print(table)
    if result.instruments.get("s-dash"):
        s = result.instruments["s-dash"]
        out.print(Text(f"S-DASH: {s.yes} of {s.total} yes ({', '.join(s.yes_items) or 'none'})"))
    if result.warnings:
        out.print(Text("Warnings:", style="bold"))
        for warning in result.warnings:
            out.print(Text(f"  • {warning}"))
    if result.safety:
        out.print(Text("What the victim said about their safety:", style="bold"))
        for key, label in SAFETY_LABELS.items():
            if key in result.safety:
                out.print(Text(f"  • {label}: ").append_text(safe(result.safety[key])))
    out.print()
    out.print(Text(NOT_PREDICTION, style="italic"))
    out.print(Text(final_outcome(result), style="bold"))
    out.print(safe(marking), style="bold reverse")


def render_outcome(result: Screening) -> None:
    """The outcome in one last line (end of the interview), so that however long the summary
    above it, the level, the MARAC decision and urgency are on screen."""
    from stalkscreen.interview.judgement import final_outcome

    console().print(Text(final_outcome(result), style="bold"))


def render_questionnaire(loaded: LoadedQuestionnaire) -> None:
    """`questionnaires show ID`: sections, items, conditions and prompts."""
    q = loaded.definition
    out = console()
    out.print(Text(f"{q.title} ({q.id} {loaded.stamp})", style="bold"))
    out.print(Text(q.label, style="italic"))
    out.print(
        Text(f"Wording: {loaded.wording}   Kind: {q.kind}   Graded by: {q.band_scale or 'no band'}")
    )
    if q.offered_when:
        out.print(Text(f"Offered when: {q.offered_when}"))
    out.print(Text(f"Attribution: {q.attribution}", style="dim"))
    for section in q.sections:
        out.print()
        title = Text(section.title, style="bold underline")
        if section.when:
            title.append(f"   (asked when {section.when})", style="")
        out.print(title)
        if section.gate:
            out.print(Text(f"  gate → context.{section.gate_key}: {section.gate}", style="dim"))
        table = Table(show_header=True, show_edge=False, expand=True)
        table.add_column("id", no_wrap=True)
        table.add_column("no.", justify="right")
        table.add_column("question")
        table.add_column("basis", no_wrap=True)
        for item in q.items:
            if item.section != section.id:
                continue
            text = safe(item.prompt)
            for detail in item.details:
                text.append(f"\n  + {detail.id}: {detail.prompt}", style="dim")
            if item.equivalent:
                text.append(f"\n  = {item.equivalent}", style="dim")
            table.add_row(
                item.id,
                str(item.number or ""),
                text,
                "✔ confirmed" if item.confidence == "confirmed" else "⚠ reconstructed",
            )
        out.print(table)
    if q.prompts:
        out.print()
        out.print(Text("Judgement prompts (SC-PROMPTS)", style="bold underline"))
        for p in q.prompts:
            out.print(Text(f"  • {p.id} when {p.when}"))
