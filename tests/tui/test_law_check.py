"""The law check screen: matters whose results a firm override would change, accepted in the TUI."""

from __future__ import annotations

from casekit.services import clients, matters
from casekit.services.base import AppContext
from casekit.services.casefile.stored_screenings import current_screenings
from casekit.services.law.rules import law_pack
from casekit.tui.launch import make_app
from casekit.tui.screens.law_check import LawCheckScreen
from tests.tui.helpers import cells, wait_for_workers
from tests.tui.test_workspace import SIZE


def state_matter(svc: AppContext) -> str:
    client = clients.add_client(svc, name="Ana Lopes")
    return matters.add_matter(
        svc,
        client=client.id,
        incident_date="2026-01-10",
        town="Danbury",
        agency="Connecticut State Police Troop A",
        violations=["V1"],
    ).number


async def test_an_override_shows_the_matters_it_changes_and_accepting_stores_them(
    svc: AppContext,
) -> None:
    number = state_matter(svc)
    (before,) = current_screenings(svc, number)
    assert before.decision == "verify"  # whether the State answers is unknown
    (svc.settings.home / "law.local.toml").write_text(
        '[defendants.state]\nsuable = "yes"\nsuable_confidence = "secondary"\n',
        encoding="utf-8",
    )
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("L")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, LawCheckScreen)
        rows = {r[0]: r for r in cells(screen.query_one("#law-check-table"))}
        assert rows[number][1:3] == [before.law_version, "verify → eligible"]
        table = screen.query_one("#law-check-table")
        table.move_cursor(row=list(rows).index(number))
        assert current_screenings(svc, number)[0].decision == "verify"  # nothing moved yet
        await pilot.press("a")
        await wait_for_workers(pilot)
    (after,) = current_screenings(svc, number)
    assert after.decision == "eligible"
    assert after.law_version == law_pack(svc).version.label
