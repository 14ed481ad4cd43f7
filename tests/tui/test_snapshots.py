"""Snapshots of the main screens (today pinned, fixed data, no cursor blink).

Regenerate with ``--snapshot-update`` only after looking at the report of the failing ones.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from casekit.services.base import Services
from casekit.tui.launch import make_app
from tests.tui.helpers import wait_for_workers

pytestmark = pytest.mark.snapshot
SIZE = (100, 30)


async def settle(pilot: Pilot[Any]) -> None:
    await wait_for_workers(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


def test_dashboard(snap_compare: Any, svc: Services) -> None:
    assert snap_compare(make_app(svc), terminal_size=SIZE, run_before=settle)


def test_matters(snap_compare: Any, svc: Services) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("m")
        await settle(pilot)

    assert snap_compare(make_app(svc), terminal_size=SIZE, run_before=run_before)


def test_matters_search(snap_compare: Any, svc: Services) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("slash", *"nunez")
        await pilot.pause(0.3)
        await settle(pilot)

    assert snap_compare(make_app(svc), terminal_size=SIZE, run_before=run_before)


def test_workspace(snap_compare: Any, svc: Services) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_for_workers(pilot)
        pilot.app.open_matter(3)  # type: ignore[attr-defined]
        await settle(pilot)

    assert snap_compare(make_app(svc), terminal_size=SIZE, run_before=run_before)


def test_workspace_deadlines(snap_compare: Any, svc: Services) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_for_workers(pilot)
        pilot.app.open_matter(3)  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)

    assert snap_compare(make_app(svc), terminal_size=SIZE, run_before=run_before)


def test_intake(snap_compare: Any, svc: Services) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Jose Nunez")
        await pilot.pause(0.4)
        await settle(pilot)

    assert snap_compare(make_app(svc), terminal_size=SIZE, run_before=run_before)


def test_dashboard_80x24(snap_compare: Any, svc: Services) -> None:
    assert snap_compare(make_app(svc), terminal_size=(80, 24), run_before=settle)
