"""The Overview tab of a matter: status, claims, client contact, screening, over-detention."""

from __future__ import annotations

from rich.text import Text

from casekit.services.views import MatterDetail, ScreeningView, claim_label
from casekit.tui.widgets.format import day, label, language

DECISION_STYLE = {"eligible": "bold green", "ineligible": "bold red", "verify": "bold yellow"}
CLAIM_STYLE = {
    "available": "green",
    "verify": "yellow",
    "optional": "cyan",
    "expired": "bold red",
    "not_available": "dim",
}


def screening_text(view: ScreeningView, *, heading: str = "Screening") -> Text:
    """A decision and its reasons, each with citation, confidence and a verify marker."""
    text = Text()
    text.append(f"{heading}: ", style="bold")
    text.append(view.decision.upper(), style=DECISION_STYLE.get(view.decision, "bold"))
    if view.verify and view.decision != "verify":
        text.append("  verify", style="bold yellow")
    text.append("\n")
    for reason in view.reasons:
        text.append(" • ")
        if reason.verify:
            text.append("[verify] ", style="bold yellow")
        text.append(reason.text)
        if reason.citation:
            text.append(f"  ({reason.citation}; {reason.confidence})", style="dim")
        text.append("\n")
    if view.claims:
        text.append("Claims (limitation deadline, as of today):\n", style="bold")
        for claim in view.claims:
            text.append(" • ")
            text.append(
                f"{claim.status.replace('_', ' ').upper():<13}",
                style=CLAIM_STYLE.get(claim.status, ""),
            )
            text.append(f" {claim.label}")
            if claim.verify:
                text.append("  [verify]", style="bold yellow")
            if claim.limitation_due is not None:
                when = "ended" if claim.status == "expired" else "due"
                text.append(
                    f"  {when} {day(claim.limitation_due)}, act by {day(claim.limitation_safe)}",
                    style="dim",
                )
            text.append("\n")
    for notice in view.notices:
        text.append("Notice: ", style="bold yellow")
        text.append(notice + "\n")
    if view.stored:
        text.append(
            f"Screened {day(view.screened_on)} under law pack {view.law_version}.\n", style="dim"
        )
    if view.outdated:
        text.append(
            f"From an older law pack: the pack in force is {view.current_version}. Run the law "
            "check (command palette) to see what it would change.\n",
            style="bold yellow",
        )
    return text


def overview(detail: MatterDetail) -> Text:
    head = Text()
    head.append(f"{detail.number}  ", style="bold")
    head.append(f"{detail.client}\n", style="bold")
    rows = (
        ("Status", label(detail.status)),
        ("Opened", day(detail.opened_on)),
        ("Attorney", detail.attorney or "— none assigned —"),
        ("Language", language(detail.client_language)),
        (
            "Claims",
            ", ".join(claim_label(c) for c in detail.claims) or "— none selected —",
        ),
        ("Relief", detail.relief_sought or "—"),
        ("Over-detention", detail.over_detention or "— no custody times recorded —"),
    )
    for name, value in rows:
        head.append(f"{name:>15}: ", style="dim")
        head.append(f"{value}\n")
    for line in detail.contact:
        head.append(f"{'Contact':>15}: ", style="dim")
        head.append(line + "\n", style="bold red" if "NOT safe" in line else "")
    for incident, view in zip(detail.incidents, detail.screening, strict=False):
        head.append(
            f"\nIncident {day(incident.occurred_on)} · {incident.town} · {incident.agency}\n",
            style="bold",
        )
        head.append_text(screening_text(view))
    return head
