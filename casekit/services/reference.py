"""Reference data: Connecticut's towns (with judicial districts) and law-enforcement agencies.

Both tables are seeded by a migration from ``db/seed``; these functions only read them and
return :mod:`casekit.domain.model` values.
"""

from __future__ import annotations

from casekit.domain.model import Agency, Town
from casekit.errors import InvalidInput
from casekit.services.base import Services


def list_towns(svc: Services) -> list[Town]:
    """All 169 towns by name, with county and judicial district (now and
    before the 2025 realignment, the law pack's ``JD_REALIGNMENT_2025``)."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Town as TownRow

    with svc.engine.connect() as conn:
        rows = conn.execute(
            select(
                col(TownRow.name),
                col(TownRow.county),
                col(TownRow.judicial_district),
                col(TownRow.jd_court_location),
                col(TownRow.jd_courthouse_address),
                col(TownRow.judicial_district_before_2025_10_01),
                col(TownRow.jd_confidence),
                col(TownRow.jd_court_town),
                col(TownRow.jd_court_note),
            ).order_by(col(TownRow.name))
        ).all()
    return [Town(*row) for row in rows]


def municipal_names(svc: Services) -> dict[str, tuple[str, str]]:
    """Town → (the name it sues and is sued by, that name's confidence): "City of Hartford",
    ``secondary`` (db/seed/SOURCES.md § 4)."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Town as TownRow

    with svc.engine.connect() as conn:
        rows = conn.execute(
            select(col(TownRow.name), col(TownRow.legal_name), col(TownRow.legal_name_confidence))
        ).all()
    return {
        name: (legal or f"Town of {name}", confidence or "unverified")
        for name, legal, confidence in rows
    }


def list_agencies(
    svc: Services, *, town: str | None = None, kind: str | None = None
) -> list[Agency]:
    """Agencies by name, optionally only those in one town or of one kind.

    An unknown town or kind is an error with "did you mean …" suggestions, not an empty list:
    an empty list would read as "no agency there".
    """
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import repo
    from casekit.store.models import Agency as AgencyRow
    from casekit.store.models import Town as TownRow

    with svc.transaction() as session:
        query = (
            select(
                col(AgencyRow.name),
                col(AgencyRow.kind),
                col(TownRow.name),
                col(AgencyRow.employer),
                col(AgencyRow.address),
                col(AgencyRow.address_status),
            )
            .outerjoin(TownRow, col(TownRow.id) == col(AgencyRow.town_id))
            .order_by(col(AgencyRow.name))
        )
        if town is not None:
            place = repo.find_town(session=session, name=town)
            query = query.where(col(AgencyRow.town_id) == place.id)
        if kind is not None:
            kinds = repo.agency_kinds(session=session)
            wanted = kind.strip().lower().replace("-", "_").replace(" ", "_")
            if wanted not in kinds:
                hint = repo.did_you_mean(wanted, kinds) or f" (known: {', '.join(kinds)})"
                raise InvalidInput(f"unknown agency kind '{kind.strip()[:40]}'{hint}")
            query = query.where(col(AgencyRow.kind) == wanted)
        rows = session.execute(query).all()
    return [
        Agency(
            name=name,
            kind=kind_,
            town=town_name,
            employer=employer,
            address=address,
            address_status=status,
        )
        for name, kind_, town_name, employer, address, status in rows
    ]
