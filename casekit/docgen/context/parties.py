"""The parties a document names: defendants, the municipality and its clerk, the agency, and who a
letter goes to; the pleading words of the law pack."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from casekit.docgen.letters import split_address
from casekit.domain import codes
from casekit.domain.lawpack import PleadingWords, default_pack
from casekit.domain.model import (
    Agency,
    Incident,
    MatterFacts,
    Party,
)
from casekit.domain.pleading import with_article
from casekit.errors import InvalidInput

_STATE_KINDS = frozenset({"state"})
_PERSON_KINDS = frozenset({"person"})


def _find_agency(agencies: Sequence[Agency], name: str) -> Agency | None:
    return next((a for a in agencies if a.name == name), None)


def _agency(incident: Incident, row: Agency | None) -> dict[str, Any]:
    return {
        "name": incident.agency,
        "kind": incident.agency_kind,
        "address": row.address if row else "",
        "employer": row.employer if row else "",
        "state": _is_state_kind(incident.agency_kind, row.employer if row else ""),
    }


def _is_state_kind(kind: str, employer: str = "") -> bool:
    """A State agency: by the domain's actor table (``defendant = "state"``), or its employer."""
    if employer.startswith("State of Connecticut"):
        return True
    try:
        return codes.actor(kind).defendant == codes.DEFENDANT_STATE
    except InvalidInput:
        return False


def _municipality(matter: MatterFacts, incident: Incident, row: Agency | None) -> dict[str, Any]:
    party = next((p for p in matter.defendants if p.kind == "municipality"), None)
    if party is not None:
        name, address, known = party.name, party.service_address, True
    elif row is not None and row.employer and not _is_state_kind(row.kind, row.employer):
        name, address, known = row.employer, "", True
    else:
        name, address, known = incident.town, "", False
    # The clerk's title as the registry gives it for this town (municipalities.csv), else the
    # title the stored service address gives, else "Clerk" (§ 7-465(a)).
    town = next((t for t in matter.towns if t.legal_name and t.legal_name == name), None)
    clerk = (town.clerk_title if town is not None else "") or _clerk_title(name, address)
    if not address and town is not None:
        address = town.clerk_address
    return {
        "name": name,
        "the_name": with_article(name),
        "clerk": clerk,
        # The stored service address starts "Town Clerk, Town of Newtown, ...": the notice's
        # addressee block prints the title and the name itself, so only the street follows.
        "address": _street_after(address, (name, clerk)),
        "address_lines": split_address(_street_after(address, (name, clerk)))
        or [_words().say("addressee.address_missing", office=clerk, entity=name)],
        "known": known,
    }


def _clerk_title(name: str, service_address: str = "") -> str:
    """The clerk a notice goes to: the title the stored service address gives ("Town Clerk,
    City of Waterbury, ..."), else by the name's form ("Town of" → Town Clerk, "Borough of" →
    Borough Clerk), else "Clerk" (§ 7-465(a): "the clerk of such municipality")."""
    title, _, rest = service_address.partition(", ")
    if title.endswith("Clerk") and rest.startswith(name):
        return title
    if name.startswith("Town of "):
        return "Town Clerk"
    if name.startswith("Borough of "):
        return "Borough Clerk"
    return "Clerk"


def _party(party: Party, agency: Mapping[str, Any]) -> dict[str, Any]:
    capacity = {
        "official": "in an official capacity",
        "individual": "in an individual capacity",
        "both": "in individual and official capacities",
    }.get(party.capacity, "")
    if party.kind == "municipality":
        served_by = party.agency or agency["name"]
        description = (
            f"The defendant {party.name} is a municipality of the State of Connecticut. The "
            f"{served_by} is its police department, and the department's conduct alleged below "
            f"is the conduct of {with_article(party.name)}."
        )
    elif party.kind == "state":
        description = (
            f"The defendant {party.name} is sued{' ' + capacity if capacity else ''} for the "
            f"conduct of the {party.agency or agency['name']} alleged below."
        )
    elif party.kind == "person":
        description = (
            f"The defendant {party.name} was at all relevant times an officer or employee of the "
            f"{party.agency or agency['name']}"
            f"{', and is sued ' + capacity if capacity else ''}."
        )
    else:
        description = (
            f"The defendant {party.name} is a law enforcement agency whose conduct is alleged "
            f"below{', and is sued ' + capacity if capacity else ''}."
        )
    return {
        "name": party.name,
        "kind": party.kind,
        "capacity": party.capacity,
        "service_address": party.service_address,
        "description": description,
    }


def _recipients(
    parties: Sequence[Party], municipality: Mapping[str, Any], agency: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Who a demand or preservation letter goes to: the entities, never individual officers."""
    out: list[dict[str, Any]] = []
    for p in parties:
        if p.kind in _PERSON_KINDS:
            continue
        if p.kind == "municipality":
            attention = ["Chief Executive Officer", _clerk_title(p.name, p.service_address)]
        elif p.kind in _STATE_KINDS:
            # Process against the State goes to the Attorney General (§ 52-64, confirmed).
            attention = ["Office of the Attorney General"]
        else:
            attention = ["Head of Agency"]
        # The stored service address starts with the title and name ("Town Clerk, Town of
        # Newtown, ..."): print only what follows, never the same line twice.
        address = _street_after(p.service_address, (p.name, *attention))
        out.append({"name": p.name, "attention": attention, "address": address})
    if not out:
        if municipality["known"]:
            out.append(
                {
                    "name": municipality["name"],
                    "attention": ["Chief Executive Officer", municipality["clerk"]],
                    "address": municipality["address"],
                }
            )
        else:
            out.append(
                {
                    "name": agency["name"],
                    "attention": ["Head of Agency"],
                    "address": agency["address"],
                }
            )
    return out


def _street_after(address: str, names: Sequence[str]) -> str:
    drop = {n.casefold() for n in names}
    parts = [p.strip() for p in address.split(",")]
    while parts and (parts[0].casefold() in drop or parts[0].endswith("Clerk")):
        parts.pop(0)
    return ", ".join(p for p in parts if p)


def _words() -> PleadingWords:
    return default_pack().pleading


def _trust_act_citation() -> str:
    """The Trust Act as a pleading cites it (pleading.toml ``cite.trust_act``)."""
    return _words().text("cite.trust_act").text
