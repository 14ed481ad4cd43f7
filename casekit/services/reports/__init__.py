"""Office reports: deadline reminders, matters with no deadline, caseload, agency patterns.

Each report is built as plain data (frozen dataclasses with ``to_dict``) and rendered by the
functions here to Markdown, CSV, JSON or Word; the CLI draws the terminal tables itself. Nothing
in this package prints or reads the clock: "today" comes from the caller or
:meth:`AppContext.today`.

One module per use case: the deadline reminders (``reminders``, measured against the safe
target) and their renderers (``deadline_exports``); the daily digests (``digests``), e-mailed by
``mail``, with ``coverage`` for absent attorneys; the caseload (``caseload``); the
de-identified agencies report (``pattern``, ``pattern_exports``). ``formats`` and ``word`` hold
what every format shares. The SQL is in :mod:`casekit.store.repos.reports`.
"""

from casekit.services.dashboard import OPEN_STATUSES as OPEN_MATTER_STATUSES
from casekit.services.reports.caseload import (
    NOT_RECORDED,
    CaseloadReport,
    CaseloadRow,
    caseload_csv,
    caseload_markdown,
    caseload_report,
)
from casekit.services.reports.deadline_exports import (
    deadlines_csv,
    deadlines_markdown,
    deadlines_template_context,
    no_deadline_csv,
    no_deadline_markdown,
)
from casekit.services.reports.digests import (
    Digest,
    attorney_digests,
    daily_digest,
    previous_weekday,
)
from casekit.services.reports.formats import (
    UNASSIGNED,
    csv_bytes,
    csv_cell,
    initials,
    json_bytes,
    md_table,
    md_text,
    output_target,
    to_json,
    write_output,
)
from casekit.services.reports.pattern import (
    AGENCY_VIEWS,
    CHART_BARS,
    DEFAULT_BY,
    DEFAULT_MIN_CELL,
    AgenciesReport,
    AgencyOutcome,
    PatternRow,
    agencies_report,
    clean_by,
    pattern_counts,
)
from casekit.services.reports.pattern_exports import (
    agencies_csv,
    agencies_docx,
    agencies_markdown,
    agencies_template_context,
    text_bars,
)
from casekit.services.reports.reminders import (
    RowFilters,
    Scope,
    deadline_report,
    open_deadline_rows,
    quiet_matters,
    resolve_attorney,
    scoped_report,
)
from casekit.services.reports.rows import (
    ALL_KINDS,
    DEFAULT_WITHIN,
    DeadlineReport,
    DeadlineRow,
    QuietMatter,
    Section,
)
from casekit.services.reports.word import (
    firm_settings,
    render_report_docx,
)

__all__ = [
    "AGENCY_VIEWS",
    "ALL_KINDS",
    "AgenciesReport",
    "AgencyOutcome",
    "CHART_BARS",
    "CaseloadReport",
    "CaseloadRow",
    "DEFAULT_BY",
    "DEFAULT_MIN_CELL",
    "DEFAULT_WITHIN",
    "DeadlineReport",
    "DeadlineRow",
    "Digest",
    "NOT_RECORDED",
    "OPEN_MATTER_STATUSES",
    "PatternRow",
    "QuietMatter",
    "RowFilters",
    "Scope",
    "Section",
    "UNASSIGNED",
    "agencies_csv",
    "agencies_docx",
    "agencies_markdown",
    "agencies_report",
    "agencies_template_context",
    "attorney_digests",
    "caseload_csv",
    "caseload_markdown",
    "caseload_report",
    "clean_by",
    "csv_bytes",
    "csv_cell",
    "daily_digest",
    "deadline_report",
    "deadlines_csv",
    "deadlines_markdown",
    "deadlines_template_context",
    "firm_settings",
    "initials",
    "json_bytes",
    "md_table",
    "md_text",
    "no_deadline_csv",
    "no_deadline_markdown",
    "open_deadline_rows",
    "output_target",
    "pattern_counts",
    "previous_weekday",
    "quiet_matters",
    "render_report_docx",
    "resolve_attorney",
    "scoped_report",
    "text_bars",
    "to_json",
    "write_output",
]
