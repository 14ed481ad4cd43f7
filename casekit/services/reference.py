"""Reference data: Connecticut's towns (with judicial districts) and law-enforcement agencies.

Both tables are seeded by a migration from ``db/seed``; these functions only read them and
return :mod:`casekit.domain.model` values.
"""

from __future__ import annotations

from casekit.domain.model import Agency, Town
from casekit.errors import InvalidInput
from casekit.services.base import AppContext
from casekit.store import repo
from casekit.store.repos import reference


def list_towns(svc: AppContext) -> list[Town]:
    """All 169 towns by name, with county and judicial district (now and
    before the 2025 realignment, the law pack's ``JD_REALIGNMENT_2025``)."""
    with svc.engine.connect() as conn:
        rows = reference.town_rows(session=conn)
    return [Town(*row) for row in rows]


def municipal_names(svc: AppContext) -> dict[str, tuple[str, str]]:
    """Town → (the name it sues and is sued by, that name's confidence): "City of Hartford",
    ``secondary`` (db/seed/SOURCES.md § 4)."""
    with svc.engine.connect() as conn:
        rows = reference.municipal_name_rows(session=conn)
    return {
        name: (legal or f"Town of {name}", confidence or "unverified")
        for name, legal, confidence in rows
    }


def list_agencies(
    svc: AppContext, *, town: str | None = None, kind: str | None = None
) -> list[Agency]:
    """Agencies by name, optionally only those in one town or of one kind.

    An unknown town or kind is an error with "did you mean …" suggestions, not an empty list:
    an empty list would read as "no agency there".
    """
    with svc.transaction() as session:
        town_id = repo.find_town(session=session, name=town).id if town is not None else None
        wanted = None
        if kind is not None:
            kinds = repo.agency_kinds(session=session)
            wanted = kind.strip().lower().replace("-", "_").replace(" ", "_")
            if wanted not in kinds:
                hint = repo.did_you_mean(wanted, kinds) or f" (known: {', '.join(kinds)})"
                raise InvalidInput(f"unknown agency kind '{kind.strip()[:40]}'{hint}")
        rows = reference.agency_rows(session=session, town_id=town_id, kind=wanted)
    return [Agency(*row) for row in rows]
