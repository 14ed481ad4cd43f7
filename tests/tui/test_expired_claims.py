"""Expired claims are flagged first (screening step 5: reported, never hidden, never offered)
in the screening text the intake form, the overview and the screening show."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.services.casefile import ClaimView, ScreeningView
from casekit.tui.widgets.overview import expired_line, screening_text

OPEN = ClaimView("trust_act", "Trust Act action", "verify", "unknown", "", date(2028, 10, 1))
GONE = ClaimView(
    "ct_52571k", "Police accountability action", "expired", "secondary", "", date(2026, 10, 1)
)
GONE2 = ClaimView("notice", "Notice of claim", "expired", "confirmed", "", None)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ((), ""),
        ((OPEN,), ""),
        (
            (OPEN, GONE),
            "1 claim EXPIRED: Police accountability action (ended 2026-10-01) (not offered)\n",
        ),
        (
            (GONE, GONE2),
            "2 claims EXPIRED: Police accountability action (ended 2026-10-01); Notice of claim"
            " (not offered)\n",
        ),
    ],
)
def test_expired_line(claims: tuple[ClaimView, ...], expected: str) -> None:
    assert expired_line(claims).plain == expected


def test_screening_text_says_it_before_the_reasons() -> None:
    text = screening_text(ScreeningView(decision="eligible", claims=(OPEN, GONE))).plain
    first, second = text.splitlines()[:2]
    assert first == "Screening: ELIGIBLE"
    assert second.startswith("1 claim EXPIRED: Police accountability action")
    assert "EXPIRED       Police accountability action" in text  # and in the claim list
