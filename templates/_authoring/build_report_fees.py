"""Build ``templates/report-fees.docx``: the fee-petition exhibit (time and expense records).

Run from the repository root (it reuses the styles and helpers of ``build_templates.py``)::

    python templates/_authoring/build_report_fees.py

Context: ``casekit.docgen.fees.fees_template_context`` (every key is listed in
``templates/README.md``). Landscape, like the deadline report: the entries table is wide. Every
table's header row repeats on each page (``w:tblHeader``) and ends with a totals row; the last
page is a declaration for the attorney to review and sign. The exhibit states facts from the
records and cites no law; the form of the oath is left to the attorney (a drafting note says so).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_templates import (  # noqa: E402 - the sibling script is not a package
    OUT_DIR,
    _clear,
    cell_text,
    deterministic_bytes,
    new_document,
    page_x_of_y,
    para,
    repeat_header,
    set_widths,
    tag,
)
from docx.document import Document as DocumentObject  # noqa: E402
from docx.enum.text import WD_TAB_ALIGNMENT  # noqa: E402
from docx.shared import Inches  # noqa: E402

NAME = "report-fees.docx"

Column = tuple[str, str, float, str]  # title, loop cell, width in inches, totals cell


def _table(doc: DocumentObject, columns: Sequence[Column], loop: str, totals: bool) -> None:
    """A table: repeated header row, one row per item, and (``totals``) a bold totals row."""
    rows = 5 if totals else 4
    table = doc.add_table(rows=rows, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    head, start, body, end = table.rows[:4]
    repeat_header(head)
    for cell, (title, _, _, _) in zip(head.cells, columns, strict=True):
        cell_text(cell, title, "Table Text", "b")
    cell_text(start.cells[0], "{%tr for " + loop + " %}", "Table Text")
    for cell, (_, value, _, _) in zip(body.cells, columns, strict=True):
        cell_text(cell, value, "Table Text")
    cell_text(end.cells[0], "{%tr endfor %}", "Table Text")
    if totals:
        for cell, (_, _, _, total) in zip(table.rows[4].cells, columns, strict=True):
            cell_text(cell, total, "Table Text", "b")
    set_widths(table, [w for _, _, w, _ in columns])


def _pairs(doc: DocumentObject, rows: Sequence[tuple[str, str]]) -> None:
    """A two-column table of fixed labels and values (the grand totals)."""
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = doc.styles["Table Grid"]
    for row, (label, value) in zip(table.rows, rows, strict=True):
        flags = "b" if row is table.rows[-1] else ""
        cell_text(row.cells[0], label, "Table Text", flags)
        cell_text(row.cells[1], value, "Table Text", flags)
    set_widths(table, [3.0, 1.5])


def report_fees() -> DocumentObject:
    doc = new_document("Fee petition: time and expense records", landscape=True)
    section = doc.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    _clear(header)
    hp = para(header, "{{ firm.name }} \u00b7 {{ matter.number }}\t{{ title }}", "Header")
    stops = hp.paragraph_format.tab_stops
    for position in (3.25, 6.5):  # the Header style's portrait stops
        stops.add_tab_stop(Inches(position), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Inches(9), WD_TAB_ALIGNMENT.RIGHT)
    footer = section.footer
    footer.is_linked_to_previous = False
    _clear(footer)
    page_x_of_y(footer)

    para(doc, "{% if draft %}Draft: {% endif %}Time and expense records", "Title")
    para(doc, "{{ matter.caption }}", "Subtitle")
    para(
        doc,
        "Matter {{ matter.number }}. Work and costs{% if period.since %} from "
        "{{ period.since|long_date }}{% endif %} through {{ period.through|long_date }}. "
        "{% if petition %}Fee petition {{ petition.number }}, issued "
        "{{ petition.issued_on|long_date }}: these records are locked and any later correction "
        "appears as a new entry.{% else %}Draft prepared {{ today|long_date }}: not an issued "
        "fee petition; the records may still change.{% endif %} Hours are in tenths of an hour; "
        "each entry is valued at the timekeeper\u2019s rate in effect on the day of the work.",
    )
    tag(doc, "if missing_rates")
    para(
        doc,
        "Warning: {{ missing_rates }} included entries have no hourly rate in effect on their "
        "date and are valued at nothing.",
        "Drafting Note",
    )
    tag(doc, "endif")

    para(doc, "Summary by timekeeper", "Heading 2")
    _table(
        doc,
        (
            ("Timekeeper", "{{ t.name }}", 2.4, "Total"),
            ("Role", "{{ t.role }}", 1.2, ""),
            ("Hours", "{{ t.hours }}", 0.9, "{{ totals.hours }}"),
            ("Rate(s)", "{{ t.rates }}", 1.6, ""),
            ("Lodestar", "{{ t.amount }}", 1.4, "{{ totals.lodestar }}"),
            ("Hours excluded", "{{ t.excluded_hours }}", 1.0, "{{ totals.excluded_hours }}"),
        ),
        "t in timekeepers",
        totals=True,
    )

    para(doc, "Summary by task", "Heading 2")
    _table(
        doc,
        (
            ("Task", "{{ c.name }}", 3.0, "Total"),
            ("Hours", "{{ c.hours }}", 1.0, "{{ totals.hours }}"),
            ("Lodestar", "{{ c.amount }}", 1.5, "{{ totals.lodestar }}"),
        ),
        "c in categories",
        totals=True,
    )

    para(doc, "Time entries", "Heading 2")
    tag(doc, "if entries")
    _table(
        doc,
        (
            ("Date", "{{ e.date }}", 0.9, ""),
            ("Timekeeper", "{{ e.timekeeper }}", 1.3, ""),
            ("Task", "{{ e.category }}", 0.9, ""),
            ("Claim", "{{ e.claim }}", 1.0, ""),
            (
                "Description",
                "{{ e.description }}{% if e.note %} ({{ e.note }}){% endif %}",
                2.8,
                "Total",
            ),
            ("Hours", "{{ e.hours }}", 0.6, "{{ totals.hours }}"),
            ("Rate", "{{ e.rate }}", 0.7, ""),
            ("Amount", "{{ e.amount }}", 0.8, "{{ totals.lodestar }}"),
        ),
        "e in entries",
        totals=True,
    )
    tag(doc, "else")
    para(doc, "No time entries in this period.")
    tag(doc, "endif")

    para(doc, "Exclusions (billing judgment)", "Heading 2")
    para(
        doc,
        "Time recorded but not claimed: entries marked no charge, and work unrelated to a "
        "successful claim. Shown at the rate in effect for information; not included above.",
    )
    tag(doc, "if excluded")
    _table(
        doc,
        (
            ("Date", "{{ x.date }}", 0.9, ""),
            ("Timekeeper", "{{ x.timekeeper }}", 1.3, ""),
            ("Description", "{{ x.description }}", 3.2, "Total"),
            ("Reason", "{{ x.reason }}", 1.6, ""),
            ("Hours", "{{ x.hours }}", 0.6, "{{ totals.excluded_hours }}"),
            ("Value", "{{ x.amount }}", 1.4, "{{ totals.excluded_value }}"),
        ),
        "x in excluded",
        totals=True,
    )
    tag(doc, "else")
    para(doc, "None.")
    tag(doc, "endif")

    para(doc, "Costs", "Heading 2")
    tag(doc, "if costs")
    _table(
        doc,
        (
            ("Date", "{{ k.date }}", 0.9, ""),
            ("Kind", "{{ k.kind }}", 1.3, ""),
            ("Description", "{{ k.description }}", 3.6, "Total"),
            ("Receipt (SHA-256)", "{{ k.receipt }}", 1.4, ""),
            ("Amount", "{{ k.amount }}", 1.2, "{{ totals.costs }}"),
        ),
        "k in costs",
        totals=True,
    )
    tag(doc, "else")
    para(doc, "No costs in this period.")
    tag(doc, "endif")

    para(doc, "Totals", "Heading 2")
    _pairs(
        doc,
        (
            ("Attorney\u2019s fees (lodestar)", "{{ totals.lodestar }}"),
            ("Costs", "{{ totals.costs }}"),
            ("Total requested", "{{ totals.grand }}"),
        ),
    )

    tag(doc, "if rate_sources")
    para(doc, "Hourly rates and their sources", "Heading 2")
    tag(doc, "for r in rate_sources")
    para(doc, "{{ r.timekeeper }}: {{ r.source }}", "List Bullet")
    tag(doc, "endfor")
    tag(doc, "endif")

    para(
        doc,
        "Declaration of {{ declarant.name or '____________________' }}",
        "Heading 1",
        page_break_before=True,
    )
    para(doc, "{{ matter.caption }}", "Subtitle")
    para(doc, "I, {{ declarant.name or '____________________' }}, state:")
    para(
        doc,
        "1.\tI am an attorney with {{ firm.name }} and counsel for the plaintiff in this "
        "matter. I have personal knowledge of the records described here.",
    )
    para(
        doc,
        "2.\tThe time entries in this exhibit were recorded as the work was done, by the person "
        "who did it, in tenths of an hour, and are accurately stated above: "
        "{{ totals.hours }} hours, valued at {{ totals.lodestar }}.",
    )
    para(
        doc,
        "3.\tIn the exercise of billing judgment, {{ totals.excluded_hours }} hours (valued at "
        "{{ totals.excluded_value }}) recorded as no charge or spent on work unrelated to a "
        "successful claim have been excluded.",
    )
    para(
        doc,
        "4.\tEach entry is valued at the timekeeper\u2019s hourly rate in effect on the day of the "
        "work; the rates and their sources are listed above.",
    )
    para(
        doc,
        "5.\tThe costs listed, {{ totals.costs }} in all, were incurred in this matter; the "
        "receipts are kept by the firm and identified by their SHA-256 hash.",
    )
    para(
        doc,
        "6.\tThe plaintiff requests {{ totals.grand }}: {{ totals.lodestar }} in attorney\u2019s "
        "fees and {{ totals.costs }} in costs.",
    )
    para(doc, "", "Signature")
    para(doc, "______________________________", "Signature")
    para(doc, "{{ declarant.name or '____________________' }}", "Signature")
    para(
        doc,
        "Juris No. {{ declarant.juris_number or '__________' }}, {{ firm.name }}",
        "Signature",
    )
    para(doc, "{{ firm.address }}", "Signature")
    last = para(doc, "Date: ____________________", "Signature")
    last.paragraph_format.keep_with_next = False
    para(
        doc,
        "Drafting note: review every statement against the records before signing, and add the "
        "oath or attestation the court requires (an affidavit sworn before an authorized "
        "officer, or an unsworn declaration where the court accepts one). casekit does not "
        "supply it. Remove this note.",
        "Drafting Note",
    )
    return doc


def main(argv: Sequence[str] = ()) -> int:
    out_dir = Path(argv[0]) if argv else OUT_DIR
    data = deterministic_bytes(report_fees())
    (out_dir / NAME).write_bytes(data)
    print(f"wrote {out_dir / NAME} ({len(data)} bytes)")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
