"""The cost dialog: the receipt file (optional) is stored in the evidence vault."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select

from casekit.domain import fees
from casekit.errors import InvalidInput
from casekit.tui.screens.fees.forms import (
    DatedForm,
    _buttons,
    _value,
    checked,
    form_css,
    parsed_day,
    save_keys,
)


@dataclass(frozen=True)
class CostInput:
    kind: str
    amount: str
    incurred_on: date
    description: str
    receipt: str = ""
    claimed: bool = True


def _positive(amount: str) -> int:
    cents = fees.parse_money(amount)
    if cents == 0:
        raise InvalidInput("the amount must be more than $0.00")
    return cents


class CostModal(DatedForm):
    """Record a cost; the receipt file (optional) is stored in the evidence vault."""

    DEFAULT_CSS = form_css("CostModal")
    BINDINGS = save_keys("cost")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Add a cost", classes="title")
            with Grid():
                yield Label("Kind")
                yield Select(
                    [(fees.COST_LABELS[k], k) for k in fees.COST_KINDS],
                    prompt="Filing fee, marshal's fee …",
                    id="cost-kind",
                    compact=True,
                )
                yield Label("Amount")
                yield Input(placeholder="dollars, e.g. 360.00", id="cost-amount", compact=True)
                yield Label("Date paid")
                yield Input(value=self.today.isoformat(), id="cost-date", compact=True)
                yield Label("Description")
                yield Input(placeholder="What it paid for", id="cost-description", compact=True)
                yield Label("Receipt file")
                yield Input(
                    placeholder="path to the receipt (optional; stored in the vault)",
                    id="cost-receipt",
                    compact=True,
                )
            with Horizontal(classes="checks"):
                yield Checkbox("Not claimed", id="cost-not-claimed", compact=True)
            yield Label("", id="cost-error", classes="error")
            yield _buttons("cost", "Save")

    def on_mount(self) -> None:
        self.query_one("#cost-kind", Select).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#cost-save")
    def action_save(self) -> None:
        error = self.query_one("#cost-error", Label)
        kind = _value(self.query_one("#cost-kind", Select))
        if not kind:
            error.update("Pick the kind of cost.")
            return
        amount = self.query_one("#cost-amount", Input).value.strip()
        if not checked(error, lambda: _positive(amount)):
            return
        day = parsed_day(error, self.query_one("#cost-date", Input).value, self.today, "The date")
        if day is None:
            return
        description = self.query_one("#cost-description", Input).value.strip()
        if not description:
            error.update("Say what the cost paid for.")
            return
        self.dismiss(
            CostInput(
                kind=kind,
                amount=amount,
                incurred_on=day,
                description=description,
                receipt=self.query_one("#cost-receipt", Input).value.strip(),
                claimed=not self.query_one("#cost-not-claimed", Checkbox).value,
            )
        )
