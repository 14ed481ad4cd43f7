"""Helpers for the store tests: folding as the services do, and minimal rows."""

from __future__ import annotations

import itertools
import string
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import SQLModel

from casekit.store.models import Client, Matter
from casekit.store.session import transaction

_PUNCTUATION = str.maketrans(dict.fromkeys(string.punctuation, " "))


def fold(text: str) -> str:
    """Lower case, accents stripped, punctuation removed (casekit.domain.text.fold's contract)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().translate(_PUNCTUATION).split())


def count(engine: Engine, model: type[SQLModel]) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


_numbers = itertools.count(1)


@pytest.fixture
def add_matter(migrated_engine: Engine) -> Callable[..., Matter]:
    """``add_matter("José Núñez", **matter_fields)``: a client and a matter, committed."""

    def add(client_name: str = "Ana Pérez", **fields: Any) -> Matter:
        number = f"TA-2026-{next(_numbers):04d}"
        with transaction(migrated_engine, actor="tester") as session:
            client = Client(name=client_name, name_key=fold(client_name))
            session.add(client)
            session.flush()
            values: dict[str, Any] = {
                "number": number,
                "client_id": client.id,
                "opened_on": date(2026, 1, 15),
                "search_text": fold(f"{client_name} {number}"),
            }
            values.update(fields)
            matter = Matter(**values)
            session.add(matter)
        return matter

    return add
