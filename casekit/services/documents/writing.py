"""Writing documents: :func:`generate` for one matter, :func:`generate_batch` for many (a
pool of worker processes renders while the parent reads the next matter)."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.errors import ConfigurationError
from casekit.services.documents.check import lint_written
from casekit.services.documents.facts import find_matter
from casekit.services.documents.output import (
    claim_path,
    mp_context,
    output_dir,
    remove_files,
    render_fresh,
    render_job,
    share_file,
    with_path,
)
from casekit.services.documents.prepare import Job, prepare_in, shared_in
from casekit.services.documents.record import record_in, record_many_in
from casekit.services.documents.results import GeneratedDocument, PdfNotWritten
from casekit.services.documents.templates import template_request
from casekit.services.documents.towns import NOTICE_TEMPLATE, chosen_town_in, for_town_in

if TYPE_CHECKING:
    from concurrent.futures import Future

    from casekit.docgen.render import RenderedDocument
    from casekit.services.base import AppContext
    from casekit.store.models import Matter

#: Worker processes for :func:`generate_batch` (the machines casekit targets have 2 cores).
BATCH_WORKERS = 2


def generate(
    svc: AppContext,
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
    request = template_request(svc, template, lang)
    written: list[Path] = []
    created: list[Path] = []
    try:
        with svc.transaction() as session:
            matter = find_matter(session, matter_number)
            town = (
                chosen_town_in(session, matter, party)
                if request.name == NOTICE_TEMPLATE or party is not None
                else None
            )
            job = prepare_in(
                session, svc, matter, request, shared_in(session, svc), late=late, town=town
            )
            if town is not None:
                job = for_town_in(session, matter, job, town)
            directory = output_dir(svc, matter.number, out_dir, created)
            rendered = render_fresh(job, directory, written)
            ids = record_in(session, svc, matter, job, rendered)
    except BaseException:
        remove_files(written, created)
        raise
    result = replace(
        _generated(matter, job, rendered, ids),
        check=tuple(lint_written(rendered.path, job)),
        note=job.note,
    )
    return _with_pdf(svc, result, job) if pdf else result


def _with_pdf(svc: AppContext, result: GeneratedDocument, job: Job) -> GeneratedDocument:
    """``result`` with its PDF copy written through LibreOffice, and the page check run."""
    from casekit.docgen.pdf import convert_to_pdf  # loads lxml: only when a PDF is asked for

    try:
        pdf_path = convert_to_pdf(result.path)
    except ConfigurationError as exc:
        raise PdfNotWritten(f"{exc.message} to {result.path}", result) from None
    share_file(svc, pdf_path)
    # With the PDF, the linter also sees the pages: no page may hold only the signature.
    return replace(result, pdf_path=pdf_path, check=tuple(lint_written(result.path, job, pdf_path)))


def generate_batch(
    svc: AppContext,
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

    refs = list(matter_numbers)
    if not refs:
        return []
    request = template_request(svc, template, lang)
    count = max(1, min(workers, len(refs)))
    pool = ProcessPoolExecutor(max_workers=count, mp_context=mp_context()) if count > 1 else None
    prepared: list[tuple[Matter, Job]] = []
    futures: list[Future[RenderedDocument]] = []
    written: list[Path] = []
    created: list[Path] = []
    try:
        claimed: set[Path] = set()
        with svc.transaction() as session:
            shared = shared_in(session, svc)
            for ref in refs:
                matter = find_matter(session, ref)
                job = prepare_in(session, svc, matter, request, shared)
                directory = output_dir(svc, matter.number, out_dir, created)
                job = with_path(job, claim_path(directory, job, claimed))
                prepared.append((matter, job))
                if pool is not None:
                    futures.append(pool.submit(render_job, job))
        rendered: list[RenderedDocument] = []
        for index, (_, job) in enumerate(prepared):
            out = futures[index].result() if pool is not None else render_job(job)
            written.append(out.path)
            rendered.append(out)
        with svc.transaction() as session:
            recorded = record_many_in(session, svc, prepared, rendered)
    except BaseException:
        written.extend(_finished(futures))
        remove_files(written, created)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return [
        _generated(matter, job, out, ids)
        for (matter, job), out, ids in zip(prepared, rendered, recorded, strict=True)
    ]


def _generated(
    matter: Matter, job: Job, out: RenderedDocument, ids: tuple[int, int | None]
) -> GeneratedDocument:
    """What was written and recorded (``ids``: the ``Document`` row's, the records request's)."""
    doc_id, request_id = ids
    return GeneratedDocument(
        path=out.path,
        sha256=out.sha256,
        pdf_path=None,
        document_id=doc_id,
        template=job.template,
        language=job.lang,
        matter=matter.number,
        records_request_id=request_id,
    )


def _finished(futures: Iterable[Future[RenderedDocument]]) -> list[Path]:
    """Cancel the renders not started; wait for those running: the files they wrote."""
    paths: list[Path] = []
    for future in futures:
        if future.cancel():
            continue
        try:  # a render still running finishes first, so its file can be removed too
            paths.append(future.result().path)
        except BaseException:  # noqa: BLE001, S112 - it wrote nothing: nothing to remove
            continue
    return paths
