"""``casekit deadlines …``, ``casekit screen``, ``casekit calendar …`` and ``casekit rules list``.

``deadlines calc``, ``screen`` and ``calendar DATE`` need no database: they work on a fresh
machine (the firm's recorded court closures are used when the database exists). Importing this
package registers the commands, in the order ``--help`` lists them.
"""

from __future__ import annotations

from casekit.cli.deadlines import commands, edits, screen  # noqa: F401  (registers the commands)
from casekit.cli.deadlines.common import print_diff

#: The recompute preview as text (``casekit.cli.matters``, ``.parties`` and ``.fees`` use it).
_print_diff = print_diff

__all__ = ["_print_diff", "print_diff"]
