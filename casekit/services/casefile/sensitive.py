"""The sensitive facts of a matter, read and changed only on purpose (issue 15, item 1).

The client's date of birth, A-number and immigration status, the contact fields the firm marked
sensitive (``privacy.sensitive_fields``) and the convictions recorded on the incident (statute
section and felony class: criminal history) are read together by :func:`read_sensitive`, which
decrypts them, and changed together by :func:`update_sensitive`: one transaction, optimistic
locking on both the client and the incident, audited (the audit log never holds the sealed values:
``[redacted]``). What comes back names the fields that changed, never their values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.errors import NotFound
from casekit.services.base import AppContext, check_version
from casekit.services.casefile.stored_screenings import record_screening_in

if TYPE_CHECKING:
    from casekit.store.models import Client, Incident, Matter
    from casekit.store.repos.matters import Session

#: Contact fields a firm may mark sensitive, in the order a form shows them.
MARKABLE = ("phone", "email", "address")
#: What lists and forms show for a sealed contact field (``casekit.store.sealed.HIDDEN``; kept
#: here as text so that screens can compare without importing the store).
HIDDEN = "[sensitive]"


@dataclass(frozen=True)
class SensitiveView:
    """A matter's sensitive facts in plaintext (for the deliberate dialog only: never log it)."""

    client_id: int
    client_version: int
    date_of_birth: date | None
    a_number: str
    immigration_status: str
    #: The contact fields the firm marked sensitive, with their values (``{"phone": "…"}``).
    marked: dict[str, str]
    incident_id: int | None
    incident_version: int
    #: (statute section, felony class recorded or None).
    convictions: tuple[tuple[str, str | None], ...]

    def __repr__(self) -> str:  # never in a traceback or a log line
        return f"SensitiveView(client_id={self.client_id}, incident_id={self.incident_id})"


@dataclass(frozen=True)
class SensitiveChange:
    """What :func:`update_sensitive` changed: field names only."""

    changed: tuple[str, ...]


def _rows(session: Session, matter_id: int) -> tuple[Matter, Client, Incident | None]:
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.models import Client, Matter
    from casekit.store.repos import matters as repo

    matter = session.get(Matter, matter_id)
    if matter is None:
        raise NotFound(f"no matter with id {matter_id}")
    client = session.get(Client, matter.client_id)
    if client is None:  # pragma: no cover - a foreign key
        raise NotFound(f"matter {matter.number} has no client")
    incident = repo.first_incident(session=session, matter_id=matter_id)
    return matter, client, incident


def read_sensitive(svc: AppContext, matter_id: int) -> SensitiveView:
    """Decrypt the matter's sensitive facts (the client's sealed fields and the convictions)."""
    from casekit.services.clients.records import open_sensitive
    from casekit.store.sealed import session_marked

    with svc.transaction() as session:
        _, client, incident = _rows(session, matter_id)
        opened = open_sensitive(session, client)
        marked = session_marked(session)
        return SensitiveView(
            client_id=client.id or 0,
            client_version=int(client.version or 0),
            date_of_birth=opened.get("date_of_birth"),
            a_number=str(opened.get("a_number") or ""),
            immigration_status=str(opened.get("immigration_status") or ""),
            marked={f: str(opened.get(f) or "") for f in MARKABLE if f in marked},
            incident_id=incident.id if incident is not None else None,
            incident_version=int(incident.version or 0) if incident is not None else 0,
            convictions=tuple(
                (str(c.get("section", "")), c.get("felony_class"))
                for c in (incident.convictions if incident is not None else ()) or ()
            ),
        )


def update_sensitive(
    svc: AppContext,
    matter_id: int,
    *,
    client_changes: dict[str, Any] | None = None,
    convictions: Sequence[tuple[str, str | None]] | None = None,
    client_version: int | None = None,
    incident_version: int | None = None,
) -> SensitiveChange:
    """Change the sensitive facts in one transaction.

    ``client_changes`` as :func:`casekit.services.clients.update_client` takes them
    (``date_of_birth``, ``a_number``, ``immigration_status``, and the marked contact fields;
    ``""`` clears one); ``convictions`` replaces the incident's list (the screening is stored
    again, since an exception may now apply or no longer). Everything is checked before anything
    is written; a change someone else saved first (``client_version``, ``incident_version``) is a
    :class:`~casekit.errors.ConflictError` and nothing is written.
    """
    from casekit.services.clients.fields import _clean_field
    from casekit.services.clients.records import update_client_in
    from casekit.services.matters.fields import clean_convictions

    values = dict(_clean_field(svc, k, v) for k, v in (client_changes or {}).items())
    wanted = clean_convictions(convictions) if convictions is not None else None
    changed: list[str] = []
    with svc.transaction() as session:
        _, client, incident = _rows(session, matter_id)
        check_version(client, client_version, "client")
        if values:
            update = update_client_in(session, str(client.id), values, version=client_version)
            changed += update.changed
        if wanted is not None:
            if incident is None:
                raise NotFound("this matter has no incident to record convictions on")
            check_version(incident, incident_version, "incident")
            before = tuple(
                (str(c.get("section", "")), c.get("felony_class"))
                for c in incident.convictions or ()
            )
            if before != wanted:
                incident.convictions = [{"section": s, "felony_class": c} for s, c in wanted]
                session.add(incident)
                session.flush()
                record_screening_in(session, svc, matter_id)
                changed.append("convictions")
        return SensitiveChange(changed=tuple(changed))
