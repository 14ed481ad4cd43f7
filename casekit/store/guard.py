"""The last check before anything reaches the database: no implausible date, no NUL character.

Every input path parses dates with :func:`casekit.domain.bounds.parse_day`; this guard makes the
rule hold for paths that do not (a bulk import, a future form): a row whose date lies outside
1900-01-01 .. today + 100 years is refused at flush time with a one-line :class:`InvalidInput`,
so no single row can break a listing or a calendar export. A NUL character in text is refused too
(PostgreSQL cannot store one and SQLite truncates it in places), on both databases alike.
Messages name the field, never the value.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from casekit import config
from casekit.domain.bounds import within_range
from casekit.errors import InvalidInput

_INSTALLED = "casekit.guard"


def _check(obj: Any, today: date) -> None:
    state = inspect(obj)
    table = getattr(state.mapper.local_table, "name", type(obj).__name__)
    for attr in state.mapper.column_attrs:
        if not state.attrs[attr.key].history.added:
            continue
        value = getattr(obj, attr.key)
        if isinstance(value, date):
            if not within_range(value, today):
                raise InvalidInput(
                    f"{table}.{attr.key} is outside the dates casekit accepts "
                    "(1900-01-01 to 100 years ahead); nothing was saved"
                )
        elif isinstance(value, str) and "\x00" in value:
            raise InvalidInput(
                f"{table}.{attr.key} contains a NUL character, which casekit cannot store; "
                "nothing was saved"
            )


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: Any) -> None:
    today = config.today()
    for obj in (*session.new, *session.dirty):
        _check(obj, today)


def install(session: Session) -> None:
    """Check every new or changed row of ``session`` before it is flushed (idempotent).

    Install it before the hooks that rewrite values (sealing), so it sees what the user gave.
    """
    if session.info.get(_INSTALLED):
        return
    event.listen(session, "before_flush", _before_flush)
    session.info[_INSTALLED] = True
