"""Over-detention hours (trust-act.md § 4 step 6)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from casekit.domain.custody import over_detention
from casekit.domain.lawpack import local_rules
from casekit.domain.model import CustodyEvent

ET = ZoneInfo("America/New_York")


def ev(kind: str, *args: int, tz=ET) -> CustodyEvent:
    return CustodyEvent(kind, datetime(*args, tzinfo=tz))


def test_held_past_release_and_past_the_cap(federal):
    out = over_detention(
        [
            ev("arrest", 2026, 1, 15, 9, 0),
            ev("scheduled_release", 2026, 1, 16, 17, 0),
            ev("release_to_ice", 2026, 1, 22, 9, 0),
        ],
        federal,
    )
    assert out.hours_past_release == 136.0  # Fri 17:00 -> Thu 09:00
    assert out.cap_end == datetime(2026, 1, 21, 17, 0, tzinfo=ET)
    assert out.hours_past_cap == 16.0
    assert out.over_release and out.over_cap
    assert "8 C.F.R. § 287.7(d)" in out.citations
    assert out.confidence == "confirmed"
    text = "\n".join(out.trail)
    assert "released to ICE" in text and "Martin Luther King Jr. Day" in text


def test_utc_events_give_the_same_answer(federal):
    out = over_detention(
        [
            ev("scheduled_release", 2026, 1, 16, 22, 0, tz=UTC),
            ev("release", 2026, 1, 22, 14, 0, tz=UTC),
        ],
        federal,
    )
    assert out.hours_past_release == 136.0 and out.hours_past_cap == 16.0
    assert out.scheduled_release == datetime(2026, 1, 16, 17, 0, tzinfo=ET)


def test_elapsed_hours_across_daylight_saving(federal):
    # Fri 12:00 EST to Tue 13:00 EDT is 96 real hours (97 on the wall clock).
    out = over_detention(
        [ev("scheduled_release", 2026, 3, 6, 12, 0), ev("release_to_ice", 2026, 3, 10, 13, 0)],
        federal,
    )
    assert out.hours_past_release == 96.0
    assert out.cap_end == datetime(2026, 3, 10, 12, 0, tzinfo=ET)
    assert out.hours_past_cap == 1.0


def test_released_on_time(federal):
    out = over_detention(
        [ev("scheduled_release", 2026, 1, 16, 17, 0), ev("release", 2026, 1, 16, 16, 0)], federal
    )
    assert out.hours_past_release == 0 and out.hours_past_cap == 0
    assert not out.over_release and not out.over_cap
    assert any("on or before the scheduled time" in s for s in out.trail)


def test_within_the_cap(federal):
    out = over_detention(
        [ev("scheduled_release", 2026, 1, 16, 17, 0), ev("release_to_ice", 2026, 1, 20, 17, 0)],
        federal,
    )
    assert out.hours_past_release == 96.0 and out.hours_past_cap == 0
    assert any("within the 48-hour cap" in s for s in out.trail)


@pytest.mark.parametrize(
    "events",
    [
        [],
        [CustodyEvent("arrest", datetime(2026, 1, 15, 9, tzinfo=ET))],
        [CustodyEvent("release", datetime(2026, 1, 15, 9, tzinfo=ET))],
    ],
)
def test_missing_scheduled_release(federal, events):
    out = over_detention(events, federal)
    assert out.scheduled_release is None and out.cap_end is None
    assert out.hours_past_release is None and out.hours_past_cap is None
    assert any("No scheduled release recorded" in s for s in out.trail)


def test_still_held(federal):
    out = over_detention([ev("scheduled_release", 2026, 1, 16, 17, 0)], federal)
    assert out.released_at is None and out.hours_past_release is None
    assert out.cap_end == datetime(2026, 1, 21, 17, 0, tzinfo=ET)
    assert out.hours_past_cap is None
    assert any("No release recorded" in s for s in out.trail)


def test_latest_scheduled_release_and_first_release(federal):
    out = over_detention(
        [
            ev("release", 2026, 1, 23, 9, 0),
            ev("scheduled_release", 2026, 1, 15, 17, 0),
            ev("scheduled_release", 2026, 1, 16, 17, 0),
            ev("release_to_ice", 2026, 1, 22, 9, 0),
        ],
        federal,
    )
    assert out.scheduled_release == datetime(2026, 1, 16, 17, 0, tzinfo=ET)
    assert out.released_at == datetime(2026, 1, 22, 9, 0, tzinfo=ET)
    assert any("latest of 2 recorded" in s for s in out.trail)


def test_naive_times_are_local(federal):
    out = over_detention(
        [
            CustodyEvent("scheduled_release", datetime(2026, 1, 16, 17, 0)),
            CustodyEvent("release", datetime(2026, 1, 16, 20, 30)),
        ],
        federal,
    )
    assert out.hours_past_release == 3.5
    assert any("3 h 30 min past the scheduled release" in s for s in out.trail)


def test_overridden_cap(federal):
    rule = local_rules("[rules.FED_DETAINER_48H]\nperiod = 72\n").get("FED_DETAINER_48H")
    out = over_detention(
        [ev("scheduled_release", 2026, 1, 16, 17, 0), ev("release_to_ice", 2026, 1, 22, 9, 0)],
        federal,
        rule,
    )
    assert out.cap_end == datetime(2026, 1, 22, 17, 0, tzinfo=ET)
    assert out.hours_past_cap == 0
