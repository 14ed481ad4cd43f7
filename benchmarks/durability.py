"""What ``synchronous=FULL`` costs: commits per second with FULL against NORMAL, same run.

casekit runs SQLite in WAL mode with ``synchronous=FULL`` (``casekit.store.engine``): every
commit is fsynced before casekit reports it, so it survives a power cut. With NORMAL a commit is
only fsynced at the next checkpoint, and the last commits before a power cut can be lost. The
figure is a casekit write as users make it (``casekit note add``: one transaction, the note
and its audit event) in commits per second with FULL; the floor is the same write with NORMAL,
timed interleaved in the same run on the same disk. A bare one-row ``sqlite3`` commit with FULL
and NORMAL is shown beside it (info), to separate the fsync from casekit's own work.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import CACHE, TODAY, Figure, log

#: Commits per timed batch; batches alternate FULL / NORMAL.
BATCH = 40


def _casekit_writer(home: Path, synchronous: str) -> tuple[Callable[[], None], Callable[[], None]]:
    from casekit.config import Settings
    from casekit.services import clients, matters
    from casekit.services.base import AppContext
    from casekit.services.casefile import notes
    from casekit.store.engine import make_engine
    from casekit.store.migrate import upgrade

    url = f"sqlite:///{home / 'casekit.sqlite'}"
    svc = AppContext(Settings(home=home, database_url=url, actor="benchmark"), today=TODAY)
    engine = make_engine(url, synchronous=synchronous)
    upgrade(engine)
    svc._engine = engine  # noqa: SLF001 - the benchmark chooses the synchronous level
    client = clients.add_client(svc, name="Bench Mark")
    matter = matters.add_matter(
        svc,
        client=str(client.id),
        incident_date="2026-01-10",
        town="Danbury",
        agency="Danbury Police Department",
    )
    number = matter.number

    def write() -> None:
        notes.add_note(svc, number, "Called the client back; no answer.")

    return write, svc.dispose


def _bare_writer(path: Path, synchronous: str) -> tuple[Callable[[], None], Callable[[], None]]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT)")

    def write() -> None:
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t (body) VALUES ('Called the client back; no answer.')")
        conn.execute("COMMIT")

    return write, conn.close


def _rates(
    full: Callable[[], None], normal: Callable[[], None], rounds: int
) -> tuple[float, float]:
    """Commits per second of each writer: batches timed alternately, order flipped each round."""
    spent = {"full": 0.0, "normal": 0.0}
    for _ in range(3):  # warm-up: caches, first checkpoint
        full()
        normal()
    for i in range(rounds):
        pair = [("full", full), ("normal", normal)]
        for name, fn in pair if i % 2 == 0 else reversed(pair):
            start = time.perf_counter()
            for _ in range(BATCH):
                fn()
            spent[name] += time.perf_counter() - start
    commits = rounds * BATCH
    return commits / spent["full"], commits / spent["normal"]


def commits(rounds: int) -> list[Figure]:
    """``commit_full_note`` (goal) and ``commit_full_bare`` (info)."""
    root = Path(tempfile.mkdtemp(prefix="durability-", dir=CACHE))
    closers: list[Callable[[], None]] = []
    try:
        full, close_full = _casekit_writer(root / "full", "FULL")
        normal, close_normal = _casekit_writer(root / "normal", "NORMAL")
        closers += [close_full, close_normal]
        full_rate, normal_rate = _rates(full, normal, rounds)
        bare_full, close_bf = _bare_writer(root / "bare-full.sqlite", "FULL")
        bare_normal, close_bn = _bare_writer(root / "bare-normal.sqlite", "NORMAL")
        closers += [close_bf, close_bn]
        bare_full_rate, bare_normal_rate = _rates(bare_full, bare_normal, rounds)
    finally:
        for close in closers:
            close()
        shutil.rmtree(root, ignore_errors=True)
    log(
        f"  note add: FULL {full_rate:.0f}/s, NORMAL {normal_rate:.0f}/s; bare commit: FULL "
        f"{bare_full_rate:.0f}/s, NORMAL {bare_normal_rate:.0f}/s"
    )
    per_commit_ms = 1000 / full_rate
    return [
        Figure(
            "commit_full_note",
            full_rate,
            normal_rate,
            "commits/s",
            ">= 20 commits/s (a write under 50 ms)",
            full_rate >= 20,
            normal_rate / full_rate,
            f"casekit note add with synchronous=FULL, {per_commit_ms:.1f} ms per commit; floor: "
            f"the same with NORMAL; {rounds} x {BATCH} commits each, interleaved",
        ),
        Figure(
            "commit_full_bare",
            bare_full_rate,
            bare_normal_rate,
            "commits/s",
            "info",
            None,
            bare_normal_rate / bare_full_rate,
            "one-row sqlite3 commit, WAL, FULL; floor: NORMAL (the fsync alone)",
        ),
    ]
