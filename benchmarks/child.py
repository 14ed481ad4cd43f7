"""What a measured subprocess runs: ``python benchmarks/child.py MODE``.

Modes (the ``*-empty`` ones are the floors, started and stopped exactly like the others):

``startup-app`` / ``startup-empty``
    ``App.run(headless=True)`` with an auto-pilot that waits until the dashboard's agenda table
    has rows (``DashboardScreen`` filled it from its worker), then until the screen has been
    painted once more, prints ``PAINTED`` and exits. The empty app prints after its first paint.
``memory-app`` / ``memory-empty``
    The same, then ``m`` (the matters screen) and a wait for its first page of rows to be
    painted; prints one JSON line with VmRSS and VmHWM (peak) from ``/proc/self/status``.

The database is the one in ``CASEKIT_HOME`` (the parent sets it, with ``CASEKIT_TODAY``).
``CHILD_TIMEOUT`` (seconds, default 120) bounds each wait, for running a mode by hand.
Nothing here imports casekit for the empty modes.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any

SIZE = (120, 40)
TIMEOUT = float(__import__("os").environ.get("CHILD_TIMEOUT", "120"))


def _rss() -> dict[str, int]:
    out = {}
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) * 1024
    return out


async def _until(check: Any, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.002)


async def _painted(app: Any) -> None:
    """Return once the app has refreshed the screen after now."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    app.call_after_refresh(lambda: done.done() or done.set_result(None))
    await done


def _rows(app: Any, selector: str) -> int:
    # By selector and attribute: importing a widget class here would add its import to the
    # measured start-up.
    try:
        return int(app.screen.query_one(selector).row_count)
    except Exception:  # noqa: BLE001 - not mounted yet, or another screen is on top
        return 0


def _make(mode: str) -> Any:
    if mode.endswith("-empty"):
        from textual.app import App

        class EmptyApp(App[None]):
            """The floor: an empty Textual app."""

        return EmptyApp()
    from casekit.services.base import build_app_context
    from casekit.tui.launch import make_app

    return make_app(build_app_context())


def main(mode: str) -> None:
    app = _make(mode)
    real = not mode.endswith("-empty")
    result: dict[str, Any] = {}

    async def pilot(pilot: Any) -> None:
        try:
            if real:
                await _until(lambda: _rows(app, "#dashboard-agenda") > 0, "the dashboard")
            await _painted(app)
            if mode.startswith("startup"):
                print("PAINTED", flush=True)
            else:
                if real:
                    await pilot.press("m")
                    await _until(lambda: _rows(app, "#matters-table") > 0, "the matters page")
                    await _painted(app)
                result.update(_rss())
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, not raised
            result["error"] = f"{type(exc).__name__}: {exc}"
        finally:
            app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=pilot)
    if mode.startswith("memory") or "error" in result:
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
