"""The Overview tab of a matter: status, claims, client contact, screening, over-detention."""

from __future__ import annotations

from rich.text import Text

from casekit.services.casefile import ClaimView, MatterDetail, ScreeningView, claim_label
from casekit.tui.widgets.format import day, label, language

DECISION_STYLE = {"eligible": "bold green", "ineligible": "bold red", "verify": "bold yellow"}
CLAIM_STYLE = {
    "available": "green",
    "verify": "yellow",
    "optional": "cyan",
    "expired": "bold red",
    "not_available": "dim",
}


def expired_line(claims: tuple[ClaimView, ...]) -> Text:
    """ "2 claims EXPIRED: … (ended …)": screening step 5 reports an expired claim, never hides
    it and never offers it; said first, so nobody reads past it."""
    gone = [c for c in claims if c.status == "expired"]
    if not gone:
        return Text("")
    text = Text(f"{len(gone)} claim{'s' if len(gone) > 1 else ''} EXPIRED: ", style="bold red")
    text.append(
        "; ".join(
            f"{c.label} (ended {day(c.limitation_due)})" if c.limitation_due else c.label
            for c in gone
        )
    )
    text.append(" (not offered)\n", style="dim")
    return text


def screening_text(view: ScreeningView, *, heading: str = "Screening") -> Text:
    """A decision and its reasons, each with citation, confidence and a verify marker; expired
    claims flagged first."""
    text = Text()
    text.append(f"{heading}: ", style="bold")
    text.append(view.decision.upper(), style=DECISION_STYLE.get(view.decision, "bold"))
    if view.verify and view.decision != "verify":
        text.append("  verify", style="bold yellow")
    text.append("\n")
    text.append_text(expired_line(view.claims))
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


def _selected_claims(detail: MatterDetail) -> Text | str:
    """The matter's claims; one whose limitation period ended (screening step 5, as of today)
    is marked EXPIRED."""
    if not detail.claims:
        return "— none selected —"
    expired = {
        c.claim: c for view in detail.screening for c in view.claims if c.status == "expired"
    }
    text = Text()
    for n, claim in enumerate(detail.claims):
        if n:
            text.append(", ")
        text.append(claim_label(claim))
        if claim in expired:
            ended = expired[claim].limitation_due
            text.append(f" EXPIRED {day(ended)}" if ended else " EXPIRED", style="bold red")
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
        ("Claims", _selected_claims(detail)),
        ("Relief", detail.relief_sought or "—"),
        ("Over-detention", detail.over_detention or "— no custody times recorded —"),
    )
    for name, value in rows:
        head.append(f"{name:>15}: ", style="dim")
        head.append_text(value) if isinstance(value, Text) else head.append(value)
        head.append("\n")
    if detail.marker is not None:
        head.append(f"{'Deadlines':>15}: ", style="dim")
        head.append(detail.marker.text.upper() + " (Deadlines tab)\n", style="bold magenta")
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
