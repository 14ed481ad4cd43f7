"""The input models of opening a matter, in the SQLModel family style (pydantic models, not
tables): what was typed on the CLI or the intake form, before it is checked.

* :class:`IncidentInput`: the incident (date, time, town, agency, what police did, the
  exception facts); :class:`MatterInput` adds the matter's claims and attorney;
* :class:`CustodyInput`: one custody time known at intake;
* :class:`IntakeBase`: a matter with its custody times and the conflict check's clearance;
  :class:`NewClientIntake` (with a :class:`~casekit.services.clients.inputs.ClientInput`) and
  :class:`ExistingClientIntake` (a client the office has, and what the form changes on them).

The public variant is :class:`casekit.services.matters.create.MatterOut`. Every value is checked
by :func:`casekit.services.matters.validation.validate_intake` (field → message), the one
validation path of the services, the CLI and the live intake form.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from casekit.services.clients.inputs import ClientInput

__all__ = [
    "CustodyInput",
    "ExistingClientIntake",
    "IncidentInput",
    "IntakeBase",
    "MatterInput",
    "NewClientIntake",
    "custody_inputs",
]

_FROZEN = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class IncidentInput(BaseModel):
    """An incident as typed: ``convictions`` are (statute section, felony class the attorney
    recorded or ``None`` to look it up) pairs."""

    model_config = _FROZEN

    incident_date: date | str
    town: str
    agency: str
    violations: tuple[str, ...] = ()
    incident_time: time | str | None = None
    narrative: str | None = ""
    contact_type: str | None = ""
    judicial_warrant: bool = False
    convictions: tuple[tuple[str, str | None], ...] = ()
    tsdb_match: bool = False


class MatterInput(IncidentInput):
    """A new matter: its incident, the claims chosen (empty: those its screening offers) and the
    responsible attorney (a name, or None)."""

    claims: tuple[str, ...] = ()
    attorney: str | None = None


class CustodyInput(BaseModel):
    """A custody time known at intake: ``kind`` (``casekit.domain.model.CUSTODY_KINDS``) at a
    Connecticut wall time (``YYYY-MM-DD HH:MM``)."""

    model_config = _FROZEN

    kind: str
    at: datetime | str


class IntakeBase(BaseModel):
    """What every intake gives: the matter, its custody times, the clearance note for the
    conflict check's hits, and whether unlikely custody times were confirmed."""

    model_config = _FROZEN

    matter: MatterInput
    custody: tuple[CustodyInput, ...] = ()
    clearance_note: str = ""
    confirmed: bool = False


class NewClientIntake(IntakeBase):
    """Intake of a person the office does not have yet."""

    client: ClientInput


class ExistingClientIntake(IntakeBase):
    """A new matter for a client the office has (id, A-number or exact name), with the client
    fields the form changed (applied as an audited update, refused when someone else changed
    the client since ``client_version`` was read)."""

    client: int | str
    client_version: int | None = None
    client_changes: dict[str, Any] = Field(default_factory=dict)
    #: How the refusal says to clear a hit ("clear them with a note", "--clear-conflicts NOTE").
    how_to_clear: str = "clear them with a note"


def custody_inputs(pairs: Any) -> tuple[CustodyInput, ...]:
    """(kind, time) pairs as :class:`CustodyInput` (the form and the tests give pairs)."""
    return tuple(
        p if isinstance(p, CustodyInput) else CustodyInput(kind=p[0], at=p[1]) for p in pairs
    )
