"""Incidents and the custody timeline as a template tells them (English and Spanish), and the hours
held past release."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from casekit.docgen.context.people import _violation
from casekit.docgen.environment import clock_time, long_date
from casekit.docgen.law import (
    custody_label,
    violation_text,
)
from casekit.domain.custody import over_detention
from casekit.domain.deadlines import default_federal_calendar
from casekit.domain.model import (
    CustodyEvent,
    Incident,
)


def _sort_key(moment: datetime) -> float:
    # Mixed naive/aware timestamps must still sort; naive ones are read as local wall time.
    return moment.timestamp()


def _custody_end(events: Sequence[CustodyEvent]) -> date | None:
    """The day local custody ended (a release, or a transfer to ICE), if recorded."""
    ends = [e.at.date() for e in events if e.kind in ("release", "release_to_ice")]
    return max(ends) if ends else None


def _es_at(moment: datetime, word: str = "a") -> str:
    """``a la 1:15 de la tarde`` / ``a las 2:15 de la tarde`` (``word``: a, de)."""
    article = "la" if moment.hour % 12 == 1 else "las"
    return f"{word} {article} {clock_time(moment, 'es')}"


def _when(moment: datetime, lang: str) -> str:
    if lang == "es":
        return f"{long_date(moment, lang)}, {_es_at(moment)}"
    return f"{long_date(moment, lang)}, at {clock_time(moment, lang)}"


def _incident(incident: Incident, lang: str, client_name: str) -> dict[str, Any]:
    time = clock_time(incident.occurred_at, lang) if incident.occurred_at else ""
    day = long_date(incident.occurred_on, lang)
    corrections = incident.agency_kind == "corrections"
    if lang == "es":
        at = f", alrededor {_es_at(incident.occurred_at, 'de')}," if incident.occurred_at else ","
        where = f"El {day}{at} en {incident.town}, Connecticut,"
        # DOC matters: "agentes del centro penitenciario (York Correctional Institution)".
        officers = (
            f"agentes del centro penitenciario ({incident.agency})"
            if corrections
            else f"agentes del {incident.agency}"
        )
        summary = f"{where} {client_name} tuvo contacto con {officers}."
        summary_you = f"{where} usted tuvo contacto con {officers}."
    else:
        at = f", at about {time}," if time else ","
        where = f"On {day}{at} in {incident.town}, Connecticut,"
        summary = f"{where} {client_name} had contact with officers of the {incident.agency}."
        summary_you = f"{where} you had contact with officers of the {incident.agency}."
    narrative = [p.strip() for p in incident.narrative.split("\n\n") if p.strip()]
    return {
        "date": incident.occurred_on,
        "time": time,
        "town": incident.town,
        "agency": incident.agency,
        "agency_kind": incident.agency_kind,
        "contact_type": incident.contact_type,
        "narrative": incident.narrative,
        "narrative_paragraphs": narrative,
        "officers": list(incident.officers),
        "violations": [_violation(violation_text(c), lang) for c in incident.violations],
        "judicial_warrant": incident.judicial_warrant,
        "tsdb_match": incident.tsdb_match,
        "has_convictions": bool(incident.convictions),
        "summary": summary,
        "summary_you": summary_you,
    }


def _custody(
    event: CustodyEvent, agency: str, person: str, lang: str, actor: str = ""
) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "label": custody_label(event.kind, "third", lang, person, agency, actor),
        "label_you": custody_label(event.kind, "you", lang, person, agency, actor),
        "at": event.at,
        "when": _when(event.at, lang),
        "note": event.note,
    }


def _over_detention_hours(events: Sequence[CustodyEvent]) -> float | int | None:
    """Hours between the scheduled release and the end of local custody (release to ICE or
    release), as the domain measures them (casekit.domain.custody, the one place that does);
    None when not recorded or not held past the scheduled time."""

    figures = over_detention(events, default_federal_calendar())
    if not figures.hours_past_release:
        return None
    hours = round(figures.hours_past_release, 1)
    return int(hours) if hours.is_integer() else hours
