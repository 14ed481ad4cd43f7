"""Out-of-date markers: a trigger changed and the recompute it causes was not accepted.

Correcting the incident's date moves the deadlines computed from it, but nothing moves until the
attorney accepts the recompute (DESIGN.md, "nothing silently moves"). Until then the stored
deadlines are *out of date*: :func:`mark_in` records that (a :class:`RecomputeMarker` row, in
the transaction of the change), and the deadlines, the matter and the dashboard show
"out of date: incident changed on …" until

* the recompute is accepted (:func:`casekit.services.deadlines.recompute.apply_diff_in` calls
  :func:`settle_in`, which closes the marker as ``accepted`` once nothing is left to apply), or
* the attorney keeps the deadlines as they are, with a reason (:func:`keep`, ``kept``).

A change that, once made, moves nothing (the date put back) closes the marker as ``cleared``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.records import from_row
from casekit.domain.text import required_line
from casekit.errors import InvalidInput
from casekit.services.base import check_version
from casekit.services.deadlines.preview import matter_id_in, preview_in
from casekit.services.plain import plain
from casekit.store.repos import deadline_history as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.deadlines.results import RecomputeDiff
    from casekit.store.repos.deadline_history import Session

MAX_REASON = 2_000
RESOLUTIONS = ("accepted", "kept", "cleared")


@dataclass(frozen=True)
class MarkerView:
    """An open marker as screens and commands show it."""

    id: int
    version: int
    matter_id: int
    cause: str
    changed_on: date
    changed_by: str
    deadline_ids: tuple[int, ...]
    added: int

    @property
    def text(self) -> str:
        """``out of date: incident changed on 2026-12-04 (incident date 2025-12-13 → …)``."""
        subject = self.cause.split(" ", 1)[0]
        return f"out of date: {subject} changed on {self.changed_on.isoformat()} ({self.cause})"

    def to_dict(self) -> dict[str, Any]:
        return plain(self, leave_out=("matter_id",), text=self.text)


def _view(row: Any) -> MarkerView:
    return from_row(
        MarkerView,
        row,
        deadline_ids=tuple(int(i) for i in (row.deadline_ids or ())),
        added=int(row.added or 0),
    )


def _open_rows(session: Session, matter_id: int) -> list[Any]:
    return repo.open_markers(session=session, matter_id=matter_id)


def affected(diff: RecomputeDiff) -> list[int]:
    """The stored deadlines a recompute would move, restate or remove."""
    return sorted(
        {c.deadline_id for c in (*diff.moved, *diff.removed, *diff.restated) if c.deadline_id}
    )


def mark_in(
    session: Session, svc: AppContext, matter_id: int, what: str, diff: RecomputeDiff
) -> None:
    """After a trigger changed (``what``: "incident date 2025-12-13 → 2025-12-12"), inside the
    change's transaction: mark the matter's deadlines out of date when ``diff`` (the recompute
    it causes) moves anything; one open marker per matter (a later change restates it)."""
    today = svc.today()
    rows = _open_rows(session, matter_id)
    if not diff.has_changes:
        _close(rows, svc, "cleared", "the recompute no longer changes anything")
        return
    cause = what
    if rows and "→" in rows[-1].cause and "→" in what:
        # Keep the first "from" of the open marker: "2025-12-13 → 2025-12-11", not "12 → 11".
        cause = f"{rows[-1].cause.split('→', 1)[0].strip()} → {what.split('→', 1)[1].strip()}"
    row = rows[-1] if rows else repo.new_marker(matter_id=matter_id, cause=cause, changed_on=today)
    row.cause = cause
    row.changed_on = today
    row.changed_by = svc.actor
    row.deadline_ids = affected(diff)
    row.added = len(diff.added)
    session.add(row)
    _close(rows[:-1], svc, "cleared", "restated by a later change")
    session.flush()


def _close(rows: list[Any], svc: AppContext, resolution: str, reason: str) -> None:
    today = svc.today()
    for row in rows:
        row.resolution = resolution
        row.resolved_on = today
        row.resolved_by = svc.actor
        row.reason = reason


def settle_in(session: Session, svc: AppContext, matter_id: int) -> None:
    """After a recompute was applied (inside its transaction): close the matter's open markers
    as ``accepted`` once the recompute has nothing left to apply."""
    rows = _open_rows(session, matter_id)
    if not rows:
        return
    session.flush()
    if not preview_in(session, svc, matter_id)[0].has_changes:
        _close(rows, svc, "accepted", "")
        session.flush()


def keep(svc: AppContext, matter: str | int, reason: str, *, version: int | None = None) -> int:
    """Keep the matter's deadlines as they are, though a trigger changed: closes its open
    markers as ``kept`` with ``reason`` (stored, and in the audit log). Returns how many.

    Raises:
        InvalidInput: No reason, or nothing is out of date.
        ConflictError: ``version`` (the marker's, as shown) is stale.
    """
    why = required_line(
        reason,
        MAX_REASON,
        "the reason",
        missing="keeping deadlines that are out of date needs a reason (--reason)",
    )
    with svc.transaction() as session:
        matter_id = matter_id_in(session, matter)
        rows = _open_rows(session, matter_id)
        if not rows:
            raise InvalidInput("nothing to keep: the matter's deadlines are not out of date")
        check_version(rows[-1], version, "marker")
        _close(rows, svc, "kept", why)
        session.flush()
        return len(rows)


def open_marker(svc: AppContext, matter: str | int) -> MarkerView | None:
    """The matter's open marker, or None when its deadlines are up to date."""
    with svc.transaction() as session:
        return open_marker_in(session, matter_id_in(session, matter))


def open_marker_in(session: Session, matter_id: int) -> MarkerView | None:
    """The same, inside a caller's transaction (``casekit.services.casefile.matter_file``)."""
    session.flush()  # a marker this transaction wrote counts
    return open_markers_conn(session.connection(), matter_id)


def open_markers_conn(conn: Any, matter_id: int) -> MarkerView | None:
    """The same, read through a Core connection (``casekit.services.views.matter_detail``)."""
    row = repo.last_open_marker(conn=conn, matter_id=matter_id)
    return _view(row) if row is not None else None
