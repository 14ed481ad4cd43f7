"""A week at the office, scripted through the command line on a demo database (SQLite and
PostgreSQL): the README's "A week at the office" walk-through, as a test.

Monday: a matter closes; its deadlines leave the digest and the next calendar export cancels
them. Tuesday: a new matter against two towns; two labelled notice deadlines, two notices.
Wednesday: process and return dates recorded; the serve-by and return-to-court deadlines are in
the digest. Thursday: a storm closes the courts; one command records the closure, one moves every
matter's deadlines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .conftest import TODAY, cli, cli_json
from .test_lifecycle import _parse_both


def _digest() -> str:
    result = cli("remind", "--within", "400")
    assert result.exit_code in (0, 3), result.stderr  # 3: something is overdue
    return result.stdout


def _export(path: Path) -> dict[str, dict[str, Any]]:
    result = cli("export", "ics", "--output", str(path))
    assert result.exit_code == 0, result.stderr
    return _parse_both(path)


def test_a_week_at_the_office(services: Any, tmp_path: Path) -> None:
    from casekit.services.deadlines import calendar_export as ics
    from tests.docgen.helpers import read_back
    from tests.factories import set_firm

    demo = cli_json("demo", "--matters", "12", "--no-tui")
    assert demo["matters"] == 12
    set_firm(services)
    install = ics.installation_id(services)

    # --- Monday: a matter closes ----------------------------------------------------------
    rows = cli_json("deadlines", "list")
    by_matter: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_matter.setdefault(r["matter"], []).append(r)
    closing = max(by_matter, key=lambda n: len(by_matter[n]))
    first = _export(tmp_path / "monday.ics")
    uids = {ics.uid_for(r["id"], install) for r in by_matter[closing]}
    assert uids <= set(first)
    assert closing in _digest()
    closed = cli_json("matter", "update", closing, "--status", "closed", "--yes")
    assert len(closed["closed_deadlines"]) == len(by_matter[closing])
    assert closing not in _digest()
    after = _export(tmp_path / "monday-after.ics")
    for uid in uids:
        assert after[uid]["status"] == "CANCELLED"
        assert after[uid]["sequence"] > first[uid]["sequence"]
    assert {v["status"] for k, v in after.items() if k not in uids} <= {"CONFIRMED", "CANCELLED"}

    # --- Tuesday: two towns as defendants -------------------------------------------------
    client = cli_json("client", "add", "--name", "Week Client", "--yes")
    matter = cli_json(
        "matter", "add",
        "--client", str(client["id"]),
        "--incident-date", "2026-05-04",
        "--town", "Ansonia",
        "--agency", "Ansonia Police Department",
        "--violation", "V1",
        "--claim", "false_imprisonment_7465",
        "--yes",
    )["number"]  # fmt: skip
    assert cli("party", "add", matter, "--role", "defendant", "--town", "Avon").exit_code == 0
    cli_json("deadlines", "recompute", matter, "--apply")
    notices = [
        r
        for r in cli_json("deadlines", "list", "--matter", matter)
        if r["rule_id"] == "CT_7465_NOTICE"
    ]
    assert len(notices) == 2 and len({r["party_id"] for r in notices}) == 2
    names = {r["party_id"]: r["title"].split(" — ")[1] for r in notices}
    assert set(names.values()) == {"City of Ansonia", "Town of Avon"}
    for party_id, name in names.items():
        args = (
            "generate",
            "notice-7-465",
            matter,
            "--party",
            str(party_id),
            "--out",
            str(tmp_path),
        )
        if name == "Town of Avon":
            # Sued, but none of its employees acted in the incident: the pleading plan refuses
            # its § 7-465 notice (issue 13), whatever the deadline list shows.
            refused = cli(*args)
            assert refused.exit_code == 2 and "NOTICE_7465_MUNICIPAL" in refused.stderr
            continue
        out = cli_json(*args)
        assert name in read_back(Path(out["path"])).everything()

    # --- Wednesday: service of process ----------------------------------------------------
    process = cli_json(
        "matter", "process", matter,
        "--process-date", TODAY.isoformat(),
        "--return-date", "2026-06-23",
        "--apply",
    )  # fmt: skip
    assert process["serve_by"] and process["return_to_court_by"]
    titles = {r["rule_id"]: r["title"] for r in cli_json("deadlines", "list", "--matter", matter)}
    digest = _digest()
    for rule in ("CT_SERVICE_BEFORE_RETURN", "CT_RETURN_TO_COURT"):
        assert titles[rule] in digest

    # --- Thursday: a storm closes the courts ----------------------------------------------
    targets = sorted(
        {r["safe_target"] for r in cli_json("deadlines", "list") if r["safe_target"] > "2026-06-01"}
    )
    day = targets[0]
    recorded = cli_json("calendar", "close", day, "--reason", "storm")
    assert recorded["recompute"] and recorded["applied"] is False
    applied = cli_json("deadlines", "recompute", "--all", "--apply")
    assert applied["applied"] is True and set(recorded["recompute"]) <= set(applied["matters"])
    assert cli_json("deadlines", "recompute", "--all")["matters"] == {}
    assert day not in {r["safe_target"] for r in cli_json("deadlines", "list")}
    # The closed matter stays closed and out of everything.
    assert closing not in {r["matter"] for r in cli_json("deadlines", "list")}
