"""The claims pleaded (the law pack's claims) and the relief sought."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label

from casekit.tui.screens.form import FormDialog


@dataclass(frozen=True)
class ClaimsInput:
    claims: tuple[str, ...]
    relief: tuple[str, ...]


class ClaimsModal(FormDialog[ClaimsInput]):
    """One checkbox per claim of the law pack; relief items separated by ";"."""

    def __init__(
        self, claims: tuple[tuple[str, str], ...], chosen: tuple[str, ...], relief: str
    ) -> None:
        super().__init__()
        self.claims = claims  # (id, label)
        self.chosen = chosen
        self.relief = relief

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Claims pleaded and relief sought", classes="title")
            for code, title in self.claims:
                yield Checkbox(title, value=code in self.chosen, id=f"claim-{code}", compact=True)
            yield Input(
                self.relief,
                placeholder="Relief sought, separated by ; (injunction; damages)",
                id="claims-relief",
            )
            yield Label("", id="claims-error", classes="error")
            with Horizontal():
                yield Button("Cancel", id="claims-cancel")
                yield Button("Save", id="claims-save", variant="primary")

    def on_mount(self) -> None:
        if self.claims:
            self.query_one(f"#claim-{self.claims[0][0]}", Checkbox).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#claims-save")
    def action_save(self) -> None:
        chosen = tuple(
            code for code, _ in self.claims if self.query_one(f"#claim-{code}", Checkbox).value
        )
        text = self.query_one("#claims-relief", Input).value
        relief = tuple(item.strip() for item in text.split(";") if item.strip())
        self.dismiss(ClaimsInput(chosen, relief))
