"""The Evidence tab (issue 15, item 5): add a file from the tab (path with completion), view it
with the system's application (stubbed), its custody log, verify, the element checklist."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from textual.suggester import SuggestionReady
from textual.widgets import DataTable, Input, Select, Static

from casekit.services.base import AppContext
from casekit.store.models import Evidence, EvidenceCustody
from casekit.tui import opener
from casekit.tui.launch import make_app
from casekit.tui.screens.evidence_add import EvidenceModal, complete_path
from tests.tui.helpers import Notices, cells, until, wait_for_workers
from tests.tui.test_matter_edits import new_matter
from tests.tui.test_workspace import SIZE, open_matter


def test_complete_path(tmp_path: Path) -> None:
    (tmp_path / "detainer-fax.pdf").write_bytes(b"x")
    (tmp_path / "depositions").mkdir()
    (tmp_path / ".hidden").write_bytes(b"x")
    base = f"{tmp_path}/"
    assert complete_path(base + "det") == base + "detainer-fax.pdf"
    assert complete_path(base + "dep") == base + "depositions/"
    assert complete_path(base + "zzz") is None
    assert complete_path(base + ".h") == base + ".hidden"
    assert complete_path("") is None


def _opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    monkeypatch.setattr(opener, "open_file", calls.append)
    return calls


def _messages(notices: Notices) -> list[str]:
    return [str(n.message) for n in notices.shown]


async def test_add_view_log_and_verify_evidence(
    svc: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _opened(monkeypatch)
    source = tmp_path / "i247a-fax.pdf"
    source.write_bytes(b"%PDF-1.4 detainer request faxed 02:14")
    matter_id = new_matter(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        await pilot.press("4")
        await wait_for_workers(pilot)
        info = str(screen.query_one("#evidence-info", Static).render())
        assert "[ ]" in info and "Elements" in info  # V1 recorded, nothing proves it yet
        await pilot.press("a")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, EvidenceModal)
        modal.query_one("#evidence-path", Input).focus()
        typed = str(tmp_path / "i247")
        await pilot.press(*typed)
        await until(  # the completion, worked out in the background, has arrived
            pilot,
            lambda: any(
                isinstance(m, SuggestionReady) and m.value == typed for m in notices.messages
            ),
        )
        await pilot.press("right")  # accept the completion
        assert modal.query_one("#evidence-path", Input).value == str(source)
        modal.query_one("#evidence-kind", Select).value = "detainer"
        modal.query_one("#evidence-proves", Input).value = "V1"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert app.screen is screen
        assert any(m.startswith("Evidence #") and "added" in m for m in _messages(notices))
        rows = cells(screen.query_one("#matter-evidence", DataTable))
        assert [r[0] for r in rows] == ["detainer"] and rows[0][3] == "ok"
        assert "[x]" in str(screen.query_one("#evidence-info", Static).render())
        with svc.engine.connect() as conn:
            (item,) = conn.execute(select(Evidence).where(Evidence.matter_id == matter_id)).all()
        assert item.kind == "detainer" and item.proves == ["V1_DETAIN_ON_DETAINER"]

        await pilot.press("v")
        await wait_for_workers(pilot)
        assert len(opened) == 1 and opened[0].read_bytes() == source.read_bytes()
        await pilot.press("y")
        await wait_for_workers(pilot)
        assert "Verified 1 item(s): all intact" in _messages(notices)
        await pilot.press("l")
        await wait_for_workers(pilot)
        log = str(screen.query_one("#evidence-info", Static).render())
        assert "Chain of custody of #" in log
        for action in ("received", "viewed", "verified"):
            assert action in log
        with svc.engine.connect() as conn:
            actions = [
                r.action
                for r in conn.execute(
                    select(EvidenceCustody).where(EvidenceCustody.evidence_id == item.id)
                )
            ]
        assert actions[-2:] == ["viewed", "verified"]

        # A changed copy is found.
        stored = svc.settings.evidence_dir / item.stored_path
        stored.chmod(0o600)
        stored.write_bytes(b"changed")
        await pilot.press("y")
        await wait_for_workers(pilot)
        assert f"Verified 1 item(s): #{item.id} modified" in _messages(notices)
        assert cells(screen.query_one("#matter-evidence", DataTable))[0][3] == "modified"


async def test_a_missing_file_says_so_and_nothing_is_added(
    svc: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _opened(monkeypatch)
    matter_id = new_matter(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await open_matter(pilot, matter_id)
        await pilot.press("4", "a")
        await pilot.pause()
        modal = app.screen
        modal.query_one("#evidence-path", Input).value = str(tmp_path / "nope.pdf")
        modal.query_one("#evidence-kind", Select).value = "video"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert _messages(notices)  # the service's one-line error
        with svc.engine.connect() as conn:
            assert conn.execute(select(Evidence).where(Evidence.matter_id == matter_id)).all() == []
