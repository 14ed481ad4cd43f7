"""The law pack in force, described for ``casekit law show`` and the TUI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from casekit.services.law.rules import law_file, law_pack

if TYPE_CHECKING:
    from casekit.services.base import AppContext


def pack_summary(svc: AppContext) -> dict[str, Any]:
    """Version, effective dates, open questions (settings), notices and the firm's overrides.

    Raises:
        InvalidInput: A firm override file is invalid.
    """
    pack = law_pack(svc)
    return {
        "name": pack.name,
        "law_version": pack.version.label,
        "digest": pack.version.digest,
        "firm_files": [
            str(path) for path in (law_file(svc), svc.settings.rules_file) if path.exists()
        ],
        "dates": [
            {
                "id": d.id,
                "date": d.date.isoformat(),
                "title": d.title,
                "citation": d.citation,
                "confidence": d.confidence,
                "overridden": d.overridden,
            }
            for d in pack.dates.values()
        ],
        "settings": [
            {
                "id": s.id,
                "title": s.title,
                "value": s.value.isoformat() if hasattr(s.value, "isoformat") else s.value,
                "confidence": s.confidence,
                "citation": s.citation,
                "overridden": s.overridden,
            }
            for s in pack.settings.values()
        ],
        "notices": [
            {"id": n.id, "text": n.text, "confidence": n.confidence, "citation": n.citation}
            for n in pack.notices
            if n.enabled
        ],
        "overrides": list(pack.overrides),
    }
