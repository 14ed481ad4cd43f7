"""Word documents for a matter: pick the template, fill it from the matter, record what was written.

:func:`generate` is the one path from a matter to a signed-after-a-light-edit ``.docx``:

1. the template: a firm's own ``.docx`` in ``CASEKIT_HOME/templates`` overrides a shipped one of
   the same name and language (or adds a new name); a firm's template is checked before use, and
   one with a problem (or an attempt to reach outside the sandbox) is refused with the first
   problem and its place;
2. the language: ``lang``, or the client's preferred language when the template exists in it
   (``client-letter`` in ``en`` and ``es``), else English;
3. the values: the matter's facts (:func:`casekit.services.facts.matter_facts`), the firm settings
   (a missing one is a :class:`~casekit.errors.ConfigurationError` naming it) and the computed
   dates: the return date (§ 52-48, latest Tuesday within two months of today, the date of
   process), the last days to serve (§ 52-46) and to return process (§ 52-46a), the § 7-465(a)
   notice deadline (the matter's open deadline, else six months from the incident), and the date
   a letter asks for an answer by (``documents.response_days`` after today, default 30, moved to
   the next open court day);
4. the file: ``CASEKIT_HOME/documents/<matter>/<YYYY-MM-DD>-<template>[.<lang>].docx`` (folders
   0700, file 0600, never overwritten: a second one gets ``-2``);
5. the record: a ``Document`` row (and for ``foi-request`` a draft records request to the
   incident's agency, whose § 1-206 clocks start once ``casekit records update --received``
   records the agency's receipt), in one transaction. Rendering fails: nothing is recorded. The
   database write fails: the file is removed.

:func:`generate_batch` renders many matters with a pool of two worker processes (rendering is
CPU-bound) and records every document in one transaction. :func:`preview` returns the values a
template will be filled with, for the TUI. Messages never contain client data.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import ConfigurationError, InvalidInput, NotFound
from casekit.services.base import Services

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from casekit.docgen.check import TemplateProblem
    from casekit.docgen.lint import Finding
    from casekit.docgen.registry import TemplateInfo
    from casekit.docgen.render import RenderedDocument
    from casekit.domain.calendar import CourtCalendar
    from casekit.domain.lawpack import LawPack
    from casekit.domain.model import Firm, MatterFacts
    from casekit.domain.pleading import PleadingPlan
    from casekit.domain.rules import RuleSet
    from casekit.store.models import Matter

__all__ = [
    "DEFAULT_RESPONSE_DAYS",
    "RESPONSE_DAYS_KEY",
    "DocumentOut",
    "GeneratedDocument",
    "PdfNotWritten",
    "check_document",
    "check_template_file",
    "generate",
    "generate_batch",
    "list_documents",
    "list_templates",
    "parse_response_days",
    "plan",
    "preview",
    "language_note",
    "refusal",
    "templates_list",
    "translate_template",
    "untranslated_note",
]

#: Setting: days a demand or preservation letter gives the recipient to answer.
RESPONSE_DAYS_KEY = "documents.response_days"
DEFAULT_RESPONSE_DAYS = 30
MAX_RESPONSE_DAYS = 365
#: Setting: days a preservation letter gives the custodian to confirm (default 10).
PRESERVATION_DAYS_KEY = "documents.preservation_days"
DEFAULT_PRESERVATION_DAYS = 10
#: Worker processes for :func:`generate_batch` (the machines casekit targets have 2 cores).
BATCH_WORKERS = 2
FOI_TEMPLATE = "foi-request"
_DEFAULT_LANG = "en"
_PATH_TOKENS = re.compile(r"\[\]|[^.\[\]]+")


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedDocument:
    """A document written and recorded: where, its SHA-256, the ``Document`` row's id."""

    path: Path
    sha256: str
    pdf_path: Path | None
    document_id: int
    template: str = ""
    language: str = _DEFAULT_LANG
    matter: str = ""
    records_request_id: int | None = None
    check: tuple[Finding, ...] = ()
    #: Why the document is not in the client's language (no template in it), or "".
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": str(self.path),
            "sha256": self.sha256,
            "document_id": self.document_id,
            "template": self.template,
            "language": self.language,
            "matter": self.matter,
            "check": [f.to_dict() for f in self.check],
        }
        if self.pdf_path is not None:
            data["pdf"] = str(self.pdf_path)
        if self.records_request_id is not None:
            data["records_request_id"] = self.records_request_id
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class DocumentOut:
    """A recorded document; ``status`` is ``ok``, ``modified`` (hash differs) or ``missing``."""

    id: int
    matter: str
    template: str
    language: str
    path: str
    sha256: str
    generated_at: datetime
    generated_by: str
    status: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class PdfNotWritten(ConfigurationError):
    """The ``.docx`` was written and recorded, but no PDF copy could be made."""

    def __init__(self, message: str, document: GeneratedDocument | None = None) -> None:
        super().__init__(message)
        self.document = document

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.document))


# --- settings -----------------------------------------------------------------------------------


def parse_response_days(value: str) -> str:
    """Check a ``documents.response_days`` value (1 to 365 days); returns it normalised."""
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_RESPONSE_DAYS:
        raise InvalidInput(
            f"{RESPONSE_DAYS_KEY} must be a number of days from 1 to {MAX_RESPONSE_DAYS}"
        )
    return str(int(text))


def _preservation_days(settings: Mapping[str, str]) -> int:
    raw = settings.get(PRESERVATION_DAYS_KEY, "").strip()
    if not raw:
        return DEFAULT_PRESERVATION_DAYS
    if not raw.isdigit() or not 1 <= int(raw) <= 90:
        raise ConfigurationError(
            f"{PRESERVATION_DAYS_KEY} is not a number of days from 1 to 90: "
            f"run casekit settings set {PRESERVATION_DAYS_KEY} {DEFAULT_PRESERVATION_DAYS}"
        )
    return int(raw)


def _response_days(settings: Mapping[str, str]) -> int:
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


# --- use cases ----------------------------------------------------------------------------------


def generate(
    svc: Services,
    template: str,
    matter_number: str | int,
    *,
    lang: str | None = None,
    out_dir: Path | str | None = None,
    pdf: bool = False,
    late: bool = False,
    party: str | int | None = None,
) -> GeneratedDocument:
    """Write ``template`` for one matter and record it (see the module docstring).

    Args:
        svc: the services.
        template: a template name (``demand-letter``, ``client-letter``, a firm's own...).
        matter_number: the matter's number (``TA-2026-0001``) or id.
        lang: ``en`` or ``es``; default: the client's language when the template has it.
        out_dir: write here instead of ``CASEKIT_HOME/documents/<matter>/``.
        pdf: also write a PDF copy through LibreOffice.
        late: the attorney asks for a notice whose period has ended (``--late``): the notice
            then says so, and its drafting notes list what must be argued.
        party: for ``notice-7-465``, the municipal defendant (party id or name) the notice goes
            to; required when the matter has several. The notice is addressed to that town's
            clerk and prints that town's own deadline.

    Raises:
        NotFound: unknown template, matter, or a language the template does not exist in.
        InvalidInput: a report template, a firm template with a problem or a sandbox escape; a
            complaint or notice the pleading plan refuses (the message names the rule; nothing
            is written).
        ConfigurationError: a firm setting the document needs is not set.
        PdfNotWritten: ``pdf`` and LibreOffice is missing or failed; the ``.docx`` was written
            and recorded (``exc.document``).
    """
    name, wanted, languages = _template_request(svc, template, lang)
    written: list[Path] = []
    created: list[Path] = []
    try:
        with svc.transaction() as session:
            joined = _Joined(svc, session)
            matter = _find_matter(session, matter_number)
            town = (
                _chosen_town(session, matter, party)
                if name == NOTICE_TEMPLATE or party is not None
                else None
            )
            job = _prepare(
                joined, session, matter, name, wanted, languages, _shared(joined, session),
                late=late, town=town,
            )  # fmt: skip
            if town is not None:
                job = _for_town(session, matter, job, town)
            directory = _output_dir(svc, matter.number, out_dir, created)
            rendered = _render_fresh(job, directory, written)
            doc_id, request_id = _record(joined, session, matter, job, rendered)
    except BaseException:
        _remove(written, created)
        raise
    result = GeneratedDocument(
        path=rendered.path,
        sha256=rendered.sha256,
        pdf_path=None,
        document_id=doc_id,
        template=job.template,
        language=job.lang,
        matter=matter.number,
        records_request_id=request_id,
        check=tuple(_lint(rendered.path, job)),
        note=job.note,
    )
    if not pdf:
        return result
    from casekit.docgen.pdf import convert_to_pdf

    try:
        pdf_path = convert_to_pdf(rendered.path)
    except ConfigurationError as exc:
        raise PdfNotWritten(f"{exc.message} to {rendered.path}", result) from None
    share_file(svc, pdf_path)
    # With the PDF, the linter also sees the pages: no page may hold only the signature.
    return replace(result, pdf_path=pdf_path, check=tuple(_lint(rendered.path, job, pdf_path)))


def generate_batch(
    svc: Services,
    template: str,
    matter_numbers: Iterable[str | int],
    *,
    lang: str | None = None,
    out_dir: Path | str | None = None,
    workers: int = BATCH_WORKERS,
) -> list[GeneratedDocument]:
    """Write ``template`` for many matters (a mailing of client letters, say).

    The parent reads each matter and hands it to a pool of ``workers`` processes, which build
    the context and render (both CPU-bound) while the parent reads the next matter; the parent
    then records every document in one transaction. If anything fails, every file of the batch
    is removed and nothing is recorded. Results come back in the order of ``matter_numbers``.
    """
    from concurrent.futures import Future, ProcessPoolExecutor

    refs = list(matter_numbers)
    if not refs:
        return []
    name, wanted, languages = _template_request(svc, template, lang)
    count = max(1, min(workers, len(refs)))
    pool = ProcessPoolExecutor(max_workers=count, mp_context=_mp_context()) if count > 1 else None
    prepared: list[tuple[Matter, _Job]] = []
    futures: list[Future[RenderedDocument]] = []
    written: list[Path] = []
    created: list[Path] = []
    try:
        claimed: set[Path] = set()
        with svc.transaction() as session:
            joined = _Joined(svc, session)
            shared = _shared(joined, session)
            for ref in refs:
                matter = _find_matter(session, ref)
                job = _prepare(joined, session, matter, name, wanted, languages, shared)
                directory = _output_dir(svc, matter.number, out_dir, created)
                job = _with_path(job, _claim_path(directory, job, claimed))
                prepared.append((matter, job))
                if pool is not None:
                    futures.append(pool.submit(render_job, job))
        rendered: list[RenderedDocument] = []
        for index, (_, job) in enumerate(prepared):
            out = futures[index].result() if pool is not None else render_job(job)
            written.append(out.path)
            rendered.append(out)
        with svc.transaction() as session:
            joined = _Joined(svc, session)
            recorded = _record_many(joined, session, prepared, rendered)
    except BaseException:
        for future in futures:
            if future.cancel():
                continue
            try:  # a render still running finishes first, so its file can be removed too
                written.append(future.result().path)
            except BaseException:  # noqa: BLE001 - it wrote nothing
                continue
        _remove(written, created)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return [
        GeneratedDocument(
            path=out.path,
            sha256=out.sha256,
            pdf_path=None,
            document_id=doc_id,
            template=job.template,
            language=job.lang,
            matter=matter.number,
            records_request_id=request_id,
        )
        for (matter, job), out, (doc_id, request_id) in zip(
            prepared, rendered, recorded, strict=True
        )
    ]


def preview(
    svc: Services, template: str, matter_number: str | int, lang: str | None = None
) -> dict[str, str]:
    """The values that will fill ``template`` for this matter, flattened for display.

    Keys are the template's own fields (``client.name``, ``incident.date``,
    ``violations[].short``...) in alphabetical order; values are text (ISO dates; the items of a
    list joined by ``"; "``). Nothing is written.
    """
    from casekit.docgen.check import template_variables
    from casekit.docgen.context import build_context

    name, wanted, languages = _template_request(svc, template, lang)
    with svc.transaction() as session:
        joined = _Joined(svc, session)
        matter = _find_matter(session, matter_number)
        job = _prepare(
            joined, session, matter, name, wanted, languages, _shared(joined, session),
            refuse=False,
        )  # fmt: skip
    context = build_context(
        job.template, job.facts, job.firm, job.today, job.lang, job.extra, plan=job.plan
    )
    return flatten_values(template_variables(job.template_path), context)


def _lint(path: Path, job: _Job, pdf: Path | None = None) -> list[Finding]:
    """The document linter on a document just written (its findings are reported, the file is
    kept: the attorney edits it); with its PDF, the page check too."""
    from casekit.docgen.lint import lint_document

    return lint_document(path, kind=job.template, today=job.today, pdf=pdf)


def check_document(
    svc: Services,  # noqa: ARG001
    path: Path | str,
    *,
    pdf: bool = False,
) -> list[Finding]:
    """The document linter on a ``.docx`` (``casekit documents check PATH``), e.g. one a firm
    edited: ``[]`` when it finds nothing. ``pdf=True`` converts a throw-away PDF copy through
    LibreOffice first, so the page check (no page holding only the signature) runs too.

    Raises:
        InvalidInput: no such file, or not a readable Word document.
        ConfigurationError: ``pdf`` and LibreOffice is missing or failed.
    """
    import tempfile

    from casekit.docgen.lint import lint_document

    if not pdf:
        return lint_document(path)
    from casekit.docgen.pdf import convert_to_pdf

    lint_document(path)  # a missing or unreadable file is refused before LibreOffice starts
    with tempfile.TemporaryDirectory(prefix="casekit-check-") as scratch:
        copy = convert_to_pdf(Path(path).expanduser(), Path(scratch) / "check.pdf")
        return lint_document(path, pdf=copy)


def list_documents(svc: Services, matter_number: str | int) -> list[DocumentOut]:
    """A matter's documents, oldest first, each with the state of its file on disk."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Document

    with svc.transaction() as session:
        matter = _find_matter(session, matter_number)
        rows = list(
            session.scalars(
                select(Document)
                .where(col(Document.matter_id) == matter.id)
                .order_by(col(Document.generated_at), col(Document.id))
            )
        )
        number = matter.number
    return [
        DocumentOut(
            id=row.id or 0,
            matter=number,
            template=row.template,
            language=row.language,
            path=str(svc.settings.resolve_file(row.output_path)),
            sha256=row.sha256,
            generated_at=row.generated_at,
            generated_by=row.generated_by,
            status=_file_status(svc.settings.resolve_file(row.output_path), row.sha256),
        )
        for row in rows
    ]


def templates_list(svc: Services, *, kind: str | None = None) -> list[TemplateInfo]:
    """Every template, shipped and the firm's own, by name (``kind``: ``matter`` or ``report``)."""
    from casekit.docgen.registry import list_templates as docgen_templates

    infos = docgen_templates(svc.settings.templates_dir)
    return [i for i in infos if kind is None or i.kind == kind]


def list_templates(svc: Services) -> list[TemplateInfo]:
    """The templates a matter document can be generated from (reports left out)."""
    return templates_list(svc, kind="matter")


def check_template_file(svc: Services, path: Path | str) -> list[TemplateProblem]:  # noqa: ARG001
    """Every problem in the template at ``path`` (``casekit templates check``); ``[]`` = fine.

    A sandbox escape is reported as a problem (``where`` = ``template``), like the others.

    Raises:
        InvalidInput: no such file, or not a ``.docx``.
    """
    from casekit.docgen.check import TemplateProblem, check_template

    target = Path(path).expanduser()
    if not target.is_file():
        raise InvalidInput(f"no template file at {target}")
    if target.suffix.lower() != ".docx":
        raise InvalidInput(f"{target.name} is not a Word template (.docx)")
    try:
        return check_template(target)
    except InvalidInput as exc:
        return [TemplateProblem("template", exc.message)]


# --- preview values -----------------------------------------------------------------------------


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
    for token in tokens:
        if token == "[]":
            current = [item for v in current if isinstance(v, list | tuple) for item in v]
            continue
        live = [v for v in current if v is not None]  # an empty value: nothing below it
        nxt = [v[token] for v in live if isinstance(v, Mapping) and token in v]
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


# --- preparing one document ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    """Everything needed to render one document, in plain (picklable) values."""

    template: str
    template_path: Path
    facts: MatterFacts
    firm: Firm
    today: date
    lang: str
    extra: dict[str, Any] = field(default_factory=dict)
    out_path: Path | None = None
    plan: PleadingPlan | None = None
    note: str = ""


class _Joined(Services):
    """The services, with ``transaction()`` joining an open session instead of opening one.

    Lets use cases that open their own transaction (``get_firm``, ``create_records_request``)
    run inside this module's one transaction.
    """

    def __init__(self, outer: Services, session: Session) -> None:
        super().__init__(outer.settings)
        self._outer = outer
        self._session = session

    def today(self) -> date:
        return self._outer.today()

    @property
    def engine(self) -> Engine:
        return self._outer.engine

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        yield self._session


def _template_request(
    svc: Services, template: str, lang: str | None
) -> tuple[str, str | None, tuple[str, ...]]:
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
    return name, wanted, info.languages


def _find_matter(session: Session, ref: str | int) -> Matter:
    from casekit.services.facts import find_matter

    return find_matter(session, ref)


def _firm(svc: Services) -> Firm:
    from casekit.services.settings import get_firm

    return get_firm(svc)


@dataclass
class _Shared:
    """What every document of one call shares: read once, not once per matter."""

    firm: Firm
    today: date
    rules: RuleSet
    calendar: CourtCalendar
    response_days: int
    pack: LawPack | None = None
    preservation_days: int = DEFAULT_PRESERVATION_DAYS
    templates: dict[str, TemplateInfo] = field(default_factory=dict)  # by language


def _shared(svc: Services, session: Session) -> _Shared:
    """The firm (ConfigurationError naming a missing setting), rules, calendar, settings."""
    from casekit.services.deadlines.court_calendar import court_calendar_in
    from casekit.services.law.rules import law_pack, rule_set
    from casekit.store import repo

    firm = _firm(svc)
    stored = repo.settings_map(session=session)
    return _Shared(
        firm=firm,
        today=svc.today(),
        rules=rule_set(svc),
        calendar=court_calendar_in(session),
        response_days=_response_days(stored),
        pack=law_pack(svc),
        preservation_days=_preservation_days(stored),
    )


def _prepare(
    svc: Services,
    session: Session,
    matter: Matter,
    name: str,
    wanted: str | None,
    languages: tuple[str, ...],
    shared: _Shared,
    *,
    late: bool = False,
    refuse: bool = True,
    town: tuple[int, str] | None = None,
) -> _Job:
    from casekit.docgen.registry import find_template
    from casekit.services.facts import facts_for

    facts = facts_for(session, matter)
    extra = _dates(matter, facts, shared)
    extra["late_notice"] = late
    plan = _plan(facts, shared, extra) if facts.incidents else None
    if plan is not None and town is not None:
        from casekit.domain.lawpack import default_pack
        from casekit.domain.pleading import notice_for_town

        plan = notice_for_town(plan, town[1], shared.pack or default_pack())
    if refuse and plan is not None:
        refusal = plan.refusal_for(name)
        if refusal is not None:
            raise InvalidInput(f"cannot generate {name} for {matter.number}: {refusal.message}")
    note = ""
    if wanted is None:
        preferred = facts.client.preferred_language
        if preferred in languages:
            wanted = preferred
        else:
            wanted = _DEFAULT_LANG if _DEFAULT_LANG in languages else languages[0]
            note = untranslated_note(name, preferred, wanted, languages)
    info = shared.templates.get(wanted)
    if info is None:
        info = shared.templates[wanted] = find_template(name, wanted, svc.settings.templates_dir)
    return _Job(
        template=name,
        template_path=info.path,
        facts=facts,
        firm=shared.firm,
        today=shared.today,
        lang=wanted,
        extra=extra,
        plan=plan,
        note=note,
    )


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


def language_note(svc: Services, template: str, matter_number: str | int) -> str:
    """:func:`untranslated_note` for a template and matter before generating (the TUI's dialog)."""
    from casekit.services.facts import find_matter

    name = template.strip()
    info = next((i for i in templates_list(svc) if i.name == name), None)
    if info is None:
        return ""
    from casekit.store.models import Client

    with svc.transaction() as session:
        matter = find_matter(session, matter_number)
        client = session.get(Client, matter.client_id)
        preferred = (client.preferred_language if client is not None else "") or "en"
    if preferred in info.languages:
        return ""
    wanted = _DEFAULT_LANG if _DEFAULT_LANG in info.languages else info.languages[0]
    return untranslated_note(name, preferred, wanted, info.languages)


def translate_template(svc: Services, template: str, lang: str) -> Path:
    """Copy a template's English version into the firm template folder as
    ``<template>.<lang>.docx`` for a translator to edit in Word; from then on it is found like
    any firm template (and used for clients whose language is ``lang``).

    Raises:
        InvalidInput: not a two-letter language, English itself, a report, or the copy exists.
        NotFound: no such template.
    """
    import shutil

    from casekit.docgen.registry import find_template

    code = lang.strip().lower()
    if not re.fullmatch(r"[a-z]{2}", code) or code == _DEFAULT_LANG:
        raise InvalidInput(f"{lang.strip()[:10]!r} is not a two-letter language code other than en")
    name = template.strip()
    info = find_template(name, _DEFAULT_LANG, svc.settings.templates_dir)
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


def _plan(facts: MatterFacts, shared: _Shared, extra: Mapping[str, Any]) -> PleadingPlan:
    """The pleading plan of a matter, with the firm's law pack and court calendar."""
    from casekit.domain.pleading import plan_pleading

    return plan_pleading(
        facts,
        shared.today,
        shared.pack,
        late=bool(extra.get("late_notice")),
        notice_given_on=extra.get("notice_7465_given_on"),
        authorized_on=extra.get("claims_commissioner_authorized_on"),
        calendar=shared.calendar,
    )


def plan(svc: Services, matter_number: str | int, *, late: bool = False) -> PleadingPlan:
    """The pleading plan of a matter (``casekit generate complaint MATTER --plan``): counts and
    their defendants, notices and letters with their deadlines, and every refusal with its rule.
    Nothing is written.

    Raises:
        NotFound: unknown matter.
        InvalidInput: the matter has no incident.
    """
    from casekit.services.facts import facts_for

    with svc.transaction() as session:
        joined = _Joined(svc, session)
        matter = _find_matter(session, matter_number)
        shared = _shared_for_plan(joined, session)
        facts = facts_for(session, matter)
        if not facts.incidents:
            raise InvalidInput(f"matter {matter.number} has no incident recorded; record one first")
        extra = _dates(matter, facts, shared)
        extra["late_notice"] = late
        return _plan(facts, shared, extra)


def _shared_for_plan(svc: Services, session: Session) -> _Shared:
    """Like :func:`_shared`, without the firm settings a plan does not need."""
    from casekit.domain.model import Firm
    from casekit.services.deadlines.court_calendar import court_calendar_in
    from casekit.services.law.rules import law_pack, rule_set

    return _Shared(
        firm=Firm("", "", "", "", ""),
        today=svc.today(),
        rules=rule_set(svc),
        calendar=court_calendar_in(session),
        response_days=DEFAULT_RESPONSE_DAYS,
        pack=law_pack(svc),
    )


def refusal(svc: Services, template: str, matter_number: str | int) -> str | None:
    """Why the plan refuses ``template`` for this matter now (one line), or None (the TUI's
    generate dialog shows it)."""
    try:
        planned = plan(svc, matter_number)
    except InvalidInput as exc:
        return exc.message
    found = planned.refusal_for(template.strip())
    return found.message if found is not None else None


NOTICE_TEMPLATE = "notice-7-465"
_MUNICIPAL_KINDS = ("municipality", "municipal", "town", "city")


def municipal_defendants(svc: Services, matter: str | int) -> list[tuple[int, str]]:
    """The matter's municipal defendants (party id, name): the towns a notice can go to."""
    with svc.transaction() as session:
        return _municipal(session, _find_matter(session, matter))


def _municipal(session: Session, matter: Matter) -> list[tuple[int, str]]:
    from sqlmodel import col, select

    from casekit.store.models import Party

    rows = session.exec(
        select(Party)
        .where(col(Party.matter_id) == matter.id)
        .where(col(Party.role) == "defendant")
        .order_by(col(Party.id))
    )
    return [(int(p.id or 0), p.name) for p in rows if (p.kind or "").lower() in _MUNICIPAL_KINDS]


def _chosen_town(
    session: Session, matter: Matter, party: str | int | None
) -> tuple[int, str] | None:
    """The municipal defendant (party id, name) a § 7-465 notice goes to: ``party`` (an id or a
    name), or the only one. None when the matter has none (the plan refuses the notice then).
    Several towns and none chosen: InvalidInput; an unknown one: NotFound."""
    towns = _municipal(session, matter)
    if party is None:
        if len(towns) <= 1:
            return towns[0] if towns else None
        listed = "; ".join(f"{i} {name}" for i, name in towns)
        raise InvalidInput(
            f"{matter.number} has {len(towns)} municipal defendants ({listed}); choose the "
            "one this notice goes to with --party ID_OR_NAME"
        )
    wanted = str(party).strip()
    chosen = next(
        (
            t
            for t in towns
            if wanted == str(t[0]) or " ".join(wanted.split()).casefold() == t[1].casefold()
        ),
        None,
    )
    if chosen is None:
        known = "; ".join(f"{i} {name}" for i, name in towns) or "none"
        raise NotFound(
            f"no municipal defendant {wanted[:40]!r} on {matter.number} (municipal defendants: "
            f"{known})"
        )
    return chosen


def _for_town(session: Session, matter: Matter, job: _Job, chosen: tuple[int, str]) -> _Job:
    """The § 7-465 notice for one municipal defendant: addressed to that town's clerk, with that
    town's own notice deadline."""
    from sqlmodel import col, select

    from casekit.store.models import Deadline

    party_id, name = chosen
    facts = job.facts
    first = [p for p in facts.parties if p.role == "defendant" and p.name == name][:1]
    parties = (*first, *(p for p in facts.parties if p not in first))
    extra = dict(job.extra)
    due = session.exec(
        select(col(Deadline.due))
        .where(col(Deadline.matter_id) == matter.id)
        .where(col(Deadline.rule_id) == "CT_7465_NOTICE")
        .where(col(Deadline.party_id) == party_id)
        .where(col(Deadline.status) == "open")
    ).first()
    if due is not None:
        extra["notice_deadline"] = due
    return replace(job, facts=replace(facts, parties=parties), extra=extra)


def _dates(matter: Matter, facts: MatterFacts, shared: _Shared) -> dict[str, Any]:
    """The computed dates a document prints (``extra`` of ``build_context``)."""
    from casekit.domain.deadlines import compute
    from casekit.domain.process import process_chain

    rules, calendar, today = shared.rules, shared.calendar, shared.today
    # The recorded service of process (casekit matter process) when there is one; otherwise
    # process dated today (§ 52-48, then §§ 52-46 and 52-46a counted back from the return date).
    if matter.return_on is not None and matter.process_on is not None:
        chain = process_chain(matter.process_on, rules, calendar, matter.return_on)
    else:
        chain = process_chain(matter.process_on or today, rules, calendar)
    return_date = chain.return_date
    serve_by = chain.serve_by.safe_target
    back_by = chain.return_to_court_by.safe_target
    notice = next(
        (d.due for d in facts.deadlines if d.rule_id == "CT_7465_NOTICE" and d.status == "open"),
        None,
    )
    if notice is None and facts.incidents:
        first = min(i.occurred_on for i in facts.incidents)
        notice = compute(rules.get("CT_7465_NOTICE"), first, calendar).due
    response = calendar.first_open_on_or_after(today + timedelta(days=shared.response_days))
    preserve_by = calendar.first_open_on_or_after(today + timedelta(days=shared.preservation_days))
    return {
        "filing_date": today,
        "return_date": return_date,
        "serve_by": serve_by,
        "return_to_court_by": back_by,
        "notice_deadline": notice,
        "response_date": response,
        "preservation_days": shared.preservation_days,
        "preservation_date": preserve_by,
        "notice_7465_given_on": None,
        "claims_commissioner_authorized_on": matter.authorization_on,
    }


# --- files --------------------------------------------------------------------------------------


def _output_dir(
    svc: Services, number: str, out_dir: Path | str | None, created: list[Path]
) -> Path:
    """``<files root>/documents/<matter>``, or the folder the user chose.

    Under the files root folders get its modes (owner-only, or the office group's on a shared
    root: ``casekit.config.files_modes``). Folders this call creates are appended to
    ``created`` (outermost first), so a failure can remove them again.
    """
    from casekit.config import DIR_MODE, ensure_files_dir

    folder = svc.settings.documents_dir / number if out_dir is None else Path(out_dir).expanduser()
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is not a folder")
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    if out_dir is None:
        ensure_files_dir(svc.settings, folder)
    else:
        folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)  # an existing one keeps its mode
    created.extend(p for p in reversed(missing) if p not in created)
    return folder


def _remove(written: Iterable[Path], created: Sequence[Path]) -> None:
    """Undo a failed generation: the files written, then the folders made for them if empty."""
    for path in written:
        path.unlink(missing_ok=True)
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            continue  # not empty (or already gone): leave it


def _name_parts(job: _Job) -> tuple[str, str]:
    stem = f"{job.today.isoformat()}-{job.template}"
    suffix = ".docx" if job.lang == _DEFAULT_LANG else f".{job.lang}.docx"
    return stem, suffix


def _claim_path(directory: Path, job: _Job, claimed: set[Path]) -> Path:
    """The first free name for ``job`` in ``directory`` that no other job of a batch took."""
    from casekit.docgen.render import free_output_path

    stem, suffix = _name_parts(job)
    candidate = free_output_path(directory, stem, suffix)
    n = 2
    while candidate in claimed or candidate.exists():
        candidate = directory / f"{stem}-{n}{suffix}"
        n += 1
    claimed.add(candidate)
    return candidate


def _with_path(job: _Job, path: Path) -> _Job:
    return replace(job, out_path=path)


def _render_fresh(job: _Job, directory: Path, written: list[Path]) -> RenderedDocument:
    """Render to a free name; if another writer takes the name first, try the next one."""
    for _ in range(5):
        target = _with_path(job, _claim_path(directory, job, set()))
        try:
            rendered = render_job(target)
        except InvalidInput:
            assert target.out_path is not None
            if target.out_path.exists():
                continue  # someone else published under this name a moment ago
            raise
        written.append(rendered.path)
        return rendered
    raise InvalidInput("could not find a free file name for the document; try again")


def render_job(job: _Job) -> RenderedDocument:
    """Build the context and render one document (runs in a worker process for batches)."""
    from casekit.docgen.context import build_context
    from casekit.docgen.render import render_document

    assert job.out_path is not None
    context = build_context(
        job.template, job.facts, job.firm, job.today, job.lang, job.extra, plan=job.plan
    )
    return render_document(job.template_path, context, job.out_path)


#: What a render worker needs; docxtpl and python-docx take about 0.3 s to import.
#: Preloaded by the forkserver, by name (it imports them in the server process).
_WORKER_MODULES = (
    "docxtpl",
    "casekit.docgen.context",
    "casekit.docgen.render",
    "casekit.services.documents",
)


def _mp_context() -> Any:
    """How to start the workers.

    ``fork`` from a single-threaded process (the CLI, a script): the workers start at once with
    docxtpl already imported, and the main module is not re-imported. From a process with other
    threads (the TUI runs this in a worker thread) forking could copy a lock held by another
    thread, so ``forkserver`` (or ``spawn``) starts them from a clean process instead.
    """
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        # Imported once here rather than once per worker (this module is already loaded).
        import docxtpl  # noqa: F401

        import casekit.docgen.context
        import casekit.docgen.render  # noqa: F401

        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(_WORKER_MODULES))
        return context
    return multiprocessing.get_context("spawn")


def share_file(svc: Services, path: Path) -> None:
    """Give a file written under a shared files root the office group's read/write bits."""
    from casekit.config import FILE_MODE, files_modes

    _, mode = files_modes(svc.settings)
    if mode != FILE_MODE and path.resolve().is_relative_to(svc.settings.files_root.resolve()):
        os.chmod(path, mode)


def _file_status(path: Path, sha256: str) -> str:
    try:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 16), b""):
                digest.update(chunk)
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "unreadable"
    return "ok" if digest.hexdigest() == sha256 else "modified"


# --- recording ----------------------------------------------------------------------------------


def _record(
    svc: Services,
    session: Session,
    matter: Matter,
    job: _Job,
    rendered: RenderedDocument,
) -> tuple[int, int | None]:
    """The ``Document`` row (and for an FOI request, the records request): ids."""
    [ids] = _record_many(svc, session, [(matter, job)], [rendered])
    return ids


def _record_many(
    svc: Services,
    session: Session,
    prepared: Sequence[tuple[Matter, _Job]],
    rendered: Sequence[RenderedDocument],
) -> list[tuple[int, int | None]]:
    """One ``Document`` row per file (one flush), then the FOI requests' records requests."""
    from casekit.store.models import Document

    rows = []
    for (matter, job), out in zip(prepared, rendered, strict=True):
        assert matter.id is not None
        share_file(svc, out.path)
        row = Document(
            matter_id=matter.id,
            template=job.template,
            language=job.lang,
            # Relative to the files root when under it: every user, and a restored home, finds it.
            output_path=svc.settings.relative_file(out.path),
            sha256=out.sha256,
            generated_by=svc.actor,
        )
        session.add(row)
        rows.append(row)
    session.flush()
    ids: list[tuple[int, int | None]] = []
    for row, (matter, job), out in zip(rows, prepared, rendered, strict=True):
        assert row.id is not None
        request_id = None
        if job.template == FOI_TEMPLATE and job.facts.incidents:
            from casekit.services.records import create_records_request

            first = min(job.facts.incidents, key=lambda i: i.occurred_on)
            request = create_records_request(
                svc,
                matter.number,
                first.agency,
                document_id=row.id,
                description=f"Records listed in the FOI request {out.path.name}",
            )
            request_id = request.id
        ids.append((row.id, request_id))
    return ids
