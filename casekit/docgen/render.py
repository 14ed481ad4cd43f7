"""Render a Word template to a new, owner-only file.

The render path is kept as thin as bare docxtpl: one ``DocxTemplate`` load, one ``render`` in the
shared sandboxed environment, the placeholder highlighting and the Word craft pass
(:mod:`.craft`) on the rendered XML, one save to memory, a SHA-256 of the bytes, and an atomic
publish.
Template checks (:mod:`.check`) run separately, never here.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.docgen.craft import apply_craft
from casekit.docgen.environment import RenderLimitExceeded, get_env, render_budget
from casekit.errors import InvalidInput

if TYPE_CHECKING:
    from casekit.docgen.chart import Picture

__all__ = ["FILE_MODE", "RenderedDocument", "free_output_path", "publish_bytes", "render_document"]

#: Generated documents hold client data: owner-only, like everything in CASEKIT_HOME.
FILE_MODE = 0o600
_DIR_MODE = 0o700


@dataclass(frozen=True)
class RenderedDocument:
    """A document on disk and the SHA-256 of its bytes (services record both)."""

    path: Path
    sha256: str


def render_document(
    template_path: Path,
    context: dict[str, Any],
    out_path: Path,
    *,
    durable: bool = False,
    images: Mapping[str, Picture] | None = None,
) -> RenderedDocument:
    """Render ``template_path`` with ``context`` into a new file at ``out_path``.

    The file is written to a temporary name in the same folder and linked into place, so a reader
    never sees a half-written document; it is created with mode 0600. An existing ``out_path`` is
    never overwritten (pick a name with :func:`free_output_path`). ``durable=True`` also fsyncs
    the file before publishing it (safe across a power cut; it costs about 20 ms on a VM disk,
    more than the render itself, so it is off by default: the recorded SHA-256 shows a damaged
    copy).

    ``images`` fills context keys with pictures (a chart): the template places one with
    ``{{ key }}`` alone in its paragraph.

    Raises:
        InvalidInput: the template reaches outside the sandbox, has a syntax error, uses a value
            the context lacks, or ``out_path`` already exists.
    """
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if out_path.exists():
        raise InvalidInput(f"{out_path.name} already exists; casekit never overwrites a document")
    name = _template_name(template_path)
    template = DocxTemplate(template_path)
    if images:
        from docx.shared import Mm
        from docxtpl import InlineImage

        context = {
            **context,
            **{
                key: InlineImage(template, io.BytesIO(picture.png), width=Mm(picture.width_mm))
                for key, picture in images.items()
            },
        }
    try:
        with render_budget():  # a loop bomb in a firm's template stops here, one line
            template.render(context, jinja_env=get_env(), autoescape=True)
    except RenderLimitExceeded as exc:
        raise RenderLimitExceeded(f"template {name}: {exc.message}") from None
    except SecurityError:
        raise InvalidInput(f"template {name} tried to reach outside the sandbox") from None
    except TemplateSyntaxError as exc:
        raise InvalidInput(
            f"template {name} has a syntax error ({exc.message}); run `casekit templates check`"
        ) from None
    except UndefinedError as exc:
        raise InvalidInput(
            f"template {name} uses a value the document context lacks ({exc.message})"
        ) from None
    # Word craft: own numbering and cross-references, placeholders ([[…]], blanks) and verify
    # markers highlighted so none goes out unnoticed, citations that never break, signature
    # blocks kept together, drafting notes as comments (docgen.craft).
    apply_craft(template.docx)
    buffer = io.BytesIO()
    template.save(buffer)
    data = buffer.getvalue()
    publish_bytes(data, out_path, durable=durable)
    return RenderedDocument(path=out_path, sha256=hashlib.sha256(data).hexdigest())


def publish_bytes(data: bytes, out_path: Path, *, durable: bool = False) -> None:
    """Write ``data`` to a new owner-only file at ``out_path``: temp file, then link into place.

    ``os.link`` fails if the target exists, so two writers racing for one name cannot overwrite
    each other; the loser gets :class:`InvalidInput`.
    """
    folder = out_path.parent
    if not folder.is_dir():
        folder.mkdir(parents=True, mode=_DIR_MODE, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out_path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)  # mkstemp already uses 0600; make it explicit
        try:
            os.link(tmp, out_path)
        except FileExistsError:
            raise InvalidInput(
                f"{out_path.name} already exists; casekit never overwrites a document"
            ) from None
        except OSError:
            # A file system without hard links: rename, after one more check for the name.
            if out_path.exists():
                raise InvalidInput(
                    f"{out_path.name} already exists; casekit never overwrites a document"
                ) from None
            os.replace(tmp, out_path)
    finally:
        tmp.unlink(missing_ok=True)


def free_output_path(directory: Path, stem: str, suffix: str = ".docx") -> Path:
    """``directory/stem.docx``, or ``stem-2.docx``, ``stem-3.docx``… whichever is free first."""
    if not stem or "/" in stem or "\\" in stem or stem in {".", ".."}:
        raise InvalidInput(f"{stem!r} is not a usable file name")
    candidate = directory / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = directory / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def _template_name(path: Path) -> str:
    name = path.name
    return name[: -len(".docx")] if name.endswith(".docx") else name
