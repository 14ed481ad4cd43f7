"""The demand letter's numbered demands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from casekit.docgen.context.parties import _trust_act_citation, _words
from casekit.docgen.environment import cite
from casekit.docgen.law import (
    ClaimText,
    claim_text,
)
from casekit.domain.model import (
    CLAIM_1983,
    CLAIM_TRUST_ACT,
    MatterFacts,
)
from casekit.domain.vocabulary import CONFIRMED


def _demands(
    matter: MatterFacts, claims: Sequence[ClaimText], client_name: str, agency: Mapping[str, Any]
) -> list[dict[str, str]]:
    """The demand letter's numbered demands (trust-act.md § 2: ask for what the counts allow).

    ``text`` has no final period (the template adds the citation, then the period); ``citation``
    is already formatted, each source with its own ``[verify]`` marker.
    """
    trust_act = cite(_trust_act_citation(), CONFIRMED)
    demands = [
        {
            "text": f"Stop the practices described above at the {agency['name']}, and stop "
            "detaining people on civil immigration detainers or otherwise cooperating with "
            "federal immigration authorities in the ways the Trust Act prohibits",
            "citation": trust_act,
        },
        {
            "text": f"Preserve every record, recording and communication concerning {client_name} "
            "and these events, including those listed in our preservation letter, and suspend "
            "any routine deletion or overwriting of them",
            "citation": "",
        },
        {
            "text": "Adopt, or revise, a written policy that follows the Trust Act, and train "
            "every officer and employee who deals with people in custody on it",
            "citation": trust_act,
        },
    ]
    fee_sources = []
    if CLAIM_TRUST_ACT in matter.claims:
        # A municipality found in violation pays costs and fees (secondary, trust-act.md § 2).
        fee_sources.append(cite(_trust_act_citation(), claim_text(CLAIM_TRUST_ACT).confidence))
    if CLAIM_1983 in matter.claims:
        fee_sources.append(cite(_words().text("demand.fees_1988").text, CONFIRMED))
    demands.append(
        {
            "text": f"Pay the costs and attorney's fees {client_name} has incurred",
            "citation": "; ".join(fee_sources),
        }
    )
    damages = [c for c in claims if c.damages]
    if damages:
        demands.append(
            {
                "text": f"Compensate {client_name} for the harm the detention caused",
                "citation": "; ".join(cite(c.citation, c.confidence) for c in damages),
            }
        )
    return demands
