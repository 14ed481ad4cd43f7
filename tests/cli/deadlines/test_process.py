"""Service of process on a matter, on SQLite and PostgreSQL: the return date checked by the process
chain, the serve-by / return-to-court / marshal deadlines planned and reminded, and the complaint
printing the recorded return date."""

from __future__ import annotations

from datetime import date
from typing import Any

from .conftest import assert_one_line_error, cli, cli_json
from .test_matters import open_matter

PROCESS = "2026-05-28"
RETURN = "2026-06-23"  # a Tuesday, within two months of process
MARSHAL = "2026-05-29"
PROCESS_RULES = {
    "CT_RETURN_DATE_MAX",
    "CT_SERVICE_BEFORE_RETURN",
    "CT_RETURN_TO_COURT",
    "CT_MARSHAL_SERVICE",
}


def _rules(number: str) -> dict[str, dict[str, Any]]:
    return {r["rule_id"]: r for r in cli_json("deadlines", "list", "--matter", number)}


def test_process_dates_plan_tracked_deadlines_that_remind(services: Any) -> None:
    from casekit.services.deadlines.process import recorded

    number = open_matter(services)
    args = ("--process-date", PROCESS, "--return-date", RETURN, "--marshal-delivery", MARSHAL)
    preview = cli_json("matter", "process", number, *args)
    assert preview["applied"] is False
    assert {c["rule_id"] for c in preview["recompute"]["added"]} == PROCESS_RULES
    assert not PROCESS_RULES & set(_rules(number))  # nothing written
    assert recorded(services, number) == (None, None, None)

    applied = cli_json("matter", "process", number, *args, "--apply")
    assert applied["return_date"] == RETURN and applied["serve_by"] < RETURN
    assert recorded(services, number) == tuple(
        date.fromisoformat(d) for d in (PROCESS, RETURN, MARSHAL)
    )
    rows = _rules(number)
    assert PROCESS_RULES <= set(rows)
    assert rows["CT_SERVICE_BEFORE_RETURN"]["safe_target"] == applied["serve_by"]
    assert rows["CT_RETURN_TO_COURT"]["safe_target"] == applied["return_to_court_by"]
    assert rows["CT_MARSHAL_SERVICE"]["trigger_date"] == MARSHAL
    digest = cli("remind", "--within", "60")
    assert number in digest.stdout
    for rule in ("CT_SERVICE_BEFORE_RETURN", "CT_RETURN_TO_COURT"):
        assert rows[rule]["title"] in digest.stdout
    # Recorded once: nothing to recompute; a new return date moves them.
    assert not cli_json("deadlines", "recompute", number)["moved"]
    moved = cli_json("matter", "process", number, "--return-date", "2026-06-30", "--apply")
    assert {c["rule_id"] for c in moved["recompute"]["moved"]} == {
        "CT_SERVICE_BEFORE_RETURN",
        "CT_RETURN_TO_COURT",
    }


def test_a_bad_return_date_is_refused_and_nothing_written(services: Any) -> None:
    from casekit.services.deadlines.process import recorded

    number = open_matter(services)
    monday = cli(
        "matter",
        "process",
        number,
        "--process-date",
        PROCESS,
        "--return-date",
        "2026-06-22",
        "--apply",
    )
    assert_one_line_error(monday, "not a Tuesday")
    too_late = cli(
        "matter",
        "process",
        number,
        "--process-date",
        PROCESS,
        "--return-date",
        "2026-09-01",
        "--apply",
    )
    assert_one_line_error(too_late, "later than")
    alone = cli("matter", "process", number, "--return-date", RETURN, "--apply")
    assert_one_line_error(alone, "date of process")
    assert recorded(services, number) == (None, None, None)
    assert not PROCESS_RULES & set(_rules(number))


def test_the_complaint_uses_the_recorded_return_date(services: Any) -> None:
    from casekit.services import documents
    from tests.factories import set_firm

    set_firm(services)
    number = open_matter(services)
    before = documents.preview(services, "complaint", number)
    cli_json(
        "matter", "process", number, "--process-date", PROCESS, "--return-date", RETURN, "--apply"
    )
    after = documents.preview(services, "complaint", number)
    shown = {k: v for k, v in after.items() if "return" in k.lower()}
    assert any("June 23, 2026" in v or RETURN in v for v in shown.values()), shown
    assert before != after
