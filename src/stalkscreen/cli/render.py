"""Rich views of core results. Every user-supplied string goes in as plain Text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from stalkscreen.cli.common import console, safe
from stalkscreen.interview.words import answer_label

if TYPE_CHECKING:
    from stalkscreen.definitions.files import LoadedQuestionnaire
    from stalkscreen.definitions.library import Library
    from stalkscreen.scoring import Screening

LEVEL_STYLE = {"standard": "green", "medium": "yellow", "high": "bold red"}


def render_about() -> None:
    from stalkscreen import i18n
    from stalkscreen.definitions.languages import load_library_in, translation_status
    from stalkscreen.definitions.words import about_texts
    from stalkscreen.version import __version__

    texts = about_texts(load_library_in())  # the bundled words, in the language in force
    _ = i18n.gettext
    out = console()
    out.print(Text(f"stalkscreen {__version__}", style="bold"))
    out.print(texts.about, markup=False)
    out.print()
    out.print(Text(_("What it is not"), style="bold"))
    out.print(f"• {texts.not_official}", markup=False)
    out.print(f"• {texts.not_prediction}", markup=False)
    out.print()
    out.print(Text(_("Attribution"), style="bold"))
    for line in texts.attribution:
        out.print(f"• {line}", markup=False)
    out.print()
    out.print(Text(_("What the evidence says"), style="bold"))
    for line in texts.evidence_caveats:
        out.print(f"• {line}", markup=False)
    out.print()
    out.print(Text(i18n.gettext("Languages"), style="bold"))
    for code in i18n.LANGUAGES:
        status = translation_status(code)
        line = f"• {i18n.NAMES[code]} ({code})"
        if code == i18n.SOURCE_LANGUAGE:
            line += ": " + i18n.gettext("the source text")
        else:
            line += f": translation_status: {status or '-'}"
        out.print(line, markup=False)


def not_prediction(library: Library | None) -> str:
    """The not-a-prediction note in the library's language (English without one)."""
    if library is None:
        from stalkscreen.about import NOT_PREDICTION

        return NOT_PREDICTION
    from stalkscreen.definitions.words import about_texts

    return about_texts(library).not_prediction


def render_screening(result: Screening, marking: str, library: Library | None = None) -> None:
    """The outcome summary of `score` (and the end of the interview)."""
    if result.purpose == "probation":  # the person who stalks: urgency and domains
        from stalkscreen.cli.probation import render_probation

        render_probation(result, marking, library)
        return
    from stalkscreen.about import level_words
    from stalkscreen.i18n import gettext as _
    from stalkscreen.i18n import localize, pgettext
    from stalkscreen.interview.judgement import final_outcome
    from stalkscreen.report.effects import effect_words
    from stalkscreen.report.routes import MESSAGES_NOT_SAFE, SAFETY_LABELS

    out = console()
    out.print(safe(marking), style="bold reverse")
    head = Text(_("Screening") + " ", style="bold")
    head.append_text(safe(result.reference))
    when = str(result.assessed_on) if result.assessed_on else _("date not recorded")
    head.append(" · " + _("assessed %(date)s") % {"date": when} + " · " + _("profile") + " ")
    head.append_text(safe(result.profile))
    out.print(head)
    if result.status != "completed":
        out.print(Text(_("DRAFT: this screening is still in progress."), style="bold yellow"))
    out.print()

    if result.safety.get("messages_safe") == "no":
        out.print(Text(_(MESSAGES_NOT_SAFE), style="bold reverse red"))
    level_text, meaning = level_words(result.risk_level, result.level_basis, upper=True)
    level = Text(_("Risk level:") + " ", style="bold")
    judged_or_flag = result.level_basis in ("judged", "red-flag")
    level.append(
        level_text, style=LEVEL_STYLE[result.risk_level] if judged_or_flag else "bold yellow"
    )
    if not result.complete:
        level.append(" · " + _("INCOMPLETE"), style="bold yellow")
    out.print(level)
    out.print(Text(f"  {meaning}"))
    from stalkscreen.about import level_name
    from stalkscreen.report.outcome import SOURCE_LABELS

    sources = ", ".join(
        f"{_(SOURCE_LABELS.get(k, k))} {level_name(v)}"
        for k, v in result.level_sources.items()
        if v
    )
    highest = sources or _("no graded source (standard)")
    out.print(Text("  " + _("SC-LEVEL: the highest of %(sources)s") % {"sources": highest}))

    marac = Text(_("MARAC referral:") + " ", style="bold")
    marac.append(
        _("YES") if result.marac_referral else _("no"),
        style="bold red" if result.marac_referral else "",
    )
    out.print(marac)
    for ev in result.evidence:
        line = Text(
            f"  • {ev.code} ({ev.rule}) → {effect_words(ev.effect)}: ",
            style="bold" if ev.code != "band" else "",
        )
        line.append_text(safe(localize(ev.summary)))
        out.print(line)
        if ev.items:
            items = ", ".join(ev.items)
            out.print(Text("      " + _("items: %(items)s") % {"items": items}, style="dim"))

    if result.urgent:
        out.print(
            Text(
                _("URGENT — red flags present: %(flags)s") % {"flags": ", ".join(result.red_flags)},
                style="bold red",
            )
        )
    if result.prompts:
        out.print(Text(_("Judgement prompts (for you to weigh; not scored):"), style="bold"))
        for hit in result.prompts:
            line = Text(f"  • {hit.id}: ")
            line.append_text(safe(localize(hit.text)))
            out.print(line)
    if result.follow_up:
        out.print(
            Text(_("Follow up (answered don't know):") + " ", style="bold").append(
                ", ".join(result.follow_up)
            )
        )
    if result.incomplete:
        out.print(Text(_("INCOMPLETE:"), style="bold yellow"))
        for reason in result.incomplete:
            out.print(Text(f"  • {localize(reason)}"))
    else:
        out.print(Text(_("Complete: every item that applies was asked.")))

    table = Table(title=_("Counts (only yes counts)"), title_justify="left", show_edge=False)
    columns = (
        (_("instrument"), "left"),
        (_("yes"), "right"),
        (_("no"), "right"),
        (_("don't know"), "right"),
        (_("not asked"), "right"),
        (_("band"), "left"),
        (_("version"), "left"),
        (_("wording"), "left"),
    )
    for col, justify in columns:
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for r in result.instruments.values():
        table.add_row(
            r.title,
            str(r.yes),
            str(r.no),
            str(r.unknown),
            str(r.not_asked),
            level_name(r.band) if r.band else "—",
            r.stamp,
            safe(pgettext("wording", "bundled") if r.wording == "bundled" else r.wording),
        )
    out.print()
    out.print(table)
    if result.instruments.get("s-dash"):
        s = result.instruments["s-dash"]
        items = ", ".join(s.yes_items) or _("none")
        out.print(
            Text(
                _("S-DASH: %(yes)s of %(total)s yes (%(items)s)")
                % {"yes": s.yes, "total": s.total, "items": items}
            )
        )
    if result.warnings:
        out.print(Text(_("Warnings:"), style="bold"))
        for warning in result.warnings:
            out.print(Text(f"  • {localize(warning)}"))
    if result.safety:
        out.print(Text(_("What the victim said about their safety:"), style="bold"))
        for key, label in SAFETY_LABELS.items():
            if key in result.safety:
                said = answer_label(result.safety[key])  # yes/no/unknown in the language
                out.print(Text(f"  • {_(label)}: ").append_text(safe(said)))
    out.print()
    out.print(Text(not_prediction(library), style="italic"))
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
