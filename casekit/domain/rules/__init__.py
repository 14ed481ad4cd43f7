"""Deadline rules as data (``data/rules.toml``, trust-act.md § 3) and a firm's local overrides.

:mod:`.model` says what a rule is; :mod:`.loading` reads the shipped rules and a firm's
``rules.local.toml`` and validates every field. The rules in force come with the law pack
(:func:`casekit.domain.lawpack.default_rules`, :func:`~casekit.domain.lawpack.local_rules`).
"""

from casekit.domain.rules.loading import load_rules
from casekit.domain.rules.model import (
    DEFENDANT_KINDS,
    KINDS,
    ROLLS,
    TIMED_UNITS,
    TRIGGER_EVENTS,
    UNITS,
    AppliesWhen,
    DateRef,
    Reading,
    Resolver,
    Rule,
    RuleSet,
    describe_period,
)

__all__ = [
    "DEFENDANT_KINDS",
    "KINDS",
    "ROLLS",
    "TIMED_UNITS",
    "TRIGGER_EVENTS",
    "UNITS",
    "AppliesWhen",
    "DateRef",
    "Reading",
    "Resolver",
    "Rule",
    "RuleSet",
    "describe_period",
    "load_rules",
]
