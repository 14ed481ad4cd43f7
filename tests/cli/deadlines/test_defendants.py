"""Every defendant's clock, on SQLite and PostgreSQL: per-defendant deadlines named after their
defendant, rows upgraded from a matter-wide key, tolling and extensions a recompute respects,
and one § 7-465 notice per municipal defendant."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from casekit.errors import InvalidInput

from .conftest import cli, cli_json
from .test_matters import STATE, open_matter

SEP = " — "


def two_towns(svc: Any) -> tuple[str, dict[int, str]]:
    """A § 7-465 matter with the incident town's city and the Town of Avon as defendants."""
    from casekit.services import casefile as parties
    from casekit.services import deadlines

    number = open_matter(svc, claims=("false_imprisonment_7465",))
    parties.add_party(svc, number, role="defendant", town="Avon")
    deadlines.recompute_apply(svc, number)
    from casekit.services.documents import municipal_defendants

    return number, dict(municipal_defendants(svc, number))


def test_two_towns_get_two_labelled_notice_deadlines(services: Any) -> None:
    number, towns = two_towns(services)
    assert len(towns) == 2 and "Town of Avon" in towns.values()
    rows = cli_json("deadlines", "list", "--matter", number)
    notices = [r for r in rows if r["rule_id"] == "CT_7465_NOTICE"]
    assert {r["party_id"] for r in notices} == set(towns)
    for r in notices:
        assert r["title"].endswith(SEP + towns[r["party_id"]])
    suits = [r for r in rows if r["rule_id"] == "CT_7465_SUIT"]
    assert len(suits) == 2
    # A matter-wide deadline carries no party.
    assert all(r["party_id"] is None for r in rows if r["rule_id"] == "CT_TORT_SOL")


def test_a_row_under_the_old_matter_wide_key_keeps_its_id_and_status(services: Any) -> None:
    from casekit.services import deadlines
    from casekit.store.models import Deadline

    number = open_matter(services, STATE, claims=("claims_commissioner",))
    (row,) = [
        d for d in deadlines.list_deadlines(services) if d.rule_id == "CT_CLAIMS_COMMISSIONER"
    ]
    assert row.party_id is not None and SEP in row.title
    # As stored before the rule was per defendant: matter-wide key, no party, plain title.
    with services.transaction() as session:
        stored = session.get(Deadline, row.id)
        stored.key = "CT_CLAIMS_COMMISSIONER:incident"
        stored.party_id = None
        stored.title = row.title.split(SEP)[0]
    diff = deadlines.recompute_preview(services, number)
    assert not diff.added and not diff.removed
    assert [c.deadline_id for c in diff.restated] == [row.id]  # the label only
    deadlines.recompute_apply(services, number, diff)
    again = deadlines.list_deadlines(services, matter=number)
    (after,) = [d for d in again if d.rule_id == "CT_CLAIMS_COMMISSIONER"]
    assert (after.id, after.party_id, after.title) == (row.id, row.party_id, row.title)
    # Done under the old key: it stays done and no second row appears.
    with services.transaction() as session:
        stored = session.get(Deadline, row.id)
        stored.key = "CT_CLAIMS_COMMISSIONER:incident"
        stored.status = "done"
    assert not deadlines.recompute_preview(services, number).has_changes
    done = deadlines.list_deadlines(services, matter=number, status="done")
    assert [d.id for d in done] == [row.id]


def test_extension_is_recorded_and_no_recompute_moves_it_back(services: Any) -> None:
    from casekit.services import deadlines
    from casekit.services.deadlines.adjustments import adjust, history

    number = open_matter(services, claims=("false_imprisonment_7465",))
    tort = next(
        d for d in deadlines.list_deadlines(services, matter=number) if d.rule_id == "CT_TORT_SOL"
    )
    later = tort.due + timedelta(days=30)
    out = cli_json(
        "deadlines", "extend", str(tort.id),
        "--to", later.isoformat(),
        "--cause", "stipulated extension",
        "--citation", "order of 2026-05-01",
        "--effective", "2026-05-01",
    )  # fmt: skip
    assert out["due"] == later.isoformat() and out["verify"] is True and out["adjusted"] is True
    assert any("Extended from" in line and "stipulated" in line for line in out["trail"])
    (entry,) = history(services, tort.id)
    assert (entry.kind, entry.old_due, entry.new_due) == ("extend", tort.due, later)
    assert entry.effective_on == date(2026, 5, 1) and entry.made_by == "tester"
    listed = cli_json("deadlines", "history", str(tort.id))
    assert listed[0]["cause"] == "stipulated extension"
    assert not deadlines.recompute_preview(services, number).has_changes
    # A later computed date still wins: move the incident a year later.
    from .test_matters import set_incident_date

    set_incident_date(services, number, date(2026, 3, 3))
    diff = deadlines.recompute_preview(services, number)
    moved = {c.deadline_id: c for c in diff.moved}
    assert moved[tort.id].new_due > later
    # An earlier one does not: back before the original date, the extension holds.
    set_incident_date(services, number, date(2025, 10, 1))
    diff = deadlines.recompute_preview(services, number)
    assert tort.id not in {c.deadline_id for c in diff.moved}

    with pytest.raises(InvalidInput, match="not after"):
        adjust(services, tort.id, "toll", tort.due, "x")
    refused = cli("deadlines", "toll", str(tort.id), "--to", "2020-01-01", "--cause", "x")
    assert refused.exit_code == 2 and len(history(services, tort.id)) == 1


def test_one_notice_per_town(services: Any, tmp_path: Any) -> None:
    from tests.docgen.helpers import read_back
    from tests.factories import set_firm

    set_firm(services)
    number, towns = two_towns(services)
    refused = cli("generate", "notice-7-465", number, "--out", str(tmp_path))
    assert refused.exit_code == 2 and "--party" in refused.stderr
    rows = cli_json("deadlines", "list", "--matter", number)
    due = {r["party_id"]: r["due"] for r in rows if r["rule_id"] == "CT_7465_NOTICE"}
    for party_id, name in towns.items():
        choice = str(party_id) if "Avon" in name else name.upper()
        # The period has ended by the test's today: only a late notice (--late) is written.
        args = ("generate", "notice-7-465", number, "--party", choice, "--late",
                "--out", str(tmp_path))  # fmt: skip
        if "Avon" in name:
            # Sued, but none of its employees acted in the incident (issue 13's rule).
            refused = cli(*args)
            assert refused.exit_code == 2 and "NOTICE_7465_MUNICIPAL" in refused.stderr
            continue
        out = cli_json(*args)
        text = read_back(tmp_path / out["path"].split("/")[-1]).everything()
        assert name in text
        other = next(n for n in towns.values() if n != name)
        assert other not in text
        day = date.fromisoformat(due[party_id])
        assert f"{day:%B} {day.day}, {day.year}" in text
    unknown = cli("generate", "notice-7-465", number, "--party", "Town of Nowhere")
    assert unknown.exit_code != 0 and "municipal defendants" in unknown.stderr
