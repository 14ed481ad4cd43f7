"""``casekit demo``: a database full of realistic, entirely fictional matters.

Everything comes from one ``random.Random(seed)`` and dates count back from ``svc.today()``, so
the same seed with the same pinned ``CASEKIT_TODAY`` gives the same clients, numbers and
timelines (:mod:`.names`, :mod:`.rows`). Rows go in with bulk inserts (:mod:`.fill`): 1,000
matters and their ~15,000 related rows take well under a second, where one ORM object at a time
would take several. The demo refuses a database that holds real clients or matters.
"""

from __future__ import annotations

import random
import time as clock
from dataclasses import dataclass, replace

from casekit.config import crash_point
from casekit.errors import ConfigurationError, InvalidInput
from casekit.services.base import AppContext
from casekit.services.deadlines import refresh_all
from casekit.services.demo.fill import DEMO_STAGE_KEY, FillInput, fill
from casekit.services.demo.history import add_demo_history
from casekit.services.fees.demo import fill_demo_fees
from casekit.services.law.rules import law_pack
from casekit.services.office.settings import DEMO_KEY
from casekit.services.plain import PlainResult
from casekit.store.models import Client, Deadline, Matter
from casekit.store.repos.demo import close_past_deadlines, count_rows, has_cases
from casekit.store.repos.settings import setting_value, update_setting

DEFAULT_MATTERS = 200
DEFAULT_SEED = 7
MAX_MATTERS = 100_000


@dataclass(frozen=True)
class DemoSummary(PlainResult):
    """What ``casekit demo`` left in the database."""

    matters: int
    clients: int
    deadlines: int
    home: str
    seed: int
    created: bool
    seconds: float
    resumed: bool = False  # an interrupted run was finished


def run_demo(
    svc: AppContext, *, matters: int = DEFAULT_MATTERS, seed: int = DEFAULT_SEED
) -> DemoSummary:
    """Fill the database with ``matters`` fictional matters (or find the ones already there).

    A database that already holds the demo is left as it is. A database with real clients or
    matters is refused: demo data must never mix with real cases.

    Resumable: the data goes in one transaction (a kill before its commit leaves nothing, and
    the vault files it wrote are the same bytes a rerun writes); the deadlines and the "done"
    marks follow in their own, and the stage setting says how far a run got. A run killed
    after the data was committed is finished by the next ``casekit demo``.
    """
    if not 1 <= matters <= MAX_MATTERS:
        raise InvalidInput(f"--matters must be between 1 and {MAX_MATTERS}")
    started = clock.perf_counter()
    created = False
    with svc.transaction() as session:
        demo_flag = setting_value(session=session, key=DEMO_KEY)
        stage = setting_value(session=session, key=DEMO_STAGE_KEY)
        if demo_flag != "true" and has_cases(session=session):
            raise ConfigurationError(
                "this database holds real clients or matters; the demo only fills an empty one. "
                "Use another folder, e.g. CASEKIT_HOME=./try-casekit casekit demo"
            )
        if demo_flag != "true":
            job = FillInput(
                rng=random.Random(seed),  # noqa: S311 - fictional data, reproducible by seed
                count=matters,
                today=svc.today(),
                vault=svc.settings.evidence_dir,
                pack=law_pack(svc),
            )
            fill(session, job)
            # Fees, costs, offers and outcomes (issue 18): its own generator, same transaction.
            fill_demo_fees(session, seed=seed, today=svc.today())
            created = True
    # A demo from before the stage setting counts as complete.
    crash_point("demo:filled")
    resumed = not created and demo_flag == "true" and stage not in (None, "complete")
    if created or resumed:
        refresh_all(svc)  # its own transaction, after the demo's
        crash_point("demo:deadlines")
        _close_past_deadlines(svc)
        add_demo_history(svc)  # a history to read: changes made through the services
        with svc.transaction() as session:
            update_setting(session=session, key=DEMO_STAGE_KEY, value="complete")
    summary = _summary(svc, seed=seed, created=created, started=started)
    return replace(summary, resumed=resumed)


def _close_past_deadlines(svc: AppContext) -> None:
    """A real office has met most deadlines already past: mark them done, keeping about one in
    eight overdue so the demo shows what an overdue deadline looks like."""
    with svc.transaction() as session:
        close_past_deadlines(
            session=session, today=svc.today(), keep_every=8, reason="Done (fictional demo)"
        )


def _summary(svc: AppContext, *, seed: int, created: bool, started: float) -> DemoSummary:
    with svc.engine.connect() as conn:
        counts = count_rows(conn=conn, models=(Matter, Client, Deadline))
    return DemoSummary(
        matters=counts[0],
        clients=counts[1],
        deadlines=counts[2],
        home=str(svc.settings.home),
        seed=seed,
        created=created,
        seconds=round(clock.perf_counter() - started, 2),
    )
