"""Intake that knows the office (issue 15 item 2): use the client the conflict check found, clear
a witness hit with a note (and be refused without one), towns by "did you mean", agencies by any
part of their name. Asserts on what the screen says and on the database."""

from __future__ import annotations

from typing import Any

from textual.widgets import Checkbox, Input, Label, OptionList

from casekit.services import casefile as parties
from casekit.services import clients, matters
from casekit.services.base import AppContext
from casekit.services.clients import conflict_log as conflicts
from casekit.tui.launch import make_app
from casekit.tui.screens.intake import IntakeScreen
from casekit.tui.screens.matter import MatterScreen
from tests.tui.helpers import Notices, checked, wait_for_workers

SIZE = (100, 30)


async def type_into(pilot: Any, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.press(*text)


def label(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Label).render())


async def incident(pilot: Any, screen: IntakeScreen) -> None:
    await type_into(pilot, "#intake-date", "2026-11-01")
    await type_into(pilot, "#intake-agency", "Hartford Police Department")
    screen.query_one("#intake-V1", Checkbox).focus()
    await pilot.press("space")
    await checked(pilot)


def messages(notices: Notices) -> list[tuple[str, str]]:
    return [(n.message, n.severity) for n in notices.shown]


async def test_intake_for_an_existing_client_adds_no_client(svc: AppContext) -> None:
    before = clients.list_clients(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await wait_for_workers(pilot)
        # Typed straight after "n", with no pause: every key lands in the name field.
        await pilot.press("n", *"María Pérez")
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        assert screen.query_one("#intake-name", Input).value == "María Pérez"
        await checked(pilot)
        await wait_for_workers(pilot)
        same = screen.query_one("#intake-same-client", OptionList)
        assert same.display and same.option_count >= 1
        chosen = int(same.get_option_at_index(0).id or 0)
        assert "Use this client: María Pérez" in str(same.get_option_at_index(0).prompt)
        same.focus()
        same.highlighted = 0
        await pilot.press("enter")
        await wait_for_workers(pilot)
        assert screen.existing is not None and screen.existing.id == chosen
        assert "Existing client" in label(screen, "#intake-existing")
        assert ("Using the existing client: no new client will be created.", "information") in (
            messages(notices)
        )
        phone = screen.query_one("#intake-phone", Input)
        phone.value = ""
        await type_into(pilot, "#intake-phone", "860-555-0147")
        await incident(pilot, screen)
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MatterScreen), messages(notices)
        detail = app.screen.detail
        assert detail is not None and detail.client_id == chosen
        assert any("opened for the existing client" in m for m, _ in messages(notices))
    after = clients.list_clients(svc)
    assert len(after) == len(before)  # one client row: the existing one
    shown = clients.show_client(svc, str(chosen))
    assert shown.phone == "860-555-0147" and detail.number in shown.matters
    (logged,) = conflicts.conflict_log(svc, detail.number)
    assert logged.name == "María Pérez"
    assert all(h.client_id != chosen for h in logged.hits)
    assert logged.decision in (conflicts.EXISTING_CLIENT, conflicts.CONFIRMED)


async def test_a_witness_hit_must_be_cleared_and_is_recorded(svc: AppContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    number = matters.list_matters(svc, limit=1)[0].number
    parties.add_party(svc, number, role="witness", name="Tomasz Wójcik")
    before = len(clients.list_clients(svc))
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        await pilot.press(*"Tomasz Wojcik")
        await checked(pilot)
        await wait_for_workers(pilot)
        panel = str(screen.query_one("#intake-conflicts").render())
        assert "Tomasz Wójcik" in panel and "witness" in panel and "needs clearing" in panel
        clearance = screen.query_one("#intake-clearance", Input)
        assert clearance.display
        await incident(pilot, screen)

        await pilot.press("ctrl+s")  # no note: refused, nothing saved, the note field focused
        await wait_for_workers(pilot)
        assert app.screen is screen
        assert any("clearance note" in m and s == "warning" for m, s in messages(notices))
        assert "say why they are not conflicts" in label(screen, "#intake-clearance-error")
        assert app.focused is clearance
        assert len(clients.list_clients(svc)) == before

        await pilot.press(*"Witness is the neighbour, not the caller")
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MatterScreen), messages(notices)
        opened = app.screen.detail
        assert opened is not None
        assert any("conflict clearance recorded" in m for m, _ in messages(notices))
    assert len(clients.list_clients(svc)) == before + 1
    (logged,) = conflicts.conflict_log(svc, opened.number)
    assert logged.decision == conflicts.CLEARED and logged.cleared_by == "tester"
    assert logged.note == "Witness is the neighbour, not the caller"
    assert ("Tomasz Wójcik", "party:witness", number) in [
        (h.name, h.where, h.matter) for h in logged.hits
    ]

    # ... and `casekit conflicts --log` shows it.
    from typer.testing import CliRunner

    from casekit.cli import app as cli

    monkeypatch.setenv("CASEKIT_HOME", str(svc.settings.home))
    monkeypatch.setenv("CASEKIT_DATABASE_URL", svc.settings.database_url)
    shown = CliRunner().invoke(cli, ["conflicts", "--log", opened.number])
    assert shown.exit_code == 0, shown.stderr
    assert "cleared by tester: Witness is the neighbour, not the caller" in shown.stdout
    assert "party:witness" in shown.stdout and "Tomasz Wójcik" in shown.stdout


async def test_towns_did_you_mean_and_agencies_by_part_of_the_name(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=(80, 24), message_hook=notices) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        await type_into(pilot, "#intake-town", "Danbery")
        await pilot.pause()
        assert 'Did you mean "Danbury"' in label(screen, "#intake-town-error")
        await pilot.press("enter")
        assert screen.query_one("#intake-town", Input).value == "Danbury"

        await type_into(pilot, "#intake-agency", "Troop")
        await pilot.pause()
        matches = screen.query_one("#intake-agency-matches", OptionList)
        assert matches.display
        assert str(matches.get_option_at_index(0).prompt) == "Connecticut State Police Troop A"
        assert "agencies contain that" in label(screen, "#intake-agency-error")
        matches.focus()
        matches.highlighted = 2
        await pilot.press("enter")
        await pilot.pause()
        agency = screen.query_one("#intake-agency", Input)
        assert agency.value == "Connecticut State Police Troop C"
        assert not matches.display
        assert "state police" in label(screen, "#intake-agency-error")
