"""Recompute at office scale, on SQLite and PostgreSQL: every open matter previewed and applied in
one transaction, exactly as previewed; or only the changes an attorney accepted."""

from __future__ import annotations

from typing import Any

import pytest

from casekit.errors import ConflictError

from .conftest import cli, cli_json
from .test_matters import open_matter


def closure_day(svc: Any, numbers: list[str]) -> str:
    """A day that is the safe target of an open deadline of every matter given."""
    from casekit.services.deadlines import list_deadlines

    days = [{d.safe_target for d in list_deadlines(svc, matter=n)} for n in numbers]
    shared = set.intersection(*days)
    return min(shared).isoformat()


def test_recompute_all_previews_then_applies_every_matter(services: Any) -> None:
    from casekit.services import deadlines
    from casekit.services.deadlines import lifecycle

    numbers = [open_matter(services, name=f"Client {i}") for i in range(3)]
    lifecycle.change_status(services, numbers[2], "closed")
    day = closure_day(services, numbers[:2])
    recorded = cli_json("calendar", "close", day, "--reason", "storm")
    assert set(recorded["recompute"]) == set(numbers[:2]) and recorded["applied"] is False
    out = cli("deadlines", "recompute", "--all")
    assert out.exit_code == 0 and "recompute --all --apply" in out.stdout
    preview = deadlines.recompute_all_preview(services)
    assert set(preview) == set(numbers[:2])  # the closed matter plans nothing
    # A change after the preview: the apply refuses, nothing written.
    deadlines.recompute_apply(services, numbers[0])
    with pytest.raises(ConflictError):
        deadlines.recompute_all_apply(services, preview)
    assert set(deadlines.recompute_all_preview(services)) == {numbers[1]}
    applied = cli_json("deadlines", "recompute", "--all", "--apply")
    assert applied["applied"] is True and set(applied["matters"]) == {numbers[1]}
    assert deadlines.recompute_all_preview(services) == {}
    assert cli("deadlines", "recompute").exit_code == 2  # a matter or --all


def test_calendar_close_apply_moves_them_in_one_command(services: Any) -> None:
    from casekit.services import deadlines

    numbers = [open_matter(services, name=f"Client {i}") for i in range(2)]
    day = closure_day(services, numbers)
    out = cli_json("calendar", "close", day, "--reason", "storm", "--apply")
    assert out["applied"] is True and set(out["recompute"]) == set(numbers)
    assert deadlines.recompute_all_preview(services) == {}
    for n in numbers:
        assert day not in {
            d.safe_target.isoformat() for d in deadlines.list_deadlines(services, matter=n)
        }


def test_apply_selected_applies_only_the_accepted_changes(services: Any) -> None:
    from casekit.services import deadlines
    from casekit.services.deadlines import Selected

    numbers = [open_matter(services, name=f"Client {i}") for i in range(2)]
    cli_json("calendar", "close", closure_day(services, numbers), "--reason", "storm")
    preview = deadlines.recompute_all_preview(services)
    first = preview[numbers[0]].changes[0]
    assert deadlines.apply_selected(services, [Selected(numbers[0], first)]) == 1
    after = deadlines.recompute_all_preview(services)
    # The rejected ones come back; the accepted one is gone.
    assert numbers[1] in after
    if numbers[0] in after:
        assert first.signature() not in after[numbers[0]].signature()
        assert len(after[numbers[0]].changes) == len(preview[numbers[0]].changes) - 1
    else:
        assert len(preview[numbers[0]].changes) == 1
    assert after[numbers[1]].signature() == preview[numbers[1]].signature()
    # An accepted change no longer as shown: everything refused.
    stale = [Selected(numbers[0], first), Selected(numbers[1], after[numbers[1]].changes[0])]
    with pytest.raises(ConflictError):
        deadlines.apply_selected(services, stale)
    assert deadlines.recompute_all_preview(services)[numbers[1]].signature() == (
        preview[numbers[1]].signature()
    )
