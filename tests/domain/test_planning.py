"""Deadlines per matter, and what a recompute changes."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.domain.calendar import CourtCalendar
from casekit.domain.lawpack import local_rules
from casekit.domain.planning import (
    Defendant,
    ExistingDeadline,
    PlanningFacts,
    RecordsRequestFacts,
    diff_deadlines,
    plan_deadlines,
)
from casekit.errors import InvalidInput

TODAY = date(2026, 1, 1)


def by_key(planned):
    return {p.key: p for p in planned}


@pytest.fixture()
def municipal_matter():
    return PlanningFacts(
        incident_date=date(2025, 11, 3),
        release_date=date(2025, 11, 6),
        claims=("trust_act", "section_1983", "false_imprisonment_7465"),
        defendants=(Defendant("municipal", "p1"), Defendant("police_officer", "p2")),
        records_requests=(RecordsRequestFacts("r1", received=date(2025, 11, 10)),),
    )


def test_municipal_matter(municipal_matter, rules, court):
    planned = by_key(plan_deadlines(municipal_matter, rules, court, TODAY))
    expected = {
        "CT_TORT_SOL:incident": ("2028-11-03", "2028-11-03"),
        # both accrual readings; the incident-date reading is the earlier (trust-act.md § 4)
        "FED_1983_SOL:release": ("2028-11-03", "2028-11-03"),
        "CT_7465_NOTICE:incident:p1": ("2026-05-03", "2026-05-01"),
        "CT_7465_SUIT:incident:p1": ("2027-11-03", "2027-11-03"),
        "CT_52571K_SOL:incident:p2": ("2026-11-03", "2026-11-03"),
        "TRUST_ACT_SOL:incident": ("2028-11-03", "2028-11-03"),
        # received Mon 2025-11-10; Tue 11-11 is Veterans Day
        "CT_FOI_RESPONSE:foi_received:r1": ("2025-11-17", "2025-11-17"),
        # no answer: deemed denied on the 4th business day, + 30 days
        "CT_FOI_APPEAL:foi_denial:r1": ("2025-12-17", "2025-12-17"),
    }
    assert {
        k: (p.due.isoformat(), p.safe_target.isoformat()) for k, p in planned.items()
    } == expected
    assert planned["CT_FOI_RESPONSE:foi_received:r1"].expired
    assert planned["CT_FOI_APPEAL:foi_denial:r1"].expired
    assert not planned["CT_TORT_SOL:incident"].expired
    assert any("Expired" in s for s in planned["CT_FOI_APPEAL:foi_denial:r1"].trail)
    assert any(
        "deemed denied on 2025-11-17" in s for s in planned["CT_FOI_APPEAL:foi_denial:r1"].trail
    )
    accrual = planned["FED_1983_SOL:release"].trail
    assert any("accrual on release" in s and "2028-11-06" in s for s in accrual)
    assert planned["TRUST_ACT_SOL:incident"].verify
    assert planned["CT_7465_NOTICE:incident:p1"].subject_id == "p1"
    assert planned["CT_TORT_SOL:incident"].marshal_option


def test_sorted_by_due(municipal_matter, rules, court):
    planned = plan_deadlines(municipal_matter, rules, court, TODAY)
    assert [p.due for p in planned] == sorted(p.due for p in planned)


def test_1983_falls_back_to_the_incident_date(rules, court):
    planned = by_key(plan_deadlines(PlanningFacts(date(2025, 11, 3)), rules, court, TODAY))
    assert set(planned) == {"CT_TORT_SOL:incident", "FED_1983_SOL:release"}
    p = planned["FED_1983_SOL:release"]
    assert p.due == date(2028, 11, 3) and p.trigger == date(2025, 11, 3)
    assert any("no release date recorded" in s for s in p.trail)


def test_1983_acts_on_the_earliest_reading_and_shows_both(rules, court):
    """§ 1983 accrual has two readings (trust-act.md § 4): the incident date is the safe target
    even when a later release is recorded, and the trail shows the release reading too."""
    facts = PlanningFacts(date(2025, 11, 3), release_date=date(2026, 2, 10))
    p = by_key(plan_deadlines(facts, rules, court, TODAY))["FED_1983_SOL:release"]
    assert (p.due, p.safe_target) == (date(2028, 11, 3), date(2028, 11, 3))
    assert p.confidence == "unverified"  # accrual is unverified (weakest part)
    assert any(s.startswith("Reading used: accrual on the incident date") for s in p.trail)
    assert any("accrual on release" in s and "2029-02-10" in s for s in p.trail)


def test_state_defendant(rules, court):
    facts = PlanningFacts(
        incident_date=date(2025, 11, 3),
        defendants=("state",),
        authorization_date=date(2027, 2, 1),
    )
    planned = by_key(plan_deadlines(facts, rules, court, TODAY))
    assert planned["CT_CLAIMS_COMMISSIONER:incident"].due == date(2026, 11, 3)
    assert planned["CT_4160_SUIT:authorization"].due == date(2028, 2, 1)
    assert "CT_7465_NOTICE:incident" not in planned
    without = by_key(
        plan_deadlines(PlanningFacts(date(2025, 11, 3), defendants=("state",)), rules, court, TODAY)
    )
    assert "CT_4160_SUIT:authorization" not in without


def test_52571k_only_from_2021_07_01(rules, court):
    before = PlanningFacts(date(2021, 6, 30), defendants=("police_officer",))
    after = PlanningFacts(date(2021, 7, 1), defendants=("police_officer",))
    assert "CT_52571K_SOL:incident" not in by_key(plan_deadlines(before, rules, court, TODAY))
    planned = by_key(plan_deadlines(after, rules, court, TODAY))
    assert planned["CT_52571K_SOL:incident"].expired  # reported, not hidden


def test_trust_act_sol_only_for_the_2025_action(rules, court):
    old = PlanningFacts(date(2024, 5, 1), claims=("trust_act",))
    assert "TRUST_ACT_SOL:incident" not in by_key(plan_deadlines(old, rules, court, TODAY))


def test_one_7465_notice_per_town(rules, court):
    facts = PlanningFacts(
        date(2025, 11, 3), defendants=(Defendant("municipal", "p1"), Defendant("municipal", "p3"))
    )
    keys = set(by_key(plan_deadlines(facts, rules, court, TODAY)))
    assert {"CT_7465_NOTICE:incident:p1", "CT_7465_NOTICE:incident:p3"} <= keys
    anonymous = set(
        by_key(
            plan_deadlines(
                PlanningFacts(date(2025, 11, 3), defendants=("municipal",)), rules, court, TODAY
            )
        )
    )
    assert "CT_7465_NOTICE:incident" in anonymous


def test_claim_alone_brings_in_its_rules(rules, court):
    facts = PlanningFacts(date(2025, 11, 3), claims=("false_imprisonment_7465",))
    assert "CT_7465_NOTICE:incident" in by_key(plan_deadlines(facts, rules, court, TODAY))


def test_foi_denial_and_answer(rules, court):
    facts = PlanningFacts(
        date(2025, 11, 3),
        records_requests=(
            RecordsRequestFacts("a", received=date(2026, 1, 5), denial=date(2026, 1, 20)),
            RecordsRequestFacts("b", received=date(2026, 1, 5), answered=date(2026, 1, 7)),
        ),
    )
    planned = by_key(plan_deadlines(facts, rules, court, TODAY))
    assert planned["CT_FOI_APPEAL:foi_denial:a"].due == date(2026, 2, 19)
    assert "CT_FOI_APPEAL:foi_denial:b" not in planned
    assert "CT_FOI_RESPONSE:foi_received:b" in planned


def test_other_triggers(rules, court):
    facts = PlanningFacts(
        date(2025, 11, 3),
        dismissal_date=date(2026, 3, 15),
        marshal_delivery_date=date(2026, 11, 13),
        process_date=date(2026, 3, 10),
        return_date=date(2026, 5, 5),
    )
    planned = by_key(plan_deadlines(facts, rules, court, TODAY))
    assert planned["CT_SAVINGS_REFILE:dismissal"].due == date(2027, 3, 15)
    assert planned["CT_MARSHAL_SERVICE:marshal_delivery"].safe_target == date(2026, 12, 11)
    assert planned["CT_RETURN_DATE_MAX:process"].due == date(2026, 5, 5)
    assert planned["CT_RETURN_TO_COURT:return_date"].due == date(2026, 4, 28)
    assert planned["CT_SERVICE_BEFORE_RETURN:return_date"].due == date(2026, 4, 23)
    assert not any(k.startswith(("FED_DETAINER_48H", "CT_NEGLIGENCE_SOL")) for k in planned)


def test_firm_rule_takes_part(court):
    rules = local_rules(
        """
[rules.FIRM_PRESERVATION]
title = "Send the preservation letter"
trigger = "incident date"
trigger_event = "incident"
period = 10
unit = "days"
roll = "none"
citation = "firm practice"
confidence = "unverified"
kind = "notice"
applies_when = { always = true }
"""
    )
    planned = by_key(plan_deadlines(PlanningFacts(date(2025, 11, 3)), rules, court, TODAY))
    assert planned["FIRM_PRESERVATION:incident"].overridden


def test_to_view(municipal_matter, rules, court):
    p = by_key(plan_deadlines(municipal_matter, rules, court, TODAY))["CT_7465_NOTICE:incident:p1"]
    view = p.to_view()
    assert (view.rule_id, view.due, view.safe_target, view.status) == (
        "CT_7465_NOTICE",
        date(2026, 5, 3),
        date(2026, 5, 1),
        "open",
    )
    assert view.trigger_event == "incident" and view.trail == p.trail


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"claims": ("negligence",)}, "unknown claim 'negligence' (known: trust_act,"),
        (
            {"defendants": ("county",)},
            "unknown defendant kind 'county' (known: municipal, state, police_officer)",
        ),
        ({"defendants": (3,)}, "a defendant must be a Defendant or a defendant kind"),
    ],
)
def test_invalid_facts(kwargs, message):
    with pytest.raises(InvalidInput) as err:
        PlanningFacts(date(2025, 11, 3), **kwargs)
    assert str(err.value).startswith(message)


# --- diff ----------------------------------------------------------------------------------------


def existing(key, due, safe=None, status="open", manual=False):
    rule_id = key.split(":")[0]
    d = date.fromisoformat(due)
    return ExistingDeadline(
        key, rule_id, d, date.fromisoformat(safe) if safe else d, status, manual
    )


def test_diff(municipal_matter, rules, court):
    planned = plan_deadlines(municipal_matter, rules, court, TODAY)
    stored = [
        existing("CT_TORT_SOL:incident", "2028-11-03"),  # unchanged
        existing("CT_7465_NOTICE:incident:p1", "2026-05-04", "2026-05-04"),  # moved
        existing("CT_OLD_RULE:incident", "2026-01-01"),  # removed
        existing("CT_7465_SUIT:incident:p1", "2027-11-04", status="done"),  # frozen
        existing("CT_52571K_SOL:incident:p2", "2026-11-04", status="waived"),  # frozen
        existing("TRUST_ACT_SOL:incident", "2027-01-01", manual=True),  # manual
        existing("FIRM_MANUAL:incident", "2026-02-01", manual=True),  # manual, not planned
        existing("CT_DONE_GONE:incident", "2026-02-01", status="done"),  # done, not planned
        existing("FED_1983_SOL:release", "2028-11-01", status="superseded"),  # history
    ]
    diff = diff_deadlines(stored, planned)
    assert [m.old.key for m in diff.moved] == ["CT_7465_NOTICE:incident:p1"]
    assert diff.moved[0].new.due == date(2026, 5, 3) and diff.moved[0].new.safe_target == date(
        2026, 5, 1
    )
    assert [r.key for r in diff.removed] == ["CT_OLD_RULE:incident"]
    assert {u.key for u in diff.unchanged} == {
        "CT_TORT_SOL:incident",
        "CT_7465_SUIT:incident:p1",
        "CT_52571K_SOL:incident:p2",
        "TRUST_ACT_SOL:incident",
        "FIRM_MANUAL:incident",
        "CT_DONE_GONE:incident",
    }
    assert {a.key for a in diff.added} == {
        "FED_1983_SOL:release",
        "CT_FOI_RESPONSE:foi_received:r1",
        "CT_FOI_APPEAL:foi_denial:r1",
    }
    assert diff.has_changes


def test_diff_of_a_plan_with_itself_is_empty(municipal_matter, rules, court):
    planned = plan_deadlines(municipal_matter, rules, court, TODAY)
    stored = [ExistingDeadline(p.key, p.rule_id, p.due, p.safe_target) for p in planned]
    diff = diff_deadlines(stored, planned)
    assert not diff.has_changes and len(diff.unchanged) == len(planned)


def test_a_closure_moves_only_open_computed_deadlines(municipal_matter, rules, court):
    planned = plan_deadlines(municipal_matter, rules, court, TODAY)
    stored = [
        ExistingDeadline(
            p.key,
            p.rule_id,
            p.due,
            p.safe_target,
            status="done" if p.rule_id == "CT_7465_SUIT" else "open",
        )
        for p in planned
    ]
    storm = CourtCalendar({date(2028, 11, 3): "Storm", date(2027, 11, 3): "Storm"})
    diff = diff_deadlines(stored, plan_deadlines(municipal_matter, rules, storm, TODAY))
    moved = {m.old.key: (m.new.due, m.new.safe_target) for m in diff.moved}
    assert moved == {
        "CT_TORT_SOL:incident": (date(2028, 11, 3), date(2028, 11, 2)),
        "FED_1983_SOL:release": (date(2028, 11, 3), date(2028, 11, 2)),
        "TRUST_ACT_SOL:incident": (date(2028, 11, 3), date(2028, 11, 2)),
    }
    assert not diff.added and not diff.removed


def test_existing_status_is_checked():
    with pytest.raises(InvalidInput, match="unknown deadline status 'closed'"):
        ExistingDeadline("K", "K", date(2026, 1, 1), date(2026, 1, 1), status="closed")
