"""Build ``templates/report-agencies.docx``: the de-identified pattern report.

Run from the repository root (it reuses the styles and helpers of ``build_templates.py``)::

    python templates/_authoring/build_report_agencies.py

Context (``casekit.services.reports.agencies_template_context``): ``lang``, ``today``,
``document {name, title}``, ``firm {name, address, phone, email, juris_number}``, ``title``,
``note`` (the suppression rule, one sentence), ``min_cell``, ``columns`` (the two label
headers; the second is "" for a one-way view), ``rows`` (each ``{group, detail, count}`` as
text), ``chart`` (a bar chart picture, or "" when there is nothing to draw) and ``outcomes``
(each ``{agency, outcome, count}`` as text, a count below ``min_cell`` as ``"<N"``). No names,
matter numbers or dates ever reach it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_templates import (  # noqa: E402 - the sibling script is not a package
    OUT_DIR,
    _clear,
    _loop_table,
    deterministic_bytes,
    new_document,
    page_x_of_y,
    para,
    tag,
)
from docx.document import Document as DocumentObject  # noqa: E402
from docx.enum.text import WD_TAB_ALIGNMENT  # noqa: E402
from docx.shared import Inches  # noqa: E402

NAME = "report-agencies.docx"


def report_agencies() -> DocumentObject:
    doc = new_document("Alleged violations by agency")
    section = doc.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    _clear(header)
    hp = para(header, "{{ firm.name }}\t\t{{ title }}, {{ today|long_date }}", "Header")
    hp.paragraph_format.tab_stops.add_tab_stop(Inches(6.5), WD_TAB_ALIGNMENT.RIGHT)
    footer = section.footer
    footer.is_linked_to_previous = False
    _clear(footer)
    page_x_of_y(footer)

    para(doc, "{{ title }}", "Title")
    para(doc, "{{ firm.name }}, {{ today|long_date }}", "Subtitle")
    para(doc, "{{ note }}")
    para(
        doc,
        "Counts are matters recorded in the firm\u2019s files in which the client alleges a "
        "violation of the Trust Act (C.G.S. \u00a7 54-192h). They are allegations, not findings.",
    )
    tag(doc, "if rows")
    para(doc, "{{ chart }}")
    _loop_table(
        doc,
        (
            ("{{ columns[0] }}", "{{ r.group }}", 3.2),
            ("{{ columns[1] }}", "{{ r.detail }}", 2.3),
            ("Matters", "{{ r.count }}", 1.0),
        ),
        "r in rows",
    )
    tag(doc, "else")
    para(doc, "No count is large enough to show without pointing at a client.")
    tag(doc, "endif")

    para(doc, "Outcomes of closed matters by agency", "Heading 2")
    para(
        doc,
        "Closed matters with a recorded outcome, counted once for each agency their incidents "
        "name. Counts below {{ min_cell }} are shown as \u201c<{{ min_cell }}\u201d.",
    )
    tag(doc, "if outcomes")
    _loop_table(
        doc,
        (
            ("Agency", "{{ o.agency }}", 3.0),
            ("Outcome", "{{ o.outcome }}", 2.0),
            ("Matters", "{{ o.count }}", 1.0),
        ),
        "o in outcomes",
    )
    tag(doc, "else")
    para(doc, "No outcomes are recorded.")
    tag(doc, "endif")
    return doc


def main(argv: Sequence[str] = ()) -> int:
    out_dir = Path(argv[0]) if argv else OUT_DIR
    data = deterministic_bytes(report_agencies())
    (out_dir / NAME).write_bytes(data)
    print(f"wrote {out_dir / NAME} ({len(data)} bytes)")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
