"""Figures below the TUI: deadline recompute, document rendering, reminder report, demo."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.common import (
    CACHE,
    PYTHON,
    REPO,
    TODAY,
    Figure,
    child_env,
    home_for,
    interleaved,
    log,
    median,
    services_for,
    timed,
)

# --- recompute ----------------------------------------------------------------------------------


def recompute(db: Path, reps: int) -> list[Figure]:
    """Recompute every deadline of every matter (10 k matters), as deadlines per second.

    * ``recompute_plan_10k`` (the goal): ``casekit.domain.planning.plan_deadlines`` (which calls
      ``casekit.domain.deadlines.compute`` for every rule) over every matter's facts, loaded
      once beforehand with the services' own loader. Floor: a bare ``relativedelta`` loop over
      the same (trigger, period) pairs.
    * ``recompute_preview_all_10k``: ``casekit.services.deadlines.preview_all_in``, the recompute
      a court closure starts (loads the facts and stored deadlines, plans, diffs); nothing is
      written. Same floor.
    * ``refresh_all_10k``: ``casekit.services.deadlines.refresh_all`` on a copy whose deadlines
      were deleted: plan and bulk-insert every matter's deadlines.
    """
    from dateutil.relativedelta import relativedelta

    from casekit.domain.calendar import CourtCalendar
    from casekit.domain.planning import plan_deadlines
    from casekit.services import deadlines as service
    from casekit.services.deadlines.court_calendar import court_calendar_in
    from casekit.services.deadlines.facts import load_matters
    from casekit.services.law.rules import rule_set

    home = home_for(db, "recompute-10k")
    svc = services_for(home)
    try:
        rules = rule_set(svc)
        with svc.transaction() as session:
            loaded = [
                (matter_id, item.facts)
                for matter_id, item in load_matters(session, None).items()
                if item.facts is not None
            ]
            calendar = court_calendar_in(session)
        facts = [f for _, f in loaded]

        def plan_all() -> int:
            # A calendar as a recompute builds it (casekit.domain.deadlines keeps its results
            # per calendar: each pass starts with none; the holiday tables stay warm).
            fresh = CourtCalendar(calendar.closures)
            return sum(len(plan_deadlines(f, rules, fresh, TODAY)) for f in facts)

        plans = [plan_deadlines(f, rules, calendar, TODAY) for f in facts]  # warm: holidays
        units = {"years": "years", "months": "months", "days": "days"}
        steps = {
            rule.id: relativedelta(**{units[rule.unit]: rule.period})
            for rule in rules.values()
            if rule.unit in units
        }
        pairs = [(p.trigger, steps[p.rule_id]) for plan in plans for p in plan]
        count = len(pairs)

        def bare() -> None:
            for trigger, step in pairs:
                _ = trigger + step

        def preview() -> dict[str, Any]:
            with svc.transaction() as session:
                return service.preview_all_in(session, svc)

        plan_t, bare_t = interleaved(plan_all, bare, reps)
        changed = preview()
        open_ids = _open_matter_ids(home / "casekit.sqlite")
        previewed = sum(
            len(plan)
            for (matter_id, _), plan in zip(loaded, plans, strict=True)
            if matter_id in open_ids
        )
        preview_t, bare2_t = interleaved(preview, bare, reps)
    finally:
        svc.dispose()
    plan_rate = count / median(plan_t)
    floor_rate = count / median(bare_t)
    preview_rate = previewed / median(preview_t)
    floor_rate2 = count / median(bare2_t)
    figures = [
        Figure(
            "recompute_plan_10k",
            plan_rate,
            floor_rate,
            "deadlines/s",
            ">= 50000/s",
            plan_rate >= 50_000,
            floor_rate / plan_rate,
            f"{count} deadlines of {len(facts)} matters in {median(plan_t):.3f} s "
            f"(median of {reps})",
        ),
        Figure(
            "recompute_preview_all_10k",
            preview_rate,
            floor_rate2,
            "deadlines/s",
            ">= 50000/s (info)",
            preview_rate >= 50_000,
            floor_rate2 / preview_rate,
            f"services.deadlines.preview_all_in: {previewed} deadlines of matters with open "
            f"ones in {median(preview_t):.3f} s; {len(changed)} matters would change",
        ),
    ]
    figures.extend(_refresh_all(db, max(1, reps // 2), floor_rate))
    return figures


def _open_matter_ids(path: Path) -> set[int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT matter_id FROM deadline WHERE status = 'open' AND manual = 0 "
                "AND records_request_id IS NULL"
            )
        }
    finally:
        conn.close()


def _refresh_all(db: Path, reps: int, floor_rate: float) -> list[Figure]:
    """``refresh_all_10k`` and, beside it, ``refresh_sqlite_floor_10k``: SQLite alone inserting
    the very rows refresh_all wrote (one executemany and a commit, with casekit's pragmas), so
    the report shows how much of a refresh is the database's own work."""
    from casekit.services.deadlines import refresh_all

    times: list[float] = []
    floor_times: list[float] = []
    inserted = 0
    for n in range(reps):
        home = home_for(db, f"refresh-10k-{n}")
        _delete_deadlines(home / "casekit.sqlite")
        svc = services_for(home)
        try:
            seconds, inserted = timed(partial(refresh_all, svc))
        finally:
            svc.dispose()
        times.append(seconds)
        floor_times.append(_bare_insert(home / "casekit.sqlite"))
        shutil.rmtree(home)
    rate = inserted / median(times)
    sqlite_rate = inserted / median(floor_times)
    return [
        Figure(
            "refresh_all_10k",
            rate,
            floor_rate,
            "deadlines/s",
            "info",
            None,
            floor_rate / rate,
            f"services.deadlines.refresh_all: plan and insert {inserted} deadlines in "
            f"{median(times):.2f} s (median of {reps})",
        ),
        Figure(
            "refresh_sqlite_floor_10k",
            sqlite_rate,
            None,
            "deadlines/s",
            "info",
            None,
            None,
            f"sqlite3 alone: the same {inserted} rows, one executemany and a commit (WAL, "
            f"synchronous=FULL, foreign keys on, the table's indexes) in "
            f"{median(floor_times):.2f} s: {median(floor_times) / median(times):.0%} of a refresh",
        ),
    ]


def _delete_deadlines(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("DELETE FROM deadline")
        conn.commit()
    finally:
        conn.close()


def _bare_insert(path: Path) -> float:
    """Seconds for sqlite3 to insert ``path``'s deadline rows again into an emptied table."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL"):
            conn.execute(f"PRAGMA {pragma}")
        cursor = conn.execute("SELECT * FROM deadline")
        columns = ", ".join(f'"{d[0]}"' for d in cursor.description)
        rows = cursor.fetchall()
        conn.execute("DELETE FROM deadline")
        marks = ", ".join("?" * len(cursor.description))
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO deadline ({columns}) VALUES ({marks})", rows)
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


# --- documents ----------------------------------------------------------------------------------


def _bare_env() -> Any:
    """What bare docxtpl does with ``autoescape=True``: a new plain ``jinja2.Environment``.

    The demand letter uses two filters (``long_date``, ``cite``), without which bare docxtpl
    cannot render it at all; the floor registers casekit's pure filter functions on the fresh
    environment (the same work, not casekit's sandbox, StrictUndefined or compiled-template cache).
    """
    from jinja2 import Environment

    from casekit.docgen import environment as casekit_env

    env = Environment(autoescape=True)
    env.filters.update(
        long_date=casekit_env.long_date,
        ordinal=casekit_env.ordinal,
        money=casekit_env.money,
        caption_party=casekit_env.caption_party,
        cite=casekit_env.cite,
    )
    return env


def render(reps: int) -> Figure:
    """One demand letter: ``casekit.docgen.render_document`` vs bare docxtpl, median of reps."""
    from docxtpl import DocxTemplate

    from casekit.docgen.context import build_context
    from casekit.docgen.probe import PROBE_EXTRA, PROBE_FIRM, PROBE_MATTER, PROBE_TODAY
    from casekit.docgen.render import render_document
    from casekit.resources import templates_dir

    template = templates_dir() / "demand-letter.docx"
    # The shipped probe matter (the one `casekit templates check` renders): a full demand letter.
    context = build_context(
        "demand-letter", PROBE_MATTER, PROBE_FIRM, PROBE_TODAY, extra=PROBE_EXTRA
    )
    out = Path(tempfile.mkdtemp(prefix="render-", dir=CACHE))
    counter = iter(range(10**9))

    def casekit_render() -> None:
        render_document(template, context, out / f"casekit-{next(counter)}.docx")

    def bare_render() -> None:
        doc = DocxTemplate(template)
        doc.render(context, jinja_env=_bare_env(), autoescape=True)
        doc.save(out / f"bare-{next(counter)}.docx")

    try:
        for _ in range(3):  # imports, first compile
            casekit_render()
            bare_render()
        fig_t, floor_t = interleaved(casekit_render, bare_render, reps)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    value, floor = median(fig_t), median(floor_t)
    return Figure(
        "render_demand_letter",
        value * 1000,
        floor * 1000,
        "ms",
        "ratio <= 1.15",
        value / floor <= 1.15,
        value / floor,
        f"median of {reps} each, interleaved; casekit writes the file atomically (0600) and "
        "hashes it; the floor saves straight to a path",
    )


def batch(db: Path, count: int) -> Figure:
    """``generate_batch`` of ``count`` demand letters: wall time and CPU use (info)."""
    try:
        from casekit.services.documents import generate_batch
    except ImportError:
        return Figure(
            "batch_render_100", None, None, "s", "info", None, note="generate_batch not present"
        )
    home = home_for(db, "batch-1k")
    svc = services_for(home)
    conn = sqlite3.connect(home / "casekit.sqlite")
    numbers = [
        r[0]
        for r in conn.execute(
            "SELECT number FROM matter WHERE id IN (SELECT matter_id FROM incident) "
            "ORDER BY id LIMIT ?",
            (count,),
        )
    ]
    conn.close()
    out = home / "batch-out"
    try:
        generate_batch(svc, "demand-letter", numbers[:2], out_dir=home / "warm")  # imports
        before = os.times()
        started = time.perf_counter()
        docs = generate_batch(svc, "demand-letter", numbers, out_dir=out)
        wall = time.perf_counter() - started
        after = os.times()
    finally:
        svc.dispose()
    cpu = sum(after[i] - before[i] for i in range(4))  # user+sys of this process and children
    cores = cpu / wall
    return Figure(
        "batch_render_100",
        wall,
        None,
        "s",
        "CPU > 1 core (info)",
        cores > 1.0,
        None,
        f"{len(docs)} letters, {wall / len(docs) * 1000:.0f} ms each; user+sys CPU / wall = "
        f"{cores:.2f} cores",
    )


# --- reminder report ----------------------------------------------------------------------------

RAW_DEADLINES = """
SELECT d.id, d.version, m.number, c.name, u.name, d.title, d.rule_id, d.kind, d.due,
       d.safe_target, d.citation, d.confidence
FROM deadline d
JOIN matter m ON m.id = d.matter_id
JOIN client c ON c.id = m.client_id
LEFT JOIN user u ON u.id = m.attorney_id
WHERE d.status = 'open' AND d.safe_target <= ?
ORDER BY d.safe_target, d.due, m.number, d.id
"""
# ``+d.status``: without statistics (no ANALYZE) SQLite would serve the correlated subquery from
# the partial index ix_deadline_open_safe_target (status leads) and read every open deadline per
# matter; the unary plus keeps it on ix_deadline_matter_status (EXPLAIN QUERY PLAN shows which).
RAW_QUIET = """
SELECT m.number, c.name, u.name, m.status
FROM matter m
JOIN client c ON c.id = m.client_id
LEFT JOIN user u ON u.id = m.attorney_id
WHERE m.status IN ('intake', 'screening', 'active')
  AND NOT EXISTS (SELECT 1 FROM deadline d WHERE d.matter_id = m.id AND +d.status = 'open')
ORDER BY m.number
"""
PROBE = """
import sys, time
sys.path.insert(0, {repo!r})
from benchmarks.common import TODAY, services_for
from pathlib import Path
from casekit.services.reports import deadline_report
svc = services_for(Path({home!r}))
started = time.perf_counter()
deadline_report(svc, within={within}, today=TODAY)
print(time.perf_counter() - started)
"""


def _probe_report(home: Path, within: int, limit: float) -> float | None:
    """One report in a subprocess: its seconds, or None when it takes longer than ``limit``.

    A query plan gone wrong can take many minutes, and a running sqlite3 query cannot be
    stopped from Python in the same process; a subprocess can be killed.
    """
    code = PROBE.format(repo=str(REPO), home=str(home), within=within)
    try:
        done = subprocess.run(
            [PYTHON, "-c", code],
            env=child_env(home),
            capture_output=True,
            text=True,
            timeout=limit,
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise RuntimeError(f"report probe failed: {done.stderr[-1000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def report(home: Path, db: Path, reps: int, within: int = 30, limit: float = 60) -> Figure:
    """``services.reports.deadline_report(within=30)`` over ~300 k deadlines vs raw SQL.

    The floor selects the same rows with sqlite3 (the deadlines due by the horizon, overdue
    included, and the open matters with no open deadline), written as a person would write it.
    A first report runs in a subprocess killed after ``limit`` seconds.
    """
    from casekit.services.reports import deadline_report

    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    until = (TODAY + timedelta(days=within)).isoformat()
    if _probe_report(home, within, limit) is None:
        floor = median(
            [
                timed(
                    lambda: (
                        raw.execute(RAW_DEADLINES, (until,)).fetchall(),
                        raw.execute(RAW_QUIET).fetchall(),
                    )
                )[0]
                for _ in range(reps)
            ]
        )
        raw.close()
        return Figure(
            "reminder_report_300k",
            float(limit),
            floor,
            "s",
            "<= 0.5 s and ratio <= 2",
            False,
            limit / floor,
            f"did not finish within {limit:.0f} s (killed); value is that limit",
        )
    svc = services_for(home)

    def casekit_report() -> Any:
        return deadline_report(svc, within=within, today=TODAY)

    def raw_rows() -> tuple[list[Any], list[Any]]:
        return raw.execute(RAW_DEADLINES, (until,)).fetchall(), raw.execute(RAW_QUIET).fetchall()

    try:
        got = casekit_report()
        want = raw_rows()
        fig_t, floor_t = interleaved(casekit_report, raw_rows, reps)
        total = raw.execute("SELECT count(*) FROM deadline").fetchone()[0]
    finally:
        svc.dispose()
        raw.close()
    same = (len(got.rows), len(got.no_deadline)) == (len(want[0]), len(want[1]))
    value, floor = median(fig_t), median(floor_t)
    ratio = value / floor
    return Figure(
        "reminder_report_300k",
        value,
        floor,
        "s",
        "<= 0.5 s and ratio <= 2",
        value <= 0.5 and ratio <= 2,
        ratio,
        f"{total} deadlines; {len(got.rows)} rows due within {within} days + "
        f"{len(got.no_deadline)} matters with none"
        + ("" if same else f" (raw SQL found {len(want[0])} + {len(want[1])}: MISMATCH)"),
    )


# --- demo ---------------------------------------------------------------------------------------


def demo(matters: int = 1000) -> Figure:
    """``casekit demo --matters 1000 --no-tui`` in a fresh CASEKIT_HOME, wall time (info)."""
    home = Path(tempfile.mkdtemp(prefix="demo-", dir=CACHE))
    command = [PYTHON, "-m", "casekit.cli", "demo", "--matters", str(matters), "--no-tui"]
    exe = Path(PYTHON).with_name("casekit")
    if exe.exists():
        command = [str(exe), "demo", "--matters", str(matters), "--no-tui"]
    try:
        started = time.perf_counter()
        done = subprocess.run(
            command, env=child_env(home), capture_output=True, text=True, timeout=300
        )
        wall = time.perf_counter() - started
    finally:
        shutil.rmtree(home, ignore_errors=True)
        home.with_name(home.name + "-key.json").unlink(missing_ok=True)
    if done.returncode != 0:
        log(f"demo failed: {done.stderr[-500:]}")
        return Figure("demo_1000", None, None, "s", "< 10 s (info)", False, note="failed")
    return Figure(
        "demo_1000",
        wall,
        None,
        "s",
        "< 10 s (issue goal, info)",
        wall < 10,
        None,
        "casekit demo --matters 1000 --no-tui, fresh CASEKIT_HOME, process wall time",
    )
