"""One transaction per use case: all or nothing, foreign keys, optimistic locking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from casekit.errors import ConflictError, InvalidInput
from casekit.store.models import AuditEvent, Client, Matter, Note
from casekit.store.session import transaction

from .conftest import count


class Boom(Exception):
    pass


def test_an_exception_rolls_back_every_row(migrated_engine: Engine) -> None:
    before = {model: count(migrated_engine, model) for model in (Client, Matter, AuditEvent)}

    with pytest.raises(Boom), transaction(migrated_engine, actor="tester") as session:
        client = Client(name="Rosa Díaz", name_key="rosa diaz")
        session.add(client)
        session.flush()  # the client row and its audit event are written...
        session.add(Matter(number="TA-2026-0900", client_id=client.id, opened_on=date.today()))
        session.flush()
        raise Boom  # ...and then the use case fails

    after = {model: count(migrated_engine, model) for model in before}
    assert after == before


def test_foreign_keys_are_enforced(migrated_engine: Engine) -> None:
    with (
        pytest.raises(InvalidInput, match="nothing was saved"),
        transaction(migrated_engine, actor="tester") as session,
    ):
        session.add(Note(matter_id=999_999, author="tester", body="orphan"))

    assert count(migrated_engine, Note) == 0


def test_integrity_error_message_holds_no_values(migrated_engine: Engine) -> None:
    with transaction(migrated_engine, actor="tester") as session:
        client = Client(name="Rosa Díaz", name_key="rosa diaz")
        session.add(client)
        session.flush()
        session.add(Matter(number="TA-2026-0901", client_id=client.id, opened_on=date.today()))
    with pytest.raises(InvalidInput) as caught, transaction(migrated_engine, actor="t") as session:
        session.add(Matter(number="TA-2026-0901", client_id=client.id, opened_on=date.today()))
    assert "TA-2026-0901" not in str(caught.value)


def test_concurrent_edit_raises_conflict_and_keeps_the_first_save(
    migrated_engine: Engine, add_matter: Callable[..., Matter]
) -> None:
    matter_id = add_matter().id

    with pytest.raises(ConflictError, match="someone else changed this record"):
        with transaction(migrated_engine, actor="paralegal") as second:
            mine = second.get(Matter, matter_id)
            assert mine is not None and mine.version == 1
            # Meanwhile the attorney opens the same matter and saves first.
            with transaction(migrated_engine, actor="attorney") as first:
                theirs = first.get(Matter, matter_id)
                assert theirs is not None
                theirs.relief_sought = "damages and fees"
            mine.status = "declined"

    with Session(migrated_engine) as session:
        stored = session.get(Matter, matter_id)
        assert stored is not None
        assert stored.relief_sought == "damages and fees"  # the first save is intact
        assert stored.status == "intake"  # the stale save wrote nothing
        assert stored.version == 2


def test_saving_a_stale_copy_raises_conflict(
    migrated_engine: Engine, add_matter: Callable[..., Matter]
) -> None:
    """The TUI flow: read in one transaction, edit on screen, save in another."""
    stale = add_matter()  # detached, version 1
    matter_id = stale.id
    with transaction(migrated_engine, actor="attorney") as session:
        fresh = session.get(Matter, matter_id)
        assert fresh is not None
        fresh.status = "active"

    stale.status = "declined"
    with pytest.raises(ConflictError), transaction(migrated_engine, actor="paralegal") as session:
        session.add(stale)

    with Session(migrated_engine) as session:
        stored = session.get(Matter, matter_id)
        assert stored is not None and (stored.status, stored.version) == ("active", 2)
