"""The municipal defendants of a matter, and the § 7-465 notice addressed to one of them (that
town's clerk, that town's own notice deadline)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from casekit.domain.text import one_line
from casekit.errors import InvalidInput, NotFound
from casekit.services.documents.facts import find_matter
from casekit.store.repos import documents as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.documents.prepare import Job
    from casekit.store.models import Matter
    from casekit.store.repos.documents import Session


NOTICE_TEMPLATE = "notice-7-465"
_MUNICIPAL_KINDS = ("municipality", "municipal", "town", "city")


def municipal_defendants(svc: AppContext, matter: str | int) -> list[tuple[int, str]]:
    """The matter's municipal defendants (party id, name): the towns a notice can go to."""
    with svc.transaction() as session:
        return municipal_in(session, find_matter(session, matter))


def municipal_in(session: Session, matter: Matter) -> list[tuple[int, str]]:
    """:func:`municipal_defendants` of a matter row already loaded."""
    rows = repo.defendants(session=session, matter_id=_id(matter))
    return [(int(p.id or 0), p.name) for p in rows if (p.kind or "").lower() in _MUNICIPAL_KINDS]


def chosen_town_in(
    session: Session, matter: Matter, party: str | int | None
) -> tuple[int, str] | None:
    """The municipal defendant (party id, name) a § 7-465 notice goes to: ``party`` (an id or a
    name), or the only one. None when the matter has none (the plan refuses the notice then).
    Several towns and none chosen: InvalidInput; an unknown one: NotFound."""
    towns = municipal_in(session, matter)
    if party is None:
        if len(towns) <= 1:
            return towns[0] if towns else None
        listed = "; ".join(f"{i} {name}" for i, name in towns)
        raise InvalidInput(
            f"{matter.number} has {len(towns)} municipal defendants ({listed}); choose the "
            "one this notice goes to with --party ID_OR_NAME"
        )
    wanted = str(party).strip()
    chosen = next(
        (t for t in towns if wanted == str(t[0]) or one_line(wanted).casefold() == t[1].casefold()),
        None,
    )
    if chosen is None:
        known = "; ".join(f"{i} {name}" for i, name in towns) or "none"
        raise NotFound(
            f"no municipal defendant {wanted[:40]!r} on {matter.number} (municipal defendants: "
            f"{known})"
        )
    return chosen


def for_town_in(session: Session, matter: Matter, job: Job, chosen: tuple[int, str]) -> Job:
    """The § 7-465 notice for one municipal defendant: addressed to that town's clerk, with that
    town's own notice deadline."""
    party_id, name = chosen
    facts = job.facts
    first = [p for p in facts.parties if p.role == "defendant" and p.name == name][:1]
    parties = (*first, *(p for p in facts.parties if p not in first))
    extra = dict(job.extra)
    due = repo.open_notice_due(session=session, matter_id=_id(matter), party_id=party_id)
    if due is not None:
        extra["notice_deadline"] = due
    return replace(job, facts=replace(facts, parties=parties), extra=extra)


def _id(matter: Matter) -> int:
    if matter.id is None:  # pragma: no cover - a loaded row has its id
        raise NotFound(f"matter {matter.number} is not stored")
    return matter.id
