"""Intake that knows the office (issue 15 item 2), on SQLite and PostgreSQL: a matter for an
existing client (one client row, the form's changes as an audited update with optimistic
locking), clearance of a defendant/witness/agency hit with a note, the conflict log (sealed,
append-only), custody times at intake."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from casekit.errors import ConflictError, InvalidInput
from casekit.services import casefile as parties
from casekit.services import clients, matters
from casekit.services.casefile import NeedsConfirmation
from casekit.services.clients import conflict_log as conflicts
from casekit.store import models as m
from services.conftest import count_rows
from services.intake_helpers import open_intake, open_intake_for_client

MATTER = {
    "incident_date": "2026-01-10",
    "town": "Danbury",
    "agency": "Danbury Police Department",
    "violations": ["V1"],
}


def _office(svc) -> int:  # type: ignore[no-untyped-def]
    """A client with a matter, and a witness called Carlos Mendez on it; returns the client id."""
    rosa = clients.add_client(svc, name="Rosa Delgado", phone="860-555-0199")
    first = matters.add_matter(svc, client=rosa.id, **MATTER)
    parties.add_party(svc, first.number, role="witness", name="Carlos Mendez")
    return rosa.id


def test_a_matter_for_an_existing_client_updates_them_and_adds_no_client(
    services, today: date
) -> None:
    rosa = _office(services)
    version = clients.show_client(services, str(rosa)).version
    before = count_rows(services, m.Client, m.Matter)
    out = open_intake_for_client(
        services,
        client=rosa,
        client_version=version,
        client_changes={"phone": "860-555-0123", "phone_safe": True},
        **MATTER,
    )
    after = count_rows(services, m.Client, m.Matter)
    assert after == {"Client": before["Client"], "Matter": before["Matter"] + 1}
    assert out.client_id == rosa
    shown = clients.show_client(services, str(rosa))
    assert shown.phone == "860-555-0123" and shown.phone_safe
    assert shown.version == version + 1
    with services.engine.connect() as conn:
        audited = conn.execute(
            select(m.AuditEvent.changes).where(  # type: ignore[call-overload]
                m.AuditEvent.entity == "client",
                m.AuditEvent.entity_id == rosa,
                m.AuditEvent.action == "update",
            )
        ).all()
    assert any("phone_safe" in row[0] for row in audited)
    (logged,) = conflicts.conflict_log(services, out.number)
    assert logged.decision == conflicts.EXISTING_CLIENT and logged.name == "Rosa Delgado"
    assert logged.by_phone and logged.hits == ()


def test_a_stale_client_version_writes_nothing(services, today: date) -> None:
    rosa = _office(services)
    version = clients.show_client(services, str(rosa)).version
    clients.update_client(services, str(rosa), changes={"email": "r@example.org"})
    before = count_rows(services, m.Client, m.Matter, m.ConflictCheck, m.AuditEvent)
    with pytest.raises(ConflictError):
        open_intake_for_client(
            services,
            client=rosa,
            client_version=version,
            client_changes={"phone": "860-555-0123"},
            **MATTER,
        )
    assert count_rows(services, m.Client, m.Matter, m.ConflictCheck, m.AuditEvent) == before


def test_a_witness_hit_needs_a_clearance_note_then_is_logged_sealed(services, today: date) -> None:
    _office(services)
    before = count_rows(services, m.Client, m.Matter, m.ConflictCheck)
    with pytest.raises(InvalidInput) as refused:
        open_intake(services, name="Carlos Mendes", **MATTER)
    assert "1 possible conflict" in refused.value.message
    assert "Mendes" not in refused.value.message and "Mendez" not in refused.value.message
    assert count_rows(services, m.Client, m.Matter, m.ConflictCheck) == before

    out = open_intake(
        services, name="Carlos Mendes", clearance_note="Witness is 60, caller is 24", **MATTER
    )
    (logged,) = conflicts.conflict_log(services, out.number)
    assert logged.decision == conflicts.CLEARED and logged.cleared_by == "tester"
    assert logged.note == "Witness is 60, caller is 24"
    assert [(h.name, h.where) for h in logged.hits] == [("Carlos Mendez", "party:witness")]
    with services.engine.connect() as conn:
        row = conn.execute(text("SELECT query, hits, note, decision FROM conflictcheck")).one()
    stored = " ".join(str(v) for v in row)
    # Whole values only: a short fragment ("60") can occur by chance in base64 ciphertext or in
    # the key id that prefixes it.
    assert "Mendes" not in stored and "Mendez" not in stored
    assert "Witness is 60" not in row[2] and row[2].startswith("ck1.")
    assert row[3] == "cleared"
    # The matter's history (the audit log) shows the check, without the names.
    with services.engine.connect() as conn:
        (changes,) = conn.execute(
            select(m.AuditEvent.changes).where(  # type: ignore[call-overload]
                m.AuditEvent.entity == "conflictcheck", m.AuditEvent.matter_id == out.id
            )
        ).one()
    assert changes["decision"]["after"] == "cleared"
    assert "Mendez" not in str(changes) and "Mendes" not in str(changes)


def test_a_client_namesake_is_confirmed_without_a_note(services, today: date) -> None:
    _office(services)
    out = open_intake(services, name="Rosa Delgada", **MATTER)
    (logged,) = conflicts.conflict_log(services, out.number)
    assert logged.decision == conflicts.CONFIRMED
    assert [h.where for h in logged.hits] == ["client"]


def test_the_conflict_log_is_append_only(services, today: date) -> None:
    _office(services)
    out = open_intake(services, name="Nadia Haddad", **MATTER)
    assert conflicts.conflict_log(services, out.number)[0].decision == conflicts.NO_HITS
    for statement in ("UPDATE conflictcheck SET decision = 'x'", "DELETE FROM conflictcheck"):
        with pytest.raises(Exception, match="append-only"), services.engine.begin() as conn:
            conn.execute(text(statement))
    assert len(conflicts.conflict_log(services, out.number)) == 1


def test_custody_times_at_intake(services, today: date) -> None:
    out = open_intake(
        services,
        name="Nadia Haddad",
        custody=[("arrest", "2026-01-10 22:15"), ("scheduled_release", "2026-03-20 09:00")],
        **MATTER,
    )
    with services.engine.connect() as conn:
        kinds = conn.execute(
            text("SELECT kind FROM custodyevent WHERE matter_id = :m ORDER BY at"), {"m": out.id}
        ).scalars()
        assert list(kinds) == ["arrest", "scheduled_release"]
    before = count_rows(services, m.Client, m.Matter)
    for custody, why in (
        ([("release_to_ice", "2026-03-20 09:00")], "the release to ice is in the future"),
        ([("arrest", "2026-01-09 23:00")], r"the arrest is before the incident \(2026-01-10\)"),
    ):
        with pytest.raises(NeedsConfirmation, match=why):
            open_intake(services, name="Omar Haddad", custody=custody, **MATTER)
        assert count_rows(services, m.Client, m.Matter) == before
    out = open_intake(
        services,
        name="Omar Haddad",
        custody=[("release_to_ice", "2026-03-20 09:00")],
        confirmed=True,
        **MATTER,
    )
    with services.engine.connect() as conn:
        kinds = conn.execute(
            text("SELECT kind FROM custodyevent WHERE matter_id = :m"), {"m": out.id}
        ).scalars()
        assert list(kinds) == ["release_to_ice"]
