"""One validation path for opening a matter: :func:`validate_intake` answers field → message for
every value that stops an intake (or a new matter) from being saved.

The services call it before writing (:func:`first_problem` raises the first message, so the
CLI's one-line error is the one it always was); the intake form calls it as the paralegal types
and shows each message under its field (``echo=False``: a message never repeats what was
typed). Nothing is read or written here: the town, agency and attorney are looked up by
the transaction that saves, and an unlikely custody time is asked about there too.

Field names are the input models' (:mod:`casekit.services.matters.inputs`,
:mod:`casekit.services.clients.inputs`); a custody time is ``custody.<kind>``; a safe-to-contact
flag on an empty channel is ``<channel>_safe``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from casekit.domain.model import CUSTODY_KINDS
from casekit.errors import InvalidInput
from casekit.services.casefile import parse_local_datetime
from casekit.services.clients.fields import client_problems, patch_problems
from casekit.services.clients.inputs import ClientPatch
from casekit.services.matters.inputs import CustodyInput, ExistingClientIntake, NewClientIntake
from casekit.services.matters.spec import matter_problems

__all__ = ["custody_problems", "first_problem", "validate_intake"]


def custody_problems(
    custody: tuple[CustodyInput, ...], *, echo: bool = True
) -> tuple[list[tuple[str, datetime]], dict[str, str]]:
    """(kind, aware Connecticut time) for each custody time, and field → message."""
    out: list[tuple[str, datetime]] = []
    problems: dict[str, str] = {}
    for item in custody:
        name = item.kind.strip().lower().replace("-", "_")
        if name not in CUSTODY_KINDS:
            problems[f"custody.{name[:30]}"] = f"unknown custody event '{name[:30]}'"
            continue
        label = name.replace("_", " ")
        at = item.at.strip().replace(" ", "T", 1) if isinstance(item.at, str) else item.at
        try:
            out.append((name, parse_local_datetime(at, f"{label} time")))
        except InvalidInput as exc:
            problems[f"custody.{name}"] = (
                exc.message
                if echo
                else f"{label} time is not a real date and time (expected YYYY-MM-DD HH:MM)"
            )
    return out, problems


def validate_intake(
    intake: NewClientIntake | ExistingClientIntake, today: date, *, echo: bool = True
) -> dict[str, str]:
    """Field → message for every value of ``intake`` that stops it from being saved (empty when
    it may be saved), in the order the service checks them: the client, the matter, the custody
    times. ``echo=False`` keeps what was typed out of the messages (the live form)."""
    if isinstance(intake, NewClientIntake):
        problems = client_problems(intake.client, today)[1]
    else:
        problems = patch_problems(ClientPatch(**intake.client_changes), today)
    problems.update(matter_problems(intake.matter, today, echo=echo)[1])
    problems.update(custody_problems(intake.custody, echo=echo)[1])
    return problems


def first_problem(problems: Mapping[str, str]) -> None:
    """Raise the first problem of :func:`validate_intake`, if any."""
    if problems:
        raise InvalidInput(next(iter(problems.values())))
