"""Editing a matter's records (issue 15, item 1): custody events corrected and removed with a
reason, claims and relief, parties, a status reason. Each is one audited transaction with
optimistic locking; refused input and stale versions write nothing. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from casekit.errors import ConflictError, InvalidInput, NotFound
from casekit.services import casefile, clients, matters
from casekit.services import casefile as edits
from casekit.services import casefile as parties
from casekit.services import casefile as timeline
from casekit.services.deadlines import lifecycle

from .conftest import count_rows


def _matter(svc) -> str:
    clients.add_client(svc, name="Rosa Álvarez")
    return matters.add_matter(
        svc,
        client="Rosa Álvarez",
        incident_date="2026-01-10",
        town="Danbury",
        agency="Danbury Police Department",
        violations=["V1"],
    ).number


def test_a_custody_event_is_corrected_then_removed_with_its_reason(services, today: date) -> None:
    from casekit.store import models as m

    number = _matter(services)
    timeline.add_custody_event(services, number, kind="booking", at="2026-01-10T11:00")
    (event,) = timeline.list_custody_events(services, number)
    edits.update_custody_event(
        services, event.id, kind="release", at="2026-01-12T09:30", note="jail log",
        version=event.version,
    )  # fmt: skip
    (fixed,) = timeline.list_custody_events(services, number)
    assert (fixed.kind, fixed.at.strftime("%Y-%m-%dT%H:%M"), fixed.note) == (
        "release", "2026-01-12T09:30", "jail log",
    )  # fmt: skip
    with pytest.raises(ConflictError):  # the version read before the correction
        edits.remove_custody_event(services, event.id, reason="typo", version=event.version)
    before = count_rows(services, m.CustodyEvent, m.AuditEvent)
    with pytest.raises(InvalidInput, match="reason"):
        edits.remove_custody_event(services, event.id, reason="  ", version=fixed.version)
    assert count_rows(services, m.CustodyEvent, m.AuditEvent) == before

    edits.remove_custody_event(
        services, event.id, reason="entered on the wrong matter", version=fixed.version
    )
    assert timeline.list_custody_events(services, number) == []
    assert casefile.matter_file(services, number).custody_events == ()
    with services.engine.connect() as conn:  # kept, marked, never deleted
        row = conn.execute(
            text("SELECT removed_at, removed_by FROM custodyevent WHERE id = :id"),
            {"id": event.id},
        ).one()
        actions = [
            r[0]
            for r in conn.execute(
                text("SELECT action FROM auditevent WHERE entity = 'custodyevent' ORDER BY seq")
            )
        ]
    assert row[0] is not None and row[1] == "tester"
    assert actions == ["create", "update", "update"]
    with pytest.raises(NotFound):
        edits.remove_custody_event(services, event.id, reason="again")


def test_unlikely_custody_times_need_confirmation(services, today: date) -> None:
    from casekit.store import models as m

    number = _matter(services)
    before = count_rows(services, m.CustodyEvent)
    with pytest.raises(edits.NeedsConfirmation, match="before the incident"):
        timeline.add_custody_event(services, number, kind="arrest", at="2026-01-09T22:00")
    with pytest.raises(edits.NeedsConfirmation, match="future"):
        timeline.add_custody_event(services, number, kind="release", at="2026-04-01T09:00")
    assert count_rows(services, m.CustodyEvent) == before
    # A scheduled release is a plan: it may be ahead.
    timeline.add_custody_event(services, number, kind="scheduled_release", at="2026-04-01T09:00")
    timeline.add_custody_event(
        services, number, kind="arrest", at="2026-01-09T22:00", confirmed=True
    )
    assert len(timeline.list_custody_events(services, number)) == 2


def test_claims_and_relief_are_added_and_removed(services, today: date) -> None:
    number = _matter(services)
    start = casefile.matter_file(services, number)
    change = edits.update_claims(
        services, number, add_claims=["section_1983"], add_relief=["injunction", "damages"],
        version=start.version,
    )  # fmt: skip
    assert "section_1983" in change.claims
    assert change.relief == ("injunction", "damages")
    change = edits.update_claims(
        services, number, drop_claims=["section_1983"], drop_relief=["Damages"]
    )
    assert "section_1983" not in change.claims and change.relief == ("injunction",)
    shown = casefile.matter_file(services, number)
    assert shown.relief_sought == "injunction"
    with pytest.raises(InvalidInput, match="did you mean"):
        edits.update_claims(services, number, add_claims=["section_1893"])
    with pytest.raises(InvalidInput, match="does not plead"):
        edits.update_claims(services, number, drop_claims=["section_1983"])
    with pytest.raises(ConflictError):
        edits.update_claims(services, number, add_relief=["fees"], version=start.version)
    assert casefile.matter_file(services, number).relief_sought == "injunction"


def test_a_party_is_corrected(services, today: date) -> None:
    number = _matter(services)
    witness = parties.add_party(services, number, role="witness", name="Jon Smit")
    out = edits.update_party(services, witness.id, name="John Smith", version=witness.version)
    assert out.name == "John Smith"
    with pytest.raises(ConflictError):
        edits.update_party(services, witness.id, name="J. Smith", version=witness.version)
    with pytest.raises(InvalidInput, match="capacity"):
        edits.update_party(services, witness.id, capacity="individual")
    (row,) = [p for p in parties.list_parties(services, number) if p.id == witness.id]
    assert row.name == "John Smith"


def test_a_status_reason_is_kept_as_a_note(services, today: date) -> None:
    from casekit.services.casefile import notes

    number = _matter(services)
    lifecycle.change_status(services, number, "declined", reason="outside the statute")
    bodies = [n.body for n in notes.list_notes(services, number)]
    assert "Status declined: outside the statute" in bodies
