"""The documents service as the TUI calls it: generate, preview, batches, lists, failures."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from docgen.helpers import read_back

from casekit.errors import ConfigurationError, InvalidInput, NotFound
from casekit.services import documents
from casekit.services.documents import writing

from .conftest import HOSTILE_NAME, document_rows, files_under


def open_matter(svc: Any, name: str = HOSTILE_NAME, language: str = "es", **extra: Any) -> Any:
    from casekit.services.clients import add_client
    from casekit.services.matters import add_matter

    client = add_client(svc, name=name, language=language, **extra)
    return add_matter(
        svc,
        client=str(client.id),
        incident_date="2025-11-03",
        incident_time="14:15",
        town="Danbury",
        agency="Danbury Police Department",
        violations=["V1", "V2"],
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- generate ---------------------------------------------------------------------------------


def test_generate_by_matter_id_as_the_tui_does(firm: Any) -> None:
    matter = open_matter(firm)
    result = documents.generate(firm, "client-letter", matter.id)
    assert result.matter == matter.number
    assert result.language == "es"
    assert result.sha256 == sha256(result.path)
    assert result.pdf_path is None
    assert result.to_dict() == {
        "path": str(result.path),
        "sha256": result.sha256,
        "document_id": result.document_id,
        "template": "client-letter",
        "language": "es",
        "matter": matter.number,
        "check": [],  # the document linter found nothing
    }
    [row] = document_rows(firm)
    assert (row.id, row.language, row.generated_by) == (result.document_id, "es", "tester")


def test_render_failure_records_nothing(
    firm: Any, documents_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    matter = open_matter(firm)

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise InvalidInput("template demand-letter uses a value the document context lacks")

    monkeypatch.setattr("casekit.docgen.render.render_document", broken)
    with pytest.raises(InvalidInput):
        documents.generate(firm, "demand-letter", matter.number)
    assert document_rows(firm) == []
    assert files_under(documents_dir) == []


def test_database_failure_removes_the_file(
    firm: Any, documents_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Document row names a matter that does not exist: the insert fails, the file goes."""
    matter = open_matter(firm)
    real = writing.record_in

    def orphan(session: Any, svc: Any, row: Any, job: Any, rendered: Any) -> Any:
        assert rendered.path.is_file()  # the file was written before the row
        session.expunge(row)
        return real(session, svc, replace_id(row, 987654), job, rendered)

    monkeypatch.setattr(writing, "record_in", orphan)
    with pytest.raises(InvalidInput, match="nothing was saved"):
        documents.generate(firm, "demand-letter", matter.number)
    assert document_rows(firm) == []
    assert files_under(documents_dir) == []


def replace_id(row: Any, new_id: int) -> Any:
    from casekit.store.models import Matter

    return Matter(id=new_id, number=row.number, client_id=row.client_id, opened_on=row.opened_on)


def test_failure_after_the_row_removes_the_file_and_the_row(
    firm: Any, documents_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    matter = open_matter(firm)

    def no_request(*_args: Any, **_kwargs: Any) -> Any:
        raise NotFound("no agency 'Danbury Police Department'")

    monkeypatch.setattr("casekit.services.records.create_records_request_in", no_request)
    with pytest.raises(NotFound):
        documents.generate(firm, "foi-request", matter.number)
    assert document_rows(firm) == []
    assert files_under(documents_dir) == []


def test_pdf_failure_keeps_the_recorded_docx(firm: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    matter = open_matter(firm)
    monkeypatch.setattr(shutil, "which", lambda *_a, **_k: None)
    with pytest.raises(documents.PdfNotWritten) as caught:
        documents.generate(firm, "notice-7-465", matter.number, pdf=True)
    assert isinstance(caught.value, ConfigurationError)
    written = caught.value.document
    assert written is not None and written.path.is_file()
    assert str(written.path) in caught.value.message
    assert [r.id for r in document_rows(firm)] == [written.document_id]


# --- computed dates and settings ----------------------------------------------------------------


def test_computed_dates(firm: Any) -> None:
    matter = open_matter(firm)
    values = documents.preview(firm, "complaint", matter.number)
    assert values["return_date"] == "2026-01-20"  # latest Tuesday ≤ 2025-11-20 + 2 months
    assert values["court.district"] == "Danbury"
    letter = documents.preview(firm, "demand-letter", matter.number)
    assert letter["response_date"] == "2025-12-22"  # +30 = Sat 2025-12-20 → Mon 2025-12-22
    notice = documents.preview(firm, "notice-7-465", matter.number)
    # § 7-465(a): six months from 2025-11-03, stated by the pleading plan
    assert notice["notice.period"].endswith("The six-month period ends on May 3, 2026.")


def test_response_days_setting(firm: Any) -> None:
    from casekit.store import repo

    matter = open_matter(firm)
    with firm.transaction() as session:
        repo.put_setting(session=session, key=documents.RESPONSE_DAYS_KEY, value="10")
    values = documents.preview(firm, "demand-letter", matter.number)
    assert values["response_date"] == "2025-12-01"  # +10 = Sun 2025-11-30 → Mon 2025-12-01

    with firm.transaction() as session:
        repo.put_setting(session=session, key=documents.RESPONSE_DAYS_KEY, value="soon")
    with pytest.raises(ConfigurationError, match="documents.response_days"):
        documents.preview(firm, "demand-letter", matter.number)


@pytest.mark.parametrize("value", ["0", "366", "-3", "ten", ""])
def test_parse_response_days_refuses(value: str) -> None:
    with pytest.raises(InvalidInput, match="documents.response_days"):
        documents.parse_response_days(value)


def test_parse_response_days_accepts() -> None:
    assert documents.parse_response_days(" 021 ") == "21"


# --- preview ----------------------------------------------------------------------------------


def test_preview_shows_the_values_and_writes_nothing(firm: Any, documents_dir: Path) -> None:
    matter = open_matter(firm)
    values = documents.preview(firm, "client-letter", matter.id)
    assert values["client.name"] == HOSTILE_NAME
    assert values["lang"] == "es"
    assert values["matter.number"] == matter.number
    assert "Danbury" in values["incidents[].summary_you"]
    assert all(isinstance(v, str) for v in values.values())
    assert list(values) == sorted(values)
    assert document_rows(firm) == []
    assert files_under(documents_dir) == []

    english = documents.preview(firm, "client-letter", matter.number, lang="en")
    assert english["lang"] == "en"


def test_preview_errors_like_generate(firm: Any) -> None:
    matter = open_matter(firm)
    with pytest.raises(NotFound, match="no template named"):
        documents.preview(firm, "nope", matter.number)
    with pytest.raises(NotFound, match="no matter"):
        documents.preview(firm, "complaint", "TA-2030-0009")


def test_flatten_values() -> None:
    context = {
        "client": {"name": "Ana", "safe": True},
        "violations": [{"short": "a", "code": "V1"}, {"short": "b", "code": "V2"}],
        "today": date(2025, 11, 20),
        "at": datetime(2025, 11, 3, 14, 15),
        "next_deadline": None,
        "rows": [],
    }
    paths = {
        "client.name", "client.safe", "violations", "violations[].short", "today", "at",
        "next_deadline.due", "rows[].due", "loopvar.thing", "client",
    }  # fmt: skip
    assert documents.flatten_values(paths, context) == {
        "at": "2025-11-03 14:15",
        "client.name": "Ana",
        "client.safe": "yes",
        "next_deadline.due": "",
        "rows[].due": "",
        "today": "2025-11-20",
        "violations[].short": "a; b",
    }


# --- batches ----------------------------------------------------------------------------------


def test_batch_uses_worker_processes_and_records_everything(firm: Any) -> None:
    numbers = [open_matter(firm, name=f"Client {i} & Co <x>").number for i in range(3)]
    results = documents.generate_batch(firm, "client-letter", [*numbers, numbers[0]], workers=2)
    assert [r.matter for r in results] == [*numbers, numbers[0]]
    assert len({r.path for r in results}) == 4
    assert results[3].path.name == "2025-11-20-client-letter-2.es.docx"
    for i, result in enumerate(results[:3]):
        assert result.sha256 == sha256(result.path)
        assert f"Client {i} & Co <x>" in read_back(result.path).everything()
    rows = {r.id: r for r in document_rows(firm)}
    assert sorted(rows) == sorted(r.document_id for r in results)
    for result in results:
        assert rows[result.document_id].sha256 == result.sha256


def test_batch_failure_leaves_nothing(firm: Any, documents_dir: Path) -> None:
    from sqlalchemy import delete, select

    from casekit.store.models import Deadline, Incident, Matter, Screening

    good = open_matter(firm, name="Good Client").number
    bad = open_matter(firm, name="Bad Client").number
    with firm.transaction() as session:
        matter_id = session.scalars(select(Matter.id).where(Matter.number == bad)).one()
        session.execute(delete(Deadline).where(Deadline.matter_id == matter_id))
        session.execute(delete(Screening).where(Screening.matter_id == matter_id))
        session.execute(delete(Incident).where(Incident.matter_id == matter_id))
    with pytest.raises(InvalidInput, match="no incident"):
        documents.generate_batch(firm, "demand-letter", [good, bad, good], workers=2)
    assert document_rows(firm) == []
    assert files_under(documents_dir) == []


def test_batch_with_an_unknown_matter_leaves_nothing(firm: Any, documents_dir: Path) -> None:
    good = [open_matter(firm, name=f"Client {i}").number for i in range(3)]
    with pytest.raises(NotFound, match="TA-2099-0001"):
        documents.generate_batch(firm, "demand-letter", [*good, "TA-2099-0001"], workers=2)
    assert document_rows(firm) == []
    assert files_under(documents_dir) == []


def test_batch_in_one_process(firm: Any) -> None:
    numbers = [open_matter(firm, name=f"Client {i}").number for i in range(2)]
    results = documents.generate_batch(firm, "foi-request", numbers, workers=1)
    assert [r.matter for r in results] == numbers
    assert all(r.records_request_id for r in results)
    assert all(r.sha256 == sha256(r.path) for r in results)


def test_batch_of_nothing(firm: Any) -> None:
    assert documents.generate_batch(firm, "client-letter", []) == []


# --- lists ------------------------------------------------------------------------------------


def test_list_documents_reports_changed_and_missing_files(firm: Any) -> None:
    matter = open_matter(firm)
    first = documents.generate(firm, "demand-letter", matter.number)
    second = documents.generate(firm, "complaint", matter.number)
    third = documents.generate(firm, "notice-7-465", matter.number)
    second.path.write_bytes(b"edited in Word")
    third.path.unlink()
    listed = documents.list_documents(firm, matter.number)
    assert [(d.id, d.status) for d in listed] == [
        (first.document_id, "ok"),
        (second.document_id, "modified"),
        (third.document_id, "missing"),
    ]
    assert listed[0].to_dict()["template"] == "demand-letter"
    with pytest.raises(NotFound):
        documents.list_documents(firm, "TA-1999-0001")


def test_template_lists(services: Any) -> None:
    everything = documents.templates_list(services)
    for_matters = documents.list_templates(services)
    assert {t.name for t in everything} - {t.name for t in for_matters} == {
        "report-deadlines",
        "report-agencies",
        "report-fees",
    }
    assert all(t.kind == "matter" for t in for_matters)


# --- facts --------------------------------------------------------------------------------------


def test_matter_facts(firm: Any) -> None:
    from sqlalchemy import select

    from casekit.services.documents.facts import matter_facts
    from casekit.store.models import Deadline

    matter = open_matter(firm, a_number="A123456789", immigration_status="undocumented")
    with firm.transaction() as session:
        done = session.scalars(select(Deadline).where(Deadline.rule_id == "CT_7465_NOTICE")).one()
        done.status = "done"

    with firm.transaction() as session:
        facts = matter_facts(session, matter.number)
        by_id = matter_facts(session, matter.id, include_sensitive=True)
    assert facts.number == matter.number
    assert facts.client.name == HOSTILE_NAME
    assert facts.client.preferred_language == "es"
    assert (facts.client.a_number, facts.client.immigration_status) == ("", "")
    assert (by_id.client.a_number, by_id.client.immigration_status) != ("", "")
    [incident] = facts.incidents
    assert (incident.town, incident.agency, incident.agency_kind) == (
        "Danbury",
        "Danbury Police Department",
        "municipal_police",
    )
    assert incident.occurred_at is not None
    assert (incident.occurred_at.hour, incident.occurred_at.minute) == (14, 15)  # wall time
    assert incident.violations == ("V1_DETAIN_ON_DETAINER", "V2_NOTIFY_RELEASE")
    assert facts.incident_town is not None
    assert facts.incident_town.judicial_district == "Danbury"
    assert facts.incident_town.judicial_district_on(date(2025, 9, 1)) == "Danbury"
    [defendant] = facts.defendants
    assert defendant.kind == "municipality"
    assert defendant.agency == "Danbury Police Department"
    assert [a.name for a in facts.agencies] == ["Danbury Police Department"]
    assert facts.agencies[0].town == "Danbury"
    assert facts.deadlines and all(d.status == "open" for d in facts.deadlines)
    assert "CT_7465_NOTICE" not in {d.rule_id for d in facts.deadlines}
    assert [d.due for d in facts.deadlines] == sorted(d.due for d in facts.deadlines)
    assert "trust_act" in facts.claims

    with firm.transaction() as session, pytest.raises(NotFound):
        matter_facts(session, "TA-2031-0001")


def test_matter_facts_on_the_avon_move(firm: Any) -> None:
    """Avon moved to the Litchfield J.D. on 2025-10-01: both districts come through."""
    from casekit.services.clients import add_client
    from casekit.services.documents.facts import matter_facts
    from casekit.services.matters import add_matter

    client = add_client(firm, name="Pat Example")
    matter = add_matter(
        firm, client=str(client.id), incident_date="2025-10-20", town="Avon",
        agency="Avon Police Department", violations=["V1"],
    )  # fmt: skip
    with firm.transaction() as session:
        town = matter_facts(session, matter.number).incident_town
    assert town is not None
    assert town.judicial_district_on(date(2025, 11, 20)) == "Litchfield"
    assert town.judicial_district_on(date(2025, 9, 30)) == "Hartford"
    values = documents.preview(firm, "complaint", matter.number)
    assert values["court.district"] == "Litchfield"
