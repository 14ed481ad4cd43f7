"""The check before a ``.docx`` named by a user is read: it exists and is a Word file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from casekit.errors import InvalidInput

__all__ = ["word_file"]

#: What the "no such file" message calls each kind of Word file.
_MISSING = {"document": "document", "template": "template file"}


def word_file(path: Path | str, *, kind: Literal["document", "template"]) -> Path:
    """``path`` (``~`` expanded) when it is an existing ``.docx``; ``kind`` names it in the
    messages.

    Raises:
        InvalidInput: no such file, or not a ``.docx``.
    """
    target = Path(path).expanduser()
    if not target.is_file():
        raise InvalidInput(f"no {_MISSING[kind]} at {target}")
    if target.suffix.lower() != ".docx":
        raise InvalidInput(f"{target.name} is not a Word {kind} (.docx)")
    return target
