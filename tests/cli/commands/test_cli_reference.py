"""casekit towns and casekit agencies."""

from __future__ import annotations

from cli.commands.conftest import ok_json, one_line_error


def test_towns(cli) -> None:
    towns = ok_json(cli("towns", "--json"))
    assert len(towns) == 169
    avon = next(t for t in towns if t["name"] == "Avon")
    assert {
        "name",
        "county",
        "judicial_district",
        "judicial_district_before_2025_10_01",
        "court_location",
    } <= set(avon)
    assert avon["judicial_district_before_2025_10_01"] == "Hartford"
    hartford = next(t for t in towns if t["name"] == "Hartford")
    assert (hartford["legal_name"], hartford["legal_name_confidence"]) == (
        "City of Hartford",
        "secondary",
    )
    assert avon["legal_name_confidence"] == "unverified"
    assert cli("towns").stdout.splitlines()[0].startswith("town")


def test_agencies(cli) -> None:
    rows = ok_json(cli("agencies", "--town", "Danbury", "--json"))
    assert "Danbury Police Department" in {a["name"] for a in rows}
    assert {"name", "kind", "town", "employer"} <= set(rows[0])
    police = ok_json(cli("agencies", "--kind", "state_police", "--json"))
    assert police and {a["kind"] for a in police} == {"state_police"}
    assert 'did you mean "Danbury"' in one_line_error(cli("agencies", "--town", "Danbery"))
    assert 'did you mean "corrections"' in one_line_error(cli("agencies", "--kind", "corection"))
