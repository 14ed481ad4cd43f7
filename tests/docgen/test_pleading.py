"""The pleading plan (issue 13): golden plans for the demo scenarios, then the documents written
from them, rendered and read back, and the linter passing on every one of them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest

from casekit.docgen.context import build_context
from casekit.docgen.lint import lint_document
from casekit.docgen.render import RenderedDocument, render_document
from casekit.domain.lawpack import default_pack, load_pack
from casekit.domain.model import CLAIM_52571K, CustodyEvent
from casekit.domain.pleading import (
    AVAILABLE,
    LATE,
    REFUSED,
    PleadingPlan,
    in_pleading_voice,
    plan_pleading,
)
from casekit.errors import InvalidInput
from casekit.resources import templates_dir
from tests.docgen.helpers import ReadBack, read_back
from tests.docgen.sample import EXTRA, FIRM
from tests.docgen.scenarios import DAY, LATE_DAY, SCENARIOS, TODAY, at

PACK = default_pack()


def plan(key: str, **kwargs: object) -> PleadingPlan:
    return plan_pleading(SCENARIOS[key], TODAY, **kwargs)  # type: ignore[arg-type]


def golden(p: PleadingPlan) -> dict[str, object]:
    return {
        "counts": {c.claim: list(c.against) for c in p.counts},
        "refused": {r.subject: r.rule for r in p.refusals},
        "notices": [(n.template, n.status, n.addressee, n.due) for n in p.notices[:-4]],
    }


# --- golden plans -------------------------------------------------------------------------------


def test_municipal_v1_hold() -> None:
    officers = ["Sgt. P. O'Malley", "Ofc. R. Díaz"]
    assert golden(plan("municipal-v1")) == {
        "counts": {
            "trust_act": ["City of Danbury"],
            "section_1983": [*officers, "City of Danbury"],
            "section_52_571k": officers,
            "false_imprisonment_7465": [*officers, "City of Danbury"],
        },
        "refused": {},
        "notices": [
            ("notice-7-465", AVAILABLE, "City of Danbury", DAY.replace(month=5, year=2026)),
            ("notice-4-147", REFUSED, "", None),
        ],
    }
    p = plan("municipal-v1")
    assert p.hold and not p.v8_confirmed
    count = p.count("section_1983")
    assert count is not None and count.rests_on == ("V1_DETAIN_ON_DETAINER",)
    assert p.refusal_for("complaint") is None and p.refusal_for("notice-7-465") is None
    refusal = p.refusal_for("notice-4-147")
    assert refusal is not None and refusal.rule == "NOTICE_4147_STATE"


def test_trust_act_only() -> None:
    p = plan("trust-act-only")
    assert golden(p)["counts"] == {"trust_act": ["City of Danbury"]}
    assert golden(p)["refused"] == {}
    assert [d.name for d in p.defendants] == ["City of Danbury"]
    assert any("O'Malley" in n and "not a defendant" in n for n in p.notes)


def test_doc_state_only() -> None:
    p = plan("doc")
    assert golden(p) == {
        "counts": {
            "trust_act": ["State of Connecticut"],
            "claims_commissioner": ["State of Connecticut"],
        },
        "refused": {
            "section_1983": "SECTION_1983_PERSON",
            "section_52_571k": "SECTION_52571K_POLICE",
            "false_imprisonment_7465": "NOTICE_7465_MUNICIPAL",
        },
        "notices": [
            ("notice-7-465", REFUSED, "", None),
            (
                "notice-4-147",
                AVAILABLE,
                "Office of the Claims Commissioner",
                DAY.replace(year=2026),
            ),
        ],
    }
    # An official-capacity claim against an officer is offered instead of § 1983 against the State.
    assert [o.instead_of for o in p.offers] == ["section_1983"]
    assert "official capacity" in p.offers[0].text
    refusal = p.refusal_for("notice-7-465")
    assert refusal is not None and refusal.rule == "NOTICE_7465_MUNICIPAL"


def test_state_police_v2_only_alleges_no_hold() -> None:
    p = plan("state-police")
    assert golden(p)["counts"] == {"trust_act": ["State of Connecticut"]}
    assert golden(p)["refused"] == {
        "section_1983": "SEIZURE_NEEDS_HOLD",
        "section_52_571k": "SEIZURE_NEEDS_HOLD",
        "false_imprisonment_7465": "NOTICE_7465_MUNICIPAL",
    }
    assert not p.hold and p.alleged == ("V2_NOTIFY_RELEASE",)
    trooper = next(d for d in p.defendants if d.kind == "officer")
    assert trooper.police and trooper.state_employee and not trooper.municipal


def test_several_towns_and_officers() -> None:
    p = plan("several")
    officers = ["Sgt. P. O'Malley", "Ofc. J. Brennan", "Lt. K. Nakamura"]
    towns = ["City of Danbury", "Town of Bethel"]
    assert golden(p)["counts"] == {
        "trust_act": towns,
        "section_1983": [*officers, *towns],
        "section_52_571k": officers,
        "false_imprisonment_7465": [*officers, *towns],
    }
    notices = [(n.addressee, n.defendants) for n in p.notices if n.template == "notice-7-465"]
    assert notices == [
        ("City of Danbury", ("City of Danbury", "Sgt. P. O'Malley")),
        ("Town of Bethel", ("Town of Bethel", "Ofc. J. Brennan", "Lt. K. Nakamura")),
    ]
    by_name = {d.name: d for d in p.defendants}
    # Each individual defendant: what the facts say, a placeholder for what they do not.
    assert "Bethel Police Department" in by_name["Ofc. J. Brennan"].paragraphs[0]
    assert "November 5, 2025" in by_name["Ofc. J. Brennan"].paragraphs[0]
    assert by_name["Ofc. J. Brennan"].paragraphs[1].startswith("[[What the defendant")
    assert by_name["Lt. K. Nakamura"].paragraphs == (
        PACK.pleading.text("officer.unlinked").fill(name="Lt. K. Nakamura"),
    )
    assert any("Det. M. Osei" in n and "not a defendant" in n for n in p.notes)
    # Each municipality's § 7-465 paragraph in the false-imprisonment count
    fi = p.count("false_imprisonment_7465")
    assert fi is not None
    assert sum("[[Date the § 7-465(a) notice" in t for t in fi.paragraphs) == 2


def test_late_7465_needs_late() -> None:
    p = plan("late-7465")
    notice = p.notice("notice-7-465")
    assert notice is not None and notice.status == LATE
    assert notice.due == LATE_DAY.replace(month=7)
    refusal = p.refusal_for("notice-7-465")
    assert refusal is not None and refusal.rule == "NOTICE_7465_LATE"
    assert "ended on 2025-07-10" in refusal.message
    assert plan("late-7465", late=True).refusal_for("notice-7-465") is None
    fi = p.count("false_imprisonment_7465")
    assert fi is not None
    text = " ".join(fi.paragraphs)
    assert "ended on July 10, 2025" in text and "within six months" not in text


def test_expired_claim_is_refused_with_its_rule() -> None:
    old = replace(
        SCENARIOS["municipal-v1"],
        incidents=tuple(
            replace(i, occurred_on=LATE_DAY.replace(year=2024))
            for i in SCENARIOS["municipal-v1"].incidents
        ),
    )
    p = plan_pleading(old, TODAY)
    refused = {r.subject: r for r in p.refusals}
    assert refused[CLAIM_52571K].rule == "CLAIM_EXPIRED"
    assert "CT_52571K_SOL ended on 2025-01-10" in refused[CLAIM_52571K].message
    assert p.count(CLAIM_52571K) is None


def _with_release(key: str, hours: int) -> PleadingPlan:
    matter = SCENARIOS[key]
    due = at(DAY + timedelta(days=1), 9)
    timeline = (
        CustodyEvent("scheduled_release", due),
        CustodyEvent("release_to_ice", due + timedelta(hours=hours)),
    )
    incidents = tuple(replace(i, violations=(*i.violations, "V8")) for i in matter.incidents)
    return plan_pleading(replace(matter, custody=timeline, incidents=incidents), TODAY)


def test_v8_only_when_the_48_hour_count_confirms_it() -> None:
    within = _with_release("municipal-v1", 30)
    assert not within.v8_confirmed and "V8_OVER_48_HOURS" not in within.alleged
    assert {r.subject: r.rule for r in within.refusals}["V8_OVER_48_HOURS"] == "HOLD_48H_CONFIRMED"
    # Tuesday 9:00 + 48 business hours = Thursday 9:00; released Friday: past the cap.
    beyond = _with_release("municipal-v1", 80)
    assert beyond.v8_confirmed and "V8_OVER_48_HOURS" in beyond.alleged
    trust = beyond.count("trust_act")
    assert trust is not None and "V8_OVER_48_HOURS" not in trust.rests_on
    assert not any("48 hours" in t for t in trust.paragraphs)
    seizure = beyond.count("section_1983")
    assert seizure is not None and "48-hour computation" in seizure.rests_on


def test_a_firm_can_make_v3_a_hold() -> None:
    pack = load_pack('[hold.V3]\nhold = true\nnote = "read the enacted text"\n')
    assert pack.pleading.hold_codes == ("V1_DETAIN_ON_DETAINER", "V3_ADMIN_WARRANT")
    assert any(n.startswith("hold V3_ADMIN_WARRANT") for n in pack.overrides)
    matter = replace(
        SCENARIOS["municipal-v1"],
        incidents=tuple(
            replace(i, violations=("V3",)) for i in SCENARIOS["municipal-v1"].incidents
        ),
    )
    assert plan_pleading(matter, TODAY).count("section_1983") is None
    count = plan_pleading(matter, TODAY, pack).count("section_1983")
    assert count is not None and count.rests_on == ("V3_ADMIN_WARRANT",)
    with pytest.raises(InvalidInput, match="hold.V9: unknown act"):
        load_pack("[hold.V9]\nhold = true\n")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Officers stopped the plaintiff's car.", True),
        ('The sergeant said: "I want him held" and kept the plaintiff.', True),
        ("The police released the client to ICE.", False),
        ("I was kept overnight.", False),
        ("They took my phone.", False),
        ("The detainer (I-247A) arrived by fax.", True),
    ],
)
def test_pleading_voice(text: str, ok: bool) -> None:
    assert in_pleading_voice(text) is ok


# --- documents written from the plan ------------------------------------------------------------

_OUT: list[Path] = []


@pytest.fixture(scope="module", autouse=True)
def _out_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    _OUT.append(tmp_path_factory.mktemp("pleadings"))


@cache
def rendered(template: str, key: str, late: bool = False) -> tuple[RenderedDocument, ReadBack]:
    extra = {**EXTRA, "late_notice": late}
    context = build_context(template, SCENARIOS[key], FIRM, TODAY, extra=extra)
    name = f"{template}-{key}{'-late' if late else ''}.docx"
    doc = render_document(templates_dir() / f"{template}.docx", context, _OUT[-1] / name)
    return doc, read_back(doc.path)


@pytest.mark.parametrize("key", list(SCENARIOS))
@pytest.mark.parametrize("template", ["complaint", "notice-7-465", "notice-4-147", "demand-letter"])
def test_the_linter_passes_on_every_generated_document(template: str, key: str) -> None:
    doc, _ = rendered(template, key)
    assert lint_document(doc.path, kind=template, today=TODAY) == []


@pytest.mark.parametrize("key", list(SCENARIOS))
def test_complaint_counts_name_their_defendants(key: str) -> None:
    _, read = rendered("complaint", key)
    p = plan(key)
    headings = [t for t in read.body_text if " COUNT: " in t]
    assert [h.split(": ", 1)[1] for h in headings] == [c.title for c in p.counts]
    as_to = [t for t in read.body_text if t.startswith("(as to ")]
    assert len(as_to) == len(p.counts)
    assert all("all defendants" not in t for t in as_to)
    for line, count in zip(as_to, p.counts, strict=True):
        assert all(name in line for name in count.against)


def test_state_police_complaint_alleges_no_detainer_hold() -> None:
    _, read = rendered("complaint", "state-police")
    text = "\n".join(read.body_text)
    assert "on a civil immigration detainer" not in text
    assert "past the time the plaintiff was due to be released" not in text
    assert "Fourth Amendment" not in text


def test_doc_complaint_has_no_1983_or_7465_count() -> None:
    _, read = rendered("complaint", "doc")
    headings = [t for t in read.body_text if " COUNT: " in t]
    assert not any("1983" in h or "7-465" in h or "52-571k" in h for h in headings)
    assert any(
        t.startswith("Drafting note: Offered instead:") and "official capacity" in t
        for t in read.comments
    )


def test_late_narrative_is_not_pasted_and_is_quoted_in_the_notes() -> None:
    _, read = rendered("complaint", "late-7465")
    # The drafting notes are Word comments: nothing of them is left in the body.
    pleading, notes = read.body_text, read.comments
    assert "Drafting notes (remove before filing)" not in pleading
    assert not any("the client" in t for t in pleading)
    assert any(t.startswith("[[Narrative of the events") for t in pleading)
    assert any("kept the client overnight" in t and "rewrite it" in t for t in notes)
    # custody events are allegations about the plaintiff
    assert any("the plaintiff was due to be released" in t for t in pleading)


def test_late_notice_says_the_period_ended_and_lists_what_to_argue() -> None:
    _, read = rendered("notice-7-465", "late-7465", late=True)
    text = "\n".join(read.body_text)
    assert "ended on July 10, 2025" in text
    assert "within the six months" not in text and "within six months" not in text
    assert "[[grounds on which the late notice is excused]]" in text
    assert any(t.startswith("Drafting note: LATE NOTICE:") and "argue" in t for t in read.comments)


def test_timely_notice_says_so_with_its_date() -> None:
    _, read = rendered("notice-7-465", "municipal-v1")
    text = "\n".join(read.body_text)
    assert "within the six months" in text and "ends on May 3, 2026" in text
    assert "Sgt. P. O'Malley" in text and "City of Danbury" in text


def test_claims_commissioner_notice_for_a_state_matter() -> None:
    _, read = rendered("notice-4-147", "doc")
    text = "\n".join(read.body_text)
    assert "Office of the Claims Commissioner" in text
    assert "[[Street address of the Office of the Claims Commissioner" in text
    assert "ends on November 3, 2026" in text
    assert "requests permission to sue the State of Connecticut" in text
    assert "fifty thousand dollars. [verify: secondary]" in text
    for filing in PACK.pleading.filing:  # the filing facts are drafting notes: Word comments
        assert any(filing.text in t for t in read.comments)


def test_placeholders_are_highlighted_in_the_rendered_document() -> None:
    from docx import Document

    doc, _ = rendered("notice-4-147", "doc")
    runs = [r for p in Document(str(doc.path)).paragraphs for r in p.runs if "[[" in r.text]
    assert runs and all(r.font.highlight_color is not None for r in runs)
    assert all(r.text.startswith("[[") and r.text.endswith("]]") for r in runs)


def test_v8_confirmed_is_pleaded_as_a_federal_fact(tmp_path: Path) -> None:
    matter = SCENARIOS["municipal-v1"]
    due = at(DAY + timedelta(days=1), 9)
    beyond = replace(
        matter,
        custody=(
            CustodyEvent("scheduled_release", due),
            CustodyEvent("release_to_ice", due + timedelta(hours=80)),
        ),
        incidents=tuple(replace(i, violations=(*i.violations, "V8")) for i in matter.incidents),
    )
    context = build_context("complaint", beyond, FIRM, TODAY, extra=EXTRA)
    doc = render_document(templates_dir() / "complaint.docx", context, tmp_path / "v8.docx")
    text = read_back(doc.path).body_text
    facts = [t for t in text if "287.7(d)" in t]
    assert any("for more than 48 hours" in t for t in facts)
    assert any(
        "48-hour period" in t
        and "ended on November 6, 2025, at 9:00 a.m.; the plaintiff was "
        "held about 32 hours beyond it"
        in t
        for t in text
    )
    trust = text.index(next(t for t in text if t.startswith("FIRST COUNT")))
    second = text.index(next(t for t in text if t.startswith("SECOND COUNT")))
    assert not any("48 hours" in t or "287.7" in t for t in text[trust:second])
    assert lint_document(doc.path, kind="complaint", today=TODAY) == []


# --- the README shows the plan and the refusals as casekit prints them ----------------------------

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _readme_block(command: str) -> list[str]:
    """The lines printed under ``$ command`` in the README's text blocks."""
    lines = README.splitlines()
    start = lines.index(f"$ {command}")
    out = []
    for line in lines[start + 1 :]:
        if line.startswith(("$ ", "```")):
            break
        out.append(line)
    return out


def test_readme_plan_is_what_casekit_prints() -> None:
    from casekit.domain.pleading import plan_lines

    p = plan("doc")
    printed = [*plan_lines(p), "complaint: can be generated"]
    shown = _readme_block(f"casekit generate complaint {SCENARIOS['doc'].number} --plan")
    assert shown and shown[-1] == printed[-1]
    # every line the README shows, in order ("..." stands for lines left out)
    at = 0
    for line in shown:
        if line.strip() == "...":
            continue
        at = printed.index(line, at) + 1


@pytest.mark.parametrize(("key", "late"), [("doc", False), ("late-7465", False)])
def test_readme_refusals_are_what_casekit_prints(key: str, late: bool) -> None:
    number = SCENARIOS[key].number
    refusal = plan(key, late=late).refusal_for("notice-7-465")
    assert refusal is not None
    shown = _readme_block(f"casekit generate notice-7-465 {number}")
    assert shown == [f"error: cannot generate notice-7-465 for {number}: {refusal.message}"]
