"""Refusals: the rule of ``pleading.toml`` that refuses a count or a notice, with its words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from casekit.domain.lawpack import LawPack
from casekit.domain.pleading.model import Refusal


def _refuse(law: LawPack, subject: str, rule_id: str, detail: str = "") -> Refusal:
    rule = law.pleading.rule(rule_id)
    return Refusal(subject, rule.id, rule.text, rule.citation, rule.confidence, detail)


# --- counts -------------------------------------------------------------------------------------


def _status_refusal(claim_id: str, results: Sequence[Any], law: LawPack) -> Refusal | None:
    statuses = [s for r in results for s in r.claims if s.claim == claim_id]
    if not statuses or any(s.offered or s.status == "optional" for s in statuses):
        return None
    expired = [s for s in statuses if s.status == "expired"]
    if expired:
        limit = expired[0].limitation
        detail = f"{limit.rule_id} ended on {limit.due.isoformat()}" if limit else ""
        return _refuse(law, claim_id, "CLAIM_EXPIRED", detail)
    note = statuses[0].note.split(";")[0].removeprefix("Not available: ")
    return _refuse(law, claim_id, "CLAIM_NOT_AVAILABLE", note[:160])
