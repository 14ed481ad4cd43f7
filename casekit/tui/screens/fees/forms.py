"""What the fees dialogs share: their CSS, buttons, claim choices, and the checks of a field.

Each dialog checks what it can without the database (hours in tenths, amounts in cents, dates
not in the future) and dismisses with plain values, or ``None``; the screen saves them in a
worker. Fields are compact (one line each) so every dialog fits an 80×24 terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Label, Select

from casekit.domain.bounds import parse_day
from casekit.errors import InvalidInput
from casekit.services.casefile import claim_label
from casekit.tui.screens.form import MODAL_CSS, FormModal

FORM_CSS = """
{name} Grid {{
    grid-size: 2; grid-columns: 14 1fr; grid-rows: auto; height: auto; grid-gutter: 0 1;
}}
{name} Grid Label {{ color: $text-muted; }}
{name} SelectCurrent {{ margin-top: 0; align-horizontal: left; }}
{name} .checks {{ height: 1; margin-top: 1; align-horizontal: left; }}
{name} .checks Checkbox {{ margin-right: 2; }}
{name} .note {{ color: $text-muted; height: auto; }}
"""

ALL_CLAIMS = "all"


def _parse_day(text: str, today: date, what: str, *, future: bool = False) -> date | str:
    try:
        day = parse_day(text, today, what, echo=False)
    except InvalidInput as exc:
        return f"{exc.message[:1].upper()}{exc.message[1:]}."
    if day > today and not future:
        return f"{what} is after today ({today.isoformat()})."
    return day


def _buttons(prefix: str, save: str, *extra: Button) -> Horizontal:
    return Horizontal(
        *extra,
        Button("Cancel", id=f"{prefix}-cancel", compact=True),
        Button(save, id=f"{prefix}-save", variant="primary", compact=True),
    )


def _claim_options(claims: tuple[str, ...]) -> list[tuple[str, str]]:
    return [("All claims", ALL_CLAIMS)] + [(claim_label(c), c) for c in claims]


def _value(select: Select[Any]) -> str:
    value = select.value
    return value if isinstance(value, str) else ""


def parsed_day(
    error: Label, text: str, today: date, what: str, *, future: bool = False
) -> date | None:
    """The day typed in, or None with the reason shown in ``error``."""
    day = _parse_day(text, today, what, future=future)
    if isinstance(day, str):
        error.update(day)
        return None
    return day


def checked(error: Label, check: Callable[[], object]) -> bool:
    """Run ``check``; on InvalidInput show its message as a sentence in ``error``, and say no."""
    try:
        check()
    except InvalidInput as exc:
        error.update(str(exc).capitalize() + ".")
        return False
    return True


def form_css(name: str) -> str:
    """The CSS of the dialog class ``name``: a modal with a two-column grid of fields."""
    return MODAL_CSS.format(name=name) + FORM_CSS.format(name=name)


def save_keys(prefix: str) -> list[BindingType]:
    """Escape cancels, ctrl+s saves (ids ``<prefix>-cancel`` and ``<prefix>-save``)."""
    return [
        Binding("escape", "cancel", "Cancel", id=f"{prefix}-cancel"),
        Binding("ctrl+s", "save", "Save", id=f"{prefix}-save", priority=True),
    ]


class DatedForm(FormModal):
    """A dialog whose dates are checked against ``today`` (not in the future)."""

    def __init__(self, *, today: date) -> None:
        super().__init__()
        self.today = today
