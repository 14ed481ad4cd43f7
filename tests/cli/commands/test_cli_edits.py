"""``casekit matter update --claim/--relief`` and ``casekit custody update|remove``: bad input is
one line, a non-zero exit and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from tests.cli.commands.conftest import ok_json, one_line_error

Cli = Callable[..., Any]


def _matter(cli: Cli) -> str:
    client = ok_json(cli("client", "add", "--name", "Juana Nadie", "--json"))
    opened = ok_json(cli("matter", "add", "--client", str(client["id"]), "--incident-date",
                         "2026-01-10", "--town", "Danbury", "--agency",
                         "Danbury Police Department", "--yes", "--json"))  # fmt: skip
    return str(opened["number"])


def _audit_count(services: Any) -> int:
    with services.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM auditevent")).scalar())


def test_claims_and_relief_from_the_cli(cli: Cli, services: Any) -> None:
    number = _matter(cli)
    done = ok_json(cli("matter", "update", number, "--claim", "section_1983", "--relief",
                       "injunction", "--json"))  # fmt: skip
    assert "section_1983" in done["claims"] and done["relief"] == ["injunction"]
    human = cli("matter", "update", number, "--drop-claim", "section_1983")
    assert human.exit_code == 0 and "section_1983" not in human.stdout
    before = _audit_count(services)
    line = one_line_error(cli("matter", "update", number, "--claim", "section_1893"))
    assert "did you mean" in line
    line = one_line_error(cli("matter", "update", number, "--drop-relief", "damages"))
    assert "does not seek" in line
    line = one_line_error(
        cli("matter", "update", number, "--claim", "trust_act", "--status", "active")
    )
    assert "on their own" in line
    line = one_line_error(cli("matter", "update", number, "--relief", "fees", "--version", "99"))
    assert "someone else changed this matter" in line
    assert _audit_count(services) == before
    shown = ok_json(cli("matter", "show", number, "--json"))
    assert shown["relief_sought"] == "injunction"


def test_custody_update_and_remove(cli: Cli, services: Any) -> None:
    number = _matter(cli)
    ok_json(cli("custody", "add", number, "--kind", "booking", "--at", "2026-01-10T12:00",
                "--json"))  # fmt: skip
    (event,) = ok_json(cli("custody", "list", number, "--json"))
    before = _audit_count(services)
    line = one_line_error(cli("custody", "update", str(event["id"]), "--at", "2026-01-09T12:00"))
    assert "before the incident" in line and "--yes" in line
    line = one_line_error(cli("custody", "update", str(event["id"]), "--kind", "relase"))
    assert "unknown custody event" in line
    line = one_line_error(cli("custody", "remove", str(event["id"]), "--reason", " "))
    assert "reason" in line
    line = one_line_error(cli("custody", "update", "9999", "--note", "x"))
    assert "no custody event" in line
    assert _audit_count(services) == before

    result = cli("custody", "update", str(event["id"]), "--kind", "release", "--at",
                 "2026-01-11T08:00", "--version", str(event["version"]))  # fmt: skip
    assert result.exit_code == 0, result.output
    line = one_line_error(cli("custody", "remove", str(event["id"]), "--reason", "typo",
                              "--version", str(event["version"])))  # fmt: skip
    assert "someone else changed" in line
    result = cli("custody", "remove", str(event["id"]), "--reason", "wrong matter")
    assert result.exit_code == 0, result.output
    assert ok_json(cli("custody", "list", number, "--json")) == []


def test_incident_facts_from_the_cli(cli: Cli, services: Any) -> None:
    number = _matter(cli)
    before = _audit_count(services)
    line = one_line_error(cli("matter", "update", number, "--town", "Danbry"))
    assert "did you mean" in line and "Danbury" in line
    line = one_line_error(cli("matter", "update", number, "--agency", "Nowhere PD"))
    assert "unknown agency" in line
    line = one_line_error(cli("matter", "update", number, "--town", "Bethel", "--claim",
                              "section_1983"))  # fmt: skip
    assert "on their own" in line
    assert _audit_count(services) == before  # nothing written by a refused command

    said = "Officers held the plaintiff for ICE after bond was posted."
    done = cli("matter", "update", number, "--town", "Bethel", "--agency",
               "Bethel Police Department", "--narrative", said)  # fmt: skip
    assert done.exit_code == 0, done.output
    shown = ok_json(cli("matter", "show", number, "--json"))
    incident = shown["incidents"][0]
    assert (incident["town"], incident["agency"]) == ("Bethel", "Bethel Police Department")
    assert incident["narrative"] == said
