"""The firm settings that set a letter's dates: ``documents.response_days`` (a demand or
preservation letter's answer date) and ``documents.preservation_days``."""

from __future__ import annotations

from collections.abc import Mapping

from casekit.errors import ConfigurationError, InvalidInput

#: Setting: days a demand or preservation letter gives the recipient to answer.
RESPONSE_DAYS_KEY = "documents.response_days"
DEFAULT_RESPONSE_DAYS = 30
MAX_RESPONSE_DAYS = 365
#: Setting: days a preservation letter gives the custodian to confirm (default 10).
PRESERVATION_DAYS_KEY = "documents.preservation_days"
DEFAULT_PRESERVATION_DAYS = 10
MAX_PRESERVATION_DAYS = 90


def parse_response_days(value: str) -> str:
    """Check a ``documents.response_days`` value (1 to 365 days); returns it normalised."""
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_RESPONSE_DAYS:
        raise InvalidInput(
            f"{RESPONSE_DAYS_KEY} must be a number of days from 1 to {MAX_RESPONSE_DAYS}"
        )
    return str(int(text))


def preservation_days(settings: Mapping[str, str]) -> int:
    raw = settings.get(PRESERVATION_DAYS_KEY, "").strip()
    if not raw:
        return DEFAULT_PRESERVATION_DAYS
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PRESERVATION_DAYS:
        raise ConfigurationError(
            f"{PRESERVATION_DAYS_KEY} is not a number of days from 1 to {MAX_PRESERVATION_DAYS}: "
            f"run casekit settings set {PRESERVATION_DAYS_KEY} {DEFAULT_PRESERVATION_DAYS}"
        )
    return int(raw)


def response_days(settings: Mapping[str, str]) -> int:
    raw = settings.get(RESPONSE_DAYS_KEY, "").strip()
    if not raw:
        return DEFAULT_RESPONSE_DAYS
    try:
        return int(parse_response_days(raw))
    except InvalidInput:
        raise ConfigurationError(
            f"{RESPONSE_DAYS_KEY} is not a number of days from 1 to {MAX_RESPONSE_DAYS}: "
            f"run casekit settings set {RESPONSE_DAYS_KEY} {DEFAULT_RESPONSE_DAYS}"
        ) from None
