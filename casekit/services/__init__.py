"""Use cases: each combines the store, the domain and docgen inside one transaction.

``build_services(settings)`` wires them; the CLI and the TUI call the functions in the
submodules with the resulting :class:`Services`.
"""

from casekit.services.base import Services, build_services

__all__ = ["Services", "build_services"]
