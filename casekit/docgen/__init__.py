"""Word documents from domain objects, rendered in one sandboxed, autoescaping Jinja environment.

Public API (imported lazily, so ``import casekit.docgen`` loads neither docxtpl nor python-docx):

* :func:`build_context`, :func:`build_report_context` (``casekit.docgen.context``)
* :func:`render_document`, :func:`free_output_path`, :class:`RenderedDocument` (``.render``)
* :func:`check_template`, :class:`TemplateProblem` (``.check``)
* :func:`list_templates`, :func:`find_template`, :class:`TemplateInfo` (``.registry``)
* :func:`convert_to_pdf` (``.pdf``)
* :func:`get_env` (``.environment``): the one sandboxed Jinja environment
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "build_context": "context",
    "build_report_context": "context",
    "render_document": "render",
    "free_output_path": "render",
    "RenderedDocument": "render",
    "check_template": "check",
    "TemplateProblem": "check",
    "list_templates": "registry",
    "find_template": "registry",
    "TemplateInfo": "registry",
    "convert_to_pdf": "pdf",
    "get_env": "environment",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
