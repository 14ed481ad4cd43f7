"""Snapshots of every screen and dialog at 80x24 and 120x40 (today pinned, fixed data, no blink).

One parametrised test: ``test_screen[SIZE-SCREEN]``. Each entry of ``SCREENS`` is the keys (or
calls) that bring a screen up from the dashboard; the snapshot is taken once every worker has
finished and nothing is pending (see :func:`settle`), so a loaded machine gives the same picture.

Regenerate with ``--snapshot-update`` only after looking at the report of the failing ones.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from casekit.services.base import AppContext
from casekit.tui.launch import make_app
from tests.tui.helpers import checked, until, wait_for_workers

pytestmark = pytest.mark.snapshot

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
#: The matter the workspace snapshots show (fixed data: tests/tui/factory.py).
MATTER = 3

Steps = Callable[[Pilot[Any]], Awaitable[None]]


async def settle(pilot: Pilot[Any]) -> None:
    """Every worker done, every throttled search run, no cursor blinking."""
    await wait_for_workers(pilot)
    await until(pilot, lambda: getattr(pilot.app.screen, "settled", True))
    await wait_for_workers(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def keys(*pressed: str) -> Steps:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run


def in_matter(*pressed: str) -> Steps:
    """Open the workspace of ``MATTER``, then press ``pressed`` one at a time."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.open_matter(MATTER)  # type: ignore[attr-defined]
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run


async def search(pilot: Pilot[Any]) -> None:
    # Typing starts only once "/" has put the cursor in the box (a key that came earlier would
    # be a shortcut: "n" opens the intake), and the picture waits for the throttled search.
    await settle(pilot)
    await pilot.press("slash")
    await until(pilot, lambda: isinstance(pilot.app.focused, Input))
    await pilot.press(*"nunez")
    await settle(pilot)


async def intake(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await until(pilot, lambda: isinstance(pilot.app.focused, Input))
    await pilot.press(*"Jose Nunez")
    await checked(pilot)
    await settle(pilot)


def modal(make: Callable[[], Any]) -> Steps:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.push_screen(make())
        await settle(pilot)

    return run


def _confirm() -> Any:
    from casekit.tui.screens.confirm import ConfirmModal

    return ConfirmModal("Discard the unsaved changes?", yes="Discard")


def _welcome() -> Any:
    from casekit.tui.screens.welcome import WelcomeModal

    return WelcomeModal()


def _conflict() -> Any:
    from casekit.tui.screens.conflict import ConflictModal

    return ConflictModal("Someone else saved this matter first.")


SCREENS: dict[str, Steps] = {
    "dashboard": keys(),
    "matters": keys("m"),
    "matters-search": search,
    "workspace-overview": in_matter(),
    "workspace-timeline": in_matter("2"),
    "workspace-parties": in_matter("3"),
    "workspace-evidence": in_matter("4"),
    "workspace-deadlines": in_matter("5"),
    "workspace-documents": in_matter("6"),
    "workspace-notes": in_matter("7"),
    "workspace-history": in_matter("8"),
    "intake": intake,
    "settings": keys("s"),
    "reports": keys("r"),
    "law-check": keys("L"),
    "review": keys("U"),
    "help": keys("question_mark"),
    "help-workspace": in_matter("question_mark"),
    "fees": in_matter("f"),
    "generate-dialog": in_matter("g"),
    "status-dialog": in_matter("t"),
    "note-dialog": in_matter("7", "i"),
    "custody-dialog": in_matter("2", "a"),
    "party-dialog": in_matter("3", "a"),
    "deadline-dialog": in_matter("5", "a"),
    "confirm-dialog": modal(_confirm),
    "conflict-dialog": modal(_conflict),
    # The workspace's other tabs and every edit dialog (issue 15: edit every record).
    "workspace-records": in_matter("9"),
    "client-dialog": in_matter("e"),
    "sensitive-dialog": in_matter("S"),
    "facts-dialog": in_matter("F"),
    "attorney-dialog": in_matter("A"),
    "claims-dialog": in_matter("l"),
    "incident-dialog": in_matter("2", "c"),
    "custody-edit-dialog": in_matter("2", "e"),
    "party-edit-dialog": in_matter("3", "e"),
    "evidence-add-dialog": in_matter("4", "a"),
    "records-add-dialog": in_matter("9", "a"),
    "process-dialog": in_matter("p"),
    "user-name-dialog": keys("ctrl+n"),
    "welcome-dialog": modal(_welcome),  # first run on an empty database
}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("size", SIZES)
def test_screen(snap_compare: Any, svc: AppContext, size: str, screen: str) -> None:
    assert snap_compare(make_app(svc), terminal_size=SIZES[size], run_before=SCREENS[screen])
