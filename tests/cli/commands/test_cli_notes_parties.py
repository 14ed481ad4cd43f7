"""casekit note add|list, casekit party add|list|remove, and matter add's exception facts."""

from __future__ import annotations

import pytest

from cli.commands.conftest import ok_json, one_line_error

MATTER = "TA-2026-0001"


@pytest.fixture
def matter(cli) -> str:
    assert cli("client", "add", "--name", "José Núñez").exit_code == 0
    result = cli(
        "matter",
        "add",
        "--client",
        "1",
        "--incident-date",
        "2026-01-10",
        "--town",
        "Danbury",
        "--agency",
        "Danbury Police Department",
    )
    assert result.exit_code == 0, result.stderr
    return MATTER


def test_note_add_and_list(cli, matter: str) -> None:
    added = cli("note", "add", matter, "Called the clerk.")
    assert added.exit_code == 0, added.stderr
    assert f"added to {matter}" in added.stdout
    rows = ok_json(cli("note", "list", matter, "--json"))
    assert [(r["author"], r["body"]) for r in rows] == [("tester", "Called the clerk.")]
    assert "Called the clerk." in cli("note", "list", matter).stdout
    assert one_line_error(cli("note", "add", matter, "  ")) == "error: the note is empty"
    assert "no matter" in one_line_error(cli("note", "list", "TA-2099-0001"))


def test_party_add_list_remove(cli, matter: str) -> None:
    added = cli(
        "party",
        "add",
        matter,
        "--role",
        "defendant",
        "--agency",
        "Connecticut State Police Troop A",
    )
    assert added.exit_code == 0, added.stderr
    assert "State of Connecticut" in added.stdout and "§ 52-64" in added.stdout
    assert "CT_CLAIMS_COMMISSIONER" in added.stdout
    assert f"casekit deadlines recompute {matter} --apply" in added.stdout

    witness = ok_json(
        cli("party", "add", matter, "--role", "witness", "--name", "Rosa Díaz", "--json")
    )
    assert witness["kind"] == "person" and witness["recompute"] is None

    rows = ok_json(cli("party", "list", matter, "--json"))
    assert [(r["role"], r["name"]) for r in rows] == [
        ("defendant", "City of Danbury"),
        ("defendant", "State of Connecticut"),
        ("witness", "Rosa Díaz"),
    ]
    assert "Clerk, City of Danbury" in cli("party", "list", matter).stdout

    assert cli("deadlines", "recompute", matter, "--apply").exit_code == 0
    state = rows[1]["id"]
    removed = cli("party", "remove", str(state))
    assert removed.exit_code == 0, removed.stderr
    assert f"party {state} removed from {matter}" in removed.stdout
    assert "removed  CT_CLAIMS_COMMISSIONER" in removed.stdout
    assert "no party" in one_line_error(cli("party", "remove", str(state)))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--role", "defendent", "--agency", "Danbury Police Department"],
            'did you mean "defendant"',
        ),
        (["--role", "defendant", "--agency", "Danbery Police"], "did you mean"),
        (["--role", "defendant", "--town", "Danbery"], 'did you mean "Danbury"'),
        (["--role", "witness"], "needs a name"),
    ],
)
def test_party_add_errors(cli, matter: str, args: list[str], message: str) -> None:
    assert message in one_line_error(cli("party", "add", matter, *args))


def test_matter_add_records_exception_facts(cli, matter: str) -> None:
    out = ok_json(
        cli(
            "matter",
            "add",
            "--client",
            "1",
            "--incident-date",
            "2026-01-10",
            "--town",
            "Danbury",
            "--agency",
            "Danbury Police Department",
            "--judicial-warrant",
            "--conviction",
            "53a-101",
            "--conviction-class",
            "b",
            "--conviction",
            "21a-279",
            "--tsdb-match",
            "--json",
        )
    )
    assert out["judicial_warrant"] is True and out["tsdb_match"] is True
    assert out["convictions"] == [
        {"section": "53a-101", "felony_class": "B"},
        {"section": "21a-279", "felony_class": None},
    ]
    view = ok_json(cli("matter", "show", out["number"], "--json"))
    assert view["incidents"][0]["judicial_warrant"] is True
    human = cli(
        "matter",
        "add",
        "--client",
        "1",
        "--incident-date",
        "2026-01-10",
        "--town",
        "Danbury",
        "--agency",
        "Danbury Police Department",
        "--judicial-warrant",
    )
    assert "exceptions: judicial warrant" in human.stdout
    too_many = cli(
        "matter",
        "add",
        "--client",
        "1",
        "--incident-date",
        "2026-01-10",
        "--town",
        "Danbury",
        "--agency",
        "Danbury Police Department",
        "--conviction-class",
        "A",
    )
    assert "1 conviction classes for 0 convictions" in one_line_error(too_many)
