"""A document's paragraphs as the checks read them: where, the text, the style, the highlighted
runs, and whether they are in the drafting notes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_NOTES_HEADING = "drafting notes"


# --- the checks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Para:
    where: str
    text: str
    style: str
    runs: tuple[tuple[str, bool], ...]  # (text, highlighted)
    notes: bool  # in the drafting notes


def _paragraphs(document: Any) -> Iterator[_Para]:
    in_notes = False
    for index, p in enumerate(document.paragraphs, start=1):
        style = p.style.name if p.style is not None else ""
        if style.startswith("Heading") and p.text.strip().lower().startswith(_NOTES_HEADING):
            in_notes = True
        elif style.startswith("Heading") and in_notes and style == "Heading 1":
            in_notes = False
        yield _para(f"body paragraph {index}", p, style, in_notes or style == "Drafting Note")
    for t_index, table in enumerate(document.tables, start=1):
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    yield _para(f"table {t_index}", p, "", False)
    for s_index, section in enumerate(document.sections, start=1):
        for label, part in (("header", section.header), ("footer", section.footer)):
            if part.is_linked_to_previous and s_index > 1:
                continue
            for p in part.paragraphs:
                yield _para(f"{label} {s_index}", p, "", False)


def _plain(text: str) -> str:
    """No-break spaces and hyphens (the craft pass's, or Word's) read as ordinary ones."""
    return text.replace("\u00a0", " ").replace("\u2011", "-")


def _para(where: str, p: Any, style: str, notes: bool) -> _Para:
    runs = tuple((_plain(r.text), _highlighted(r)) for r in p.runs)
    return _Para(where, _plain(p.text), style, runs, notes)


def _highlighted(run: Any) -> bool:
    if run.font.highlight_color is not None:
        return True
    r_pr = run._r.rPr
    if r_pr is None:
        return False
    from docx.oxml.ns import qn

    shd = r_pr.find(qn("w:shd"))
    return shd is not None and (shd.get(qn("w:fill")) or "auto").lower() not in ("auto", "ffffff")
