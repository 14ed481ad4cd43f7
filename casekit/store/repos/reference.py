"""The SQL of the reference tables: Connecticut's towns and its law-enforcement agencies, and the
schema-status counts ``casekit db upgrade`` reports. Reads run on a connection or the caller's
session (keyword-only ``session``) and return rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.engine import make_url
from sqlmodel import Session, col

from casekit.store.models import Agency, Document, Town

__all__ = [
    "Connection",
    "Session",
    "agency_rows",
    "documents_outside_root",
    "municipal_name_rows",
    "safe_url",
    "town_rows",
]


def town_rows(*, session: Connection) -> Sequence[Any]:
    """Every town by name: name, county, judicial district (now and before the realignment),
    its court and the confidence of the district."""
    return session.execute(
        select(
            col(Town.name),
            col(Town.county),
            col(Town.judicial_district),
            col(Town.jd_court_location),
            col(Town.jd_courthouse_address),
            col(Town.judicial_district_before_2025_10_01),
            col(Town.jd_confidence),
            col(Town.jd_court_town),
            col(Town.jd_court_note),
        ).order_by(col(Town.name))
    ).all()


def municipal_name_rows(*, session: Connection) -> Sequence[Any]:
    """(town, legal name, its confidence) of every town."""
    return session.execute(
        select(col(Town.name), col(Town.legal_name), col(Town.legal_name_confidence))
    ).all()


def agency_rows(
    *, session: Session, town_id: int | None = None, kind: str | None = None
) -> Sequence[Any]:
    """(name, kind, town, employer, address, address status) of the agencies by name, only
    those in one town or of one kind when given."""
    query = (
        select(
            col(Agency.name),
            col(Agency.kind),
            col(Town.name),
            col(Agency.employer),
            col(Agency.address),
            col(Agency.address_status),
        )
        .outerjoin(Town, col(Town.id) == col(Agency.town_id))
        .order_by(col(Agency.name))
    )
    if town_id is not None:
        query = query.where(col(Agency.town_id) == town_id)
    if kind is not None:
        query = query.where(col(Agency.kind) == kind)
    return session.execute(query).all()


def documents_outside_root(*, session: Connection) -> int:
    """How many documents' recorded paths are absolute (outside the files root)."""
    paths = session.execute(select(col(Document.output_path))).scalars()
    return sum(1 for p in paths if Path(p).is_absolute())


def safe_url(url: str) -> str:
    """A database URL without its password."""
    return make_url(url).render_as_string(hide_password=True)
