"""Turn a matter's facts into the context a Word template renders.

Modules: ``build`` (:func:`build_context`), ``report`` (:func:`build_report_context`), ``keys``
(the keys and titles), and the pieces: ``people``, ``incidents``, ``parties``, ``venue``,
``demands``, ``complaint``, ``notes``.

The context is plain data (dicts, lists, strings, dates, numbers), never store rows or domain
objects, so a template can only reach what is listed in ``templates/README.md``. Every matter
template gets the same keys (:data:`MATTER_KEYS`); report templates get :data:`REPORT_KEYS`.

Text that depends on the law (violations, counts, relief, records) comes from :mod:`.law`, which
restates trust-act.md and carries each citation's confidence. Dates stay ``date`` objects and are
written out by the ``long_date`` filter, so one context serves English and Spanish templates.

Computed values the caller passes in ``extra`` (each optional; see :data:`EXTRA_KEYS`):

``filing_date``
    The date the complaint is signed and filed: the caption date, and the day for which the
    judicial district is looked up (``Town.judicial_district_on``). Default: ``today``.
``return_date``
    The complaint's return date, computed by the caller under § 52-48 (a Tuesday not later than
    two months after the date of process). Default: ``None`` (printed as a blank).
``serve_by`` / ``return_to_court_by``
    Last day to serve process (§ 52-46) and to return it to court (§ 52-46a), for the drafting note.
``notice_deadline``
    Last day to file the § 7-465(a) notice (six months after accrual). Default: the matter's open
    ``CT_7465_NOTICE`` deadline, if any.
``response_date``
    The date a demand or preservation letter asks the recipient to answer by. Default: 30 days
    after ``today`` (a firm's choice, not a rule of law).
``notice_7465_given_on``
    When the § 7-465 notice was filed with the clerk (pleaded in the false-imprisonment count).
``claims_commissioner_authorized_on``
    When the Claims Commissioner authorized suit against the State (§ 4-160).
"""

from __future__ import annotations

from casekit.docgen.context.build import build_context
from casekit.docgen.context.keys import (
    EXTRA_KEYS,
    MATTER_KEYS,
    REPORT_COMMON_KEYS,
    REPORT_CONTEXT_KEYS,
    REPORT_KEYS,
    TEMPLATE_TITLES,
    is_report,
)
from casekit.docgen.context.report import build_report_context

__all__ = [
    "EXTRA_KEYS",
    "MATTER_KEYS",
    "REPORT_COMMON_KEYS",
    "REPORT_CONTEXT_KEYS",
    "REPORT_KEYS",
    "TEMPLATE_TITLES",
    "build_context",
    "build_report_context",
    "is_report",
]
