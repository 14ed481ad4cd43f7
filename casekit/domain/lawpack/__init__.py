"""The law pack: every rule casekit applies, read from ``data/`` and a firm's overrides.

One place holds the law (trust-act.md restated as data, each row with its citation and
confidence): effective dates (``dates.toml``), prohibited acts and exceptions (``codes.toml``),
which exception excuses which act (``reach.csv``), covered actors and who answers for them
(``actors.toml``), claims (``claims.toml``), deadline rules (``rules.toml``), counting conventions
(``counting.toml``), open questions the firm settles (``settings.toml``), notices shown with
results (``notices.toml``), the element map and records list (``elements.toml``), the felony
and 2025 offense tables (``felonies_ab.csv``, ``offenses_2025.csv``), and the pleading plan's rules
and sentences (``pleading.toml``).

A firm overrides the pack in ``law.local.toml`` (and the deadline rules in ``rules.local.toml``,
as before)::

    [settings.trust_act_conduct_from]       # a cut-off
    value = "2025-10-01"
    confidence = "confirmed"
    note = "Read in the enacted text, A. Lawyer, 2026-12-10"

    [defendants.state]                      # suability of the State under the 2025 action
    suable = "no"
    suable_confidence = "secondary"

    [reach.V4.E2]                           # one cell of the Reach table
    effect = "excuses"
    confidence = "secondary"

    [actors.state_marshal]                  # an actor's coverage or placement
    defendant = "state"
    defendant_confidence = "unverified"

    [offenses_2025."53a-70b"]               # add (or change, or remove = true) a 2025-list row
    offense_name = "..."
    category = "..."
    confidence = "unverified"

    [felonies."53a-xx"]                     # a felony class the firm has checked
    felony_class = "B"
    confidence = "confirmed"

    [notices.FEDERAL_SUIT_2026]             # update or remove a notice
    enabled = false

Every override is validated (one line naming the file, the table and the key), recorded in the
item it changes (``overridden``, ``override_note``) so screens, reasons and trails can mark it,
and part of the pack's :class:`PackVersion`, which is stored with every screening result and
computed deadline.

Text fields may name a date as ``{DATE_ID}``; the loader writes the date in, so each date is
stated once (``dates.toml``).
"""

from casekit.domain.lawpack.load import (
    default_pack,
    default_rules,
    load_pack,
    local_rules,
    shipped_text,
)
from casekit.domain.lawpack.pack import LawPack
from casekit.domain.lawpack.parts import (
    COUNT_DEFENDANTS,
    DEFENDANT_KINDS,
    DEPENDS,
    EXCUSES,
    MUNICIPALITY,
    PACK_FILES,
    REACH_EFFECTS,
    REACH_NONE,
    REACH_UNKNOWN,
    STATE,
    SUABLE,
    UNKNOWN_DEFENDANT,
    Act2025,
    Actor,
    Claim,
    Convention,
    DefendantKind,
    EffectiveDate,
    ElementHint,
    ExceptionRule,
    FelonyRow,
    Notice,
    Offense2025,
    Overridable,
    PackVersion,
    PleadingWords,
    ReachCell,
    Setting,
    Statement,
    Violation,
    normalize_section,
)

__all__ = [
    "COUNT_DEFENDANTS",
    "DEFENDANT_KINDS",
    "DEPENDS",
    "EXCUSES",
    "MUNICIPALITY",
    "PACK_FILES",
    "REACH_EFFECTS",
    "REACH_NONE",
    "REACH_UNKNOWN",
    "STATE",
    "SUABLE",
    "UNKNOWN_DEFENDANT",
    "Act2025",
    "Actor",
    "Claim",
    "Convention",
    "DefendantKind",
    "EffectiveDate",
    "ElementHint",
    "ExceptionRule",
    "FelonyRow",
    "LawPack",
    "Notice",
    "Offense2025",
    "Overridable",
    "PackVersion",
    "PleadingWords",
    "ReachCell",
    "Setting",
    "Statement",
    "Violation",
    "default_pack",
    "default_rules",
    "local_rules",
    "load_pack",
    "normalize_section",
    "shipped_text",
]
