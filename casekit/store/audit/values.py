"""What the audit log keeps of a value: in clear, sealed (client-identifying text) or redacted
(sensitive fields, never recorded at all)."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from casekit.store import crypto
from casekit.store.crypto import Cipher
from casekit.store.models import SENSITIVE_FIELDS

REDACTED = "[redacted]"

#: Tables of reference data and office configuration: no client data, nothing sealed.
PLAIN_TABLES = frozenset({"town", "agency", "user", "setting", "courtclosure", "encryptionkey"})
#: A column whose name contains one of these words holds client-identifying text (a name, a
#: contact detail, free text about the case). The rule is by name so that tables added later
#: are covered without a list to keep in step.
IDENTIFYING_WORDS = (
    "name",
    "phone",
    "email",
    "address",
    "body",
    "narrative",
    "note",
    "description",
    "detail",
    "reason",
    "search_text",
    "officers",
    "relief",
    "location",
    "comment",
    "memo",
    "conviction",  # statute sections and classes: criminal history
)


def identifying(entity: str, field: str) -> bool:
    """Whether values of ``entity.field`` are sealed in the audit log."""
    return entity not in PLAIN_TABLES and any(word in field for word in IDENTIFYING_WORDS)


def sensitive(entity: str, field: str) -> bool:
    """Whether values of ``entity.field`` are never recorded at all ("[redacted]")."""
    return field in SENSITIVE_FIELDS.get(entity, frozenset()) or field.endswith("_bidx")


def jsonable(value: Any) -> Any:
    """``value`` as something ``json.dumps`` accepts: dates and times as ISO strings."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


def needs_cipher(events: Iterable[Mapping[str, Any]]) -> bool:
    """Whether any of ``events`` has an identifying text value to seal (so needs the key)."""
    return any(
        identifying(ev["entity"], field)
        and not sensitive(ev["entity"], field)
        and textual(change.get("before"), change.get("after"))
        for ev in events
        for field, change in ev["changes"].items()
    )


def textual(*values: Any) -> bool:
    """Whether a change carries text (a flag such as ``phone_safe`` or a count does not)."""
    return any(isinstance(v, str | list | dict) for v in values)


def protect(
    entity: str, changes: Mapping[str, Mapping[str, Any]], cipher: Cipher | None, seq: int
) -> dict[str, dict[str, Any]]:
    """``changes`` as the log stores them for event ``seq``: redacted, sealed or in clear."""
    out: dict[str, dict[str, Any]] = {}
    for field, change in changes.items():
        before, after = change.get("before"), change.get("after")
        if sensitive(entity, field) or crypto.is_token(before) or crypto.is_token(after):
            out[field] = {"before": REDACTED, "after": REDACTED}
        elif identifying(entity, field) and textual(before, after):
            if cipher is None:  # record() asks for the cipher whenever an event needs one
                raise ValueError("sealing an audit value needs the encryption key")
            out[field] = {
                side: None
                if value is None
                else cipher.seal(
                    json.dumps(value, ensure_ascii=False), crypto.audit_aad(seq, field, side)
                )
                for side, value in (("before", before), ("after", after))
            }
        else:
            out[field] = {"before": before, "after": after}
    return out


def reveal(
    entity: str, changes: Mapping[str, Mapping[str, Any]], cipher: Cipher, seq: int
) -> dict[str, dict[str, Any]]:
    """The sealed values of a stored event's ``changes`` opened (redacted ones stay so)."""
    out: dict[str, dict[str, Any]] = {}
    for field, change in changes.items():
        opened = {}
        for side in ("before", "after"):
            value = change.get(side)
            if identifying(entity, field) and crypto.is_token(value):
                value = json.loads(cipher.open(value, crypto.audit_aad(seq, field, side)))
            opened[side] = value
        out[field] = opened
    return out
