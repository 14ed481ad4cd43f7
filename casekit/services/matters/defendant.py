"""Who to name as defendant for an agency's conduct, and where to serve it (pure).

From the law pack's defendant kinds (``actors.toml`` [[defendant]], trust-act.md § 2).
"""

from __future__ import annotations

from dataclasses import dataclass

from casekit.domain import codes
from casekit.domain.lawpack import LawPack, default_pack


@dataclass(frozen=True)
class PartyOut:
    """A party of a matter; ``citation`` says where the service rule comes from."""

    role: str
    name: str
    kind: str = ""
    capacity: str = ""
    service_address: str = ""
    citation: str = ""


def defendant_kind(agency_kind: str, employer: str, pack: LawPack | None = None) -> str:
    """``municipality``, ``state`` or ``agency``: who answers for this agency's conduct."""
    law = pack or default_pack()
    actor = law.actors.get(agency_kind)
    answerable = actor.defendant if actor else codes.DEFENDANT_UNKNOWN
    state = law.defendants[codes.DEFENDANT_STATE]
    if answerable == codes.DEFENDANT_MUNICIPALITY:
        return "municipality"
    if answerable == codes.DEFENDANT_STATE or (state.name and employer.startswith(state.name)):
        return "state"
    return "agency"


def clerk_title_for(legal_name: str, clerk_title: str = "") -> str:
    """The clerk who takes service for a municipality: the registry's title where a source gave
    one ("Town Clerk" in Waterbury), else by the name's form ("Town of" → "Town Clerk", "Borough
    of" → "Borough Clerk"), else "Clerk" (a city whose clerk's title is not sourced)."""
    if clerk_title.strip():
        return clerk_title.strip()
    if legal_name.startswith("Town of "):
        return "Town Clerk"
    if legal_name.startswith("Borough of "):
        return "Borough Clerk"
    return "Clerk"


def suggest_defendant(
    *,
    agency_kind: str,
    employer: str,
    agency_name: str,
    clerk_address: str = "",
    clerk_title: str = "",
    pack: LawPack | None = None,
) -> PartyOut:
    """The entity to name as defendant for an agency's conduct, and where to serve it.

    From the law pack's defendant kinds (trust-act.md § 2). Municipal police: the town or city in
    its own name, as the registry names its employer ("City of Hartford", "Town of West
    Hartford", "Borough of Naugatuck": db/seed/SOURCES.md § 4), official capacity, served on its
    clerk (§ 52-57(b)(1)); ``clerk_title`` is the registry's title for that clerk
    (:func:`clerk_title_for`). State agencies (State Police, DOC, marshals, DCJ, Board of Pardons
    and Paroles): the State, served on the Attorney General (§ 52-64). Anything else (a private
    university's police, a regional authority): the employing entity, with the service address
    left for the attorney.
    """
    law = pack or default_pack()
    kind = defendant_kind(agency_kind, employer, law)
    if kind == "municipality":
        clerk = f"{clerk_title_for(employer, clerk_title)}, {employer}"
        return PartyOut(
            role="defendant",
            name=employer,
            kind="municipality",
            capacity="official",
            service_address=f"{clerk}, {clerk_address}" if clerk_address else clerk,
            citation=law.defendants[codes.DEFENDANT_MUNICIPALITY].service_citation,
        )
    if kind == "state":
        state = law.defendants[codes.DEFENDANT_STATE]
        return PartyOut(
            role="defendant",
            name=state.name,
            kind="state",
            capacity="official",
            service_address=state.service_address,
            citation=state.service_citation,
        )
    return PartyOut(
        role="defendant",
        name=employer.split(" (", 1)[0] or agency_name,
        kind="agency",
        capacity="official",
    )
