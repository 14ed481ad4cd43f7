"""``casekit law check``: what the law pack in force would change, matter by matter.

When the shipped pack is updated or a firm edits ``law.local.toml`` / ``rules.local.toml``, every
open matter is re-screened and its deadlines recomputed against the current pack, and the
differences are shown (decision, reasons, claims, deadlines). Nothing moves until the attorney
accepts, exactly like a deadline recompute: :func:`law_check_apply` stores the new screenings,
applies the deadline changes, stamps the current version on the matter's results and records the
accepted version in the firm settings (so the audit log has it), all in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from casekit.errors import ConflictError
from casekit.services.casefile.stored_screenings import current_in, screen_matter_in, store_in
from casekit.services.deadlines.court_calendar import court_calendar_in
from casekit.services.deadlines.facts import live_rows, load_matters
from casekit.services.deadlines.preview import diff_matter
from casekit.services.deadlines.recompute import apply_diff_in
from casekit.services.law.rules import law_pack
from casekit.services.plain import PlainResult
from casekit.store import repo
from casekit.store.repos import law as law_repo

if TYPE_CHECKING:
    from casekit.domain.screening import ScreeningResult
    from casekit.services.base import AppContext
    from casekit.services.casefile.stored_screenings import StoredScreening
    from casekit.services.deadlines.results import RecomputeDiff
    from casekit.store.repos.law import Session

#: The firm settings that record the law pack version an attorney last accepted, and the firm's
#: overrides it included (so the audit log shows what was accepted, and by whom).
ACCEPTED_KEY = "law.accepted_version"
OVERRIDES_KEY = "law.accepted_overrides"
_CLOSED = ("closed", "declined")


@dataclass(frozen=True)
class ScreeningChange(PlainResult):
    """How one incident's screening would change.

    Attributes:
        incident_id: The incident.
        old_decision: The stored decision (None when none was stored).
        new_decision: The decision under the current pack.
        old_version: The pack version the stored screening came from ("" when none).
        reasons_added: Reason codes the current pack gives that the stored one did not.
        reasons_removed: Reason codes that go.
        confidence_changed: ``(code, old, new)`` for reasons whose confidence changes.
        claims_changed: ``(claim, old status, new status)``.
    """

    incident_id: int | None
    old_decision: str | None
    new_decision: str
    old_version: str
    reasons_added: tuple[str, ...]
    reasons_removed: tuple[str, ...]
    confidence_changed: tuple[tuple[str, str, str], ...]
    claims_changed: tuple[tuple[str, str, str], ...]

    @property
    def changed(self) -> bool:
        return bool(
            self.old_decision != self.new_decision
            or self.reasons_added
            or self.reasons_removed
            or self.confidence_changed
            or self.claims_changed
        )

    def signature(self) -> tuple[Any, ...]:
        return (
            self.incident_id,
            self.old_decision,
            self.new_decision,
            self.reasons_added,
            self.reasons_removed,
            self.confidence_changed,
            self.claims_changed,
        )


@dataclass(frozen=True)
class MatterLawCheck:
    """One matter: its stored versions, and what the current pack would change."""

    matter: str
    matter_id: int
    stored_versions: tuple[str, ...]
    screening: tuple[ScreeningChange, ...]
    deadlines: RecomputeDiff

    @property
    def has_changes(self) -> bool:
        return any(c.changed for c in self.screening) or self.deadlines.has_changes

    def signature(self) -> tuple[Any, ...]:
        return (
            self.matter_id,
            tuple(c.signature() for c in self.screening if c.changed),
            self.deadlines.signature(),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "matter": self.matter,
            "stored_versions": list(self.stored_versions),
            "screening": [c.to_dict() for c in self.screening if c.changed],
            "deadlines": self.deadlines.to_dict(),
        }


@dataclass(frozen=True)
class LawCheckReport(PlainResult):
    """The law check of every open matter (or one).

    Attributes:
        law_version: The version of the pack in force.
        accepted_version: The version an attorney last accepted ("" when never).
        overrides: What the firm's overrides change, one line each.
        checked: How many matters were checked.
        outdated: Matters whose stored results came from another pack version.
        matters: The matters whose results would change.
    """

    law_version: str
    accepted_version: str
    overrides: tuple[str, ...]
    checked: int
    outdated: tuple[str, ...]
    matters: tuple[MatterLawCheck, ...]

    @property
    def has_changes(self) -> bool:
        return bool(self.matters) or bool(self.outdated)

    def signature(self) -> tuple[Any, ...]:
        return (self.law_version, tuple(m.signature() for m in self.matters))


def law_check(svc: AppContext, matter: str | None = None) -> LawCheckReport:
    """Re-screen and recompute every open matter (or one) against the pack in force; nothing is
    written.

    Raises:
        NotFound: Unknown matter.
        InvalidInput: A firm override file is invalid.
    """
    with svc.transaction() as session:
        report, _ = _check_in(session, svc, matter)
        return report


def law_check_apply(
    svc: AppContext, matter: str | None = None, *, expected: LawCheckReport | None = None
) -> LawCheckReport:
    """Accept the current pack for every open matter (or one), in one transaction.

    Stores the new screenings, applies the deadline changes (moved, added, superseded,
    restated), stamps the current law version on the matters' open computed deadlines, and
    records the accepted version in the firm settings (audited).

    Args:
        svc: The services.
        matter: One matter number, or None for every open matter.
        expected: The report the attorney saw; when given, the check must still give exactly
            that, or nothing is applied.

    Raises:
        ConflictError: Something changed since the report was shown: check again.
    """
    today = svc.today()
    with svc.transaction() as session:
        report, details = _check_in(session, svc, matter)
        if expected is not None and expected.signature() != report.signature():
            raise ConflictError(
                "the matters or the law pack changed since the check was shown; run the law "
                "check again before accepting it"
            )
        version = report.law_version
        for matter_id, results, diff, plan in details.values():
            store_in(session, matter_id, results, today=today, actor=svc.actor)
            if diff.has_changes:
                apply_diff_in(session, svc, matter_id, diff, plan, version=version)
            law_repo.stamp_version(
                session=session, matter_id=matter_id, version=version, now=datetime.now(UTC)
            )
        repo.put_setting(session=session, key=ACCEPTED_KEY, value=version)
        repo.put_setting(session=session, key=OVERRIDES_KEY, value="\n".join(report.overrides))
        return report


# --- the check ----------------------------------------------------------------------------------


def _check_in(
    session: Session, svc: AppContext, matter: str | None
) -> tuple[LawCheckReport, dict[str, tuple[int, list[Any], RecomputeDiff, dict[str, Any]]]]:

    pack = law_pack(svc)
    version = pack.version.label
    calendar = court_calendar_in(session)
    today = svc.today()
    if matter is not None:
        found = repo.get_matter(session=session, number=matter)
        matters = [(int(found.id or 0), found.number)]
    else:
        matters = law_repo.open_matters(session=session, closed=_CLOSED)
    ids = [m for m, _ in matters]
    bulk = len(ids) > 500
    data = load_matters(session, None if bulk else ids)
    rows = live_rows(session, None if bulk else ids)
    stored = current_in(session, ids)
    deadline_versions = law_repo.deadline_versions(session=session, matter_ids=ids)
    cache: dict[Any, Any] = {}
    changed: list[MatterLawCheck] = []
    outdated: list[str] = []
    details: dict[str, tuple[int, list[Any], RecomputeDiff, dict[str, Any]]] = {}
    for matter_id, number in matters:
        results = screen_matter_in(session, matter_id, pack=pack, calendar=calendar, today=today)
        before = stored.get(matter_id, [])
        screening = tuple(_compare(before, results))
        item = data.get(matter_id)
        if item is None:
            continue
        diff, plan = diff_matter(item, rows.get(matter_id, []), pack.rules, calendar, today, cache)
        versions = tuple(
            sorted({s.law_version for s in before} | deadline_versions.get(matter_id, set()))
        )
        check = MatterLawCheck(number, matter_id, versions, screening, diff)
        stale = any(v != version for v in versions) or len(before) < len(results)
        if check.has_changes:
            changed.append(check)
        if stale:
            outdated.append(number)
        if check.has_changes or stale:
            details[number] = (matter_id, list(results), diff, plan)
    report = LawCheckReport(
        law_version=version,
        accepted_version=repo.settings_map(session=session).get(ACCEPTED_KEY, ""),
        overrides=pack.overrides,
        checked=len(matters),
        outdated=tuple(outdated),
        matters=tuple(changed),
    )
    return report, details


def _compare(
    before: Sequence[StoredScreening], results: Sequence[tuple[int, ScreeningResult]]
) -> list[ScreeningChange]:
    stored = {s.incident_id: s for s in before}
    out = []
    for incident_id, result in results:
        old = stored.get(incident_id)
        new = result.to_dict()
        old_reasons = {r["code"]: r.get("confidence", "") for r in (old.reasons if old else ())}
        new_reasons = {r["code"]: r["confidence"] for r in new["reasons"]}
        old_claims = {c["claim"]: c.get("status", "") for c in (old.claims if old else ())}
        new_claims = {c["claim"]: c["status"] for c in new["claims"]}
        out.append(
            ScreeningChange(
                incident_id=incident_id,
                old_decision=old.decision if old else None,
                new_decision=result.trust_act_action,
                old_version=old.law_version if old else "",
                reasons_added=tuple(c for c in new_reasons if c not in old_reasons),
                reasons_removed=tuple(c for c in old_reasons if c not in new_reasons),
                confidence_changed=tuple(
                    (c, old_reasons[c], new_reasons[c])
                    for c in new_reasons
                    if c in old_reasons and old_reasons[c] != new_reasons[c]
                ),
                claims_changed=tuple(
                    (c, old_claims.get(c, ""), s)
                    for c, s in new_claims.items()
                    if old_claims.get(c, "") != s
                ),
            )
        )
    return out
