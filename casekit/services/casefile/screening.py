"""Quick Trust Act screening (trust-act.md § 4) without saving anything.

``casekit screen`` and the intake form build :class:`~casekit.domain.screening.ScreeningFacts`
with :func:`build_facts` (which checks every value and names the known ones when one is wrong)
and decide with :func:`screen_incident`, for today's date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from casekit import config
from casekit.domain.bounds import parse_day
from casekit.domain.model import Conviction
from casekit.errors import InvalidInput
from casekit.services.law.rules import law_pack

if TYPE_CHECKING:
    from casekit.domain.screening import ScreeningFacts, ScreeningResult
    from casekit.services.base import AppContext

FELONY_CLASSES = ("A", "B", "C", "D", "E")


def build_facts(
    *,
    incident_date: date | str,
    actor: str,
    violations: Sequence[str] = (),
    judicial_warrant: bool = False,
    convictions: Sequence[str] = (),
    conviction_classes: Sequence[str] = (),
    tsdb_match: bool = False,
    administrative_warrant_only: bool = False,
) -> ScreeningFacts:
    """Check screening inputs and build the facts.

    Args:
        incident_date: ``YYYY-MM-DD`` or a date.
        actor: Actor kind (``municipal_police``, ``state_police``...).
        violations: V-codes, short (``V1``) or full.
        judicial_warrant: A judicial warrant accompanied the detainer (E1).
        convictions: Statute sections of convictions (not arrests or charges).
        conviction_classes: Felony class recorded by the attorney; the Nth applies to the Nth
            conviction (fewer classes than convictions: the rest are looked up).
        tsdb_match: Possible Terrorist Screening Database match (E3).
        administrative_warrant_only: Only an ICE administrative warrant existed.

    Returns:
        The facts.

    Raises:
        InvalidInput: A bad date, an unknown actor kind or violation code (the message lists the
            known ones), more classes than convictions, or a class that is not A-E.
    """
    from casekit.domain import codes
    from casekit.domain.screening import ScreeningFacts

    day = parse_day(incident_date, config.today(), "incident date")
    kind = codes.actor(actor).kind  # unknown kind: InvalidInput listing the known kinds
    acts = tuple(codes.violation(v).id for v in violations if v.strip())
    pairs = pair_convictions(convictions, conviction_classes)
    return ScreeningFacts(
        incident_date=day,
        actor=kind,
        violations=acts,
        judicial_warrant=judicial_warrant,
        convictions=tuple(Conviction(s, c) for s, c in pairs),
        tsdb_match=tsdb_match,
        administrative_warrant_only=administrative_warrant_only,
    )


def pair_convictions(
    sections: Sequence[str], classes: Sequence[str] = ()
) -> tuple[tuple[str, str | None], ...]:
    """``--conviction`` sections with their ``--conviction-class``: the Nth class goes with the
    Nth section, and sections without one get ``None`` (looked up in the offense table).

    Raises:
        InvalidInput: An empty section, more classes than sections, or a class that is not A-E.
    """
    found = [s.strip() for s in sections]
    if any(not s for s in found):
        raise InvalidInput("a conviction needs a statute section, e.g. 53a-101")
    if len(classes) > len(found):
        raise InvalidInput(
            f"{len(classes)} conviction classes for {len(found)} convictions: "
            "give --conviction-class after the --conviction it belongs to"
        )
    return tuple(
        (section, clean_felony_class(classes[n]) if n < len(classes) else None)
        for n, section in enumerate(found)
    )


def clean_felony_class(value: str | None) -> str | None:
    """``A``-``E`` (any case), ``None`` for none recorded; anything else is InvalidInput."""
    if value is None or not value.strip():
        return None
    upper = value.strip().upper()
    if upper not in FELONY_CLASSES:
        raise InvalidInput(
            f"unknown felony class '{value.strip()[:20]}' (known: {', '.join(FELONY_CLASSES)})"
        )
    return upper


def screen_incident(
    svc: AppContext, facts: ScreeningFacts, *, today: date | None = None
) -> ScreeningResult:
    """Decide whether the incident supports a 2025 Trust Act action, as of ``today``.

    Uses the firm's law pack (overrides applied) and court calendar (closures recorded).

    Returns:
        ``eligible``, ``ineligible`` or ``verify`` with every reason (citation and confidence),
        every claim with its limitation deadline (open or expired), and the notices.

    Raises:
        InvalidInput: The incident date is after today, a fact is inconsistent, or a firm
            override file is invalid.
    """
    from casekit.domain.screening import screen
    from casekit.services.deadlines.court_calendar import court_calendar

    return screen(facts, today or svc.today(), law_pack(svc), court_calendar(svc))


def known_actors() -> list[str]:
    """Actor kinds screening understands."""
    from casekit.domain.lawpack import default_pack

    return list(default_pack().actors)


def known_violations() -> list[str]:
    """V-codes screening understands."""
    from casekit.domain.lawpack import default_pack

    return list(default_pack().violations)
