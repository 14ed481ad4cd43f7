"""The intake form: live conflict check and screening, validation, save, discard prompt."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Label, Static

from casekit.services.base import AppContext
from casekit.tui.launch import make_app
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.dashboard import DashboardScreen
from casekit.tui.screens.intake import IntakeScreen
from casekit.tui.screens.matter import MatterScreen
from tests.tui.helpers import Notices, checked, wait_for_workers

SIZE = (100, 30)


def text_of(screen: object, selector: str) -> str:
    widget = screen.query_one(selector, Static)  # type: ignore[attr-defined]
    return str(widget.render())


async def type_into(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.press(*text)


async def test_intake_conflicts_screening_and_save(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        await pilot.press(*"Maria Perez")
        await checked(pilot)
        await wait_for_workers(pilot)
        conflicts = text_of(screen, "#intake-conflicts")
        assert "possible conflict" in conflicts
        assert "María Pérez" in conflicts and "client" in conflicts

        # Saving an incomplete form saves nothing and says why, beside the fields.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IntakeScreen)
        assert "YYYY-MM-DD" in str(screen.query_one("#intake-date-error", Label).render())

        await type_into(pilot, "#intake-date", "2026-11-01")
        await type_into(pilot, "#intake-agency", "Hartford Police Department")
        assert screen.query_one("#intake-town", Input).value == "Hartford"
        box = screen.query_one("#intake-V1", Checkbox)
        box.focus()
        await pilot.press("space")
        await checked(pilot)
        screening = text_of(screen, "#intake-screening")
        assert "ELIGIBLE" in screening
        assert "§ 54-192h" in screening  # every reason carries its citation
        assert "verify" in screening  # a secondary rule is marked

        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MatterScreen)
        assert app.screen.detail is not None
        assert app.screen.detail.number.startswith("TA-2026-")
        assert app.screen.detail.client == "Maria Perez"


async def test_escape_with_unsaved_changes_asks_first(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        await pilot.press(*"Ana")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#intake-name", Input).value == "Ana"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_escape_on_an_untouched_form_just_leaves(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        await wait_for_workers(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_intake_saves_the_exception_facts_on_the_incident(svc: AppContext) -> None:
    from casekit.services.clients import list_clients

    clients_before = len(list_clients(svc))
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        await pilot.press(*"Olga Rossi")
        await type_into(pilot, "#intake-date", "2026-11-01")
        await type_into(pilot, "#intake-agency", "Hartford Police Department")
        for box in ("#intake-V1", "#intake-judicial-warrant"):
            screen.query_one(box, Checkbox).focus()
            await pilot.press("space")
        await type_into(pilot, "#intake-convictions", "53a-101, 21a-279")
        await checked(pilot)
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)

        matter = app.screen
        assert isinstance(matter, MatterScreen) and matter.detail is not None
        (incident,) = matter.detail.incidents
        assert incident.judicial_warrant is True
        assert incident.convictions == ("53a-101", "21a-279")
        assert not any(n.severity == "warning" for n in notices.shown)  # nothing "not stored"
    assert len(list_clients(svc)) == clients_before + 1


async def test_a_refused_intake_keeps_the_form_and_saves_no_client(svc: AppContext) -> None:
    from casekit.services.clients import list_clients

    clients_before = len(list_clients(svc))
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        await pilot.press(*"Olga Rossi")
        await type_into(pilot, "#intake-date", "2026-11-01")
        await type_into(pilot, "#intake-agency", "Hartford Police Department")
        await type_into(pilot, "#intake-convictions", "53a-101")
        screen.query_one("#intake-phone-safe").value = True  # type: ignore[attr-defined]
        await checked(pilot)
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert app.screen is screen  # still on the form, nothing lost
        # The services' own check (validate_intake) refuses it on the form, under the field.
        assert [n.severity for n in notices.shown] == ["warning"]
        phone = str(screen.query_one("#intake-phone-error", Label).render())
        assert phone == "Marked safe to contact by phone, but no phone number is given."
        await pilot.press("ctrl+s")  # a second try is allowed (and refused the same way)
        await wait_for_workers(pilot)
        assert app.screen is screen
    assert len(list_clients(svc)) == clients_before


async def test_the_form_checks_each_field_live_with_the_services_words(svc: AppContext) -> None:
    """validate_intake runs as the paralegal types: the field is highlighted and the services'
    message shown under it (without the typed text); correcting it clears both."""
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        await type_into(pilot, "#intake-email", "ana@")
        await pilot.pause()
        email = screen.query_one("#intake-email", Input)
        line = str(screen.query_one("#intake-email-error", Label).render())
        assert email.has_class("-invalid")
        assert line == "E-mail is not a valid e-mail address."
        await pilot.press(*"example.org")
        await pilot.pause()
        assert not email.has_class("-invalid")
        assert str(screen.query_one("#intake-email-error", Label).render()) == ""

        await type_into(pilot, "#intake-time", "7pm")
        await pilot.pause()
        assert screen.query_one("#intake-time", Input).has_class("-invalid")
        message = str(screen.query_one("#intake-time-error", Label).render())
        assert message == "Incident time is not HH:MM (24-hour clock)." and "7pm" not in message
