"""casekit client add|list|show and casekit conflicts."""

from __future__ import annotations

import pytest
from services.conftest import count_rows

from cli.commands.conftest import ok_json, one_line_error


def test_add_list_show(cli) -> None:
    added = ok_json(
        cli(
            "client",
            "add",
            "--name",
            "José Núñez",
            "--language",
            "es",
            "--phone",
            "860-555-0101",
            "--safe-phone",
            "--dob",
            "1990-02-03",
            "--a-number",
            "A123456789",
            "--json",
        )
    )
    assert added["name"] == "José Núñez" and added["phone_safe"] is True
    assert "date_of_birth" not in added and "a_number" not in added

    listed = ok_json(cli("client", "list", "--json"))
    assert [c["name"] for c in listed] == ["José Núñez"]
    assert {"id", "name", "preferred_language", "matters"} <= set(listed[0])

    shown = ok_json(cli("client", "show", "jose nunez", "--json"))
    assert shown["id"] == added["id"] and "a_number" not in shown
    sensitive = ok_json(cli("client", "show", str(added["id"]), "--include-sensitive", "--json"))
    assert sensitive["a_number"] == "A123456789" and sensitive["date_of_birth"] == "1990-02-03"

    human = cli("client", "show", "1")
    assert human.exit_code == 0 and "safe to contact" in human.stdout
    assert "1990" not in human.stdout  # sensitive fields only on request
    table = cli("client", "list")
    assert table.stdout.splitlines()[0].split() == ["id", "name", "language", "matters"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", ""], "client name is empty"),
        (["--name", "Ana", "--dob", "2025-02-30"], "date of birth is not a real date"),
        (["--name", "Ana", "--dob", "2030-01-01"], "in the future"),
        (["--name", "Ana", "--email", "ana-at-example"], "not a valid e-mail"),
        (["--name", "Ana", "--language", "zz"], "unknown language code"),
    ],
)
def test_bad_input(cli, services, args: list[str], message: str) -> None:
    before = count_rows(services)
    line = one_line_error(cli("client", "add", *args))
    assert message in line
    assert count_rows(services) == before


def test_unknown_client_never_echoes_the_name(cli) -> None:
    line = one_line_error(cli("client", "show", "Secret Person"))
    assert "Secret" not in line


def test_conflicts(cli) -> None:
    cli("client", "add", "--name", "José Núñez")
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
    )
    hits = ok_json(cli("conflicts", "Jose Nunez", "--json"))
    assert hits[0] == {
        "name": "José Núñez",
        "where": "client",
        "matter": "TA-2026-0001",
        "score": 1.0,
        "matched": "José Núñez",
        "reason": "name",
        "client_id": 1,
    }
    typo = ok_json(cli("conflicts", "jose nunes", "--json"))
    assert typo[0]["name"] == "José Núñez" and typo[0]["score"] < 1.0
    wheres = {h["where"] for h in ok_json(cli("conflicts", "danbury", "--json"))}
    assert {"party:defendant", "agency"} <= wheres
    human = cli("conflicts", "nobody like this")
    assert human.exit_code == 0 and "no possible conflicts" in human.stdout


def test_client_add_shows_conflicts_before_saving(cli, monkeypatch) -> None:
    first = ok_json(cli("client", "add", "--name", "Mohammed Husain", "--json"))
    # A script (no terminal) with a possible conflict: refused in one line, nothing saved.
    refused = cli("client", "add", "--name", "Muhammad Hussein")
    line = one_line_error(refused)
    assert "1 possible conflict" in line and "--yes" in line and "Husain" not in line
    assert len(ok_json(cli("client", "list", "--json"))) == 1
    # --yes: the hits are printed, the client is saved.
    saved = cli("client", "add", "--name", "Muhammad Hussein", "--yes", "--json")
    assert saved.exit_code == 0, saved.stderr
    assert "possible conflicts (1)" in saved.stderr and "sounds like" in saved.stderr
    assert ok_json(saved)["id"] == first["id"] + 1
    # On a terminal the user is asked; "n" saves nothing.
    monkeypatch.setattr("casekit.cli.clients.interactive", lambda: True)
    from typer.testing import CliRunner

    from casekit.cli import app

    answered = CliRunner().invoke(app, ["client", "add", "--name", "Mohamed Husein"], input="n\n")
    assert answered.exit_code == 1 and "Save anyway?" in answered.stderr
    assert len(ok_json(cli("client", "list", "--json"))) == 2
    answered = CliRunner().invoke(app, ["client", "add", "--name", "Mohamed Husein"], input="y\n")
    assert answered.exit_code == 0 and "client 3 added" in answered.stdout


def test_matter_add_checks_the_client_first(cli) -> None:
    ok_json(cli("client", "add", "--name", "Rosa Delgado", "--phone", "860-555-0199", "--json"))
    ok_json(cli("client", "add", "--name", "R. Delgado-Ruiz", "--phone", "(860) 555 0199",
                "--yes", "--json"))  # fmt: skip
    args = ("matter", "add", "--client", "1", "--incident-date", "2026-01-10",
            "--town", "Danbury", "--agency", "Danbury Police Department")  # fmt: skip
    line = one_line_error(cli(*args))
    assert "possible conflict" in line
    assert cli(*args, "--yes").exit_code == 0
    # The client's own record and matters are not conflicts: a client alone has none.
    ok_json(cli("client", "add", "--name", "Solo Persona", "--json"))
    assert cli("matter", "add", "--client", "3", *args[4:]).exit_code == 0


def test_matter_add_checks_a_sealed_date_of_birth(cli) -> None:
    """The date of birth is sealed at rest: the check before a new matter opens it, and finds
    another client born that day who shares part of the name."""
    ok_json(cli("client", "add", "--name", "Ana Quispe", "--dob", "1991-04-02", "--json"))
    ok_json(cli("client", "add", "--name", "Ana Q. Mamani", "--dob", "1991-04-02",
                "--yes", "--json"))  # fmt: skip
    args = ("matter", "add", "--client", "1", "--incident-date", "2026-01-10",
            "--town", "Danbury", "--agency", "Danbury Police Department")  # fmt: skip
    line = one_line_error(cli(*args))
    assert "possible conflict" in line and "1991" not in line
    assert cli(*args, "--yes").exit_code == 0
