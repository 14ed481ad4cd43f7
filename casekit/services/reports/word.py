"""Word reports: the firm's settings the templates print, and rendering a report template."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import InvalidInput
from casekit.resources import templates_dir
from casekit.services.office.settings import show_settings
from casekit.services.reports.formats import output_target, write_output

if TYPE_CHECKING:
    from casekit.services.base import AppContext


def firm_settings(svc: AppContext) -> dict[str, str]:
    """The ``firm.*`` settings as the report templates expect them (``""`` when unset)."""
    values = show_settings(svc)
    return {
        key: values.get(f"firm.{key}", "")
        for key in ("name", "address", "phone", "email", "juris_number")
    }


def render_report_docx(
    svc: AppContext,
    template: str,
    context: dict[str, Any],
    out: Path,
    *,
    images: dict[str, Any] | None = None,
) -> Path:
    """Render a report template (the firm's copy in ``CASEKIT_HOME/templates`` wins over the
    shipped one) through :mod:`casekit.docgen` into ``out``, owner-only and atomically.

    ``images``: context keys to fill with a picture (:class:`casekit.docgen.chart.Picture`).
    """
    # docgen loads docxtpl, Jinja and python-docx: only a Word report pays for them.
    from casekit.docgen.render import render_document

    name = f"{template}.docx"
    own = svc.settings.templates_dir / name
    path = own if own.is_file() else templates_dir() / name
    if not path.is_file():
        raise InvalidInput(f"the template {name} is not installed")
    target = output_target(out)
    # docgen never overwrites a file; a report may replace yesterday's, so render beside it first.
    with tempfile.TemporaryDirectory(prefix=".casekit-report-", dir=target.parent) as tmp:
        scratch = Path(tmp) / name
        render_document(path, context, scratch, images=images)
        return write_output(target, scratch.read_bytes())
