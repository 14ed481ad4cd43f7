"""Generate a document for a matter: pick a template, see the values that will fill it, write it.

Rendering (docxtpl) runs in a worker through ``casekit.services.documents``; the TUI never imports
docxtpl. Dismisses with the path of the written file, or ``None``.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Label, Select, Static

from casekit.tui.screens.base import CasekitModal


class GenerateModal(CasekitModal):
    """Template, preview, generate."""

    DEFAULT_CSS = """
    GenerateModal { align: center middle; }
    GenerateModal > Vertical {
        width: 95%; max-width: 110; height: 90%; padding: 0 1; border: thick $primary;
        background: $surface;
    }
    GenerateModal .title { text-style: bold; }
    GenerateModal #generate-preview { height: 1fr; border: round $primary; }
    GenerateModal Horizontal { height: auto; align-horizontal: right; }
    GenerateModal Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="generate-close"),
        Binding("ctrl+s", "generate", "Generate", id="generate-run", priority=True),
    ]

    class Templates(Message):
        def __init__(
            self, templates: list[tuple[str, str]], towns: list[tuple[int, str]] | None = None
        ) -> None:
            super().__init__()
            self.templates = templates
            self.towns = towns or []

    class Preview(Message):
        def __init__(
            self, template: str, values: dict[str, str], refusal: str | None, note: str = ""
        ) -> None:
            super().__init__()
            self.template = template
            self.values = values
            self.refusal = refusal
            self.note = note  # the client's language has no version of this template

    class Written(Message):
        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    def __init__(self, matter_id: int, number: str) -> None:
        super().__init__()
        self.matter_id = matter_id
        self.number = number
        self.written: str | None = None
        self.towns: list[tuple[int, str]] = []  # municipal defendants, when there are several

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Generate a document for {self.number}", classes="title")
            yield Select([], prompt="Template", id="generate-template")
            # Several municipal defendants: which town a § 7-465 notice goes to.
            town: Select[str] = Select([], prompt="Town (municipal defendant)", id="generate-party")
            town.display = False
            yield town
            with VerticalScroll(id="generate-preview"):
                yield Static(
                    "Pick a template to see the values that will fill it.", id="generate-values"
                )
            yield Label("", id="generate-result")
            with Horizontal():
                yield Button("Close", id="generate-close")
                yield Button("Generate (ctrl+s)", id="generate-run", variant="primary")

    def on_mount(self) -> None:
        self.load_templates()

    @work(thread=True, exclusive=True, exit_on_error=False, group="generate-templates")
    def load_templates(self) -> None:
        # In the worker thread: the services load the store (SQLAlchemy), off the UI thread.
        from casekit.services import documents

        templates = [
            (f"{t.title} ({', '.join(t.languages)})", t.name)
            for t in documents.list_templates(self.svc)
            if t.kind == "matter"
        ]
        towns = documents.municipal_defendants(self.svc, self.matter_id)
        self.deliver(self.Templates(templates, towns))

    def on_generate_modal_templates(self, message: Templates) -> None:
        select = self.query_one("#generate-template", Select)
        select.set_options(message.templates)
        select.focus()
        if len(message.towns) > 1:
            self.towns = message.towns
            party = self.query_one("#generate-party", Select)
            party.set_options([(name, str(i)) for i, name in message.towns])

    def _party(self) -> str | None:
        party = self.query_one("#generate-party", Select)
        return None if party.is_blank() else str(party.value)

    @on(Select.Changed, "#generate-template")
    def _picked(self, event: Select.Changed) -> None:
        if not event.select.is_blank():
            self.query_one("#generate-party", Select).display = (
                bool(self.towns) and str(event.value) == "notice-7-465"
            )
            self.preview(str(event.value))

    @work(thread=True, exclusive=True, exit_on_error=False, group="generate-preview")
    def preview(self, template: str) -> None:
        # In the worker thread: the services load the store (SQLAlchemy), off the UI thread.
        from casekit.services import documents

        values = documents.preview(self.svc, template, self.matter_id)
        # The pleading plan's reason, when it refuses this document (casekit.domain.pleading).
        refusal = documents.refusal(self.svc, template, self.matter_id)
        note = documents.language_note(self.svc, template, self.matter_id)
        self.deliver(self.Preview(template, values, refusal, note))

    def on_generate_modal_preview(self, message: Preview) -> None:
        # Text, not markup: the rule id is in [brackets].
        self.query_one("#generate-result", Label).update(
            Text(
                f"Refused by the pleading plan: {message.refusal}"
                if message.refusal
                else f"Note: {message.note}"
                if message.note
                else ""
            )
        )
        text = Text()
        for key, value in message.values.items():
            text.append(f"{key}: ", style="bold")
            text.append(f"{value}\n")
        self.query_one("#generate-values", Static).update(text)

    @on(Button.Pressed, "#generate-run")
    def action_generate(self) -> None:
        select = self.query_one("#generate-template", Select)
        if select.is_blank():
            self.notify("Pick a template first.", severity="warning")
            return
        party = self._party() if self.towns and str(select.value) == "notice-7-465" else None
        if self.towns and str(select.value) == "notice-7-465" and party is None:
            self.notify("Pick the town this notice goes to.", severity="warning")
            self.query_one("#generate-party", Select).focus()
            return
        self.generate(str(select.value), party)

    @work(thread=True, exclusive=True, exit_on_error=False, group="generate-run")
    def generate(self, template: str, party: str | None = None) -> None:
        # In the worker thread: the services load the store (SQLAlchemy), off the UI thread.
        from casekit.services import documents

        result = documents.generate(self.svc, template, self.matter_id, party=party)
        self.deliver(self.Written(str(result.path)))

    def on_generate_modal_written(self, message: Written) -> None:
        self.written = message.path
        self.query_one("#generate-result", Label).update(f"Written to {message.path}")
        self.notify(f"Document written to {message.path}")

    @on(Button.Pressed, "#generate-close")
    def action_close(self) -> None:
        self.dismiss(self.written)
