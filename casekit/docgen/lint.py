"""A document linter: checks a rendered (or firm-edited) ``.docx`` the way a careful reader would.

Run after every ``casekit generate`` (findings on stderr, a ``check`` key in ``--json``) and by
``casekit documents check PATH`` (exit 1 on an error). It reads only the document's text and
formatting, so it works on a document a firm edited in Word:

* ``client-in-pleading`` (error): a complaint or notice speaks of "the client" (drafting notes,
  which quote what must be rewritten, are left out);
* ``unreachable-defendant`` (error): a count is pleaded against a defendant its claim cannot
  reach: § 1983 against the State alone, § 52-571k against the State or a municipality, § 7-465
  indemnification against the State;
* ``timely-after-deadline`` (error): a notice says it is given within the period although the
  period it names ended before the document's date;
* ``unhighlighted-placeholder`` (error): a ``[[placeholder]]`` or a blank line to fill
  (``____________________``) that is not highlighted;
* ``orphaned-signature`` (error, with a PDF of the document): a page that holds nothing but
  (part of) the signature block; ``signature-not-kept`` (warning, without one): the signature
  block is not chained to the text above it by keep-with-next, so it can land alone on a page;
  ``pages-not-checked`` (warning): the PDF could not be read (the chain is checked instead);
* ``two-page-numbers`` (warning): a header and a footer of the same pages both print the page
  number.

:func:`highlight_placeholders` is the renderer's half: it highlights every placeholder in a
freshly rendered document, so what casekit writes passes.

The claim names the unreachable-defendant check looks for are the count titles of the law pack
(claims.toml), so a count is recognised by its title, not by a citation written here.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lxml.etree import XPath

from casekit.errors import InvalidInput

__all__ = [
    "ERROR",
    "PLACEHOLDER",
    "WARNING",
    "Finding",
    "highlight_placeholders",
    "lint_document",
]

ERROR = "error"
WARNING = "warning"

#: A placeholder to fill: ``[[…]]``, or the 20-underscore blank casekit prints for a missing value.
PLACEHOLDER = re.compile(r"\[\[[^\[\]]*\]\]|(?<!_)_{20}(?!_)")
_CLIENT = re.compile(r"\bthe client\b", re.IGNORECASE)
_TIMELY = re.compile(r"\bwithin (?:the )?six months\b|\bis given within\b", re.IGNORECASE)
_ENDS_ON = re.compile(r"\bends on ([A-Z][a-z]+ \d{1,2}, \d{4})")
_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{1,2}), (\d{4})\b"
)
_AS_TO = re.compile(r"^\(as to (.*)\)$")
_STATE_NAMES = ("State of Connecticut",)
_MUNICIPAL_PREFIXES = ("City of ", "Town of ", "Borough of ", "the City of ", "the Town of ")
_NOTES_HEADING = "drafting notes"
_PLEADING_NAMES = ("complaint", "notice-7-465", "notice-4-147")


@dataclass(frozen=True)
class Finding:
    """One problem: ``level`` (``error``/``warning``), a stable ``code``, the message and where
    (``body paragraph 12``)."""

    level: str
    code: str
    message: str
    where: str

    def to_dict(self) -> dict[str, str]:
        return {
            "level": self.level,
            "code": self.code,
            "message": self.message,
            "where": self.where,
        }

    def line(self) -> str:
        return f"{self.level}: {self.where}: {self.message} [{self.code}]"


# --- the renderer's half ------------------------------------------------------------------------


def highlight_placeholders(document: Any) -> int:
    """Highlight every placeholder of a python-docx ``Document`` (body, headers, footers) in
    yellow, splitting runs so that only the placeholder is marked. Returns how many."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml.ns import qn

    def mark(run: Any) -> None:
        run.get_or_add_rPr().highlight_val = WD_COLOR_INDEX.YELLOW

    marked = 0
    for element in _part_elements(document):
        # Only runs with a "[" or "_" can hold a placeholder: XPath finds them in C.
        for r in _CANDIDATE_RUNS(element):
            texts = [c for c in r if c.tag == qn("w:t")]
            others = [c for c in r if c.tag not in (qn("w:t"), qn("w:rPr"))]
            joined = "".join(t.text or "" for t in texts)
            if not PLACEHOLDER.search(joined):
                continue
            if others or len(texts) != 1:
                mark(r)
                marked += 1
                continue
            for piece, is_placeholder in _pieces(joined):
                new = copy.deepcopy(r)
                t = new.find(qn("w:t"))
                t.text = piece
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                if is_placeholder:
                    mark(new)
                    marked += 1
                r.addprevious(new)
            r.getparent().remove(r)
    return marked


_CANDIDATE_RUNS = XPath(
    './/w:r[w:t[contains(., "[") or contains(., "_")]]',
    namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
)


def _pieces(text: str) -> Iterator[tuple[str, bool]]:
    at = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > at:
            yield text[at : match.start()], False
        yield match.group(0), True
        at = match.end()
    if at < len(text):
        yield text[at:], False


def _part_elements(document: Any) -> Iterator[Any]:
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if name == "/word/document.xml" or name.startswith(("/word/header", "/word/footer")):
            element = getattr(part, "_element", None)
            if element is not None:
                yield element


# --- the checks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Para:
    where: str
    text: str
    style: str
    runs: tuple[tuple[str, bool], ...]  # (text, highlighted)
    notes: bool  # in the drafting notes


def lint_document(
    path: Path | str,
    *,
    kind: str | None = None,
    today: date | None = None,
    pdf: Path | str | None = None,
) -> list[Finding]:
    """Every finding in the document at ``path`` (``[]``: nothing to report).

    Args:
        path: a ``.docx`` file.
        kind: the template name (``complaint``, ``notice-7-465``…); default: guessed from the
            file name and the document's title.
        today: the document's date, for the deadline check; default: the first date in the
            body (the letter date).
        pdf: a PDF of the same document (LibreOffice's), for the layout check: no page may hold
            only the signature block. Without it the keep-with-next chain is checked instead.

    Raises:
        InvalidInput: no such file, or not a Word document.
    """
    target = Path(path).expanduser()
    if not target.is_file():
        raise InvalidInput(f"no document at {target}")
    if target.suffix.lower() != ".docx":
        raise InvalidInput(f"{target.name} is not a Word document (.docx)")
    try:
        from docx import Document

        document = Document(str(target))
    except Exception:  # noqa: BLE001 - python-docx raises several kinds for a damaged file
        raise InvalidInput(f"{target.name} cannot be read as a Word document") from None
    paragraphs = list(_paragraphs(document))
    name = kind or _guess_kind(target, document)
    findings: list[Finding] = []
    findings += _placeholders(paragraphs)
    pleading = any(name.startswith(p) for p in _PLEADING_NAMES)
    if pleading:
        findings += _client(paragraphs)
    if name.startswith("complaint"):
        findings += _unreachable(paragraphs)
    if name.startswith("notice"):
        findings += _timely(paragraphs, today)
    findings += _signature(document, Path(pdf) if pdf is not None else None)
    findings += _page_numbers(document)
    return findings


def _guess_kind(path: Path, document: Any) -> str:
    stem = path.name.lower()
    for name in _PLEADING_NAMES:
        if name in stem:
            return name
    title = (document.core_properties.title or "").lower()
    if title.startswith("complaint"):
        return "complaint"
    if title.startswith("notice"):
        return "notice"
    return ""


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


def _placeholders(paragraphs: list[_Para]) -> list[Finding]:
    out = []
    for p in paragraphs:
        text = "".join(t for t, _ in p.runs)
        if not PLACEHOLDER.search(text):
            continue
        marks: list[bool] = []
        for piece, lit in p.runs:
            marks += [lit] * len(piece)
        for match in PLACEHOLDER.finditer(text):
            if not all(marks[match.start() : match.end()]):
                shown = match.group(0)
                shown = shown if len(shown) <= 60 else shown[:57] + "…]]"
                out.append(
                    Finding(
                        ERROR,
                        "unhighlighted-placeholder",
                        f"placeholder not highlighted: {shown}",
                        p.where,
                    )
                )
    return out


def _client(paragraphs: list[_Para]) -> list[Finding]:
    return [
        Finding(
            ERROR,
            "client-in-pleading",
            'a pleading speaks of "the client": write about the plaintiff (or the claimant)',
            p.where,
        )
        for p in paragraphs
        if not p.notes and _CLIENT.search(p.text)
    ]


def _claim_titles() -> dict[str, str]:
    from casekit.domain.lawpack import default_pack
    from casekit.domain.model import CLAIM_1983, CLAIM_52571K, CLAIM_FALSE_IMPRISONMENT

    claims = default_pack().claims
    return {
        key: claims[key].title
        for key in (CLAIM_1983, CLAIM_52571K, CLAIM_FALSE_IMPRISONMENT)
        if key in claims
    }


def _claim_labels() -> dict[str, str]:
    from casekit.domain.lawpack import default_pack

    return {key: claim.label for key, claim in default_pack().claims.items()}


def _unreachable(paragraphs: list[_Para]) -> list[Finding]:
    from casekit.domain.model import CLAIM_1983, CLAIM_52571K, CLAIM_FALSE_IMPRISONMENT

    titles = _claim_titles()
    labels = _claim_labels()
    out = []
    heading = ""
    for p in paragraphs:
        if p.notes:
            continue
        if p.style == "Heading 1" and " COUNT" in p.text:
            heading = p.text
            continue
        match = _AS_TO.match(p.text.strip())
        if not match or not heading:
            continue
        against = match.group(1)
        names = [n.strip() for n in re.split(r",| and ", against) if n.strip()]
        state = [n for n in names if n.removeprefix("the ") in _STATE_NAMES]
        municipal = [n for n in names if n.startswith(_MUNICIPAL_PREFIXES)]
        claim = next((k for k, t in titles.items() if t and t in heading), "")
        problem = ""
        if against.strip().lower() == "all defendants":
            problem = "names no defendant (as to all defendants)"
        elif claim == CLAIM_1983 and state and len(state) == len(names):
            problem = f"a {labels[claim]} count against the State alone (not a 'person')"
        elif claim == CLAIM_52571K and (state or municipal):
            problem = f"a {labels[claim]} count against an entity (it runs against police officers)"
        elif claim == CLAIM_FALSE_IMPRISONMENT and state:
            problem = f"a {labels[claim]} count against the State (indemnification is municipal)"
        heading = ""
        if problem:
            out.append(Finding(ERROR, "unreachable-defendant", problem, p.where))
    return out


_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def _parse(text: str) -> date | None:
    found = _DATE.fullmatch(text.strip())
    if found is None:
        return None
    try:
        return date(int(found.group(3)), _MONTHS.index(found.group(1)) + 1, int(found.group(2)))
    except ValueError:
        return None


def _timely(paragraphs: list[_Para], today: date | None) -> list[Finding]:
    body = [p for p in paragraphs if p.where.startswith("body") and not p.notes]
    when = today
    if when is None:
        for p in body:
            found = _DATE.search(p.text)
            if found:
                when = _parse(found.group(0))
                break
    if when is None:
        return []
    out = []
    for p in body:
        if not _TIMELY.search(p.text):
            continue
        ends = _ENDS_ON.search(p.text)
        deadline = _parse(ends.group(1)) if ends else None
        if deadline is not None and deadline < when:
            out.append(
                Finding(
                    ERROR,
                    "timely-after-deadline",
                    f"the notice says it is timely, but the period ended on {deadline.isoformat()}",
                    p.where,
                )
            )
    return out


# --- layout: the signature block and the page numbers --------------------------------------------


def _keeps_with_next(p: Any) -> bool:
    """keep-with-next on the paragraph, or inherited from its style (and the styles below it)."""
    direct = p.paragraph_format.keep_with_next
    if direct is not None:
        return bool(direct)
    style = p.style
    while style is not None:
        value = style.paragraph_format.keep_with_next
        if value is not None:
            return bool(value)
        style = style.base_style
    return False


def _signature(document: Any, pdf: Path | None) -> list[Finding]:
    from docx.text.paragraph import Paragraph

    from casekit.docgen.craft import signature_blocks

    body = [Paragraph(p, document._body) for p in document.element.body.iterchildren()]
    body = [p for p in body if p._p.tag.endswith("}p")]
    blocks = signature_blocks([p._p for p in body])
    if not blocks:
        return []
    if pdf is not None and _pdftotext():
        from casekit.docgen.layout import orphaned_signature_pages

        lines = {
            " ".join(_plain(line).split())
            for first, last in blocks
            for p in body[first : last + 1]
            for line in p.text.splitlines()  # an address breaks into lines
            if line.strip()
        }
        from casekit.errors import ConfigurationError

        try:
            pages = orphaned_signature_pages(pdf, lines, _furniture(document))
        except ConfigurationError as exc:  # an unreadable PDF: say so, check the chain instead
            skipped = Finding(WARNING, "pages-not-checked", exc.message, pdf.name)
            return [skipped, *_signature(document, None)]
        return [
            Finding(
                ERROR,
                "orphaned-signature",
                f"page {page} holds only the signature block: keep it with the text above",
                f"page {page} of {pdf.name}",
            )
            for page in pages
        ]
    out = []
    for first, last in blocks:
        above = first - 1
        while above >= 0 and not body[above].text.strip():
            above -= 1
        chain = body[max(above, 0) : last]
        if above < 0 or all(_keeps_with_next(p) for p in chain):
            continue
        out.append(
            Finding(
                WARNING,
                "signature-not-kept",
                "the signature block is not kept with the text above it (keep with next): "
                "it can land alone on a page",
                f"body paragraph {first + 1}",
            )
        )
    return out


def _pdftotext() -> bool:
    from casekit.docgen.layout import pdftotext_path

    return pdftotext_path() is not None


def _furniture(document: Any) -> list[str]:
    """The header and footer lines (they print on every page, around the body)."""
    lines = []
    for section in document.sections:
        for part in (
            section.header, section.footer, section.first_page_header,
            section.first_page_footer, section.even_page_header, section.even_page_footer,
        ):  # fmt: skip
            lines += [
                " ".join(_plain(line).split())
                for p in part.paragraphs
                for line in p.text.splitlines()
                if line.strip()
            ]
    return lines


_PAGE_FIELD = re.compile(r"^\s*PAGE\b")


def _has_page_number(part: Any) -> bool:
    from docx.oxml.ns import qn

    element = part._element
    for instr in element.iter(qn("w:instrText")):
        if _PAGE_FIELD.match(instr.text or ""):
            return True
    return any(
        _PAGE_FIELD.match(simple.get(qn("w:instr")) or "")
        for simple in element.iter(qn("w:fldSimple"))
    )


def _page_numbers(document: Any) -> list[Finding]:
    out = []
    for index, section in enumerate(document.sections, start=1):
        pairs = [("pages", section.header, section.footer)]
        if section.different_first_page_header_footer:
            pairs.append(("first page", section.first_page_header, section.first_page_footer))
        for label, header, footer in pairs:
            if _has_page_number(header) and _has_page_number(footer):
                out.append(
                    Finding(
                        WARNING,
                        "two-page-numbers",
                        f"both the header and the footer of the {label} print the page number",
                        f"section {index}",
                    )
                )
    return out
