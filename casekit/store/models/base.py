"""The columns every table has, and the timestamp type (stored in UTC, read back aware)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime
from sqlalchemy.orm import declared_attr
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no zone: it would store an aware local time's wall clock as if it were UTC, and
    hand every value back naive. Converting on the way in and tagging on the way out here keeps
    that out of every caller.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def timestamp_field(*, index: bool = False) -> Any:
    return Field(
        default_factory=utcnow,
        sa_type=UTCDateTime,
        nullable=False,
        index=index,
    )


def json_list_field() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class TableBase(SQLModel):
    """Columns every table has."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
    version: int = Field(default=1, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy passes the class
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
