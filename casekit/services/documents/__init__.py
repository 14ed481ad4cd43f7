"""Word documents for a matter: pick the template, fill it from the matter, record what was written.

:func:`generate` is the one path from a matter to a signed-after-a-light-edit ``.docx``:

1. the template: a firm's own ``.docx`` in ``CASEKIT_HOME/templates`` overrides a shipped one of
   the same name and language (or adds a new name); a firm's template is checked before use, and
   one with a problem (or an attempt to reach outside the sandbox) is refused with the first
   problem and its place;
2. the language: ``lang``, or the client's preferred language when the template exists in it
   (``client-letter`` in ``en`` and ``es``), else English;
3. the values: the matter's facts (:func:`.facts.matter_facts`), the firm settings
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

Modules, by use case: ``writing`` (generate, generate_batch), ``previewing``, ``planning``
(the pleading plan and its refusals), ``check`` (document linter, template check),
``templates`` (catalogue, languages, translations), ``listing``; the steps they share:
``prepare`` (one document's values), ``towns`` (a § 7-465 notice's town), ``output`` (files and
render workers), ``record`` (the rows); ``facts`` (a matter as domain values) and ``files``
(the files root: references and sweeping). The SQL is in :mod:`casekit.store.repos.documents`.
docgen modules that load lxml, python-docx or docxtpl are imported inside the functions that
render or lint: importing this package stays cheap for the CLI and the TUI.
"""

from __future__ import annotations

from casekit.services.documents.check import check_document, check_template_file
from casekit.services.documents.days import (
    DEFAULT_PRESERVATION_DAYS,
    DEFAULT_RESPONSE_DAYS,
    MAX_RESPONSE_DAYS,
    PRESERVATION_DAYS_KEY,
    RESPONSE_DAYS_KEY,
    parse_response_days,
)
from casekit.services.documents.facts import facts_for, find_matter, matter_facts, to_local
from casekit.services.documents.listing import list_documents
from casekit.services.documents.output import render_job, share_file
from casekit.services.documents.planning import plan, refusal
from casekit.services.documents.previewing import flatten_values, preview
from casekit.services.documents.results import DocumentOut, GeneratedDocument, PdfNotWritten
from casekit.services.documents.templates import (
    language_note,
    list_templates,
    templates_list,
    translate_template,
    untranslated_note,
)
from casekit.services.documents.towns import NOTICE_TEMPLATE, municipal_defendants
from casekit.services.documents.writing import BATCH_WORKERS, generate, generate_batch

__all__ = [
    "BATCH_WORKERS",
    "DEFAULT_PRESERVATION_DAYS",
    "DEFAULT_RESPONSE_DAYS",
    "DocumentOut",
    "GeneratedDocument",
    "MAX_RESPONSE_DAYS",
    "NOTICE_TEMPLATE",
    "PRESERVATION_DAYS_KEY",
    "PdfNotWritten",
    "RESPONSE_DAYS_KEY",
    "check_document",
    "check_template_file",
    "facts_for",
    "find_matter",
    "flatten_values",
    "generate",
    "generate_batch",
    "language_note",
    "list_documents",
    "list_templates",
    "matter_facts",
    "municipal_defendants",
    "parse_response_days",
    "plan",
    "preview",
    "refusal",
    "render_job",
    "share_file",
    "templates_list",
    "to_local",
    "translate_template",
    "untranslated_note",
]
