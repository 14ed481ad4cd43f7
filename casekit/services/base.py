"""The wiring every use case shares: settings, a lazily made engine, one transaction per call."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from casekit import config
from casekit.config import Settings
from casekit.errors import CasekitError, ConflictError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from casekit.store.crypto import Cipher
    from casekit.store.session import Session

_Args = ParamSpec("_Args")
_Out = TypeVar("_Out")

_IMPORT_LOCK = threading.Lock()
_imported = False


def import_data_layer() -> None:
    """Import the database stack (SQLAlchemy, SQLModel, Alembic, the store) once, in one thread.

    Two threads importing SQLAlchemy at the same moment can meet one of its modules half
    initialised (its packages import each other) and fail with an ImportError or
    AttributeError. A program with worker threads (the TUI) calls this in each worker before
    touching the database: the first imports the stack while the others wait; after that it is
    a flag test.
    """
    global _imported
    if _imported:
        return
    with _IMPORT_LOCK:
        if not _imported:
            # The store's modules bring SQLAlchemy, SQLModel and Alembic with them; the services
            # that read through them import them lazily, inside their functions.
            import casekit.store.migrate
            import casekit.store.repos.matter_list
            import casekit.store.repos.matters
            import casekit.store.search
            import casekit.store.session  # noqa: F401

            _imported = True


def notify_stderr(message: str) -> None:
    """The default way services tell the user something they must act on (a new key)."""
    sys.stderr.write(f"note: {message}\n")
    sys.stderr.flush()


class AppContext:
    """The app context: what every use case of one process (a CLI command or a TUI session)
    shares: the settings, the engine (made on first use), the key, "today", the clock and the
    way to tell the user something. Use cases take it as ``svc``."""

    def __init__(
        self,
        settings: Settings,
        *,
        today: date | None = None,
        notify: Callable[[str], None] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings
        self._engine: Engine | None = None
        self._today = today
        self._cipher: Cipher | None = None
        self.notify: Callable[[str], None] = notify or notify_stderr
        #: Where :meth:`now` reads the time (a test injects its own; None: the system clock).
        self.clock = clock

    @property
    def actor(self) -> str:
        return self.settings.actor

    def today(self) -> date:
        """The date rules are evaluated for (``CASEKIT_TODAY`` pins it)."""
        return self._today or config.today()

    def now(self) -> datetime:
        """The current moment, timezone-aware (UTC): timers use it, never rules."""
        return self.clock() if self.clock is not None else datetime.now(UTC)

    @property
    def engine(self) -> Engine:
        """The database engine, made on first use.

        Refused while a restore is unfinished: on SQLite, making the engine would create an
        empty database where the restore is putting the real one.
        """
        if self._engine is None:
            from casekit.store.engine import make_engine

            config.check_no_unfinished_restore(self.settings)
            if self.settings.is_sqlite:
                config.ensure_home(self.settings)
            self._engine = make_engine(self.settings.database_url)
        return self._engine

    @property
    def cipher(self) -> Cipher:
        """The database's encryption key, found and checked once (``casekit.store.keys``).

        Checked before anything is read or written: a missing or wrong key raises
        ``KeyMissing``/``KeyMismatch`` (one line). A new SQLite database with no key anywhere
        gets one, and :attr:`notify` says where it went.
        """
        if self._cipher is None:
            self._cipher = self._resolve_cipher()
        return self._cipher

    def _resolve_cipher(self) -> Cipher:
        from sqlalchemy.exc import IntegrityError

        try:
            return self._cipher_from_database()
        except IntegrityError:
            # Someone registered a key at the same moment: theirs is the database's.
            return self._cipher_from_database()

    def _cipher_from_database(self) -> Cipher:
        from casekit.store import keys

        with self.engine.begin() as conn:
            return keys.resolve(
                conn, allow_create=self.settings.is_sqlite, actor=self.actor, notify=self.notify
            )

    def forget_cipher(self) -> None:
        """Look the key up again on next use (after a rotation or an escrow import)."""
        self._cipher = None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: all of it is written, or none of it.

        The key is checked first, so a wrong or missing key stops it before anything happens.
        """
        from casekit.store.session import transaction

        cipher = self.cipher
        with transaction(
            self.engine, actor=self.actor, cipher=cipher, notify=self.notify
        ) as session:
            yield session

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def in_own_transaction(
    work: Callable[Concatenate[Session, AppContext, _Args], _Out],
) -> Callable[Concatenate[AppContext, _Args], _Out]:
    """The use case ``(svc, ...)`` that runs ``work(session, svc, ...)``, written for the caller's
    transaction, in a transaction of its own."""

    def in_transaction(svc: AppContext, /, *args: _Args.args, **kwargs: _Args.kwargs) -> _Out:
        with svc.transaction() as session:
            return work(session, svc, *args, **kwargs)

    in_transaction.__doc__ = f":func:`{work.__name__}` in a transaction of its own."
    return in_transaction


def build_app_context(settings: Settings | None = None, *, today: date | None = None) -> AppContext:
    """Wire the services for ``settings`` (default: the environment)."""
    return AppContext(settings or config.load_settings(), today=today)


def user_error(exc: BaseException) -> CasekitError | None:
    """The user-facing error for a database failure met outside a transaction, else None.

    A lock held by another writer (or a PostgreSQL lock or statement timeout) is the retryable
    :class:`~casekit.errors.Busy`.
    """
    from casekit.store.engine import busy_error

    return busy_error(exc)


def check_version(row: Any, version: int | None, what: str = "record") -> None:
    """Optimistic locking for a command given the version the user read (``--version``, an
    edit screen): refused once someone else changed ``row`` since (the ``version_id_col``
    check at flush covers the race inside the transaction itself)."""
    if version is not None and row.version != version:
        raise ConflictError(
            f"someone else changed this {what} since you opened it; reload it and try again"
        )
