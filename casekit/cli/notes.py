"""``casekit note add|list``."""

from __future__ import annotations

import typer

from casekit.cli.base import JSON_OPTION, MATTER_ARG, command_group, services
from casekit.cli.output import done, listing

note_app = command_group(
    "note", "Notes on a matter: calls, decisions, next steps (signed with CASEKIT_USER)."
)


@note_app.command("add")
def note_add(
    matter: str = MATTER_ARG,
    text: str = typer.Argument(..., help="The note (quote it)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a note to a matter, signed by you; notes are never edited (write a new one)."""
    from casekit.services.casefile.notes import add_note

    note = add_note(services(), matter, text)
    done(note.to_dict(), as_json, f"note {note.id} added to {note.matter}")


@note_app.command("list")
def note_list(
    matter: str = MATTER_ARG,
    as_json: bool = JSON_OPTION,
) -> None:
    """A matter's notes, oldest first, with author and Connecticut time."""
    from casekit.services.casefile.notes import list_notes

    listing(
        list_notes(services(), matter),
        as_json,
        ("at", "author", "note"),
        lambda n: (n.at, n.author, n.body),
        empty="no notes",
    )
