"""Shared pieces of every report format: redaction to initials, safe Markdown and CSV cells,
tables, JSON, and writing a report file owner-only.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from casekit.config import ensure_private_dir, write_private_file
from casekit.domain.text import one_line
from casekit.errors import InvalidInput

UNASSIGNED = "(unassigned)"
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "da", "do", "dos", "van", "von", "y", "e"})


# --- small helpers --------------------------------------------------------------------------


def initials(name: str) -> str:
    """``"Juana Nadie"`` → ``"J. N."``: first and last name initials, particles skipped.

    Used wherever a report may travel (``--redact``, calendars, e-mailed digests).
    """
    words = [w for w in name.replace(",", " ").split() if w[:1].isalpha()]
    significant = [w for w in words if w.lower() not in _PARTICLES] or words
    if not significant:
        return "?"
    picked = significant[:1] + significant[-1:] if len(significant) > 1 else significant
    return " ".join(f"{w[0].upper()}." for w in picked)


def csv_cell(value: Any) -> Any:
    """A value safe to put in a CSV cell that a spreadsheet will open.

    Text starting with ``= + - @`` (or a tab/CR) is prefixed with ``'`` so a spreadsheet shows it
    instead of running it as a formula (file names and sources come from outside the firm).
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


#: Characters Markdown reads as markup anywhere in a line: emphasis, code, links, table cells,
#: strike-through. Backslash-escaped; ``<`` and ``>`` become entities, so data never becomes
#: HTML. Parentheses, ``#`` and ``+`` are left alone (markup only at a line start or after a
#: ``]``): the digest is also read as plain text, where "\\(a\\)" would be noise.
_MD_SPECIAL = str.maketrans({**{ch: "\\" + ch for ch in "\\`*_[]|~"}, "<": "&lt;", ">": "&gt;"})
#: An ``&`` that would start an HTML entity ("&lt;", "&#60;") is written ``&amp;``.
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md_text(value: Any) -> str:
    """Data (a name, a title, a citation) made safe for Markdown: one line, no markup.

    ``<script>`` stays text, ``*Pérez*`` is not italic, ``a|b`` does not split a table cell.
    """
    text = "" if value is None else str(value)
    return _ENTITY.sub("&amp;", one_line(text)).translate(_MD_SPECIAL)


def _md(value: Any) -> str:
    """A value for a Markdown table cell."""
    return md_text(value)


def md_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel reads the file as Windows-1252 and shows
    "NguyÃ¡»…n" for "Nguyễn" and "Â§" for "§"."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_cell(c) for c in row])
    return buf.getvalue().encode("utf-8-sig")


def json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def output_target(path: Path | str) -> Path:
    target = Path(path)
    if target.is_dir():
        raise InvalidInput("the output path is a folder; give a file name")
    if target.parent.exists() and not target.parent.is_dir():
        raise InvalidInput("the output path's folder is a file; give a path in a folder")
    if not target.parent.exists():
        ensure_private_dir(target.parent)  # folders casekit creates are owner-only
    return target


def write_output(path: Path | str, data: bytes) -> Path:
    """Write a report file owner-only (0600) and atomically (temp file, fsync, rename).

    An existing folder keeps its mode: a report written to ``/tmp`` must not lock it down.
    """
    target = output_target(path)
    write_private_file(target, data)
    return target


def to_json(data: Any) -> bytes:
    """Any report's ``to_dict()`` (or a list of them) as UTF-8 JSON."""
    return json_bytes(data)
