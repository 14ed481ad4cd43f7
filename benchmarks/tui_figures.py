"""Figures that drive the Textual app: start to painted dashboard, search keystrokes, memory."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import (
    BENCH_DIR,
    PYTHON,
    Figure,
    child_env,
    log,
    median,
    p95,
    services_for,
)

CHILD = str(BENCH_DIR / "child.py")
CHILD_TIMEOUT = 180


# --- subprocesses -------------------------------------------------------------------------------


def _spawn(mode: str, home: Path | None) -> tuple[float, str]:
    """Run ``child.py MODE``; seconds from spawn to its first stdout line, and that line."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [PYTHON, CHILD, mode],
            stdout=subprocess.PIPE,
            stderr=err,
            env=child_env(home),
            text=True,
        )
        assert proc.stdout is not None
        try:
            line = proc.stdout.readline()
            seconds = time.perf_counter() - started
            proc.stdout.read()
            proc.wait(timeout=CHILD_TIMEOUT)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        err.seek(0)
        problem = err.read().decode(errors="replace").strip()
    line = line.strip()
    if proc.returncode != 0 or not line or line.startswith('{"error"'):
        raise RuntimeError(f"child {mode} failed ({proc.returncode}): {line} {problem[-2000:]}")
    return seconds, line


def startup(home: Path, reps: int) -> Figure:
    """Process start to the dashboard painted with its data (10 k matters), median of ``reps``."""
    _spawn("startup-empty", None)  # warm the OS file cache and the bytecode caches
    _spawn("startup-app", home)
    app_s: list[float] = []
    empty_s: list[float] = []
    for i in range(reps):
        order = [("startup-app", home, app_s), ("startup-empty", None, empty_s)]
        for mode, where, out in order if i % 2 == 0 else reversed(order):
            out.append(_spawn(mode, where)[0])
    value, floor = median(app_s), median(empty_s)
    ratio = value / floor
    return Figure(
        "startup_dashboard_10k",
        value,
        floor,
        "s",
        "ratio <= 2.0 (aim 1.5)",
        ratio <= 2.0,
        ratio,
        f"median of {reps} fresh interpreters each; app runs {_spread(app_s)}, "
        f"empty {_spread(empty_s)}",
    )


def memory(home: Path, reps: int) -> Figure:
    """Peak resident memory of the app showing the dashboard then the matters screen (100 k)."""
    app_b: list[float] = []
    empty_b: list[float] = []
    for i in range(reps):
        order = [("memory-app", home, app_b), ("memory-empty", None, empty_b)]
        for mode, where, out in order if i % 2 == 0 else reversed(order):
            out.append(json.loads(_spawn(mode, where)[1])["VmHWM"] / 2**20)
    value, floor = median(app_b), median(empty_b)
    return Figure(
        "tui_memory_100k",
        value,
        floor,
        "MB",
        "<= 300 MB",
        value <= 300,
        value / floor,
        "peak RSS (VmHWM) after the dashboard and the first matters page were painted",
    )


def _spread(xs: list[float]) -> str:
    return f"{min(xs):.3f}-{max(xs):.3f} s"


# --- search -------------------------------------------------------------------------------------

#: Surnames typed one letter at a time (folded as casekit folds: no accents, lower case).
WORDS = ("garcia", "nunez", "okafor", "nguyen", "pierre")


class _SqlLog:
    """The statements of first-page searches, with their parameters (replayed in raw sqlite3).

    Only ``views.page_matters(..., offset=0)`` calls are recorded: the page the user waits for.
    (Further pages the table prefetches are part of the app's latency, not of the floor.)
    """

    def __init__(self, engine: Any, views: Any) -> None:
        from sqlalchemy import event

        self.statements: list[tuple[str, Any]] = []
        self._local = threading.local()
        event.listen(engine, "before_cursor_execute", self._seen)
        self._views = views
        self._original = views.page_matters

        def page_matters(*args: Any, **kwargs: Any) -> Any:
            self._local.first_page = kwargs.get("offset", 0) == 0
            try:
                return self._original(*args, **kwargs)
            finally:
                self._local.first_page = False

        views.page_matters = page_matters

    def close(self) -> None:
        self._views.page_matters = self._original

    def _seen(self, _conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if getattr(self._local, "first_page", False):
            self.statements.append((statement, params))

    def take(self) -> list[tuple[str, Any]]:
        taken, self.statements = self.statements, []
        return taken


def _replay(db: sqlite3.Connection, statements: list[tuple[str, Any]]) -> float:
    start = time.perf_counter()
    for statement, params in statements:
        db.execute(statement, params or ()).fetchall()
    return time.perf_counter() - start


def search(home: Path, db_path: Path, passes: int) -> tuple[Figure, Figure]:
    """Keystroke to rendered results on the matters screen (Pilot), 100 k matters.

    Each letter of :data:`WORDS` is typed once the previous search has been painted and the
    screen's throttle interval has passed (so the figure is the app's own latency, not the
    debounce). The floor replays, in raw sqlite3, exactly the statements the app sent for that
    keystroke (captured on the engine), once, as soon as the results are painted: one sample a
    side per keystroke, taken moments apart, so noise on the machine reaches both alike.
    """
    return asyncio.run(_search(home, db_path, passes))


async def _search(home: Path, db_path: Path, passes: int) -> tuple[Figure, Figure]:
    from casekit.services import casefile as views
    from casekit.tui.launch import make_app
    from casekit.tui.screens import matters as matters_screen

    svc = services_for(home)
    sql = _SqlLog(svc.engine, views)
    interval = float(getattr(matters_screen, "SEARCH_INTERVAL", 0.15))
    page_size = int(getattr(matters_screen, "PAGE_SIZE", 60))
    waiter: dict[str, Callable[[], None] | None] = {"done": None}
    screen_cls = matters_screen.MattersScreen
    original = screen_cls.on_matters_screen_page_loaded

    def page_loaded(self: Any, message: Any) -> None:
        original(self, message)
        done = waiter["done"]
        if done is not None and message.query == self.current:
            waiter["done"] = None
            self.call_after_refresh(done)  # the table as the user sees it

    screen_cls.on_matters_screen_page_loaded = page_loaded  # type: ignore[method-assign]
    raw = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
    app = make_app(svc)
    tui_s: list[float] = []
    raw_s: list[float] = []
    service_s: list[float] = []
    samples: list[tuple[str, float]] = []
    loop = asyncio.get_running_loop()

    async def until_painted(action: Callable[[], Any]) -> float:
        future: asyncio.Future[float] = loop.create_future()
        waiter["done"] = lambda: future.done() or future.set_result(time.perf_counter())
        start = time.perf_counter()
        result = action()
        if asyncio.iscoroutine(result):
            await result
        return await asyncio.wait_for(future, 60) - start

    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _wait_rows(app, "#dashboard-agenda")
            await until_painted(lambda: pilot.press("slash"))
            search_box = app.screen.query_one("#matters-search-input")
            for n in range(passes):
                for word in WORDS:
                    for i in range(len(word)):
                        await asyncio.sleep(interval + 0.01)
                        sql.take()
                        seconds = await until_painted(lambda ch=word[i]: pilot.press(ch))
                        tui_s.append(seconds)
                        samples.append((word[: i + 1], seconds))
                        # The floor for this keystroke: its statements, once, right away (one
                        # sample each side, under the same conditions).
                        raw_s.append(_replay(raw, sql.take()))
                    await asyncio.sleep(interval + 0.01)
                    await until_painted(lambda: setattr(search_box, "value", ""))
                for word in WORDS:
                    for i in range(len(word)):
                        start = time.perf_counter()
                        views.page_matters(svc, query=word[: i + 1], limit=page_size)
                        service_s.append(time.perf_counter() - start)
                sql.take()
                log(f"  search pass {n + 1}/{passes}: p95 {p95(tui_s) * 1000:.0f} ms")
    finally:
        screen_cls.on_matters_screen_page_loaded = original  # type: ignore[method-assign]
        sql.close()
        raw.close()
        svc.dispose()
    worst = sorted(samples, key=lambda s: s[1])[-3:]
    value, floor = p95(tui_s), p95(raw_s)
    ratio = value / floor
    tui = Figure(
        "search_keystroke_p95_100k",
        value * 1000,
        floor * 1000,
        "ms",
        "<= 100 ms and ratio <= 3",
        value <= 0.100 and ratio <= 3,
        ratio,
        f"{len(tui_s)} keystrokes via Pilot; median {median(tui_s) * 1000:.0f} ms; slowest: "
        + ", ".join(f"{q!r} {s * 1000:.0f} ms" for q, s in reversed(worst)),
    )
    service = Figure(
        "search_service_p95_100k",
        p95(service_s) * 1000,
        floor * 1000,
        "ms",
        "info",
        None,
        p95(service_s) / floor,
        "views.page_matters alone (no TUI) for the same keystrokes",
    )
    return tui, service


async def _wait_rows(app: Any, selector: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if app.screen.query_one(selector).row_count > 0:
                return
        except Exception:  # noqa: BLE001 - not mounted yet
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{selector} never showed rows")
        await asyncio.sleep(0.005)


def cache_guard(path: Path) -> Callable[[], None]:
    """Call the result after read-only figures: a changed cached database is deleted."""
    before = (path.stat().st_size, path.stat().st_mtime_ns)

    def check() -> None:
        if path.exists() and (path.stat().st_size, path.stat().st_mtime_ns) != before:
            log(f"warning: {path.name} changed during a read-only figure; deleting it")
            os.unlink(path)

    return check
