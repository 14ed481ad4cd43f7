"""The matter's history written for people: one sentence per audit event.

"Incident date changed from 2025-12-13 to 2025-12-12 by maria", "Deadline marked done by
pedro", "Note written by maria", instead of the field list. :func:`describe` is pure (no I/O, no
key): it reads what the audit log records in clear (dates, statuses, codes) and names the fields
whose values are sealed or redacted without their values ("Narrative changed by maria").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

REDACTED = "[redacted]"
SEALED_PREFIX = "ck1."  # casekit.store.crypto.TOKEN_PREFIX (kept pure: no import of the store)

#: How each table is called in a sentence.
ENTITIES = {
    "matter": "Matter",
    "incident": "Incident",
    "client": "Client",
    "custodyevent": "Custody event",
    "party": "Party",
    "evidence": "Evidence",
    "evidencecustody": "Evidence custody entry",
    "recordsrequest": "Records request",
    "deadline": "Deadline",
    "deadlineadjustment": "Deadline adjustment",
    "document": "Document",
    "note": "Note",
    "screening": "Screening",
    "recomputemarker": "Out-of-date marker",
    "timeentry": "Time entry",
    "cost": "Cost",
    "resolutionevent": "Resolution event",
    "feepetition": "Fee petition",
    "matterteam": "Matter team",
}
#: What a create is called, when "added" does not read well.
CREATED = {
    "note": "Note written",
    "document": "Document generated",
    "screening": "Screening recorded",
    "evidencecustody": None,  # every view of an item: too many to list (its custody log has them)
    "recomputemarker": "Deadlines marked out of date",
}
#: Field names in words, by (table, field) or field alone.
FIELDS: dict[tuple[str, str] | str, str] = {
    ("incident", "occurred_on"): "Incident date",
    ("incident", "occurred_at"): "Incident time",
    ("incident", "violations"): "Violations",
    ("incident", "judicial_warrant"): "Judicial warrant",
    ("incident", "tsdb_match"): "Database match",
    ("incident", "narrative"): "Narrative",
    ("matter", "status"): "Status",
    ("matter", "attorney_id"): "Responsible attorney",
    ("matter", "claims"): "Claims",
    ("matter", "relief_sought"): "Relief sought",
    ("deadline", "due"): "Deadline due date",
    ("deadline", "safe_target"): "Safe target",
    ("deadline", "status"): "Deadline status",
    ("deadline", "status_reason"): "Reason",
    ("deadline", "completed_on"): "Done on",
    ("recomputemarker", "resolution"): "Out-of-date marker",
    ("recomputemarker", "reason"): "Reason",
    "a_number": "A-number",
    "date_of_birth": "Date of birth",
    "immigration_status": "Immigration status",
    "process_on": "Date of process",
    "return_on": "Return date",
    "marshal_delivery_on": "Marshal delivery",
    "sent_on": "Sent",
    "received_on": "Received",
    "response_on": "Answered",
    "denial_on": "Denied",
}
#: Bookkeeping and derived fields never worth a sentence.
SKIPPED = frozenset(
    {
        "changed_by",
        "trail",
        "search_text",
        "name_key",
        "law_version",
        "key",
        "closed_with_matter",
        "resolved_by",
        "resolved_on",
        "deadline_ids",
        "added",
        "changed_on",
        "cause",
        "title",
        "citation",
        "confidence",
        "overridden",
    }
)
#: A status change reads "Deadline marked done", not "status changed from open to done".
STATUS_WORDS = {
    ("deadline", "done"): "marked done",
    ("deadline", "waived"): "waived",
    ("deadline", "open"): "opened again",
    ("deadline", "superseded"): "superseded",
    ("recomputemarker", "accepted"): "cleared: the recompute was accepted",
    ("recomputemarker", "kept"): "cleared: the deadlines were kept as they are",
    ("recomputemarker", "cleared"): "cleared: nothing left to move",
}


def _hidden(value: Any) -> bool:
    return value == REDACTED or (isinstance(value, str) and value.startswith(SEALED_PREFIX))


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    if len(text) >= 16 and text[10:11] == "T":  # an ISO timestamp: minutes are enough
        return text[:16].replace("T", " ")
    return text


def field_name(entity: str, field: str) -> str:
    """A field in words: the table's own name, else the field's, else the field id."""
    return FIELDS.get((entity, field)) or FIELDS.get(field) or field.replace("_", " ").capitalize()


def _clause(entity: str, field: str, change: Mapping[str, Any]) -> str:
    before, after = change.get("before"), change.get("after")
    name = field_name(entity, field)
    if _hidden(before) or _hidden(after):
        return f"{name} changed"
    if before in (None, "", []):
        return f"{name} set to {_shown(after)}"
    if after in (None, "", []):
        return f"{name} cleared (was {_shown(before)})"
    return f"{name} changed from {_shown(before)} to {_shown(after)}"


def describe(entity: str, action: str, changes: Mapping[str, Any] | None, actor: str) -> str:
    """One audit event as a sentence ("" for events not worth showing).

    Args:
        entity: The table (``incident``).
        action: ``create``, ``update`` or ``delete``.
        changes: ``{field: {"before": ..., "after": ...}}`` as the audit log stores them.
        actor: The display name recorded with the event.
    """
    thing = ENTITIES.get(entity, entity.replace("_", " ").capitalize())
    who = f" by {actor}" if actor else ""
    changes = changes or {}
    if action == "create":
        said = CREATED.get(entity, f"{thing} added")
        if said is None:
            return ""
        if entity == "screening" and "decision" in changes:
            said += f": {_shown(changes['decision'].get('after'))}"
        return f"{said}{who}"
    if action == "delete":
        return f"{thing} removed{who}"
    status = changes.get("status") or changes.get("resolution")
    lead = ""
    if status is not None and (entity, status.get("after")) in STATUS_WORDS:
        lead = f"{thing} {STATUS_WORDS[(entity, status.get('after'))]}"
    quiet = set(SKIPPED)
    if lead:
        quiet |= {"status", "resolution", "completed_on", "status_reason", "reason"}
        why = (changes.get("status_reason") or changes.get("reason") or {}).get("after")
        if why and not _hidden(why):
            lead += f" ({why})"
    moment = changes.get("occurred_at")
    day = changes.get("occurred_on")
    if isinstance(moment, Mapping) and isinstance(day, Mapping):
        # A new date moves the stored moment too: say it once, unless the time changed as well.
        times = {str(moment.get(side) or "")[11:16] for side in ("before", "after")}
        if len(times) == 1:
            quiet.add("occurred_at")
    clauses = [
        _clause(entity, f, c)
        for f, c in sorted(changes.items(), key=lambda item: field_name(entity, item[0]))
        if f not in quiet and isinstance(c, Mapping)
    ]
    parts = ([lead] if lead else []) + clauses
    if not parts:
        return f"{thing} updated{who}"
    text = "; ".join(p[0].lower() + p[1:] if n else p for n, p in enumerate(parts))
    return f"{text[0].upper()}{text[1:]}{who}"
