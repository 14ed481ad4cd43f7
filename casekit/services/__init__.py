"""Use cases: each combines the store, the domain and docgen inside one transaction.

``build_app_context(settings)`` wires them; the CLI and the TUI call the functions in the
submodules with the resulting :class:`AppContext`.
"""

from casekit.services.base import AppContext, build_app_context

__all__ = ["AppContext", "build_app_context"]
