"""The pleading plan as data: its defendants, counts, notices, refusals and offers, and the
words for the statuses and templates it uses."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from casekit.domain.lawpack import default_pack
from casekit.domain.model import (
    CLAIM_1983,
    CLAIM_52571K,
    CLAIM_FALSE_IMPRISONMENT,
)
from casekit.domain.records import PlainRecord
from casekit.domain.vocabulary import CONFIRMED, Verifiable, cited

AVAILABLE = "available"
LATE = "late"
REFUSED = "refused"
GIVEN = "given"

NOTICE_7465 = "notice-7-465"
NOTICE_4147 = "notice-4-147"
NOTICE_TEMPLATES = (NOTICE_7465, NOTICE_4147)
COMPLAINT = "complaint"
#: Letters the plan always allows (they plead no count and carry no notice period).
LETTERS = ("demand-letter", "foi-request", "preservation-letter", "client-letter")

MUNICIPALITY = "municipality"
STATE = "state"
OFFICER = "officer"
AGENCY = "agency"
V8 = "V8_OVER_48_HOURS"

_SEIZURE_CLAIMS = (CLAIM_1983, CLAIM_FALSE_IMPRISONMENT, CLAIM_52571K)


# --- the plan as data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """Something the plan will not plead or write, and the rule (pleading.toml) that says so.

    ``subject`` is a claim id, a template name or a violation id; ``detail`` adds the facts
    (a date, a code) without client data.
    """

    subject: str
    rule: str
    reason: str
    citation: str
    confidence: str
    detail: str = ""

    @property
    def message(self) -> str:
        """One line: ``subject: reason (detail) [RULE]``."""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.subject}: {self.reason}{detail} [{self.rule}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "rule": self.rule,
            "reason": self.reason,
            "detail": self.detail,
            **cited(self.citation, self.confidence),
            "message": self.message,
        }


@dataclass(frozen=True)
class Defendant:
    """A defendant as the plan sees it.

    ``kind``: ``municipality``, ``state``, ``officer`` or ``agency``. ``party`` is False for an
    entity the plan derived from an incident's agency because no such party is recorded yet.
    ``municipal``/``state_employee``/``police`` say who employs an officer and whether the
    officer is a police officer (actors.toml). ``paragraphs`` say what an individual defendant
    did, from the incident's officers; a ``[[placeholder]]`` where the facts are missing.
    """

    name: str
    kind: str
    capacity: str = ""
    agency: str = ""
    party: bool = True
    municipal: bool = False
    state_employee: bool = False
    police: bool = False
    police_confidence: str = CONFIRMED
    acted: bool = False
    paragraphs: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Every field in order, but ``police_confidence``; ``paragraphs`` as a list."""
        data = asdict(self)
        del data["police_confidence"]
        data["paragraphs"] = list(self.paragraphs)
        return data


@dataclass(frozen=True)
class Count(Verifiable):
    """A count the facts allow: its claim, the defendants it is against and why, the facts it
    rests on (violation ids, ``custody``, ``48-hour computation``), and its paragraphs."""

    claim: str
    title: str
    citation: str
    confidence: str
    against: tuple[str, ...]
    why: tuple[str, ...]
    rests_on: tuple[str, ...]
    paragraphs: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "title": self.title,
            **cited(self.citation, self.confidence),
            "against": list(self.against),
            "why": list(self.why),
            "rests_on": list(self.rests_on),
            "paragraphs": list(self.paragraphs),
        }


@dataclass(frozen=True)
class NoticePlan:
    """A notice or letter: to whom, its deadline, and whether it is ``available``, ``late``,
    ``given`` (a § 7-465 notice recorded as filed) or ``refused``."""

    template: str
    title: str
    status: str
    addressee: str = ""
    defendants: tuple[str, ...] = ()
    rule_id: str = ""
    due: date | None = None
    citation: str = ""
    confidence: str = CONFIRMED
    refusal: Refusal | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "title": self.title,
            "status": self.status,
            "addressee": self.addressee,
            "defendants": list(self.defendants),
            "rule": self.rule_id,
            "due": self.due.isoformat() if self.due else None,
            "citation": self.citation,
            "confidence": self.confidence,
            "refusal": self.refusal.to_dict() if self.refusal else None,
        }


@dataclass(frozen=True)
class Offer(PlainRecord):
    """A claim the plan proposes in place of a refused one."""

    instead_of: str
    text: str
    citation: str
    confidence: str


@dataclass(frozen=True)
class PleadingPlan:
    """The plan for one matter (see the module docstring)."""

    matter: str
    today: date
    defendants: tuple[Defendant, ...]
    counts: tuple[Count, ...]
    notices: tuple[NoticePlan, ...]
    refusals: tuple[Refusal, ...]
    offers: tuple[Offer, ...] = ()
    hold: bool = False
    v8_confirmed: bool = False
    v8_cap_end: datetime | None = None
    v8_hours: float | None = None
    alleged: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    late: bool = False
    law_version: str = ""

    def notice(self, template: str) -> NoticePlan | None:
        """The first planned notice or letter for ``template``."""
        return next((n for n in self.notices if n.template == template), None)

    def count(self, claim: str) -> Count | None:
        return next((c for c in self.counts if c.claim == claim), None)

    def refusal_for(self, template: str) -> Refusal | None:
        """Why ``template`` may not be generated now, or None.

        A complaint is refused when no count is available; a notice when the plan refuses it,
        or when it is late and the attorney did not ask for a late notice (``late``).
        """
        words = default_pack().pleading
        if template == COMPLAINT and not self.counts:
            rule = words.rule("NO_COUNT")
            detail = "; ".join(sorted({r.rule for r in self.refusals})) or "no claim selected"
            return Refusal(COMPLAINT, rule.id, rule.text, rule.citation, rule.confidence, detail)
        notice = self.notice(template)
        if notice is None or template not in NOTICE_TEMPLATES:
            return None
        if notice.status == REFUSED:
            return notice.refusal
        if notice.status == LATE and not self.late:
            return notice.refusal
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "matter": self.matter,
            "today": self.today.isoformat(),
            "late": self.late,
            "law_version": self.law_version,
            "defendants": [d.to_dict() for d in self.defendants],
            "counts": [c.to_dict() for c in self.counts],
            "notices": [n.to_dict() for n in self.notices],
            "refusals": [r.to_dict() for r in self.refusals],
            "offers": [o.to_dict() for o in self.offers],
            "facts": {
                "detainer_hold": self.hold,
                "v8_confirmed": self.v8_confirmed,
                "alleged": list(self.alleged),
            },
            "notes": list(self.notes),
        }
