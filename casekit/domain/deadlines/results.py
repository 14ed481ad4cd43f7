"""What a computed deadline is: its dates, its readings, its marshal option (trust-act.md § 4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from casekit.domain.vocabulary import needs_verify


@dataclass(frozen=True)
class ReadingResult:
    """One reading of an ambiguous rule, computed (trust-act.md § 4).

    Attributes:
        id: The reading's key.
        label: The reading in words.
        source: Where it comes from.
        confidence: How sure this reading is.
        trigger: The trigger date this reading counts from (None: its trigger is not recorded).
        due: Its legal last day (None when not computable).
        safe_target: Its safe target (None when not computable).
        chosen: This reading gives the deadline's safe target (the earliest).
    """

    id: str
    label: str
    source: str
    confidence: str
    trigger: date | None
    due: date | None
    safe_target: date | None
    chosen: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "id": self.id,
            "label": self.label,
            "source": self.source,
            "confidence": self.confidence,
            "trigger": self.trigger.isoformat() if self.trigger else None,
            "due": self.due.isoformat() if self.due else None,
            "safe_target": self.safe_target.isoformat() if self.safe_target else None,
            "chosen": self.chosen,
        }


@dataclass(frozen=True)
class MarshalOption:
    """§ 52-593a beside a limitation period: deliver process to a marshal by the last day, and
    the marshal serves within 30 days (*Tayco*: only if the marshal could serve in that time).

    Attributes:
        deliver_by: The limitation period's legal last day.
        deliver_safe: The last open day on or before it.
        serve_by: The last day for the marshal to serve.
        serve_safe: The last open day on or before that.
        text: The option in one sentence.
        condition: The *Tayco* condition.
        citation: § 52-593a (and *Tayco*).
        confidence: How sure.
    """

    deliver_by: date
    deliver_safe: date
    serve_by: date
    serve_safe: date
    text: str
    condition: str
    citation: str
    confidence: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "deliver_by": self.deliver_by.isoformat(),
            "deliver_safe_target": self.deliver_safe.isoformat(),
            "serve_by": self.serve_by.isoformat(),
            "serve_safe_target": self.serve_safe.isoformat(),
            "text": self.text,
            "condition": self.condition,
            "citation": self.citation,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class DeadlineResult:
    """A computed deadline.

    Attributes:
        rule_id: The rule's id.
        title: What has to be done.
        trigger: The trigger date (a datetime for the 48-hour rule).
        due: The legal last day (a datetime for the 48-hour rule); with several readings, the
            legal last day of the reading that gives the earliest safe target.
        safe_target: The day to act by: the last open day on or before ``due`` (equal to ``due``
            when that is open or the roll already moved it); with several readings, the earliest
            date that is safe under all of them.
        roll: The roll policy applied.
        citation: The rule's citation.
        confidence: The weakest part it relies on: the rule's period, accrual and counting, a
            month-end clamp, a court closure that moved it, anything the trail says to verify.
        overridden: A firm's local rules file changed or added the rule.
        trail: The computation, step by step, in words.
        marshal_option: For limitation rules, the § 52-593a option in words; None otherwise.
        readings: Every reading computed, when the rule has several.
        marshal: The § 52-593a option as values.
    """

    rule_id: str
    title: str
    trigger: date
    due: date
    safe_target: date
    roll: str
    citation: str
    confidence: str
    overridden: bool
    trail: tuple[str, ...]
    marshal_option: str | None = None
    readings: tuple[ReadingResult, ...] = ()
    marshal: MarshalOption | None = None

    @property
    def verify(self) -> bool:
        """Not ``confirmed`` in every part: show a "verify" marker (trust-act.md § 4)."""
        return needs_verify(self.confidence)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (ISO dates; ``YYYY-MM-DDTHH:MM`` for the 48-hour rule).

        Returns:
            ``rule, title, trigger, due, safe_target, roll, citation, confidence, overridden,
            verify, trail, marshal_option, marshal, readings``.
        """
        return {
            "rule": self.rule_id,
            "title": self.title,
            "trigger": iso(self.trigger),
            "due": iso(self.due),
            "safe_target": iso(self.safe_target),
            "roll": self.roll,
            "citation": self.citation,
            "confidence": self.confidence,
            "overridden": self.overridden,
            "verify": self.verify,
            "trail": list(self.trail),
            "marshal_option": self.marshal_option,
            "marshal": self.marshal.to_dict() if self.marshal else None,
            "readings": [r.to_dict() for r in self.readings],
        }


def iso(value: date) -> str:
    """``YYYY-MM-DD`` for a date, ``YYYY-MM-DDTHH:MM`` for a datetime (wall time)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()
