"""Fictional fees, costs and resolution for the demo database (``casekit demo``).

Run inside the demo's own transaction, after its matters exist, with bulk inserts like the rest
of the demo (not audited, by design). Its own random generator, so the demo's other data stays
exactly as it was for a given seed. What it adds, so every part of issue 18 shows on a fresh demo:

* a paralegal, and two rates (with sources) for every timekeeper;
* time entries and costs on a dozen active matters (some no-charge);
* open offers and a demand expiring within the dashboard's horizon, one of them just lapsed;
* outcomes on closed and declined matters (the caseload and agencies reports count them), and
  a recent state-court judgment for the plaintiff, which plans a fee-motion deadline.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from casekit.store.repos import fees as fee_repo

if TYPE_CHECKING:
    from casekit.store.repos.fees import Session

__all__ = ["fill_demo_fees"]

PARALEGAL = "Rosa Delgado"
#: (first rate, second rate from 2026-01-01), cents an hour.
ATTORNEY_RATES = (32500, 35000)
PARALEGAL_RATES = (11500, 12500)
TASKS = (
    ("investigation", "Interview the client about the arrest and the ICE pickup"),
    ("foi", "Draft the FOI request for the detainer and the booking log"),
    ("foi", "Follow up with the records officer on the FOI request"),
    ("pleadings", "Draft the complaint"),
    ("pleadings", "Revise the complaint after the client's review"),
    ("discovery", "Review the booking and release records"),
    ("discovery", "Prepare the requests for production"),
    ("motions", "Draft the opposition to the motion to dismiss"),
    ("trial", "Prepare the exhibit list"),
    ("investigation", "Call with the client's family about the release time"),
)


def fill_demo_fees(session: Session, *, seed: int, today: date) -> None:
    """Add the fictional fees, costs, offers and outcomes (see the module docstring)."""
    # Fictional demo data from a seed, not a secret: the standard generator is right here.
    rng = random.Random(seed * 1_000_003 + 18)  # noqa: S311
    paralegal = fee_repo.insert_paralegal(session=session, name=PARALEGAL)
    _rates(session, fee_repo.attorney_ids(session=session), paralegal)
    matters = fee_repo.matter_rows(session=session)
    active = [m for m in matters if m.status == "active" and m.attorney_id is not None]
    _time_and_costs(session, rng, active[:12], paralegal, today)
    closed_by_outcome = _outcomes(rng, matters)  # the generator's draws in the same order
    fee_repo.bulk_insert(session=session, table="resolution", rows=_events(active, today))
    for outcome, ids in closed_by_outcome.items():
        fee_repo.set_outcomes(session=session, matter_ids=ids, outcome=outcome)


def _rates(session: Session, attorneys: list[int], paralegal: int) -> None:
    rates = []
    for user_id, (first, second) in [(a, ATTORNEY_RATES) for a in attorneys] + [
        (paralegal, PARALEGAL_RATES)
    ]:
        for start, cents, source in (
            (date(2024, 1, 1), first, "Affidavit (fictional demo)"),
            (date(2026, 1, 1), second, "Fee survey (fictional demo)"),
        ):
            rates.append(
                {"user_id": user_id, "effective_from": start, "cents_per_hour": cents,
                 "source": source}
            )  # fmt: skip
    fee_repo.bulk_insert(session=session, table="rate", rows=rates)


def _time_and_costs(
    session: Session, rng: random.Random, matters: list[Any], paralegal: int, today: date
) -> None:
    entries: list[dict[str, Any]] = []
    costs: list[dict[str, Any]] = []
    for matter in matters:
        span = max((today - matter.opened_on).days, 1)
        for _ in range(rng.randint(6, 15)):
            task, text = rng.choice(TASKS)
            who = matter.attorney_id if rng.random() < 0.7 else paralegal
            entries.append(
                {
                    "matter_id": matter.id,
                    "user_id": who,
                    "worked_on": matter.opened_on + timedelta(days=rng.randrange(span)),
                    "tenths": rng.choice((1, 2, 3, 5, 8, 10, 12, 15, 20, 25)),
                    "category": task,
                    "claim": "",
                    "description": text,
                    "billable": rng.random() > 0.1,
                    "unrelated": False,
                    "source": "manual",
                }
            )
        costs.append({"matter_id": matter.id, "incurred_on": matter.opened_on,
                      "kind": "filing_fee", "description": "Entry fee, Superior Court (demo)",
                      "cents": 36000, "billable": True})  # fmt: skip
        if rng.random() < 0.6:
            costs.append({"matter_id": matter.id,
                          "incurred_on": matter.opened_on + timedelta(days=rng.randint(0, 9)),
                          "kind": "marshal_fee", "description": "State marshal: service (demo)",
                          "cents": rng.choice((6540, 8740, 11200)), "billable": True})  # fmt: skip
    fee_repo.bulk_insert(session=session, table="time_entry", rows=entries)
    fee_repo.bulk_insert(session=session, table="cost", rows=costs)


def _outcomes(rng: random.Random, matters: list[Any]) -> dict[str, list[int]]:
    """Outcomes on closed and declined matters (the caseload and agencies reports count them)."""
    closed_by_outcome: dict[str, list[int]] = {}
    outcomes = ("settlement", "injunction", "judgment", "dismissal", "settlement")
    for matter in matters:
        if matter.status not in ("closed", "declined"):
            continue
        outcome = "declined" if matter.status == "declined" else rng.choice(outcomes)
        closed_by_outcome.setdefault(outcome, []).append(matter.id)
    return closed_by_outcome


def _events(active: list[Any], today: date) -> list[dict[str, Any]]:
    """Open offers and a demand near their expiry, and one recent judgment."""
    events: list[dict[str, Any]] = []
    for matter, (days, kind, cents) in zip(
        active[12:16], ((2, "offer", 1_500_000), (5, "offer", 2_500_000),
                        (11, "demand", 9_000_000), (-3, "offer", 750_000)), strict=False
    ):  # fmt: skip
        events.append(
            {
                "matter_id": matter.id,
                "kind": kind,
                "dated": max(matter.opened_on, today - timedelta(days=20)),
                "side": "plaintiff" if kind == "demand" else "defendant",
                "cents": cents,
                "terms": "Payment within 30 days; fees and costs to be decided by the court",
                "injunctive_terms": "Adopt a written Trust Act policy and train officers",
                "expires_on": today + timedelta(days=days),
                "status": "open",
                "court": "",
            }
        )
    # A recent judgment on a matter still open: the fee motion is what is left to do (a closed
    # matter plans no deadline).
    for matter in active:
        if (today - matter.opened_on).days > 30:
            events.append(
                {
                    "matter_id": matter.id,
                    "kind": "judgment",
                    "dated": today - timedelta(days=9),
                    "side": "plaintiff",
                    "cents": 2_000_000,
                    "terms": "Judgment for the plaintiff after a bench trial (demo)",
                    "injunctive_terms": "Declaratory relief; policy to be revised",
                    "expires_on": None,
                    "status": "",
                    "court": "state",
                }
            )
            break
    return events
