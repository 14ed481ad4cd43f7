"""Notes on a matter: what was said on a call, what to do next, who was told what.

A note is written by the person running casekit (``AppContext.actor``) and never edited: a
correction is a new note, so the file reads as it happened. Notes often hold client facts, so no
message here ever repeats a note's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from casekit.domain.calendar import LOCAL_TZ
from casekit.errors import InvalidInput
from casekit.services.base import AppContext
from casekit.services.plain import plain

#: Longest note accepted (characters): a long call summary fits, a pasted document does not.
MAX_NOTE = 10_000

if TYPE_CHECKING:
    from casekit.store.models import Note


@dataclass(frozen=True)
class NoteOut:
    """One note, its time in Connecticut wall time."""

    id: int
    matter: str
    author: str
    body: str
    at: datetime

    def to_dict(self) -> dict[str, Any]:
        return plain(self, at=self.at.isoformat(timespec="minutes"))


def clean_body(body: str) -> str:
    """The note's text with its outer blank space removed; refused if empty or too long."""
    text = (body or "").strip()
    if not text:
        raise InvalidInput("the note is empty")
    if len(text) > MAX_NOTE:
        raise InvalidInput(f"the note is longer than {MAX_NOTE:,} characters")
    return text


def add_note(svc: AppContext, matter: str | int, body: str) -> NoteOut:
    """Add a note to ``matter`` (its number or id), signed by ``svc.actor``.

    Raises:
        InvalidInput: The note is empty or longer than ``MAX_NOTE`` characters.
        NotFound: No such matter.
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store import repo as reference
    from casekit.store.models import Note

    text = clean_body(body)
    with svc.transaction() as session:
        row = reference.find_matter(session=session, ref=matter)
        note = Note(matter_id=row.id, author=svc.actor, body=text)  # type: ignore[arg-type]
        session.add(note)
        session.flush()
        return _out(note, row.number)


def list_notes(svc: AppContext, matter: str | int) -> list[NoteOut]:
    """The matter's notes, oldest first."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store import repo as reference
    from casekit.store.repos import matters as repo

    with svc.transaction() as session:
        row = reference.find_matter(session=session, ref=matter)
        notes = repo.notes_of(session=session, matter_id=row.id or 0)
        return [_out(n, row.number) for n in notes]


def _out(note: Note, number: str) -> NoteOut:
    # The store is imported here, not at the top: casefile stays light (see __init__).

    at = note.created_at
    return NoteOut(
        id=note.id or 0,
        matter=number,
        author=note.author,
        body=note.body,
        at=at.astimezone(LOCAL_TZ),
    )
