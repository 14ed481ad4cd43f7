"""``casekit screen`` through the CLI: the acceptance rows, boundaries and exceptions, bad input."""

from __future__ import annotations

import pytest

from .conftest import assert_one_line_error, cli, cli_json, read_csv

ACCEPTANCE = read_csv("screening.csv")
CONFIDENCES = ("confirmed", "secondary", "unverified", "unknown")


def _args(row: dict[str, str]) -> list[str]:
    args = ["screen", "--incident-date", row["incident_date"], "--actor", row["actor"]]
    for v in filter(None, row["violations"].split(";")):
        args += ["--violation", v]
    for c in filter(None, row["convictions"].split(";")):
        args += ["--conviction", c]
    if row["judicial_warrant"] == "yes":
        args.append("--judicial-warrant")
    if row["tsdb_match"] == "yes":
        args.append("--tsdb-match")
    return args


def _check_shape(out: dict) -> None:
    assert set(out) == {
        "trust_act_action",
        "verify",
        "reasons",
        "claims",
        "other_claims",
        "notices",
        "law_version",
    }
    assert out["trust_act_action"] in ("eligible", "ineligible", "verify")
    assert out["reasons"]
    for reason in out["reasons"]:
        assert set(reason) == {"code", "text", "citation", "confidence", "verify", "overridden"}
        assert reason["code"] and reason["text"] and reason["citation"]
        assert reason["confidence"] in CONFIDENCES
        # a reason is confirmed only when everything it relies on is; --json says so
        assert reason["verify"] == (reason["confidence"] != "confirmed")
    for claim in out["other_claims"]:
        assert claim["citation"] and claim["confidence"] in CONFIDENCES
    for claim in out["claims"]:
        assert claim["status"] in ("available", "verify", "optional", "expired", "not_available")
        for d in claim["deadlines"]:
            assert d["status"] in ("open", "expired")
            assert d["verify"] == (d["confidence"] != "confirmed")
    assert [n["id"] for n in out["notices"]] == ["FEDERAL_SUIT_2026"]


@pytest.mark.parametrize(
    "row",
    ACCEPTANCE,
    ids=[f"{r['actor']}-{r['incident_date']}-{r['expected']}" for r in ACCEPTANCE],
)
def test_acceptance_rows_through_the_cli(row):
    out = cli_json(*_args(row), "--today", "2026-06-01")
    _check_shape(out)
    assert out["trust_act_action"] == row["expected"], row["note"]


# (arguments after "screen", expected decision, a reason code that must be there, why)
OWN_ROWS = [
    (
        ["--incident-date", "2025-10-01", "--actor", "municipal_police", "--violation", "V1"],
        "eligible",
        "DATE_ACTION_IN_FORCE",
        "the effective date itself is covered",
    ),
    (
        ["--incident-date", "2019-10-01", "--actor", "municipal_police", "--violation", "V1"],
        "ineligible",
        "DATE_2019_ACT_ONLY",
        "2019 act: a violation, but no private action",
    ),
    (
        ["--incident-date", "2019-09-30", "--actor", "municipal_police", "--violation", "V1"],
        "ineligible",
        "DATE_BEFORE_2019_ACT",
        "before the 2019 amendments",
    ),
    (
        ["--incident-date", "2025-09-30", "--actor", "criminal_justice", "--violation", "V2"],
        "ineligible",
        "ACTOR_NOT_YET_COVERED",
        "DCJ is covered only from 2025-10-01",
    ),
    (
        ["--incident-date", "2025-11-03", "--actor", "parole_board", "--violation", "V1"],
        "verify",
        "DEFENDANT_STATE_UNKNOWN",
        "the 2025 act names the Board of Pardons and Paroles; the State's suability is unknown",
    ),
    (
        ["--incident-date", "2025-11-03", "--actor", "juvenile_probation", "--violation", "V1"],
        "verify",
        "DEFENDANT_STATE_UNKNOWN",
        "juvenile probation: covered (secondary), answered for by the State",
    ),
    (
        ["--incident-date", "2025-11-03", "--actor", "other", "--violation", "V1"],
        "verify",
        "ACTOR_COVERAGE_UNKNOWN",
        "an unplaced actor is never guessed",
    ),
    (
        ["--incident-date", "2025-11-03", "--actor", "university_police", "--violation", "V1"],
        "verify",
        "DEFENDANT_DEPENDS_ON_EMPLOYER",
        "town or State unit",
    ),
    (
        ["--incident-date", "2025-11-03", "--actor", "corrections", "--violation", "V8"],
        "verify",
        "DEFENDANT_STATE_UNKNOWN",
        "whether the State can be sued is unknown",
    ),
    (
        ["--incident-date", "2025-11-03", "--actor", "municipal_police"],
        "ineligible",
        "NO_VIOLATION",
        "no prohibited act recorded",
    ),
    (
        [
            "--incident-date",
            "2025-11-03",
            "--actor",
            "municipal_police",
            "--violation",
            "V1",
            "--conviction",
            "53a-71",
            "--conviction-class",
            "B",
        ],
        "ineligible",
        "E2_QUALIFYING_CONVICTION",
        "class recorded by the attorney decides",
    ),
    (
        [
            "--incident-date",
            "2025-11-03",
            "--actor",
            "municipal_police",
            "--violation",
            "V1",
            "--conviction",
            "53a-125b",
            "--conviction-class",
            "E",
        ],
        "eligible",
        "E2_NOT_QUALIFYING",
        "recorded class E, not on the 2025 list",
    ),
    (
        [
            "--incident-date",
            "2025-11-03",
            "--actor",
            "municipal_police",
            "--violation",
            "V1",
            "--conviction",
            "53a-101",
            "--conviction-class",
            "C",
        ],
        "verify",
        "E2_CLASS_CONFLICT",
        "a recorded class contradicting a confirmed table class is its own reason",
    ),
    (
        [
            "--incident-date",
            "2025-11-03",
            "--actor",
            "municipal_police",
            "--violation",
            "V1",
            "--conviction",
            "99-999",
        ],
        "verify",
        "E2_CLASS_UNCERTAIN",
        "a section casekit does not know is never decided",
    ),
    (
        [
            "--incident-date",
            "2025-11-03",
            "--actor",
            "municipal_police",
            "--violation",
            "V1",
            "--conviction",
            "53a-71",
            "--conviction",
            "53a-101",
        ],
        "ineligible",
        "E2_QUALIFYING_CONVICTION",
        "one class B conviction is enough",
    ),
    (
        [
            "--incident-date",
            "2025-11-03",
            "--actor",
            "municipal_police",
            "--violation",
            "V1",
            "--violation",
            "V4",
            "--judicial-warrant",
        ],
        "ineligible",
        "V4_ICE_INTERVIEW",
        "a judicial warrant reaches ICE interviews too (Reach table)",
    ),
    (
        [
            "--incident-date",
            "2025-11-03",
            "--actor",
            "municipal_police",
            "--violation",
            "V1",
            "--violation",
            "V7",
            "--judicial-warrant",
        ],
        "eligible",
        "V7_NO_DETAINER_NOTICE",
        "no exception reaches the duty to hand over the detainer",
    ),
    (
        [
            "--incident-date",
            "2025-11-03",
            "--actor",
            "municipal_police",
            "--violation",
            "V3",
            "--judicial-warrant",
        ],
        "verify",
        "E1_JUDICIAL_WARRANT",
        "whether the warrant excuses V3 is unverified",
    ),
    (
        [
            "--incident-date",
            "2025-11-03",
            "--actor",
            "municipal_police",
            "--violation",
            "V2",
            "--tsdb-match",
        ],
        "ineligible",
        "E3_TSDB_MATCH",
        "the database-match exception applies, marked verify",
    ),
    (
        ["--incident-date", "2026-06-01", "--actor", "municipal_police", "--violation", "V1"],
        "eligible",
        "NO_EXCEPTION",
        "today is allowed",
    ),
]


@pytest.mark.parametrize(
    ("args", "expected", "code", "why"), OWN_ROWS, ids=[r[3] for r in OWN_ROWS]
)
def test_own_rows_through_the_cli(args, expected, code, why):
    out = cli_json("screen", *args, "--today", "2026-06-01")
    _check_shape(out)
    assert out["trust_act_action"] == expected, why
    assert code in [r["code"] for r in out["reasons"]], why


def test_other_claims_are_listed():
    out = cli_json(
        "screen",
        "--incident-date",
        "2025-09-30",
        "--actor",
        "municipal_police",
        "--violation",
        "V1",
        "--today",
        "2026-06-01",
    )
    claims = {c["claim"] for c in out["other_claims"]}
    assert {"section_1983", "section_52_571k", "false_imprisonment_7465"} <= claims


def test_every_claim_with_its_deadline_open_or_expired_for_today():
    args = ["screen", "--incident-date", "2025-11-03", "--actor", "municipal_police"]
    args += ["--violation", "V1"]
    early = {c["claim"]: c for c in cli_json(*args, "--today", "2026-06-01")["claims"]}
    late = {c["claim"]: c for c in cli_json(*args, "--today", "2026-11-04")["claims"]}
    assert early["section_52_571k"]["status"] == "available"
    assert late["section_52_571k"]["status"] == "expired"
    (limitation,) = [d for d in late["section_52_571k"]["deadlines"] if d["kind"] == "limitation"]
    assert (limitation["due"], limitation["status"]) == ("2026-11-03", "expired")
    # an expired claim is never offered
    offered = {c["claim"] for c in cli_json(*args, "--today", "2026-11-04")["other_claims"]}
    assert "section_52_571k" not in offered


def test_human_output_shows_claims_deadlines_marshal_and_notice():
    result = cli(
        "screen",
        "--incident-date",
        "2025-11-03",
        "--actor",
        "municipal_police",
        "--violation",
        "V1",
        "--today",
        "2026-06-01",
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "NOTICE: A federal suit challenging the Trust Act" in out
    assert "AVAILABLE     § 1983" in out
    assert "FED_1983_SOL: due 2028-11-03 (Fri), act by 2028-11-03 (Fri) (open)" in out
    assert "Tayco Corp. v. PZC" in out
    assert "law pack 2026-12-03." in out


def test_human_output_shows_decision_reasons_and_verify():
    result = cli(
        "screen", "--incident-date", "2025-11-03", "--actor", "state_police", "--violation", "V1"
    )
    assert result.exit_code == 0, result.stderr
    assert "VERIFY" in result.stdout
    assert "DEFENDANT_STATE_UNKNOWN" in result.stdout
    assert "§ 54-192h" in result.stdout


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (
            ["--incident-date", "2025-11-03", "--actor", "sheriff"],
            ("unknown actor kind 'sheriff'", "municipal_police"),
        ),
        (
            ["--incident-date", "2025-11-03", "--actor", "municipal_police", "--violation", "V9"],
            ("unknown violation code 'V9'", "V1_DETAIN_ON_DETAINER"),
        ),
        (["--incident-date", "2025-02-30", "--actor", "municipal_police"], ("not a real date",)),
        (["--incident-date", "2026-06-02", "--actor", "municipal_police"], ("after today",)),
        (
            [
                "--incident-date",
                "2025-11-03",
                "--actor",
                "municipal_police",
                "--violation",
                "V1",
                "--conviction-class",
                "B",
            ],
            ("1 conviction classes for 0 convictions",),
        ),
        (
            [
                "--incident-date",
                "2025-11-03",
                "--actor",
                "municipal_police",
                "--violation",
                "V1",
                "--conviction",
                "53a-101",
                "--conviction-class",
                "Z",
            ],
            ("unknown felony class 'Z'",),
        ),
        (["--actor", "municipal_police"], ("--incident-date",)),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, fragments):
    assert_one_line_error(cli("screen", *args), *fragments)


def test_screen_works_on_a_fresh_machine_and_creates_nothing(casekit_home):
    cli_json("screen", "--incident-date", "2025-11-03", "--actor", "municipal_police")
    assert not casekit_home.exists()
