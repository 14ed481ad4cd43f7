"""Intake in one transaction: the caller becomes a client and their incident a matter together.

The intake form used to save the client, then the matter: a matter that failed (a wrong agency,
a database hiccup) left a client with no matter behind, and a second try made a duplicate. Here
every value is checked first, then the client, the matter, its incident, the suggested
defendant and the deadlines are written in one transaction: all of it, or none of it.

Intake knows the office: the conflict check runs again just before saving
(:func:`casekit.services.conflicts.check_conflicts`), a hit on a defendant, witness or agency
refuses the save until someone clears it with a note, and the check, its hits and the decision
go into the matter's conflict log in one transaction (:func:`casekit.services.conflicts.settle`,
:func:`~casekit.services.conflicts.record_check_in`). When the check finds the caller is
already a client, :func:`open_intake_for_client` opens the new matter for that client and
applies the changes made on the form as an audited client update (optimistic locking): one
client row, never a duplicate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from casekit.domain.model import CUSTODY_KINDS
from casekit.services.base import Services
from casekit.services.clients import _clean_field, client_values, insert_client
from casekit.services.conflicts import check_conflicts, check_for_client, record_check_in, settle
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
    custody: Sequence[tuple[str, datetime | str]] = (),
    clearance_note: str = "",
    confirmed: bool = False,
) -> MatterOut:
    """Record a new client and open their matter in one transaction.

    The client fields are those of :func:`casekit.services.clients.add_client`, the incident
    and matter fields those of :func:`casekit.services.matters.add_matter` (including the
    exception facts: ``judicial_warrant``, ``convictions`` as (section, class or ``None``)
    pairs, ``tsdb_match``).

    ``custody`` holds the custody times known at intake as (kind, Connecticut wall time) pairs
    (:func:`custody_events`); an unlikely one (a past-tense event after now, any event before
    the incident) needs ``confirmed``. The conflict check runs on the name, phone and date of
    birth; a hit on a defendant, witness or agency needs ``clearance_note``. The check is
    recorded in the matter's conflict log.

    Returns:
        The new matter (``client_id`` is the new client's id).

    Raises:
        NeedsConfirmation: A custody time looks wrong and ``confirmed`` is not set (nothing is
            written; asked again with ``confirmed=True`` it is saved).
        InvalidInput: Any value is wrong, or a hit needs clearing (nothing is written).
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

    events = custody_events(svc, custody, incident_on=spec.day, confirmed=confirmed)
    settled = settle(
        values["name"],
        check_conflicts(
            svc, values["name"], phone=values["phone"], date_of_birth=values["date_of_birth"]
        ),
        note=clearance_note,
        by_phone=bool(values["phone"]),
        by_birth=values["date_of_birth"] is not None,
    )

    def new_client(session: Session) -> Client:
        return insert_client(session, values)

    with svc.transaction() as session:
        matter = _add_matter_in(session, svc, spec, new_client)
        _add_custody(session, svc, matter.id, events)
        record_check_in(session, svc, matter.id, settled)
        return matter


def check_matter_values(svc: Services, **fields: Any) -> None:
    """InvalidInput if a matter's values (those of :func:`open_intake_for_client`, without the
    client) are wrong; nothing is read or written. For a CLI that asks questions first."""
    _matter_spec(svc, **fields)


def open_intake_for_client(
    svc: Services,
    *,
    client: int | str,
    client_version: int | None = None,
    client_changes: Mapping[str, Any] | None = None,
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
    custody: Sequence[tuple[str, datetime | str]] = (),
    clearance_note: str = "",
    how_to_clear: str = "clear them with a note",
    confirmed: bool = False,
) -> MatterOut:
    """Open a matter for a client the office already has, in one transaction.

    ``client`` is the client's id (or A-number, or exact name). ``client_changes`` holds the
    client fields the person changed on the form (as for
    :func:`casekit.services.clients.update_client`); they are applied as an audited update,
    refused when someone else changed the client since ``client_version`` was read. The
    conflict check runs on the client as it will be (their own record and matters left out);
    a hit on a defendant, witness or agency needs ``clearance_note`` (the refusal says
    ``how_to_clear``). ``custody`` as for :func:`open_intake`. The check is recorded in the new
    matter's conflict log.

    Raises:
        InvalidInput: Any value is wrong, or a hit needs clearing (nothing is written).
        ConflictError: The client changed since ``client_version`` (nothing is written).
    """
    from casekit.services.clients import update_client_in
    from casekit.store import repo

    changes = dict(client_changes or {})
    checked = dict(_clean_field(svc, key, value) for key, value in changes.items())
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
    events = custody_events(svc, custody, incident_on=spec.day, confirmed=confirmed)
    check = check_for_client(
        svc,
        client,
        changes={k: v for k, v in checked.items() if k in ("name", "phone", "date_of_birth")},
    )
    settled = settle(
        check.name,
        check.hits,
        existing_client=check.client_id,
        note=clearance_note,
        how=how_to_clear,
        by_phone=check.by_phone,
        by_birth=check.by_birth,
    )
    ref = str(check.client_id)
    with svc.transaction() as session:
        if changes or client_version is not None:
            update_client_in(session, ref, checked, version=client_version)
        matter = _add_matter_in(session, svc, spec, lambda s: repo.find_client(session=s, ref=ref))
        _add_custody(session, svc, matter.id, events)
        record_check_in(session, svc, matter.id, settled)
        return matter


def custody_events(
    svc: Services,
    custody: Sequence[tuple[str, datetime | str]],
    *,
    incident_on: date | None = None,
    confirmed: bool = False,
) -> list[tuple[str, datetime]]:
    """The custody times given at intake, checked: (kind, aware UTC time) pairs.

    ``kind`` is one of ``casekit.domain.model.CUSTODY_KINDS``; the time is Connecticut wall
    time (``YYYY-MM-DD HH:MM``). A past-tense event (anything but a scheduled release) after now,
    or any event before ``incident_on``, is asked about as the record edits ask
    (:class:`~casekit.services.edits.NeedsConfirmation`) unless ``confirmed``.
    """
    from casekit.errors import InvalidInput
    from casekit.services.casefile import (
        CONFIRM_HINT,
        NeedsConfirmation,
        custody_time_warnings,
        effective_now,
        parse_local_datetime,
    )

    out: list[tuple[str, datetime]] = []
    warnings: list[str] = []
    now = effective_now(svc)
    for kind, at in custody:
        name = kind.strip().lower().replace("-", "_")
        if name not in CUSTODY_KINDS:
            raise InvalidInput(f"unknown custody event '{name[:30]}'")
        label = name.replace("_", " ")
        if isinstance(at, str):
            at = at.strip().replace(" ", "T", 1)
        when = parse_local_datetime(at, f"{label} time")
        found = custody_time_warnings(name, when, now=now, incident_on=incident_on)
        warnings += [
            f"the {label} {w.removeprefix('it ')}" if w.startswith("it ") else w for w in found
        ]
        out.append((name, when.astimezone(UTC)))
    if warnings and not confirmed:
        raise NeedsConfirmation(f"check the custody times: {'; '.join(warnings)}{CONFIRM_HINT}")
    return out


def _add_custody(
    session: Session, svc: Services, matter_id: int, events: Sequence[tuple[str, datetime]]
) -> None:
    """Write the custody events and add the deadlines they start (a release, say)."""
    if not events:
        return
    from casekit.services.deadlines import refresh_matter_deadlines
    from casekit.store.models import CustodyEvent

    for kind, at in events:
        session.add(CustodyEvent(matter_id=matter_id, kind=kind, at=at))
    session.flush()
    refresh_matter_deadlines(session, matter_id, svc)
