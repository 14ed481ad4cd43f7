"""``casekit client update``: every field, one transaction, sealed fields stay sealed, the safe
flags asked for, optimistic locking, nothing half-written."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from tests.cli.commands.conftest import ok_json, one_line_error

Cli = Callable[..., Any]


def _client(cli: Cli) -> dict[str, Any]:
    return ok_json(cli("client", "add", "--name", "Rosa Díaz", "--phone", "203-555-0100",
                       "--a-number", "A201555731", "--json"))  # fmt: skip


def _opened(cli: Cli, ref: str) -> dict[str, Any]:
    return ok_json(cli("client", "show", ref, "--include-sensitive", "--json"))


def test_contacts_and_flags_change_and_are_audited(cli: Cli, services: Any) -> None:
    added = _client(cli)
    ref = str(added["id"])
    done = ok_json(cli("client", "update", ref, "--phone", "860-555-0199", "--email",
                       "rosa@example.org", "--safe-email", "--yes", "--json"))  # fmt: skip
    assert set(done["changed"]) == {"phone", "email", "email_safe"}
    assert done["safe_changes"] == [{"channel": "email", "safe": True}]
    shown = _opened(cli, ref)
    assert (shown["phone"], shown["email"], shown["email_safe"]) == (
        "860-555-0199", "rosa@example.org", True,
    )  # fmt: skip
    # Clearing a channel clears its flag; unsafe needs no question.
    human = cli("client", "update", ref, "--email", "")
    assert human.exit_code == 0 and "EMAIL IS NOW NOT SAFE" in human.stderr
    assert _opened(cli, ref)["email_safe"] is False
    with services.engine.connect() as conn:
        actions = conn.execute(
            text("SELECT count(*) FROM auditevent WHERE entity = 'client' AND action = 'update'")
        ).scalar()
    assert actions == 2


def test_marking_a_channel_safe_needs_yes_in_a_script(cli: Cli) -> None:
    ref = str(_client(cli)["id"])
    line = one_line_error(cli("client", "update", ref, "--safe-phone"))
    assert "needs --yes" in line and "nothing was saved" in line
    assert _opened(cli, ref)["phone_safe"] is False
    line = one_line_error(cli("client", "update", ref, "--email", "", "--safe-email", "--yes"))
    assert "needs a e-mail" in line or "needs an e-mail" in line


def test_sensitive_fields_stay_sealed_and_a_name_change_reaches_search(
    cli: Cli, services: Any
) -> None:
    ref = str(_client(cli)["id"])
    ok_json(cli("matter", "add", "--client", ref, "--incident-date", "2026-01-10", "--town",
                "Danbury", "--agency", "Danbury Police Department", "--yes", "--json"))  # fmt: skip
    ok_json(cli("client", "update", ref, "--name", "Rosa Díaz Quispe", "--dob", "1987-03-14",
                "--immigration-status", "TPS pending", "--json"))  # fmt: skip
    shown = _opened(cli, "A201555731")
    assert (shown["name"], shown["date_of_birth"], shown["immigration_status"]) == (
        "Rosa Díaz Quispe", "1987-03-14", "TPS pending",
    )  # fmt: skip
    with services.engine.connect() as conn:
        row = conn.execute(text("SELECT date_of_birth, immigration_status FROM client")).one()
        audit = " ".join(str(r[0]) for r in conn.execute(text("SELECT changes FROM auditevent")))
    assert "1987" not in " ".join(map(str, row)) and "TPS" not in " ".join(map(str, row))
    assert "1987-03-14" not in audit and "TPS pending" not in audit
    found = ok_json(cli("matter", "list", "--json"))
    assert found and found[0]["client"] == "Rosa Díaz Quispe"
    with services.engine.connect() as conn:
        indexed = conn.execute(text("SELECT search_text FROM matter")).scalar()
    assert "quispe" in str(indexed)


def test_bad_input_and_stale_version_write_nothing(cli: Cli) -> None:
    ref = str(_client(cli)["id"])
    version = json.loads(cli("client", "show", ref, "--json").stdout)["version"]
    for args, message in (
        (("--dob", "2025-02-30"), "not a real date"),
        (("--phone", "555-0100", "--language", "klingon-xx"), "language"),
        ((), "nothing to change"),
    ):
        line = one_line_error(cli("client", "update", ref, *args))
        assert message in line, line
    assert _opened(cli, ref)["phone"] == "203-555-0100"
    other = ok_json(cli("client", "add", "--name", "Ana Q", "--json"))
    line = one_line_error(cli("client", "update", str(other["id"]), "--a-number", "A201555731"))
    assert "already recorded (id 1)" in line and "201555731" not in line
    ok_json(cli("client", "update", ref, "--phone", "203-555-0101", "--json"))
    line = one_line_error(
        cli("client", "update", ref, "--phone", "203-555-0102", "--version", str(version))
    )
    assert "someone else changed this client" in line
    assert _opened(cli, ref)["phone"] == "203-555-0101"
