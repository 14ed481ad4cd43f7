"""Every shipped template × every sample matter: renders, and reads back right with python-docx."""

from __future__ import annotations

import hashlib
import re
import stat
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from docxtpl import DocxTemplate

from casekit.docgen.context import build_context, build_report_context
from casekit.docgen.environment import get_env
from casekit.docgen.render import RenderedDocument, render_document
from casekit.domain.lawpack import default_pack
from casekit.resources import templates_dir
from tests.docgen.helpers import ReadBack, has_page_break_before, numbered_paragraphs, read_back
from tests.docgen.sample import EXTRA, FIRM, HOSTILE_NAME, MATTERS, TODAY

#: (template file stem, template name, language)
MATTER_TEMPLATES = [
    ("demand-letter", "demand-letter", "en"),
    ("complaint", "complaint", "en"),
    ("notice-7-465", "notice-7-465", "en"),
    ("notice-4-147", "notice-4-147", "en"),
    ("foi-request", "foi-request", "en"),
    ("preservation-letter", "preservation-letter", "en"),
    ("client-letter", "client-letter", "en"),
    ("client-letter.es", "client-letter", "es"),
]
CASES = [(stem, name, lang, key) for stem, name, lang in MATTER_TEMPLATES for key in MATTERS]
CASE_IDS = [f"{stem}-{key}" for stem, _, _, key in CASES]

_OUT: list[Path] = []


@pytest.fixture(scope="module", autouse=True)
def _out_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    _OUT.append(tmp_path_factory.mktemp("rendered"))


def context_for(name: str, lang: str, key: str, **extra: Any) -> dict[str, Any]:
    return build_context(name, MATTERS[key], FIRM, TODAY, lang=lang, extra={**EXTRA, **extra})


@cache
def rendered(stem: str, key: str) -> tuple[RenderedDocument, ReadBack]:
    name, _, lang = stem.partition(".")
    context = context_for(name, lang or "en", key)
    doc = render_document(
        templates_dir() / f"{stem}.docx", context, _OUT[-1] / f"{stem}-{key}.docx"
    )
    return doc, read_back(doc.path)


@pytest.mark.parametrize(("stem", "name", "lang", "key"), CASES, ids=CASE_IDS)
def test_template_needs_nothing_the_context_lacks(
    stem: str, name: str, lang: str, key: str
) -> None:
    template = DocxTemplate(templates_dir() / f"{stem}.docx")
    missing = template.get_undeclared_template_variables(
        jinja_env=get_env(), context=context_for(name, lang, key)
    )
    assert missing == set()


@pytest.mark.parametrize(("stem", "name", "lang", "key"), CASES, ids=CASE_IDS)
def test_renders_data_literally_and_leaves_no_tags(
    stem: str, name: str, lang: str, key: str
) -> None:
    doc, read = rendered(stem, key)
    text = read.everything()
    client = MATTERS[key].client
    shown = client.preferred_name if stem.startswith("client-letter") else client.name
    assert shown in text
    assert FIRM.name in text  # '&', '<' and quotes in the letterhead or signature
    # Data is never evaluated: the name's "{{ 7*7 }}" stays literal and is the only tag-like text.
    assert "Hijos <LLC> 49" not in text
    leftover = text.replace("{{ 7*7 }}", "").replace("{{ overnight }}", "")  # data, not tags
    assert "{{" not in leftover and "{%" not in leftover and "}}" not in leftover
    assert "None" not in text.split()
    assert client.a_number == "" or client.a_number not in text
    assert stat.S_IMODE(doc.path.stat().st_mode) == 0o600
    assert doc.sha256 == hashlib.sha256(doc.path.read_bytes()).hexdigest()


@pytest.mark.parametrize("key", list(MATTERS))
def test_hostile_name_survives_in_every_part(key: str) -> None:
    _, read = rendered("complaint", key)
    if key == "nunez":
        assert any(HOSTILE_NAME in t for t in read.body_text)
        assert any(HOSTILE_NAME in h for h in read.headers)  # the running head
        assert any(HOSTILE_NAME.upper() in c for t in read.tables for r in t for c in r)


@pytest.mark.parametrize("key", list(MATTERS))
def test_complaint_paragraphs_run_on_across_counts(key: str) -> None:
    _, read = rendered("complaint", key)
    numbers = [n for n, _ in numbered_paragraphs(read)]
    assert numbers == list(range(1, len(numbers) + 1))
    incorporations = [t for _, t in numbered_paragraphs(read) if t.startswith("Paragraphs 1 ")]
    assert len(incorporations) == len(MATTERS[key].claims)
    last_fact = min(n for n, t in numbered_paragraphs(read) if t.startswith("Paragraphs 1 ")) - 1
    assert all(t.startswith(f"Paragraphs 1 through {last_fact} ") for t in incorporations)


@pytest.mark.parametrize("key", list(MATTERS))
def test_complaint_has_one_count_per_claim(key: str) -> None:
    _, read = rendered("complaint", key)
    headings = [t for t in read.body_text if re.fullmatch(r"[A-Z]+ COUNT: .+", t)]
    assert [h.split(" COUNT")[0] for h in headings] == ["FIRST", "SECOND", "THIRD"][
        : len(MATTERS[key].claims)
    ]


STATEMENT = (
    "The amount, legal interest or property in demand is fifteen thousand dollars or more, "
    "exclusive of interest and costs."
)


@pytest.mark.parametrize("key", list(MATTERS))
def test_52_91_statement_only_when_damages_are_sought(key: str) -> None:
    _, read = rendered("complaint", key)
    assert (STATEMENT in read.body_text) is MATTERS[key].seeks_damages


def test_no_damages_sample_seeks_none() -> None:
    assert not MATTERS["no-damages"].seeks_damages
    _, read = rendered("complaint", "no-damages")
    assert not any("Money damages" in t for t in read.body_text)
    assert any("injunction" in t for t in read.body_text)
    _, letter = rendered("demand-letter", "no-damages")
    assert not any(t.startswith("Compensate") for t in letter.body_text)
    _, with_damages = rendered("demand-letter", "nunez")
    assert any(t.startswith("Compensate") for t in with_damages.body_text)


@pytest.mark.parametrize("key", list(MATTERS))
def test_demand_for_relief_is_on_its_own_page(key: str) -> None:
    _, read = rendered("complaint", key)
    index = read.body_text.index("DEMAND FOR RELIEF")
    assert has_page_break_before(read.body, index)
    assert read.body_text[index + 1] == "WHEREFORE, the plaintiff claims:"


@pytest.mark.parametrize(
    ("key", "district", "court_town"),
    [
        ("nunez", "DANBURY", "DANBURY"),
        ("avon", "LITCHFIELD", "TORRINGTON"),  # P.A. 25-91: Avon moved on 2025-10-01
        ("no-damages", "HARTFORD", "HARTFORD"),
        ("state", "NEW HAVEN", "NEW HAVEN"),
    ],
)
def test_caption_uses_judicial_district_on_filing_date(
    key: str, district: str, court_town: str
) -> None:
    _, read = rendered("complaint", key)
    caption = read.tables[0]
    assert caption[0][0] == "DOCKET NO. CV-__-_______"
    assert caption[0][2] == "SUPERIOR COURT"
    assert caption[1][2] == f"J.D. OF {district}"
    assert caption[2][2] == f"AT {court_town}"
    assert caption[3][2] == "DECEMBER 1, 2025"
    assert read.body_text[0] == "RETURN DATE: JANUARY 13, 2026"
    assert any("54-192h" in t for t in read.body_text)
    assert any("JD-CV-1" in t for t in read.comments)  # the summons note is a Word comment
    assert any(t == "Juris No. 654321" for t in read.body_text) or key == "no-damages"


def test_avon_before_the_2025_move_was_hartford(tmp_path: Path) -> None:
    context = context_for("complaint", "en", "avon", filing_date=date(2025, 9, 15))
    assert context["court"]["district"] == "Hartford"
    assert context["court"]["court_town"] == "Hartford"
    doc = render_document(templates_dir() / "complaint.docx", context, tmp_path / "c.docx")
    assert read_back(doc.path).tables[0][1][2] == "J.D. OF HARTFORD"


def test_spanish_letter_is_in_spanish() -> None:
    _, read = rendered("client-letter.es", "nunez")
    text = read.everything()
    assert "20 de noviembre de 2025" in text
    assert "3 de mayo de 2026" in text  # the next deadline, long form in Spanish
    for phrase in ("Apreciable", "Lo que pasó", "Fechas importantes", "Atentamente", "Página"):
        assert phrase in text
    for english in ("Dear ", "November", "What happened", "Sincerely", "Page "):
        assert english not in text


def test_english_letter_is_in_english() -> None:
    _, read = rendered("client-letter", "avon")
    text = read.everything()
    assert "November 20, 2025" in text and "November 10, 2026" in text
    assert "Dear María Pérez:" in text


def test_client_letter_respects_safe_to_contact() -> None:
    nunez = MATTERS["nunez"].client
    for stem in ("client-letter", "client-letter.es"):
        _, read = rendered(stem, "nunez")
        text = read.everything()
        assert nunez.address not in text  # address_safe is False
        assert nunez.email not in text  # email_safe is False
    _, avon = rendered("client-letter", "avon")
    assert MATTERS["avon"].client.address in avon.everything()
    _, none_safe = rendered("client-letter", "no-damages")
    assert "not safe for us to call" in none_safe.everything()


def test_notice_states_the_six_month_date() -> None:
    _, read = rendered("notice-7-465", "nunez")
    text = read.everything()
    assert "May 3, 2026" in text  # the CT_7465_NOTICE deadline
    assert "7-465(a)" in text and "City of Danbury" in text
    # A city whose clerk's title no source gave: "the clerk of such municipality" (§ 7-465(a)).
    assert "To the Clerk of the City of Danbury:" in text and "Town Clerk" not in text


def test_foi_request_cites_1_206_and_numbers_the_records() -> None:
    _, read = rendered("foi-request", "nunez")
    text = read.everything()
    assert "1-210(a)" in text and "1-206(a)" in text and "four business days" in text
    records = [p for p in read.body if p.style is not None and p.style.name == "Records List"]
    assert len(records) == len(default_pack().records)  # the law pack's records list
    assert all(p.style is not None and "w:numPr" in p.style.element.xml for p in records)


def test_letters_carry_verify_markers_for_secondary_rules() -> None:
    _, read = rendered("demand-letter", "nunez")
    assert any("[verify: secondary]" in t for t in read.body_text)
    _, state = rendered("demand-letter", "state")
    assert any("state agency is unknown" in t for t in state.comments)  # a drafting note


def test_deadline_report_renders_sections_and_rows(tmp_path: Path) -> None:
    items = [(m.number, m.client.name, d) for m in MATTERS.values() for d in m.deadlines]
    quiet = [(m.number, m.client.name) for m in MATTERS.values() if not m.deadlines]
    context = build_report_context(FIRM, date(2025, 11, 20), items, quiet, days=365)
    doc = render_document(templates_dir() / "report-deadlines.docx", context, tmp_path / "r.docx")
    read = read_back(doc.path)
    text = read.everything()
    assert [s["title"] for s in context["sections"]] == [
        "Overdue", "Today", "This week", "Next 365 days",
    ]  # fmt: skip
    assert "Overdue (1)" in read.body_text and "Next 365 days (2)" in read.body_text
    headers = [t[0] for t in read.tables]
    assert ["Matter", "Client", "Deadline", "Due", "Safe target", "Days left", "Citation",
            "Verify", "Tier"] in headers  # fmt: skip
    rows = [row for t in read.tables for row in t[1:]]
    assert ["TA-2026-0001", HOSTILE_NAME, "FOI response due", "November 14, 2025",
            "November 14, 2025", "-6", "§ 1-206(a)", "", ""] in rows  # fmt: skip
    assert any(row[7] == "verify" for row in rows)
    # reminder tier: the § 52-571k limitation (a long-ladder rule) is 355 days out: none yet
    assert [r for r in rows if r[0] == "TA-2026-0002"][0][8] == ""
    assert ["TA-2026-0003", "Lin Chen"] in rows
    assert "{%" not in text and "{{ r." not in text
    assert stat.S_IMODE(doc.path.stat().st_mode) == 0o600


@pytest.mark.parametrize("stem", [s for s, _, _ in MATTER_TEMPLATES] + ["report-deadlines"])
def test_templates_are_styled_word_documents(stem: str) -> None:
    from docx import Document
    from docx.shared import Inches, Pt

    doc = Document(str(templates_dir() / f"{stem}.docx"))
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(12)
    names = {s.name for s in doc.styles}
    assert {"Title", "Heading 1", "Heading 2", "Body Text", "Caption"} <= names
    section = doc.sections[0]
    for margin in (section.left_margin, section.right_margin, section.top_margin):
        assert margin == Inches(1)
    footers = "".join(f._element.xml for f in (section.footer, section.first_page_footer))
    assert "PAGE" in footers
    assert doc.core_properties.author == "casekit"
