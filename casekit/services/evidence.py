"""The evidence vault: content-addressed copies with SHA-256 hashes and a chain of custody.

Each item's file is copied into ``CASEKIT_HOME/evidence/<sha[:2]>/<sha>`` (folders 0700, the copy
0400) while it is hashed in 1 MiB chunks, so a video never has to fit in memory. The same content
is stored once: a second item with identical bytes gets its own row pointing at the same stored
file, and its custody log starts with ``copied`` / ``duplicate of #<first id>``.

Every receipt, view, copy, export and verification appends an ``EvidenceCustody`` row (who, when,
what, from, to). The row and the first custody entry are written in one transaction; if it fails,
a file this call stored is removed again, so nothing is ever half-recorded.

``proves`` codes (what an item helps to prove), stored in canonical form:

* a prohibited act: ``V1_DETAIN_ON_DETAINER`` ... (``V1`` or any case is accepted);
* the *absence* of an exception: ``NOT_E1_JUDICIAL_WARRANT``, ``NOT_E2_QUALIFYING_CONVICTION``,
  ``NOT_E3_TSDB_MATCH`` (``no-E1``, ``not_e1``, ``NOT_E1`` ... are accepted). An item cannot
  "prove E1": evidence that an exception applies is not an element of the client's case.

Messages never contain client data or file paths (a path often carries the client's name).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from casekit.config import FILE_MODE, ensure_files_dir, ensure_private_dir, write_private_file
from casekit.domain import codes
from casekit.domain.model import EVIDENCE_KINDS
from casekit.errors import IntegrityError, InvalidInput, NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.config import Settings
    from casekit.services.base import Services
    from casekit.store.models import Evidence, Matter

CHUNK_SIZE = 1 << 20  # 1 MiB: hashing and copying stream; a file is never read whole
STORED_MODE = 0o400  # the vault copy is read-only, owner-only
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

_NOT_CODE = re.compile(r"^(?:NOT|NO)[-_ ]?(E\d)(?:_([A-Z0-9_]+))?$")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")

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
class EvidenceSummary:
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "matter": self.matter,
            "kind": self.kind,
            "description": self.description,
            "original_name": self.original_name,
            "obtained_on": self.obtained_on.isoformat() if self.obtained_on else None,
            "source": self.source,
            "sha256": self.sha256,
            "size_bytes": self.size_bytes,
            "proves": list(self.proves),
            "incident_id": self.incident_id,
            "custody_entries": self.custody_entries,
            "added_at": self.added_at.isoformat(),
        }


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
        return {
            "id": self.id,
            "evidence_id": self.evidence_id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "detail": self.detail,
            "from": self.from_location,
            "to": self.to_location,
        }


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
class ExportResult:
    directory: str
    items: int
    manifest: str

    def to_dict(self) -> dict[str, Any]:
        return {"directory": self.directory, "items": self.items, "manifest": self.manifest}


# --- codes ----------------------------------------------------------------------------------


def normalize_proves(values: Iterable[str]) -> tuple[str, ...]:
    """Canonical ``proves`` codes, in the order given, without duplicates.

    Args:
        values: ``V1``, ``v1_detain_on_detainer``, ``no-E1``, ``NOT_E2_QUALIFYING_CONVICTION`` ...

    Returns:
        Full ids: ``V1_DETAIN_ON_DETAINER``, ``NOT_E1_JUDICIAL_WARRANT`` ...

    Raises:
        InvalidInput: An unknown code, or an exception code without ``no-`` / ``NOT_``.
    """
    out: list[str] = []
    for raw in values:
        text = raw.strip().upper()
        if not text:
            continue
        code = _canonical_code(text, raw)
        if code not in out:
            out.append(code)
    return tuple(out)


def _canonical_code(text: str, raw: str) -> str:
    shown = raw.strip()[:40]
    match = _NOT_CODE.match(text)
    if match:
        short, suffix = match.groups()
        for item in codes.exceptions().values():
            if item.short == short and (suffix is None or item.id == f"{short}_{suffix}"):
                return NOT_PREFIX + item.id
        raise InvalidInput(f"unknown exception code in '{shown}' (use no-E1, no-E2 or no-E3)")
    if text.startswith("E") and text[1:2].isdigit():
        raise InvalidInput(
            f"'{shown}' names an exception; evidence for the client shows its absence: "
            "use no-E1, no-E2 or no-E3"
        )
    return codes.violation(text).id


def _short(code: str) -> str:
    if code.startswith(NOT_PREFIX):
        return NOT_PREFIX + code.removeprefix(NOT_PREFIX).split("_", 1)[0]
    return code.split("_", 1)[0]


# --- lookups --------------------------------------------------------------------------------


def _matter(session: Session, number: str) -> Matter:
    from casekit.store import repo

    return repo.get_matter(session=session, number=number)


def _evidence(session: Session, evidence_id: int) -> Evidence:
    from casekit.store.models import Evidence

    row = session.get(Evidence, evidence_id)
    if row is None:
        raise NotFound(f"no evidence item #{evidence_id}")
    return row


def _custody(
    session: Session,
    row: Evidence,
    actor: str,
    action: str,
    *,
    detail: str = "",
    from_location: str = "",
    to_location: str = "",
) -> None:
    from casekit.store.models import EvidenceCustody

    assert row.id is not None
    session.add(
        EvidenceCustody(
            evidence_id=row.id,
            actor=actor,
            action=action,
            detail=detail,
            from_location=from_location,
            to_location=to_location,
        )
    )


def _vault(rel: str) -> str:
    return f"vault:{rel}"


# --- hashing and storing --------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def _open_source(path: Path) -> IO[bytes]:
    """Open the file to add, or say in one line (without the path) why it cannot be."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise NotFound("the evidence file does not exist (check the path)") from None
    except OSError as exc:
        reason = exc.strerror or "error"
        raise InvalidInput(f"the evidence file cannot be read ({reason})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InvalidInput("the evidence path is a folder; give a single file")
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput("the evidence path is not a regular file")
    try:
        return open(path, "rb")  # noqa: SIM115 - closed by the caller
    except PermissionError:
        raise InvalidInput("the evidence file is not readable (permission denied)") from None
    except OSError as exc:
        reason = exc.strerror or "error"
        raise InvalidInput(f"the evidence file cannot be read ({reason})") from None


@dataclass(frozen=True)
class _Stored:
    sha256: str
    size: int
    rel: str
    created: bool


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stored_mode(settings: Settings) -> int:
    """The mode of a vault copy: read-only, owner-only (or office group too on a shared root)."""
    from casekit.config import FILE_MODE, files_modes

    _, file_mode = files_modes(settings)
    return STORED_MODE if file_mode == FILE_MODE else 0o440


def _store(source: IO[bytes], vault: Path, settings: Settings) -> _Stored:
    """Copy ``source`` into the vault while hashing it; return where it landed.

    The copy goes to a temporary file inside the vault (same file system), is fsynced, made
    read-only and renamed into place, so a stored file is always complete. If the content is
    already stored (and still intact) the temporary copy is dropped. A temporary file a crash
    leaves behind (``.incoming-*``) is swept later (:mod:`casekit.services.files`).
    """
    ensure_files_dir(settings, vault)
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=vault)
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        size = 0
        with os.fdopen(fd, "wb") as out:
            while chunk := source.read(CHUNK_SIZE):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        folder = ensure_files_dir(settings, vault / sha[:2])
        target = folder / sha
        rel = f"{sha[:2]}/{sha}"
        if target.exists():
            if _hash_or_none(target) != sha:
                raise IntegrityError(
                    "the vault already holds this content but its stored copy fails its hash "
                    "check; run 'casekit evidence verify' (nothing was recorded)"
                )
            tmp.unlink()
            return _Stored(sha, size, rel, created=False)
        os.chmod(tmp, stored_mode(settings))
        os.replace(tmp, target)
        _fsync_dir(folder)
        return _Stored(sha, size, rel, created=True)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _hash_or_none(path: Path) -> str | None:
    try:
        return sha256_file(path)
    except OSError:
        return None


def _remove_if_unreferenced(svc: Services, sha: str, path: Path) -> None:
    """Undo a store whose transaction failed (unless another item now uses the same file)."""
    from sqlmodel import select

    from casekit.store.models import Evidence

    try:
        with svc.transaction() as session:
            if session.exec(select(Evidence.id).where(Evidence.sha256 == sha)).first() is not None:
                return
    except Exception:  # noqa: BLE001, S110 - the database is failing: nothing can reference it
        pass
    path.unlink(missing_ok=True)


# --- use cases ------------------------------------------------------------------------------


def add_evidence(
    svc: Services,
    matter_number: str,
    file_path: Path | str,
    *,
    kind: str,
    incident_id: int | None = None,
    proves: Sequence[str] = (),
    source: str = "",
    obtained_on: date | None = None,
    description: str = "",
) -> StoredEvidence:
    """Hash and store a file in the vault and record it on a matter.

    Args:
        svc: The services.
        matter_number: E.g. ``TA-2026-0001``.
        file_path: The file to add (any size: it is streamed).
        kind: One of ``model.EVIDENCE_KINDS``.
        incident_id: The incident of the matter the item concerns, if any.
        proves: Element codes (see the module docstring).
        source: Where the item came from (e.g. "FOI response from Town X").
        obtained_on: When the firm obtained it (not in the future).
        description: Free text.

    Returns:
        The new item's id, SHA-256 and stored path.

    Raises:
        NotFound: Unknown matter or incident, or the file does not exist.
        InvalidInput: Unknown kind or code, a folder, an unreadable file, a future date.
        IntegrityError: The vault's copy of the same content has been altered.
    """
    from sqlmodel import select

    from casekit.store.models import Evidence, Incident

    kind = kind.strip().lower()
    if kind not in EVIDENCE_KINDS:
        known = ", ".join(EVIDENCE_KINDS)
        raise InvalidInput(f"unknown evidence kind '{kind[:40]}' (known: {known})")
    proves_codes = normalize_proves(proves)
    if obtained_on is not None and obtained_on > svc.today():
        raise InvalidInput("the obtained date is in the future")
    path = Path(file_path)
    vault = svc.settings.evidence_dir
    created: Path | None = None
    sha = ""
    with _open_source(path) as source_fh:
        try:
            with svc.transaction() as session:
                matter = _matter(session, matter_number)
                if incident_id is not None:
                    incident = session.get(Incident, incident_id)
                    if incident is None or incident.matter_id != matter.id:
                        raise NotFound(f"incident #{incident_id} is not on matter {matter.number}")
                stored = _store(source_fh, vault, svc.settings)
                sha = stored.sha256
                if stored.created:
                    created = vault / stored.rel
                first = session.exec(
                    select(Evidence).where(Evidence.sha256 == stored.sha256).order_by(Evidence.id)  # type: ignore[arg-type]
                ).first()
                assert matter.id is not None
                row = Evidence(
                    matter_id=matter.id,
                    incident_id=incident_id,
                    kind=kind,
                    description=description.strip(),
                    original_name=path.name,
                    obtained_on=obtained_on,
                    source=source.strip(),
                    sha256=stored.sha256,
                    stored_path=stored.rel,
                    size_bytes=stored.size,
                    proves=list(proves_codes),
                )
                session.add(row)
                session.flush()
                if first is not None:
                    _custody(
                        session,
                        row,
                        svc.actor,
                        COPIED,
                        detail=f"duplicate of #{first.id}",
                        from_location=path.name,
                        to_location=_vault(stored.rel),
                    )
                else:
                    _custody(
                        session,
                        row,
                        svc.actor,
                        RECEIVED,
                        detail=f"{stored.size} bytes, sha256 {stored.sha256}",
                        from_location=path.name,
                        to_location=_vault(stored.rel),
                    )
                assert row.id is not None
                return StoredEvidence(
                    id=row.id,
                    sha256=stored.sha256,
                    path=str(vault / stored.rel),
                    duplicate_of=first.id if first is not None else None,
                )
        except BaseException:
            if created is not None:
                _remove_if_unreferenced(svc, sha, created)
            raise


def _summaries(session: Session, rows: Sequence[Evidence], number: str) -> list[EvidenceSummary]:
    from sqlalchemy import func
    from sqlmodel import select

    from casekit.store.models import EvidenceCustody

    ids = [r.id for r in rows]
    counts: dict[int, int] = {}
    if ids:
        counts = dict(
            session.exec(
                select(EvidenceCustody.evidence_id, func.count())
                .where(EvidenceCustody.evidence_id.in_(ids))  # type: ignore[attr-defined]
                .group_by(EvidenceCustody.evidence_id)  # type: ignore[arg-type]
            ).all()
        )
    out = []
    for r in rows:
        assert r.id is not None
        out.append(
            EvidenceSummary(
                id=r.id,
                matter=number,
                kind=r.kind,
                description=r.description,
                original_name=r.original_name,
                obtained_on=r.obtained_on,
                source=r.source,
                sha256=r.sha256,
                size_bytes=r.size_bytes,
                proves=tuple(r.proves),
                incident_id=r.incident_id,
                custody_entries=counts.get(r.id, 0),
                added_at=r.created_at,
            )
        )
    return out


def list_evidence(svc: Services, matter_number: str) -> list[EvidenceSummary]:
    """The matter's evidence items, oldest first.

    Raises:
        NotFound: Unknown matter.
    """
    from sqlmodel import select

    from casekit.store.models import Evidence

    with svc.transaction() as session:
        matter = _matter(session, matter_number)
        rows = session.exec(
            select(Evidence).where(Evidence.matter_id == matter.id).order_by(Evidence.id)  # type: ignore[arg-type]
        ).all()
        return _summaries(session, rows, matter.number)


def custody_log(svc: Services, evidence_id: int) -> list[CustodyEntry]:
    """An item's chain of custody, oldest first.

    Raises:
        NotFound: No such item.
    """
    from sqlmodel import select

    from casekit.store.models import EvidenceCustody

    with svc.transaction() as session:
        _evidence(session, evidence_id)
        rows = session.exec(
            select(EvidenceCustody)
            .where(EvidenceCustody.evidence_id == evidence_id)
            .order_by(EvidenceCustody.at, EvidenceCustody.id)  # type: ignore[arg-type]
        ).all()
        return [_entry(r) for r in rows]


def _entry(r: Any) -> CustodyEntry:
    from casekit.domain.calendar import LOCAL_TZ

    return CustodyEntry(
        id=r.id,
        evidence_id=r.evidence_id,
        at=r.at.astimezone(LOCAL_TZ),  # Connecticut time, like the notes
        actor=r.actor,
        action=r.action,
        detail=r.detail,
        from_location=r.from_location,
        to_location=r.to_location,
    )


def view_evidence(svc: Services, evidence_id: int, *, purpose: str = "") -> Path:
    """Record that someone opens an item and return its stored (read-only) copy.

    Args:
        svc: The services.
        evidence_id: The item.
        purpose: Why it is opened (recorded in the custody log).

    Raises:
        NotFound: No such item.
        IntegrityError: The stored copy is missing.
    """
    with svc.transaction() as session:
        row = _evidence(session, evidence_id)
        path = svc.settings.evidence_dir / row.stored_path
        if not path.is_file():
            raise IntegrityError(
                f"the stored copy of evidence #{evidence_id} is missing; "
                "run 'casekit evidence verify'"
            )
        _custody(
            session,
            row,
            svc.actor,
            VIEWED,
            detail=" ".join(purpose.split())[:200],
            from_location=_vault(row.stored_path),
        )
        return path


def verify_evidence(svc: Services, matter_number: str | None = None) -> list[VerifyResult]:
    """Re-hash stored copies and record a ``verified`` custody entry for each item.

    Args:
        svc: The services.
        matter_number: Only this matter's items; None for every item in the vault.

    Returns:
        Per item: ``tampered`` when the SHA-256 on its row is not the one the audit chain
        recorded when the item was added (or the chain holds no intact record of it): the file
        and its row were changed together, which comparing the two alone would call ``ok``;
        otherwise ``ok``, ``modified`` (the bytes changed) or ``missing`` (gone or unreadable).

    Raises:
        NotFound: Unknown matter.
    """
    from sqlmodel import select

    from casekit.store import audit
    from casekit.store.models import Evidence, Matter

    with svc.transaction() as session:
        query = select(Evidence.id, Evidence.sha256, Evidence.stored_path, Matter.number).join(
            Matter,
            Matter.id == Evidence.matter_id,  # type: ignore[arg-type]
        )
        if matter_number is not None:
            matter = _matter(session, matter_number)
            query = query.where(Evidence.matter_id == matter.id)
        items = session.exec(query.order_by(Evidence.id)).all()  # type: ignore[arg-type]
        chained = audit.recorded_values(
            session.connection(), "evidence", (int(i[0]) for i in items if i[0]), "sha256"
        )
    # Hash outside any transaction (a large vault takes a while) and each file once.
    vault = svc.settings.evidence_dir
    hashes: dict[str, str | None] = {}
    results: list[VerifyResult] = []
    for item_id, sha, rel, number in items:
        assert item_id is not None
        if rel not in hashes:
            path = vault / rel
            hashes[rel] = _hash_or_none(path) if path.is_file() else None
        actual = hashes[rel]
        recorded = chained.get(item_id, [])
        if not recorded or not all(r.intact for r in recorded) or recorded[-1].value != sha:
            status = TAMPERED
        else:
            status = MISSING if actual is None else OK if actual == sha else MODIFIED
        results.append(VerifyResult(id=item_id, status=status, matter=number))
    if results:
        with svc.transaction() as session:
            for result in results:
                row = session.get(Evidence, result.id)
                if row is None:  # deleted meanwhile
                    continue
                _custody(
                    session,
                    row,
                    svc.actor,
                    VERIFIED,
                    detail=result.status,
                    from_location=_vault(row.stored_path),
                )
    return results


def element_map(svc: Services, matter_number: str) -> ElementMap:
    """Which elements of the matter's case the evidence supports.

    The elements are every prohibited act recorded on the matter's incidents (V-codes) and the
    absence of each exception (E1 judicial warrant, E2 qualifying conviction, E3 database match)
    that reaches, or may reach, one of those acts (the law pack's Reach table: the absence of an
    exception that reaches no recorded act is not part of the case). An item supports an element
    when its ``proves`` names it. Typical evidence kinds and titles come from the law pack
    (``elements.toml``, trust-act.md § 6).

    Raises:
        NotFound: Unknown matter.
    """
    from sqlmodel import select

    from casekit.services.law.rules import law_pack
    from casekit.store.models import Evidence, Incident

    pack = law_pack(svc)
    hints = pack.elements
    with svc.transaction() as session:
        matter = _matter(session, matter_number)
        incidents = session.exec(select(Incident).where(Incident.matter_id == matter.id)).all()
        items = session.exec(
            select(Evidence).where(Evidence.matter_id == matter.id).order_by(Evidence.id)  # type: ignore[arg-type]
        ).all()
        number = matter.number
    recorded: set[str] = set()
    for incident in incidents:
        for raw in incident.violations:
            try:
                recorded.add(codes.violation(raw).id)
            except InvalidInput:
                continue  # an unknown stored code is screening's problem, not the map's
    support: dict[str, list[int]] = {}
    for item in items:
        assert item.id is not None
        for proved in item.proves:
            support.setdefault(proved, []).append(item.id)
    notes = {
        "E1": "an incident records a judicial warrant"
        if any(i.judicial_warrant for i in incidents)
        else "",
        "E2": "an incident records convictions: check their class"
        if any(i.convictions for i in incidents)
        else "",
        "E3": "an incident records a database (TSDB) match"
        if any(i.tsdb_match for i in incidents)
        else "",
    }
    elements: list[Element] = []
    for act in pack.violations.values():
        if act.id in recorded:
            hint = hints.get(act.short)
            elements.append(
                Element(
                    code=act.id,
                    short=act.short,
                    title=act.title,
                    kind="violation",
                    evidence_ids=tuple(support.get(act.id, ())),
                    typical_kinds=hint.typical_kinds if hint else (),
                )
            )
    for exc in pack.exceptions.values():
        reaches = any(
            pack.reach_of(act, exc.id).effect != "none"
            for act in recorded
            if act in pack.violations
        )
        element_code = NOT_PREFIX + exc.id
        if not reaches and not support.get(element_code):
            continue  # no recorded act that this exception could excuse
        hint = hints.get(_short(element_code))
        elements.append(
            Element(
                code=element_code,
                short=_short(element_code),
                title=exc.absence,
                kind="exception_absent",
                evidence_ids=tuple(support.get(element_code, ())),
                typical_kinds=hint.typical_kinds if hint else (),
                note=notes.get(exc.short, ""),
            )
        )
    unrecorded = tuple(c for c in codes.violations() if c in support and c not in recorded)
    return ElementMap(matter=number, elements=tuple(elements), unrecorded=unrecorded)


# --- export ---------------------------------------------------------------------------------


def _export_name(row: Evidence) -> str:
    stem = _SAFE_NAME.sub("_", Path(row.original_name).name).strip("._") or row.kind
    return f"{row.id:04d}-{stem[:120]}"


def _copy_verified(src: Path, dest: Path, sha: str, item_id: int) -> None:
    """Copy ``src`` to a new owner-only ``dest``, checking the bytes hash to ``sha``."""
    try:
        source = open(src, "rb")  # noqa: SIM115
    except OSError:
        raise IntegrityError(
            f"the stored copy of evidence #{item_id} is missing or unreadable; "
            "run 'casekit evidence verify' (nothing was exported)"
        ) from None
    digest = hashlib.sha256()
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with source, os.fdopen(fd, "wb") as out:
        while chunk := source.read(CHUNK_SIZE):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != sha:
        raise IntegrityError(
            f"evidence #{item_id} fails its hash check; run 'casekit evidence verify' "
            "(nothing was exported)"
        )


def _custody_summary(entries: Sequence[Any]) -> str:
    if not entries:
        return ""
    first = entries[0]
    counts = Counter(e.action for e in entries[1:])
    parts = [f"{first.action} {first.at.date().isoformat()} by {first.actor}"]
    parts += [f"{action} x{n}" for action, n in sorted(counts.items())]
    return "; ".join(parts)


def export_evidence(
    svc: Services,
    matter_number: str,
    directory: Path | str,
    *,
    include_sensitive: bool = False,
) -> ExportResult:
    """Copy a matter's items to a new or empty folder with a ``manifest.csv``.

    Files and the manifest are owner-only. The client's sensitive fields (date of birth,
    A-number, immigration status) are left out of the manifest unless ``include_sensitive``.
    Every exported item gets an ``exported`` custody entry. On any failure, whatever was written
    is removed and nothing is recorded.

    Raises:
        NotFound: Unknown matter.
        InvalidInput: The folder is not empty, or is a file.
        IntegrityError: A stored copy is missing or altered.
    """
    from sqlmodel import select

    from casekit.store.models import Client, Evidence, EvidenceCustody

    dest = Path(directory)
    if dest.exists() and not dest.is_dir():
        raise InvalidInput("the export destination is a file; give a new or empty folder")
    if dest.is_dir() and any(dest.iterdir()):
        raise InvalidInput("the export folder is not empty; give a new or empty folder")

    with svc.transaction() as session:
        matter = _matter(session, matter_number)
        client = session.get(Client, matter.client_id)
        secret: dict[str, Any] = {}
        if include_sensitive and client is not None:
            from casekit.services.clients import open_sensitive

            secret = open_sensitive(session, client)
        rows = session.exec(
            select(Evidence).where(Evidence.matter_id == matter.id).order_by(Evidence.id)  # type: ignore[arg-type]
        ).all()
        custody: dict[int, list[Any]] = {}
        ids = [r.id for r in rows]
        if ids:
            for entry in session.exec(
                select(EvidenceCustody)
                .where(EvidenceCustody.evidence_id.in_(ids))  # type: ignore[attr-defined]
                .order_by(EvidenceCustody.at, EvidenceCustody.id)  # type: ignore[arg-type]
            ).all():
                custody.setdefault(entry.evidence_id, []).append(entry)
        number = matter.number

    created_dir = not dest.exists()
    written: list[Path] = []
    vault = svc.settings.evidence_dir
    try:
        ensure_private_dir(dest)
        lines: list[dict[str, Any]] = []
        for row in rows:
            assert row.id is not None
            name = _export_name(row)
            target = dest / name
            written.append(target)
            _copy_verified(vault / row.stored_path, target, row.sha256, row.id)
            entries = custody.get(row.id, [])
            line: dict[str, Any] = {
                "id": row.id,
                "matter": number,
                "client": client.name if client else "",
            }
            if include_sensitive:
                dob = secret.get("date_of_birth")
                line["client_date_of_birth"] = dob.isoformat() if dob else ""
                line["client_a_number"] = secret.get("a_number", "")
                line["client_immigration_status"] = secret.get("immigration_status", "")
            line.update(
                {
                    "kind": row.kind,
                    "description": row.description,
                    "file": name,
                    "original_name": row.original_name,
                    "sha256": row.sha256,
                    "size_bytes": row.size_bytes,
                    "obtained": row.obtained_on.isoformat() if row.obtained_on else "",
                    "source": row.source,
                    "incident_id": row.incident_id or "",
                    "proves": " ".join(row.proves),
                    "custody_entries": len(entries),
                    "custody_summary": _custody_summary(entries),
                }
            )
            lines.append(line)
        manifest = dest / "manifest.csv"
        written.append(manifest)
        write_private_file(manifest, _manifest_csv(lines, include_sensitive=include_sensitive))
        with svc.transaction() as session:
            for row in rows:
                fresh = session.get(Evidence, row.id)
                if fresh is None:
                    continue
                _custody(
                    session,
                    fresh,
                    svc.actor,
                    EXPORTED,
                    detail="exported with manifest.csv"
                    + (" (sensitive fields included)" if include_sensitive else ""),
                    from_location=_vault(row.stored_path),
                    to_location=str(dest.resolve() / _export_name(row)),
                )
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        if created_dir:
            try:
                dest.rmdir()
            except OSError:
                pass
        raise
    return ExportResult(directory=str(dest), items=len(rows), manifest=str(manifest))


def manifest_columns(*, include_sensitive: bool) -> list[str]:
    """The manifest's header, in order."""
    cols = ["id", "matter", "client"]
    if include_sensitive:
        cols += list(SENSITIVE_CLIENT_COLUMNS)
    return cols + [
        "kind",
        "description",
        "file",
        "original_name",
        "sha256",
        "size_bytes",
        "obtained",
        "source",
        "incident_id",
        "proves",
        "custody_entries",
        "custody_summary",
    ]


def _manifest_csv(lines: list[dict[str, Any]], *, include_sensitive: bool) -> bytes:
    from casekit.services.reports import csv_cell

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=manifest_columns(include_sensitive=include_sensitive))
    writer.writeheader()
    writer.writerows({key: csv_cell(value) for key, value in line.items()} for line in lines)
    return buf.getvalue().encode("utf-8")
