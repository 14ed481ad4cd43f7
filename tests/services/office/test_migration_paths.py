"""Migration 0008: absolute document paths under the files root become relative; others stay."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from casekit.config import Settings
from casekit.services import documents
from casekit.services.base import AppContext
from casekit.services.setup import upgrade_database
from casekit.store import migrate
from casekit.store.engine import make_engine


def test_upgrade_makes_paths_under_the_files_root_relative(
    db_url: str, casekit_home: Path, tmp_path: Path
) -> None:
    engine = make_engine(db_url)
    migrate.upgrade(engine, "0005")
    inside = casekit_home / "documents" / "TA-2026-0001" / "2026-01-02-demand-letter.docx"
    inside.parent.mkdir(parents=True)
    inside.write_bytes(b"letter")
    outside = tmp_path / "elsewhere" / "letter.docx"
    with engine.begin() as conn:
        client_id = conn.execute(
            sa.text(
                "INSERT INTO client (created_at, updated_at, version, name, name_key, "
                "preferred_name, preferred_language, phone, phone_safe, email, email_safe, "
                "address, address_safe, a_number, immigration_status) VALUES (:t, :t, 1, 'A B', "
                "'a b', '', 'en', '', false, '', false, '', false, '', '') RETURNING id"
            ),
            {"t": "2026-01-01T00:00:00+00:00"},
        ).scalar_one()
        matter_id = conn.execute(
            sa.text(
                "INSERT INTO matter (created_at, updated_at, version, number, client_id, status, "
                "claims, relief_sought, opened_on, search_text) VALUES (:t, :t, 1, "
                "'TA-2026-0001', :c, 'intake', '[]', '', '2026-01-01', '') RETURNING id"
            ),
            {"t": "2026-01-01T00:00:00+00:00", "c": client_id},
        ).scalar_one()
        for path in (inside, outside):
            conn.execute(
                sa.text(
                    "INSERT INTO document (created_at, updated_at, version, matter_id, template, "
                    "language, output_path, sha256, generated_at, generated_by) VALUES (:t, :t, "
                    "1, :m, 'demand-letter', 'en', :p, :s, :t, 'x')"
                ),
                {
                    "t": "2026-01-01T00:00:00+00:00",
                    "m": matter_id,
                    "p": str(path),
                    "s": "0" * 64,
                },
            )
    engine.dispose()
    svc = AppContext(Settings(home=casekit_home, database_url=db_url, actor="t"))
    status = upgrade_database(svc)
    assert status.revision == status.head and status.outside_files_root == 1
    with svc.engine.connect() as conn:
        stored = sorted(conn.execute(sa.text("SELECT output_path FROM document")).scalars())
    assert stored == sorted(["documents/TA-2026-0001/2026-01-02-demand-letter.docx", str(outside)])
    listed = {Path(d.path): d.status for d in documents.list_documents(svc, "TA-2026-0001")}
    assert listed == {inside: "modified", outside: "missing"}  # found (hash differs) / not found
    # Down again: the relative path becomes absolute under the same files root.
    migrate.downgrade(svc.engine, "0005")
    with svc.engine.connect() as conn:
        stored = sorted(conn.execute(sa.text("SELECT output_path FROM document")).scalars())
    assert stored == sorted([str(inside), str(outside)])
    svc.dispose()
