"""Who a letter goes to, and the letter-only paragraphs (preservation, records requests).

One addressee block per recipient: an office ("Town Clerk", "Chief of Police", "Records
Custodian"), the entity it belongs to, and the street address split into mailing lines. Titles
and addresses come from the registry as services read it (the town's ``clerk_title`` and
``clerk_address``, the agency's ``address``, a party's ``service_address``, the Attorney General's
address in the law pack's ``actors.toml``); nothing is built from a "Town of" prefix. Where the
registry has no address, the block carries a ``[[placeholder]]`` (highlighted by the renderer)
and the drafting notes say so; a line is never printed twice ("Town Clerk / Town of Newtown /
Town Clerk, Town of Newtown").

Which letter goes to whom (trust-act.md § 6: demand and preservation letters, FOI requests):

* ``demand-letter``: a municipality's chief executive officer and clerk (copy to the chief of
  police); the Attorney General and the head of the agency for a State agency;
* ``preservation-letter``: the records custodian of each agency involved, with a copy to the
  municipality's counsel or, in a State matter, the Attorney General;
* ``foi-request``: the agency's Freedom of Information officer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casekit.docgen.environment import long_date
from casekit.domain.lawpack import LawPack, default_pack
from casekit.domain.model import Agency, MatterFacts, Party, Town
from casekit.domain.text import one_line
from casekit.domain.vocabulary import CONFIRMED

__all__ = ["Addressees", "addressees", "foi_records", "mailing_lines", "split_address"]

#: The office a letter to an agency is addressed to, by the agency's kind (agencies.csv ``kind``).
HEAD_TITLES: dict[str, str] = {
    "municipal_police": "Chief of Police",
    "state_police": "Commanding Officer",
    "corrections": "Warden",
    "university_police": "Chief of Police",
}
_HEAD_DEFAULT = "Head of Agency"
_CUSTODIAN = "Records Custodian"
_FOI_OFFICER = "Freedom of Information Officer"
_CEO = "Chief Executive Officer"
_CLERK = "Clerk"
_VERIFIED = "verified"


@dataclass
class Addressees:
    """The blocks a letter opens with, its ``cc:`` lines and the notes for the attorney."""

    to: list[dict[str, Any]] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def split_address(address: str) -> list[str]:
    """``"2 Elm Street, Ansonia, CT 06401"`` → ``["2 Elm Street", "Ansonia, CT 06401"]``; an
    address stored on several lines keeps its lines."""
    if "\n" in address:
        return [line.strip() for line in address.splitlines() if line.strip()]
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if len(parts) < 3:
        return [", ".join(parts)] if parts else []
    return [", ".join(parts[:-2]), ", ".join(parts[-2:])]


def _street_only(address: str, drop: Iterable[str]) -> str:
    """A stored service address without the title and name it starts with ("Town Clerk, Town
    of Newtown, 3 Primrose Street, ..." → "3 Primrose Street, ...")."""
    dropped = {d.casefold() for d in drop if d}
    sep = "\n" if "\n" in address else ","
    parts = [p.strip() for p in address.split(sep)]
    while parts and (parts[0].casefold() in dropped or parts[0].endswith("Clerk")):
        parts.pop(0)
    return (sep if sep == "\n" else ", ").join(p for p in parts if p)


def mailing_lines(*lines: str) -> list[str]:
    """The lines of one block with empty and repeated ones left out (case-insensitive)."""
    out: list[str] = []
    seen: set[str] = set()
    for line in lines:
        key = one_line(line).casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(line)
    return out


class _Builder:
    def __init__(self, facts: MatterFacts, pack: LawPack) -> None:
        self.facts = facts
        self.pack = pack
        self.words = pack.pleading
        self.out = Addressees()
        self._noted: set[str] = set()

    # -- one block ------------------------------------------------------------------------------

    def block(
        self, office: str, entity: str, address: str, *, status: str = _VERIFIED
    ) -> dict[str, Any]:
        who = f"the {office}, {entity}" if entity and entity != office else f"the {office}"
        if address:
            lines = mailing_lines(office, entity, *split_address(address))
            if not status.startswith(_VERIFIED):
                self.note(self.words.say("letter.address_unverified", who=who, status=status))
            missing = False
        else:
            placeholder = self.words.say("addressee.address_missing", office=office, entity=entity)
            lines = mailing_lines(office, entity, placeholder)
            self.note(self.words.say("letter.address_missing", who=who))
            missing = True
        return {"office": office, "entity": entity, "lines": lines, "address_missing": missing}

    def note(self, text: str) -> None:
        if text not in self._noted:
            self._noted.add(text)
            self.out.notes.append(text)

    def to(self, block: dict[str, Any]) -> None:
        if all(b["lines"] != block["lines"] for b in self.out.to):
            self.out.to.append(block)

    def cc(self, block: dict[str, Any]) -> None:
        line = ", ".join(block["lines"])
        if line not in self.out.cc:
            self.out.cc.append(line)

    # -- the registry ---------------------------------------------------------------------------

    def town_of(self, municipality: str, hint: str | None = None) -> Town | None:
        towns = self.facts.towns
        found = next((t for t in towns if t.legal_name and t.legal_name == municipality), None)
        if found is None and hint:
            found = next((t for t in towns if t.name == hint), None)
        return found

    def clerk(self, municipality: str, service_address: str = "", town: str | None = None) -> Any:
        row = self.town_of(municipality, town)
        title = (row.clerk_title if row is not None else "") or _CLERK
        address = row.clerk_address if row is not None else ""
        if not address and service_address:
            address = _street_only(service_address, (title, municipality))
        return self.block(title, municipality, address)

    def ceo(self, municipality: str) -> Any:
        return self.block(_CEO, municipality, "")

    def counsel(self, municipality: str) -> Any:
        return self.block(self.words.text("addressee.counsel").text, municipality, "")

    def attorney_general(self) -> Any:
        state = self.pack.defendants.get("state")
        stored = state.service_address if state is not None else ""
        office, _, rest = stored.partition(", ")
        status = _VERIFIED
        if state is not None and state.service_address_confidence not in ("", CONFIRMED):
            status = state.service_address_confidence
        return self.block(office or "Office of the Attorney General", "", rest, status=status)

    def agency(self, row: Agency | None, name: str, kind: str, office: str | None = None) -> Any:
        title = office or HEAD_TITLES.get(kind, _HEAD_DEFAULT)
        address = row.address if row is not None else ""
        status = (row.address_status if row is not None else "") or _VERIFIED
        return self.block(title, name, address, status=status)


def addressees(
    template: str,
    facts: MatterFacts,
    agency: Mapping[str, Any],
    municipality: Mapping[str, Any],
    pack: LawPack | None = None,
) -> Addressees:
    """The addressee blocks, ``cc:`` lines and address notes of ``template`` for this matter.

    Args:
        template: the template name (``demand-letter``, ``preservation-letter``, ``foi-request``;
            any other name gets the demand letter's addressees).
        facts: the matter.
        agency: the context's ``agency`` (the first incident's agency, with ``state``).
        municipality: the context's ``municipality`` (``name``, ``known``).
        pack: the law pack (the Attorney General's address, the wording of placeholders).
    """
    b = _Builder(facts, pack or default_pack())
    rows = {a.name: a for a in facts.agencies}
    incidents = sorted(facts.incidents, key=lambda i: i.occurred_on)
    involved = list(dict.fromkeys((i.agency, i.agency_kind) for i in incidents))
    defendants = facts.defendants
    towns = [p for p in defendants if p.kind == "municipality"]
    state = bool(agency.get("state")) or any(p.kind == "state" for p in defendants)
    municipal_names = [p.name for p in towns] or (
        [municipality["name"]] if municipality.get("known") and not state else []
    )

    if template == "foi-request":
        for name, kind in involved:
            b.to(b.agency(rows.get(name), name, kind, _FOI_OFFICER))
        return b.out
    if template == "preservation-letter":
        for name, kind in involved:
            b.to(b.agency(rows.get(name), name, kind, _CUSTODIAN))
        for name in municipal_names:
            b.cc(b.counsel(name))
        if state:
            b.cc(b.attorney_general())
        return b.out

    _demand(b, _Involved(rows, involved, towns, municipal_names, state), agency.get("town"))
    return b.out


@dataclass(frozen=True)
class _Involved:
    """Who a letter about this matter concerns: the agencies, the towns, the State."""

    rows: Mapping[str, Agency]
    agencies: list[tuple[str, str]]  # (name, kind) of each incident's agency, in order
    towns: list[Party]
    municipal_names: list[str]
    state: bool


def _demand(b: _Builder, who: _Involved, town: str | None) -> None:
    """The demand letter (and any other letter): those who answer for the conduct."""
    for party in who.towns:
        b.to(b.ceo(party.name))
        b.to(b.clerk(party.name, party.service_address, party.town))
    if not who.towns and who.municipal_names:
        b.to(b.ceo(who.municipal_names[0]))
        b.to(b.clerk(who.municipal_names[0], town=town))
    if who.state:
        b.to(b.attorney_general())
    for party in b.facts.defendants:
        if party.kind in ("agency",):
            row = who.rows.get(party.name)
            address = row.address if row is not None else party.service_address
            b.to(b.block(_HEAD_DEFAULT, party.name, _street_only(address, (party.name,))))
    for name, kind in who.agencies:
        block = b.agency(who.rows.get(name), name, kind)
        if who.state and not who.towns:
            b.to(block)
        else:
            b.cc(block)
    if not b.out.to:
        name, kind = who.agencies[0]
        b.to(b.agency(who.rows.get(name), name, kind))


def foi_records(
    records: Sequence[str],
    spans: Sequence[str],
    start: date,
    end: date,
    pack: LawPack | None = None,
) -> list[dict[str, str]]:
    """The records list of an FOI request, each category with its period."""
    words = (pack or default_pack()).pleading
    out = []
    for index, text in enumerate(records):
        span = spans[index] if index < len(spans) else "events"
        key = {"policy": "foi.range_policy", "reports": "foi.range_reports"}.get(
            span, "foi.range_events"
        )
        out.append(
            {
                "text": text,
                "range": words.say(key, start=long_date(start), end=long_date(end)),
            }
        )
    return out
