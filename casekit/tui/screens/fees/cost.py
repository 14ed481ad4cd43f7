"""The cost dialog: the receipt file (optional) is stored in the evidence vault."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select

from casekit.domain import fees
from casekit.errors import InvalidInput
from casekit.tui.screens.fees.forms import form_css
from casekit.tui.screens.form import DatedForm, Fields, buttons, save_keys


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


class CostModal(DatedForm[CostInput]):
    """Record a cost; the receipt file (optional) is stored in the evidence vault."""

    PREFIX = "cost"
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
            yield buttons("cost", "Save", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cost-kind", Select).focus()

    def read(self, form: Fields) -> CostInput:
        return CostInput(
            kind=form.choice("kind", missing="Pick the kind of cost."),
            amount=form.checked("amount", _positive),
            incurred_on=form.day("date", "The date"),
            description=form.text("description", missing="Say what the cost paid for."),
            receipt=form.text("receipt"),
            claimed=not form.ticked("not-claimed"),
        )
