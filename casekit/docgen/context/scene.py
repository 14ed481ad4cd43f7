"""What one matter document is about, worked out once: the incidents in order, the first one's
agency and municipality, the custody timeline, the defendants, the claims, the pleading plan and
the ``extra`` values. The pieces of a context read it (:func:`scene`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from casekit.docgen.context.incidents import _over_detention_hours, _sort_key
from casekit.docgen.context.parties import (
    _STATE_KINDS,
    _agency,
    _find_agency,
    _municipality,
    _party,
)
from casekit.docgen.law import ClaimText, claim_text
from casekit.domain.lawpack import default_pack
from casekit.domain.model import Agency, CustodyEvent, Incident, MatterFacts
from casekit.domain.pleading import PleadingPlan


@dataclass(frozen=True)
class Scene:
    """The facts of one document, ordered and looked up (see the module docstring)."""

    template: str
    matter: MatterFacts
    today: date
    lang: str
    plan: PleadingPlan
    extras: dict[str, Any]
    incidents: Sequence[Incident]
    agency_row: Agency | None
    agency: Mapping[str, Any]
    municipality: Mapping[str, Any]
    corrections: bool
    custody: Sequence[CustodyEvent]
    over_detention: float | int | None
    defendants: Sequence[Mapping[str, Any]]
    claims: Sequence[ClaimText]

    @property
    def first(self) -> Incident:
        """The first incident (a matter document needs at least one)."""
        return self.incidents[0]

    @property
    def state(self) -> bool:
        """A State agency or a State defendant is involved."""
        return bool(self.agency["state"]) or any(
            p.kind in _STATE_KINDS for p in self.matter.defendants
        )


@dataclass(frozen=True)
class Request:
    """What a context is asked for: the template, the matter, the date, the language."""

    template: str
    matter: MatterFacts
    today: date
    lang: str


def scene(request: Request, plan: PleadingPlan, extras: dict[str, Any]) -> Scene:
    """The :class:`Scene` of a matter whose claims and incidents were checked."""
    matter = request.matter
    incidents = sorted(matter.incidents, key=lambda i: i.occurred_on)
    first = incidents[0]
    agency_row = _find_agency(matter.agencies, first.agency)
    agency = _agency(first, agency_row)
    custody = sorted(matter.custody, key=lambda c: _sort_key(c.at))
    return Scene(
        template=request.template,
        matter=matter,
        today=request.today,
        lang=request.lang,
        plan=plan,
        extras=extras,
        incidents=incidents,
        agency_row=agency_row,
        agency=agency,
        municipality=_municipality(matter, first, agency_row),
        corrections=first.agency_kind == "corrections",
        custody=custody,
        over_detention=_over_detention_hours(custody),
        defendants=[_party(p, agency) for p in matter.defendants],
        claims=[claim_text(c) for c in default_pack().claims if c in matter.claims],
    )
