"""The template catalogue of a matter document: which templates there are, which language a
client's document is written in, and a firm's translation of a shipped template."""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.errors import InvalidInput, NotFound
from casekit.services.documents.facts import find_matter
from casekit.services.documents.results import DEFAULT_LANG
from casekit.store.repos import documents as repo

if TYPE_CHECKING:
    from casekit.docgen.registry import TemplateInfo
    from casekit.services.base import AppContext


@dataclass(frozen=True)
class TemplateRequest:
    """A checked template name, the language asked for (None: the client's), its languages."""

    name: str
    wanted: str | None
    languages: tuple[str, ...]


def templates_list(svc: AppContext, *, kind: str | None = None) -> list[TemplateInfo]:
    """Every template, shipped and the firm's own, by name (``kind``: ``matter`` or ``report``)."""
    from casekit.docgen.registry import list_templates as docgen_templates

    infos = docgen_templates(svc.settings.templates_dir)
    return [i for i in infos if kind is None or i.kind == kind]


def list_templates(svc: AppContext) -> list[TemplateInfo]:
    """The templates a matter document can be generated from (reports left out)."""
    return templates_list(svc, kind="matter")


def template_request(svc: AppContext, template: str, lang: str | None) -> TemplateRequest:
    """Check the template name (and an explicit language) before the database is touched."""
    name = template.strip()
    catalog = {info.name: info for info in templates_list(svc)}
    info = catalog.get(name)
    if info is None:
        shown = name[:60]
        matter_names = sorted(n for n, i in catalog.items() if i.kind == "matter")
        raise NotFound(f"no template named {shown!r}; known: {', '.join(matter_names)}")
    if info.kind == "report":
        raise InvalidInput(
            f"{name} is an office report, not a matter document: "
            f"run casekit report {name.removeprefix('report-')} --format docx"
        )
    wanted = lang.strip().lower() if lang is not None else None
    if wanted is not None and wanted not in info.languages:
        available = ", ".join(info.languages)
        raise NotFound(f"template {name} has no {wanted[:10]!r} version; available: {available}")
    return TemplateRequest(name, wanted, info.languages)


def untranslated_note(name: str, preferred: str, wanted: str, languages: Sequence[str]) -> str:
    """The note for a client whose language has no version of a client-facing template, or ""
    (a pleading or a letter to an agency is written in English by design)."""
    if not name.startswith("client-") or not preferred or preferred == wanted:
        return ""
    return (
        f"{name} has no {preferred!r} version (it exists in {', '.join(languages)}), so it was "
        f"written in {wanted!r}: read it to the client, or add a translation with casekit "
        f"templates translate {name} {preferred}"
    )


def language_note(svc: AppContext, template: str, matter_number: str | int) -> str:
    """:func:`untranslated_note` for a template and matter before generating (the TUI's dialog)."""
    name = template.strip()
    info = next((i for i in templates_list(svc) if i.name == name), None)
    if info is None:
        return ""
    with svc.transaction() as session:
        matter = find_matter(session, matter_number)
        client = repo.client(session=session, client_id=matter.client_id)
        preferred = (client.preferred_language if client is not None else "") or "en"
    if preferred in info.languages:
        return ""
    wanted = DEFAULT_LANG if DEFAULT_LANG in info.languages else info.languages[0]
    return untranslated_note(name, preferred, wanted, info.languages)


def translate_template(svc: AppContext, template: str, lang: str) -> Path:
    """Copy a template's English version into the firm template folder as
    ``<template>.<lang>.docx`` for a translator to edit in Word; from then on it is found like
    any firm template (and used for clients whose language is ``lang``).

    Raises:
        InvalidInput: not a two-letter language, English itself, a report, or the copy exists.
        NotFound: no such template.
    """
    from casekit.docgen.registry import find_template

    code = lang.strip().lower()
    if not re.fullmatch(r"[a-z]{2}", code) or code == DEFAULT_LANG:
        raise InvalidInput(f"{lang.strip()[:10]!r} is not a two-letter language code other than en")
    name = template.strip()
    info = find_template(name, DEFAULT_LANG, svc.settings.templates_dir)
    if info.kind == "report":
        raise InvalidInput(f"{name} is an office report; only matter templates are translated")
    folder = svc.settings.templates_dir
    target = folder / f"{name}.{code}.docx"
    if target.exists():
        raise InvalidInput(f"{target} already exists: edit it in Word")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copyfile(info.path, target)
    target.chmod(0o600)
    return target
