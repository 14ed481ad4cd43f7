"""One command, one transaction, bounded input (issue 16 item 6), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from services.conftest import count_rows

from casekit.errors import InvalidInput
from tests import clirun

from .conftest import MATTER


def one_line_error(result: Any, code: int = 2) -> str:
    return clirun.one_line_error(result, code=code)


def show(cli: Any) -> dict[str, Any]:
    result = cli("matter", "show", MATTER, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_half_bad_update_changes_nothing(cli: Any, services: Any, matter: str) -> None:
    """The issue's example: a good status and a bad date used to close the matter, then fail."""
    before = show(cli)
    rows = count_rows(services)
    one_line_error(
        cli("matter", "update", matter, "--status", "closed", "--incident-date", "2025-02-30")
    )
    after = show(cli)
    assert after["status"] == before["status"] == "intake"
    assert after["version"] == before["version"]
    assert after["incidents"] == before["incidents"]
    assert count_rows(services) == rows  # not even an audit event


def test_a_bad_status_keeps_a_good_date_out(cli: Any, matter: str) -> None:
    before = show(cli)
    one_line_error(
        cli("matter", "update", matter, "--status", "finished", "--incident-date", "2026-01-11")
    )
    assert show(cli)["incidents"] == before["incidents"]


def test_status_and_incident_together_are_one_change(cli: Any, matter: str) -> None:
    before = show(cli)
    ok = cli("matter", "update", matter, "--status", "active", "--incident-date", "2026-01-11")
    assert ok.exit_code == 0, ok.stderr
    after = show(cli)
    assert after["status"] == "active"
    assert after["incidents"][0]["date"] == "2026-01-11"
    assert after["version"] > before["version"]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2127-01-01"])
def test_implausible_dates_are_refused_everywhere(
    cli: Any, services: Any, matter: str, day: str, tmp_path: Path
) -> None:
    rows = count_rows(services)
    line = one_line_error(cli("deadlines", "add", matter, "--title", "Court order", "--due", day))
    assert "outside the range casekit accepts" in line
    one_line_error(cli("calendar", "close", day, "--reason", "storm"))
    one_line_error(cli("client", "add", "--name", "Ana Ruiz", "--dob", day))
    one_line_error(cli("matter", "update", matter, "--incident-date", day))
    one_line_error(cli("custody", "add", matter, "--kind", "arrest", "--at", f"{day}T10:00"))
    one_line_error(cli("report", "deadlines", "--today", day))
    assert count_rows(services) == rows
    # ... so no row can break the listings and the calendar export.
    assert cli("deadlines", "list", "--json").exit_code == 0
    out = tmp_path / "all.ics"
    assert cli("export", "ics", "--output", str(out)).exit_code == 0


@pytest.mark.parametrize("day", ["2025-13-01", "0000-01-01", "2025-02-30", "20250101", "x" * 500])
def test_unreal_dates_are_one_line(cli: Any, matter: str, day: str) -> None:
    line = one_line_error(cli("deadlines", "add", matter, "--title", "Order", "--due", day))
    assert "not a real date" in line
    assert len(line) < 200  # a long value is cut, never echoed whole


def test_the_store_refuses_an_implausible_date_from_any_path(services: Any, matter: str) -> None:
    """A path that skips the parsers (an import, a future form) meets the same rule at flush."""
    from sqlmodel import select

    from casekit.store.models import Deadline

    rows = count_rows(services, Deadline)
    with pytest.raises(InvalidInput, match="deadline.due is outside the dates"):
        with services.transaction() as session:
            session.add(
                Deadline(
                    matter_id=1,
                    rule_id="MANUAL",
                    title="x",
                    due=date(9999, 12, 31),
                    safe_target=date(9999, 12, 31),
                    citation="",
                    confidence="manual",
                )
            )
    assert count_rows(services, Deadline) == rows
    with pytest.raises(InvalidInput, match="NUL character"):
        with services.transaction() as session:
            row = session.exec(select(Deadline)).first()
            assert row is not None
            row.title = "a\x00b"
    with services.transaction() as session:
        assert "\x00" not in (session.exec(select(Deadline)).first().title)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "args",
    [
        ("party", "remove", "99999999999999999999"),
        ("party", "remove", "0"),
        ("party", "remove", "-1"),
        ("deadlines", "done", "9223372036854775808", "--reason", "x"),
        ("matter", "list", "--limit", "-1"),
        ("matter", "list", "--limit", "99999999999999"),
        ("matter", "list", "--offset", "-5"),
        ("client", "list", "--offset", "99999999999999999999"),
        ("deadlines", "list", "--within", "-3"),
        ("deadlines", "list", "--within", "999999999"),
        ("report", "deadlines", "--within", "99999999999"),
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_out_of_range_numbers_are_one_line(cli: Any, matter: str, args: tuple[str, ...]) -> None:
    one_line_error(cli(*args))


def test_arguments_that_are_not_text_are_one_line(cli: Any, services: Any, matter: str) -> None:
    rows = count_rows(services)
    assert "UTF-8" in one_line_error(cli("client", "add", "--name", "Jos\udce9"))
    assert "NUL" in one_line_error(cli("client", "add", "--name", "Ana\x00Ruiz"))
    assert count_rows(services) == rows


def test_update_with_the_version_read_is_a_conflict_when_stale(
    cli: Any, services: Any, matter: str
) -> None:
    read = show(cli)["version"]
    ok = cli("matter", "update", matter, "--status", "active", "--version", str(read))
    assert ok.exit_code == 0, ok.stderr
    rows = count_rows(services)
    # A second user who read the same version: their edit is a conflict, not a silent overwrite.
    line = one_line_error(
        cli("matter", "update", matter, "--status", "declined", "--yes", "--version", str(read))
    )
    assert "someone else changed" in line
    line = one_line_error(
        cli("matter", "update", matter, "--incident-date", "2026-01-09", "--version", str(read))
    )
    assert "someone else changed" in line
    after = show(cli)
    assert after["status"] == "active"
    assert after["incidents"][0]["date"] == "2026-01-10"
    assert count_rows(services) == rows


def test_deadline_status_with_a_stale_version_is_a_conflict(cli: Any, matter: str) -> None:
    listed = json.loads(cli("deadlines", "list", "--matter", matter, "--json").stdout)
    first = listed[0]
    ok = cli(
        "deadlines", "done", str(first["id"]), "--reason", "served", "--version",
        str(first["version"]),
    )  # fmt: skip
    assert ok.exit_code == 0, ok.stderr
    stale = cli(
        "deadlines", "reopen", str(first["id"]), "--version", str(first["version"])
    )  # fmt: skip
    assert "changed" in one_line_error(stale)


ESC = "\x1b"


def test_terminal_escapes_in_data_are_never_echoed(cli: Any, matter: str) -> None:
    hostile = f"Ana{ESC}]0;pwned\x07{ESC}[2J\x9b31m\u202eRuiz\r"
    added = cli("client", "add", "--name", hostile)
    assert added.exit_code == 0, added.stderr
    note = cli("note", "add", matter, f"call {ESC}[31mback{ESC}[0m")
    assert note.exit_code == 0, note.stderr
    for args in (
        ("client", "list"),
        ("client", "list", "--json"),
        ("client", "show", "2"),
        ("note", "list", matter),
        ("matter", "show", matter),
        ("conflicts", hostile),
    ):
        result = cli(*args)
        out = result.stdout + result.stderr
        assert result.exit_code == 0, (args, result.stderr)
        for bad in (ESC, "\x07", "\x9b", "\u202e", "\r"):
            assert bad not in out, (args, bad)
    # ... nor in an error line that repeats what was typed.
    line = one_line_error(cli("matter", "show", f"TA{ESC}[2J"))
    assert ESC not in line
