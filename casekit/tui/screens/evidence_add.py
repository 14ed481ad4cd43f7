"""Add an evidence item from the matter's Evidence tab: a path typed with completion, its kind,
what it shows. Dismisses with an :class:`EvidenceInput` (the screen's worker hashes and stores
the file: ``casekit.services.evidence.add_evidence``), or ``None``."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Select

from casekit.domain.bounds import parse_day
from casekit.domain.model import EVIDENCE_KINDS
from casekit.errors import InvalidInput
from casekit.tui.screens.form import MODAL_CSS, FormModal
from casekit.tui.widgets.format import label

#: Entries looked at per folder when completing a path (a huge folder stays quick).
MAX_ENTRIES = 2_000


def complete_path(value: str) -> str | None:
    """The first entry of the typed path's folder that starts with what was typed after the
    last slash (a folder gets a trailing slash); ``~`` is the home folder. None when nothing
    matches. File-system I/O: :class:`PathSuggester` runs it in a thread."""
    if not value:
        return None
    expanded = os.path.expanduser(value)
    folder, _, stem = expanded.rpartition(os.sep)
    base = Path(folder or ".") if folder or not value.startswith(os.sep) else Path(os.sep)
    try:
        names = []
        with os.scandir(base) as entries:
            for n, entry in enumerate(entries):
                if n >= MAX_ENTRIES:
                    break
                if entry.name.startswith(stem) and (
                    stem.startswith(".") or not entry.name.startswith(".")
                ):
                    names.append((entry.name, entry.is_dir()))
    except OSError:
        return None
    if not names:
        return None
    name, is_dir = sorted(names)[0]
    typed_folder = value[: len(value) - len(stem)]
    return typed_folder + name + (os.sep if is_dir else "")


class PathSuggester(Suggester):
    """Completes file paths (right arrow or end accepts the suggestion)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(complete_path, value)


@dataclass(frozen=True)
class EvidenceInput:
    path: Path
    kind: str
    description: str
    obtained_on: date | None
    source: str
    proves: tuple[str, ...]


class EvidenceModal(FormModal):
    """The file, its kind and what it proves; ``ctrl+s`` adds it, ``escape`` asks "Discard
    changes?" when something was typed (:class:`FormModal`)."""

    DEFAULT_CSS = MODAL_CSS.format(name="EvidenceModal") + (
        "EvidenceModal Input, EvidenceModal Select { margin-bottom: 0; }\n"
        "EvidenceModal .error { color: $error; }\n"
    )
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="evidence-add-cancel"),
        Binding("ctrl+s", "save", "Add", id="evidence-add-save", priority=True),
    ]

    def __init__(self, *, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                "Add evidence: the file is hashed and a read-only copy kept", classes="title"
            )
            yield Input(
                placeholder="File path (→ completes)", id="evidence-path", suggester=PathSuggester()
            )
            yield Select(
                [(label(k).replace("-", " ").capitalize(), k) for k in EVIDENCE_KINDS],
                prompt="Kind of evidence",
                id="evidence-kind",
            )
            yield Input(placeholder="Description (optional)", id="evidence-description")
            yield Input(placeholder="Obtained on YYYY-MM-DD (optional)", id="evidence-obtained")
            yield Input(placeholder="Source, e.g. FOI response (optional)", id="evidence-source")
            yield Input(placeholder="Proves, e.g. V1, no-E1 (optional)", id="evidence-proves")
            yield Label("", id="evidence-error", classes="error")
            with Horizontal():
                yield Button("Cancel", id="evidence-cancel")
                yield Button("Add", id="evidence-save", variant="primary")

    def _value(self, name: str) -> str:
        return self.query_one(f"#evidence-{name}", Input).value.strip()

    @on(Input.Submitted)
    @on(Button.Pressed, "#evidence-save")
    def action_save(self) -> None:
        error = self.query_one("#evidence-error", Label)
        text = self._value("path")
        if not text:
            error.update("Type the path of the file to add.")
            return
        path = Path(os.path.expanduser(text))
        kind = self.query_one("#evidence-kind", Select).value
        if not isinstance(kind, str):
            error.update("Choose the kind of evidence.")
            return
        obtained = None
        if self._value("obtained"):
            try:
                obtained = parse_day(self._value("obtained"), self.today, "date", echo=False)
            except InvalidInput as exc:
                error.update(f"The {exc.message}.")
                return
        proves = tuple(
            p.strip() for p in self._value("proves").replace(";", ",").split(",") if p.strip()
        )
        self.dismiss(
            EvidenceInput(
                path=path,
                kind=kind,
                description=self._value("description"),
                obtained_on=obtained,
                source=self._value("source"),
                proves=proves,
            )
        )
