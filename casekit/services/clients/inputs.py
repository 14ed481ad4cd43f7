"""The client's input models, in the SQLModel family style: a base with the shared fields, then
one variant per use (pydantic models, not tables).

* :class:`ClientBase`: the fields a person fills in about a client, as typed (strings, dates);
* :class:`ClientInput`: a new client (the name is required), for ``client add``, intake and the
  intake form;
* :class:`ClientPatch`: a change to a client's record (only what was given), for ``client
  update`` and the edit dialog.

The public variant is :class:`casekit.services.clients.records.ClientOut` (what the CLI and the
screens show). Values are checked by :mod:`casekit.services.clients.fields`, never here: a model
holds what was typed, so one validation path answers for the CLI, the form and the service.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = ["ClientBase", "ClientInput", "ClientPatch"]


class ClientBase(BaseModel):
    """The client fields a person fills in, as typed (checked by ``client_values``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    preferred_name: str | None = ""
    language: str | None = "en"
    phone: str | None = ""
    phone_safe: bool = False
    email: str | None = ""
    email_safe: bool = False
    address: str | None = ""
    address_safe: bool = False
    date_of_birth: date | str | None = None
    a_number: str | None = ""
    immigration_status: str | None = ""


class ClientInput(ClientBase):
    """A new client: the name is required, every other field has its default."""

    name: str


class ClientPatch(BaseModel):
    """A change to a client's record: ``None`` means "not given" (an empty string clears)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = None
    preferred_name: str | None = None
    language: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    phone_safe: bool | None = None
    email_safe: bool | None = None
    address_safe: bool | None = None
    date_of_birth: date | str | None = None
    a_number: str | None = None
    immigration_status: str | None = None

    def changes(self) -> dict[str, Any]:
        """Only the fields given, by service field name."""
        return {k: v for k, v in self.model_dump().items() if v is not None}
