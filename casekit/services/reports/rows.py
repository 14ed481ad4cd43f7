"""The deadline report's plain data: rows, sections, quiet matters (the renderers read these)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casekit.domain.vocabulary import Verifiable
from casekit.services.plain import PlainResult

DEFAULT_WITHIN = 30
#: Every kind a reminder ladder can belong to (casekit.domain.reminders.TIER_KINDS).
ALL_KINDS = ("limitation", "notice", "filing", "foi", "return", "measure", "manual")


# --- deadline report ------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow(Verifiable):
    """One open deadline in a report."""

    deadline_id: int
    version: int
    matter: str
    client: str
    attorney: str
    title: str
    rule_id: str
    kind: str
    due: date
    safe_target: date
    days_left: int
    citation: str
    confidence: str
    tier: int | None
    trail: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "deadline_id": self.deadline_id,
            "matter": self.matter,
            "client": self.client,
            "attorney": self.attorney,
            "title": self.title,
            "rule": self.rule_id,
            "due": self.due.isoformat(),
            "safe_target": self.safe_target.isoformat(),
            "days_left": self.days_left,
            "citation": self.citation,
            "confidence": self.confidence,
            "verify": self.verify,
            "tier": self.tier,
        }

    def template_row(self) -> dict[str, Any]:
        """The row as ``templates/report-deadlines.docx`` reads it."""
        return {
            "matter": self.matter,
            "client": self.client,
            "title": self.title,
            "due": self.due,
            "safe_target": self.safe_target,
            "days_left": self.days_left,
            "citation": self.citation,
            "verify": "verify" if self.verify else "",
            "tier": "" if self.tier is None else self.tier,
        }


@dataclass(frozen=True)
class Section:
    key: str  # overdue | today | week | next
    title: str
    rows: tuple[DeadlineRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "rows": [r.to_dict() for r in self.rows]}


@dataclass(frozen=True)
class QuietMatter(PlainResult):
    """An open matter with no open deadline: nothing will remind anyone about it."""

    matter: str
    client: str
    attorney: str
    status: str


@dataclass(frozen=True)
class DeadlineReport:
    today: date
    within: int
    sections: tuple[Section, ...]
    no_deadline: tuple[QuietMatter, ...]
    attorney: str | None = None
    redacted: bool = False
    firm: dict[str, str] = field(default_factory=dict)
    #: Deadlines beyond the horizon whose reminder day came (the daily digest only; else None).
    reminders: tuple[DeadlineRow, ...] | None = None

    @property
    def overdue(self) -> int:
        return sum(len(s.rows) for s in self.sections if s.key == "overdue")

    @property
    def rows(self) -> list[DeadlineRow]:
        return [r for s in self.sections for r in s.rows]

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "within": self.within,
            "attorney": self.attorney,
            "redacted": self.redacted,
            "sections": [s.to_dict() for s in self.sections],
            "no_deadline": [q.to_dict() for q in self.no_deadline],
            **(
                {"reminders": [r.to_dict() for r in self.reminders]}
                if self.reminders is not None
                else {}
            ),
        }
