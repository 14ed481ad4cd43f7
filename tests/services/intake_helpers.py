"""Intake from flat keywords, as the tests write it: the client, matter and intake fields
together, turned into the services' input models."""

from __future__ import annotations

from typing import Any

from casekit.services.clients import ClientInput
from casekit.services.matters import intake
from casekit.services.matters.inputs import (
    ExistingClientIntake,
    MatterInput,
    NewClientIntake,
    custody_inputs,
)


def _intake_parts(fields: dict[str, Any]) -> dict[str, Any]:
    """The intake-wide keywords (custody, clearance, confirmation) as the models take them."""
    parts: dict[str, Any] = {"custody": custody_inputs(fields.pop("custody", ()))}
    for key in ("clearance_note", "confirmed"):
        if key in fields:
            parts[key] = fields.pop(key)
    return parts


def open_intake(svc: Any, **fields: Any) -> Any:
    """``open_intake`` from flat keywords (client and matter fields together)."""
    parts = _intake_parts(fields)
    client = {k: fields.pop(k) for k in list(fields) if k in ClientInput.model_fields}
    return intake.open_intake(
        svc, NewClientIntake(client=ClientInput(**client), matter=MatterInput(**fields), **parts)
    )


def open_intake_for_client(svc: Any, *, client: Any, **fields: Any) -> Any:
    """``open_intake_for_client`` from flat keywords."""
    parts = _intake_parts(fields)
    for key in ("client_version", "client_changes", "how_to_clear"):
        if key in fields:
            parts[key] = fields.pop(key)
    return intake.open_intake_for_client(
        svc, ExistingClientIntake(client=client, matter=MatterInput(**fields), **parts)
    )
