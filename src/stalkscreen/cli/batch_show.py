"""The batch command's summary on stderr: counts, and the threshold what-if."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stalkscreen.batch import Summary


def show_summary(summary: Summary) -> None:
    from rich.table import Table

    from stalkscreen.about import level_name
    from stalkscreen.cli.common import console
    from stalkscreen.i18n import gettext as _

    data = summary.to_dict()
    table = Table(title=_("Batch summary"), title_justify="left", show_edge=False)
    table.add_column("")
    table.add_column(_("count"), justify="right")
    table.add_column(_("share of scored"), justify="right")

    def row(label: str, count: int, share: bool = True) -> None:
        table.add_row(label, f"{count:,}", f"{summary.share(count):.1%}" if share else "")

    row(_("screenings read"), summary.screenings, share=False)
    row(_("scored"), summary.scored, share=False)
    for level, count in data["risk_levels"].items():
        if level == "not-graded":
            row("  " + _("not graded"), count)
        else:
            row("  " + _("risk %(level)s") % {"level": level_name(level)}, count)
    row(_("MARAC referrals"), summary.marac)
    for reason, count in data["marac_reasons"].items():
        row("  " + _("reason %(code)s") % {"code": reason}, count)
    row(_("urgent (any SRP red flag)"), summary.urgent)
    for flag, info in data["red_flags"].items():
        row("  " + _("red flag %(id)s") % {"id": flag}, info["count"])
    row(_("incomplete"), summary.incomplete)
    row(_("failed"), summary.failed, share=False)
    if summary.stopped_early:
        table.add_row(_("stopped at the first failure (--fail-fast)"), "", "")
    console(stderr=True).print(table)


def show_whatif(data: dict[str, object]) -> None:
    """The threshold what-if: referrals and levels under the run's profile and the other."""
    from rich.table import Table

    from stalkscreen.cli.common import console

    table = Table(
        title=f"What if: profile {data['profile']}",
        title_justify="left",
        show_edge=False,
    )
    table.add_column("")
    table.add_column("this run", justify="right")
    table.add_column(str(data["profile"]), justify="right")
    table.add_row(
        "MARAC referrals", f"{data['marac_referrals']:,}", f"{data['marac_referrals_compared']:,}"
    )
    reasons = data["marac_reasons"]
    if not isinstance(reasons, dict):
        raise TypeError("the what-if summary's marac_reasons is not a mapping")
    for reason, (here, there) in reasons.items():
        table.add_row(f"  reason {reason}", f"{here:,}", f"{there:,}")
    table.add_row("referrals it would add", "", f"{data['referrals_gained']:,}")
    table.add_row("referrals it would drop", "", f"{data['referrals_lost']:,}")
    table.add_row("levels it would raise", "", f"{data['levels_raised']:,}")
    table.add_row("levels it would lower", "", f"{data['levels_lowered']:,}")
    console(stderr=True).print(table)
