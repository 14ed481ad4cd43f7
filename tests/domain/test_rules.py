"""Rules as data and a firm's overrides."""

from __future__ import annotations

import tomllib
from datetime import date
from importlib.resources import files

import pytest

from casekit.domain.calendar import CourtCalendar
from casekit.domain.deadlines import compute
from casekit.domain.lawpack import local_rules
from casekit.domain.model import CONFIDENCES
from casekit.domain.rules import KINDS, ROLLS, TRIGGER_EVENTS, UNITS
from casekit.errors import InvalidInput, NotFound

# trust-act.md § 3, column by column: id -> (period, unit, roll, citation, confidence)
TABLE = {
    "CT_TORT_SOL": (3, "years", "none", "§ 52-577", "confirmed"),
    "CT_NEGLIGENCE_SOL": (2, "years", "none", "§ 52-584", "confirmed"),
    "FED_1983_SOL": (3, "years", "none", "§ 52-577 via Lounsbury", "confirmed"),
    "CT_7465_NOTICE": (6, "months", "none", "§ 7-465(a)", "confirmed"),
    "CT_7465_SUIT": (2, "years", "none", "§ 7-465(a)", "confirmed"),
    "CT_52571K_SOL": (1, "years", "none", "§ 52-571k", "secondary"),
    "CT_CLAIMS_COMMISSIONER": (1, "years", "none", "§ 4-148(a)", "confirmed"),
    "CT_4160_SUIT": (1, "years", "none", "§ 4-160(d)", "confirmed"),
    "TRUST_ACT_SOL": (3, "years", "none", "§ 54-192h (2025); § 52-577", "unknown"),
    "CT_FOI_RESPONSE": (4, "business_days", "n/a", "§ 1-206(a)", "confirmed"),
    "CT_FOI_APPEAL": (30, "days", "none", "§ 1-206(b)(1)", "confirmed"),
    "CT_SAVINGS_REFILE": (1, "years", "none", "§ 52-592", "confirmed"),
    "CT_MARSHAL_SERVICE": (30, "days", "none", "§ 52-593a", "confirmed"),
    "CT_RETURN_DATE_MAX": (2, "latest_tuesday_months", "n/a", "§ 52-48", "confirmed"),
    "CT_RETURN_TO_COURT": (7, "days_before", "n/a", "§ 52-46a", "confirmed"),
    "CT_SERVICE_BEFORE_RETURN": (12, "days_before", "n/a", "§ 52-46", "confirmed"),
    "FED_DETAINER_48H": (
        48,
        "hours_excluding_weekends_holidays",
        "n/a",
        "8 C.F.R. § 287.7(d)",
        "confirmed",
    ),
    # Fee motions (issue 18; sources in rules.toml, not trust-act.md).
    "CT_FEE_MOTION": (30, "days", "none", "Practice Book § 11-21", "secondary"),
    "FED_FEE_MOTION": (14, "days", "none", "Fed. R. Civ. P. 54(d)(2)(B)(i)", "secondary"),
}


def test_every_rule_of_the_table_ships_exactly(rules):
    assert set(rules) == set(TABLE)
    for rule_id, (period, unit, roll, citation, confidence) in TABLE.items():
        rule = rules.get(rule_id)
        assert (rule.period, rule.unit, rule.roll, rule.confidence) == (
            period,
            unit,
            roll,
            confidence,
        )
        assert rule.citation.startswith(citation)
        assert rule.title and rule.trigger and rule.kind in KINDS
        assert rule.trigger_event in TRIGGER_EVENTS
        assert not rule.overridden and rule.override_note == ""


def test_shipped_data_uses_only_known_words():
    doc = tomllib.loads(files("casekit.domain").joinpath("data", "rules.toml").read_text("utf-8"))
    for row in doc["rule"]:
        assert row["unit"] in UNITS and row["roll"] in ROLLS and row["confidence"] in CONFIDENCES


def test_kinds(rules):
    limitation = {r.id for r in rules.values() if r.kind == "limitation"}
    assert limitation == {
        "CT_TORT_SOL",
        "CT_NEGLIGENCE_SOL",
        "FED_1983_SOL",
        "CT_7465_SUIT",
        "CT_52571K_SOL",
        "CT_4160_SUIT",
        "TRUST_ACT_SOL",
        "CT_SAVINGS_REFILE",
    }
    assert rules.get("FED_DETAINER_48H").kind == "measure"
    assert rules.get("CT_7465_NOTICE").kind == "notice"


def test_valid_override_marks_the_rule():
    local = """
[rules.CT_7465_NOTICE]
period = 4
unit = "months"
roll = "none"
confidence = "secondary"
note = "Firm policy: file early"
"""
    rules = local_rules(local)
    rule = rules.get("CT_7465_NOTICE")
    assert rule.overridden and rule.period == 4 and rule.confidence == "secondary"
    assert "rules.local.toml" in rule.override_note
    assert "period 6 -> 4" in rule.override_note and "Firm policy: file early" in rule.override_note
    assert [r.id for r in rules.overridden] == ["CT_7465_NOTICE"]
    assert not rules.get("CT_TORT_SOL").overridden
    result = compute(rule, date(2025, 11, 3), CourtCalendar())
    assert result.overridden and result.due == date(2026, 3, 3)
    assert any(
        step.startswith("Firm rule: overridden in rules.local.toml") for step in result.trail
    )
    assert result.to_dict()["overridden"] is True


def test_override_with_same_values_and_no_note_is_not_an_override():
    rules = local_rules("[rules.CT_TORT_SOL]\nperiod = 3\n")
    assert not rules.get("CT_TORT_SOL").overridden


def test_new_rule_is_added_and_marked():
    local = """
[rules.FIRM_PRESERVATION]
title = "Send the preservation letter"
trigger = "incident date"
trigger_event = "incident"
period = 10
unit = "days"
roll = "next_business_day"
citation = "firm practice"
confidence = "unverified"
kind = "notice"
applies_when = { always = true }
"""
    rules = local_rules(local, source="/firm/rules.local.toml")
    rule = rules.get("FIRM_PRESERVATION")
    assert rule.overridden and rule.override_note == "added in /firm/rules.local.toml"
    assert rule.applies_when.always
    assert len(rules) == len(TABLE) + 1


def test_empty_local_file_changes_nothing(rules):
    assert dict(local_rules("")) == dict(rules)
    assert dict(local_rules("# nothing yet\n")) == dict(rules)


def test_rule_ids_in_overrides_are_case_insensitive():
    assert local_rules("[rules.ct_tort_sol]\nperiod = 4\n").get("CT_TORT_SOL").period == 4


NEW_RULE = """[rules.FIRM_X]
title = "t"
trigger = "t"
trigger_event = "incident"
period = 1
unit = "days"
roll = "none"
citation = "c"
confidence = "unverified"
kind = "notice"
"""

INVALID = [
    (
        "[rules.CT_7465_NOTICE]\nperiods = 6\n",
        "rule CT_7465_NOTICE: unknown key 'periods' (allowed: title, trigger, period, "
        "unit, roll, citation, confidence, accrual_confidence, counting_confidence, "
        "applies_when, notes, caveat, note)",
    ),
    (
        '[rules.CT_7465_NOTICE]\nunit = "weeks"\n',
        "rule CT_7465_NOTICE: unit 'weeks' is not one of days, business_days, months, "
        "years, hours_excluding_weekends_holidays, latest_tuesday_months, days_before",
    ),
    (
        '[rules.CT_7465_NOTICE]\nroll = "previous"\n',
        "rule CT_7465_NOTICE: roll 'previous' is not one of none, next_business_day, n/a",
    ),
    (
        '[rules.CT_7465_NOTICE]\nconfidence = "certain"\n',
        "rule CT_7465_NOTICE: confidence 'certain' is not one of confirmed, secondary, "
        "unverified, unknown",
    ),
    (
        "[rules.CT_7465_NOTICE]\nperiod = 0\n",
        "rule CT_7465_NOTICE: period must be positive, got 0",
    ),
    (
        "[rules.CT_7465_NOTICE]\nperiod = -3\n",
        "rule CT_7465_NOTICE: period must be positive, got -3",
    ),
    (
        '[rules.CT_7465_NOTICE]\nperiod = "6"\n',
        "rule CT_7465_NOTICE: period must be a whole number, got '6'",
    ),
    (
        "[rules.CT_7465_NOTICE]\nperiod = 1.5\n",
        "rule CT_7465_NOTICE: period must be a whole number, got 1.5",
    ),
    (
        '[rules.CT_7465_NOTICE]\ntrigger_event = "release"\n',
        "rule CT_7465_NOTICE: key 'trigger_event' cannot be overridden",
    ),
    (
        '[rules.FED_DETAINER_48H]\nunit = "days"\n',
        "rule FED_DETAINER_48H: unit 'days' would change the trigger from a date and "
        "time; add a new rule instead",
    ),
    (
        '[rules.FIRM_X]\ntitle = "Something"\nperiod = 3\n',
        "new rule FIRM_X is missing trigger, trigger_event, unit, roll, citation, confidence, kind",
    ),
    (
        NEW_RULE.replace('kind = "notice"', 'kind = "reminder"'),
        "new rule FIRM_X: kind 'reminder' is not one of limitation, notice, filing, foi, "
        "return, measure",
    ),
    (
        NEW_RULE.replace('trigger_event = "incident"', 'trigger_event = "arrest"'),
        "new rule FIRM_X: trigger_event 'arrest' is not one of incident, release, "
        "foi_received, foi_denial, authorization, dismissal, marshal_delivery, process, "
        "return_date, "
        "release_time, state_judgment, federal_judgment",
    ),
    (
        NEW_RULE + "colour = 'red'\n",
        "new rule FIRM_X: unknown key 'colour' (allowed: title, trigger, trigger_event, "
        "period, unit, roll, citation, confidence, kind, applies_when, notes, caveat, "
        "accrual_confidence, counting_confidence, readings, note)",
    ),
    (
        NEW_RULE.replace("[rules.FIRM_X]", "[rules.X]"),
        "rule id 'X' must be capital letters, digits and '_'",
    ),
    (
        NEW_RULE.replace('citation = "c"', 'citation = ""'),
        "new rule FIRM_X: citation must not be empty",
    ),
    (
        "[rules.CT_TORT_SOL]\napplies_when = { claims = ['negligence'] }\n",
        "rule CT_TORT_SOL: applies_when.claims 'negligence' is not one of trust_act, "
        "section_1983, section_52_571k, false_imprisonment_7465, claims_commissioner, "
        "personal_data_4197",
    ),
    (
        "[rules.CT_TORT_SOL]\napplies_when = { when = true }\n",
        "rule CT_TORT_SOL: unknown key 'applies_when.when' (allowed: always, claims, "
        "defendants, incident_on_or_after, per_defendant)",
    ),
    (
        "[rules.CT_TORT_SOL]\napplies_when = { incident_on_or_after = 'soon' }\n",
        "rule CT_TORT_SOL: applies_when.incident_on_or_after must be a YYYY-MM-DD date or the "
        "id of a law-pack date, not 'soon'",
    ),
    (
        "[deadlines.CT_TORT_SOL]\nperiod = 2\n",
        "unknown table 'deadlines' (expected [rules.<RULE_ID>] tables)",
    ),
    ("[rules]\nCT_TORT_SOL = 3\n", "rules.CT_TORT_SOL must be a table"),
    ("[rules.CT_TORT_SOL]\nnote = 3\n", "rule CT_TORT_SOL: note must be text"),
]


@pytest.mark.parametrize(
    ("text", "message"), INVALID, ids=[m.split(": ", 1)[-1][:40] for _, m in INVALID]
)
def test_invalid_override_errors(text, message):
    with pytest.raises(InvalidInput) as err:
        local_rules(text)
    assert str(err.value) == "rules.local.toml: " + message
    assert "\n" not in str(err.value)


def test_bad_toml_is_one_line_naming_the_file():
    with pytest.raises(InvalidInput) as err:
        local_rules("[rules.CT_TORT_SOL\nperiod = 3", source="/firm/rules.local.toml")
    message = str(err.value)
    assert message.startswith("/firm/rules.local.toml: not valid TOML: ")
    assert "\n" not in message


def test_get_unknown_rule():
    with pytest.raises(
        NotFound, match=r"^unknown rule 'CT_NOPE' \(known: CT_TORT_SOL, .*FED_DETAINER_48H, .*\)$"
    ):
        local_rules().get("CT_NOPE")


def test_applies_when_parsed(rules):
    k = rules.get("CT_52571K_SOL").applies_when
    assert k.defendants == ("police_officer",) and k.claims == ("section_52_571k",)
    assert k.incident_on_or_after is not None
    assert (k.incident_on_or_after.day, k.incident_on_or_after.id) == (
        date(2021, 7, 1),
        "SECTION_52571K",
    )
    assert k.incident_on_or_after.confidence == "secondary"
    assert rules.get("CT_7465_NOTICE").applies_when.per_defendant
    assert not rules.get("CT_NEGLIGENCE_SOL").applies_when.planned
    assert not rules.get("FED_DETAINER_48H").applies_when.planned
