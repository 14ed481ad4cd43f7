"""casekit demo: deterministic fictional data, never mixed with real matters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from casekit.config import Settings
from casekit.errors import ConfigurationError, InvalidInput
from casekit.services import casefile, clients, demo, matters
from casekit.services.base import AppContext
from casekit.services.office import settings
from casekit.services.setup import ensure_schema


def fresh(home: Path) -> AppContext:
    svc = AppContext(
        Settings(home=home, database_url=f"sqlite:///{home / 'casekit.sqlite'}", actor="tester")
    )
    ensure_schema(svc)
    return svc


def snapshot(svc: AppContext) -> list[tuple]:
    return [
        (m.number, m.client, m.status, m.incident_date, m.town, m.agency, m.attorney)
        for m in matters.list_matters(svc)
    ]


def test_same_seed_same_data(tmp_path: Path, today: date) -> None:
    first, second, other = (fresh(tmp_path / name) for name in ("a", "b", "c"))
    try:
        a = demo.run_demo(first, matters=40, seed=3)
        demo.run_demo(second, matters=40, seed=3)
        demo.run_demo(other, matters=40, seed=4)
        assert a.created and a.matters == 40 and a.clients <= 40
        assert snapshot(first) == snapshot(second)
        assert snapshot(first) != snapshot(other)
        assert show(first) == show(second)
    finally:
        for svc in (first, second, other):
            svc.dispose()


def show(svc: AppContext) -> list[dict]:
    out = []
    for row in matters.list_matters(svc)[:5]:
        view = casefile.matter_file(svc, row.number, include_sensitive=True).to_dict()
        view["notes"] = [(n["author"], n["body"]) for n in view["notes"]]
        out.append(view)
    return out


def test_demo_content(services, today: date) -> None:
    summary = demo.run_demo(services, matters=30, seed=7)
    assert summary.to_dict()["home"] == str(services.settings.home)
    rows = matters.list_matters(services)
    assert all(r.number.startswith(("TA-2025-", "TA-2026-")) for r in rows)
    assert all(date(2025, 10, 1) <= r.incident_date <= today for r in rows)
    assert settings.show_settings(services)[settings.DEMO_KEY] == "true"
    assert settings.get_firm(services).name == "Demo Legal Aid of Connecticut"
    assert 2 <= len(settings.list_attorneys(services)) <= 4
    names = " ".join(r.client for r in rows)
    assert any(ch in names for ch in "áéíóúãçñễ")  # accents, as real intake sees them
    views = [casefile.matter_file(services, r.number) for r in rows]
    assert all(v.parties and v.parties[0]["role"] == "defendant" for v in views)
    assert all(len(v.custody_events) >= 4 for v in views)
    assert sum(v.evidence_count for v in views) >= len(views)
    kinds = {e["kind"] for v in views for e in v.custody_events}
    assert {"arrest", "booking", "scheduled_release"} <= kinds
    assert any("V8_OVER_48_HOURS" in v.incidents[0]["violations"] for v in views)


def test_second_run_leaves_the_demo_alone(services, today: date) -> None:
    demo.run_demo(services, matters=10, seed=7)
    again = demo.run_demo(services, matters=50, seed=9)
    assert not again.created and again.matters == 10


def test_refuses_real_data(services, today: date) -> None:
    clients.add_client(services, name="Real Person")
    with pytest.raises(ConfigurationError, match="holds real clients or matters"):
        demo.run_demo(services, matters=5)
    assert settings.DEMO_KEY not in settings.show_settings(services)


def test_keeps_the_firm_settings_made_before_it(services, today: date) -> None:
    settings.set_setting(services, "firm.name", "Doe Law")
    summary = demo.run_demo(services, matters=5, seed=7)
    assert summary.created and summary.matters == 5
    shown = settings.show_settings(services)
    assert shown["firm.name"] == "Doe Law"  # the office's own, not the demo's
    assert shown["firm.phone"] == demo.FIRM["firm.phone"]  # what was missing is filled in


def test_bad_count(services) -> None:
    with pytest.raises(InvalidInput):
        demo.run_demo(services, matters=0)


def test_demo_evidence_is_stored_and_verifies(tmp_path: Path, today: date) -> None:
    """Demo evidence rows have real (fictional) files in the vault, so verify reports ok."""
    from casekit.services import evidence

    svc = fresh(tmp_path / "vault")
    try:
        demo.run_demo(svc, matters=10, seed=5)
        results = evidence.verify_evidence(svc)
        assert results, "the demo records evidence"
        assert {r.status for r in results} == {"ok"}
        stored = [p for p in svc.settings.evidence_dir.rglob("*") if p.is_file()]
        assert stored and all(p.stat().st_mode & 0o777 == 0o400 for p in stored)
    finally:
        svc.dispose()
