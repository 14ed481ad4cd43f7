"""A matter's custody timeline: its events in Connecticut wall time, and the over-detention
they show (hours held past the scheduled release and past the 48-hour cap).

The edits are in :mod:`casekit.services.casefile.custody_edits`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from casekit import config
from casekit.domain.bounds import check_day
from casekit.domain.calendar import LOCAL_TZ
from casekit.domain.model import CustodyEvent as Event
from casekit.domain.records import from_fields
from casekit.domain.vocabulary import Verifiable
from casekit.errors import InvalidInput
from casekit.services.law.rules import rule_set
from casekit.services.plain import plain

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.models import Matter
    from casekit.store.repos.matters import Session

#: The longest custody event note.
MAX_NOTE = 2_000


@dataclass(frozen=True)
class CustodyOut:
    id: int
    kind: str
    at: datetime  # local wall time (America/New_York)
    note: str
    version: int = 0

    def to_dict(self) -> dict[str, Any]:
        return plain(self, at=self.at.strftime("%Y-%m-%dT%H:%M"))


def parse_local_datetime(value: datetime | str, what: str = "time") -> datetime:
    """``YYYY-MM-DDTHH:MM`` (or a datetime) in Connecticut wall time, as an aware datetime."""
    # The store is imported here, not at the top: casefile stays light (see __init__).

    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)
    text = value.strip().replace(" ", "T")
    if len(text) > 40:
        raise InvalidInput(f"{what} is not a real date and time (expected YYYY-MM-DDTHH:MM)")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{what} '{text[:30]!a}' is not a real date and time (expected YYYY-MM-DDTHH:MM)"
        ) from None

    check_day(parsed.date(), config.today(), what)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LOCAL_TZ)


def matter_in(session: Session, matter: str | int) -> Matter:
    """The matter with this id or number in the caller's session, or ``NotFound``."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import matters as repo

    return repo.matter_by_ref(session=session, ref=matter)


def list_custody_events(svc: AppContext, matter: str | int) -> list[CustodyOut]:
    """The matter's custody timeline, oldest first, in Connecticut wall time."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import matters as repo

    with svc.transaction() as session:
        row = repo.matter_by_ref(session=session, ref=matter)
        return [
            from_fields(CustodyOut, e, id=e.id or 0, at=e.at.astimezone(LOCAL_TZ))
            for e in repo.custody_events(session=session, matter_id=row.id or 0)
        ]


@dataclass(frozen=True)
class OverDetentionOut(Verifiable):
    """Hours held past the scheduled release and past the 48-hour cap, with what they rest on.

    Computed by :func:`casekit.domain.custody.over_detention` (the one place that does) with
    the ``FED_DETAINER_48H`` rule in force: the firm's ``rules.local.toml`` override included.
    """

    hours_past_release: float | None
    hours_past_cap: float | None
    scheduled_release: datetime | None
    released_at: datetime | None
    cap_end: datetime | None
    citations: tuple[str, ...]
    confidence: str
    overridden: bool
    trail: tuple[str, ...]

    def summary(self) -> str:
        """One line: "30.0 h past the scheduled release; 6.0 h past the 48-hour cap (...)"."""
        parts = []
        if self.hours_past_release is not None:
            parts.append(f"{self.hours_past_release:.1f} h past the scheduled release")
        if self.hours_past_cap is not None:
            parts.append(f"{self.hours_past_cap:.1f} h past the 48-hour cap")
        if not parts:
            return self.trail[0] if self.trail else ""
        marks = [] if not self.overridden else ["firm rule"]
        if self.verify:
            marks.append(f"verify: {self.confidence}")
        marker = f"  [{'; '.join(marks)}]" if marks else ""
        return "; ".join(parts) + f" ({'; '.join(self.citations)}){marker}"

    def to_dict(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "hours_past_release": self.hours_past_release,
            "hours_past_cap": self.hours_past_cap,
            "scheduled_release": iso(self.scheduled_release),
            "released_at": iso(self.released_at),
            "cap_end": iso(self.cap_end),
            "citations": list(self.citations),
            "confidence": self.confidence,
            "verify": self.verify,
            "firm_override": self.overridden,
            "trail": list(self.trail),
            "summary": self.summary(),
        }


def over_detention_for(
    svc: AppContext, events: Sequence[tuple[str, datetime]]
) -> OverDetentionOut | None:
    """Over-detention for ``(kind, at)`` custody events (aware times), or None without any.

    Raises:
        InvalidInput: The firm's rules.local.toml is broken (one line naming it).
    """
    from casekit.domain.custody import over_detention
    from casekit.domain.deadlines import default_federal_calendar

    if not events:
        return None
    rule = rule_set(svc).get("FED_DETAINER_48H")
    result = over_detention(
        [Event(kind=kind, at=at) for kind, at in events], default_federal_calendar(), rule
    )
    return from_fields(OverDetentionOut, result, overridden=rule.overridden)


__all__ = [
    "MAX_NOTE",
    "CustodyOut",
    "OverDetentionOut",
    "list_custody_events",
    "matter_in",
    "over_detention_for",
    "parse_local_datetime",
]
