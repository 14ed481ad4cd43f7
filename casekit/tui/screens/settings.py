"""Settings: firm details (letterheads and signature blocks), attorneys, court closures."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Footer, Header, Input, Label

from casekit.services import casefile as views
from casekit.tui.screens.base import CasekitScreen
from casekit.tui.widgets.format import day

FIRM_FIELDS = (
    ("firm.name", "Firm name"),
    ("firm.address", "Address"),
    ("firm.phone", "Phone"),
    ("firm.email", "E-mail"),
    ("firm.juris_number", "Juris number"),
)


def _input_id(key: str) -> str:
    return "settings-" + key.replace(".", "-").replace("_", "-")


class SettingsScreen(CasekitScreen):
    """What the documents sign with, who works here, and when the courts were closed."""

    CSS_PATH = "settings.tcss"
    BINDINGS = [
        Binding(
            "ctrl+s",
            "save_firm",
            "Save firm",
            id="settings-save",
            priority=True,
            tooltip="Save the firm details.",
        ),
    ]

    class Loaded(Message):
        def __init__(
            self, values: dict[str, str], attorneys: list[Any], closures: tuple[views.Closure, ...]
        ) -> None:
            super().__init__()
            self.values = values
            self.attorneys = attorneys
            self.closures = closures

    class Saved(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    _loaded: dict[str, str] | None = None

    def _typed(self) -> dict[str, str]:
        return {key: self.query_one(f"#{_input_id(key)}", Input).value for key, _ in FIRM_FIELDS}

    @property
    def dirty(self) -> bool:
        """Firm details typed and not saved, or an attorney half-entered (Escape asks)."""
        if not self.is_mounted or self._loaded is None:
            return False
        half = any(
            self.query_one(f"#settings-attorney-{k}", Input).value.strip()
            for k in ("name", "juris")
        )
        return half or self._typed() != self._loaded

    @dirty.setter
    def dirty(self, value: bool) -> None:
        if not value and self.is_mounted and self._loaded is not None:
            for key, _ in FIRM_FIELDS:
                self.query_one(f"#{_input_id(key)}", Input).value = self._loaded.get(key, "")
            for k in ("name", "juris"):
                self.query_one(f"#settings-attorney-{k}", Input).value = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings-body"):
            yield Label("Firm", classes="section-title")
            for key, title in FIRM_FIELDS:
                with Horizontal(classes="settings-row"):
                    yield Label(title, classes="settings-label")
                    yield Input(id=_input_id(key))
            yield Button("Save firm details (ctrl+s)", id="settings-save-firm", variant="primary")
            yield Label("Attorneys", classes="section-title")
            yield DataTable(id="settings-attorneys", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="settings-row"):
                yield Input(placeholder="Name", id="settings-attorney-name")
                yield Input(placeholder="Juris number", id="settings-attorney-juris")
                yield Button("Add", id="settings-attorney-add")
            yield Label("Court closures (deadlines roll past them)", classes="section-title")
            yield DataTable(id="settings-closures", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        # Fixed widths: the header does not change under the user's eyes when the rows arrive.
        attorneys = self.query_one("#settings-attorneys", DataTable)
        for title, width in (("Name", 28), ("Juris", 10), ("E-mail", 32), ("Active", 6)):
            attorneys.add_column(title, width=width)
        closures = self.query_one("#settings-closures", DataTable)
        for title, width in (("Closed on", 12), ("Reason", 48)):
            closures.add_column(title, width=width)

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="settings-load")
    def load(self) -> None:
        from casekit.services.office import settings

        self.deliver(
            self.Loaded(
                settings.show_settings(self.svc),
                settings.list_attorneys(self.svc),
                views.closures(self.svc),
            )
        )

    def on_settings_screen_loaded(self, message: Loaded) -> None:
        for key, _ in FIRM_FIELDS:
            self.query_one(f"#{_input_id(key)}", Input).value = message.values.get(key, "")
        self._loaded = self._typed()
        attorneys = self.query_one("#settings-attorneys", DataTable)
        attorneys.clear()
        for a in message.attorneys:
            attorneys.add_row(a.name, a.juris_number, a.email, "yes" if a.active else "no")
        closures = self.query_one("#settings-closures", DataTable)
        closures.clear()
        for c in message.closures:
            closures.add_row(day(c.closed_on), c.reason)

    @on(Button.Pressed, "#settings-save-firm")
    def action_save_firm(self) -> None:
        values = {key: self.query_one(f"#{_input_id(key)}", Input).value for key, _ in FIRM_FIELDS}
        self.save_firm(values)

    @work(thread=True, exclusive=True, exit_on_error=False, group="settings-save")
    def save_firm(self, values: dict[str, str]) -> None:
        from casekit.services.office import settings

        for key, value in values.items():
            if value.strip():
                settings.set_setting(self.svc, key, value)
        self.deliver(self.Saved("Firm details saved"))

    @on(Button.Pressed, "#settings-attorney-add")
    def _add_attorney(self) -> None:
        name = self.query_one("#settings-attorney-name", Input).value.strip()
        juris = self.query_one("#settings-attorney-juris", Input).value.strip()
        if not name:
            self.notify("Give the attorney's name.", severity="warning")
            return
        self.add_attorney(name, juris)

    @work(thread=True, exclusive=True, exit_on_error=False, group="settings-save")
    def add_attorney(self, name: str, juris: str) -> None:
        from casekit.services.office import settings

        settings.add_attorney(self.svc, name=name, juris=juris)
        self.deliver(self.Saved(f"Attorney {name} added"))

    def on_settings_screen_saved(self, message: Saved) -> None:
        self.casekit.note_change()
        self.notify(message.text)
        self.query_one("#settings-attorney-name", Input).value = ""
        self.query_one("#settings-attorney-juris", Input).value = ""
        self.load()
