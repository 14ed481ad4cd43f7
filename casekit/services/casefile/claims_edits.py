"""Changing the claims pleaded and the relief sought on a matter (issue 15, item 1).

One transaction with optimistic locking (``version``: the matter's version as the user saw it;
someone else's change since is a :class:`~casekit.errors.ConflictError` and nothing is written),
audited through the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypedDict, Unpack

from casekit.domain.text import at_most, one_line
from casekit.errors import InvalidInput
from casekit.services.base import AppContext, check_version
from casekit.services.plain import PlainResult

MAX_RELIEF = 200
#: The most relief items a matter lists.
MAX_RELIEF_ITEMS = 20


@dataclass(frozen=True)
class ClaimsChange(PlainResult):
    """What :func:`update_claims` did."""

    matter: str
    claims: tuple[str, ...]
    relief: tuple[str, ...]
    before_claims: tuple[str, ...] = ()
    before_relief: tuple[str, ...] = ()
    version: int = 0
    changed: tuple[str, ...] = field(default=())


RELIEF_SEPARATOR = "; "


def split_relief(text: str) -> tuple[str, ...]:
    """The relief items of a matter's ``relief_sought`` ("injunction; damages")."""
    return tuple(item.strip() for item in (text or "").split(";") if item.strip())


def clean_relief(items: Sequence[str]) -> tuple[str, ...]:
    """Relief items, tidied, duplicates (any case) dropped, each within bounds."""
    seen: dict[str, str] = {}
    for item in items:
        tidy = one_line((item or "").replace(";", ","))
        if not tidy:
            raise InvalidInput("a relief item is empty")
        seen.setdefault(tidy.casefold(), at_most(tidy, MAX_RELIEF, "a relief item"))
    if len(seen) > MAX_RELIEF_ITEMS:
        raise InvalidInput(f"more than {MAX_RELIEF_ITEMS} relief items")
    return tuple(seen.values())


class ClaimsEdit(TypedDict, total=False):
    """What :func:`update_claims` changes: set (``claims``/``relief``) or add and drop."""

    claims: Sequence[str] | None
    add_claims: Sequence[str]
    drop_claims: Sequence[str]
    relief: Sequence[str] | None
    add_relief: Sequence[str]
    drop_relief: Sequence[str]


def _edited_claims(number: str, before: tuple[str, ...], edit: ClaimsEdit) -> list[str]:
    # Imported here: services.matters reaches this package back (it stores screenings through
    # it), an import circle at module level.
    from casekit.services.matters import clean_claims

    wanted = edit.get("claims")
    result = list(clean_claims(wanted) if wanted is not None else before)
    for code in clean_claims(edit.get("drop_claims", ())):
        if code not in result:
            raise InvalidInput(f"{number} does not plead '{code}'")
        result.remove(code)
    result += [c for c in clean_claims(edit.get("add_claims", ())) if c not in result]
    return result


def _edited_relief(number: str, before: tuple[str, ...], edit: ClaimsEdit) -> list[str]:
    wanted = edit.get("relief")
    items = list(clean_relief(wanted) if wanted is not None else before)
    folded = [i.casefold() for i in items]
    for item in clean_relief(edit.get("drop_relief", ())):
        if item.casefold() not in folded:
            raise InvalidInput(f"{number} does not seek '{item[:40]}'")
        index = folded.index(item.casefold())
        del items[index], folded[index]
    items += [i for i in clean_relief(edit.get("add_relief", ())) if i.casefold() not in folded]
    clean_relief(items)  # the bounds, on the result
    return items


def _check_edit(edit: ClaimsEdit) -> None:
    """Every value of ``edit`` checked before the transaction opens."""
    from casekit.services.matters import clean_claims  # the import circle: see _edited_claims

    for claims in (edit.get("claims"), edit.get("add_claims"), edit.get("drop_claims")):
        if claims is not None:
            clean_claims(claims)
    for relief in (edit.get("relief"), edit.get("add_relief"), edit.get("drop_relief")):
        if relief is not None:
            clean_relief(relief)


def update_claims(
    svc: AppContext, matter: str | int, *, version: int | None = None, **edit: Unpack[ClaimsEdit]
) -> ClaimsChange:
    """Set (``claims``/``relief``) or add to and remove from the claims pleaded (the law pack's
    claim ids) and the relief sought; one transaction, refused if the matter changed since
    ``version``. Removing a claim or relief item the matter does not have is an error (a typo
    would otherwise pass silently).
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos.matters import matter_by_ref

    _check_edit(edit)
    with svc.transaction() as session:
        row = matter_by_ref(session=session, ref=matter)
        check_version(row, version, "matter")
        before = tuple(row.claims or ())
        before_relief = split_relief(row.relief_sought)
        result = _edited_claims(row.number, before, edit)
        items = _edited_relief(row.number, before_relief, edit)
        changed = []
        if tuple(result) != before:
            row.claims = list(result)
            changed.append("claims")
        if tuple(items) != before_relief:
            row.relief_sought = RELIEF_SEPARATOR.join(items)
            changed.append("relief")
        if changed:
            row.updated_at = datetime.now(UTC)
            session.add(row)
            session.flush()
        return ClaimsChange(
            matter=row.number,
            claims=tuple(result),
            relief=tuple(items),
            before_claims=before,
            before_relief=before_relief,
            version=row.version,
            changed=tuple(changed),
        )
