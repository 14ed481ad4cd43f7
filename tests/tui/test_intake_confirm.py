"""Intake asks about an unlikely custody time (a past event after now, one before the incident)
as the record edits do, instead of refusing it: "Save it anyway?" then saves it confirmed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from textual.widgets import Checkbox, Input, Label

from casekit.services import clients
from casekit.services.base import AppContext
from casekit.tui.launch import make_app
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.intake import IntakeScreen
from casekit.tui.screens.matter import MatterScreen
from tests.tui.helpers import Notices, checked, wait_for_workers

SIZE = (100, 30)


async def type_into(pilot: Any, selector: str, value: str) -> None:
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.press(*value)


def messages(notices: Notices) -> list[str]:
    return [n.message for n in notices.shown]


async def test_an_unlikely_custody_time_is_asked_about_then_saved(svc: AppContext) -> None:
    before = len(clients.list_clients(svc))
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        await pilot.press(*"Omar Haddad")
        await type_into(pilot, "#intake-date", "2026-11-01")
        await type_into(pilot, "#intake-agency", "Hartford Police Department")
        screen.query_one("#intake-V1", Checkbox).focus()
        await pilot.press("space")
        # Release to ICE after today (pinned 2026-11-21), an arrest before the incident.
        await type_into(pilot, "#intake-custody-release_to_ice", "2026-11-25 09:00")
        await type_into(pilot, "#intake-custody-arrest", "2026-10-31 23:00")
        await checked(pilot)
        await wait_for_workers(pilot)
        # Not an error under the fields: the form is valid and asks on saving.
        error = screen.query_one("#intake-custody-release_to_ice-error", Label)
        assert str(error.render()) == ""

        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, ConfirmModal)
        question = app.screen.question
        assert question.startswith("Check the custody times: ")
        assert "the release to ice is in the future (after now)" in question
        assert "the arrest is before the incident (2026-11-01)" in question
        assert question.endswith("Save it anyway?") and "--yes" not in question
        await pilot.click("#confirm-no")  # Cancel: nothing written, the form stays
        await wait_for_workers(pilot)
        assert app.screen is screen
        assert any(m.startswith("Nothing saved") for m in messages(notices))
        assert len(clients.list_clients(svc)) == before

        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-yes")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MatterScreen), messages(notices)
        detail = app.screen.detail
        assert detail is not None and detail.client == "Omar Haddad"
    assert len(clients.list_clients(svc)) == before + 1
    with svc.engine.connect() as conn:
        kinds = conn.execute(
            text(
                "SELECT e.kind FROM custodyevent e JOIN matter m ON m.id = e.matter_id "
                "WHERE m.number = :n ORDER BY e.at"
            ),
            {"n": detail.number},
        ).scalars()
        assert list(kinds) == ["arrest", "release_to_ice"]
