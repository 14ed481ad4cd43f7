"""``casekit towns`` and ``casekit agencies``: the reference tables."""

from __future__ import annotations

from dataclasses import asdict

import typer

from casekit.cli.base import JSON_OPTION, app, emit_json
from casekit.cli.output import print_table


@app.command("towns")
def towns(as_json: bool = JSON_OPTION) -> None:
    """The 169 Connecticut towns with county, judicial district, court location, and the name
    each sues and is sued by ("City of Hartford"; "verify" where no source confirmed it)."""
    from casekit.services.reference import list_towns, municipal_names
    from casekit.services.setup import open_services

    svc = open_services()
    rows = list_towns(svc)
    legal = municipal_names(svc)
    if as_json:
        emit_json(
            [
                {
                    "name": t.name,
                    "county": t.county,
                    "judicial_district": t.judicial_district,
                    "judicial_district_before_2025_10_01": t.judicial_district_before_2025_10_01,
                    "court_location": t.jd_court_location,
                    "courthouse_address": t.jd_courthouse_address,
                    "confidence": t.jd_confidence,
                    "legal_name": legal[t.name][0],
                    "legal_name_confidence": legal[t.name][1],
                }
                for t in rows
            ]
        )
        return
    from casekit.domain.lawpack import default_pack

    moved_on = default_pack().date_of("JD_REALIGNMENT_2025").isoformat()
    print_table(
        (
            "town",
            "county",
            "judicial district",
            f"before {moved_on}",
            "court location",
            "sues and is sued as",
        ),
        (
            (
                t.name,
                t.county,
                t.judicial_district,
                t.judicial_district_before_2025_10_01
                if t.judicial_district_before_2025_10_01 != t.judicial_district
                else "",
                t.jd_court_location,
                legal[t.name][0] + ("" if legal[t.name][1] == "confirmed" else " (verify)"),
            )
            for t in rows
        ),
    )


@app.command("agencies")
def agencies(
    town: str | None = typer.Option(None, "--town", help="Only agencies based in this town."),
    kind: str | None = typer.Option(
        None, "--kind", help="Only this kind: municipal_police, state_police, corrections ..."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Law-enforcement agencies the Trust Act may cover, with kind, town and employer."""
    from casekit.services.reference import list_agencies
    from casekit.services.setup import open_services

    rows = list_agencies(open_services(), town=town, kind=kind)
    if as_json:
        emit_json([asdict(a) for a in rows])
        return
    print_table(
        ("agency", "kind", "town", "employer"),
        ((a.name, a.kind, a.town or "", a.employer) for a in rows),
        empty="no agencies match",
    )
