"""The law pack: one place for the law, each date stated once, overrides, versions, confidence.

trust-act.md is restated as data in ``casekit/domain/data``; these tests keep it the only place:
no effective date or legal statement is written in Python outside the pack's loader, and every
code the program uses by name (acts, exceptions, claims, actors, rules) exists in the data.
"""

from __future__ import annotations

import ast
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.domain import model
from casekit.domain.calendar import CourtCalendar
from casekit.domain.deadlines import compute
from casekit.domain.lawpack import PACK_FILES, default_pack, load_pack, shipped_text
from casekit.domain.screening import ScreeningFacts, screen
from casekit.domain.screening.convictions import E2_REASON_CODES
from casekit.domain.vocabulary import CONFIDENCES, weakest
from casekit.errors import InvalidInput

PACKAGE = Path(__file__).resolve().parents[2] / "casekit"
PACK = default_pack()
EFFECTIVE = {d.date for d in PACK.dates.values()}

# Citation-like text (a legal statement) in a string literal.
LEGAL = re.compile(
    r"§|C\.F\.R\.|U\.S\.C\.|P\.A\. \d|Conn\. Gen\. Stat|Practice Book|HB 7259|\bv\. [A-Z]"
)
# Formatting tokens, not statements: the section sign itself, and the statute prefix.
FORMATTING = {"§", "§§", "§ ", "Conn. Gen. Stat. "}
# Modules allowed to hold legal wording in Python, with the reason.
ALLOWED_FILES = {
    # The command line's --help texts name the sections a command is about (orientation for the
    # user, not a rule applied to a result).
    "cli",
    # Typography, not law: the citation signs and abbreviations (§, U.S.C., C.F.R.) after which
    # the craft pass puts a no-break space, so a citation never breaks over two lines.
    "docgen/craft.py",
}


def _python_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "lawpack" not in p.parts)


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        for child in (
            getattr(node, "body", []) if isinstance(getattr(node, "body", None), list) else []
        ):
            if isinstance(child, ast.Expr) and isinstance(child.value, ast.Constant):
                docstrings.add(id(child.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _allowed(path: Path) -> bool:
    rel = path.relative_to(PACKAGE).as_posix()
    return any(rel == a or rel.startswith(a + "/") for a in ALLOWED_FILES)


# --- one place -------------------------------------------------------------------------------


def test_each_effective_date_is_stated_once_in_the_pack():
    dates = tomllib.loads(shipped_text("dates.toml"))["date"]
    ids = [d["id"] for d in dates]
    assert len(ids) == len(set(ids))
    # every other file of the pack names dates by id, never by value
    for name in PACK_FILES:
        if name == "dates.toml":
            continue
        text = shipped_text(name)
        for day in EFFECTIVE:
            assert day.isoformat() not in text, f"{name} repeats {day}"
            assert f"{day.year}, {day.month}, {day.day}" not in text


def test_no_module_repeats_an_effective_date():
    for path in _python_files():
        source = path.read_text(encoding="utf-8")
        for day in EFFECTIVE:
            for form in (day.isoformat(), f"date({day.year}, {day.month}, {day.day})"):
                assert form not in source, f"{path.relative_to(PACKAGE)} repeats {form}"


def test_no_legal_statement_is_a_python_literal_outside_the_pack():
    found = []
    for path in _python_files():
        if _allowed(path):
            continue
        for line, text in _literals(path):
            if text not in FORMATTING and LEGAL.search(text):
                found.append(f"{path.relative_to(PACKAGE)}:{line}: {text[:60]!r}")
    assert not found, "legal wording belongs in casekit/domain/data:\n" + "\n".join(found)


def _code_literals() -> set[str]:
    out: set[str] = set()
    for path in _python_files():
        out.update(text for _, text in _literals(path))
    return out


def test_every_code_the_program_names_exists_in_the_pack():
    literals = _code_literals()
    acts = {t for t in literals if re.fullmatch(r"V\d_[A-Z0-9_]+", t)}
    exceptions = {
        t for t in literals if re.fullmatch(r"E\d_[A-Z0-9_]+", t) and t not in E2_REASON_CODES
    }
    rules = {t for t in literals if re.fullmatch(r"(CT|FED|TRUST)_[A-Z0-9_]+", t)}
    assert acts and exceptions and rules
    assert acts <= set(PACK.violations), acts - set(PACK.violations)
    assert exceptions <= set(PACK.exceptions), exceptions - set(PACK.exceptions)
    assert rules <= set(PACK.rules), rules - set(PACK.rules)
    claims = {v for k, v in vars(model).items() if k.startswith("CLAIM_") and isinstance(v, str)}
    assert claims <= set(PACK.claims)
    kinds = {
        t
        for t in literals
        if re.fullmatch(r"[a-z]+_(police|marshal|probation|security|justice|board)", t)
        or t in ("corrections", "bail_commissioner")
    }
    assert kinds <= set(PACK.actors), kinds - set(PACK.actors)
    for date_id in re.findall(r'date_of\("([A-Z0-9_]+)"\)', _all_source()):
        assert date_id in PACK.dates


def _all_source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in _python_files())


def test_every_row_carries_citation_and_confidence():
    for group in (PACK.violations, PACK.exceptions, PACK.claims, PACK.actors, PACK.dates):
        for key, item in group.items():
            assert item.citation, key
            assert getattr(item, "confidence", None) in CONFIDENCES, key
    for cell in PACK.reach.values():
        assert cell.citation and cell.confidence in CONFIDENCES
    assert len(PACK.reach) == len(PACK.violations) * len(PACK.exceptions)


def test_the_reach_table_is_trust_act_md_section_1():
    def cell(act: str, exc: str) -> tuple[str, str]:
        found = PACK.reach_of(PACK.violation(act).id, PACK.exception(exc).id)
        return found.effect, found.confidence

    assert cell("V1", "E1") == ("excuses", "confirmed")
    assert cell("V2", "E3") == ("excuses", "secondary")
    assert cell("V3", "E1") == ("excuses", "unverified")
    assert cell("V4", "E1") == ("excuses", "secondary")
    assert cell("V4", "E2")[0] == "unknown"
    assert cell("V6", "E3")[0] == "unknown"
    assert cell("V7", "E2")[0] == "none"
    assert cell("V8", "E1")[0] == "none"


# --- overrides -------------------------------------------------------------------------------

OVERRIDES = """
[settings.trust_act_conduct_from]
value = "2025-10-01"
confidence = "confirmed"
note = "Read in the enacted text"

[defendants.state]
suable = "yes"
suable_confidence = "secondary"

[reach.V4.E2]
effect = "excuses"
confidence = "secondary"

[actors.state_marshal]
defendant = "state"
defendant_confidence = "unverified"

[offenses_2025."53a-70b"]
offense_name = "Sexual assault in spousal or cohabiting relationship"
category = "sexual assault"
confidence = "unverified"

[felonies."53a-125b"]
offense_name = "Larceny in the sixth degree"
felony_class = "misdemeanor"
confidence = "confirmed"

[notices.FEDERAL_SUIT_2026]
enabled = false
"""


def test_a_firm_overrides_the_whole_pack_and_every_change_is_marked():
    pack = load_pack(OVERRIDES)
    assert pack.settings["trust_act_conduct_from"].overridden
    assert pack.defendants["state"].suable == "yes"
    cell = pack.reach_of("V4_ICE_INTERVIEW", "E2_QUALIFYING_CONVICTION")
    assert (cell.effect, cell.overridden) == ("excuses", True)
    assert pack.actors["state_marshal"].defendant == "state"
    assert "53a-70b" in pack.offenses_2025 and pack.offenses_2025["53a-70b"].overridden
    assert pack.felonies["53a-125b"].felony_class == "misdemeanor"
    assert pack.notices_for("trust_act") == ()
    assert len(pack.overrides) == 7
    assert all("law.local.toml" in line for line in pack.overrides)
    # results that rest on an override say so
    result = screen(
        ScreeningFacts(date(2025, 11, 3), "state_police", ("V1",)), date(2026, 6, 1), pack
    )
    assert result.trust_act_action == "eligible"
    state = next(r for r in result.reasons if r.code.startswith("DEFENDANT_STATE"))
    assert state.overridden and state.confidence == "secondary"


def test_the_version_changes_with_the_pack_and_the_overrides():
    plain = load_pack()
    firm = load_pack(OVERRIDES)
    assert plain.version.label == default_pack().version.label
    assert plain.version.label.startswith("2026-12-03.") and not plain.version.overridden
    assert firm.version.label != plain.version.label and firm.version.label.endswith("+firm")
    assert load_pack(OVERRIDES).version == firm.version  # stable for the same input


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[actors.sheriff]\ncovered_from = 'ACT_2019'\n",
            "law.local.toml: actors.sheriff: unknown",
        ),
        (
            "[actors.state_marshal]\ndefendant = 'county'\n",
            "law.local.toml: actors.state_marshal: defendant 'county' is not one of",
        ),
        (
            "[reach.V9.E1]\neffect = 'excuses'\n",
            "law.local.toml: reach.V9: unknown act",
        ),
        (
            "[reach.V1.E1]\neffect = 'maybe'\n",
            "law.local.toml: reach.V1.E1: effect 'maybe' is not one of excuses, unknown, none",
        ),
        (
            "[defendants.state]\nsuable_confidence = 'sure'\n",
            "law.local.toml: defendants.state: suable_confidence 'sure' is not one of",
        ),
        (
            "[settings.trust_act_conduct_from]\nvalue = 'soon'\n",
            "law.local.toml: settings.trust_act_conduct_from: value must be a YYYY-MM-DD date",
        ),
        ("[offenses_2025.'53a-1']\nconfidence = 'unverified'\n", "a new row needs"),
        ("[laws.X]\na = 1\n", "law.local.toml: unknown table 'laws'"),
        ("not toml = = 1", "law.local.toml: not valid TOML"),
        ("[notices.NEW]\nenabled = true\n", "a new entry needs text, confidence"),
    ],
)
def test_a_bad_override_is_one_line_naming_file_table_and_key(text, message):
    with pytest.raises(InvalidInput) as err:
        load_pack(text)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


# --- the weakest part decides ----------------------------------------------------------------

ACTS = sorted(PACK.violations)
SECTIONS = ["53a-101", "53a-70", "53a-71", "53a-60", "53a-86", "53a-90a", "53a-125b", "53-21"]
CLASSES = [None, "A", "B", "C", "D", "E"]
WORDS = list(CONFIDENCES)


@st.composite
def facts(draw: st.DrawFn) -> ScreeningFacts:
    convictions = draw(
        st.lists(st.tuples(st.sampled_from(SECTIONS), st.sampled_from(CLASSES)), max_size=2)
    )
    return ScreeningFacts(
        incident_date=draw(st.dates(min_value=date(2018, 1, 1), max_value=date(2026, 6, 1))),
        actor=draw(st.sampled_from(sorted(PACK.actors))),
        violations=tuple(draw(st.lists(st.sampled_from(ACTS), max_size=3))),
        judicial_warrant=draw(st.booleans()),
        convictions=tuple(model.Conviction(s, c) for s, c in convictions),
        tsdb_match=draw(st.booleans()),
    )


@st.composite
def packs(draw: st.DrawFn) -> object:
    """The shipped pack, or one where a firm changed some confidences."""
    lines = []
    for act in draw(st.lists(st.sampled_from(ACTS), max_size=2, unique=True)):
        lines += [f"[violations.{act}]", f"confidence = '{draw(st.sampled_from(WORDS))}'"]
    for kind in draw(st.lists(st.sampled_from(sorted(PACK.actors)), max_size=2, unique=True)):
        lines += [
            f"[actors.{kind}]",
            f"coverage_confidence = '{draw(st.sampled_from(WORDS))}'",
            f"defendant_confidence = '{draw(st.sampled_from(WORDS))}'",
        ]
    if draw(st.booleans()):
        lines += [
            "[defendants.state]",
            f"suable = '{draw(st.sampled_from(['yes', 'no', 'unknown']))}'",
            f"suable_confidence = '{draw(st.sampled_from(WORDS))}'",
        ]
    return load_pack("\n".join(lines)) if lines else PACK


def _parts(reason, f: ScreeningFacts, pack) -> list[str]:
    """What a reason relies on, worked out independently of the screening code."""
    actor = pack.actors[f.actor]
    code = reason.code
    if code == "DATE_ACTION_IN_FORCE":
        return [pack.dates["ACT_2025"].confidence]
    if code.startswith("DATE_"):
        return [pack.settings["trust_act_conduct_from"].confidence]
    if code.startswith("ACTOR_"):
        return [actor.coverage_confidence]
    if code.startswith("DEFENDANT_"):
        kind = pack.defendants[actor.defendant]
        return [actor.defendant_confidence, kind.suable_confidence]
    if code in pack.violations and "Excused" not in reason.text:
        return [pack.violations[code].confidence]
    if code == "E3_TSDB_MATCH":
        return [pack.exceptions[code].confidence]
    if code == "E2_2025_LIST":
        return [pack.offenses_2025_confidence]
    return []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts(), packs())
def test_no_reason_is_confirmed_when_a_part_it_relies_on_is_not(f, pack):
    result = screen(f, date(2026, 6, 1), pack)
    for reason in result.reasons:
        parts = _parts(reason, f, pack)
        assert weakest(reason.confidence, *parts) == reason.confidence, (reason, parts)
        if reason.confidence == "confirmed":
            assert all(p == "confirmed" for p in parts), (reason, parts)
    for claim in result.claims:
        for d in claim.deadlines:
            rule = pack.rules[d.rule_id]
            assert weakest(d.confidence, rule.overall_confidence) == d.confidence


RULE_IDS = sorted(r for r, rule in PACK.rules.items() if not rule.timed)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(RULE_IDS),
    st.dates(min_value=date(2019, 1, 1), max_value=date(2031, 12, 31)),
)
def test_no_deadline_is_confirmed_when_a_part_it_relies_on_is_not(rule_id, trigger):
    rule = PACK.rules[rule_id]
    result = compute(rule, trigger, COURT, other_triggers={"incident": trigger})
    assert weakest(result.confidence, rule.overall_confidence) == result.confidence
    if any(line.startswith("Verify") for line in result.trail):
        assert result.confidence != "confirmed"
    assert result.to_dict()["verify"] is (result.confidence != "confirmed")
    if rule.unit in ("months", "years"):
        months = rule.period * (12 if rule.unit == "years" else 1)
        index = trigger.month - 1 + months
        landed_month = index % 12 + 1
        year = trigger.year + index // 12
        days = (
            date(year + (landed_month == 12), landed_month % 12 + 1, 1)
            - date(year, landed_month, 1)
        ).days
        if trigger.day > days:  # a month-end clamp: unverified
            assert result.confidence in ("unverified", "unknown")
    for reading in result.readings:
        if reading.chosen:
            assert weakest(result.confidence, reading.confidence) == result.confidence


COURT = CourtCalendar()
