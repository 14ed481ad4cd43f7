"""Add an evidence item from the matter's Evidence tab: a path typed with completion, its kind,
what it shows. Dismisses with an :class:`EvidenceInput` (the screen's worker hashes and stores
the file: ``casekit.services.evidence.add_evidence``), or ``None``."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Label, Select

from casekit.domain.model import EVIDENCE_KINDS
from casekit.tui.screens.form import MODAL_CSS, DatedForm, Fields, buttons
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


class EvidenceModal(DatedForm[EvidenceInput]):
    """The file, its kind and what it proves; ``ctrl+s`` adds it, ``escape`` asks "Discard
    changes?" when something was typed (:class:`FormModal`)."""

    DEFAULT_CSS = MODAL_CSS.format(name="EvidenceModal") + (
        "EvidenceModal Input, EvidenceModal Select { margin-bottom: 0; }\n"
        "EvidenceModal .error { color: $error; }\n"
    )
    PREFIX = "evidence"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="evidence-add-cancel"),
        Binding("ctrl+s", "save", "Add", id="evidence-add-save", priority=True),
    ]

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
            yield buttons("evidence", "Add")

    def read(self, form: Fields) -> EvidenceInput:
        path = Path(
            os.path.expanduser(form.text("path", missing="Type the path of the file to add."))
        )
        kind = form.choice("kind", missing="Choose the kind of evidence.")
        obtained = form.written_day("obtained", "date", optional=True)
        proves = tuple(
            p.strip() for p in form.text("proves").replace(";", ",").split(",") if p.strip()
        )
        return EvidenceInput(
            path=path,
            kind=kind,
            description=form.text("description"),
            obtained_on=obtained,
            source=form.text("source"),
            proves=proves,
        )
