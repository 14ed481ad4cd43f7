"""``casekit timekeeper|rate|time|cost|fees|resolution`` and ``casekit report fees``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.cli.commands.conftest import ok_json, one_line_error

Cli = Callable[..., Any]


@pytest.fixture
def matter(cli: Cli) -> str:
    for key, value in (
        ("firm.name", "Elm City Legal Aid"),
        ("firm.address", "1 Church St, New Haven, CT 06510"),
        ("firm.juris_number", "101234"),
    ):
        assert cli("settings", "set", key, value).exit_code == 0
    ok_json(cli("attorney", "add", "--name", "Dana Okafor", "--juris", "412345", "--json"))
    ok_json(cli("timekeeper", "add", "--name", "Nguyễn Văn An", "--role", "paralegal", "--json"))
    for who, rate, day in (
        ("Dana Okafor", "350", "2025-01-01"),
        ("Dana Okafor", "375", "2026-01-01"),
        ("Nguyễn Văn An", "125", "2025-01-01"),
    ):
        ok_json(cli("rate", "add", who, "--rate", rate, "--from", day,
                    "--source", "Affidavit ¶ 4", "--json"))  # fmt: skip
    client = ok_json(cli("client", "add", "--name", "Juana Nadie", "--json"))
    opened = ok_json(
        cli("matter", "add", "--client", str(client["id"]), "--incident-date", "2025-11-03",
            "--town", "Danbury", "--agency", "Danbury Police Department", "--violation", "V1",
            "--attorney", "Dana Okafor", "--json")
    )  # fmt: skip
    return str(opened["number"])


def test_record_time_and_report_it(cli: Cli, matter: str, tmp_path: Path) -> None:
    first = ok_json(
        cli("time", "add", matter, "-t", "Dana Okafor", "--hours", "1.5", "--category",
            "pleadings", "-d", "Draft the complaint (§ 54-192h)", "--date", "2025-12-30",
            "--json")
    )  # fmt: skip
    assert (first["hours"], first["rate"], first["value"]) == ("1.5", "350.00", "525.00")
    ok_json(cli("time", "add", matter, "-t", "Nguyễn Văn An", "--hours", "0:45", "--category",
                "foi", "-d", "Call the records clerk", "--date", "2026-01-02", "--no-charge",
                "--json"))  # fmt: skip
    listed = cli("time", "list", matter)
    assert listed.exit_code == 0 and "no-charge" in listed.stdout and "$525.00" in listed.stdout
    report = ok_json(cli("report", "fees", matter, "--json"))
    assert report["totals"]["lodestar"] == "525.00"
    assert report["totals"]["excluded_hours"] == "0.8"

    out = tmp_path / "fees.csv"
    result = cli("report", "fees", matter, "--format", "csv", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "Nguyễn" in data.decode("utf-8-sig")
    assert "§ 54-192h" in data.decode("utf-8-sig")
    printed = cli("report", "fees", matter, "--format", "csv")
    assert printed.stdout.startswith("record,id,date")  # no byte-order mark on a terminal

    md = cli("report", "fees", matter, "--format", "md").stdout
    assert "| **Total** |" in md and "Draft: not an issued fee petition" in md
    one_line_error(cli("report", "fees", matter, "--format", "docx"))
    exhibit = tmp_path / "exhibit.docx"
    assert cli("report", "fees", matter, "--format", "docx", "-o", str(exhibit)).exit_code == 0
    assert "Declaration of Dana Okafor" in "\n".join(
        p.text for p in Document(str(exhibit)).paragraphs
    )
    table = cli("report", "fees", matter)
    assert table.exit_code == 0 and "$525.00" in table.stdout and "draft" in table.stdout


def test_petition_locks_and_corrections(cli: Cli, matter: str) -> None:
    entry = ok_json(
        cli("time", "add", matter, "-t", "Dana Okafor", "--hours", "2", "--category", "motions",
            "-d", "Motion to compel", "--date", "2026-02-02", "--json")
    )  # fmt: skip
    petition = ok_json(cli("fees", "petition", matter, "--through", "2026-03-01", "--json"))
    assert (petition["number"], petition["lodestar"], petition["entries"]) == (1, "750.00", 1)
    assert Path(petition["path"]).is_file()
    error = one_line_error(cli("time", "edit", str(entry["id"]), "--hours", "1"))
    assert "locked" in error and f"casekit time correct {entry['id']}" in error
    one_line_error(cli("time", "remove", str(entry["id"])))
    fixed = ok_json(cli("time", "correct", str(entry["id"]), "--hours", "1.5", "--reason",
                        "Double-counted the drafting", "--json"))  # fmt: skip
    assert [e["hours"] for e in fixed] == ["-2.0", "1.5"]
    listed = ok_json(cli("fees", "list", matter, "--json"))
    assert [p["number"] for p in listed] == [1]
    again = ok_json(cli("report", "fees", matter, "--petition", "1", "--json"))
    assert again["totals"]["lodestar"] == "750.00" and again["petition"]["number"] == 1
    one_line_error(cli("report", "fees", matter, "--petition", "1", "--through", "2026-03-01"))
    one_line_error(cli("fees", "petition", matter, "--through", "2030-01-01"))


def test_costs_with_a_receipt(cli: Cli, matter: str, tmp_path: Path) -> None:
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(b"%PDF-1.4 entry fee")
    cost = ok_json(
        cli("cost", "add", matter, "--kind", "filing-fee", "--amount", "360", "-d", "Entry fee",
            "--date", "2026-01-05", "--receipt", str(receipt), "--json")
    )  # fmt: skip
    assert cost["amount"] == "360.00" and len(cost["receipt_sha256"]) == 64
    evidence = ok_json(cli("evidence", "list", matter, "--json"))
    assert [e["kind"] for e in evidence] == ["receipt"]
    error = one_line_error(
        cli("cost", "add", matter, "--kind", "filing_fee", "--amount", "1", "-d", "x",
            "--receipt", str(tmp_path / "missing.pdf"))
    )  # fmt: skip
    assert str(tmp_path) not in error  # a path can carry a client's name
    one_line_error(cli("cost", "add", matter, "--kind", "bribe", "--amount", "1", "-d", "x"))
    one_line_error(cli("cost", "add", matter, "--kind", "other", "--amount", "1.001", "-d", "x"))
    assert len(ok_json(cli("cost", "list", matter, "--json"))) == 1
    edited = ok_json(cli("cost", "edit", str(cost["id"]), "--amount", "350", "--json"))
    assert edited["amount"] == "350.00"
    assert cli("cost", "remove", str(cost["id"])).exit_code == 0


def test_timer_from_the_command_line(cli: Cli, matter: str) -> None:
    started = ok_json(cli("time", "timer", "start", matter, "-t", "Dana Okafor", "--json"))
    status = ok_json(cli("time", "timer", "status", "--json"))
    assert [t["id"] for t in status] == [started["id"]]
    one_line_error(cli("time", "timer", "start", matter, "-t", "Dana Okafor"))
    stopped = ok_json(cli("time", "timer", "stop", str(started["id"]), "--category", "trial",
                          "-d", "Prepare exhibits", "--json"))  # fmt: skip
    assert stopped["hours"] == "0.1" and stopped["source"] == "timer"
    assert "no timer is running" in cli("time", "timer", "status").stdout


def test_resolution_log_and_closing(cli: Cli, matter: str) -> None:
    offer = ok_json(
        cli("resolution", "add", matter, "--kind", "offer", "--amount", "15000",
            "--injunctive", "Adopt a Trust Act policy", "--expires", "2026-03-30", "--json")
    )  # fmt: skip
    assert (offer["side"], offer["status"]) == ("defendant", "open")
    updated = ok_json(cli("resolution", "update", str(offer["id"]), "--status", "rejected",
                          "--json"))  # fmt: skip
    assert updated["status"] == "rejected"
    judgment = cli("resolution", "add", matter, "--kind", "judgment", "--side", "plaintiff",
                   "--court", "state", "--date", "2026-03-02")  # fmt: skip
    assert judgment.exit_code == 0, judgment.stderr
    assert "CT_FEE_MOTION" in judgment.stdout and "deadlines recompute" in judgment.stdout
    one_line_error(cli("resolution", "add", matter, "--kind", "judgment", "--court", "state"))
    listed = ok_json(cli("resolution", "list", matter, "--json"))
    assert [e["kind"] for e in listed] == ["judgment", "offer"]  # by date
    closed = ok_json(cli("resolution", "close", matter, "--outcome", "judgment", "--json"))
    assert (closed["status"], closed["outcome"]) == ("closed", "judgment")
    caseload = ok_json(cli("report", "caseload", "--json"))
    assert caseload["by_outcome"]["judgment"] == 1
    agencies = ok_json(cli("report", "agencies", "--json"))
    assert agencies["outcomes"] == [
        {"agency": "Danbury Police Department", "outcome": "judgment", "count": "<3"}
    ]
    csv = cli("report", "agencies", "--format", "csv", "--table", "outcomes")
    assert csv.stdout.lstrip("\ufeff").splitlines()[0] == "agency,outcome,matters"


@pytest.mark.parametrize(
    "args",
    [
        (
            "time",
            "add",
            "TA-1999-0001",
            "-t",
            "x",
            "--hours",
            "1",
            "--category",
            "trial",
            "-d",
            "x",
        ),  # fmt: skip
        ("time", "edit", "999"),
        ("rate", "add", "Nobody", "--rate", "1", "--from", "2025-01-01", "--source", "x"),
        ("rate", "add", "Dana Okafor", "--rate", "abc", "--from", "2025-01-01", "--source", "x"),
        ("timekeeper", "add", "--name", "X", "--role", "janitor"),
        ("resolution", "close", "TA-1999-0001", "--outcome", "settlement"),
        ("time", "timer", "stop", "999", "--category", "trial", "-d", "x"),
    ],
)
def test_bad_input_is_one_line(cli: Cli, matter: str, args: tuple[str, ...]) -> None:
    del matter
    one_line_error(cli(*args))


def test_lists_are_empty_politely(cli: Cli, matter: str) -> None:
    assert "no time entries" in cli("time", "list", matter).stdout
    assert "no costs" in cli("cost", "list", matter).stdout
    assert "no fee petition issued yet" in cli("fees", "list", matter).stdout
    assert json.loads(cli("timekeeper", "list", "--json").stdout)[0]["role"] == "attorney"
