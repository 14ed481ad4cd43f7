"""``casekit calendar DATE`` and its sub-commands' help (closures on a database: test_matters)."""

from __future__ import annotations

import pytest

from .conftest import assert_one_line_error, cli, cli_json


@pytest.mark.parametrize(
    ("day", "open_", "reason", "previous", "following"),
    [
        ("2026-02-12", False, "Lincoln", "2026-02-11", "2026-02-13"),
        ("2026-04-03", False, "Good Friday", "2026-04-02", "2026-04-06"),
        ("2026-07-03", False, "Independence Day", "2026-07-02", "2026-07-06"),
        ("2027-12-31", False, "New Year", "2027-12-30", "2028-01-03"),
        ("2026-11-27", True, None, "2026-11-25", "2026-11-30"),
        ("2026-05-02", False, "Saturday", "2026-05-01", "2026-05-04"),
    ],
)
def test_calendar_day(day, open_, reason, previous, following):
    out = cli_json("calendar", day)
    assert set(out) == {"date", "open", "reason", "previous_open", "next_open"}
    assert out["date"] == day and out["open"] is open_
    if reason is None:
        assert out["reason"] is None
    else:
        assert reason in out["reason"]
    assert out["previous_open"] == previous and out["next_open"] == following


def test_json_option_may_come_first():
    assert cli("calendar", "--json", "2026-02-12").exit_code == 0


def test_human_output():
    result = cli("calendar", "2026-02-12")
    assert result.exit_code == 0
    assert "closed" in result.stdout and "2026-02-13" in result.stdout


def test_help_lists_close():
    result = cli("calendar", "--help")
    assert result.exit_code == 0
    assert "close" in result.stdout and "DATE" in result.stdout


@pytest.mark.parametrize("day", ["2026-02-30", "tomorrow", "12/25/2026"])
def test_bad_date(day):
    assert_one_line_error(cli("calendar", day), "not a real date")


def test_calendar_works_on_a_fresh_machine(casekit_home):
    cli_json("calendar", "2026-02-12")
    assert not casekit_home.exists()
