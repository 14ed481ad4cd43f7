"""Parties of a matter: defendants from the agency and town registries, and the people involved.

Who answers for an agency's conduct follows trust-act.md § 2 (:func:`matters.suggest_defendant`):
a municipal police department's conduct binds the town or city, sued in its own name and served on
its clerk (§ 52-57(b)(1)); a state agency's binds the State, served on the Attorney General
(§ 52-64). An officer sued in their individual capacity is a person, linked to the agency that
employs them.

Defendants decide which deadlines apply (a municipal defendant brings the § 7-465 notice, the
State the § 4-148 notice, an officer § 52-571k), so adding or removing one returns the recompute
preview it causes; nothing moves until the attorney accepts it.

Parties named as persons (plaintiffs, witnesses, an officer) may be clients or people close to
them: no message here repeats a person's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casekit.domain.model import PARTY_ROLES
from casekit.domain.records import from_fields
from casekit.domain.text import at_most, fold, one_line
from casekit.errors import InvalidInput
from casekit.services.base import AppContext
from casekit.services.casefile.preview import recompute_preview
from casekit.services.plain import PlainResult

if TYPE_CHECKING:
    from casekit.services.deadlines import RecomputeDiff
    from casekit.store.models import Agency, Party, Town
    from casekit.store.repos.matters import Session

CAPACITIES = ("official", "individual")
MAX_ADDRESS = 500
#: Municipal employers are named like this in the agency registry ("Town of Avon").
_MUNICIPAL = ("Town of ", "City of ", "Borough of ")


@dataclass(frozen=True)
class PartyOut(PlainResult):
    """A stored party; ``recompute`` is the deadline preview adding or removing it causes."""

    id: int
    version: int
    matter: str
    role: str
    kind: str
    name: str
    capacity: str = ""
    service_address: str = ""
    agency: str = ""
    town: str = ""
    citation: str = ""
    recompute: RecomputeDiff | None = None


# --- validation (pure) --------------------------------------------------------------------------


def clean_role(value: str) -> str:
    """A role from PARTY_ROLES ("Opposing counsel" and "opposing-counsel" work too)."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store import repo as reference

    role = "_".join((value or "").strip().lower().replace("-", " ").split())
    if role not in PARTY_ROLES:
        hint = reference.did_you_mean(role, PARTY_ROLES) or f" (known: {', '.join(PARTY_ROLES)})"
        raise InvalidInput(f"unknown party role '{(value or '').strip()[:30]}'{hint}")
    return role


def clean_capacity(value: str | None) -> str:
    """``official``, ``individual`` or "" (not given)."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store import repo as reference

    capacity = (value or "").strip().lower()
    if capacity and capacity not in CAPACITIES:
        hint = reference.did_you_mean(capacity, CAPACITIES) or f" (known: {', '.join(CAPACITIES)})"
        raise InvalidInput(f"unknown capacity '{(value or '').strip()[:20]}'{hint}")
    return capacity


def _check_shape(
    role: str, *, name: str | None, agency: str | None, town: str | None, capacity: str
) -> None:
    """Which of name, agency, town and capacity a role takes (before any look-up)."""
    if role != "defendant":
        if agency or town or capacity:
            raise InvalidInput(
                f"a {role.replace('_', ' ')} is a person: give --name only "
                "(--agency, --town and --capacity are for defendants)"
            )
        if not name:
            raise InvalidInput(f"a {role.replace('_', ' ')} needs a name")
        return
    if agency and town:
        raise InvalidInput("a defendant comes from --agency or --town, not both")
    if not (agency or town):
        raise InvalidInput(
            "a defendant comes from the registry: give --agency (its employer is suggested) "
            "or --town; an officer sued individually: --name with --agency"
        )
    if capacity == "individual" and not (name and agency):
        raise InvalidInput("an officer sued individually needs --name and the --agency")
    if name and capacity == "official":
        raise InvalidInput(
            "an official-capacity claim is against the employer: leave out --name, "
            "or sue the officer with --capacity individual"
        )
    if name and town:
        raise InvalidInput("a town is named from the registry: leave out --name")


def clean_address(value: str) -> str:
    return at_most(one_line(value), MAX_ADDRESS, "service address")


# --- use cases ----------------------------------------------------------------------------------


def add_party(
    svc: AppContext,
    matter: str | int,
    *,
    role: str,
    name: str | None = None,
    agency: str | None = None,
    town: str | None = None,
    capacity: str = "",
    service_address: str = "",
) -> PartyOut:
    """Add a party to ``matter`` (its number or id).

    * ``defendant`` with ``agency``: the entity that answers for the agency (town or city, the
      State, or the employer), official capacity, with its service address and citation.
    * ``defendant`` with ``town``: the town or city itself, served on its clerk.
    * ``defendant`` with ``name`` and ``agency`` (capacity ``individual``, the default when a
      name is given): an officer of that agency, sued individually.
    * ``plaintiff``, ``witness``, ``opposing_counsel``: a person, by ``name``.

    ``service_address`` replaces the suggested one. Adding a defendant returns the recompute
    preview in ``recompute`` (nothing moved yet).

    Raises:
        InvalidInput: An unknown role, agency, town or capacity (with "did you mean"), a
            missing name, a combination that does not fit the role, or the same party twice.
        NotFound: No such matter.
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    # Imported here: services.clients and services.matters reach this package back (they store
    # screenings through it), an import circle at module level.
    from casekit.services.clients import clean_name
    from casekit.store import repo as reference
    from casekit.store.models import Party

    kind_of_role = clean_role(role)
    chosen = clean_capacity(capacity)
    given_name = (name or "").strip() or None
    agency_name = (agency or "").strip() or None
    town_name = (town or "").strip() or None
    _check_shape(kind_of_role, name=given_name, agency=agency_name, town=town_name, capacity=chosen)
    person = clean_name(given_name, "party name") if given_name else None
    address = clean_address(service_address)

    with svc.transaction() as session:
        row = reference.find_matter(session=session, ref=matter)
        unit = reference.find_agency(session=session, name=agency_name) if agency_name else None
        place = reference.find_town(session=session, name=town_name) if town_name else None
        values, citation = _party_values(session, kind_of_role, person, unit, place)
        if address:
            values["service_address"] = address
        key = fold(values["name"])
        _refuse_duplicate(session, row, kind_of_role, key, values)
        party = Party(matter_id=row.id or 0, role=kind_of_role, name_key=key, **values)
        session.add(party)
        session.flush()
        diff = (
            recompute_preview(session, svc, party.matter_id)
            if kind_of_role == "defendant"
            else None
        )
        return party_out(session, party, row.number, citation=citation, recompute=diff)


def list_parties(svc: AppContext, matter: str | int) -> list[PartyOut]:
    """The matter's parties: defendants first, then plaintiffs, witnesses, opposing counsel."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store import repo as reference
    from casekit.store.repos import parties as repo

    with svc.transaction() as session:
        row = reference.find_matter(session=session, ref=matter)
        parties = repo.parties_of(session=session, matter_id=row.id or 0)
        order = {role: n for n, role in enumerate(PARTY_ROLES)}
        return [
            party_out(session, p, row.number)
            for p in sorted(parties, key=lambda p: (order.get(p.role, 99), p.id or 0))
        ]


# --- helpers ------------------------------------------------------------------------------------


def _party_values(
    session: Session, role: str, person: str | None, unit: Agency | None, place: Town | None
) -> tuple[dict[str, Any], str]:
    """The new party's columns and the citation of its service rule ("" for a person)."""
    if role != "defendant":
        return {"kind": "person", "name": person or "", "capacity": ""}, ""
    if person is not None and unit is not None:
        return {
            "kind": "person",
            "name": person,
            "capacity": "individual",
            "agency_id": unit.id,
        }, ""
    suggestion = _suggest(session, unit=unit, town=place)
    values = {
        "kind": suggestion.kind,
        "name": suggestion.name,
        "capacity": suggestion.capacity,
        "service_address": suggestion.service_address,
        "agency_id": unit.id if unit else None,
        "town_id": place.id if place else _municipal_town(unit, suggestion.kind),
    }
    return values, suggestion.citation


def _suggest(session: Session, *, unit: Agency | None, town: Town | None) -> Any:
    """The defendant for an agency's conduct, or for a town (its police are the town's)."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    # Imported here: services.matters reaches this package back (an import circle).
    from casekit.services.matters import suggest_defendant
    from casekit.store.repos import parties as repo

    if unit is not None:
        home = repo.town(session=session, town_id=unit.town_id)
        own = home is not None and home.legal_name and home.legal_name == unit.employer
        return suggest_defendant(
            agency_kind=unit.kind,
            employer=unit.employer,
            agency_name=unit.name,
            clerk_address=unit.clerk_for_notices or (home.clerk_address if home else ""),
            clerk_title=home.clerk_title if own and home is not None else "",
        )
    if town is None:  # _check_shape asks for an agency or a town
        raise InvalidInput("a defendant comes from the registry: give --agency or --town")
    employer = _municipality(session, town)
    return suggest_defendant(
        agency_kind="municipal_police",
        employer=employer,
        agency_name=employer,
        clerk_address=town.clerk_address,
        clerk_title=town.clerk_title if employer == town.legal_name else "",
    )


def _municipality(session: Session, town: Town) -> str:
    """The town itself as it sues and is sued: "City of Hartford", "Town of Avon", "Borough of
    Naugatuck" (``town.legal_name``, db/seed/SOURCES.md § 4).

    A database migrated before the names were seeded has no ``legal_name``: then the name the
    registry's municipal police give their employer, or "Town of X" (Groton has a town and a
    city: the town).
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import parties as repo

    if town.legal_name:
        return town.legal_name
    own = {f"{prefix}{town.name}" for prefix in _MUNICIPAL}
    employers = repo.municipal_employers(session=session, town_id=town.id or 0, names=own)
    return employers.pop() if len(employers) == 1 else f"Town of {town.name}"


def _municipal_town(unit: Agency | None, kind: str) -> int | None:
    return unit.town_id if unit is not None and kind == "municipality" else None


def _refuse_duplicate(
    session: Session, matter: Any, role: str, key: str, values: dict[str, Any]
) -> None:
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import parties as repo

    same = repo.duplicate_of(
        session=session,
        matter_id=matter.id,
        role=role,
        name_key=key,
        capacity=values.get("capacity", ""),
    )
    if same is not None:
        who = "that person" if values["kind"] == "person" else values["name"]
        raise InvalidInput(
            f"{who} is already a {role.replace('_', ' ')} of {matter.number} (party {same})"
        )


def party_out(
    session: Session,
    party: Party,
    number: str,
    *,
    citation: str = "",
    recompute: RecomputeDiff | None = None,
) -> PartyOut:
    """A stored party as :class:`PartyOut` (its agency and town by name)."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import parties as repo

    unit, place = repo.places_of(session=session, party=party)
    return from_fields(
        PartyOut,
        party,
        id=party.id or 0,
        matter=number,
        agency=unit.name if unit else "",
        town=place.name if place else "",
        citation=citation or _citation(party.kind),
        recompute=recompute,
    )


def _citation(kind: str) -> str:
    """Where the service rule for a stored defendant comes from (the law pack's)."""
    from casekit.domain.lawpack import default_pack

    found = default_pack().defendants.get(kind)
    return found.service_citation if found and kind in ("municipality", "state") else ""
