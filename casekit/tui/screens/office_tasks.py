"""Office tasks from the command palette: export the calendar (.ics), back casekit up, restore a
backup (which asks first). Each is a dialog whose work runs in a thread worker through the same
services as ``casekit export ics``, ``casekit backup`` and ``casekit restore``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from casekit.tui.screens.base import Dialog
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.evidence_add import PathSuggester


class TaskModal(Dialog[None]):
    """A title, inputs, a result line, Cancel/Close and the action button."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="office-task-close"),
        Binding("ctrl+s", "run", "Run", id="office-task-run", priority=True),
    ]
    TITLE = ""
    RUN = "Run"

    class Done(Message):
        def __init__(self, text: str, *, ok: bool = True, payload: Any = None) -> None:
            super().__init__()
            self.text = text
            self.ok = ok
            self.payload = payload

    def inputs(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.TITLE, classes="title")
            yield from self.inputs()
            yield Static("", id="task-result")
            with Horizontal():
                yield Button("Close", id="task-close")
                yield Button(self.RUN, id="task-run", variant="primary")

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    @on(Button.Pressed, "#task-close")
    def action_close(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#task-run")
    def action_run(self) -> None:
        self.query_one("#task-run", Button).disabled = True
        self.query_one("#task-result", Static).update("Working…")
        self.start()

    def start(self) -> Any:
        """Run the task in a worker (each dialog's own)."""
        raise NotImplementedError

    def fail(self, error: BaseException) -> None:
        self.deliver(self.Done(f"Not done: {getattr(error, 'message', None) or error}", ok=False))

    def on_task_modal_done(self, message: Done) -> None:
        self.query_one("#task-result", Static).update(message.text)
        self.query_one("#task-run", Button).disabled = False
        if message.ok:
            self.notify(message.text)
        else:
            self.notify(message.text, severity="error")
        self.finished(message)

    def finished(self, message: Done) -> None:
        """After the task (a hook)."""


class ExportCalendarModal(TaskModal):
    """Open deadlines as calendar events (``casekit export ics``)."""

    TITLE = "Export the open deadlines as a calendar (.ics)"
    RUN = "Export"

    def __init__(self, *, default: Path, matter: str = "") -> None:
        super().__init__()
        self.default = default
        self.matter = matter

    def inputs(self) -> ComposeResult:
        yield Input(
            value=str(self.default),
            id="export-path",
            suggester=PathSuggester(),
            select_on_focus=False,
        )
        yield Input(
            value=self.matter,
            placeholder="Only this matter (empty: every matter)",
            id="export-matter",
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="office-task")
    def start(self) -> None:
        from casekit.services.deadlines.calendar_export import export_ics

        path = Path(self._value("export-path")).expanduser()
        try:
            events = export_ics(self.svc, path, matter=self._value("export-matter") or None)
        except Exception as error:  # noqa: BLE001 - shown in the dialog, one line
            self.fail(error)
            return
        self.deliver(self.Done(f"{events} event(s) written to {path}", payload=path))


class BackupModal(TaskModal):
    """One archive of the database, files, templates and settings (``casekit backup``)."""

    TITLE = "Back up casekit (database, documents, evidence, templates, settings)"
    RUN = "Back up"

    def inputs(self) -> ComposeResult:
        yield Input(
            placeholder="Archive or folder (empty: the backups folder of CASEKIT_HOME)",
            id="backup-output",
            suggester=PathSuggester(),
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="office-task")
    def start(self) -> None:
        from casekit.services.office import backup

        target = self._value("backup-output")
        try:
            out = backup(self.svc, output=Path(target).expanduser() if target else None)
        except Exception as error:  # noqa: BLE001 - shown in the dialog, one line
            self.fail(error)
            return
        self.deliver(
            self.Done(
                f"Backed up {out.files} file(s) to {out.path} (the key is not in it)", payload=out
            )
        )


class RestoreModal(TaskModal):
    """Check an archive, then (after a confirmation) replace this casekit's data with it
    (``casekit restore --force``: what it replaces is kept under ``backups/replaced-…``)."""

    TITLE = "Restore casekit from a backup"
    RUN = "Check"

    class Checked(Message):
        def __init__(self, summary: str) -> None:
            super().__init__()
            self.summary = summary

    def inputs(self) -> ComposeResult:
        yield Input(
            placeholder="Backup archive (.tar.gz)", id="restore-archive", suggester=PathSuggester()
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="office-task")
    def start(self) -> None:
        from casekit.services.office import read_plan

        try:
            plan = read_plan(Path(self._value("restore-archive")).expanduser())
        except Exception as error:  # noqa: BLE001 - shown in the dialog, one line
            self.fail(error)
            return
        made = plan.manifest.get("created_at", "an unknown time")
        summary = (
            f"A {plan.database or 'casekit'} backup made {made}, {len(plan.members)} file(s). "
            "Restoring replaces every matter, document and setting here with the backup's "
            "(what is here now is kept under backups/replaced-…)."
        )
        self.deliver(self.Checked(summary))

    def on_restore_modal_checked(self, message: Checked) -> None:
        self.query_one("#task-result", Static).update(message.summary)
        self.query_one("#task-run", Button).disabled = False

        def answer(yes: bool | None) -> None:
            if yes:
                self.query_one("#task-run", Button).disabled = True
                self.query_one("#task-result", Static).update("Restoring…")
                self.restore()
            else:
                self.query_one("#task-result", Static).update("Nothing was restored.")

        self.app.push_screen(
            ConfirmModal(message.summary + "\n\nRestore it now?", yes="Restore", no="Cancel"),
            answer,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="office-task")
    def restore(self) -> None:
        from casekit.services.office import restore

        archive = Path(self._value("restore-archive")).expanduser()
        self.svc.dispose()  # no connection of ours on the database being replaced
        try:
            out = restore(self.svc, archive, force=True)
        except Exception as error:  # noqa: BLE001 - shown in the dialog, one line
            self.fail(error)
            return
        kept = f"; what was here is kept in {out.replaced}" if out.replaced else ""
        self.deliver(self.Done(f"Restored {out.files} file(s) from the backup{kept}", payload=out))

    def finished(self, message: TaskModal.Done) -> None:
        if message.ok and message.payload is not None:
            self.casekit.note_change()  # every screen reads its data again


def office_tasks(app: Any) -> list[tuple[str, str, Any]]:
    """The palette's office entries: (title, help, what runs)."""
    settings = app.services.settings
    screen = app.screen
    detail = getattr(screen, "detail", None)
    matter = getattr(detail, "number", "") if detail is not None else ""

    def export() -> None:
        app.push_screen(
            ExportCalendarModal(default=settings.home / "casekit-deadlines.ics", matter=matter)
        )

    return [
        (
            "Export calendar (.ics)",
            "Open deadlines as calendar events on their safe targets (casekit export ics).",
            export,
        ),
        (
            "Back up casekit",
            "One archive of the database, documents, evidence, templates and settings.",
            lambda: app.push_screen(BackupModal()),
        ),
        (
            "Restore from a backup",
            "Replace this casekit's data with a backup (checked, then asks first).",
            lambda: app.push_screen(RestoreModal()),
        ),
    ]
