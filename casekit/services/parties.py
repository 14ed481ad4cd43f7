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

from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from casekit.domain.model import PARTY_ROLES
from casekit.domain.text import fold
from casekit.errors import InvalidInput, NotFound
from casekit.services.base import Services, check_version
from casekit.services.clients.fields import clean_name
from casekit.services.matters.defendant import suggest_defendant

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.services.deadlines import RecomputeDiff
    from casekit.store.models import Agency, Party, Town

CAPACITIES = ("official", "individual")
MAX_ADDRESS = 500
#: Municipal employers are named like this in the agency registry ("Town of Avon").
_MUNICIPAL = ("Town of ", "City of ", "Borough of ")


@dataclass(frozen=True)
class PartyOut:
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

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["recompute"] = self.recompute.to_dict() if self.recompute else None
        return data


# --- validation (pure) --------------------------------------------------------------------------


def clean_role(value: str) -> str:
    """A role from PARTY_ROLES ("Opposing counsel" and "opposing-counsel" work too)."""
    from casekit.store.repo import did_you_mean

    role = "_".join((value or "").strip().lower().replace("-", " ").split())
    if role not in PARTY_ROLES:
        hint = did_you_mean(role, PARTY_ROLES) or f" (known: {', '.join(PARTY_ROLES)})"
        raise InvalidInput(f"unknown party role '{(value or '').strip()[:30]}'{hint}")
    return role


def clean_capacity(value: str | None) -> str:
    """``official``, ``individual`` or "" (not given)."""
    from casekit.store.repo import did_you_mean

    capacity = (value or "").strip().lower()
    if capacity and capacity not in CAPACITIES:
        hint = did_you_mean(capacity, CAPACITIES) or f" (known: {', '.join(CAPACITIES)})"
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


def _clean_address(value: str) -> str:
    tidy = " ".join((value or "").split())
    if len(tidy) > MAX_ADDRESS:
        raise InvalidInput(f"service address is longer than {MAX_ADDRESS} characters")
    return tidy


# --- use cases ----------------------------------------------------------------------------------


def add_party(
    svc: Services,
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
    from casekit.store import repo
    from casekit.store.models import Party

    kind_of_role = clean_role(role)
    chosen = clean_capacity(capacity)
    given_name = (name or "").strip() or None
    agency_name = (agency or "").strip() or None
    town_name = (town or "").strip() or None
    _check_shape(kind_of_role, name=given_name, agency=agency_name, town=town_name, capacity=chosen)
    person = clean_name(given_name, "party name") if given_name else None
    address = _clean_address(service_address)

    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        assert row.id is not None
        unit = repo.find_agency(session=session, name=agency_name) if agency_name else None
        place = repo.find_town(session=session, name=town_name) if town_name else None
        citation = ""
        if kind_of_role != "defendant":
            assert person is not None
            values: dict[str, Any] = {"kind": "person", "name": person, "capacity": ""}
        elif person is not None:
            assert unit is not None
            values = {
                "kind": "person",
                "name": person,
                "capacity": "individual",
                "agency_id": unit.id,
            }
        else:
            suggestion = _suggest(session, unit=unit, town=place)
            citation = suggestion.citation
            values = {
                "kind": suggestion.kind,
                "name": suggestion.name,
                "capacity": suggestion.capacity,
                "service_address": suggestion.service_address,
                "agency_id": unit.id if unit else None,
                "town_id": place.id if place else _municipal_town(unit, suggestion.kind),
            }
        if address:
            values["service_address"] = address
        key = fold(values["name"])
        _refuse_duplicate(session, row, kind_of_role, key, values)
        party = Party(matter_id=row.id, role=kind_of_role, name_key=key, **values)
        session.add(party)
        session.flush()
        diff = _preview(session, svc, row.id) if kind_of_role == "defendant" else None
        return _out(session, party, row.number, citation=citation, recompute=diff)


def remove_party(svc: Services, party_id: int, *, version: int | None) -> PartyOut:
    """Remove a party; for a defendant, the returned ``recompute`` shows the deadlines it brought
    (a § 7-465 notice to a town, a § 4-148 notice to the State) as ``removed``.

    ``version`` is the party row's version as the user saw it (``None``: whatever it is now).
    Deadlines computed for the party stay until the attorney accepts the recompute (they then
    become ``superseded``); their link to the removed party is cleared.

    Raises:
        NotFound: No such party.
        ConflictError: Someone changed the party since it was shown.
    """
    from sqlmodel import col, select

    from casekit.store.models import Deadline, Matter, Party

    with svc.transaction() as session:
        party = session.get(Party, party_id)
        if party is None:
            raise NotFound(f"no party with id {party_id}")
        check_version(party, version, "party")
        matter = session.get(Matter, party.matter_id)
        assert matter is not None and matter.id is not None
        out = _out(session, party, matter.number)
        for deadline in session.exec(select(Deadline).where(col(Deadline.party_id) == party_id)):
            deadline.party_id = None  # the key keeps the party id: the recompute finds them
            session.add(deadline)
        session.delete(party)
        session.flush()
        if party.role == "defendant":
            out = replace(out, recompute=_preview(session, svc, matter.id))
        return out


def list_parties(svc: Services, matter: str | int) -> list[PartyOut]:
    """The matter's parties: defendants first, then plaintiffs, witnesses, opposing counsel."""
    from sqlmodel import col, select

    from casekit.store import repo
    from casekit.store.models import Party

    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        parties = session.exec(
            select(Party).where(col(Party.matter_id) == row.id).order_by(col(Party.id))
        ).all()
        order = {role: n for n, role in enumerate(PARTY_ROLES)}
        return [
            _out(session, p, row.number)
            for p in sorted(parties, key=lambda p: (order.get(p.role, 99), p.id or 0))
        ]


# --- helpers ------------------------------------------------------------------------------------


def _suggest(session: Session, *, unit: Agency | None, town: Town | None) -> Any:
    """The defendant for an agency's conduct, or for a town (its police are the town's)."""
    from casekit.store.models import Town as TownRow

    if unit is not None:
        home = session.get(TownRow, unit.town_id) if unit.town_id is not None else None
        own = home is not None and home.legal_name and home.legal_name == unit.employer
        return suggest_defendant(
            agency_kind=unit.kind,
            employer=unit.employer,
            agency_name=unit.name,
            clerk_address=unit.clerk_for_notices or (home.clerk_address if home else ""),
            clerk_title=home.clerk_title if own and home is not None else "",
        )
    assert town is not None
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
    from sqlmodel import col, select

    from casekit.store.models import Agency

    if town.legal_name:
        return town.legal_name
    own = {f"{prefix}{town.name}" for prefix in _MUNICIPAL}
    employers = set(
        session.exec(
            select(col(Agency.employer))
            .where(col(Agency.town_id) == town.id)
            .where(col(Agency.kind) == "municipal_police")
            .where(col(Agency.employer).in_(own))
        )
    )
    return employers.pop() if len(employers) == 1 else f"Town of {town.name}"


def _municipal_town(unit: Agency | None, kind: str) -> int | None:
    return unit.town_id if unit is not None and kind == "municipality" else None


def _refuse_duplicate(
    session: Session, matter: Any, role: str, key: str, values: dict[str, Any]
) -> None:
    from sqlmodel import col, select

    from casekit.store.models import Party

    same = session.exec(
        select(col(Party.id))
        .where(col(Party.matter_id) == matter.id)
        .where(col(Party.role) == role)
        .where(col(Party.name_key) == key)
        .where(col(Party.capacity) == values.get("capacity", ""))
    ).first()
    if same is not None:
        who = "that person" if values["kind"] == "person" else values["name"]
        raise InvalidInput(
            f"{who} is already a {role.replace('_', ' ')} of {matter.number} (party {same})"
        )


def _preview(session: Session, svc: Services, matter_id: int) -> RecomputeDiff:
    from casekit.services.deadlines import _preview_in

    session.flush()
    return _preview_in(session, svc, matter_id)[0]


def _out(
    session: Session,
    party: Party,
    number: str,
    *,
    citation: str = "",
    recompute: RecomputeDiff | None = None,
) -> PartyOut:
    from casekit.store.models import Agency, Town

    unit = session.get(Agency, party.agency_id) if party.agency_id is not None else None
    place = session.get(Town, party.town_id) if party.town_id is not None else None
    return PartyOut(
        id=party.id or 0,
        version=party.version,
        matter=number,
        role=party.role,
        kind=party.kind,
        name=party.name,
        capacity=party.capacity,
        service_address=party.service_address,
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
