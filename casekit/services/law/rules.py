"""The law in force: the shipped law pack plus the firm's ``law.local.toml`` and
``rules.local.toml``.

``CASEKIT_HOME/rules.local.toml`` overrides a shipped deadline rule's period, unit, roll, citation
or confidence, or adds a firm rule (format: :mod:`casekit.domain.rules`);
``CASEKIT_HOME/law.local.toml`` overrides the rest of the pack (offense list, felony classes,
actor coverage, Reach cells, suability, cut-offs, notices; format:
:mod:`casekit.domain.lawpack`). Both files are validated every time they change; a bad file is
one ``InvalidInput`` naming the file, the table and the key, so nothing is ever computed with a
half-read override. An override says so everywhere it changes a result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.domain.records import PlainRecord, from_fields
from casekit.errors import InvalidInput

if TYPE_CHECKING:
    from casekit.domain.lawpack import LawPack
    from casekit.domain.rules import Rule, RuleSet
    from casekit.services.base import AppContext

#: The firm's law-pack overrides, beside rules.local.toml in CASEKIT_HOME.
LAW_FILE = "law.local.toml"

# ((path, mtime_ns, size) of each file) -> LawPack: re-read only when a file changes.
_CACHE: dict[tuple[tuple[str, int, int] | None, ...], LawPack] = {}


@dataclass(frozen=True)
class RuleOut(PlainRecord):
    """One rule as ``casekit rules list`` and the TUI show it (``confidence`` is the weakest of
    the period's, the accrual's and the counting's)."""

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
    period_confidence: str = ""
    accrual_confidence: str = ""
    counting_confidence: str = ""
    readings: tuple[str, ...] = ()


def law_file(svc: AppContext) -> Path:
    """``CASEKIT_HOME/law.local.toml``."""
    return Path(svc.settings.rules_file).with_name(LAW_FILE)


def law_pack(svc: AppContext) -> LawPack:
    """The law in force for this firm: the shipped pack with its overrides applied.

    Raises:
        InvalidInput: An override file cannot be read, is not TOML, or names an unknown table,
            id or key, or a bad value (one line naming the file, the table and the key).
    """
    from casekit.domain.lawpack import default_pack, load_pack

    files = (law_file(svc), Path(svc.settings.rules_file))
    key = tuple(_stat(path) for path in files)
    if key == (None, None):
        return default_pack()
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    law_text, rules_text = (_read(path) if k else None for path, k in zip(files, key, strict=True))
    pack = load_pack(law_text, rules_text, law_source=str(files[0]), rules_source=str(files[1]))
    _CACHE.clear()  # one firm per process in practice; keep the cache tiny
    _CACHE[key] = pack
    return pack


def rule_set(svc: AppContext) -> RuleSet:
    """The deadline rules in force for this firm (the law pack's rules).

    Raises:
        InvalidInput: See :func:`law_pack`.
    """
    return law_pack(svc).rules


def _stat(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be read ({_why(exc)})") from None
    if not path.is_file():
        raise InvalidInput(f"{path}: is not a file")
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: is not UTF-8 text") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be read ({_why(exc)})") from None


def list_rules(svc: AppContext) -> list[RuleOut]:
    """Every rule in force, in the order of the shipped table (firm rules last)."""
    return [rule_out(rule) for rule in rule_set(svc).values()]


def rule_out(rule: Rule) -> RuleOut:
    """A rule as plain values."""
    return from_fields(
        RuleOut,
        rule,
        period=rule.describe_period(),
        confidence=rule.overall_confidence,
        planned=rule.applies_when.planned,
        period_confidence=rule.confidence,
        readings=tuple(f"{r.label} ({r.source}; {r.confidence})" for r in rule.readings),
    )


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
