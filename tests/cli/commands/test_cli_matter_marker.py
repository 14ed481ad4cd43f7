"""``casekit matter show`` says when the deadlines are out of date (an incident change whose
recompute was not accepted), in words and as ``marker`` in ``--json``; accepting clears it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from casekit.services import casefile as timeline
from casekit.services import clients, matters
from tests.cli.commands.conftest import TODAY, ok_json

Cli = Callable[..., Any]


def test_matter_show_tells_the_deadlines_are_out_of_date(cli: Cli, services: Any) -> None:
    clients.add_client(services, name="María Pérez-Gómez")
    number = matters.add_matter(
        services,
        client="María Pérez-Gómez",
        incident_date="2025-11-03",
        town="Danbury",
        agency="Danbury Police Department",
        violations=["V1_DETAIN_ON_DETAINER"],
    ).number
    shown = ok_json(cli("matter", "show", number, "--json"))
    assert shown["marker"] is None
    assert "out of date" not in cli("matter", "show", number).stdout

    diff = timeline.update_incident(services, number, occurred_on="2025-11-04")
    assert diff.moved
    human = cli("matter", "show", number)
    assert human.exit_code == 0, human.output
    line = f"Deadlines out of date: incident changed on {TODAY} (incident date 2025-11-03 → "
    assert line + "2025-11-04)" in human.stdout
    assert f"casekit deadlines recompute {number} --apply" in human.stdout
    marker = ok_json(cli("matter", "show", number, "--json"))["marker"]
    assert marker["changed_on"] == TODAY and marker["cause"].startswith("incident date")
    assert marker["text"].startswith(f"out of date: incident changed on {TODAY}")
    assert set(marker["deadline_ids"]) == {c.deadline_id for c in diff.moved}

    ok_json(cli("deadlines", "recompute", number, "--apply", "--json"))
    assert ok_json(cli("matter", "show", number, "--json"))["marker"] is None
    assert "out of date" not in cli("matter", "show", number).stdout
