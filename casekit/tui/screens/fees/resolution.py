"""The resolution dialog: a demand, an offer, settlement terms or a judgment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Select

from casekit.domain import fees
from casekit.tui.screens.fees.forms import form_css
from casekit.tui.screens.form import DatedForm, Fields, Refused, buttons, save_keys


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


class ResolutionModal(DatedForm[ResolutionInput]):
    """Record a demand, an offer, settlement terms or a judgment."""

    PREFIX = "res"
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
            yield buttons("res", "Save", compact=True)

    def on_mount(self) -> None:
        self.query_one("#res-kind", Select).focus()

    def read(self, form: Fields) -> ResolutionInput:
        kind = form.choice("kind", missing="Pick what it is.")
        day = form.day("date", "The date")
        amount = form.checked("amount", fees.parse_money, optional=True)
        expires = form.optional_day("expires", "The expiry", future=True)
        side, court = form.choice("side"), form.choice("court")
        if kind == "judgment" and (not side or not court):
            raise Refused("A judgment needs in whose favour it entered and the court.")
        return ResolutionInput(
            kind=kind,
            dated=day,
            side=side,
            amount=amount,
            terms=form.text("terms"),
            injunctive_terms=form.text("injunctive"),
            expires_on=expires,
            court=court if kind == "judgment" else "",
        )
