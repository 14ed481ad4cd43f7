"""``casekit law check``: after a firm override, the affected matters are shown; nothing moves
until ``--apply``, which the audit log records (issue 12 acceptance)."""

from __future__ import annotations

from typing import Any

from casekit.services.law.check import ACCEPTED_KEY, OVERRIDES_KEY

from .conftest import cli, cli_json
from .test_matters import STATE, open_matter

STATE_SUABLE = """
[defendants.state]
suable = "yes"
suable_confidence = "secondary"
note = "The firm reads the 2025 act as reaching the State"
"""


def _audit(services: Any, key: str) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from casekit.store.models import AuditEvent, Setting

    with services.transaction() as session:
        setting_ids = session.scalars(select(Setting.id).where(Setting.key == key)).all()
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "setting").order_by(AuditEvent.id)
        ).all()
        return [r.changes for r in rows if r.entity_id in setting_ids]


def test_an_override_is_shown_matter_by_matter_and_applied_only_when_accepted(
    services, casekit_home
):
    state = open_matter(services, STATE, name="Ana Lopes")
    town = open_matter(services)
    clean = cli_json("law", "check")
    assert clean["matters"] == [] and clean["outdated"] == []

    casekit_home.mkdir(parents=True, exist_ok=True)  # a PostgreSQL office has no SQLite file here
    (casekit_home / "law.local.toml").write_text(STATE_SUABLE, encoding="utf-8")
    shown = cli_json("law", "check")
    assert shown["law_version"].endswith("+firm")
    assert [m["matter"] for m in shown["matters"]] == [state]
    (change,) = shown["matters"][0]["screening"]
    assert (change["old_decision"], change["new_decision"]) == ("verify", "eligible")
    assert "DEFENDANT_STATE" in change["reasons_added"]
    assert town in shown["outdated"]  # its results carry the old version, nothing changes
    assert shown["applied"] is False
    # nothing moved: the stored screening is still the old one
    again = cli_json("law", "check")
    assert again["matters"] == shown["matters"]

    human = cli("law", "check")
    assert human.exit_code == 0
    assert f"{state} (results from" in human.stdout and "verify -> eligible" in human.stdout
    assert "to accept: casekit law check --apply" in human.stdout

    applied = cli_json("law", "check", "--apply")
    assert applied["applied"] is True
    after = cli_json("law", "check")
    assert after["matters"] == [] and after["outdated"] == []
    assert after["accepted_version"] == shown["law_version"]
    # the audit log records who accepted which version, and the overrides it included
    (version_event,) = _audit(services, ACCEPTED_KEY)
    assert version_event["value"]["after"] == shown["law_version"]
    (overrides_event,) = _audit(services, OVERRIDES_KEY)
    assert "defendants.state" in overrides_event["value"]["after"]


def test_law_show_lists_the_version_the_open_questions_and_the_overrides(casekit_home):
    plain = cli_json("law", "show")
    assert plain["overrides"] == [] and plain["law_version"].startswith("2026-12-03.")
    assert {s["id"] for s in plain["settings"]} == {"trust_act_conduct_from"}
    (casekit_home).mkdir(parents=True, exist_ok=True)
    (casekit_home / "law.local.toml").write_text(STATE_SUABLE, encoding="utf-8")
    firm = cli_json("law", "show")
    assert firm["law_version"] != plain["law_version"]
    assert any("defendants.state" in line for line in firm["overrides"])
    text = cli("law", "show")
    assert "firm overrides:" in text.stdout


def test_a_bad_law_file_stops_the_law_commands_in_one_line(casekit_home):
    casekit_home.mkdir(parents=True, exist_ok=True)
    (casekit_home / "law.local.toml").write_text("[reach.V1.E1]\neffect = 'maybe'\n", "utf-8")
    for args in (
        ("law", "show"),
        (
            "screen",
            "--incident-date",
            "2026-01-10",
            "--actor",
            "municipal_police",
            "--violation",
            "V1",
        ),
    ):
        result = cli(*args)
        assert result.exit_code == 2
        assert result.stderr.strip().count("\n") == 0
        assert "law.local.toml: reach.V1.E1: effect 'maybe'" in result.stderr
