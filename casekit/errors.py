"""Errors a user may see.

Every message is one line, written for a lawyer or paralegal, and never contains client data
(names, dates of birth, A-numbers, addresses): messages end up in terminals, logs and e-mails.
"""

from __future__ import annotations


class CasekitError(Exception):
    """An expected failure with a message fit to show a user. Exit code 2 in the CLI."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(CasekitError):
    """The user gave a value casekit cannot accept (bad date, unknown town, empty name...)."""


class NotFound(CasekitError):
    """A matter, client, rule or other record the user named does not exist."""


class ConflictError(CasekitError):
    """Someone else changed the record since it was read (optimistic locking)."""


class ConfigurationError(CasekitError):
    """casekit is not set up the way the command needs (missing setting, no database...)."""


class IntegrityError(CasekitError):
    """Stored data failed a check (a backup hash, an evidence hash)."""


class KeyMissing(ConfigurationError):
    """No encryption key where casekit looks for one (key file, OS keyring, CASEKIT_KEY_FILE)."""


class KeyMismatch(ConfigurationError):
    """The key casekit found is not the one this database's values are encrypted with."""


class DecryptionFailed(IntegrityError):
    """A sealed value did not open: altered, moved to another record, or not encrypted."""


class AccessDenied(CasekitError):
    """The user's database role may not read or change this (PostgreSQL privileges or wall)."""


class Busy(CasekitError):
    """Another user or program held a lock for longer than casekit waits: retry (exit 75)."""

    exit_code = 75  # EX_TEMPFAIL: a temporary failure, the same command may succeed later

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "the database is busy (another user or program is writing); "
            "nothing was saved, try again in a moment"
        )
