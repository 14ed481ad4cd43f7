"""Quick Trust Act screening (trust-act.md § 4) without saving anything.

``casekit screen`` and the intake form build :class:`~casekit.domain.screening.ScreeningFacts`
with :func:`build_facts` (which checks every value and names the known ones when one is wrong)
and decide with :func:`screen_incident`, for today's date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from casekit.errors import InvalidInput

if TYPE_CHECKING:
    from casekit.domain.screening import ScreeningFacts, ScreeningResult
    from casekit.services.base import Services

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
    from casekit.domain.model import Conviction
    from casekit.domain.screening import ScreeningFacts

    if isinstance(incident_date, date):
        day = incident_date
    else:
        raw = incident_date.strip()
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise InvalidInput(
                f"incident date '{raw[:20]}' is not a real date (expected YYYY-MM-DD)"
            ) from None
    kind = codes.actor(actor).kind  # unknown kind: InvalidInput listing the known kinds
    acts = tuple(codes.violation(v).id for v in violations if v.strip())
    sections = [s.strip() for s in convictions]
    if any(not s for s in sections):
        raise InvalidInput("a conviction needs a statute section, e.g. 53a-101")
    if len(conviction_classes) > len(sections):
        raise InvalidInput(
            f"{len(conviction_classes)} conviction classes for {len(sections)} convictions: "
            "give --conviction-class after the --conviction it belongs to"
        )
    classes: list[str | None] = []
    for raw_class in conviction_classes:
        value = raw_class.strip().upper()
        if value not in FELONY_CLASSES:
            raise InvalidInput(
                f"unknown felony class '{raw_class.strip()[:20]}' "
                f"(known: {', '.join(FELONY_CLASSES)})"
            )
        classes.append(value)
    classes.extend([None] * (len(sections) - len(classes)))
    return ScreeningFacts(
        incident_date=day,
        actor=kind,
        violations=acts,
        judicial_warrant=judicial_warrant,
        convictions=tuple(Conviction(s, c) for s, c in zip(sections, classes, strict=True)),
        tsdb_match=tsdb_match,
        administrative_warrant_only=administrative_warrant_only,
    )


def screen_incident(svc: Services, facts: ScreeningFacts) -> ScreeningResult:
    """Decide whether the incident supports a 2025 Trust Act action, as of today.

    Returns:
        ``eligible``, ``ineligible`` or ``verify`` with every reason (citation and confidence)
        and the other claims the facts suggest.

    Raises:
        InvalidInput: The incident date is after today, or a fact is inconsistent.
    """
    from casekit.domain.screening import screen

    return screen(facts, svc.today())


def known_actors() -> list[str]:
    """Actor kinds screening understands."""
    from casekit.domain import codes

    return list(codes.actors())


def known_violations() -> list[str]:
    """V-codes screening understands."""
    from casekit.domain import codes

    return list(codes.violations())
