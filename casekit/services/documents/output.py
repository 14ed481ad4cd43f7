"""Where a document is written: its folder (made with the files root's modes), a free file
name, the render itself (also in a batch's worker processes), and undoing a failed write."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.config import DIR_MODE, FILE_MODE, ensure_files_dir, files_modes
from casekit.errors import InvalidInput
from casekit.services.documents.results import DEFAULT_LANG

if TYPE_CHECKING:
    from casekit.docgen.render import RenderedDocument
    from casekit.services.base import AppContext
    from casekit.services.documents.prepare import Job


# --- files --------------------------------------------------------------------------------------


def output_dir(
    svc: AppContext, number: str, out_dir: Path | str | None, created: list[Path]
) -> Path:
    """``<files root>/documents/<matter>``, or the folder the user chose.

    Under the files root folders get its modes (owner-only, or the office group's on a shared
    root: ``casekit.config.files_modes``). Folders this call creates are appended to
    ``created`` (outermost first), so a failure can remove them again.
    """

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


def remove_files(written: Iterable[Path], created: Sequence[Path]) -> None:
    """Undo a failed generation: the files written, then the folders made for them if empty."""
    for path in written:
        path.unlink(missing_ok=True)
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            continue  # not empty (or already gone): leave it


def _name_parts(job: Job) -> tuple[str, str]:
    stem = f"{job.today.isoformat()}-{job.template}"
    suffix = ".docx" if job.lang == DEFAULT_LANG else f".{job.lang}.docx"
    return stem, suffix


def claim_path(directory: Path, job: Job, claimed: set[Path]) -> Path:
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


def with_path(job: Job, path: Path) -> Job:
    return replace(job, out_path=path)


def render_fresh(job: Job, directory: Path, written: list[Path]) -> RenderedDocument:
    """Render to a free name; if another writer takes the name first, try the next one."""
    for _ in range(5):
        target = with_path(job, claim_path(directory, job, set()))
        try:
            rendered = render_job(target)
        except InvalidInput:
            if target.out_path is not None and target.out_path.exists():
                continue  # someone else published under this name a moment ago
            raise
        written.append(rendered.path)
        return rendered
    raise InvalidInput("could not find a free file name for the document; try again")


def render_job(job: Job) -> RenderedDocument:
    """Build the context and render one document (runs in a worker process for batches)."""
    from casekit.docgen.context import build_context
    from casekit.docgen.render import render_document

    if job.out_path is None:  # pragma: no cover - every caller sets it
        raise InvalidInput("a document to render needs a file name")
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
    "casekit.services.documents.output",
)


def mp_context() -> Any:
    """How to start the workers.

    ``fork`` from a single-threaded process (the CLI, a script): the workers start at once with
    docxtpl already imported, and the main module is not re-imported. From a process with other
    threads (the TUI runs this in a worker thread) forking could copy a lock held by another
    thread, so ``forkserver`` (or ``spawn``) starts them from a clean process instead.
    """

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


def share_file(svc: AppContext, path: Path) -> None:
    """Give a file written under a shared files root the office group's read/write bits."""

    _, mode = files_modes(svc.settings)
    if mode != FILE_MODE and path.resolve().is_relative_to(svc.settings.files_root.resolve()):
        os.chmod(path, mode)
