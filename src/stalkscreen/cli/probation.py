"""The probation screening's parts of the command line: the SRP domain step and the summary.

The interview itself is :class:`~stalkscreen.interview.probation.ProbationInterview`;
this module only draws its domain step and prints the outcome of a probation
screening (SC-PURPOSE, SC-DOMAINS), in the words of a risk-of-serious-harm
review rather than the DASH risk levels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from stalkscreen.cli.common import console, safe

if TYPE_CHECKING:
    from stalkscreen.cli.screen_text import Host
    from stalkscreen.definitions.library import Library
    from stalkscreen.scoring import Screening

LEVEL_KEYS = {"1": "low", "2": "moderate", "3": "high", "l": "low", "m": "moderate", "h": "high"}
DOMAIN_STYLE = {"low": "green", "moderate": "yellow", "high": "bold red"}


def rate_domain(driver: Host) -> None:
    """One SRP domain: a level by one key, then the rationale (required for high)."""
    from stalkscreen.about import level_name
    from stalkscreen.cli.screen_text import clean, columns, wrap
    from stalkscreen.i18n import gettext as _

    iv, t = driver.iv, driver.term
    view = iv.view()
    driver.header(view)
    width = columns(t)
    if view.position == (1, 4):  # before the first domain: what the answers hold
        flags = [s for s in iv.steps() if s.kind == "item" and s.key == "srp-red-flags"]
        yes = [s.item for s in flags if iv.value(s) == "yes"]
        if yes:
            flagged = _(
                "Red flags present: %(flags)s. Any one may mean a high risk of imminent violence."
            ) % {"flags": ", ".join(yes)}
            for line in wrap(flagged, width):
                t.write(t.style(line, "bold"))
    for line in wrap(clean(view.prompt), width, ""):
        t.write(line)
    for line in wrap(f"  {view.guidance}", width):
        t.write(t.style(line, "dim"))
    if view.value is not None:
        now = {"level": level_name(view.value), "rationale": clean(view.comment or "")}
        if view.comment:
            t.write("  " + _("now: %(level)s; rationale: %(rationale)s") % now)
        else:
            t.write("  " + _("now: %(level)s") % now)
    if t.plain:
        t.write(_("1 low · 2 moderate · 3 high · Enter to leave it unrated · b back · r review"
                  " · q save and quit"))  # fmt: skip
    else:
        t.write(_("[1] low  [2] moderate  [3] high  [Enter] leave unrated  [b] back [q] quit"))
    key = t.key("> ").lower().strip()
    if key in ("", "\r", "\n"):
        iv.skip()
        return
    level = LEVEL_KEYS.get(key)
    if level is None:
        if not driver.common(key):
            driver.message = _("Press 1, 2 or 3 (or Enter to leave the domain unrated).")
        return
    if level == "high":
        ask = _("Why %(level)s? (required; end with a line holding only '.')")
    else:
        ask = _("Why %(level)s? (optional: a lone '.' skips it; end with a line holding only '.')")
    rationale = t.lines(ask % {"level": level_name(level)})
    if level == "high" and not (rationale and rationale.strip()):
        driver.message = _("A domain rated high needs a written rationale; nothing was changed.")
        return
    from stalkscreen.interview.probation import ProbationInterview

    if not isinstance(iv, ProbationInterview):  # only its sequence has domain steps
        raise TypeError("an SRP domain step outside a probation interview")
    iv.rate(level, rationale)


def render_probation(result: Screening, marking: str, library: Library | None = None) -> None:
    """The outcome of a probation screening: urgency and red flags, then the SRP domains."""
    from stalkscreen.about import level_name
    from stalkscreen.i18n import gettext as _
    from stalkscreen.i18n import localize
    from stalkscreen.scoring.probation import DOMAIN_WORDS

    out = console()
    out.print(safe(marking), style="bold reverse")
    head = Text(_("Probation screening") + " ", style="bold")
    head.append_text(safe(result.reference))
    when = str(result.assessed_on) if result.assessed_on else _("date not recorded")
    head.append(" · " + _("assessed %(date)s") % {"date": when} + " · " + _("profile") + " ")
    head.append_text(safe(result.profile))
    out.print(head)
    if result.status != "completed":
        out.print(Text(_("DRAFT: this screening is still in progress."), style="bold yellow"))
    out.print()
    if result.urgent:
        out.print(
            Text(
                _(
                    "URGENT — red flags present: %(flags)s. The risk of imminent violence may "
                    "be high: review the risk of serious harm now."
                )
                % {"flags": ", ".join(result.red_flags)},
                style="bold red",
            )
        )
        for note in result.red_flag_notes:
            out.print(Text("  " + _("note: %(note)s") % {"note": localize(note)}))
    else:
        out.print(Text(_("No red flag is present (see what is unknown or not asked below).")))
    out.print(Text(_("SRP domains (professional judgement; never computed):"), style="bold"))
    domains = result.srp_domains or {}
    for domain, words in DOMAIN_WORDS.items():
        line = Text(f"  • {_(words)}: ")
        level = domains.get(domain)
        line.append(
            level_name(level) if level else _("not rated"),
            style=DOMAIN_STYLE.get(level or "", "yellow"),
        )
        out.print(line)
    if result.stalking_type:
        out.print(Text(_("Type of stalking:") + f" {result.stalking_type}"))
    if result.heightened_risk_factors:
        factors = ", ".join(result.heightened_risk_factors)
        out.print(Text(_("Heightened-risk factors: %(factors)s") % {"factors": factors}))
    for ev in result.evidence:
        if ev.rule in ("SC-FOUR", "SC-TYPE", "SC-HRF"):
            line = Text(f"  • {ev.rule}: ")
            line.append_text(safe(localize(ev.summary)))
            out.print(line)
    if result.follow_up:
        out.print(Text(_("Follow up (answered don't know):") + " ", style="bold").append(
            ", ".join(result.follow_up)))  # fmt: skip
    if result.incomplete:
        out.print(Text(_("INCOMPLETE:"), style="bold yellow"))
        for reason in result.incomplete:
            out.print(Text(f"  • {localize(reason)}"))
    for warning in result.warnings:
        out.print(Text(_("Warning: %(warning)s") % {"warning": localize(warning)}, style="yellow"))
    out.print()
    if library is None:
        from stalkscreen.about import NOT_PREDICTION as note
    else:
        from stalkscreen.definitions.words import about_texts

        note = about_texts(library).not_prediction
    out.print(Text(note, style="dim"))
    out.print(safe(marking), style="bold reverse")
