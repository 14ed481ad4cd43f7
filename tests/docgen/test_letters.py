"""Letters read back as a lawyer would mail them (issue 13 items 5 and 7).

Addressee blocks: one per recipient, no line twice, the street address from the registry or a
highlighted placeholder; ``cc:`` lines; the preservation letter's systems and confirmation days;
the FOI request's § 1-212 copies, fee waiver, periods and file reference. Client letters: passed
dates told as passed, every date listed, the wording fixed, Spanish polished. The linter passes
on every letter.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from casekit.docgen.context import build_context
from casekit.docgen.letters import split_address
from casekit.docgen.lint import ERROR, PLACEHOLDER, lint_document
from casekit.docgen.render import render_document
from casekit.domain.lawpack import default_pack
from casekit.domain.model import DeadlineView, MatterFacts, Town
from casekit.resources import templates_dir
from tests.docgen.helpers import ReadBack, read_back
from tests.docgen.sample import EXTRA, FIRM, MATTERS, TODAY

LETTERS = ("demand-letter", "preservation-letter", "foi-request")

DANBURY_ROW = Town(
    name="Danbury",
    county="Fairfield",
    judicial_district="Danbury",
    jd_court_location="Danbury",
    jd_courthouse_address="146 White Street, Danbury, CT 06810",
    judicial_district_before_2025_10_01="Danbury",
    legal_name="City of Danbury",
    clerk_title="Town Clerk",
)


def _render(
    tmp_path: Path, template: str, matter: MatterFacts, lang: str = "en", **extra: Any
) -> tuple[dict[str, Any], ReadBack, Path]:
    context = build_context(template, matter, FIRM, TODAY, lang=lang, extra={**EXTRA, **extra})
    stem = template if lang == "en" else f"{template}.{lang}"
    out = tmp_path / f"{stem}-{matter.number}.docx"
    doc = render_document(templates_dir() / f"{stem}.docx", context, out)
    return context, read_back(doc.path), doc.path


def _address_blocks(read: ReadBack) -> list[list[str]]:
    """The blocks of Address-style paragraphs before the "Re:" line, split at blank lines."""
    blocks: list[list[str]] = [[]]
    for p in read.body:
        if p.text.startswith("Re:"):
            break
        if p.style is not None and p.style.name == "Address":
            if p.text.strip():
                blocks[-1].append(p.text)
            elif blocks[-1]:
                blocks.append([])
    return [b for b in blocks if b]


def _cc(read: ReadBack) -> list[str]:
    return [p.text for p in read.body if p.text.startswith("cc: ")]


def _no_lint_errors(path: Path) -> None:
    errors = [f for f in lint_document(path) if f.level == ERROR]
    assert errors == [], errors


def _highlighted_placeholders(path: Path) -> list[str]:
    from docx import Document

    found = []
    for p in Document(str(path)).paragraphs:
        for run in p.runs:
            if PLACEHOLDER.search(run.text):
                assert run.font.highlight_color is not None, run.text
                found.append(run.text)
    return found


def _municipal() -> MatterFacts:
    return dataclasses.replace(MATTERS["nunez"], towns=(DANBURY_ROW,))


# --- item 5: addresses a letter can be mailed to -----------------------------------------------


def test_split_address_into_mailing_lines() -> None:
    assert split_address("2 Elm Street, Ansonia, CT 06401") == ["2 Elm Street", "Ansonia, CT 06401"]
    assert split_address("155 Deer Hill Avenue\nDanbury, CT 06810") == [
        "155 Deer Hill Avenue",
        "Danbury, CT 06810",
    ]
    assert split_address("") == []


def test_municipal_demand_one_block_per_recipient_no_line_twice(tmp_path: Path) -> None:
    context, read, path = _render(tmp_path, "demand-letter", _municipal())
    blocks = _address_blocks(read)
    assert blocks == [
        [
            "Chief Executive Officer",
            "City of Danbury",
            "[[Street address of the Chief Executive Officer, City of Danbury: not in casekit's "
            "registry]]",
        ],
        # The clerk's title from the town's row, the street from the party's service address.
        ["Town Clerk", "City of Danbury", "155 Deer Hill Avenue", "Danbury, CT 06810"],
    ]
    for block in blocks:
        assert len({line.casefold() for line in block}) == len(block)
    assert not any("Town Clerk, City of Danbury" in line for b in blocks for line in b)
    assert _cc(read) == [
        "cc: Chief of Police, Danbury Police Department, 375 Main Street, Danbury, CT 06810"
    ]
    notes = context["drafting_notes"]
    assert any("no street address for the Chief Executive Officer" in n for n in notes)
    assert _highlighted_placeholders(path)
    _no_lint_errors(path)


def test_clerk_title_comes_from_the_registry_not_a_prefix(tmp_path: Path) -> None:
    # No town row: the title is "Clerk" (§ 7-465(a)), never "Town Clerk" guessed from "Town of".
    avon = MATTERS["avon"]
    _, read, path = _render(tmp_path, "demand-letter", avon)
    blocks = _address_blocks(read)
    assert blocks[1][:2] == ["Clerk", "Town of Avon"]
    assert blocks[1][2].startswith("[[Street address of the Clerk, Town of Avon")
    _no_lint_errors(path)


def test_state_demand_goes_to_the_attorney_general_and_the_agency(tmp_path: Path) -> None:
    context, read, path = _render(tmp_path, "demand-letter", MATTERS["state"])
    blocks = _address_blocks(read)
    assert blocks[0] == [
        "Office of the Attorney General",
        "165 Capitol Avenue",
        "Hartford, CT 06106",
    ]
    assert blocks[1][:2] == ["Warden", "New Haven Correctional Center"]
    assert blocks[1][2].startswith("[[")  # the registry row has no address
    # The Attorney General's address is `unverified` in actors.toml: a note says to check it.
    assert any(
        "Office of the Attorney General" in n and "not confirmed" in n
        for n in context["drafting_notes"]
    )
    _no_lint_errors(path)


def test_preservation_letter_to_custodian_with_copy_to_counsel(tmp_path: Path) -> None:
    _, read, path = _render(tmp_path, "preservation-letter", _municipal())
    assert _address_blocks(read) == [
        ["Records Custodian", "Danbury Police Department", "375 Main Street", "Danbury, CT 06810"]
    ]
    (cc,) = _cc(read)
    assert cc.startswith("cc: Corporation Counsel or Town Attorney, City of Danbury, [[")
    text = read.everything()
    for system in default_pack().recording_systems:
        assert system in text
    assert "within 10 days of receiving this letter" in text
    _no_lint_errors(path)


def test_preservation_state_copy_to_attorney_general(tmp_path: Path) -> None:
    _, read, path = _render(tmp_path, "preservation-letter", MATTERS["state"])
    assert _cc(read) == [
        "cc: Office of the Attorney General, 165 Capitol Avenue, Hartford, CT 06106"
    ]
    _no_lint_errors(path)


def test_preservation_days_setting_is_honoured(tmp_path: Path) -> None:
    by = TODAY + timedelta(days=14)
    _, read, _ = _render(
        tmp_path,
        "preservation-letter",
        _municipal(),
        preservation_days=14,
        preservation_date=by,
    )
    text = read.everything()
    assert "within 14 days of receiving this letter, and in any event by December 4, 2025" in text
    assert "within 10 days" not in text


def test_foi_request_copies_fee_waiver_periods_and_file(tmp_path: Path) -> None:
    matter = _municipal()
    _, read, path = _render(tmp_path, "foi-request", matter)
    text = read.everything()
    assert _address_blocks(read)[0][:2] == [
        "Freedom of Information Officer",
        "Danbury Police Department",
    ]
    assert "§ 1-212(a). [verify: unverified]" in text
    assert "waived under Conn. Gen. Stat. § 1-212(d)" in text
    assert f"our file {matter.number}" in text and f"refer to our file {matter.number}" in text
    items = [p.text for p in read.body if p.style is not None and p.style.name == "Records List"]
    assert len(items) == len(default_pack().records)
    start = "November 3, 2025"
    for item in items:
        assert f"from {start} through " in item, item
    assert any("in force at any time from" in item for item in items)
    _no_lint_errors(path)


@pytest.mark.parametrize("key", ["nunez", "avon", "no-damages", "state"])
@pytest.mark.parametrize("template", LETTERS)
def test_every_letter_passes_the_linter_and_repeats_no_line(
    tmp_path: Path, template: str, key: str
) -> None:
    _, read, path = _render(tmp_path, template, MATTERS[key])
    for block in _address_blocks(read):
        assert len({line.casefold() for line in block}) == len(block), block
    _no_lint_errors(path)


# --- item 7: client letters that tell the truth -----------------------------------------------


def _deadline(rule_id: str, due: date) -> DeadlineView:
    return DeadlineView(
        rule_id=rule_id,
        title=rule_id,
        due=due,
        safe_target=due,
        citation="§ 52-577",
        confidence="confirmed",
    )


def test_passed_deadline_is_told_as_passed_and_no_date_is_cut(tmp_path: Path) -> None:
    rules = ("CT_TORT_SOL", "FED_1983_SOL", "CT_7465_SUIT", "CT_52571K_SOL", "CT_4160_SUIT",
             "CT_SAVINGS_REFILE", "CT_RETURN_DATE_MAX")  # fmt: skip
    future = tuple(_deadline(r, TODAY + timedelta(days=30 * (i + 1))) for i, r in enumerate(rules))
    passed = _deadline("CT_7465_NOTICE", TODAY - timedelta(days=3))
    matter = dataclasses.replace(MATTERS["avon"], deadlines=(passed, *future))
    context, read, path = _render(tmp_path, "client-letter", matter)
    assert [d["rule_id"] for d in context["upcoming_deadlines"]] == list(rules)  # all seven
    assert [d["rule_id"] for d in context["passed_deadlines"]] == ["CT_7465_NOTICE"]
    body = read.body_text
    heading = body.index("Dates that have passed")
    upcoming = body[body.index("Important dates") : heading]
    assert not any("notice that you intend to sue" in line for line in upcoming)
    assert sum(1 for line in upcoming if "20" in line and ":" in line) >= len(rules)
    (line,) = [t for t in body[heading:] if "notice that you intend to sue" in t]
    assert line.startswith("November 17, 2025: ")
    assert "This date has passed." in line and "what this means for your case" in line
    _no_lint_errors(path)


def test_english_wording_and_bullet_grammar(tmp_path: Path) -> None:
    from casekit.domain.model import Client

    client = Client(
        name="Lin Chen",
        phone="860-555-0101",
        phone_safe=True,
        address="1 Main Street, Hartford, CT",
        address_safe=True,
    )
    matter = dataclasses.replace(MATTERS["nunez"], client=client)
    _, read, _ = _render(tmp_path, "client-letter", matter)
    text = read.everything()
    assert "We will contact you only by phone and mail." in text
    bullets = [p.text for p in read.body if p.style is not None and p.style.name == "List Bullet"]
    believe = bullets[: len(MATTERS["nunez"].incidents[0].violations)]
    assert believe[-1].endswith(".") and believe[-2].endswith("; and")
    assert all(b.endswith(";") for b in believe[:-2])


def test_spanish_letter_polished(tmp_path: Path) -> None:
    _, read, path = _render(tmp_path, "client-letter", MATTERS["nunez"], lang="es")
    text = read.everything()
    assert "Apreciable José:" in text
    for unwanted in ("o estimada", "o arrestada", "le registraron", "le entregó", "le mantuvo",
                     "le arrestó", "llamarle", "dejarle", "14:15"):  # fmt: skip
        assert unwanted not in text, unwanted
    assert "alrededor de las 2:15 de la tarde" in text
    assert "Fechas que ya pasaron" in text and "Esta fecha ya pasó." in text
    _no_lint_errors(path)


def test_spanish_doc_and_state_wording(tmp_path: Path) -> None:
    context, read, _ = _render(tmp_path, "client-letter", MATTERS["state"], lang="es")
    text = read.everything()
    assert "agentes del centro penitenciario (New Haven Correctional Center)" in text
    assert "ordene al Estado que deje de hacerlo" in text
    steps = " ".join(context["next_steps"])
    if steps:
        assert " a el " not in steps


def test_spanish_one_oclock_takes_la() -> None:
    from datetime import datetime

    from casekit.docgen.context.incidents import _when

    assert _when(datetime(2026, 1, 14, 1, 20), "es").endswith("a la 1:20 de la mañana")
    assert _when(datetime(2026, 1, 14, 21, 5), "es").endswith("a las 9:05 de la noche")


def test_notice_7465_clerk_block_repeats_nothing(tmp_path: Path) -> None:
    _, read, path = _render(tmp_path, "notice-7-465", _municipal())
    lines = [p.text for p in read.body[:8] if p.style is not None and p.style.name == "Address"]
    assert lines == ["Town Clerk", "City of Danbury", "155 Deer Hill Avenue", "Danbury, CT 06810"]
    _, read, path = _render(tmp_path, "notice-7-465", MATTERS["no-damages"])
    lines = [p.text for p in read.body[:8] if p.style is not None and p.style.name == "Address"]
    assert lines[:2] == ["Clerk", "City of Hartford"]
    assert lines[2].startswith("[[Street address of the Clerk, City of Hartford")
    assert _highlighted_placeholders(path)
