"""Correcting and removing a matter's parties (issue 15, item 1).

Each use case is one transaction with optimistic locking (``version``: the party's version as the
user saw it; someone else's change since is a :class:`~casekit.errors.ConflictError` and nothing
is written). A defendant decides deadlines, so changing or removing one returns the recompute
preview it causes: nothing moves until the attorney accepts it.
"""

from __future__ import annotations

from dataclasses import replace

from casekit.domain.text import fold
from casekit.errors import InvalidInput
from casekit.services.base import AppContext, check_version
from casekit.services.casefile.parties import (
    PartyOut,
    clean_address,
    clean_capacity,
    clean_role,
    party_out,
)
from casekit.services.casefile.preview import recompute_preview


def update_party(
    svc: AppContext,
    party_id: int,
    *,
    name: str | None = None,
    role: str | None = None,
    capacity: str | None = None,
    service_address: str | None = None,
    version: int | None = None,
) -> PartyOut:
    """Correct a party's name, role, capacity or service address (one transaction, ``version``).

    A defendant's role change can change the deadlines (the notices it brought): the returned
    ``recompute`` shows them.

    Raises:
        NotFound: No such party.
        ConflictError: It changed since ``version``.
        InvalidInput: An unknown role or capacity, an empty name, a capacity on a non-defendant.
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    # Imported here: services.clients reaches this package back (an import circle).
    from casekit.services.clients import clean_name
    from casekit.store.repos import parties as repo

    new_role = clean_role(role) if role is not None else None
    new_capacity = clean_capacity(capacity) if capacity is not None else None
    new_name = clean_name(name, "party name") if name is not None else None
    address = clean_address(service_address) if service_address is not None else None
    with svc.transaction() as session:
        party = repo.party(session=session, party_id=party_id)
        check_version(party, version, "party")
        was_defendant = party.role == "defendant"
        if new_role is not None:
            party.role = new_role
        if new_capacity is not None:
            if new_capacity and party.role != "defendant":
                raise InvalidInput("only a defendant is sued in a capacity")
            party.capacity = new_capacity
        elif party.role != "defendant":
            party.capacity = ""
        if new_name is not None:
            party.name = new_name
            party.name_key = fold(new_name)
        if address is not None:
            party.service_address = address
        session.add(party)
        session.flush()
        matter = repo.matter_of(session=session, party=party)
        out = party_out(session, party, matter.number)
        if was_defendant or party.role == "defendant":
            out = replace(out, recompute=recompute_preview(session, svc, party.matter_id))
        return out


def remove_party(svc: AppContext, party_id: int, *, version: int | None) -> PartyOut:
    """Remove a party; for a defendant, the returned ``recompute`` shows the deadlines it brought
    (a § 7-465 notice to a town, a § 4-148 notice to the State) as ``removed``.

    ``version`` is the party row's version as the user saw it (``None``: whatever it is now).
    Deadlines computed for the party stay until the attorney accepts the recompute (they then
    become ``superseded``); their link to the removed party is cleared.

    Raises:
        NotFound: No such party.
        ConflictError: Someone changed the party since it was shown.
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import parties as repo

    with svc.transaction() as session:
        party = repo.party(session=session, party_id=party_id)
        check_version(party, version, "party")
        matter = repo.matter_of(session=session, party=party)
        out = party_out(session, party, matter.number)
        for deadline in repo.deadlines_of(session=session, party_id=party_id):
            deadline.party_id = None  # the key keeps the party id: the recompute finds them
            session.add(deadline)
        session.delete(party)
        session.flush()
        if party.role == "defendant":
            out = replace(out, recompute=recompute_preview(session, svc, party.matter_id))
        return out
