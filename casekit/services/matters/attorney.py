"""The matter's responsible attorney: ``casekit matter update --attorney`` and the workspace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from casekit.domain.text import one_line
from casekit.services.base import AppContext, check_version
from casekit.services.plain import PlainResult
from casekit.store import repo
from casekit.store.repos import matters_write as rows


@dataclass(frozen=True)
class AttorneyChange(PlainResult):
    """A matter's responsible attorney before and after :func:`assign_attorney` ("" = none)."""

    matter: str
    before: str
    after: str


#: ``--attorney none`` leaves the matter with nobody responsible (its reminders then go to the
#: office's fallback recipient, and the dashboard flags it).
NO_ATTORNEY = ("", "none", "-")


def assign_attorney(
    svc: AppContext, matter: str | int, attorney: str, *, version: int | None = None
) -> AttorneyChange:
    """Make ``attorney`` (a name from ``casekit attorney list``; ``none`` for nobody) responsible
    for the matter: one audited transaction, refused if the matter changed since ``version``."""
    wanted = one_line(attorney)
    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        check_version(row, version, "matter")
        lawyer = (
            None if wanted.lower() in NO_ATTORNEY else repo.find_user(session=session, name=wanted)
        )
        old = rows.user_by_id(session=session, user_id=row.attorney_id)
        new_id = lawyer.id if lawyer is not None else None
        if row.attorney_id != new_id:
            rows.set_attorney(session=session, matter=row, attorney_id=new_id, at=datetime.now(UTC))
        return AttorneyChange(
            matter=row.number,
            before=old.name if old is not None else "",
            after=lawyer.name if lawyer is not None else "",
        )
