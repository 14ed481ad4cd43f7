"""The resolution dialog: a demand, an offer, settlement terms or a judgment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Button, Input, Label, Select

from casekit.domain import fees
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
class ResolutionInput:
    kind: str
    dated: date
    side: str
    amount: str
    terms: str
    injunctive_terms: str
    expires_on: date | None
    court: str


class ResolutionModal(DatedForm):
    """Record a demand, an offer, settlement terms or a judgment."""

    DEFAULT_CSS = form_css("ResolutionModal")
    BINDINGS = save_keys("resolution")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Record a demand, offer, settlement or judgment", classes="title")
            with Grid():
                yield Label("Kind")
                yield Select(
                    [(k.capitalize(), k) for k in fees.RESOLUTION_KINDS],
                    prompt="What it is",
                    id="res-kind",
                    compact=True,
                )
                yield Label("Date")
                yield Input(value=self.today.isoformat(), id="res-date", compact=True)
                yield Label("From / for")
                yield Select(
                    [("Plaintiff", "plaintiff"), ("Defendant", "defendant")],
                    prompt="who made it (judgment: in whose favour)",
                    id="res-side",
                    compact=True,
                )
                yield Label("Amount")
                yield Input(placeholder="dollars (optional)", id="res-amount", compact=True)
                yield Label("Terms")
                yield Input(placeholder="payment, fees, release …", id="res-terms", compact=True)
                yield Label("Injunctive")
                yield Input(
                    placeholder="policy, training, records …", id="res-injunctive", compact=True
                )
                yield Label("Expires")
                yield Input(
                    placeholder="demand or offer: YYYY-MM-DD", id="res-expires", compact=True
                )
                yield Label("Court")
                yield Select(
                    [("State (Superior Court)", "state"), ("Federal (D. Conn.)", "federal")],
                    prompt="judgment only: starts the fee-motion deadline",
                    id="res-court",
                    compact=True,
                )
            yield Label("", id="res-error", classes="error")
            yield _buttons("res", "Save")

    def on_mount(self) -> None:
        self.query_one("#res-kind", Select).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#res-save")
    def action_save(self) -> None:
        error = self.query_one("#res-error", Label)
        kind = _value(self.query_one("#res-kind", Select))
        if not kind:
            error.update("Pick what it is.")
            return
        day = parsed_day(error, self.query_one("#res-date", Input).value, self.today, "The date")
        if day is None:
            return
        amount = self.query_one("#res-amount", Input).value.strip()
        if amount and not checked(error, lambda: fees.parse_money(amount)):
            return
        expires_text = self.query_one("#res-expires", Input).value.strip()
        expires: date | None = None
        if expires_text:
            parsed = parsed_day(error, expires_text, self.today, "The expiry", future=True)
            if parsed is None:
                return
            expires = parsed
        side = _value(self.query_one("#res-side", Select))
        court = _value(self.query_one("#res-court", Select))
        if kind == "judgment" and (not side or not court):
            error.update("A judgment needs in whose favour it entered and the court.")
            return
        self.dismiss(
            ResolutionInput(
                kind=kind,
                dated=day,
                side=side,
                amount=amount,
                terms=self.query_one("#res-terms", Input).value.strip(),
                injunctive_terms=self.query_one("#res-injunctive", Input).value.strip(),
                expires_on=expires,
                court=court if kind == "judgment" else "",
            )
        )
