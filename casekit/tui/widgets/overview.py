"""The Overview tab of a matter: status, claims, client contact, screening, over-detention."""

from __future__ import annotations

from rich.text import Text

from casekit.domain.model import CLAIM_LABELS
from casekit.services.views import MatterDetail, ScreeningView
from casekit.tui.widgets.format import day, label

DECISION_STYLE = {"eligible": "bold green", "ineligible": "bold red", "verify": "bold yellow"}


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
    if view.other_claims:
        text.append("Other claims the facts suggest:\n", style="bold")
        for claim in view.other_claims:
            text.append(" • ")
            if claim.verify:
                text.append("[verify] ", style="bold yellow")
            text.append(claim.text)
            text.append(f"  ({claim.citation}; {claim.confidence})\n", style="dim")
    return text


def overview(detail: MatterDetail) -> Text:
    head = Text()
    head.append(f"{detail.number}  ", style="bold")
    head.append(f"{detail.client}\n", style="bold")
    rows = (
        ("Status", label(detail.status)),
        ("Opened", day(detail.opened_on)),
        ("Attorney", detail.attorney or "— none assigned —"),
        ("Language", detail.client_language),
        (
            "Claims",
            ", ".join(CLAIM_LABELS.get(c, label(c)) for c in detail.claims) or "— none selected —",
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
