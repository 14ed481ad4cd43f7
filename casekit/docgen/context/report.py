"""The context of the ``report-deadlines`` template (:func:`build_report_context`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from casekit.docgen.context.people import _firm
from casekit.domain.lawpack import default_rules
from casekit.domain.model import (
    DeadlineView,
    Firm,
)
from casekit.domain.reminders import current_tier, tiers_for
from casekit.errors import InvalidInput


def build_report_context(
    firm: Firm,
    today: date,
    deadlines: Iterable[tuple[str, str, DeadlineView]],
    no_deadline: Iterable[tuple[str, str]] = (),
    *,
    days: int = 30,
    lang: str = "en",
    title: str = "Deadline reminders",
) -> dict[str, Any]:
    """The context for ``report-deadlines``.

    Args:
        firm: the letterhead.
        today: the report date; rows are grouped relative to it.
        deadlines: ``(matter number, client name, deadline)`` for every deadline to consider;
            only open ones due within ``days`` (or overdue) are listed.
        no_deadline: ``(matter number, client name)`` of open matters with no open deadline.
        days: the horizon of the last section ("Next 30 days").
        lang: the report language (English only ships).
        title: the report title.

    Like the services report, sections are measured against the **safe target** (the last
    business day on or before the legal last day, trust-act.md § 3): Overdue (safe target
    passed), Today, This week (the next seven days), Next N days (the rest of the horizon). Each
    row is ``{matter, client, title, due, safe_target, days_left, citation, verify, tier}``:
    ``days_left`` counts to the safe target, ``verify`` is ``"verify"`` for a rule that is not
    confirmed, and ``tier`` is the current reminder tier (days-before, from
    :mod:`casekit.domain.reminders`, or ``""`` when none applies).
    """

    rules = default_rules()
    if days < 1:
        raise InvalidInput("the report horizon must be at least one day")
    buckets: list[tuple[str, list[dict[str, Any]]]] = [
        ("Overdue", []),
        ("Today", []),
        ("This week", []),
        (f"Next {days} days", []),
    ]
    rows = sorted(
        ((m, c, d) for m, c, d in deadlines if d.status == "open"),
        key=lambda row: (row[2].safe_target, row[2].due, row[0]),
    )
    for matter_number, client_name, d in rows:
        left = (d.safe_target - today).days
        kind = rules[d.rule_id].kind if d.rule_id in rules else ""  # a firm's own rule: short
        tier = current_tier(d.safe_target, today, tiers_for(kind))
        if left > days:
            continue
        index = 0 if left < 0 else 1 if left == 0 else 2 if left <= 7 else 3
        buckets[index][1].append(
            {
                "matter": matter_number,
                "client": client_name,
                "title": d.title,
                "due": d.due,
                "safe_target": d.safe_target,
                "days_left": left,
                "citation": d.citation,
                "verify": "verify" if d.verify else "",
                "tier": "" if tier is None else tier,
            }
        )
    return {
        "lang": lang,
        "today": today,
        "document": {"name": "report-deadlines", "title": title},
        "firm": _firm(firm),
        "title": title,
        "horizon_days": days,
        "sections": [{"title": t, "rows": r} for t, r in buckets],
        "no_deadline": [
            {"matter": m, "client": c} for m, c in sorted(no_deadline, key=lambda row: row[0])
        ],
    }
