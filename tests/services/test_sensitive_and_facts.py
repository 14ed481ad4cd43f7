"""The sensitive facts (sealed client fields, convictions) read and changed on purpose, and the
incident's facts (town, agency, narrative, violations) corrected (issue 15, item 1). Each change
is one audited transaction with optimistic locking; the audit log never holds a sensitive value
in clear; refused input writes nothing. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from casekit.errors import ConflictError, InvalidInput
from casekit.services import casefile, clients, matters
from casekit.services import casefile as timeline
from casekit.services import casefile as views
from casekit.services.casefile import sensitive
from casekit.services.office import settings

from .conftest import count_rows


def _matter(svc) -> tuple[str, int]:
    clients.add_client(
        svc, name="Rosa Álvarez", a_number="A012345678", immigration_status="asylum pending"
    )
    out = matters.add_matter(
        svc,
        client="Rosa Álvarez",
        incident_date="2026-01-10",
        town="Danbury",
        agency="Danbury Police Department",
        violations=["V1"],
    )
    return out.number, out.id


def _audit(svc, entity: str) -> list[str]:
    with svc.engine.connect() as conn:
        return [
            str(r[0])
            for r in conn.execute(
                text("SELECT changes FROM auditevent WHERE entity = :e ORDER BY seq"),
                {"e": entity},
            )
        ]


def test_sensitive_fields_change_together_and_the_log_holds_no_plaintext(
    services, today: date
) -> None:
    from casekit.store import models as m

    number, matter_id = _matter(services)
    settings.set_setting(services, "privacy.sensitive_fields", "phone")
    seen = sensitive.read_sensitive(services, matter_id)
    assert (seen.a_number, seen.immigration_status, seen.date_of_birth) == (
        "A012345678", "asylum pending", None,
    )  # fmt: skip
    assert seen.marked == {"phone": ""} and seen.convictions == ()
    assert "A012345678" not in repr(seen)
    out = sensitive.update_sensitive(
        services,
        matter_id,
        client_changes={
            "date_of_birth": "1990-04-02",
            "a_number": "A-098-765-432",
            "phone": "860-555-0142",
        },
        convictions=[("53a-101", "B"), ("21a-277", None)],
        client_version=seen.client_version,
        incident_version=seen.incident_version,
    )
    assert set(out.changed) == {"date_of_birth", "a_number", "phone", "convictions"}
    again = sensitive.read_sensitive(services, matter_id)
    assert again.date_of_birth == date(1990, 4, 2)
    assert again.a_number == "A098765432" and again.marked == {"phone": "860-555-0142"}
    assert again.convictions == (("53a-101", "B"), ("21a-277", None))
    assert casefile.matter_file(services, number).incidents[0]["convictions"]  # on the incident
    logged = " ".join(_audit(services, "client") + _audit(services, "incident"))
    for secret in ("A098765432", "1990-04-02", "860-555-0142", "53a-101"):
        assert secret not in logged
    assert "[redacted]" in logged
    # Someone else's change since: refused, nothing written.
    before = count_rows(services, m.Client, m.Incident, m.AuditEvent)
    with pytest.raises(ConflictError):
        sensitive.update_sensitive(
            services,
            matter_id,
            client_changes={"immigration_status": "LPR"},
            client_version=seen.client_version,
        )
    with pytest.raises(InvalidInput, match="A-number"):  # checked before anything is written
        sensitive.update_sensitive(
            services, matter_id, client_changes={"a_number": "12"}, convictions=[("53a-1", None)]
        )
    with pytest.raises(InvalidInput, match="class"):
        sensitive.update_sensitive(services, matter_id, convictions=[("53a-101", "Q")])
    assert count_rows(services, m.Client, m.Incident, m.AuditEvent) == before
    assert sensitive.read_sensitive(services, matter_id).immigration_status == "asylum pending"


def test_incident_town_agency_narrative_and_violations_are_corrected(services, today: date) -> None:
    from casekit.store import models as m

    number, matter_id = _matter(services)
    (incident,) = views.matter_detail(services, matter_id).incidents
    diff = timeline.update_incident(
        services,
        matter_id,
        town="Bethel",
        agency="Bethel Police Department",
        narrative="Officers held the plaintiff for ICE.",
        violations=["V1", "V4"],
        version=incident.version,
    )
    assert diff is not None
    (fixed,) = views.matter_detail(services, matter_id).incidents
    assert (fixed.town, fixed.agency) == ("Bethel", "Bethel Police Department")
    assert fixed.narrative == "Officers held the plaintiff for ICE."
    assert [v[:2] for v in fixed.violations] == ["V1", "V4"]
    # The matter list finds it under the new town.
    assert number in [r.number for r in views.find_matters(services, "Bethel")]
    narrative_logs = [c for c in _audit(services, "incident") if "narrative" in c]
    assert narrative_logs and all("held the plaintiff" not in c for c in narrative_logs)
    before = count_rows(services, m.Incident, m.AuditEvent)
    with pytest.raises(InvalidInput, match="did you mean"):
        timeline.update_incident(services, matter_id, town="Bethl", narrative="changed")
    with pytest.raises(ConflictError):
        timeline.update_incident(services, matter_id, narrative="x", version=incident.version)
    assert count_rows(services, m.Incident, m.AuditEvent) == before
    assert views.matter_detail(services, matter_id).incidents[0].town == "Bethel"


def test_the_hidden_marker_is_the_stores() -> None:
    from casekit.store.sealed import HIDDEN

    assert sensitive.HIDDEN == HIDDEN
