"""``matter add --clear-conflicts`` and ``conflicts --log`` (issue 15 item 2)."""

from __future__ import annotations

from typing import Any

from casekit.store import models as m
from tests.cli.commands.conftest import ok_json, one_line_error
from tests.services.conftest import count_rows

MATTER = ("--incident-date", "2026-01-10", "--town", "Danbury",
          "--agency", "Danbury Police Department")  # fmt: skip


def _witness_elsewhere(cli: Any) -> str:
    """Client 1 with a matter and a witness "Carlos Mendez" on it; client 2 "Carlos Mendes"."""
    ok_json(cli("client", "add", "--name", "Rosa Delgado", "--json"))
    first = ok_json(cli("matter", "add", "--client", "1", *MATTER, "--json"))["number"]
    assert cli("party", "add", first, "--role", "witness", "--name", "Carlos Mendez").exit_code == 0
    ok_json(cli("client", "add", "--name", "Carlos Mendes", "--yes", "--json"))
    return str(first)


def test_a_witness_hit_refuses_matter_add_without_a_note(cli: Any, services: Any) -> None:
    _witness_elsewhere(cli)
    before = count_rows(services, m.Matter, m.ConflictCheck, m.AuditEvent)
    for extra in ((), ("--yes",), ("--clear-conflicts", "   ")):
        line = one_line_error(cli("matter", "add", "--client", "2", *MATTER, *extra))
        assert "1 possible conflict(s) with a defendant, witness or agency" in line
        assert "--clear-conflicts" in line and "nothing was saved" in line
        assert "Mendez" not in line and "Mendes" not in line
    assert count_rows(services, m.Matter, m.ConflictCheck, m.AuditEvent) == before


def test_a_cleared_hit_is_in_the_conflict_log(cli: Any) -> None:
    first = _witness_elsewhere(cli)
    note = "Different person: the witness is 60, our client 24"
    opened = ok_json(cli("matter", "add", "--client", "2", *MATTER,
                         "--clear-conflicts", note, "--json"))  # fmt: skip
    (entry,) = ok_json(cli("conflicts", "--log", opened["number"], "--json"))
    assert entry["decision"] == "cleared" and entry["cleared_by"] == "tester"
    assert entry["note"] == note and entry["name"] == "Carlos Mendes"
    assert [(h["name"], h["where"], h["matter"]) for h in entry["hits"]] == [
        ("Carlos Mendez", "party:witness", first)
    ]
    shown = cli("conflicts", "--log", opened["number"])
    assert shown.exit_code == 0
    assert "cleared with a note" in shown.stdout and note in shown.stdout
    assert "party:witness" in shown.stdout
    # The first matter's own check: the client had no hits then.
    (own,) = ok_json(cli("conflicts", "--log", first, "--json"))
    assert own["decision"] == "existing_client" and own["hits"] == []


def test_conflicts_needs_a_name_or_a_log(cli: Any) -> None:
    line = one_line_error(cli("conflicts"))
    assert "NAME" in line and "--log" in line
    assert "not both" in one_line_error(cli("conflicts", "Rosa", "--log", "TA-2026-0001"))
    assert "TA-2026-0099" in one_line_error(cli("conflicts", "--log", "TA-2026-0099"))
