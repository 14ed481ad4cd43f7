"""Drafting notes leave the body and become Word comments on the document's title."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml.etree import XPath

from casekit.docgen.craft.base import _NS, PPR, Craft, P, R, T, _Memo, _q, _set_text, _text

COMMENT_AUTHOR = "casekit"
_NOTE_STYLES = ("DraftingNote",)
_NOTE_PARAGRAPHS = XPath('w:p[w:pPr/w:pStyle/@w:val = "DraftingNote"]', namespaces=_NS)


# --- drafting notes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Note:
    heading: str
    text: str


def _take_notes(paragraphs: Sequence[Any], memo: _Memo) -> list[tuple[_Note, list[Any]]]:
    """The drafting notes, each with the paragraphs to remove once it is a comment."""
    notes: list[tuple[_Note, list[Any]]] = []
    heading: tuple[str, Any] | None = None
    body = paragraphs[0].getparent() if paragraphs else None
    for p in _NOTE_PARAGRAPHS(body) if body is not None else []:
        remove = [p]
        previous = p.getprevious()
        if previous is not None and previous.tag != P:
            previous = None
        if previous is not None and memo.style(previous).startswith("Heading"):
            heading = (memo.text(previous), previous)
            remove.append(previous)
        elif previous is None or memo.style(previous) not in _NOTE_STYLES:
            heading = None
        text = memo.text(p)
        if text:
            notes.append((_Note(heading[0] if heading else "", text), remove))
    return notes


def _notes_to_comments(
    document: Any, notes: Sequence[tuple[_Note, list[Any]]], done: Craft, memo: _Memo
) -> None:
    if not notes:
        return
    anchor = _anchor_runs(document, memo)
    try:
        import docx.parts.comments  # noqa: F401  (python-docx >= 1.2)
    except ImportError:
        anchor = None
    if anchor is None:  # nothing to hang them on, or no comments part: notes stay in the body
        done.notes_left_in_body = [n.text for n, _ in notes]
        return
    texts = []
    for note, _ in notes:
        heading = note.heading
        if heading.lower().startswith("drafting note"):
            heading = "Drafting note"
        texts.append(f"{heading}: {note.text}" if heading else note.text)
    _add_comments(document, anchor, texts)
    done.comments = len(texts)
    for _, remove in notes:
        for p in remove:
            parent = p.getparent()
            if parent is not None:
                parent.remove(p)
    _trim_end(document.element.body)


def _anchor_runs(document: Any, memo: _Memo) -> tuple[Any, Any] | None:
    """The first and last run (lxml) to hang the comments on: the title's, else those of the
    first paragraph with text."""
    body = document.element.body
    paragraphs = [p for p in body if p.tag == P]
    titled = [p for p in paragraphs if memo.style(p) == "Title"][:1]
    first = next((p for p in paragraphs if memo.text(p)), None)
    for p in [*titled, *([first] if first is not None else [])]:
        runs = [r for r in p if r.tag == R and any((t.text or "").strip() for t in r.iter(T))]
        if runs:
            return runs[0], runs[-1]
    return None


def _add_comments(document: Any, anchor: tuple[Any, Any], texts: Sequence[str]) -> None:
    """One Word comment per text, all on the ``anchor`` runs, by casekit, undated (the output is
    deterministic). The comments part is built in one go: python-docx's ``add_comment`` parses
    XML for every comment, which would cost more than the rest of the craft pass together."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.parts.comments import CommentsPart

    part = document.part
    try:
        comments_part = part.part_related_by(RT.COMMENTS)  # a firm's template has comments
        root = comments_part.element
    except KeyError:
        comments_part = None
        root = parse_xml(f"<w:comments {nsdecls('w')}/>")
    ids = [int(c.get(_q("id"), "0")) for c in root.iter(_q("comment"))]
    next_id = max([*ids, -1]) + 1
    first, last = anchor
    for offset, text in enumerate(texts):
        cid = str(next_id + offset)
        comment = root.makeelement(
            _q("comment"), {_q("id"): cid, _q("author"): COMMENT_AUTHOR, _q("initials"): "ck"}
        )
        root.append(comment)
        p = comment.makeelement(P, {})
        comment.append(p)
        ref = p.makeelement(R, {})
        ref.append(ref.makeelement(_q("annotationRef"), {}))
        run = p.makeelement(R, {})
        t = run.makeelement(T, {})
        _set_text(t, text)
        run.append(t)
        p.extend([ref, run])
        first.addprevious(first.makeelement(_q("commentRangeStart"), {_q("id"): cid}))
        end = last.makeelement(_q("commentRangeEnd"), {_q("id"): cid})
        last.addnext(end)
        reference = last.makeelement(R, {})
        reference.append(reference.makeelement(_q("commentReference"), {_q("id"): cid}))
        end.addnext(reference)
    if comments_part is None:
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.packuri import PackURI

        new = CommentsPart(PackURI("/word/comments.xml"), CT.WML_COMMENTS, root, part.package)
        part.relate_to(new, RT.COMMENTS)


def _trim_end(body: Any) -> None:
    """Drop empty paragraphs left at the end of the body (they can make a blank last page)."""
    paragraphs = [p for p in body if p.tag == P]
    for p in reversed(paragraphs[1:]):
        if _text(p).strip() or p.find(f"{PPR}/{_q('sectPr')}") is not None:
            break
        if any(True for _ in p.iter(_q("drawing"), _q("fldChar"), _q("br"))):
            break
        body.remove(p)
