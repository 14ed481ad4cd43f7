"""Where the shipped ``templates/`` and ``db/`` folders are.

In a wheel they are force-included under ``casekit/_resources``; in a source checkout (editable
install, tests) they sit at the top of the repository. ``importlib.resources`` finds the first.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _resource_dir(name: str) -> Path:
    packaged = Path(str(files("casekit"))) / "_resources" / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"casekit is installed without its {name}/ folder")


def templates_dir() -> Path:
    """The shipped Word templates."""
    return _resource_dir("templates")


def db_dir() -> Path:
    """The Alembic migrations (``migrations/``) and seed data (``seed/``)."""
    return _resource_dir("db")
