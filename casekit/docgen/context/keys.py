"""The keys a template's context has (matter and report templates), the values ``extra`` may
carry, and the template titles."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from casekit.domain.lawpack import default_pack
from casekit.errors import InvalidInput


class _Titles(Mapping[str, str]):
    """Titles of the shipped templates, from the law pack (pleading.toml ``[titles]``);
    ``templates/README.md`` lists the same. Read lazily: importing this module loads no pack."""

    def _titles(self) -> Mapping[str, str]:
        return default_pack().pleading.titles

    def __getitem__(self, key: str) -> str:
        return self._titles()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._titles())

    def __len__(self) -> int:
        return len(self._titles())


#: Titles of the shipped templates (``templates/README.md`` lists the same).
TEMPLATE_TITLES: Mapping[str, str] = _Titles()

#: What ``extra`` may carry, with meaning (module docstring has the details).
EXTRA_KEYS: dict[str, str] = {
    "filing_date": "date the complaint is filed: caption date and judicial-district day",
    "return_date": "complaint return date, computed by the caller",
    "serve_by": "last day to serve process",
    "return_to_court_by": "last day to return process to court",
    "notice_deadline": "last day for the municipal notice of intention to sue",
    "response_date": "date a letter asks for an answer by",
    "notice_7465_given_on": "date the municipal notice was filed with the clerk",
    "claims_commissioner_authorized_on": "date the Claims Commissioner authorized suit",
    "late_notice": "the attorney asked for a notice after its period ended (--late)",
    "preservation_days": "days a preservation letter gives the custodian to confirm",
    "preservation_date": "date a preservation letter asks for confirmation by",
}

#: Top-level keys of every matter template's context.
MATTER_KEYS: frozenset[str] = frozenset(
    {
        "lang", "today", "document", "firm", "attorney", "client", "matter", "incident",
        "incidents", "violations", "custody", "over_detention_hours", "defendants", "recipients",
        "municipality", "agency", "court", "caption", "complaint", "demands", "records",
        "deadlines", "upcoming_deadlines", "next_deadline", "next_steps", "drafting_notes",
        "notices", "plan", "notice", "addressees", "cc", "letter", "passed_deadlines",
    }
    | set(EXTRA_KEYS)
)  # fmt: skip

#: Top-level keys every report template's context has.
REPORT_COMMON_KEYS: frozenset[str] = frozenset({"lang", "today", "document", "firm", "title"})

#: Top-level keys of the ``report-deadlines`` context (:func:`build_report_context`).
REPORT_KEYS: frozenset[str] = REPORT_COMMON_KEYS | {"horizon_days", "sections", "no_deadline"}

#: Top-level keys per report template. ``report-agencies`` is built by
#: ``casekit.services.reports.agencies_template_context`` (de-identified: no names or dates).
REPORT_CONTEXT_KEYS: dict[str, frozenset[str]] = {
    "report-deadlines": REPORT_KEYS,
    "report-agencies": REPORT_COMMON_KEYS
    | {"note", "min_cell", "columns", "rows", "chart", "outcomes"},
    # casekit.docgen.fees.fees_template_context (one matter's fee-petition exhibit).
    "report-fees": REPORT_COMMON_KEYS
    | {
        "matter",
        "period",
        "petition",
        "draft",
        "timekeepers",
        "categories",
        "entries",
        "excluded",
        "costs",
        "cost_kinds",
        "rate_sources",
        "missing_rates",
        "totals",
        "declarant",
    },  # fmt: skip
}

_RESPONSE_DAYS = 30
_PRESERVATION_DAYS = 10


def is_report(template: str) -> bool:
    """Report templates (``report-*``) render office-wide data, not one matter."""
    return template.startswith("report-")


# --- pieces -------------------------------------------------------------------------------------


def _extras(extra: Mapping[str, Any] | None, today: date) -> dict[str, Any]:
    given = dict(extra or {})
    unknown = sorted(set(given) - set(EXTRA_KEYS))
    if unknown:
        raise InvalidInput(
            f"unknown document value {unknown[0]!r}; known: {', '.join(sorted(EXTRA_KEYS))}"
        )
    values: dict[str, Any] = dict.fromkeys(EXTRA_KEYS)
    values.update(given)
    if values["filing_date"] is None:
        values["filing_date"] = today
    values["late_notice"] = bool(values["late_notice"])
    if values["response_date"] is None:
        values["response_date"] = today + timedelta(days=_RESPONSE_DAYS)
    if values["preservation_days"] is None:
        values["preservation_days"] = _PRESERVATION_DAYS
    if values["preservation_date"] is None:
        values["preservation_date"] = today + timedelta(days=int(values["preservation_days"]))
    return values
