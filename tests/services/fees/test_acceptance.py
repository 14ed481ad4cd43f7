"""Issue 18's acceptance case, on SQLite and PostgreSQL.

A scripted matter: 40 time entries by three timekeepers, each with two rates over time, six
costs (two with receipts in the evidence vault) and an offer. The fee report's totals are checked
against numbers worked out by hand below; the Word exhibit reads back with python-docx; the CSV
opens in Excel's encoding; issuing a petition locks its records in the database itself.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from casekit.errors import InvalidInput
from tests.services.fees.conftest import ANA, BEN, LAN, Office

# (entry, day, timekeeper, hours, task, claim, exclusion). Rates (conftest): Ana $300, then $340
# from 2026-01-01; Ben $250, then $333.33 from 2026-03-01; Lan $110, then $125 from 2026-01-01.
ENTRIES = [
    (1, "2025-11-01", ANA, "0.1", "investigation", "", ""),
    (2, "2025-11-08", BEN, "0.3", "foi", "section_1983", ""),
    (3, "2025-11-15", LAN, "0.5", "pleadings", "trust_act", ""),
    (4, "2025-12-22", ANA, "1.2", "discovery", "", ""),
    (5, "2025-12-01", BEN, "0.7", "motions", "", ""),
    (6, "2026-01-08", LAN, "0.2", "trial", "section_1983", "no-charge"),
    (7, "2026-01-15", ANA, "2.5", "fee_petition", "trust_act", ""),
    (8, "2026-01-22", BEN, "0.4", "investigation", "", ""),
    (9, "2026-02-01", LAN, "0.9", "foi", "", ""),
    (10, "2026-02-08", ANA, "0.6", "pleadings", "section_1983", ""),
    (11, "2026-03-15", BEN, "0.1", "discovery", "trust_act", ""),
    (12, "2026-03-22", LAN, "0.3", "motions", "", "unrelated"),
    (13, "2026-03-01", ANA, "0.5", "trial", "", ""),
    (14, "2026-04-08", BEN, "1.2", "fee_petition", "section_1983", ""),
    (15, "2026-04-15", LAN, "0.7", "investigation", "trust_act", ""),
    (16, "2026-05-22", ANA, "0.2", "foi", "", ""),
    (17, "2026-05-01", BEN, "2.5", "pleadings", "", ""),
    (18, "2026-05-08", LAN, "0.4", "discovery", "section_1983", "no-charge"),
    (19, "2026-06-15", ANA, "0.9", "motions", "trust_act", ""),
    (20, "2026-06-22", BEN, "0.6", "trial", "", ""),
    (21, "2026-07-01", LAN, "0.1", "fee_petition", "", ""),
    (22, "2026-07-08", ANA, "0.3", "investigation", "section_1983", ""),
    (23, "2026-07-15", BEN, "0.5", "foi", "trust_act", ""),
    (24, "2026-08-22", LAN, "1.2", "pleadings", "", "unrelated"),
    (25, "2026-08-01", ANA, "0.7", "discovery", "", ""),
    (26, "2026-09-08", BEN, "0.2", "motions", "section_1983", ""),
    (27, "2026-09-15", LAN, "2.5", "trial", "trust_act", ""),
    (28, "2026-09-22", ANA, "0.4", "fee_petition", "", ""),
    (29, "2026-10-01", BEN, "0.9", "investigation", "", ""),
    (30, "2026-10-08", LAN, "0.6", "foi", "section_1983", "no-charge"),
    (31, "2026-11-15", ANA, "0.1", "pleadings", "trust_act", ""),
    (32, "2026-11-22", BEN, "0.3", "discovery", "", ""),
    (33, "2026-11-01", LAN, "0.5", "motions", "", ""),
    (34, "2026-12-08", ANA, "1.2", "trial", "section_1983", ""),
    (35, "2026-12-15", BEN, "0.7", "fee_petition", "trust_act", ""),
    (36, "2027-01-22", LAN, "0.2", "investigation", "", ""),
    (37, "2027-01-01", ANA, "2.5", "foi", "", ""),
    (38, "2027-01-08", BEN, "0.4", "pleadings", "section_1983", ""),
    (39, "2027-02-15", LAN, "0.9", "discovery", "trust_act", ""),
    (40, "2027-02-22", ANA, "0.6", "motions", "", ""),
]
THROUGH = date(2027, 2, 28)

# Worked out by hand, entry by entry (each rounded half up to the cent, then added):
# Ana (14 entries, 11.8 h): 0.1 and 1.2 h at $300 = $30 + $360; the other 10.5 h at $340 =
#   $850 + $204 + $170 + $68 + $306 + $102 + $238 + $136 + $34 + $408 + $850 + $204 = $3,570.
#   Total $3,960.00.
# Ben (13 entries, 8.8 h): 0.3, 0.7, 0.4 h at $250 = $75 + $175 + $100 = $350.00; then at $333.33:
#   0.1 → $33.333 → $33.33; 1.2 → $399.996 → $400.00; 2.5 → $833.325 → $833.33;
#   0.6 → $199.998 → $200.00; 0.5 → $166.665 → $166.67; 0.2 → $66.666 → $66.67;
#   0.9 → $299.997 → $300.00; 0.3 → $99.999 → $100.00; 0.7 → $233.331 → $233.33;
#   0.4 → $133.332 → $133.33: $2,466.66. Total $2,816.66.
# Lan (8 claimed entries, 6.3 h): 0.5 h at $110 = $55.00; 5.8 h at $125 = $725.00. Total $780.00.
#   Excluded: 0.2 + 0.4 + 0.6 no-charge and 0.3 + 1.2 unrelated = 2.7 h at $125 = $337.50.
# Lodestar: 26.9 h, $3,960.00 + $2,816.66 + $780.00 = $7,556.66.
BY_TIMEKEEPER = [
    (ANA, "attorney", 118, 396000, (30000, 34000), 0),
    (BEN, "attorney", 88, 281666, (25000, 33333), 0),
    (LAN, "paralegal", 63, 78000, (11000, 12500), 27),
]
# The same entries by task (independently summed with exact fractions, rounded per entry).
BY_TASK = [
    ("investigation", 26, 64450),
    ("foi", 44, 127217),
    ("pleadings", 41, 125966),
    ("discovery", 32, 84383),
    ("motions", 29, 81417),
    ("trial", 48, 109050),
    ("fee_petition", 49, 163183),
]
# (kind, dollars, description, receipt file, claimed)
COSTS = [
    ("filing_fee", "360.00", "Entry fee, Superior Court (§ 52-259)", "entry-fee.pdf", True),
    ("marshal_fee", "87.40", "State marshal: service on the town clerk", None, True),
    ("transcript", "412.25", "Deposition transcript, Sgt. Rossi", "transcript.pdf", True),
    ("expert", "1500.00", "Expert report on ICE detainer practice", None, True),
    ("foi_copy_fee", "12.50", "25 pages at $0.50 (§ 1-212)", None, True),
    ("other", "20.00", "Parking at the courthouse", None, False),
]
COSTS_CLAIMED = 237215  # 360.00 + 87.40 + 412.25 + 1,500.00 + 12.50
GRAND_TOTAL = 755666 + COSTS_CLAIMED  # $9,928.81


def _script(office: Office, tmp_path: Path) -> dict[int, int]:
    """Record the entries, costs and offer through the services; entry number → id."""
    from casekit.services import fees
    from casekit.services.deadlines import resolution
    from casekit.services.fees import costs

    ids = {}
    for n, day, who, hours, task, claim, flag in ENTRIES:
        entry = fees.add_time_entry(
            office.svc,
            office.matter,
            timekeeper=who,
            hours=hours,
            category=task,
            description=f"Entry {n}: research § 54-192h(f) remedies" if n == 7 else f"Entry {n}",
            worked_on=date.fromisoformat(day),
            claim=claim,
            billable=flag != "no-charge",
            unrelated=flag == "unrelated",
        )
        ids[n] = entry.id
    for n, (kind, amount, description, receipt, claimed) in enumerate(COSTS, start=1):
        path = None
        if receipt:
            path = tmp_path / receipt
            path.write_bytes(f"receipt {n} for {kind}".encode())
        costs.add_cost(
            office.svc,
            office.matter,
            kind=kind,
            amount=amount,
            description=description,
            incurred_on=date(2026, n, 10),
            billable=claimed,
            receipt=path,
        )
    resolution.add_resolution(
        office.svc,
        office.matter,
        kind="offer",
        dated=date(2027, 3, 1),
        amount="15000",
        terms="Payment within 30 days; fees to be decided by the court",
        injunctive_terms="Adopt a written Trust Act policy and train every officer",
        expires_on=date(2027, 3, 20),
    )
    return ids


def test_fee_report_totals_match_the_hand_computation(office: Office, tmp_path: Path) -> None:
    from casekit.services.fees import fee_report

    _script(office, tmp_path)
    report = fee_report(office.svc, office.matter, through=THROUGH)
    s = report.summary
    assert [
        (t.name, t.role, t.tenths, t.value_cents, t.rates, t.excluded_tenths)
        for t in s.by_timekeeper
    ] == BY_TIMEKEEPER
    assert [(c.category, c.tenths, c.value_cents) for c in s.by_category] == BY_TASK
    assert (s.hours_tenths, s.lodestar_cents) == (269, 755666)
    assert (s.excluded_tenths, s.excluded_value_cents) == (27, 33750)
    assert sorted(line.entry.exclusion for line in s.excluded) == [
        "no-charge", "no-charge", "no-charge", "unrelated", "unrelated",
    ]  # fmt: skip
    assert s.costs_cents == COSTS_CLAIMED
    assert [c.description for c in s.costs_excluded] == ["Parking at the courthouse"]
    assert s.total_cents == GRAND_TOTAL == 992881
    assert len(s.lines) == 35 and s.missing_rates == ()
    receipts = [c.receipt_sha256 for c in s.costs if c.receipt_sha256]
    assert len(receipts) == 2 and all(len(r) == 64 for r in receipts)
    as_json = report.to_dict()["totals"]
    assert as_json == {
        "hours": "26.9",
        "lodestar": "7556.66",
        "excluded_hours": "2.7",
        "excluded_value": "337.50",
        "costs": "2372.15",
        "total": "9928.81",
    }


def test_receipts_are_evidence_items_in_the_vault(office: Office, tmp_path: Path) -> None:
    from casekit.services import evidence

    _script(office, tmp_path)
    items = evidence.list_evidence(office.svc, office.matter)
    receipts = [i for i in items if i.kind == "receipt"]
    assert [r.original_name for r in receipts] == ["entry-fee.pdf", "transcript.pdf"]
    assert all(v.ok for v in evidence.verify_evidence(office.svc, office.matter))
    stored = office.svc.settings.evidence_dir / receipts[0].sha256[:2] / receipts[0].sha256
    assert stored.read_bytes() == b"receipt 1 for filing_fee"


def test_word_exhibit_reads_back(office: Office, tmp_path: Path) -> None:
    from casekit.services.fees import fee_report, fees_docx

    _script(office, tmp_path)
    report = fee_report(office.svc, office.matter, through=THROUGH)
    path = fees_docx(office.svc, report, tmp_path / "out" / "exhibit.docx")
    assert path.stat().st_mode & 0o777 == 0o600
    doc = Document(str(path))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    by_person, by_task, entries, excluded, costs, totals = tables
    assert by_person[0] == ["Timekeeper", "Role", "Hours", "Rate(s)", "Lodestar", "Hours excluded"]
    assert by_person[1:] == [
        [ANA, "Attorney", "11.8", "$300.00; $340.00", "$3,960.00", "0.0"],
        [BEN, "Attorney", "8.8", "$250.00; $333.33", "$2,816.66", "0.0"],
        [LAN, "Paralegal", "6.3", "$110.00; $125.00", "$780.00", "2.7"],
        ["Total", "", "26.9", "", "$7,556.66", "2.7"],
    ]
    assert by_task[-1] == ["Total", "26.9", "$7,556.66"]
    # The entries table: a header row repeated on every page, 35 claimed entries, a totals row.
    assert len(entries) == 1 + 35 + 1
    header = doc.tables[2].rows[0]._tr
    assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None
    assert entries[1] == [
        "2025-11-01",
        ANA,
        "Investigation",
        "All claims",
        "Entry 1",
        "0.1",
        "$300.00",
        "$30.00",
    ]
    # the craft pass holds "§ 54-192h(f)" together with a no-break space
    assert any("§\u00a054-192h(f)" in row[4] for row in entries)
    assert entries[-1][4:] == ["Total", "26.9", "", "$7,556.66"]
    assert len(excluded) == 1 + 5 + 1 and excluded[-1][-2:] == ["2.7", "$337.50"]
    assert [row[1] for row in costs[1:-1]] == [
        "Filing fee", "Marshal's fee", "Transcript", "Expert", "FOI copy fee"
    ]  # fmt: skip
    assert costs[-1][-1] == "$2,372.15"
    assert totals == [
        ["Attorney’s fees (lodestar)", "$7,556.66"],
        ["Costs", "$2,372.15"],
        ["Total requested", "$9,928.81"],
    ]
    body = "\n".join(p.text for p in doc.paragraphs)
    assert body.startswith("Draft: Time and expense records")
    assert "María José Núñez v. " in body
    assert f"Declaration of {ANA}" in body and "Juris No. 411111, Smith & Jones <LLP>" in body
    assert "The plaintiff requests $9,928.81: $7,556.66 in attorney’s fees" in body
    assert "2.7 hours (valued at $337.50)" in body
    assert "Award in Doe v. Town (D. Conn.)" in body  # a rate's source
    assert "{{" not in body and "{%" not in body


def test_csv_opens_in_excel_encoding(office: Office, tmp_path: Path) -> None:
    from casekit.services.fees import fee_report, fees_csv

    _script(office, tmp_path)
    data = fees_csv(fee_report(office.svc, office.matter, through=THROUGH))
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel looks for
    decoded = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(decoded)))
    assert len(rows) == 40 + len(COSTS)
    lan = [r for r in rows if r["timekeeper"] == LAN]
    assert len(lan) == 13 and "Nguyễn" in decoded
    research = next(r for r in rows if r["record"] == "time" and r["id"] == str(rows[6]["id"]))
    assert research["description"] == "Entry 7: research § 54-192h(f) remedies"
    claimed = [r for r in rows if r["record"] == "time" and r["status"] == "claimed"]
    assert sum(round(float(r["amount"]) * 100) for r in claimed) == 755666
    costs = [r for r in rows if r["record"] == "cost" and r["status"] == "claimed"]
    assert sum(round(float(r["amount"]) * 100) for r in costs) == COSTS_CLAIMED
    assert "§ 52-259" in next(r["description"] for r in rows if r["task_or_kind"] == "filing_fee")


def _plain_sql(svc: Any, statement: str) -> None:
    with svc.engine.begin() as conn:
        conn.execute(text(statement))


def test_petition_locks_its_records_in_the_database(office: Office, tmp_path: Path) -> None:
    from casekit.services import fees
    from casekit.services.fees import (
        edit_cost,
        fee_report,
        issue_petition,
        list_costs,
        list_petitions,
    )

    ids = _script(office, tmp_path)
    late = fees.add_time_entry(
        office.svc, office.matter, timekeeper=BEN, hours="0.5", category="fee_petition",
        description="Prepare the fee motion", worked_on=date(2027, 3, 10),
    )  # fmt: skip
    petition = issue_petition(office.svc, office.matter, through=THROUGH)
    assert (petition.number, petition.entries, petition.costs) == (1, 40, 6)
    assert (petition.hours_tenths, petition.lodestar_cents) == (269, 755666)
    assert petition.costs_cents == COSTS_CLAIMED
    assert Path(petition.path).name == "2027-03-15-fee-petition-1.docx"
    assert Path(petition.path).is_file() and len(petition.sha256) == 64
    assert [p.number for p in list_petitions(office.svc, office.matter)] == [1]

    # Through casekit: refused with what to do instead.
    with pytest.raises(InvalidInput, match="locked: record a correction"):
        fees.edit_time_entry(office.svc, ids[4], hours="1.0")
    with pytest.raises(InvalidInput, match="locked"):
        fees.remove_time_entry(office.svc, ids[4])
    cost_id = list_costs(office.svc, office.matter)[0].id
    with pytest.raises(InvalidInput, match="locked"):
        edit_cost(office.svc, cost_id, amount="1.00")
    # Through plain SQL: the database itself refuses, on SQLite and on PostgreSQL.
    for statement in (
        f"UPDATE timeentry SET tenths = 1 WHERE id = {ids[4]}",
        f"UPDATE timeentry SET description = 'changed' WHERE id = {ids[6]}",
        f"DELETE FROM timeentry WHERE id = {ids[40]}",
        f"UPDATE cost SET cents = 1 WHERE id = {cost_id}",
        f"DELETE FROM cost WHERE id = {cost_id}",
        "DELETE FROM feepetitionitem",
        "UPDATE feepetitionitem SET value_cents = 0",
        "UPDATE feepetition SET lodestar_cents = 0",
        "DELETE FROM feepetition",
    ):
        with pytest.raises(DBAPIError, match="casekit: "):
            _plain_sql(office.svc, statement)
    # The entry after --through is not locked.
    fees.edit_time_entry(office.svc, late.id, hours="0.6")
    fees.remove_time_entry(office.svc, late.id)

    # A correction is two new, visible entries; the original is untouched.
    made = fees.correct_time_entry(office.svc, ids[4], hours="1.0", reason="Block-billed call")
    assert [(e.tenths, e.corrects_id) for e in made] == [(-12, ids[4]), (10, ids[4])]
    with pytest.raises(DBAPIError, match="casekit: "):
        _plain_sql(office.svc, f"UPDATE timeentry SET tenths = -1 WHERE id = {made[0].id}")
    with pytest.raises(InvalidInput, match="corrected already"):
        fees.correct_time_entry(office.svc, ids[4], hours="0.9", reason="again")
    with pytest.raises(InvalidInput, match="reversal"):
        fees.remove_time_entry(office.svc, made[0].id)
    draft = fee_report(office.svc, office.matter, through=THROUGH).summary
    assert draft.lodestar_cents == 755666 - 36000 + 30000  # 1.2 h → 1.0 h at $300
    listed = {e.id: e for e in fees.list_time_entries(office.svc, office.matter)}
    assert listed[ids[4]].tenths == 12 and listed[ids[4]].petitions == (1,)

    # A later rate change moves the draft, never the issued petition.
    fees.add_rate(office.svc, ANA, cents_per_hour=50000, effective_from=date(2026, 12, 1),
                  source="New affidavit")  # fmt: skip
    assert fee_report(office.svc, office.matter, through=THROUGH).summary.lodestar_cents != (
        draft.lodestar_cents
    )
    again = fee_report(office.svc, office.matter, petition=1)
    assert (again.summary.lodestar_cents, again.summary.costs_cents) == (755666, COSTS_CLAIMED)
    assert again.petition is not None and again.petition.number == 1


def test_a_petition_is_one_transaction(office: Office, tmp_path: Path) -> None:
    from casekit.services.fees import issue_petition, list_petitions

    _script(office, tmp_path)
    (office.svc.settings.templates_dir).mkdir(parents=True, exist_ok=True)
    (office.svc.settings.templates_dir / "report-fees.docx").write_bytes(b"not a docx")
    with pytest.raises(Exception):  # noqa: B017 - any failure: the point is what is left
        issue_petition(office.svc, office.matter, through=THROUGH)
    assert list_petitions(office.svc, office.matter) == []
    folder = office.svc.settings.documents_dir / office.matter
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_second_identical_petition_is_refused(office: Office, tmp_path: Path) -> None:
    from casekit.services.fees import issue_petition

    _script(office, tmp_path)
    issue_petition(office.svc, office.matter, through=THROUGH)
    with pytest.raises(InvalidInput, match="already claims exactly these records"):
        issue_petition(office.svc, office.matter, through=THROUGH)
    second = issue_petition(office.svc, office.matter, through=date(2027, 3, 15))
    assert second.number == 2


def test_entries_are_audited(office: Office, tmp_path: Path) -> None:
    from sqlalchemy import select

    from casekit.services import fees
    from casekit.store.models import AuditEvent

    entry = fees.add_time_entry(
        office.svc, office.matter, timekeeper=ANA, hours="1.0", category="trial",
        description="Trial preparation",
    )  # fmt: skip
    fees.edit_time_entry(office.svc, entry.id, hours="1.5")
    fees.remove_time_entry(office.svc, entry.id)
    with office.svc.transaction() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "timeentry", AuditEvent.entity_id == entry.id)
            .order_by(AuditEvent.id)  # type: ignore[arg-type]
        ).all()
        assert [e.action for e in events] == ["create", "update", "delete"]
        assert events[1].changes["tenths"] == {"before": 10, "after": 15}
        assert all(e.actor == "tester" and e.matter_id is not None for e in events)


def test_an_edit_in_flight_is_in_the_petition_or_refused(office: Office, tmp_path: Path) -> None:
    """No edit can slip in between the petition's read and its lock (PostgreSQL row locks).

    An editor's uncommitted change holds the entry's row lock; the petition waits for it, then
    claims the committed value; after that the same edit is refused. SQLite needs no test of
    its own: it has one writer, and the petition takes the write lock before reading.
    """
    import threading
    import time

    from casekit.services.fees import issue_petition

    if office.svc.engine.dialect.name != "postgresql":
        pytest.skip("row-lock race: PostgreSQL only (SQLite has a single writer)")
    ids = _script(office, tmp_path)
    editor = office.svc.engine.connect()
    edit = editor.begin()
    editor.execute(text(f"UPDATE timeentry SET tenths = 20 WHERE id = {ids[1]}"))  # 0.1 → 2.0 h
    issued: list[Any] = []
    worker = threading.Thread(
        target=lambda: issued.append(issue_petition(office.svc, office.matter, through=THROUGH))
    )
    worker.start()
    with office.svc.engine.connect() as watcher:
        for _ in range(600):  # until the petition waits on the editor's row lock (≤ 60 s)
            waiting = watcher.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
            ).scalar()
            if waiting:
                break
            # pg_stat_activity is read once per transaction (stats_fetch_consistency): end it,
            # or every later poll sees the first answer again.
            watcher.rollback()
            time.sleep(0.1)
        else:
            pytest.fail("the petition never waited for the editor's lock")
    edit.commit()
    editor.close()
    worker.join(timeout=60)
    [petition] = issued
    assert petition.lodestar_cents == 755666 - 3000 + 60000  # the committed 2.0 h at $300
    with pytest.raises(DBAPIError, match="casekit: "):
        _plain_sql(office.svc, f"UPDATE timeentry SET tenths = 30 WHERE id = {ids[1]}")
