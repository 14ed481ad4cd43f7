"""The pleading plan: which counts, notices and letters a matter's facts allow, against whom, and
why not otherwise (issue 13, item 1).

Pure: from the matter's facts (:class:`~casekit.domain.model.MatterFacts`, built by services),
the claims screening of each incident (computed here), the law pack and today's
date, :func:`plan_pleading` returns a :class:`PleadingPlan` as data. Documents are written from
the plan, and a document the plan refuses is never written. Every sentence comes from the law
pack (``pleading.toml``, with its citation and confidence); every refusal names the rule of
``pleading.toml`` that causes it.

The rules (trust-act.md §§ 1-3 restated in pleading.toml):

* no § 7-465 notice or count without a municipal defendant whose employees acted, and a late
  § 7-465 notice only when the attorney asks for it (``late``): it then says that the period ended;
* a notice of claim to the Claims Commissioner only for claims against the State;
* no § 1983 count against the State alone (an official-capacity claim against an officer is
  offered instead); § 52-571k only against police officers;
* no count alleging a detainer hold unless a hold act is recorded (V1; the pack's ``[hold]``);
* V8 only when the 48-hour computation from the custody timeline confirms it
  (:func:`casekit.domain.custody.over_detention`), and then as a Fourth Amendment / 8 C.F.R.
  § 287.7(d) fact, never as a Trust Act violation;
* no expired claim, and no claim the screening finds the facts do not support.

Modules: ``model`` (the plan as data), ``plan`` (:func:`plan_pleading`), ``counts``, ``notices``,
``defendants``, ``refusals``, ``facts`` and ``voice``.
"""

from __future__ import annotations

from casekit.domain.pleading.model import (
    AVAILABLE,
    GIVEN,
    LATE,
    LETTERS,
    NOTICE_TEMPLATES,
    REFUSED,
    Count,
    Defendant,
    NoticePlan,
    Offer,
    PleadingPlan,
    Refusal,
)
from casekit.domain.pleading.notices import notice_for_town
from casekit.domain.pleading.plan import plan_lines, plan_notes, plan_pleading
from casekit.domain.pleading.voice import in_pleading_voice, long_day, name_list, with_article

__all__ = [
    "AVAILABLE",
    "Count",
    "Defendant",
    "GIVEN",
    "LATE",
    "LETTERS",
    "NOTICE_TEMPLATES",
    "NoticePlan",
    "Offer",
    "PleadingPlan",
    "REFUSED",
    "Refusal",
    "in_pleading_voice",
    "long_day",
    "name_list",
    "notice_for_town",
    "plan_lines",
    "plan_notes",
    "plan_pleading",
    "with_article",
]
