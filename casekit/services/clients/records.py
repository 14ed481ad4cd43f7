"""Clients: recording a person, the client list, one client's record, changing it.

Date of birth, A-number and immigration status are sensitive (``SENSITIVE``): they are stored
encrypted (``casekit.store.sealed``), returned only when the caller asks for them
(``include_sensitive``), and no message ever repeats them, or the client's name. Contact fields
the firm marked sensitive (``privacy.sensitive_fields``) are encrypted too and shown as
``[sensitive]`` unless asked for.

Look-ups by A-number or date of birth compare blind indexes (keyed hashes), never plaintext:
:func:`clients_with_a_number`, :func:`clients_with_date_of_birth`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.model import Client
from casekit.domain.text import fold
from casekit.errors import InvalidInput
from casekit.services.base import AppContext, check_version
from casekit.services.clients.fields import (
    CHANNELS,
    _clean_field,
    check_safe,
    client_values,
    parse_dob,
)
from casekit.services.clients.inputs import ClientInput
from casekit.store import repo, sealed
from casekit.store.repos import clients as client_rows
from casekit.store.repos.matters_write import search_text

if TYPE_CHECKING:
    from casekit.store.models import Client as ClientRow
    from casekit.store.repos.clients import Session

SENSITIVE = ("date_of_birth", "a_number", "immigration_status")


@dataclass(frozen=True, kw_only=True)
class ClientOut(Client):
    """A client as the CLI and the screens see it: the domain :class:`~casekit.domain.model.Client`
    with its id, its matters' numbers and the row's version. Sensitive fields travel only on
    request."""

    id: int
    matters: tuple[str, ...] = ()
    #: The row's version as read: ``client update --version`` refuses it once someone changed it.
    version: int = 0
    sensitive_included: bool = field(default=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain values for JSON: the id, the client's fields, the matters, the sensitive fields
        only if they were asked for, and the version."""
        data: dict[str, Any] = {"id": self.id}
        data.update(
            (f.name, getattr(self, f.name)) for f in fields(Client) if f.name not in SENSITIVE
        )
        data["matters"] = list(self.matters)
        if self.sensitive_included:
            data.update((name, getattr(self, name)) for name in SENSITIVE)
        data["version"] = self.version
        return data


def clients_with_a_number(svc: AppContext, a_number: str) -> list[int]:
    """Ids of the clients with this A-number (any spelling: "A-012-345-678"), by blind index."""
    with svc.transaction() as session:
        return repo.clients_by_a_number(session=session, a_number=a_number)


def clients_with_date_of_birth(svc: AppContext, date_of_birth: date | str) -> list[int]:
    """Ids of the clients born on this date, by blind index (for the conflict check)."""
    dob = parse_dob(date_of_birth, svc.today())
    if dob is None:
        return []
    with svc.transaction() as session:
        return repo.clients_by_date_of_birth(session=session, date_of_birth=dob)


def add_client(svc: AppContext, client: ClientInput | None = None, /, **fields: Any) -> ClientOut:
    """Record a new client (``client``, or its fields as keywords). Everything is checked before
    anything is written.

    A contact channel may be marked safe only if it is given: "safe to contact" on an empty
    phone is a mistake worth catching at intake.
    """
    values = client_values(svc.today(), client or ClientInput(**fields))
    with svc.transaction() as session:
        row = insert_client(session, values)
        # The sensitive values just entered are not handed back: show_client(include_sensitive).
        return _out(row, (), include_sensitive=False)


def refuse_duplicate_a_number(svc: AppContext, a_number: str) -> None:
    """InvalidInput if a client with this A-number is recorded (before asking about conflicts:
    a definite duplicate is refused outright, not offered as a possible conflict)."""
    with svc.transaction() as session:
        _refuse_duplicate_a_number(session, a_number)


def _refuse_duplicate_a_number(
    session: Session, a_number: str, *, exclude: int | None = None
) -> None:
    if a_number:
        same = [
            i for i in repo.clients_by_a_number(session=session, a_number=a_number) if i != exclude
        ]
        if same:
            raise InvalidInput(
                f"a client with this A-number is already recorded (id {same[0]}); "
                f"see casekit client show {same[0]}"
            )


def insert_client(session: Session, values: dict[str, Any]) -> ClientRow:
    """Insert a client from :func:`~casekit.services.clients.fields.client_values` inside the
    caller's transaction."""
    _refuse_duplicate_a_number(session, values.get("a_number", ""))
    return client_rows.insert_client(session=session, values=values)


def _out(
    client: Any,
    matters: tuple[str, ...],
    *,
    include_sensitive: bool,
    opened: dict[str, Any] | None = None,
) -> ClientOut:
    """``client`` (ORM object or Core row) for callers; ``opened`` holds its decrypted fields
    (:func:`casekit.store.sealed.open_client`) when they were asked for."""
    secret = opened if include_sensitive and opened is not None else {}

    def contact(name: str) -> str:
        return str(secret[name]) if name in secret else sealed.shown(getattr(client, name))

    return ClientOut(
        id=client.id,
        name=client.name,
        preferred_name=client.preferred_name or "",
        preferred_language=client.preferred_language or "",
        phone=contact("phone"),
        phone_safe=bool(client.phone_safe),
        email=contact("email"),
        email_safe=bool(client.email_safe),
        address=contact("address"),
        address_safe=bool(client.address_safe),
        matters=matters,
        date_of_birth=secret.get("date_of_birth"),
        a_number=secret.get("a_number", ""),
        immigration_status=secret.get("immigration_status", ""),
        version=int(getattr(client, "version", 0) or 0),
        sensitive_included=include_sensitive,
    )


def open_sensitive(session: Session, client: Any) -> dict[str, Any]:
    """The client's encrypted fields in plaintext (for a deliberate request only)."""
    return sealed.open_client(
        sealed.session_cipher(session), client, marked=sealed.session_marked(session)
    )


def list_clients(svc: AppContext, *, limit: int | None = None, offset: int = 0) -> list[ClientOut]:
    """Clients by name, with their matter numbers; never the sensitive fields."""
    with svc.engine.connect() as conn:
        rows = client_rows.client_page(session=conn, limit=limit, offset=offset)
        ids = [r.id for r in rows]
        numbers: dict[int, list[str]] = {}
        if ids:
            paged = limit is not None or bool(offset)
            numbers = client_rows.matter_numbers_of(session=conn, client_ids=ids if paged else None)
    return [_out(r, tuple(numbers.get(r.id, ())), include_sensitive=False) for r in rows]


def show_client(svc: AppContext, ref: str, *, include_sensitive: bool = False) -> ClientOut:
    """One client by id, A-number (by blind index) or exact (folded) name, with their matter
    numbers; the encrypted fields are decrypted only when ``include_sensitive``."""
    with svc.transaction() as session:
        client = repo.find_client(session=session, ref=ref)
        numbers = client_rows.matter_numbers(session=session, client_id=client.id)
        opened = open_sensitive(session, client) if include_sensitive else None
        return _out(client, numbers, include_sensitive=include_sensitive, opened=opened)


@dataclass(frozen=True)
class ClientUpdate:
    """What :func:`update_client` did: the client as shown (no sensitive values), which fields
    changed (names only, never values) and the contact channels whose safe flag changed."""

    client: ClientOut
    changed: tuple[str, ...]
    safe_changes: tuple[tuple[str, bool], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.client.to_dict(),
            "changed": list(self.changed),
            "safe_changes": [{"channel": c, "safe": s} for c, s in self.safe_changes],
        }


def update_client(
    svc: AppContext,
    ref: str,
    *,
    changes: dict[str, Any],
    version: int | None = None,
) -> ClientUpdate:
    """Change a client's record in one transaction.

    ``changes`` holds only what the user gave (the fields of
    :class:`~casekit.services.clients.inputs.ClientPatch`; an empty string clears a field).
    Everything is checked before anything is written; a channel cleared loses its safe flag,
    and a channel cannot be marked safe while empty. The sealed fields are sealed again by the
    session; the audit log records the change (sealed values stay sealed there too).
    """
    values = dict(_clean_field(svc, key, value) for key, value in changes.items())
    with svc.transaction() as session:
        return update_client_in(session, ref, values, version=version)


def update_client_in(
    session: Session, ref: str, values: dict[str, Any], *, version: int | None = None
) -> ClientUpdate:
    """:func:`update_client` inside the caller's transaction; ``values`` already checked
    (column names, as :func:`~casekit.services.clients.fields.clean_field` gives them)."""
    values = dict(values)
    client = repo.find_client(session=session, ref=ref)
    check_version(client, version, "client")
    # Sealed values are opened only when this change touches them (a paralegal on an
    # office's PostgreSQL may change contacts without the right to read sensitive fields).
    touches = set(values) & set(SENSITIVE) or sealed.session_marked(session)
    opened = open_sensitive(session, client) if touches else {}
    _settle_channels(client, values, opened)
    _refuse_duplicate_a_number(session, values.get("a_number", ""), exclude=client.id)
    changed: list[str] = []
    safe_changes: list[tuple[str, bool]] = []
    for column, value in values.items():
        before = opened[column] if column in opened else getattr(client, column)
        if (before or None) == (value or None):
            continue
        if column.endswith("_safe"):
            safe_changes.append((column.removesuffix("_safe"), bool(value)))
        changed.append(column)
        setattr(client, column, value)
    if "name" in changed:
        client.name_key = fold(client.name)
        # The matter list and search read the client's name from each matter's search text.
        for matter, town, agency in client_rows.matters_with_places(
            session=session, client_id=client.id
        ):
            matter.search_text = search_text(client.name, matter.number, town, agency)
            session.add(matter)
    if changed:
        session.add(client)
        session.flush()
    numbers = client_rows.matter_numbers(session=session, client_id=client.id)
    return ClientUpdate(
        client=_out(client, numbers, include_sensitive=False),
        changed=tuple(changed),
        safe_changes=tuple(safe_changes),
    )


def _settle_channels(client: ClientRow, values: dict[str, Any], opened: dict[str, Any]) -> None:
    """Refuse a channel marked safe while empty; a channel cleared loses its safe flag."""
    current = {c: opened.get(c, getattr(client, c)) for c in CHANNELS}
    for channel in CHANNELS:
        text = values.get(channel, current[channel])
        flag = f"{channel}_safe"
        check_safe(channel, text, bool(values.get(flag)))
        if channel in values and not text and getattr(client, flag):
            values[flag] = False  # no channel, nothing safe to use
