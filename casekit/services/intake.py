"""Intake in one transaction: the caller becomes a client and their incident a matter together.

The intake form used to save the client, then the matter: a matter that failed (a wrong agency,
a database hiccup) left a client with no matter behind, and a second try made a duplicate. Here
every value is checked first, then the client, the matter, its incident, the suggested
defendant and the deadlines are written in one transaction: all of it, or none of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from typing import TYPE_CHECKING

from casekit.services.base import Services
from casekit.services.clients import client_values, insert_client
from casekit.services.matters import MatterOut, _add_matter_in, _matter_spec

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.store.models import Client


def open_intake(
    svc: Services,
    *,
    name: str,
    preferred_name: str = "",
    language: str = "en",
    phone: str = "",
    phone_safe: bool = False,
    email: str = "",
    email_safe: bool = False,
    address: str = "",
    address_safe: bool = False,
    date_of_birth: date | str | None = None,
    a_number: str = "",
    immigration_status: str = "",
    incident_date: date | str,
    town: str,
    agency: str,
    violations: Sequence[str] = (),
    incident_time: time | str | None = None,
    claims: Sequence[str] = (),
    attorney: str | None = None,
    narrative: str = "",
    contact_type: str = "",
    judicial_warrant: bool = False,
    convictions: Sequence[tuple[str, str | None]] = (),
    tsdb_match: bool = False,
) -> MatterOut:
    """Record a new client and open their matter in one transaction.

    The client fields are those of :func:`casekit.services.clients.add_client`, the incident
    and matter fields those of :func:`casekit.services.matters.add_matter` (including the
    exception facts: ``judicial_warrant``, ``convictions`` as (section, class or ``None``)
    pairs, ``tsdb_match``).

    Returns:
        The new matter (``client_id`` is the new client's id).

    Raises:
        InvalidInput: Any value is wrong (nothing is written).
    """
    values = client_values(
        svc,
        name=name,
        preferred_name=preferred_name,
        language=language,
        phone=phone,
        phone_safe=phone_safe,
        email=email,
        email_safe=email_safe,
        address=address,
        address_safe=address_safe,
        date_of_birth=date_of_birth,
        a_number=a_number,
        immigration_status=immigration_status,
    )
    spec = _matter_spec(
        svc,
        incident_date=incident_date,
        town=town,
        agency=agency,
        violations=violations,
        incident_time=incident_time,
        claims=claims,
        attorney=attorney,
        narrative=narrative,
        contact_type=contact_type,
        judicial_warrant=judicial_warrant,
        convictions=convictions,
        tsdb_match=tsdb_match,
    )

    def new_client(session: Session) -> Client:
        return insert_client(session, values)

    with svc.transaction() as session:
        return _add_matter_in(session, svc, spec, new_client)
