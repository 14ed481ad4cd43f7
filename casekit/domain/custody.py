"""Over-detention: how long a person was held past release, and past the 48-hour cap.

trust-act.md § 4 step 6: hours held past the release time, and hours past the 48-hour cap
(``FED_DETAINER_48H``: 48 hours from the time the person would otherwise have been released, not
counting Saturdays, Sundays and federal holidays; 8 C.F.R. § 287.7(d)).

Time zones: custody events carry aware datetimes. Which days are weekends or holidays is decided in
Connecticut wall time (America/New_York), so events are converted to it before the 48-hour count.
Elapsed hours are measured in UTC: Python subtracts two datetimes that share a tzinfo on their wall
clocks, which would be off by an hour across a daylight-saving change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from casekit.domain.calendar import LOCAL_TZ, FederalCalendar
from casekit.domain.deadlines import compute_hours
from casekit.domain.lawpack import default_pack, default_rules
from casekit.domain.model import CustodyEvent
from casekit.domain.rules import Rule

RELEASE_KINDS = ("release_to_ice", "release")


@dataclass(frozen=True)
class OverDetention:
    """Over-detention figures for one custody timeline.

    Attributes:
        scheduled_release: When the person would otherwise have been released (local time), or
            None if not recorded.
        released_at: When local custody ended (release to ICE or release, local time), or None.
        hours_past_release: Hours from ``scheduled_release`` to ``released_at`` (0 if released on
            time or early), or None when either is missing.
        cap_end: End of the 48-hour hold counted from ``scheduled_release``, or None.
        hours_past_cap: Hours from ``cap_end`` to ``released_at`` (0 if within the cap), or None.
        trail: How the figures were reached.
        citations: The rules relied on.
        confidence: Confidence of the 48-hour rule.
    """

    scheduled_release: datetime | None
    released_at: datetime | None
    hours_past_release: float | None
    cap_end: datetime | None
    hours_past_cap: float | None
    trail: tuple[str, ...]
    citations: tuple[str, ...]
    confidence: str

    @property
    def over_release(self) -> bool:
        """Held past the scheduled release time (V1: holding past the time of release)."""
        return bool(self.hours_past_release)

    @property
    def over_cap(self) -> bool:
        """Held past the 48-hour cap (V8)."""
        return bool(self.hours_past_cap)


def over_detention(
    events: Sequence[CustodyEvent],
    federal: FederalCalendar,
    rule: Rule | None = None,
) -> OverDetention:
    """Measure over-detention from custody events.

    Args:
        events: The matter's custody events, any order. Only ``scheduled_release``,
            ``release_to_ice`` and ``release`` matter. Naive datetimes are read as Connecticut
            local time.
        federal: Federal business days (the 48-hour count skips federal holidays).
        rule: The 48-hour rule in force (a firm may override it); the shipped
            ``FED_DETAINER_48H`` when None.

    Returns:
        The figures, with None for whatever the events do not allow computing.
    """
    rule = rule or default_rules().get("FED_DETAINER_48H")
    trail: list[str] = []
    scheduled = [_local(e.at) for e in events if e.kind == "scheduled_release"]
    ends = [(_local(e.at), e.kind) for e in events if e.kind in RELEASE_KINDS]
    scheduled_at: datetime | None = None
    if scheduled:
        # A later scheduled release replaces an earlier one (a new hold or court date); using the
        # latest never overstates the hours.
        scheduled_at = max(scheduled)
        note = f" (latest of {len(scheduled)} recorded)" if len(scheduled) > 1 else ""
        trail.append(f"Scheduled release: {_show(scheduled_at)}{note}.")
    else:
        trail.append("No scheduled release recorded: hours past release cannot be computed.")
    released_at: datetime | None = None
    if ends:
        # Local custody ends at the first release, whether to ICE or to the street.
        released_at, kind = min(ends)
        label = "released to ICE" if kind == "release_to_ice" else "released"
        trail.append(f"Custody ended: {label} at {_show(released_at)}.")
    else:
        trail.append("No release recorded: the person may still be held; hours cannot be computed.")

    hours_past_release: float | None = None
    if scheduled_at is not None and released_at is not None:
        hours_past_release = _hours_after(scheduled_at, released_at)
        trail.append(
            f"Held {_fmt_hours(hours_past_release)} past the scheduled release."
            if hours_past_release
            else "Released on or before the scheduled time."
        )

    cap_end: datetime | None = None
    hours_past_cap: float | None = None
    if scheduled_at is not None:
        result = compute_hours(rule, scheduled_at, federal)
        cap_end = result.due if isinstance(result.due, datetime) else None
        trail.extend(f"48-hour count: {step}" for step in result.trail)
        if cap_end is not None and released_at is not None:
            hours_past_cap = _hours_after(cap_end, released_at)
            trail.append(
                f"Held {_fmt_hours(hours_past_cap)} past the 48-hour cap ({_show(cap_end)})."
                if hours_past_cap
                else f"Released within the 48-hour cap ({_show(cap_end)})."
            )
    citations = (rule.citation, default_pack().act_2025.statute)
    return OverDetention(
        scheduled_release=scheduled_at,
        released_at=released_at,
        hours_past_release=hours_past_release,
        cap_end=cap_end,
        hours_past_cap=hours_past_cap,
        trail=tuple(trail),
        citations=citations,
        confidence=rule.confidence,
    )


def _local(at: datetime) -> datetime:
    if at.tzinfo is None:
        return at.replace(tzinfo=LOCAL_TZ)
    return at.astimezone(LOCAL_TZ)


def _hours_after(start: datetime, end: datetime) -> float:
    """Elapsed hours from start to end, never negative (measured in UTC; see module doc)."""
    delta = end.astimezone(UTC) - start.astimezone(UTC)
    return round(max(delta, timedelta(0)).total_seconds() / 3600, 2)


def _fmt_hours(hours: float) -> str:
    whole = int(hours)
    minutes = round((hours - whole) * 60)
    return f"{whole} h" if not minutes else f"{whole} h {minutes:02d} min"


def _show(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M %Z")
