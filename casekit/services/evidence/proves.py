"""``proves`` codes: what an item helps to prove, in canonical form."""

from __future__ import annotations

import re
from collections.abc import Iterable

from casekit.domain import codes
from casekit.errors import InvalidInput
from casekit.services.evidence.results import NOT_PREFIX

_NOT_CODE = re.compile(r"^(?:NOT|NO)[-_ ]?(E\d)(?:_([A-Z0-9_]+))?$")


# --- codes ----------------------------------------------------------------------------------


def normalize_proves(values: Iterable[str]) -> tuple[str, ...]:
    """Canonical ``proves`` codes, in the order given, without duplicates.

    Args:
        values: ``V1``, ``v1_detain_on_detainer``, ``no-E1``, ``NOT_E2_QUALIFYING_CONVICTION`` ...

    Returns:
        Full ids: ``V1_DETAIN_ON_DETAINER``, ``NOT_E1_JUDICIAL_WARRANT`` ...

    Raises:
        InvalidInput: An unknown code, or an exception code without ``no-`` / ``NOT_``.
    """
    out: list[str] = []
    for raw in values:
        text = raw.strip().upper()
        if not text:
            continue
        code = _canonical_code(text, raw)
        if code not in out:
            out.append(code)
    return tuple(out)


def _canonical_code(text: str, raw: str) -> str:
    shown = raw.strip()[:40]
    match = _NOT_CODE.match(text)
    if match:
        short, suffix = match.groups()
        for item in codes.exceptions().values():
            if item.short == short and (suffix is None or item.id == f"{short}_{suffix}"):
                return NOT_PREFIX + item.id
        raise InvalidInput(f"unknown exception code in '{shown}' (use no-E1, no-E2 or no-E3)")
    if text.startswith("E") and text[1:2].isdigit():
        raise InvalidInput(
            f"'{shown}' names an exception; evidence for the client shows its absence: "
            "use no-E1, no-E2 or no-E3"
        )
    return codes.violation(text).id


def short_code(code: str) -> str:
    """``V1`` for ``V1_DETAIN_ON_DETAINER``, ``NOT_E1`` for ``NOT_E1_JUDICIAL_WARRANT``."""
    if code.startswith(NOT_PREFIX):
        return NOT_PREFIX + code.removeprefix(NOT_PREFIX).split("_", 1)[0]
    return code.split("_", 1)[0]
