"""Per-matter deadlines on SQLite and PostgreSQL: planning, recompute, closures, status, locking."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from casekit.errors import ConflictError, InvalidInput, NotFound

from .conftest import cli, cli_json

MUNICIPAL = ("Ansonia", "Ansonia Police Department")
STATE = ("Southbury", "Connecticut State Police Troop A")
INCIDENT = date(2025, 11, 3)


def open_matter(
    svc: Any,
    where: tuple[str, str] = MUNICIPAL,
    *,
    day: date = INCIDENT,
    name: str = "Ana Example",
    claims: tuple[str, ...] = (),
) -> str:
    from casekit.services.clients import add_client
    from casekit.services.matters import add_matter

    client = add_client(svc, name=name)
    matter = add_matter(
        svc,
        client=str(client.id),
        incident_date=day,
        town=where[0],
        agency=where[1],
        violations=["V1"],
        claims=claims,
    )
    return matter.number


def by_rule(svc: Any, number: str, status: str = "open") -> dict[str, Any]:
    from casekit.services.deadlines import list_deadlines

    return {d.rule_id: d for d in list_deadlines(svc, matter=number, status=status)}


def set_incident_date(svc: Any, number: str, day: date) -> None:
    from sqlalchemy import select

    from casekit.store.models import Incident, Matter

    with svc.transaction() as session:
        matter = session.scalars(select(Matter).where(Matter.number == number)).one()
        incident = session.scalars(select(Incident).where(Incident.matter_id == matter.id)).one()
        incident.occurred_on = day


# --- planning ----------------------------------------------------------------------------------


def test_a_municipal_matter_gets_the_municipal_rules(services):
    number = open_matter(services)
    rows = by_rule(services, number)
    assert set(rows) == {
        "CT_TORT_SOL",
        "FED_1983_SOL",
        "CT_7465_NOTICE",
        "CT_7465_SUIT",
        "CT_52571K_SOL",
        "TRUST_ACT_SOL",
    }
    notice = rows["CT_7465_NOTICE"]
    assert (notice.due, notice.safe_target) == (date(2026, 5, 3), date(2026, 5, 1))
    assert notice.citation == "§ 7-465(a)" and notice.confidence == "confirmed"
    assert notice.matter == number and notice.client == "Ana Example"
    trust = rows["TRUST_ACT_SOL"]
    assert trust.confidence == "unknown" and trust.verify is True
    assert any(step.startswith("Verify") for step in trust.trail)
    tort = rows["CT_TORT_SOL"]
    assert tort.due == date(2028, 11, 3) and tort.kind == "limitation"
    assert any("§ 52-593a" in step for step in tort.trail), "the marshal option is in the trail"
    assert not any("§ 52-593a" in step for step in notice.trail)
    assert all(d.status == "open" and d.version >= 1 for d in rows.values())


def test_a_state_matter_gets_the_state_rules_and_4160_once_authorized(services):
    from casekit.services.deadlines import recompute_apply, set_trigger_dates

    number = open_matter(services, STATE)
    rows = by_rule(services, number)
    assert {"CT_TORT_SOL", "FED_1983_SOL", "CT_CLAIMS_COMMISSIONER", "TRUST_ACT_SOL"} <= set(rows)
    assert not {"CT_7465_NOTICE", "CT_7465_SUIT", "CT_4160_SUIT"} & set(rows)
    assert rows["CT_CLAIMS_COMMISSIONER"].due == date(2026, 11, 3)

    diff = set_trigger_dates(services, number, authorization_on=date(2026, 5, 31))
    assert [c.rule_id for c in diff.added] == ["CT_4160_SUIT"]
    assert not diff.moved and not diff.removed
    assert "CT_4160_SUIT" not in by_rule(services, number), "nothing moves until accepted"
    recompute_apply(services, number, diff)
    suit = by_rule(services, number)["CT_4160_SUIT"]
    assert (suit.due, suit.safe_target) == (date(2027, 5, 31), date(2027, 5, 28))


def test_a_matter_before_the_2025_act_has_no_trust_act_deadline(services):
    number = open_matter(services, day=date(2025, 9, 30))
    assert "TRUST_ACT_SOL" not in by_rule(services, number)


def test_refresh_adds_only_what_is_missing(services):
    from casekit.services.deadlines import refresh_matter_deadlines

    number = open_matter(services)
    before = by_rule(services, number)
    with services.transaction() as session:
        from sqlalchemy import select

        from casekit.store.models import Matter

        matter_id = session.scalars(select(Matter.id).where(Matter.number == number)).one()
        assert refresh_matter_deadlines(session, matter_id, services) == 0
    assert by_rule(services, number).keys() == before.keys()


def test_refresh_all_fills_every_matter_without_deadlines(services):
    from sqlalchemy import delete, func, select

    from casekit.services.deadlines import refresh_all
    from casekit.store.models import Deadline

    numbers = [open_matter(services, name=f"Client {i}") for i in range(3)]
    numbers.append(open_matter(services, STATE, name="Client S"))
    with services.engine.connect() as conn:
        expected = conn.execute(select(func.count()).select_from(Deadline)).scalar()
    with services.transaction() as session:
        session.execute(delete(Deadline))
    assert refresh_all(services) == expected
    assert refresh_all(services) == 0, "matters that have deadlines are left alone"
    for number in numbers:
        assert "CT_TORT_SOL" in by_rule(services, number)
    assert "CT_CLAIMS_COMMISSIONER" in by_rule(services, numbers[-1])


# --- recompute ---------------------------------------------------------------------------------


def test_changing_the_incident_date_previews_moves_and_apply_moves_them(services):
    from casekit.services.deadlines import recompute_apply, recompute_preview

    number = open_matter(services)
    assert not recompute_preview(services, number).has_changes
    set_incident_date(services, number, date(2025, 11, 10))
    diff = recompute_preview(services, number)
    moved = {c.rule_id: c for c in diff.moved}
    assert "CT_7465_NOTICE" in moved and "CT_TORT_SOL" in moved
    notice = moved["CT_7465_NOTICE"]
    assert (notice.old_due, notice.new_due) == (date(2026, 5, 3), date(2026, 5, 10))
    assert (notice.old_safe_target, notice.new_safe_target) == (date(2026, 5, 1), date(2026, 5, 8))
    assert "2025-11-03 -> 2025-11-10" in notice.reason
    assert not diff.added and not diff.removed
    assert by_rule(services, number)["CT_7465_NOTICE"].due == date(2026, 5, 3), "preview only"

    applied = recompute_apply(services, number, diff)
    assert applied.signature() == diff.signature()
    row = by_rule(services, number)["CT_7465_NOTICE"]
    assert (row.due, row.safe_target) == (date(2026, 5, 10), date(2026, 5, 8))
    assert row.trigger_date == date(2025, 11, 10)
    assert any("Recomputed on" in step and "was due 2026-05-03" in step for step in row.trail)
    assert not recompute_preview(services, number).has_changes


def test_done_waived_and_manual_deadlines_never_move(services):
    from casekit.services.deadlines import (
        add_manual,
        recompute_apply,
        recompute_preview,
        set_status,
    )

    number = open_matter(services)
    rows = by_rule(services, number)
    tort, suit = rows["CT_TORT_SOL"], rows["CT_7465_SUIT"]
    set_status(services, tort.id, "done", "complaint served", version=tort.version)
    set_status(services, suit.id, "waived", "no § 7-465 count", version=suit.version)
    manual = add_manual(
        services,
        number,
        "Court-ordered status report",
        date(2026, 7, 4),
        citation="Order of 2026-05-01",
        note="per scheduling order",
    )
    assert manual.manual and manual.safe_target == date(2026, 7, 2)
    assert manual.verify and any("scheduling order" in step for step in manual.trail)

    set_incident_date(services, number, date(2025, 11, 10))
    diff = recompute_preview(services, number)
    touched = {c.rule_id for c in diff.changes}
    assert "CT_TORT_SOL" not in touched and "CT_7465_SUIT" not in touched
    assert "MANUAL" not in touched
    assert "CT_7465_NOTICE" in {c.rule_id for c in diff.moved}
    recompute_apply(services, number)
    done = by_rule(services, number, "done")["CT_TORT_SOL"]
    assert done.due == date(2028, 11, 3) and done.status_reason == "complaint served"
    assert by_rule(services, number, "waived")["CT_7465_SUIT"].due == date(2027, 11, 3)
    assert by_rule(services, number)["MANUAL"].due == date(2026, 7, 4)


def test_a_removed_claim_supersedes_its_deadlines(services):
    from sqlalchemy import select

    from casekit.services.deadlines import recompute_apply, recompute_preview
    from casekit.store.models import Matter

    number = open_matter(services)
    with services.transaction() as session:
        matter = session.scalars(select(Matter).where(Matter.number == number)).one()
        matter.claims = [c for c in matter.claims if c != "trust_act"]
    diff = recompute_preview(services, number)
    assert [c.rule_id for c in diff.removed] == ["TRUST_ACT_SOL"]
    recompute_apply(services, number, diff)
    assert "TRUST_ACT_SOL" not in by_rule(services, number)
    assert "TRUST_ACT_SOL" in by_rule(services, number, "superseded")


def test_apply_refuses_a_preview_that_no_longer_matches(services):
    from casekit.services.deadlines import recompute_apply, recompute_preview

    number = open_matter(services)
    set_incident_date(services, number, date(2025, 11, 10))
    stale = recompute_preview(services, number)
    set_incident_date(services, number, date(2025, 11, 17))
    with pytest.raises(ConflictError, match="preview"):
        recompute_apply(services, number, stale)
    assert by_rule(services, number)["CT_TORT_SOL"].due == date(2028, 11, 3), "nothing applied"


def test_a_court_closure_moves_the_safe_target_never_the_legal_last_day(services):
    from casekit.services.deadlines import recompute_apply
    from casekit.services.deadlines.closures import add_closure
    from casekit.services.deadlines.court_calendar import calendar_day

    number = open_matter(services)
    other = open_matter(services, day=date(2025, 12, 1), name="Bea Other")
    # CT_TORT_SOL: due 2028-11-03 (a Friday), roll none.
    diffs = add_closure(services, date(2028, 11, 3), "ice storm: Chief Court Administrator order")
    assert set(diffs) == {number}, "only the matter whose deadline it touches"
    assert other not in diffs
    moved = {c.rule_id: c for c in diffs[number].moved}
    # § 52-577, the Trust Act by analogy and § 1983 (no release recorded: accrual on the
    # incident date) all end that day.
    assert set(moved) == {"CT_TORT_SOL", "FED_1983_SOL", "TRUST_ACT_SOL"}
    assert not diffs[number].added and not diffs[number].removed
    for change in moved.values():
        assert change.old_due == change.new_due == date(2028, 11, 3), "roll none: never moves"
        assert (change.old_safe_target, change.new_safe_target) == (
            date(2028, 11, 3),
            date(2028, 11, 2),
        )
        assert "ice storm" in change.reason
    assert by_rule(services, number)["CT_TORT_SOL"].safe_target == date(2028, 11, 3)

    day = calendar_day(services, date(2028, 11, 3))
    assert day["open"] is False and "ice storm" in day["reason"]
    recompute_apply(services, number, diffs[number])
    tort = by_rule(services, number)["CT_TORT_SOL"]
    assert (tort.due, tort.safe_target) == (date(2028, 11, 3), date(2028, 11, 2))
    assert any("ice storm" in step for step in tort.trail)
    with pytest.raises(InvalidInput, match="already recorded"):
        add_closure(services, date(2028, 11, 3), "again")
    with pytest.raises(InvalidInput, match="reason"):
        add_closure(services, date(2028, 11, 6), "  ")


# --- status and locking ------------------------------------------------------------------------


def test_set_status_uses_the_row_version(services):
    from casekit.services.deadlines import set_status

    number = open_matter(services)
    tort = by_rule(services, number)["CT_TORT_SOL"]
    with pytest.raises(InvalidInput, match="reason"):
        set_status(services, tort.id, "done", "  ", version=tort.version)
    with pytest.raises(InvalidInput, match="unknown status"):
        set_status(services, tort.id, "superseded", "x", version=tort.version)
    saved = set_status(services, tort.id, "done", "served", version=tort.version)
    assert saved.status == "done" and saved.version == tort.version + 1
    with pytest.raises(ConflictError):
        set_status(services, tort.id, "open", "oops", version=tort.version)  # stale
    reopened = set_status(
        services, tort.id, "open", "served on the wrong party", version=saved.version
    )
    assert reopened.status == "open"
    with pytest.raises(NotFound):
        set_status(services, 987654, "done", "x", version=1)


def test_list_filters(services):
    from casekit.services.deadlines import list_deadlines

    open_matter(services)
    open_matter(services, STATE, name="Bo State")
    rows = list_deadlines(services)
    assert rows == sorted(rows, key=lambda r: (r.safe_target, r.due, r.matter))
    today = services.today()
    near = list_deadlines(services, within=200)
    assert near and all(r.safe_target <= today + timedelta(days=200) for r in near)
    assert all(r.days_left == (r.safe_target - today).days for r in rows)
    police = next(r for r in rows if r.rule_id == "CT_52571K_SOL")  # 2026-11-03: 155 days left
    assert police.tier == 180 and police.next_reminder == date(2026, 8, 5)  # 90 days before
    expired = next(r for r in rows if r.rule_id == "CT_7465_NOTICE")  # 2026-05-01: passed
    assert expired.days_left < 0 and expired.tier is None and expired.next_reminder is None
    with pytest.raises(NotFound):
        list_deadlines(services, matter="TA-1999-9999")
    with pytest.raises(InvalidInput):
        list_deadlines(services, status="finished")


# --- the same through the CLI ------------------------------------------------------------------


def test_cli_list_recompute_done_waive_add(services):
    number = open_matter(services)
    rows = cli_json("deadlines", "list", "--matter", number)
    assert {r["rule_id"] for r in rows} >= {"CT_TORT_SOL", "CT_7465_NOTICE"}
    assert all(r["matter"] == number for r in rows)
    within = cli_json("deadlines", "list", "--within", "200")
    assert within and all(r["days_left"] <= 200 for r in within)

    set_incident_date(services, number, date(2025, 11, 10))
    preview = cli_json("deadlines", "recompute", number)
    assert preview["applied"] is False and preview["moved"]
    text = cli("deadlines", "recompute", number)
    assert text.exit_code == 0 and f"casekit deadlines recompute {number} --apply" in text.stdout
    applied = cli_json("deadlines", "recompute", number, "--apply")
    assert applied["applied"] is True
    assert cli_json("deadlines", "recompute", number)["moved"] == []

    tort = next(
        r
        for r in cli_json("deadlines", "list", "--matter", number)
        if r["rule_id"] == "CT_TORT_SOL"
    )
    done = cli("deadlines", "done", str(tort["id"]), "--reason", "served")
    assert done.exit_code == 0 and "done" in done.stdout
    suit = next(
        r
        for r in cli_json("deadlines", "list", "--matter", number)
        if r["rule_id"] == "CT_7465_SUIT"
    )
    assert cli("deadlines", "waive", str(suit["id"]), "--reason", "no count").exit_code == 0
    missing_reason = cli("deadlines", "waive", str(suit["id"]))
    assert missing_reason.exit_code == 2
    added = cli_json(
        "deadlines",
        "add",
        number,
        "--title",
        "Status report",
        "--due",
        "2026-09-01",
        "--citation",
        "Order",
    )
    assert added["manual"] is True and added["due"] == "2026-09-01"
    bad = cli("deadlines", "add", number, "--title", "x", "--due", "2026-02-30")
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1
    unknown = cli("deadlines", "recompute", "TA-1999-9999")
    assert unknown.exit_code == 2 and "TA-1999-9999" in unknown.stderr


def test_cli_calendar_close_shows_the_diff_per_matter(services):
    number = open_matter(services)
    result = cli("calendar", "close", "2028-11-03", "--reason", "blizzard")
    assert result.exit_code == 0, result.stderr
    assert number in result.stdout and "CT_TORT_SOL" in result.stdout
    assert f"casekit deadlines recompute {number} --apply" in result.stdout
    day = cli_json("calendar", "2028-11-03")
    assert day["open"] is False and "blizzard" in day["reason"]
    again = cli("calendar", "close", "2028-11-03", "--reason", "blizzard")
    assert again.exit_code == 2
    out = cli_json("calendar", "reopen", "2028-11-03")
    assert out["recompute"] == {}, "the accepted recompute was never applied, nothing to undo"


def test_a_recorded_release_restates_the_1983_deadline_in_connecticut_time(services):
    from datetime import UTC, datetime

    from sqlalchemy import select

    from casekit.services.deadlines import recompute_preview
    from casekit.store.models import CustodyEvent, Matter

    number = open_matter(services)
    with services.transaction() as session:
        matter = session.scalars(select(Matter).where(Matter.number == number)).one()
        # 02:00 UTC on Nov 5 is 21:00 on Nov 4 in Connecticut.
        session.add(
            CustodyEvent(
                matter_id=matter.id,
                kind="release_to_ice",
                at=datetime(2025, 11, 5, 2, 0, tzinfo=UTC),
            )
        )
    diff = recompute_preview(services, number)
    # Both accrual readings are computed now; the incident-date reading stays the safe target
    # (trust-act.md § 4), so the dates do not move but the deadline is restated.
    assert not diff.moved
    assert [c.rule_id for c in diff.restated] == ["FED_1983_SOL"]
    (change,) = diff.restated
    assert change.new_due == date(2028, 11, 3) and change.new_safe_target == date(2028, 11, 3)
    assert "readings changed" in change.reason
    # the release is read in Connecticut time: 21:00 on Nov 4, not Nov 5 (UTC)
    assert any("accrual on release" in step and "due 2028-11-04" in step for step in change.trail)
    assert any("Wallace v. Kato" in step for step in change.trail)
