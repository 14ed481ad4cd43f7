"""Fees and resolution for one matter: the screen (:mod:`.screen`) and its dialogs.

The dialogs: a time entry (:mod:`.time_entry`: add, edit, correct), the timer (:mod:`.timer`),
a cost (:mod:`.cost`), a demand/offer/settlement/judgment (:mod:`.resolution`), a fee petition
and a choice of outcome or offer status (:mod:`.petition`); what they share is :mod:`.forms`.
"""

from __future__ import annotations

from casekit.tui.screens.fees.cost import CostInput, CostModal
from casekit.tui.screens.fees.petition import ChoiceModal, PetitionInput, PetitionModal
from casekit.tui.screens.fees.resolution import ResolutionInput, ResolutionModal
from casekit.tui.screens.fees.screen import FeesScreen
from casekit.tui.screens.fees.time_entry import TimeEntryInput, TimeEntryModal
from casekit.tui.screens.fees.timer import TimerModal, open_timer

__all__ = [
    "ChoiceModal",
    "CostInput",
    "CostModal",
    "FeesScreen",
    "PetitionInput",
    "PetitionModal",
    "ResolutionInput",
    "ResolutionModal",
    "TimeEntryInput",
    "TimeEntryModal",
    "TimerModal",
    "open_timer",
]
