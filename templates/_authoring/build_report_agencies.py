"""Build ``templates/report-agencies.docx``: the de-identified pattern report by agency.

Run from the repository root (it reuses the styles and helpers of ``build_templates.py``)::

    python templates/_authoring/build_report_agencies.py

Context (``casekit.services.reports.agencies_template_context``): ``lang``, ``today``,
``document {name, title}``, ``firm {name, address, phone, email, juris_number}``, ``title``,
``min_cell`` and ``rows`` — each ``{agency, town, violation, month, count}`` as text, where a
``count`` below ``min_cell`` is ``"<N"``. No names, matter numbers or exact dates ever reach it.
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
    para(
        doc,
        "De-identified counts of alleged violations of the Trust Act (C.G.S. \u00a7 54-192h) "
        "recorded in the firm\u2019s matters, by agency, town, violation code and month. No "
        "names, matter numbers or exact dates appear. Counts below {{ min_cell }} are shown as "
        "\u201c<{{ min_cell }}\u201d.",
    )
    tag(doc, "if rows")
    _loop_table(
        doc,
        (
            ("Agency", "{{ r.agency }}", 2.2),
            ("Town", "{{ r.town }}", 1.2),
            ("Violation", "{{ r.violation }}", 1.6),
            ("Month", "{{ r.month }}", 0.8),
            ("Count", "{{ r.count }}", 0.7),
        ),
        "r in rows",
    )
    tag(doc, "else")
    para(doc, "No alleged violations are recorded.")
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
