"""The reference data shipped in ``db/seed`` (towns, agencies, the 2025 A/B felony table).

Migration ``0002`` loads it; this module only finds and reads the CSV files, so the migration
keeps its own frozen column mapping (an old migration must not change when a model does).
"""

from __future__ import annotations

import csv
from pathlib import Path

from casekit.resources import db_dir

#: Rows each seed file holds (SOURCES.md); the migration refuses a file that disagrees.
SEED_ROWS: dict[str, int] = {
    "towns.csv": 169,
    "agencies.csv": 211,
    "felonies_ab.csv": 35,
    "municipalities.csv": 169,
}


def seed_dir() -> Path:
    """The folder holding the seed CSV files (in the wheel or the source checkout)."""
    return db_dir() / "seed"


def read_seed_csv(name: str) -> list[dict[str, str]]:
    """Read one seed file as a list of rows, values stripped, empty cells as ``""``.

    Raises:
        ValueError: the file does not hold the number of rows listed in :data:`SEED_ROWS`
            (a truncated or hand-edited copy must not be half-loaded).
    """
    with (seed_dir() / name).open(encoding="utf-8", newline="") as fh:
        rows = [
            {key: (value or "").strip() for key, value in row.items() if key is not None}
            for row in csv.DictReader(fh)
        ]
    expected = SEED_ROWS.get(name)
    if expected is not None and len(rows) != expected:
        raise ValueError(f"seed file {name} has {len(rows)} rows, expected {expected}")
    return rows
