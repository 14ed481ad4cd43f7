"""Matter substring search, client name prefixes and the open-deadline index."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, event, select, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from casekit.store import migrate
from casekit.store.engine import make_engine
from casekit.store.models import Client, Deadline, Matter
from casekit.store.search import client_ids_with_name_prefix, open_deadline, search_matter_ids
from casekit.store.session import transaction

from .conftest import fold


def _search(engine: Engine, query: str, **kw: Any) -> list[int]:
    kw.setdefault("limit", 50)
    with Session(engine) as session:
        return search_matter_ids(session, fold(query), **kw)


@contextmanager
def _captured(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        statements.append((statement, params))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", capture)


def _plan(engine: Engine, run: Callable[[Session], object]) -> str:
    """The query plan of the single statement ``run`` executes."""
    with _captured(engine) as statements, Session(engine) as session:
        run(session)
    [(statement, params)] = statements
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params).all()
            return "\n".join(str(row[-1]) for row in rows)
        # Tiny tables make a scan cheapest; forbid it to see which index the query can use.
        conn.exec_driver_sql("SET enable_seqscan = off")
        conn.exec_driver_sql("SET enable_indexscan = off")
        rows = conn.exec_driver_sql(f"EXPLAIN {statement}", params).all()
        return "\n".join(str(row[0]) for row in rows)


def test_finds_a_substring_whatever_the_accents_and_case(
    migrated_engine: Engine, add_matter: Callable[..., Matter]
) -> None:
    nunez = add_matter("José Núñez-Peña").id
    add_matter("Maria Lopez")

    assert _search(migrated_engine, "NÚÑEZ") == [nunez]
    assert _search(migrated_engine, "nunez pe") == [nunez]  # across the removed hyphen
    assert _search(migrated_engine, "ñez") == [nunez]  # three characters: the trigram index
    assert _search(migrated_engine, "Jo") == [nunez]  # two: a scan
    assert _search(migrated_engine, "ez") == sorted(_search(migrated_engine, "ez"), reverse=True)
    assert _search(migrated_engine, "xyz") == []


def test_pages_newest_first(migrated_engine: Engine, add_matter: Callable[..., Matter]) -> None:
    ids = [add_matter(f"Cliente {n}").id for n in range(5)]
    newest_first = sorted(ids, reverse=True)

    for query in ("cliente", "", "cl"):
        assert _search(migrated_engine, query, limit=2) == newest_first[:2]
        assert _search(migrated_engine, query, limit=2, offset=2) == newest_first[2:4]
        assert _search(migrated_engine, query, limit=10, offset=4) == newest_first[4:]


def test_index_follows_updates_and_deletes(
    migrated_engine: Engine, add_matter: Callable[..., Matter]
) -> None:
    matter = add_matter("Pedro Alvarez")
    with transaction(migrated_engine, actor="tester") as session:
        stored = session.get(Matter, matter.id)
        assert stored is not None
        stored.search_text = fold("Pedro Álvarez-Ruiz Hartford")
    assert _search(migrated_engine, "hartford") == [matter.id]
    assert _search(migrated_engine, "alvarez ruiz") == [matter.id]

    with transaction(migrated_engine, actor="tester") as session:
        session.delete(session.get(Matter, matter.id))
    assert _search(migrated_engine, "hartford") == []
    assert _search(migrated_engine, "pedro") == []


@pytest.mark.parametrize("query", ['"', 'a"b', "%", "_", "a%", "n_n", "x' OR 1=1 --", "AND OR"])
def test_query_syntax_and_wildcards_are_literal(
    migrated_engine: Engine, add_matter: Callable[..., Matter], query: str
) -> None:
    add_matter("Nina Nuno")
    with Session(migrated_engine) as session:
        assert search_matter_ids(session, query, limit=10) == []


def test_matters_present_before_the_index_existed_are_found(migrated_engine: Engine) -> None:
    migrate.downgrade(migrated_engine, "0002")
    with migrated_engine.begin() as conn:  # raw SQL: the models may be ahead of 0002
        stamp = "created_at, updated_at, version"
        now = "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1"
        conn.execute(
            text(
                f"INSERT INTO client ({stamp}, name, name_key, preferred_name, "
                "preferred_language, phone, phone_safe, email, email_safe, address, "
                "address_safe, a_number, immigration_status) VALUES "
                f"({now}, 'Old Matter', 'old matter', '', 'en', '', false, '', false, '', "
                "false, '', '')"
            )
        )
        conn.execute(
            text(
                f"INSERT INTO matter ({stamp}, number, client_id, status, claims, "
                "relief_sought, opened_on, search_text) VALUES "
                f"({now}, 'TA-2025-0001', (SELECT max(id) FROM client), 'intake', '[]', '', "
                "'2025-11-01', 'old matter ta 2025 0001')"
            )
        )
        matter_id = conn.execute(text("SELECT max(id) FROM matter")).scalar_one()
    migrate.upgrade(migrated_engine)

    assert _search(migrated_engine, "old matter") == [matter_id]


def test_search_uses_the_index(migrated_engine: Engine, add_matter: Callable[..., Matter]) -> None:
    add_matter("Núñez")
    plan = _plan(migrated_engine, lambda s: search_matter_ids(s, "nunez", limit=50))
    if migrated_engine.dialect.name == "sqlite":
        assert "matter_fts VIRTUAL TABLE INDEX" in plan
    else:
        assert "ix_matter_search_text_trgm" in plan


def test_backend_search_objects_exist_at_head(migrated_engine: Engine) -> None:
    with migrated_engine.connect() as conn:
        if migrated_engine.dialect.name == "sqlite":
            # A later batch_alter_table("matter") would silently drop these.
            found = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'matter'"
            ).scalars()
            assert set(found) == {"matter_fts_ai", "matter_fts_au", "matter_fts_ad"}
        else:
            found = conn.exec_driver_sql(
                "SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'"
            ).scalars()
            assert list(found) == ["pg_trgm"]


@pytest.mark.postgres
def test_without_pg_trgm_the_migration_falls_back_and_warns(
    pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A role that may not create extensions still gets a working (slower) search."""
    role = f"casekit_t_role_{secrets.token_hex(4)}"
    admin = make_engine(pg_url)
    with admin.begin() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").all():
            pytest.skip("pg_trgm is preinstalled in new databases on this server")
        conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN")
        conn.exec_driver_sql(f"GRANT USAGE, CREATE ON SCHEMA public TO {role}")
    engine = make_engine(make_url(pg_url).set(username=role).render_as_string(False))
    try:
        with caplog.at_level(logging.WARNING, logger="casekit.store.migrations"):
            migrate.upgrade(engine)
        assert "pg_trgm extension could not be created" in caplog.text
        with engine.connect() as conn:
            indexes = set(
                conn.exec_driver_sql(
                    "SELECT indexname FROM pg_indexes WHERE tablename = 'matter'"
                ).scalars()
            )
        assert "ix_matter_search_text" in indexes
        assert "ix_matter_search_text_trgm" not in indexes
        with transaction(engine, actor="tester") as session:
            client = Client(name="Ana", name_key="ana")
            session.add(client)
            session.flush()
            matter = Matter(
                number="TA-1", client_id=client.id, opened_on=date(2026, 1, 2), search_text="ana"
            )
            session.add(matter)
        assert _search(engine, "ana") == [matter.id]
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP OWNED BY {role}")
            conn.exec_driver_sql(f"DROP ROLE {role}")
        admin.dispose()


def test_client_name_prefix(migrated_engine: Engine) -> None:
    with transaction(migrated_engine, actor="tester") as session:
        names = ["Núñez, José", "Nunes Ana", "Ana Núñez", "nu_ez"]
        clients = [Client(name=n, name_key=fold(n)) for n in names]
        session.add_all(clients)
    with Session(migrated_engine) as session:
        found = client_ids_with_name_prefix(session, "nun", limit=10)
        assert found == [clients[1].id, clients[0].id]  # by name_key: "nunes ana" < "nunez jose"
        assert client_ids_with_name_prefix(session, "nu_", limit=10) == []
        assert client_ids_with_name_prefix(session, "nunez j", limit=1) == [clients[0].id]

    plan = _plan(migrated_engine, lambda s: client_ids_with_name_prefix(s, "nun", limit=10))
    if migrated_engine.dialect.name == "sqlite":
        assert "ix_client_name_key_nocase" in plan
    else:
        assert "ix_client_name_key_prefix" in plan


def test_open_deadlines_use_the_partial_index(migrated_engine: Engine) -> None:
    query = select(Deadline.id).where(
        open_deadline(),
        Deadline.safe_target >= date(2026, 6, 1),
        Deadline.safe_target <= date(2026, 7, 1),
    )
    plan = _plan(migrated_engine, lambda s: s.execute(query).all())
    assert "ix_deadline_open_safe_target" in plan
