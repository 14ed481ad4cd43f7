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
