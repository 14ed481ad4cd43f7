"""Screening decisions as the screens show them (:class:`ScreeningView`): a matter's stored
screenings brought to today, and facts screened on the spot (the intake form, as they are typed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from casekit.domain.model import Conviction
from casekit.domain.records import from_fields
from casekit.errors import InvalidInput
from casekit.services.casefile.read_model import (
    ClaimView,
    IncidentView,
    ReasonView,
    ScreeningView,
)
from casekit.services.law.rules import law_pack

if TYPE_CHECKING:
    from casekit.services.base import AppContext


def stored_screenings(
    svc: AppContext, incidents: Sequence[IncidentView], stored: Mapping[Any, Any], today: date
) -> tuple[ScreeningView, ...]:
    """Each incident's screening in force: the stored one (with the law pack it came from), or
    one decided now when none is stored yet."""
    from casekit.services.deadlines.court_calendar import court_calendar

    pack = law_pack(svc)
    calendar = court_calendar(svc) if len(stored) < len(incidents) else None
    current = pack.version.label
    out = []
    for incident in incidents:
        row = stored.get(incident.id)
        if row is None:
            out.append(screen_incident(incident, today, pack=pack, calendar=calendar))
            continue
        out.append(
            ScreeningView(
                decision=row.decision,
                reasons=tuple(
                    ReasonView(
                        text=r.get("text", ""),
                        citation=r.get("citation", ""),
                        confidence=r.get("confidence", "unknown"),
                    )
                    for r in (row.reasons or ())
                ),
                claims=tuple(_claim_view(c, today) for c in (row.claims or ())),
                notices=tuple(n.text for n in pack.notices_for("trust_act")),
                law_version=row.law_version,
                current_version=current,
                stored=True,
                screened_on=row.screened_on,
            )
        )
    return tuple(out)


def municipal_service_citation() -> str:
    """Where the rule for serving a town or city comes from (the law pack's)."""
    from casekit.domain.lawpack import default_pack

    return default_pack().defendants["municipality"].service_citation


def claim_label(claim_id: str) -> str:
    """How screens name a claim (the law pack's label; the id itself when unknown)."""
    from casekit.domain.lawpack import default_pack

    found = default_pack().claims.get(claim_id)
    return found.label if found else claim_id.replace("_", " ")


def _claim_view(data: dict[str, Any], today: date) -> ClaimView:
    """A stored claim, with its status brought to today: a limitation period that has run
    since the screening makes the claim expired (never offered as available)."""
    limitation = next((d for d in data.get("deadlines", ()) if d.get("kind") == "limitation"), None)
    due = date.fromisoformat(limitation["due"]) if limitation else None
    safe = date.fromisoformat(limitation["safe_target"]) if limitation else None
    status = data.get("status", "")
    note = data.get("note", "")
    if due is not None and due < today and status in ("available", "verify", "optional"):
        status = "expired"
        note = f"Expired: the limitation period ended on {due.isoformat()}. {note}"
    return ClaimView(
        claim=data.get("claim", ""),
        label=data.get("label", data.get("claim", "")),
        status=status,
        confidence=data.get("confidence", "unknown"),
        note=note,
        limitation_due=due,
        limitation_safe=safe,
    )


def screen_incident(
    incident: IncidentView, today: date, *, pack: Any = None, calendar: Any = None
) -> ScreeningView:
    """Screen one stored incident with the domain rules (``pack``: the firm's law pack)."""
    return screen_facts(
        occurred_on=incident.occurred_on,
        agency_kind=incident.agency_kind,
        violations=incident.violations,
        judicial_warrant=incident.judicial_warrant,
        convictions=incident.conviction_records or incident.convictions,
        tsdb_match=incident.tsdb_match,
        today=today,
        pack=pack,
        calendar=calendar,
    )


class IncidentFacts(TypedDict):
    """The facts :func:`screen_facts` screens (an incident as typed or stored)."""

    occurred_on: date
    agency_kind: str
    violations: Sequence[str]
    judicial_warrant: bool
    #: Sections, or ``(section, recorded class)`` pairs.
    convictions: Sequence[str | tuple[str, str | None]]
    tsdb_match: bool


def screen_facts(
    *, today: date, pack: Any = None, calendar: Any = None, **facts: Unpack[IncidentFacts]
) -> ScreeningView:
    """Run :func:`casekit.domain.screening.screen` and describe its decision for a screen.

    Pure (no I/O; give the firm's law pack and court calendar, read beforehand): the intake form
    calls it on the UI thread as the facts change, before anything is saved. Facts screening refuses
    (a date after today, an unknown code) come back as ``incomplete`` with the refusal as the
    reason, so the form can show it beside the fields. ``convictions`` are sections, or
    ``(section, recorded class)`` pairs.
    """
    from casekit.domain import screening

    pairs = [c if isinstance(c, tuple) else (c, None) for c in facts["convictions"]]
    given = screening.ScreeningFacts(
        incident_date=facts["occurred_on"],
        actor=facts["agency_kind"],
        violations=tuple(facts["violations"]),
        judicial_warrant=facts["judicial_warrant"],
        convictions=tuple(Conviction(s, k) for s, k in pairs if s),
        tsdb_match=facts["tsdb_match"],
    )
    try:
        result = screening.screen(given, today, pack, calendar)
    except InvalidInput as exc:
        return ScreeningView("incomplete", (ReasonView(str(exc)),))
    return ScreeningView(
        decision=result.trust_act_action,
        reasons=tuple(from_fields(ReasonView, r) for r in result.reasons),
        other_claims=tuple(
            ReasonView(
                text=f"{o.title}: {o.note}" if o.note else o.title,
                citation=o.citation,
                confidence=o.confidence,
            )
            for o in result.other_claims
        ),
        claims=tuple(_claim_view(c.to_dict(), today) for c in result.claims),
        notices=tuple(n.text for n in result.notices),
        law_version=result.law_version,
    )
