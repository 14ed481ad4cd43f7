"""``casekit matter update M --attorney NAME``: the responsible attorney after opening."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from tests.cli.commands.conftest import ok_json, one_line_error

Cli = Callable[..., Any]


def _matter(cli: Cli) -> str:
    for name, juris in (("Dana Okafor", "412345"), ("Luis Ferreira", "412346")):
        ok_json(cli("attorney", "add", "--name", name, "--juris", juris, "--json"))
    client = ok_json(cli("client", "add", "--name", "Juana Nadie", "--json"))
    opened = ok_json(cli("matter", "add", "--client", str(client["id"]), "--incident-date",
                         "2026-01-10", "--town", "Danbury", "--agency",
                         "Danbury Police Department", "--attorney", "Dana Okafor", "--yes",
                         "--json"))  # fmt: skip
    return str(opened["number"])


def _attorney(cli: Cli, number: str) -> str:
    rows = ok_json(cli("matter", "list", "--json"))
    return next(r["attorney"] for r in rows if r["number"] == number)


def test_the_attorney_changes_and_the_audit_log_says_so(cli: Cli, services: Any) -> None:
    number = _matter(cli)
    done = ok_json(cli("matter", "update", number, "--attorney", "luis ferreira", "--json"))
    assert done == {"matter": number, "before": "Dana Okafor", "after": "Luis Ferreira"}
    assert _attorney(cli, number) == "Luis Ferreira"
    human = cli("matter", "update", number, "--attorney", "none")
    assert human.exit_code == 0 and "Luis Ferreira -> none" in human.stdout
    assert not _attorney(cli, number)
    with services.engine.connect() as conn:
        changes = [
            str(r[0])
            for r in conn.execute(
                text("SELECT changes FROM auditevent WHERE entity = 'matter' AND action = 'update'")
            )
        ]
    assert sum("attorney_id" in c for c in changes) == 2


def test_bad_attorney_changes_write_nothing(cli: Cli) -> None:
    number = _matter(cli)
    line = one_line_error(cli("matter", "update", number, "--attorney", "Nobody Known"))
    assert "attorney" in line.lower()
    line = one_line_error(
        cli("matter", "update", number, "--attorney", "Luis Ferreira", "--status", "active")
    )
    assert "on its own" in line
    shown = ok_json(cli("matter", "show", number, "--json"))
    line = one_line_error(cli("matter", "update", number, "--attorney", "Luis Ferreira",
                              "--version", str(int(shown["version"]) + 5)))  # fmt: skip
    assert "someone else changed this matter" in line
    assert _attorney(cli, number) == "Dana Okafor"
