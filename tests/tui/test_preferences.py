"""Issue 15 item 7: the first run, the user's name, the remembered theme, the keymap, TUI advice."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select
from textual.worker import Worker, WorkerState

from casekit.config import load_settings
from casekit.errors import ConfigurationError, InvalidInput
from casekit.services.base import AppContext
from casekit.services.casefile.notes import add_note
from casekit.store.models import AuditEvent, Note
from casekit.tui.errors import for_tui
from casekit.tui.launch import make_app
from casekit.tui.preferences import check_keymap, valid_key
from casekit.tui.screens.dashboard import DashboardScreen
from casekit.tui.screens.matters import MattersScreen
from casekit.tui.screens.settings import SettingsScreen
from casekit.tui.screens.user_name import UserNameModal
from casekit.tui.screens.welcome import WelcomeModal
from casekit.userconfig import read_user_config, save_user_setting
from tests.tui.factory import settings_for
from tests.tui.helpers import Notices, until, wait_for_workers

SIZE = (100, 30)


def messages(notices: Notices) -> list[str]:
    return [str(n.message) for n in notices.shown]


async def settle(pilot: Any, notices: Notices) -> None:
    """The first-run and schema checks, which start after the first paint, have run."""

    def checked() -> bool:
        return any(
            isinstance(m, Worker.StateChanged)
            and m.worker.group == "app-startup"
            and m.state in (WorkerState.SUCCESS, WorkerState.ERROR)
            for m in notices.messages
        )

    await wait_for_workers(pilot)
    await until(pilot, checked)
    await wait_for_workers(pilot)


async def test_first_run_guides_to_the_name_the_firm_and_the_intake(tmp_path: Path) -> None:
    svc = AppContext(settings_for(tmp_path / "new"), today=date(2026, 11, 21))
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await settle(pilot, notices)
        assert isinstance(app.screen, WelcomeModal)
        await pilot.press("y")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, UserNameModal)
        await pilot.press(*"María López", "enter")
        await wait_for_workers(pilot)
        await pilot.pause()
        assert isinstance(app.screen, WelcomeModal)  # back to the next steps
        assert "Notes and the history are now signed María López." in messages(notices)
        await pilot.press("s")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, SettingsScreen)
    assert svc.actor == "María López"
    assert read_user_config(svc.settings.config_file).name == "María López"
    svc.dispose()


async def test_no_welcome_on_an_office_with_matters(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await settle(pilot, notices)
        assert isinstance(app.screen, DashboardScreen)


async def test_the_name_signs_notes_and_the_audit_log(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await settle(pilot, notices)
        await pilot.press("ctrl+n")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, UserNameModal)
        await pilot.press(*"Dana Okafor", "ctrl+s")
        await wait_for_workers(pilot)
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        note = add_note(svc, "TA-2026-0003", "Called the client back.")
    assert note.author == "Dana Okafor"
    with svc.transaction() as session:
        row = session.get(Note, note.id)
        assert row is not None and row.author == "Dana Okafor"
        event = session.exec(
            select(AuditEvent).where(AuditEvent.entity == "note", AuditEvent.entity_id == note.id)
        ).one()
        assert event.actor == "Dana Okafor"
    # The next start reads the name from config.toml (CASEKIT_USER unset).
    env = {"CASEKIT_HOME": str(svc.settings.home), "USER": "os-account"}
    assert load_settings(env).actor == "Dana Okafor"
    assert load_settings({**env, "CASEKIT_USER": "Front desk"}).actor == "Front desk"


async def test_an_empty_name_is_refused_in_the_dialog(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await settle(pilot, notices)
        await pilot.press("ctrl+n")
        await wait_for_workers(pilot)
        await pilot.press("backspace", "enter")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, UserNameModal)
        assert "type your name" in str(app.screen.query_one("#user-name-error").render())
    assert svc.actor == "tester"
    assert not svc.settings.config_file.exists()


async def test_the_theme_is_remembered_across_two_runs(svc: AppContext) -> None:
    first = make_app(svc)
    notices = Notices()
    async with first.run_test(size=SIZE, message_hook=notices) as pilot:
        await settle(pilot, notices)
        before = first.theme
        await pilot.press("ctrl+t")
        await wait_for_workers(pilot)
        chosen = first.theme
        assert chosen != before
    assert read_user_config(svc.settings.config_file).theme == chosen
    second = make_app(svc)
    notices = Notices()
    async with second.run_test(size=SIZE, message_hook=notices) as pilot:
        await settle(pilot, notices)
        assert second.theme == chosen


async def test_a_keymap_entry_rebinds_by_id(svc: AppContext) -> None:
    svc.settings.home.mkdir(parents=True, exist_ok=True)
    save_user_setting(svc.settings.config_file, "keymap", "go-matters", "M")
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await settle(pilot, notices)
        await pilot.press("m")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, DashboardScreen)  # "m" no longer goes there
        await pilot.press("M")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MattersScreen)
        assert not [m for m in messages(notices) if "config.toml" in m]


async def test_bad_keymap_entries_are_reported_and_the_app_starts(svc: AppContext) -> None:
    svc.settings.home.mkdir(parents=True, exist_ok=True)
    svc.settings.config_file.write_text(
        '[keymap]\ngo-matterz = "M"\nsearch-matters = "ctrl+bogus"\ngo-reports = 3\n'
        'go-matters = "M"\n',
        encoding="utf-8",
    )
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await settle(pilot, notices)
        said = messages(notices)
        assert any("go-matterz is not a binding id" in m for m in said), said
        assert any('"ctrl+bogus" is not a key' in m for m in said), said
        assert any("go-reports must be a key in quotes" in m for m in said), said
        assert all("\n" not in m for m in said)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("M")  # the good entry still applies
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MattersScreen)


async def test_a_broken_config_file_is_one_line_and_the_app_starts(svc: AppContext) -> None:
    svc.settings.home.mkdir(parents=True, exist_ok=True)
    svc.settings.config_file.write_text("[tui\ntheme = ", encoding="utf-8")
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await settle(pilot, notices)
        assert isinstance(app.screen, DashboardScreen)
        assert any(m.startswith("config.toml is not valid TOML") for m in messages(notices))


@pytest.mark.parametrize(
    ("key", "ok"),
    [
        ("q", True),
        ("?", True),
        ("ctrl+f", True),
        ("question_mark", True),
        ("f12", True),
        ("pageup", True),
        ("ctrl+bogus", False),
        ("hyperdrive+x", False),
        ("", False),
    ],
)
def test_valid_key(key: str, ok: bool) -> None:
    assert valid_key(key) is ok


def test_check_keymap_names_the_bad_entry() -> None:
    problems = check_keymap({"go-matters": "M", "nope": "x"}, {"go-matters"})
    assert problems == [
        "config.toml: [keymap] nope is not a binding id (the README lists them); ignored"
    ]


@pytest.mark.parametrize(
    ("cli", "tui"),
    [
        (
            "firm.name is not set: run casekit settings set firm.name VALUE",
            "firm.name is not set: open Settings (s) and fill it in",
        ),
        ("no deadline 4 (see casekit deadlines list)", "no deadline 4"),
        (
            "TA-1 is closed: it takes no new deadline (reopen it first: "
            "casekit matter update TA-1 --status active)",
            "TA-1 is closed: it takes no new deadline (reopen it first: "
            "press t (Status) on the matter)",
        ),
    ],
)
def test_errors_give_tui_advice(cli: str, tui: str) -> None:
    assert for_tui(cli) == tui
    assert "casekit " not in for_tui(cli)


async def test_a_configuration_error_in_the_tui_says_open_settings(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await settle(pilot, notices)
        app.report_error(
            ConfigurationError(
                "firm.juris_number is not set: run casekit settings set firm.juris_number NUMBER"
            )
        )
        app.report_error(InvalidInput("no time entry #3 (see casekit time list MATTER)"))
        await pilot.pause()
        said = messages(notices)
        assert "firm.juris_number is not set: open Settings (s) and fill it in" in said
        assert "no time entry #3" in said


def test_the_readme_names_real_binding_ids_and_every_app_wide_one() -> None:
    import re

    from casekit.tui.bindings import APP_ACTIONS, binding_ids

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("The app-wide binding ids") :]
    section = section[: section.index("\n\n")]
    named = set(re.findall(r"`([a-z][a-z0-9-]+)`", section)) - {"dialog"}
    known = binding_ids()
    assert {a.id for a in APP_ACTIONS} <= named
    assert named <= known, named - known
