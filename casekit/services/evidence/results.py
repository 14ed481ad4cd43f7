"""The vault's plain results (the CLI, the TUI and docgen read these) and its vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from casekit.services.plain import PlainResult, plain

NOT_PREFIX = "NOT_"

# Custody actions (EvidenceCustody.action).
RECEIVED = "received"
COPIED = "copied"
VIEWED = "viewed"
EXPORTED = "exported"
VERIFIED = "verified"

# Verification results.
OK = "ok"
MODIFIED = "modified"
MISSING = "missing"
#: The item's recorded hash is not the one the audit chain recorded when it was added (the file
#: and its row were changed together), or the chain has no intact record of it.
TAMPERED = "tampered"

SENSITIVE_CLIENT_COLUMNS = ("client_date_of_birth", "client_a_number", "client_immigration_status")


# --- plain results (the CLI, the TUI and docgen read these) --------------------------------


@dataclass(frozen=True)
class StoredEvidence:
    """The result of adding an item.

    Attributes:
        id: The new Evidence row.
        sha256: Hex digest of the content.
        path: Absolute path of the stored (read-only) copy.
        duplicate_of: The first item with the same content, when this one is a duplicate.
    """

    id: int
    sha256: str
    path: str
    duplicate_of: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "sha256": self.sha256, "path": self.path}


@dataclass(frozen=True)
class EvidenceSummary(PlainResult):
    """One item as lists show it."""

    id: int
    matter: str
    kind: str
    description: str
    original_name: str
    obtained_on: date | None
    source: str
    sha256: str
    size_bytes: int
    proves: tuple[str, ...]
    incident_id: int | None
    custody_entries: int
    added_at: datetime


@dataclass(frozen=True)
class CustodyEntry:
    """One line of an item's chain of custody."""

    id: int
    evidence_id: int
    at: datetime
    actor: str
    action: str
    detail: str
    from_location: str
    to_location: str

    def to_dict(self) -> dict[str, Any]:
        moved = {"from": self.from_location, "to": self.to_location}
        return plain(self, leave_out=("from_location", "to_location")) | moved


@dataclass(frozen=True)
class VerifyResult:
    """Whether an item's stored copy still hashes to its recorded SHA-256."""

    id: int
    status: str  # ok | modified | missing | tampered
    matter: str = ""

    @property
    def ok(self) -> bool:
        return self.status == OK

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status}


@dataclass(frozen=True)
class Element:
    """One element the plaintiff has to show, and the items that support it.

    Attributes:
        code: ``V1_DETAIN_ON_DETAINER`` or ``NOT_E1_JUDICIAL_WARRANT``.
        short: ``V1`` or ``NOT_E1``.
        title: What has to be shown, in words.
        kind: ``violation`` or ``exception_absent``.
        evidence_ids: The items whose ``proves`` names this element.
        typical_kinds: Kinds of evidence that usually show it (a hint).
        note: A recorded fact that cuts against the element ("" when none).
    """

    code: str
    short: str
    title: str
    kind: str
    evidence_ids: tuple[int, ...]
    typical_kinds: tuple[str, ...]
    note: str = ""

    @property
    def supported(self) -> bool:
        return bool(self.evidence_ids)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "short": self.short,
            "title": self.title,
            "kind": self.kind,
            "supported": self.supported,
            "evidence": list(self.evidence_ids),
            "typical_kinds": list(self.typical_kinds),
            "note": self.note,
        }


@dataclass(frozen=True)
class ElementMap:
    """Which elements of a matter's case the evidence supports.

    ``supported`` and ``unsupported`` are plain lists of element codes, so a document can state
    supported elements as facts and flag the others. ``unrecorded`` lists violation codes some
    item proves although no incident of the matter records that violation.
    """

    matter: str
    elements: tuple[Element, ...]
    unrecorded: tuple[str, ...] = field(default_factory=tuple)

    @property
    def supported(self) -> list[str]:
        return [e.code for e in self.elements if e.supported]

    @property
    def unsupported(self) -> list[str]:
        return [e.code for e in self.elements if not e.supported]

    def to_dict(self) -> dict[str, Any]:
        return {
            "matter": self.matter,
            "elements": [e.to_dict() for e in self.elements],
            "supported": self.supported,
            "unsupported": self.unsupported,
            "unrecorded": list(self.unrecorded),
        }


@dataclass(frozen=True)
class ExportResult(PlainResult):
    directory: str
    items: int
    manifest: str
