"""Deadlines: the calculator, each matter's planned deadlines, and recomputes the attorney accepts.

One module per use case:

* :mod:`.calculator`: one rule for one trigger (rules in force, court calendar with closures).
* :mod:`.refresh`: a new matter's planned deadlines (:func:`refresh_matter_deadlines`), and every
  matter that has none with one bulk insert (:func:`refresh_all`, ``casekit demo``).
* :mod:`.preview`: what a changed trigger, rule or court closure would do (added, moved,
  removed); :mod:`.recompute` applies exactly that preview, or refuses when it is no longer what
  the attorney saw. Nothing moves silently: done, waived and manual deadlines never move, and a
  deadline that no longer applies becomes ``superseded`` (never deleted).
* :mod:`.listing` and :mod:`.manual`: listing, marking done or waived, manual deadlines;
  :mod:`.adjustments`: tolling and extensions; :mod:`.markers`: out-of-date markers;
  :mod:`.lifecycle`: closing and reopening a matter; :mod:`.process`: service of process;
  :mod:`.resolution`: the resolution log; :mod:`.court_calendar` and :mod:`.closures`: the
  court calendar; :mod:`.calendar_export`: the iCalendar export.
* :mod:`.facts` and :mod:`.plan`: what the recompute reads (through
  :mod:`casekit.store.repos.deadlines`) and how a plan is stored.

Planning follows the matter's claims and defendants (``casekit.domain.planning``): municipal
defendant: § 7-465 notice and suit; State: § 4-148 notice (and § 4-160 once permission to sue is
recorded); every matter: § 52-577 and § 1983; police officer or the § 52-571k claim: § 52-571k;
the Trust Act claim: ``TRUST_ACT_SOL`` (confidence ``unknown``, shown as "verify"). Records
request (FOI) deadlines belong to ``casekit.services.records`` and are left alone here.

This package exports the names other layers used from ``casekit.services.deadlines`` (the
underscored ones are kept for callers outside this package until they import the public names).
"""

from casekit.services.deadlines.calculator import calc
from casekit.services.deadlines.listing import deadline_out_in, list_deadlines
from casekit.services.deadlines.manual import add_manual, set_status, set_status_current
from casekit.services.deadlines.plan import LABEL_SEPARATOR
from casekit.services.deadlines.preview import (
    matter_id_in,
    preview_all_in,
    preview_in,
    recompute_all_preview,
    recompute_preview,
)
from casekit.services.deadlines.recompute import (
    apply_diff_in,
    apply_selected,
    recompute_all_apply,
    recompute_apply,
    set_trigger_dates,
)
from casekit.services.deadlines.refresh import refresh_all, refresh_matter_deadlines
from casekit.services.deadlines.results import (
    KEEP,
    LIST_STATUSES,
    MANUAL_RULE,
    MAX_TEXT,
    MAX_TITLE,
    SETTABLE_STATUSES,
    Change,
    DeadlineOut,
    RecomputeDiff,
    Selected,
)

__all__ = [
    "KEEP",
    "LABEL_SEPARATOR",
    "LIST_STATUSES",
    "MANUAL_RULE",
    "MAX_TEXT",
    "MAX_TITLE",
    "SETTABLE_STATUSES",
    "Change",
    "DeadlineOut",
    "RecomputeDiff",
    "Selected",
    "add_manual",
    "apply_diff_in",
    "apply_selected",
    "calc",
    "deadline_out_in",
    "list_deadlines",
    "matter_id_in",
    "preview_all_in",
    "preview_in",
    "recompute_all_apply",
    "recompute_all_preview",
    "recompute_apply",
    "recompute_preview",
    "refresh_all",
    "refresh_matter_deadlines",
    "set_status",
    "set_status_current",
    "set_trigger_dates",
]
