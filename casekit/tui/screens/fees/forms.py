"""What the fees dialogs share: their CSS, buttons, claim choices, and the checks of a field.

Each dialog checks what it can without the database (hours in tenths, amounts in cents, dates
not in the future) and dismisses with plain values, or ``None``; the screen saves them in a
worker. Fields are compact (one line each) so every dialog fits an 80×24 terminal.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Select

from casekit.domain import fees
from casekit.services.casefile import claim_label
from casekit.tui.screens.form import MODAL_CSS, Fields

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


def _claim_options(claims: tuple[str, ...]) -> list[tuple[str, str]]:
    return [("All claims", ALL_CLAIMS)] + [(claim_label(c), c) for c in claims]


def task_select(prefix: str, value: str = "") -> Select[str]:
    """The task category of the time recorded (``PREFIX-category``), ``value`` chosen if given."""
    return Select(
        [(fees.CATEGORY_LABELS[c], c) for c in fees.TASK_CATEGORIES],
        value=value or Select.NULL,
        prompt="Task category",
        id=f"{prefix}-category",
        compact=True,
    )


def claim_select(prefix: str, claims: tuple[str, ...] = (), value: str = ALL_CLAIMS) -> Select[str]:
    """The claim the time served (``PREFIX-claim``): one of ``claims``, or all of them."""
    return Select(
        _claim_options(claims),
        value=value if value in (ALL_CLAIMS, *claims) else ALL_CLAIMS,
        allow_blank=False,
        id=f"{prefix}-claim",
        compact=True,
    )


def _value(select: Select[Any]) -> str:
    value = select.value
    return value if isinstance(value, str) else ""


def work_done(form: Fields) -> tuple[str, str, str]:
    """The hours (checked text), the task category and the description of a time entry."""
    hours = form.checked("hours", fees.parse_hours)
    category = form.choice("category", missing="Pick the task category.")
    description = form.text("description", missing="Say what was done: courts cut vague entries.")
    return hours, category, description


def form_css(name: str) -> str:
    """The CSS of the dialog class ``name``: a modal with a two-column grid of fields."""
    return MODAL_CSS.format(name=name) + FORM_CSS.format(name=name)
