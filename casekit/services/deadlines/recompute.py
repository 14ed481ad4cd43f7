"""Applying a recompute the attorney accepted: one matter, every matter, or chosen changes.

:func:`recompute_apply` applies exactly the preview the attorney saw, or refuses when it is no
longer that preview. Moved deadlines get their new dates and trail (with a line saying who
accepted the change); restated ones their new confidence and citation; removed ones become
``superseded``; added ones are inserted. :func:`set_trigger_dates` records the dates that start
deadlines and returns the recompute they cause.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from casekit.errors import ConflictError, InvalidInput, NotFound
from casekit.services.deadlines.markers import settle_in
from casekit.services.deadlines.plan import row_values, trail_of
from casekit.services.deadlines.preview import (
    Plan,
    matter_id_in,
    preview_all_plans,
    preview_in,
)
from casekit.services.deadlines.results import KEEP, Change, RecomputeDiff, Selected
from casekit.services.law.rules import law_pack
from casekit.store.repos import deadlines as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.repos.deadlines import Session


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "-"


def recompute_all_apply(
    svc: AppContext, expected: dict[str, RecomputeDiff] | None = None
) -> dict[str, RecomputeDiff]:
    """Apply the recompute of every open matter in one transaction.

    Args:
        svc: The services.
        expected: The preview the attorney accepted (``recompute_all_preview``). When
            given, the recompute must still be exactly that preview, matter by matter.

    Raises:
        ConflictError: Something changed since the preview (nothing was written).
    """
    version = law_pack(svc).version.label
    with svc.transaction() as session:
        found = preview_all_plans(session, svc)
        diffs = {number: diff for number, (diff, _) in found.items()}
        if expected is not None and {k: d.signature() for k, d in diffs.items()} != {
            k: d.signature() for k, d in expected.items() if d.has_changes
        }:
            raise ConflictError(
                "the deadlines changed since the preview; preview the recompute again before "
                "accepting it (nothing was written)"
            )
        for diff, plan in found.values():
            apply_diff_in(session, svc, diff.matter_id, diff, plan, version=version)
    return diffs


def _chosen(
    session: Session, svc: AppContext, number: str, changes: list[Change]
) -> tuple[int, RecomputeDiff, Plan]:
    """The part of a matter's fresh preview the attorney accepted (ConflictError when one of
    ``changes`` is no longer what the review showed)."""
    matter_id = matter_id_in(session, number)
    fresh, plan = preview_in(session, svc, matter_id)
    now = {c.signature(): c for c in fresh.changes}
    chosen = []
    for change in changes:
        current = now.get(change.signature())
        if current is None:
            raise ConflictError(
                f"a change to {number}'s deadlines is no longer what the review showed; "
                "review again (nothing was applied)"
            )
        chosen.append(current)
    part = RecomputeDiff(
        matter=fresh.matter,
        matter_id=matter_id,
        added=tuple(c for c in chosen if c.kind == "added"),
        moved=tuple(c for c in chosen if c.kind == "moved"),
        removed=tuple(c for c in chosen if c.kind == "removed"),
        unchanged=fresh.unchanged,
        restated=tuple(c for c in chosen if c.kind == "restated"),
    )
    return matter_id, part, plan


def apply_selected(svc: AppContext, accepted: Sequence[Selected]) -> int:
    """Apply only the accepted changes, in one transaction; return how many were applied.

    Every accepted change must still be exactly what was shown (same kind, key, deadline and
    dates); if any differs, nothing is applied. Rejected changes are left alone, so they come
    back at the next review.

    Raises:
        ConflictError: An accepted change is no longer what the review showed.
    """
    if not accepted:
        return 0
    version = law_pack(svc).version.label
    by_matter: dict[str, list[Change]] = defaultdict(list)
    for item in accepted:
        by_matter[item.matter].append(item.change)
    applied = 0
    with svc.transaction() as session:
        work = [_chosen(session, svc, number, changes) for number, changes in by_matter.items()]
        for matter_id, part, plan in work:
            apply_diff_in(session, svc, matter_id, part, plan, version=version)
            applied += len(part.changes)
    return applied


def recompute_apply(
    svc: AppContext, matter: str | int, expected: RecomputeDiff | None = None
) -> RecomputeDiff:
    """Apply a matter's recompute in one transaction.

    Args:
        svc: The services.
        matter: Matter number or id.
        expected: The preview the attorney accepted. When given, the recompute must still be
            exactly that preview.

    Returns:
        The diff that was applied.

    Raises:
        ConflictError: The preview no longer matches (a trigger, rule, closure or deadline
            changed since): preview again.
    """
    version = law_pack(svc).version.label
    with svc.transaction() as session:
        matter_id = matter_id_in(session, matter)
        diff, plan = preview_in(session, svc, matter_id)
        if expected is not None and (
            expected.matter_id != matter_id or expected.signature() != diff.signature()
        ):
            raise ConflictError(
                f"the deadlines of {diff.matter} changed since the preview; preview the "
                "recompute again before accepting it"
            )
        apply_diff_in(session, svc, matter_id, diff, plan, version=version)
    return diff


def _move(session: Session, svc: AppContext, change: Change, plan: Plan, version: str) -> None:
    """Give a stored deadline its recomputed dates, confidence and trail."""
    row = repo.deadline(session=session, deadline_id=change.deadline_id)
    if change.new_due is None or change.new_safe_target is None:
        raise ValueError(f"a {change.kind} change carries its new dates")
    p = plan[change.key]
    stamp = f"Recomputed on {svc.today().isoformat()}, accepted by {svc.actor}"
    row.key = change.key  # a row upgraded to a per-defendant key keeps its id
    if p.subject_id.isdigit() and row.records_request_id is None:
        row.party_id = int(p.subject_id)
    row.due = change.new_due
    row.safe_target = change.new_safe_target
    row.trigger_date = p.trigger
    row.title = p.title
    row.citation = p.citation
    row.confidence = p.confidence
    row.overridden = p.overridden
    row.law_version = version
    row.trail = [
        *trail_of(p),
        f"{stamp}: was due {_iso(change.old_due)} (safe target "
        f"{_iso(change.old_safe_target)}); {change.reason}.",
    ]
    row.changed_by = svc.actor


def apply_diff_in(
    session: Session,
    svc: AppContext,
    matter_id: int,
    diff: RecomputeDiff,
    plan: Plan,
    *,
    version: str,
) -> None:
    """Apply a recompute preview inside the caller's transaction: moved and restated deadlines
    get their new dates, confidence and trail (with who accepted it), removed ones become
    ``superseded``, added ones are inserted; each carries the law pack ``version``."""
    stamp = f"Recomputed on {svc.today().isoformat()}, accepted by {svc.actor}"
    for change in (*diff.moved, *diff.restated):
        _move(session, svc, change, plan, version)
    for change in diff.removed:
        row = repo.deadline(session=session, deadline_id=change.deadline_id)
        row.status = "superseded"
        row.status_reason = f"{stamp}: {change.reason}"
        row.changed_by = svc.actor
    now = datetime.now(UTC)
    for change in diff.added:
        values = row_values(matter_id, plan[change.key], svc.actor, now, version)
        values.pop("version")
        repo.add_deadline(session=session, values=values)
    session.flush()
    settle_in(session, svc, matter_id)


def set_trigger_dates(
    svc: AppContext,
    matter: str | int,
    *,
    authorization_on: date | None = KEEP,
    dismissed_on: date | None = KEEP,
) -> RecomputeDiff:
    """Record (or clear, with None) the permission-to-sue and dismissal dates of a matter.

    Nothing moves silently: the change is saved and the recompute it causes is returned for the
    attorney to accept with :func:`recompute_apply`.

    Raises:
        InvalidInput: A date after today.
    """
    today = svc.today()
    for label, value in (("authorization", authorization_on), ("dismissal", dismissed_on)):
        if isinstance(value, date) and value > today:
            raise InvalidInput(f"the {label} date {value.isoformat()} is after today")
    with svc.transaction() as session:
        matter_id = matter_id_in(session, matter)
        row = repo.matter(session=session, matter_id=matter_id)
        if row is None:
            raise NotFound(f"no matter with id {matter_id}")
        if authorization_on is not KEEP:
            row.authorization_on = authorization_on
        if dismissed_on is not KEEP:
            row.dismissed_on = dismissed_on
        session.flush()
        return preview_in(session, svc, matter_id)[0]
