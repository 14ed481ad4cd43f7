"""The values a template will be filled with for one matter, flattened for the TUI's preview.
Nothing is written."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from casekit.services.documents.facts import find_matter
from casekit.services.documents.prepare import prepare_in, shared_in
from casekit.services.documents.templates import template_request

if TYPE_CHECKING:
    from casekit.services.base import AppContext

_PATH_TOKENS = re.compile(r"\[\]|[^.\[\]]+")


def preview(
    svc: AppContext, template: str, matter_number: str | int, lang: str | None = None
) -> dict[str, str]:
    """The values that will fill ``template`` for this matter, flattened for display.

    Keys are the template's own fields (``client.name``, ``incident.date``,
    ``violations[].short``...) in alphabetical order; values are text (ISO dates; the items of a
    list joined by ``"; "``). Nothing is written.
    """
    from casekit.docgen.check import template_variables
    from casekit.docgen.context import build_context

    request = template_request(svc, template, lang)
    with svc.transaction() as session:
        matter = find_matter(session, matter_number)
        job = prepare_in(session, svc, matter, request, shared_in(session, svc), refuse=False)
    context = build_context(
        job.template, job.facts, job.firm, job.today, job.lang, job.extra, plan=job.plan
    )
    return flatten_values(template_variables(job.template_path), context)


def flatten_values(paths: Iterable[str], context: Mapping[str, Any]) -> dict[str, str]:
    """``{"client.name": "…", "violations[].short": "a; b"}`` for the most specific paths."""
    wanted = set(paths)
    leaves = sorted(
        p for p in wanted if not any(q.startswith((p + ".", p + "[]")) for q in wanted if q != p)
    )
    values: dict[str, str] = {}
    for path in leaves:
        found = _lookup(context, _PATH_TOKENS.findall(path))
        if found is None:
            continue
        if "[]" in path:
            values[path] = "; ".join(t for t in (_text(v) for v in found) if t)
        else:
            values[path] = _text(found[0]) if found else ""
    return values


def _lookup(context: Mapping[str, Any], tokens: Sequence[str]) -> list[Any] | None:
    current: list[Any] = [context]
    for part in tokens:
        if part == "[]":
            current = [item for v in current if isinstance(v, list | tuple) for item in v]
            continue
        live = [v for v in current if v is not None]  # an empty value: nothing below it
        nxt = [v[part] for v in live if isinstance(v, Mapping) and part in v]
        if live and not nxt:
            return None  # not a field of the context (a loop alias the scan could not follow)
        current = nxt
    return current


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items() if _text(v))
    if isinstance(value, list | tuple):
        return "; ".join(t for t in (_text(v) for v in value) if t)
    return str(value)
