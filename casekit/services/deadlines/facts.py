"""What a recompute reads: each matter's planning facts and its stored deadlines.

The readers are the deadline repository's office-wide queries (plain tuples); this module turns
them into the planner's :class:`~casekit.domain.planning.PlanningFacts` and the recompute's
:class:`StoredRow`. JSON columns arrive as text on SQLite: identical values (the same claims,
the same trail) are decoded once, and a trail is decoded only when it states readings.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, overload

from casekit.domain import codes, fees
from casekit.domain.calendar import LOCAL_TZ
from casekit.domain.custody import RELEASE_KINDS
from casekit.domain.planning import READING_PREFIXES, Defendant, PlanningFacts, reading_lines
from casekit.store.repos import deadlines as repo

if TYPE_CHECKING:
    from casekit.store.repos.deadlines import Session

#: Statuses of a matter that is over: nothing is planned, its deadlines are closed.
CLOSED_STATUSES = ("closed", "declined")


@dataclass
class MatterData:
    """A matter as the planner sees it."""

    id: int
    number: str
    facts: PlanningFacts | None  # None: no incident recorded (or the matter is closed)
    names: dict[str, str] = field(default_factory=dict)  # party id -> name, for labels


@dataclass
class StoredRow:
    """A stored deadline as the recompute needs it."""

    id: int
    version: int
    key: str
    rule_id: str
    title: str
    due: date
    safe_target: date
    trigger_date: date | None
    citation: str
    confidence: str
    status: str
    manual: bool
    readings: tuple[str, ...] = ()  # the stored trail's reading lines (trust-act.md § 4)
    adjusted_due: date | None = None


def release_day(at: datetime) -> date:
    """The local day of a custody event's time."""
    return at.astimezone(LOCAL_TZ).date()


def defendant_kind(kind: str, capacity: str, agency_kind: str | None, police: set[str]) -> str:
    """The planner's defendant kind for a stored defendant party ("" when none applies)."""
    kind = (kind or "").strip().lower()
    if kind in ("municipality", "municipal", "town", "city"):
        return "municipal"
    if kind == "state":
        return "state"
    if kind in ("police_officer", "officer"):
        return "police_officer"
    if (kind == "person" or capacity == "individual") and agency_kind in police:
        return "police_officer"  # an officer of a police agency, sued individually
    return ""


def judgment_dates(
    session: Session, matter_ids: Sequence[int] | None
) -> dict[int, dict[str, date]]:
    """Per matter, the first judgment recorded in the plaintiff's favour in each court.

    ``{matter_id: {"state": date, "federal": date}}``: what starts the fee-motion deadlines
    (``state_judgment`` / ``federal_judgment`` trigger events). The first, not the latest: a
    judgment amended later may or may not restart the period, and the earlier date is the one
    that cannot be missed (the deadline's trail says to verify).
    """
    if matter_ids is not None and not matter_ids:
        return {}
    out: dict[int, dict[str, date]] = {}
    for matter_id, court, day in repo.judgment_rows(session=session, matter_ids=matter_ids):
        courts = out.setdefault(int(matter_id), {})
        if court in fees.COURTS and (court not in courts or day < courts[court]):
            courts[court] = day
    return out


def _releases(session: Session, matter_ids: Sequence[int] | None) -> dict[int, date]:
    out: dict[int, date] = {}
    rows = repo.release_times(session=session, matter_ids=matter_ids, kinds=RELEASE_KINDS)
    for matter_id, at in rows:
        day = release_day(at)
        if matter_id not in out or day < out[matter_id]:
            out[matter_id] = day
    return out


def _defendants(
    session: Session, matter_ids: Sequence[int] | None
) -> tuple[dict[int, list[Defendant]], dict[int, dict[str, str]]]:
    police = {kind for kind, actor in codes.actors().items() if actor.police}
    defendants: dict[int, list[Defendant]] = defaultdict(list)
    names: dict[int, dict[str, str]] = defaultdict(dict)
    for matter_id, party_id, kind, capacity, agency_kind, name in repo.defendant_rows(
        session=session, matter_ids=matter_ids
    ):
        planned_kind = defendant_kind(kind, capacity, agency_kind, police)
        if planned_kind:
            defendants[matter_id].append(Defendant(planned_kind, str(party_id)))
            names[matter_id][str(party_id)] = " ".join(str(name or "").split())
    return defendants, names


def _claims(raw: str | list[str] | None, seen: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """A matter's claims from JSON text (decoded once per distinct value) or a list."""
    if not raw:
        return ()
    if not isinstance(raw, str):
        return tuple(raw)
    found = seen.get(raw)
    if found is None:
        found = seen[raw] = tuple(json.loads(raw) or ())
    return found


def load_matters(session: Session, matter_ids: Sequence[int] | None) -> dict[int, MatterData]:
    """Planning facts for ``matter_ids`` (None: every matter), a handful of queries in all."""
    if matter_ids is not None and not matter_ids:
        return {}
    session.flush()  # the readers go through the connection: pending changes count
    matters = repo.planning_matters(session=session, matter_ids=matter_ids)
    incidents = repo.first_incident_days(session=session, matter_ids=matter_ids)
    releases = _releases(session, matter_ids)
    defendants, names = _defendants(session, matter_ids)
    # Judgments for the plaintiff (the resolution log) start the fee-motion deadlines.
    judgments = judgment_dates(session, matter_ids)
    seen: dict[str, tuple[str, ...]] = {}
    out: dict[int, MatterData] = {}
    for matter_id, number, claims, auth, dismissed, status, process, ret, marshal in matters:
        incident = incidents.get(matter_id)
        facts = None
        # A closed or declined matter plans nothing (casekit.services.deadlines.lifecycle).
        if incident is not None and status not in CLOSED_STATUSES:
            judged = judgments.get(matter_id, {})
            facts = PlanningFacts(
                incident_date=incident,
                release_date=releases.get(matter_id),
                claims=_claims(claims, seen),
                defendants=tuple(defendants.get(matter_id, ())),
                authorization_date=auth,
                dismissal_date=dismissed,
                state_judgment_date=judged.get("state"),
                federal_judgment_date=judged.get("federal"),
                process_date=process,
                return_date=ret,
                marshal_delivery_date=marshal,
            )
        out[int(matter_id)] = MatterData(
            int(matter_id), number, facts, dict(names.get(matter_id, {}))
        )
    return out


_USED, _OTHER = (f'"{prefix}' for prefix in READING_PREFIXES)


def stored_readings(raw: str | list[str] | None) -> tuple[str, ...]:
    """The reading lines of a stored trail, given as JSON text (SQLite) or a list (psycopg
    decodes JSON columns itself)."""
    if not raw:
        return ()
    if isinstance(raw, str):
        if _USED not in raw and _OTHER not in raw:
            return ()
        raw = json.loads(raw)
    return reading_lines(raw or ())


def same_readings(raw: str | list[str] | None, encoded: tuple[str, ...]) -> bool | None:
    """Whether a stored trail given as JSON text states exactly the reading lines whose JSON
    encodings are ``encoded`` (in order), without decoding it; None when that cannot be told
    from the text (decode it then: :func:`stored_readings`)."""
    if not isinstance(raw, str):
        return None
    found = raw.count(_USED) + raw.count(_OTHER)
    if found != len(encoded):
        return None if found else False
    at = 0
    for line in encoded:
        at = raw.find(line, at)
        if at < 0:
            return None
        at += len(line)
    return True


def live_tuples(
    session: Session, matter_ids: Sequence[int] | None, *, open_matters: bool = False
) -> dict[int, list[Any]]:
    """The stored deadlines the recompute manages, by matter, as the repository's tuples
    (:func:`casekit.store.repos.deadlines.live_deadlines`): bulk work builds nothing per row
    until a matter turns out to change. ``open_matters``: none of closed or declined matters
    (nothing is planned for them, so a recompute has nothing to compare their rows with)."""
    session.flush()  # read through the connection: pending changes count
    out: dict[int, list[Any]] = defaultdict(list)
    skip = CLOSED_STATUSES if open_matters else ()
    for r in repo.live_deadlines(session=session, matter_ids=matter_ids, skip_matters=skip):
        out[r[0]].append(r)
    return out


def open_computed(rows: dict[int, list[Any]]) -> list[int]:
    """The matters of :func:`live_tuples`' rows with an open computed deadline (not manual; a
    records request's are not among them), by id."""
    return sorted({r[0] for found in rows.values() for r in found if r[11] == "open" and not r[12]})


@overload
def day(value: date | str) -> date: ...
@overload
def day(value: date | str | None) -> date | None: ...
def day(value: date | str | None) -> date | None:
    """A date column of :func:`live_tuples`' rows as a date (SQLite gives ISO text)."""
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def stored_row(r: Any, seen: dict[str, tuple[str, ...]] | None = None) -> StoredRow:
    """One of :func:`live_tuples`' tuples as a :class:`StoredRow` (its readings decoded; with
    ``seen``, each distinct trail text once: bulk work meets the same trails again and again)."""
    raw = r[13]
    if seen is not None and isinstance(raw, str):
        readings = seen.get(raw)
        if readings is None:
            readings = seen[raw] = stored_readings(raw)
    else:
        readings = stored_readings(raw)
    return StoredRow(
        id=r[1],
        version=r[2],
        key=r[3],
        rule_id=r[4],
        title=r[5],
        due=day(r[6]),
        safe_target=day(r[7]),
        trigger_date=day(r[8]),
        citation=r[9],
        confidence=r[10],
        status=r[11],
        manual=bool(r[12]),
        readings=readings,
        adjusted_due=day(r[14]),
    )


def live_rows(session: Session, matter_ids: Sequence[int] | None) -> dict[int, list[StoredRow]]:
    """Stored deadlines the recompute manages (not superseded, not records requests'), by
    matter; only the few trails that state readings are decoded."""
    return {
        matter_id: [stored_row(r) for r in rows]
        for matter_id, rows in live_tuples(session, matter_ids).items()
    }
