"""The words of fees and costs: task categories, cost kinds, roles, outcomes, exclusions."""

from __future__ import annotations

from collections.abc import Sequence

from casekit.errors import InvalidInput

# --- vocabulary ---------------------------------------------------------------------------------

TASK_CATEGORIES = (
    "investigation",
    "foi",
    "pleadings",
    "discovery",
    "motions",
    "trial",
    "fee_petition",
)
CATEGORY_LABELS = {
    "investigation": "Investigation",
    "foi": "FOI requests",
    "pleadings": "Pleadings",
    "discovery": "Discovery",
    "motions": "Motions",
    "trial": "Trial",
    "fee_petition": "Fee petition",
}
COST_KINDS = ("filing_fee", "marshal_fee", "transcript", "expert", "foi_copy_fee", "other")
COST_LABELS = {
    "filing_fee": "Filing fee",
    "marshal_fee": "Marshal's fee",
    "transcript": "Transcript",
    "expert": "Expert",
    "foi_copy_fee": "FOI copy fee",
    "other": "Other",
}
#: Roles of the people whose time is billed (``User.role``); ``admin`` keeps no time.
TIMEKEEPER_ROLES = ("attorney", "paralegal", "law_clerk")
ROLE_LABELS = {"attorney": "Attorney", "paralegal": "Paralegal", "law_clerk": "Law clerk"}

#: How a matter ended (``Matter.outcome``), counted by the caseload and agencies reports.
OUTCOMES = ("injunction", "settlement", "judgment", "dismissal", "declined")
#: Entries of the resolution log.
RESOLUTION_KINDS = ("demand", "offer", "settlement", "judgment")
#: The state of a demand or an offer; settlements and judgments have none ("").
OFFER_STATUSES = ("open", "accepted", "rejected", "withdrawn", "expired")
#: Who made a demand or offer; in whose favour a judgment entered.
SIDES = ("plaintiff", "defendant")
#: The court a judgment entered in: it decides the fee-motion rule (rules.toml).
COURTS = ("state", "federal")

#: Exclusion reasons, in the order they are tested.
NO_CHARGE = "no-charge"
UNRELATED = "unrelated"
EXCLUSION_LABELS = {
    NO_CHARGE: "no charge (billing judgment)",
    UNRELATED: "unrelated to a successful claim",
}


def check_choice(value: str, choices: Sequence[str], what: str) -> str:
    """``value`` folded to a known key (``FOI`` → ``foi``, ``fee-petition`` → ``fee_petition``)."""
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in choices:
        raise InvalidInput(f"unknown {what} '{value.strip()[:40]}' (known: {', '.join(choices)})")
    return key


def claim_label(claim: str) -> str:
    """How a claim is named in a report ("All claims" for "")."""
    # lazily: the CLI imports domain.fees early
    from casekit.domain.lawpack import default_pack

    if not claim:
        return "All claims"
    found = default_pack().claims.get(claim)
    return found.label if found else claim
