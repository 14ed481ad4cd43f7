"""casekit matter add|list|show."""

from __future__ import annotations

import pytest
from services.conftest import count_rows

from cli.commands.conftest import ok_json, one_line_error

BASE = [
    "--client",
    "1",
    "--incident-date",
    "2026-01-10",
    "--town",
    "Danbury",
    "--agency",
    "Danbury Police Department",
]


@pytest.fixture
def client(cli) -> None:
    assert cli("client", "add", "--name", "José Núñez").exit_code == 0


def test_add_list_show(cli, client) -> None:
    out = ok_json(
        cli(
            "matter",
            "add",
            *BASE,
            "--violation",
            "V1",
            "--violation",
            "V8",
            "--incident-time",
            "14:30",
            "--json",
        )
    )
    assert out["number"] == "TA-2026-0001"
    assert out["violations"] == ["V1_DETAIN_ON_DETAINER", "V8_OVER_48_HOURS"]
    assert out["parties"][0]["name"] == "City of Danbury"
    assert "trust_act" in out["claims"]

    human = cli("matter", "add", *BASE)
    assert human.exit_code == 0 and "TA-2026-0002" in human.stdout

    rows = ok_json(cli("matter", "list", "--json"))
    assert [r["number"] for r in rows] == ["TA-2026-0001", "TA-2026-0002"]
    assert {"number", "client", "status", "incident_date", "town", "agency"} <= set(rows[0])
    assert rows[0]["client"] == "José Núñez" and rows[0]["incident_date"] == "2026-01-10"
    assert ok_json(cli("matter", "list", "--status", "closed", "--json")) == []

    view = ok_json(cli("matter", "show", "TA-2026-0001", "--json"))
    assert view["incidents"][0]["time"] == "14:30"
    assert {
        "client",
        "incidents",
        "custody_events",
        "parties",
        "deadlines",
        "evidence_count",
        "notes",
    } <= set(view)
    assert "a_number" not in view["client"]
    text = cli("matter", "show", "TA-2026-0001")
    assert text.exit_code == 0 and "Custody timeline" in text.stdout


def test_state_agency_elsewhere_is_noted(cli, client) -> None:
    result = cli("matter", "add", *BASE[:-2], "--agency", "Connecticut State Police Troop A")
    assert result.exit_code == 0
    assert "note: Connecticut State Police Troop A is based in Southbury" in result.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--incident-date": "2025-02-30"}, "is not a real date"),
        ({"--incident-date": "2026-03-16"}, "after today"),
        ({"--town": "Danbery"}, 'did you mean "Danbury"'),
        ({"--agency": "Danbury Police"}, 'did you mean "Danbury Police Department"'),
        ({"--client": "77"}, "no client has id 77"),
    ],
)
def test_bad_input_writes_nothing(cli, services, client, change: dict, message: str) -> None:
    args = list(BASE)
    for flag, value in change.items():
        args[args.index(flag) + 1] = value
    before = count_rows(services)
    assert message in one_line_error(cli("matter", "add", *args))
    assert count_rows(services) == before


def test_unknown_violation(cli, services, client) -> None:
    before = count_rows(services)
    line = one_line_error(cli("matter", "add", *BASE, "--violation", "V9_MADE_UP"))
    assert "unknown violation code 'V9_MADE_UP'" in line
    assert count_rows(services) == before


def test_show_unknown_matter(cli) -> None:
    assert "no matter TA-2026-0042" in one_line_error(cli("matter", "show", "TA-2026-0042"))


@pytest.mark.parametrize(
    ("args", "choices"),
    [
        (["matter", "list", "--status", "archived"], "'intake', 'screening', 'active'"),
        (
            ["deadlines", "list", "--status", "late"],
            "'open', 'done', 'waived', 'superseded', 'all'",
        ),
        (["report", "deadlines", "--format", "pdf"], "'table', 'md', 'markdown', 'docx', 'csv'"),
    ],
)
def test_typer_checks_a_word_from_the_vocabulary(cli, args, choices) -> None:
    """--status and --format are StrEnums: typer refuses another word, naming the choices."""
    line = one_line_error(cli(*args))
    assert "is not one of" in line and choices in line and "Value error" not in line


def test_a_status_is_read_in_any_case(cli) -> None:
    assert cli("matter", "list", "--status", "ACTIVE", "--json").exit_code == 0
