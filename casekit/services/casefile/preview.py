"""The deadline recompute a record edit causes, shown before anything moves."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.deadlines import RecomputeDiff
    from casekit.store.repos.matters import Session


def recompute_preview(session: Session, svc: AppContext, matter_id: int) -> RecomputeDiff:
    """What a recompute of the matter would change, inside the caller's transaction (after
    flushing its edits); nothing is written."""
    # Imported here: casekit.services.deadlines reaches this package back (through
    # services.matters' screenings), an import circle at module level.
    from casekit.services.deadlines.preview import preview_in

    session.flush()
    return preview_in(session, svc, matter_id)[0]
