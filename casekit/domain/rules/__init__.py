"""Deadline rules as data (``data/rules.toml``, trust-act.md § 3) and a firm's local overrides.

:mod:`.model` says what a rule is; :mod:`.loading` reads the shipped rules and a firm's
``rules.local.toml`` and validates every field.
"""

from casekit.domain.rules.loading import default_rules, load_rules
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
    "default_rules",
    "describe_period",
    "load_rules",
]
