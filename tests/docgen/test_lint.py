"""The document linter on documents a firm might have edited: each check finds its problem, and
leaves a clean document alone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from casekit.docgen.lint import ERROR, highlight_placeholders, lint_document
from casekit.domain.lawpack import default_pack
from casekit.errors import InvalidInput

TITLES = {k: c.title for k, c in default_pack().claims.items()}


def make(path: Path, paragraphs: list[tuple[str, str] | str], *, highlight: bool = False) -> Path:
    doc = Document()
    for item in paragraphs:
        text, style = (item, "Normal") if isinstance(item, str) else item
        p = doc.add_paragraph(style=style)
        run = p.add_run(text)
        if highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    doc.save(str(path))
    return path


def codes(path: Path, kind: str, today: date | None = None) -> list[str]:
    return [f.code for f in lint_document(path, kind=kind, today=today)]


def test_clean_complaint_passes(tmp_path: Path) -> None:
    path = make(
        tmp_path / "complaint.docx",
        [
            "1.\tThe plaintiff was arrested.",
            (f"FIRST COUNT: {TITLES['section_1983']}", "Heading 1"),
            "(as to Sgt. P. O'Malley and the City of Danbury)",
        ],
    )
    assert lint_document(path, kind="complaint") == []


def test_the_client_in_a_pleading_but_not_in_the_drafting_notes(tmp_path: Path) -> None:
    path = make(
        tmp_path / "complaint.docx",
        [
            "5.\tThe police released the client to ICE.",
            ("Drafting notes (remove before filing)", "Heading 2"),
            'The narrative reads: "the client was held".',
        ],
    )
    findings = lint_document(path, kind="complaint")
    assert [(f.code, f.where) for f in findings] == [("client-in-pleading", "body paragraph 1")]
    assert findings[0].level == ERROR
    # A letter to the client may speak of the client: only pleadings are checked.
    assert codes(path, "client-letter") == []


@pytest.mark.parametrize(
    ("claim", "against", "bad"),
    [
        ("section_1983", "the State of Connecticut", True),
        ("section_1983", "Tpr. A. Kowalski and the State of Connecticut", False),
        ("section_52_571k", "the City of Danbury", True),
        ("section_52_571k", "Sgt. P. O'Malley", False),
        ("false_imprisonment_7465", "the State of Connecticut", True),
        ("trust_act", "all defendants", True),
        ("trust_act", "the State of Connecticut", False),
    ],
)
def test_count_against_a_defendant_it_cannot_reach(
    tmp_path: Path, claim: str, against: str, bad: bool
) -> None:
    path = make(
        tmp_path / "complaint.docx",
        [(f"FIRST COUNT: {TITLES[claim]}", "Heading 1"), f"(as to {against})"],
    )
    assert (codes(path, "complaint") == ["unreachable-defendant"]) is bad


def test_timely_notice_after_its_deadline(tmp_path: Path) -> None:
    lines = [
        "November 20, 2025",
        "This notice is given within the six months after the cause of action accrued that "
        "§ 7-465(a) allows. The six-month period ends on July 10, 2025.",
    ]
    late = make(tmp_path / "notice-7-465.docx", lines)
    assert codes(late, "notice-7-465") == ["timely-after-deadline"]
    on_time = make(tmp_path / "notice-7-465-b.docx", ["June 1, 2025", lines[1]])
    assert codes(on_time, "notice-7-465") == []
    # The date the caller knows wins over the letter date.
    assert codes(on_time, "notice-7-465", today=date(2025, 8, 1)) == ["timely-after-deadline"]


def test_placeholders_must_be_highlighted(tmp_path: Path) -> None:
    text = "Return date: ____________________; amount: [[amount]]."
    plain = make(tmp_path / "plain.docx", [text])
    findings = lint_document(plain)
    assert [f.code for f in findings] == ["unhighlighted-placeholder"] * 2
    assert "[[amount]]" in findings[1].message
    assert lint_document(make(tmp_path / "lit.docx", [text], highlight=True)) == []
    # A signature line (30 underscores) is not a placeholder.
    assert lint_document(make(tmp_path / "sig.docx", ["By: " + "_" * 30])) == []


def test_highlight_placeholders_marks_only_the_placeholder(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Pay [[amount]] by ____________________ please.")
    assert highlight_placeholders(doc) == 2
    runs = doc.paragraphs[0].runs
    assert [r.text for r in runs] == ["Pay ", "[[amount]]", " by ", "_" * 20, " please."]
    assert [r.font.highlight_color is not None for r in runs] == [False, True, False, True, False]
    path = tmp_path / "marked.docx"
    doc.save(str(path))
    assert lint_document(path) == []


def test_refuses_what_is_not_a_word_document(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no document"):
        lint_document(tmp_path / "missing.docx")
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip")
    with pytest.raises(InvalidInput, match="cannot be read"):
        lint_document(bad)


def test_a_signature_line_the_pdf_wrapped_still_counts_as_the_signature() -> None:
    """Fonts differ between machines: a long e-mail address in the signature block may wrap, and
    the PDF's text drops the hyphen where it broke. The page is still signature only."""
    from casekit.docgen.layout import _signed

    signature = {"Tel. (860) 555-0100 · ana@smith-jones.example", "THE CLAIMANT,"}
    assert _signed("Tel. (860) 555-0100 · ana@smithjones.example", signature)
    assert _signed("Tel. (860) 555-0100 · ana@smith-", signature)
    assert _signed("jones.example", signature)
    assert not _signed("Please direct all communications to counsel.", signature)
