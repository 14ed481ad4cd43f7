"""A firm's rules.local.toml in CASEKIT_HOME: applied, marked, listed; a bad file is one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import assert_one_line_error, cli, cli_json

EIGHT_MONTHS = """
[rules.CT_7465_NOTICE]
period = 8
note = "Firm policy: pending a 2026 check"
"""


def _write(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "rules.local.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_override_changes_calc_and_is_marked(casekit_home):
    before = cli_json("deadlines", "calc", "CT_7465_NOTICE", "2025-11-03")
    assert before["due"] == "2026-05-03" and before["overridden"] is False
    _write(casekit_home, EIGHT_MONTHS)
    out = cli_json("deadlines", "calc", "CT_7465_NOTICE", "2025-11-03")
    assert out["due"] == "2026-07-03"  # 8 months: a Friday, observed Independence Day
    assert out["safe_target"] == "2026-07-02"
    assert out["overridden"] is True
    assert any("Firm rule" in step and "period 6 -> 8" in step for step in out["trail"])
    text = cli("deadlines", "calc", "CT_7465_NOTICE", "2025-11-03").stdout
    assert "firm override" in text


def test_rules_list_shows_the_override(casekit_home):
    listed = cli_json("rules", "list")
    plain_version = listed["law_version"]
    rows = {r["id"]: r for r in listed["rules"]}
    assert {"id", "title", "citation", "confidence", "overridden"} <= set(rows["CT_TORT_SOL"])
    assert rows["CT_7465_NOTICE"]["overridden"] is False
    _write(casekit_home, EIGHT_MONTHS)
    listed = cli_json("rules", "list")
    assert listed["law_version"] != plain_version and listed["law_version"].endswith("+firm")
    rows = {r["id"]: r for r in listed["rules"]}
    assert rows["CT_7465_NOTICE"]["overridden"] is True
    assert rows["CT_7465_NOTICE"]["period"] == "8 months"
    assert "pending a 2026 check" in rows["CT_7465_NOTICE"]["override_note"]
    assert rows["CT_TORT_SOL"]["overridden"] is False
    assert rows["TRUST_ACT_SOL"]["verify"] is True
    text = cli("rules", "list")
    assert text.exit_code == 0 and "CT_7465_NOTICE" in text.stdout and "yes" in text.stdout
    assert text.stdout.startswith(f"law pack {listed['law_version']}")


def test_a_roll_override_moves_the_last_day(casekit_home):
    _write(casekit_home, '[rules.CT_FOI_APPEAL]\nroll = "next_business_day"\n')
    out = cli_json("deadlines", "calc", "CT_FOI_APPEAL", "2026-12-02")
    assert out["due"] == "2027-01-04"  # New Year's Day, then a weekend
    assert out["safe_target"] == "2027-01-04"


def test_a_firm_rule_can_be_added(casekit_home):
    _write(
        casekit_home,
        """
[rules.FIRM_PRESERVATION_LETTER]
title = "Send the preservation letter"
trigger = "incident date"
trigger_event = "incident"
period = 10
unit = "days"
roll = "none"
citation = "firm practice"
confidence = "unverified"
kind = "notice"
""",
    )
    out = cli_json("deadlines", "calc", "firm_preservation_letter", "2025-11-03")
    assert out["due"] == "2025-11-13" and out["verify"] is True and out["overridden"] is True


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("[rules.CT_7465_NOTICE]\nperiod = 0\n", ("rule CT_7465_NOTICE", "period")),
        ("[rules.CT_7465_NOTICE]\nperiods = 8\n", ("rule CT_7465_NOTICE", "unknown key 'periods'")),
        ('[rules.CT_7465_NOTICE]\nunit = "weeks"\n', ("unit 'weeks'",)),
        ('[rules.CT_7465_NOTICE]\nconfidence = "sure"\n', ("confidence 'sure'",)),
        ("[rules.CT_7465_NOTICE\nperiod = 8\n", ("not valid TOML",)),
        ("[rules.NEW_RULE]\nperiod = 8\n", ("new rule NEW_RULE", "missing")),
        ('[rules.CT_7465_NOTICE]\nkind = "filing"\n', ("'kind' cannot be overridden",)),
    ],
)
def test_a_bad_override_file_is_one_line_naming_file_rule_and_key(casekit_home, text, fragments):
    path = _write(casekit_home, text)
    for args in (
        ("deadlines", "calc", "CT_TORT_SOL", "2025-11-03"),
        ("rules", "list"),
    ):
        result = cli(*args)
        assert_one_line_error(result, "rules.local.toml", *fragments)
        assert str(path) in result.stderr


def test_the_file_is_read_again_when_it_changes(casekit_home):
    import os

    path = _write(casekit_home, EIGHT_MONTHS)
    assert cli_json("deadlines", "calc", "CT_7465_NOTICE", "2025-11-03")["due"] == "2026-07-03"
    path.write_text("[rules.CT_7465_NOTICE]\nperiod = 7\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert cli_json("deadlines", "calc", "CT_7465_NOTICE", "2025-11-03")["due"] == "2026-06-03"


README = Path(__file__).resolve().parents[3] / "README.md"


def _readme_rules_example() -> str:
    """The TOML block of the README's "Firm rule overrides" section, exactly as printed."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Firm rule overrides") :]
    return section.split("```toml\n", 1)[1].split("```", 1)[0]


def test_the_readme_example_works_as_written(services, casekit_home):
    from .test_matters import open_matter

    _write(casekit_home, _readme_rules_example())
    number = open_matter(services)
    rows = {r["rule_id"]: r for r in cli_json("deadlines", "list", "--matter", number)}
    letter = rows["FIRM_PRESERVATION_LETTER"]  # the new rule reaches a real matter
    assert letter["due"] == "2025-11-13" and letter["verify"] is True
    notice = rows["CT_7465_NOTICE"]
    assert notice["overridden"] is True and notice["confidence"] == "confirmed"
    listed = {r["id"]: r for r in cli_json("rules", "list")["rules"]}
    assert listed["FIRM_PRESERVATION_LETTER"]["planned"] is True


#: Every command that computes, shows or moves deadlines (casekit.cli.base.RULE_COMMANDS),
#: each with arguments it would otherwise accept.
DEADLINE_COMMANDS = [
    ("deadlines", "list"),
    ("deadlines", "calc", "CT_TORT_SOL", "2025-11-03"),
    ("deadlines", "recompute", "TA-2026-0001"),
    ("deadlines", "done", "1", "--reason", "filed"),
    ("deadlines", "add", "TA-2026-0001", "--title", "Hearing", "--due", "2026-07-01"),
    ("deadlines", "triggers", "TA-2026-0001", "--dismissal", "2026-05-01"),
    ("rules", "list"),
    ("report", "deadlines"),
    ("report", "no-deadline"),
    ("remind",),
    ("export", "ics", "--output", "x.ics"),
    ("calendar", "close", "2026-07-06", "--reason", "storm"),
    ("calendar", "reopen", "2026-07-06"),
    ("matter", "add", "--client", "1", "--incident-date", "2026-05-01", "--town", "Hartford",
     "--agency", "Hartford Police Department"),
    ("matter", "update", "TA-2026-0001", "--incident-date", "2026-05-02"),
    ("matter", "show", "TA-2026-0001"),
    ("custody", "list", "TA-2026-0001"),
    ("custody", "add", "TA-2026-0001", "--kind", "release", "--at", "2026-05-02T10:00"),
    ("party", "add", "TA-2026-0001", "--role", "defendant", "--town", "Avon"),
    ("party", "remove", "1"),
    ("records", "list"),
    ("generate", "demand-letter", "TA-2026-0001"),
    ("demo", "--no-tui"),
]  # fmt: skip


@pytest.mark.parametrize(
    "args", DEADLINE_COMMANDS, ids=[" ".join(a[:2]) for a in DEADLINE_COMMANDS]
)
def test_a_bad_file_stops_every_deadline_command(services, casekit_home, args):
    from .test_matters import open_matter

    assert open_matter(services) == "TA-2026-0001"
    _write(casekit_home, "[rules.CT_7465_NOTICE]\nperiod = 0\n")
    result = cli(*args)
    assert_one_line_error(result, "rules.local.toml", "CT_7465_NOTICE", "period")
    assert result.stdout == ""


def test_other_commands_and_help_still_work_with_a_bad_file(services, casekit_home):
    _write(casekit_home, "[rules.CT_7465_NOTICE]\nperiod = 0\n")
    assert cli("client", "list").exit_code == 0
    assert cli("towns").exit_code == 0
    assert cli("deadlines", "list", "--help").exit_code == 0
    assert cli("calendar", "2026-07-06").exit_code == 0


def test_the_rule_commands_are_the_ones_the_tests_run():
    from casekit.cli.base import RULE_COMMANDS

    covered = {a[:1] for a in DEADLINE_COMMANDS} | {a[:2] for a in DEADLINE_COMMANDS}
    assert RULE_COMMANDS <= covered
