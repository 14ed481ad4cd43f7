"""The deadline rules in force: the shipped rules plus the firm's ``rules.local.toml``.

``CASEKIT_HOME/rules.local.toml`` overrides a shipped rule's period, unit, roll, citation or
confidence, or adds a firm rule (format: :mod:`casekit.domain.rules`). The file is validated
every time it changes; a bad file is one ``InvalidInput`` naming the file, the rule and the key,
so nothing is ever computed with a half-read override. An overridden rule says so everywhere
(``overridden`` and a "Firm rule" line in every trail).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import InvalidInput

if TYPE_CHECKING:
    from casekit.domain.rules import Rule, RuleSet
    from casekit.services.base import Services

# (path, mtime_ns, size) -> RuleSet: the file is re-read only when it changes.
_CACHE: dict[tuple[str, int, int], RuleSet] = {}


@dataclass(frozen=True)
class RuleOut:
    """One rule as ``casekit rules list`` and the TUI show it."""

    id: str
    title: str
    trigger: str
    period: str
    roll: str
    kind: str
    citation: str
    confidence: str
    verify: bool
    overridden: bool
    override_note: str
    planned: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def rule_set(svc: Services) -> RuleSet:
    """The rules in force for this firm.

    Args:
        svc: The services (``svc.settings.rules_file`` is ``CASEKIT_HOME/rules.local.toml``).

    Returns:
        The shipped rules with the firm's overrides applied (the shipped rules alone when the
        file does not exist).

    Raises:
        InvalidInput: The file cannot be read, is not TOML, or names an unknown rule key, a bad
            unit, roll or confidence... (one line naming the file, the rule and the key).
    """
    from casekit.domain.rules import default_rules, load_rules

    path: Path = svc.settings.rules_file
    try:
        stat = path.stat()
    except FileNotFoundError:
        return default_rules()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be read ({_why(exc)})") from None
    if not path.is_file():
        raise InvalidInput(f"{path}: is not a file")
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: is not UTF-8 text") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be read ({_why(exc)})") from None
    rules = load_rules(text, source=str(path))
    _CACHE.clear()  # one firm file per process in practice; keep the cache tiny
    _CACHE[key] = rules
    return rules


def list_rules(svc: Services) -> list[RuleOut]:
    """Every rule in force, in the order of the shipped table (firm rules last)."""
    return [rule_out(rule) for rule in rule_set(svc).values()]


def rule_out(rule: Rule) -> RuleOut:
    """A rule as plain values."""
    return RuleOut(
        id=rule.id,
        title=rule.title,
        trigger=rule.trigger,
        period=rule.describe_period(),
        roll=rule.roll,
        kind=rule.kind,
        citation=rule.citation,
        confidence=rule.confidence,
        verify=rule.verify,
        overridden=rule.overridden,
        override_note=rule.override_note,
        planned=rule.applies_when.planned,
    )


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
