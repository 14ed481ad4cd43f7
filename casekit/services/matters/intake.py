"""Intake in one transaction: the caller becomes a client and their incident a matter together.

The intake form used to save the client, then the matter: a matter that failed (a wrong agency,
a database hiccup) left a client with no matter behind, and a second try made a duplicate. Here
every value is checked first (:func:`~casekit.services.matters.validation.validate_intake`),
then the client, the matter, its incident, the suggested defendant and the deadlines are written
in one transaction: all of it, or none of it.

Intake knows the office: the conflict check runs again just before saving
(:func:`casekit.services.clients.conflicts.check_conflicts`), a hit on a defendant, witness or
agency refuses the save until someone clears it with a note, and the check, its hits and the
decision go into the matter's conflict log in one transaction
(:func:`casekit.services.clients.conflict_log.settle`,
:func:`~casekit.services.clients.conflict_log.record_check_in`). When the check finds the caller
is already a client, :func:`open_intake_for_client` opens the new matter for that client and
applies the changes made on the form as an audited client update (optimistic locking): one
client row, never a duplicate.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from casekit.services.base import AppContext
from casekit.services.casefile import (
    CONFIRM_HINT,
    NeedsConfirmation,
    custody_time_warnings,
    effective_now,
)
from casekit.services.clients.conflict_log import record_check_in, settle
from casekit.services.clients.conflicts import check_conflicts, check_for_client
from casekit.services.clients.fields import _clean_field, client_values
from casekit.services.clients.records import insert_client, update_client_in
from casekit.services.deadlines import refresh_matter_deadlines
from casekit.services.matters.create import MatterOut, add_matter_in
from casekit.services.matters.inputs import (
    CustodyInput,
    ExistingClientIntake,
    MatterInput,
    NewClientIntake,
    custody_inputs,
)
from casekit.services.matters.spec import check_matter
from casekit.services.matters.validation import custody_problems, first_problem, validate_intake
from casekit.store import repo
from casekit.store.repos import matters_write as rows

if TYPE_CHECKING:
    from casekit.store.models import Client
    from casekit.store.repos.matters_write import Session


def open_intake(svc: AppContext, intake: NewClientIntake) -> MatterOut:
    """Record a new client and open their matter in one transaction.

    ``intake.custody`` holds the custody times known at intake (:func:`custody_events`); an
    unlikely one (a past-tense event after now, any event before the incident) needs
    ``confirmed``. The conflict check runs on the name, phone and date of birth; a hit on a
    defendant, witness or agency needs ``clearance_note``. The check is recorded in the
    matter's conflict log.

    Returns:
        The new matter (``client_id`` is the new client's id).

    Raises:
        NeedsConfirmation: A custody time looks wrong and ``confirmed`` is not set (nothing is
            written; asked again with ``confirmed=True`` it is saved).
        InvalidInput: Any value is wrong, or a hit needs clearing (nothing is written).
    """
    first_problem(validate_intake(intake, svc.today()))
    values = client_values(svc.today(), intake.client)
    spec = check_matter(intake.matter, svc.today())
    events = custody_events(svc, intake.custody, incident_on=spec.day, confirmed=intake.confirmed)
    settled = settle(
        values["name"],
        check_conflicts(
            svc, values["name"], phone=values["phone"], date_of_birth=values["date_of_birth"]
        ),
        note=intake.clearance_note,
        by_phone=bool(values["phone"]),
        by_birth=values["date_of_birth"] is not None,
    )

    def new_client(session: Session) -> Client:
        return insert_client(session, values)

    with svc.transaction() as session:
        matter = add_matter_in(session, svc, spec, new_client)
        _add_custody(session, svc, matter.id, events)
        record_check_in(session, svc, matter.id, settled)
        return matter


def check_matter_values(svc: AppContext, matter: MatterInput) -> None:
    """InvalidInput if a matter's values are wrong; nothing is read or written. For a CLI that
    asks questions first."""
    check_matter(matter, svc.today())


def open_intake_for_client(svc: AppContext, intake: ExistingClientIntake) -> MatterOut:
    """Open a matter for a client the office already has, in one transaction.

    ``intake.client`` is the client's id (or A-number, or exact name). ``client_changes`` holds
    the client fields the person changed on the form (as for
    :func:`casekit.services.clients.records.update_client`); they are applied as an audited
    update, refused when someone else changed the client since ``client_version`` was read.
    The conflict check runs on the client as it will be (their own record and matters left
    out); a hit on a defendant, witness or agency needs ``clearance_note`` (the refusal says
    ``how_to_clear``). ``custody`` as for :func:`open_intake`. The check is recorded in the new
    matter's conflict log.

    Raises:
        InvalidInput: Any value is wrong, or a hit needs clearing (nothing is written).
        ConflictError: The client changed since ``client_version`` (nothing is written).
    """
    first_problem(validate_intake(intake, svc.today()))
    changes = dict(intake.client_changes)
    checked = dict(_clean_field(svc, key, value) for key, value in changes.items())
    spec = check_matter(intake.matter, svc.today())
    events = custody_events(svc, intake.custody, incident_on=spec.day, confirmed=intake.confirmed)
    check = check_for_client(
        svc,
        intake.client,
        changes={k: v for k, v in checked.items() if k in ("name", "phone", "date_of_birth")},
    )
    settled = settle(
        check.name,
        check.hits,
        existing_client=check.client_id,
        note=intake.clearance_note,
        how=intake.how_to_clear,
        by_phone=check.by_phone,
        by_birth=check.by_birth,
    )
    ref = str(check.client_id)
    with svc.transaction() as session:
        if changes or intake.client_version is not None:
            update_client_in(session, ref, checked, version=intake.client_version)
        matter = add_matter_in(session, svc, spec, lambda s: repo.find_client(session=s, ref=ref))
        _add_custody(session, svc, matter.id, events)
        record_check_in(session, svc, matter.id, settled)
        return matter


def custody_events(
    svc: AppContext,
    custody: Sequence[CustodyInput | tuple[str, datetime | str]],
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
    checked, problems = custody_problems(custody_inputs(custody))
    first_problem(problems)
    warnings: list[str] = []
    now = effective_now(svc)
    for name, when in checked:
        label = name.replace("_", " ")
        found = custody_time_warnings(name, when, now=now, incident_on=incident_on)
        warnings += [
            f"the {label} {w.removeprefix('it ')}" if w.startswith("it ") else w for w in found
        ]
    if warnings and not confirmed:
        raise NeedsConfirmation(f"check the custody times: {'; '.join(warnings)}{CONFIRM_HINT}")
    return [(name, when.astimezone(UTC)) for name, when in checked]


def _add_custody(
    session: Session, svc: AppContext, matter_id: int, events: Sequence[tuple[str, datetime]]
) -> None:
    """Write the custody events and add the deadlines they start (a release, say)."""
    if not events:
        return
    rows.add_custody_events(session=session, matter_id=matter_id, events=events)
    refresh_matter_deadlines(session, matter_id, svc)
