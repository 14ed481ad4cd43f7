"""Correcting a time entry a fee petition includes: a reversal and, unless dropped, a replacement.

The original stays as it was. The reversal repeats it with negative hours (so the two cancel to
the cent, at the same rate); the replacement carries the original's values with the changes
given. Both point at the original and say why in their description; nothing disappears.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from casekit.services.fees.checks import (
    TIME_ENTRY,
    correction_reason,
    lock_correctable,
    write_correction,
)
from casekit.services.fees.results import TimeEntryOut
from casekit.services.fees.time_entries import (
    TimeEntryChanges,
    find_entry,
    one_entry,
    plain_changes,
    session_changes,
)
from casekit.store.models import TimeEntry

if TYPE_CHECKING:
    from casekit.services.base import AppContext

__all__ = ["correct_time_entry"]

#: The columns a replacement copies from the original unless a change is given.
_COPIED = (
    "matter_id", "user_id", "worked_on", "tenths", "category", "claim", "description",
    "billable", "unrelated",
)  # fmt: skip


def correct_time_entry(
    svc: AppContext,
    entry_id: int,
    *,
    reason: str,
    drop: bool = False,
    **changes: Unpack[TimeEntryChanges],
) -> list[TimeEntryOut]:
    """Correct an entry a fee petition includes: a reversal and (unless ``drop``) a replacement.

    ``changes`` are :func:`edit_time_entry`'s (a field left out or ``KEEP`` stays as it was).

    Returns:
        The new entries: ``[reversal]`` or ``[reversal, replacement]``.

    Raises:
        InvalidInput: the entry is not locked (edit it instead), is itself a reversal, was
            corrected already, no change was given, or the reason is empty.
    """
    why = correction_reason(reason, changes, drop=drop, options="--hours, --category ...")
    with svc.transaction() as session:
        original, copied = lock_correctable(
            session, TIME_ENTRY, entry_id, find_entry, amount="tenths", copied=_COPIED
        )
        reversal = copied | {
            "tenths": -original.tenths,
            "description": f"Reversal of entry #{entry_id}: {why}",
        }
        replacement = None
        if not drop:
            replacement = copied | session_changes(session, changes, original.matter_id)
            replacement |= plain_changes(svc, changes)
        made = write_correction(
            session, TimeEntry, entry_id, reversal, replacement, source="correction"
        )
        return [one_entry(session, e) for e in made]
