"""What the document linter reports: :class:`Finding`, its levels, and the placeholder pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass

from casekit.domain.records import PlainRecord

ERROR = "error"
WARNING = "warning"

#: A placeholder to fill: ``[[…]]``, or the 20-underscore blank casekit prints for a missing value.
PLACEHOLDER = re.compile(r"\[\[[^\[\]]*\]\]|(?<!_)_{20}(?!_)")


@dataclass(frozen=True)
class Finding(PlainRecord):
    """One problem: ``level`` (``error``/``warning``), a stable ``code``, the message and where
    (``body paragraph 12``)."""

    level: str
    code: str
    message: str
    where: str

    def line(self) -> str:
        return f"{self.level}: {self.where}: {self.message} [{self.code}]"
