"""E2 for one conviction: does it qualify, may it, or not (trust-act.md § 1)?

A conviction qualifies when it is a class A or B felony: the class the attorney recorded, or the
class table's class when every reading of it is A or B ("B or A", a class that rose from B to A).
Readings on both sides of the B/C line ("C or B", "D / C / B") need the attorney. For conduct on
or after the 2025 act took effect, an offense on the 2025 list, and any class C or D felony (the
list is incomplete), need the attorney too. A recorded class that contradicts a confirmed table
class is a reason of its own, never silently preferred.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casekit.domain import offenses
from casekit.domain.lawpack import LawPack
from casekit.domain.lawpack.parts import ExceptionRule, FelonyRow
from casekit.domain.model import Conviction
from casekit.domain.reasons import APPLIES, MAYBE, NONE, Reason
from casekit.domain.vocabulary import CONFIRMED, SECONDARY, UNKNOWN, UNVERIFIED, weakest
from casekit.errors import InvalidInput

E2 = "E2_QUALIFYING_CONVICTION"
#: The reason codes E2 gives besides its own id (they name reasons, not exceptions).
E2_REASON_CODES = (
    "E2_CLASS_CONFLICT",
    "E2_2025_LIST",
    "E2_2025_LIST_INCOMPLETE",
    "E2_NOT_QUALIFYING",
    "E2_CLASS_UNCERTAIN",
)
RECORDED_CLASSES = ("A", "B", "C", "D", "E", "UNCLASSIFIED", "MISDEMEANOR")
_LIST_CLASSES = frozenset({"C", "D"})  # "mostly class C and D felonies" (trust-act.md § 1)


@dataclass(frozen=True)
class _E2:
    """What every E2 sentence about one conviction draws on."""

    sec: str
    e2: ExceptionRule
    felony: FelonyRow | None
    after_list: bool
    list_start: date
    listed: bool
    list_text: str
    list_confidence: str
    list_citation: str
    list_law_confidence: str
    overridden: bool

    def reason(self, code: str, text: str, confidence: str, cite: str | None = None) -> Reason:
        return Reason(code, text, cite or self.e2.citation, confidence, overridden=self.overridden)

    def on_2025_list(
        self, conviction: str, ending: str = ". Verify; do not decide."
    ) -> tuple[int, Reason]:
        """MAYBE: ``conviction`` ("Conviction under § …") is of a section on the 2025 list."""
        text = f"{conviction}: {self.list_text}{ending}"
        return MAYBE, self.reason("E2_2025_LIST", text, self.list_confidence, self.list_citation)


def conviction_reason(
    conviction: Conviction, incident_date: date, law: LawPack
) -> tuple[int, Reason]:
    """E2 for one conviction: ``(APPLIES | MAYBE | NONE, reason)``.

    A class the attorney recorded decides first; then the class table; then the 2025 list.

    Raises:
        InvalidInput: No section, or a recorded class that is not a class.
    """
    status = offenses.lookup(conviction.section, law)
    if not status.section:
        raise InvalidInput("a conviction needs a statute section, e.g. 53a-101")
    e2 = law.exceptions[E2]
    sec = f"§ {status.section}"
    recorded = recorded_class(conviction.felony_class)
    list_start = law.dates["ACT_2025"].date
    after_list = incident_date >= list_start
    row = status.offense_2025
    c = _E2(
        sec=sec,
        e2=e2,
        felony=status.felony,
        after_list=after_list,
        list_start=list_start,
        listed=after_list and row is not None,
        list_text=(
            f"{sec} is on the 2025 offense list, which rests on {law.offenses_2025_confidence} "
            f"sources (this row: {row.confidence if row else UNKNOWN})"
        ),
        list_confidence=weakest(law.offenses_2025_confidence, row.confidence if row else UNKNOWN),
        list_citation=f"{e2.citation}; offense list added in 2025 ({law.act_2025.bill})",
        list_law_confidence=law.offenses_2025_confidence,
        overridden=bool(row and row.overridden) or bool(status.felony and status.felony.overridden),
    )
    if recorded is not None:
        return _by_recorded_class(c, recorded)
    if c.felony is not None:
        return _by_class_table(c, c.felony)
    if c.listed:
        return c.on_2025_list(f"Conviction under {c.sec}")
    return MAYBE, c.reason(
        "E2_CLASS_UNCERTAIN",
        f"Conviction under {c.sec}: not in casekit's class A/B table (the table is incomplete). "
        "Check the statute or record the class.",
        UNKNOWN,
    )


def _by_recorded_class(c: _E2, recorded: str) -> tuple[int, Reason]:
    """E2 from the class the attorney recorded (a conflict with a confirmed table row is shown)."""
    table_side = _side(c.felony.felony_class) if c.felony else None
    if (
        c.felony is not None
        and c.felony.confidence == CONFIRMED
        and table_side in ("ab", "below")
        and table_side != _side(recorded)
    ):
        return MAYBE, c.reason(
            "E2_CLASS_CONFLICT",
            f"Conviction under {c.sec}: the recorded class {recorded.lower()} contradicts the "
            f"class table ({c.felony.offense_name}, class {c.felony.felony_class}, confirmed). "
            "Check the judgment; casekit does not prefer either.",
            UNVERIFIED,
        )
    if recorded in ("A", "B"):
        return APPLIES, c.reason(
            "E2_QUALIFYING_CONVICTION",
            f"Conviction under {c.sec}, class {recorded} felony as recorded by the attorney: a "
            "class A or B felony conviction.",
            c.e2.confidence,
        )
    if c.listed:
        return c.on_2025_list(
            f"Conviction under {c.sec} (recorded class {recorded.lower()})",
            "; verify whether it is a 2025 offense.",
        )
    if c.after_list and recorded in _LIST_CLASSES:
        return MAYBE, c.reason(
            "E2_2025_LIST_INCOMPLETE",
            f"Conviction under {c.sec} (recorded class {recorded.lower()} felony), for conduct "
            f"on or after {c.list_start.isoformat()}: the 2025 offenses are mostly class C and "
            "D felonies and casekit's list of them is incomplete. Verify; do not decide.",
            weakest(c.list_law_confidence, UNKNOWN),
            c.list_citation,
        )
    return NONE, c.reason(
        "E2_NOT_QUALIFYING",
        f"Conviction under {c.sec} (recorded class {recorded.lower()}): not a class A or B "
        "felony"
        + ("" if c.after_list else " (the 2025 offense list does not reach it)")
        + ", so E2 does not apply.",
        c.e2.confidence,
    )


def _by_class_table(c: _E2, felony: FelonyRow) -> tuple[int, Reason]:
    """E2 from casekit's class table (its confidence is the row's source)."""
    name = f"{felony.offense_name}, class '{felony.felony_class}'"
    table_class = offenses.classify(felony.felony_class)
    basis = weakest(c.e2.confidence, felony.confidence)
    if table_class == offenses.CLASS_A_OR_B and felony.confidence in (CONFIRMED, SECONDARY):
        every = (
            ""
            if felony.felony_class.strip().upper() in ("A", "B")
            else (" Every reading of that class is A or B, so it qualifies.")
        )
        return APPLIES, c.reason(
            "E2_QUALIFYING_CONVICTION",
            f"Conviction under {c.sec} ({name}): a class A or B felony conviction.{every}",
            basis,
        )
    if table_class == offenses.CLASS_A_OR_B:
        return MAYBE, c.reason(
            "E2_CLASS_UNCERTAIN",
            f"Conviction under {c.sec} ({name}), but the class comes from a "
            f"{felony.confidence} source: check the statute or record the class.",
            basis,
        )
    if c.listed:
        return c.on_2025_list(f"Conviction under {c.sec} ({name})")
    if table_class == offenses.CLASS_CONDITIONAL:
        return MAYBE, c.reason(
            "E2_CLASS_UNCERTAIN",
            f"Conviction under {c.sec} ({name}): its readings fall on both sides of the B/C "
            "line (the class depends on the facts or changed over time). Record the class "
            "of this conviction to decide.",
            weakest(basis, UNKNOWN),
        )
    if table_class == offenses.CLASS_BELOW_B and not c.after_list:
        return NONE, c.reason(
            "E2_NOT_QUALIFYING",
            f"Conviction under {c.sec} ({name}): not a class A or B felony, so E2 does not apply.",
            basis,
        )
    if table_class == offenses.CLASS_BELOW_B:
        return MAYBE, c.reason(
            "E2_2025_LIST_INCOMPLETE",
            f"Conviction under {c.sec} ({name}), for conduct on or after "
            f"{c.list_start.isoformat()}: casekit's list of 2025 offenses is incomplete. "
            "Verify; do not decide.",
            weakest(basis, UNKNOWN),
            c.list_citation,
        )
    return MAYBE, c.reason(
        "E2_CLASS_UNCERTAIN",
        f"Conviction under {c.sec} ({name}): not a lettered class. Check the statute or record "
        "the class.",
        weakest(basis, UNKNOWN),
    )


def recorded_class(raw: str | None) -> str | None:
    """The class the attorney recorded (``A``..``E``, ``UNCLASSIFIED``, ``MISDEMEANOR``) or None.

    Raises:
        InvalidInput: Not a class.
    """
    if raw is None or not raw.strip():
        return None
    text = raw.strip().upper().replace("CLASS", "").replace("FELONY", "").strip()
    if text not in RECORDED_CLASSES:
        raise InvalidInput(
            f"unknown felony class '{raw.strip()[:20]}' (expected A, B, C, D, E, unclassified or "
            "misdemeanor)"
        )
    return text


def _side(felony_class: str) -> str:
    """Which side of the B/C line a class falls on: ``ab``, ``below``, ``both`` or ``none``."""
    status = offenses.classify(felony_class)
    return {
        offenses.CLASS_A_OR_B: "ab",
        offenses.CLASS_BELOW_B: "below",
        offenses.CLASS_CONDITIONAL: "both",
    }.get(status, "none")
