"""Captions and notices name a city as it sues and is sued ("City of Hartford")."""

from __future__ import annotations

from datetime import date

from casekit.services import casefile as parties
from casekit.services import clients, matters


def _matter(services, town: str, agency: str) -> str:
    client = clients.add_client(services, name="Ana Example")
    return matters.add_matter(
        services,
        client=str(client.id),
        incident_date="2026-01-05",
        town=town,
        agency=agency,
        violations=["V1"],
    ).number


def test_defendants_carry_the_legal_name(services, today: date) -> None:
    number = _matter(services, "Hartford", "Hartford Police Department")
    (hartford,) = parties.list_parties(services, number)
    assert hartford.name == "City of Hartford"
    assert hartford.service_address == "Clerk, City of Hartford"
    waterbury = parties.add_party(services, number, role="defendant", town="Waterbury")
    assert waterbury.name == "City of Waterbury"
    assert waterbury.service_address == "Town Clerk, City of Waterbury"  # as Waterbury says
    naugatuck = parties.add_party(
        services, number, role="defendant", agency="Naugatuck Police Department"
    )
    assert naugatuck.name == "Borough of Naugatuck"
    assert naugatuck.service_address.startswith("Borough Clerk, Borough of Naugatuck")
    west = parties.add_party(services, number, role="defendant", town="West Hartford")
    assert west.name == "Town of West Hartford" and west.service_address.startswith("Town Clerk")
    groton = parties.add_party(
        services, number, role="defendant", agency="Groton City Police Department"
    )
    assert groton.name == "City of Groton" and groton.service_address == "Clerk, City of Groton"


def test_the_complaint_caption_reads_city_of_hartford(services, today: date) -> None:
    from casekit.docgen.context import build_context
    from casekit.docgen.probe import PROBE_FIRM
    from casekit.services.documents.facts import matter_facts

    number = _matter(services, "Hartford", "Hartford Police Department")
    with services.transaction() as session:
        facts = matter_facts(session, number)
    context = build_context("complaint", facts, PROBE_FIRM, today)
    assert context["caption"]["first_defendant"] == "City of Hartford"
    assert context["municipality"]["name"] == "City of Hartford"


def test_the_7465_notice_is_addressed_to_the_citys_clerk(services, today, tmp_path) -> None:
    import docx

    from casekit.docgen.context import build_context
    from casekit.docgen.probe import PROBE_FIRM
    from casekit.docgen.render import render_document
    from casekit.resources import templates_dir
    from casekit.services.documents.facts import matter_facts

    number = _matter(services, "Waterbury", "Waterbury Police Department")
    with services.transaction() as session:
        facts = matter_facts(session, number)
    context = build_context("notice-7-465", facts, PROBE_FIRM, today)
    assert context["municipality"]["clerk"] == "Town Clerk"  # Waterbury's own title
    out = tmp_path / "notice.docx"
    render_document(templates_dir() / "notice-7-465.docx", context, out)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "To the Town Clerk of the City of Waterbury:" in text
    assert "against the City of Waterbury" in text
    assert "Town of Waterbury" not in text
