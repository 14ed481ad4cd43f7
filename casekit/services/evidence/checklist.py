"""The element checklist: which elements of a matter's case its evidence supports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from casekit.domain import codes
from casekit.errors import InvalidInput
from casekit.services.evidence.proves import short_code
from casekit.services.evidence.results import NOT_PREFIX, Element, ElementMap
from casekit.services.law.rules import law_pack
from casekit.store import repo as store_repo
from casekit.store.repos import evidence as repo

if TYPE_CHECKING:
    from casekit.domain.lawpack import LawPack
    from casekit.services.base import AppContext
    from casekit.store.models import Evidence, Incident


def element_map(svc: AppContext, matter_number: str) -> ElementMap:
    """Which elements of the matter's case the evidence supports.

    The elements are every prohibited act recorded on the matter's incidents (V-codes) and the
    absence of each exception (E1 judicial warrant, E2 qualifying conviction, E3 database match)
    that reaches, or may reach, one of those acts (the law pack's Reach table: the absence of an
    exception that reaches no recorded act is not part of the case). An item supports an element
    when its ``proves`` names it. Typical evidence kinds and titles come from the law pack
    (``elements.toml``, trust-act.md § 6).

    Raises:
        NotFound: Unknown matter.
    """
    pack = law_pack(svc)
    with svc.transaction() as session:
        matter = store_repo.get_matter(session=session, number=matter_number)
        incidents = repo.matter_incidents(session=session, matter_id=matter.id)
        items = repo.matter_evidence(session=session, matter_id=matter.id)
        number = matter.number
    recorded = _recorded_acts(incidents)
    support = _support(items)
    elements = [
        *_act_elements(pack, recorded, support),
        *_absence_elements(pack, recorded, support, _notes(incidents)),
    ]
    unrecorded = tuple(c for c in codes.violations() if c in support and c not in recorded)
    return ElementMap(matter=number, elements=tuple(elements), unrecorded=unrecorded)


def _recorded_acts(incidents: Sequence[Incident]) -> set[str]:
    recorded: set[str] = set()
    for incident in incidents:
        for raw in incident.violations:
            try:
                recorded.add(codes.violation(raw).id)
            except InvalidInput:
                continue  # an unknown stored code is screening's problem, not the map's
    return recorded


def _support(items: Sequence[Evidence]) -> dict[str, list[int]]:
    support: dict[str, list[int]] = {}
    for item in items:
        if item.id is None:
            continue
        for proved in item.proves:
            support.setdefault(proved, []).append(item.id)
    return support


def _notes(incidents: Sequence[Incident]) -> dict[str, str]:
    """Recorded facts that cut against the absence of each exception."""
    return {
        "E1": "an incident records a judicial warrant"
        if any(i.judicial_warrant for i in incidents)
        else "",
        "E2": "an incident records convictions: check their class"
        if any(i.convictions for i in incidents)
        else "",
        "E3": "an incident records a database (TSDB) match"
        if any(i.tsdb_match for i in incidents)
        else "",
    }


def _act_elements(
    pack: LawPack, recorded: set[str], support: dict[str, list[int]]
) -> list[Element]:
    out: list[Element] = []
    for act in pack.violations.values():
        if act.id in recorded:
            hint = pack.elements.get(act.short)
            out.append(
                Element(
                    code=act.id,
                    short=act.short,
                    title=act.title,
                    kind="violation",
                    evidence_ids=tuple(support.get(act.id, ())),
                    typical_kinds=hint.typical_kinds if hint else (),
                )
            )
    return out


def _absence_elements(
    pack: LawPack, recorded: set[str], support: dict[str, list[int]], notes: dict[str, str]
) -> list[Element]:
    out: list[Element] = []
    for exc in pack.exceptions.values():
        reaches = any(
            pack.reach_of(act, exc.id).effect != "none"
            for act in recorded
            if act in pack.violations
        )
        element_code = NOT_PREFIX + exc.id
        if not reaches and not support.get(element_code):
            continue  # no recorded act that this exception could excuse
        hint = pack.elements.get(short_code(element_code))
        out.append(
            Element(
                code=element_code,
                short=short_code(element_code),
                title=exc.absence,
                kind="exception_absent",
                evidence_ids=tuple(support.get(element_code, ())),
                typical_kinds=hint.typical_kinds if hint else (),
                note=notes.get(exc.short, ""),
            )
        )
    return out
