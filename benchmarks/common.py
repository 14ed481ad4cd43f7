"""What every figure shares: paths, the pinned date, timing helpers and the result record."""

from __future__ import annotations

import gc
import math
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.services.base import AppContext

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
CACHE = BENCH_DIR / ".cache"
#: The date every figure is measured for (CASEKIT_TODAY): deadlines, agenda and reports are
#: counted from it, so runs on different days measure the same rows.
TODAY = date(2026, 11, 21)
PYTHON = sys.executable


@dataclass
class Figure:
    """One line of the results table.

    ``ratio`` is always "how many times the floor's cost": value / floor for times and sizes,
    floor / value for rates (a rate half the floor's is ratio 2.0).
    """

    name: str
    value: float | None
    floor: float | None
    unit: str
    goal: str
    met: bool | None
    ratio: float | None = None
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "value": _round(self.value),
            "floor": _round(self.floor),
            "ratio": _round(self.ratio),
            "goal": self.goal,
            "met": self.met,
            "unit": self.unit,
            "note": self.note,
        }


def _round(x: float | None) -> float | None:
    if x is None or not math.isfinite(x):
        return None
    return float(f"{x:.4g}")


def log(message: str) -> None:
    """Progress on stderr (stdout carries the table and the JSON line)."""
    print(message, file=sys.stderr, flush=True)


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


def p95(xs: Sequence[float]) -> float:
    """The 95th percentile (nearest rank: with 40 samples, the 38th smallest)."""
    ordered = sorted(xs)
    rank = max(1, math.ceil(0.95 * len(ordered)))
    return ordered[rank - 1]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Wall seconds of one call, with the garbage collector settled first."""
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def interleaved(
    figure: Callable[[], Any], floor: Callable[[], Any], reps: int
) -> tuple[list[float], list[float]]:
    """Time ``figure`` and ``floor`` alternately (order flipped every round) to cancel noise."""
    fig_t: list[float] = []
    floor_t: list[float] = []
    for i in range(reps):
        pair = ((figure, fig_t), (floor, floor_t))
        for fn, out in pair if i % 2 == 0 else reversed(pair):
            out.append(timed(fn)[0])
    return fig_t, floor_t


def home_for(db: Path, name: str, *, link: bool = False) -> Path:
    """A CASEKIT_HOME holding a private copy of ``db``, or a hard link for read-only figures.

    A 100 k database is 600 MB: read-only figures share the cached file through a hard link
    (and ``cache_guard`` deletes the cache if one of them wrote to it after all).
    """
    home = CACHE / "homes" / name
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True, mode=0o700)
    target = home / "casekit.sqlite"
    if link:
        try:
            os.link(db, target)
        except OSError:
            shutil.copyfile(db, target)
    else:
        shutil.copyfile(db, target)
    os.chmod(target, 0o600)
    return home


def services_for(home: Path) -> AppContext:
    from casekit.config import Settings
    from casekit.services.base import AppContext

    bench_key()
    settings = Settings(
        home=home, database_url=f"sqlite:///{home / 'casekit.sqlite'}", actor="benchmark"
    )
    return AppContext(settings, today=TODAY)


def compile_bytecode() -> None:
    """Write casekit's ``__pycache__`` as an installed package has it.

    ``pip install`` byte-compiles a wheel, and Python writes the caches of an editable checkout
    on first import, unless ``PYTHONDONTWRITEBYTECODE`` is set (it is on CI machines). Textual
    comes precompiled from site-packages, so without this the app's start-up would include
    compiling casekit's source every time while the empty app's would not.
    """
    import compileall

    compileall.compile_dir(REPO / "casekit", quiet=1)


#: The benchmarks' own encryption key (never the user's): the cached databases are sealed with
#: it, and every figure, in process or in a child, finds it through CASEKIT_KEY_FILE.
BENCH_KEY = CACHE / "bench-key.json"


def bench_key() -> Path:
    """The benchmark key file, created on first use; CASEKIT_KEY_FILE points at it."""
    from casekit.store import crypto, keys

    if not BENCH_KEY.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        ring = keys.KeyRing({}, "", keys.KeyLocation("file", BENCH_KEY))
        ring.add(crypto.new_master_key(), activate=True)
        keys.save(ring)
    os.environ["CASEKIT_KEY_FILE"] = str(BENCH_KEY)
    return BENCH_KEY


def child_env(home: Path | None = None) -> dict[str, str]:
    """The environment of a measured subprocess: pinned date, no animations, this casekit."""
    env = dict(os.environ)
    env["CASEKIT_TODAY"] = TODAY.isoformat()
    env["CASEKIT_USER"] = "benchmark"
    env["TEXTUAL_ANIMATIONS"] = "none"
    env.pop("CASEKIT_DATABASE_URL", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env["CASEKIT_KEY_FILE"] = str(bench_key())
    if home is not None:
        env["CASEKIT_HOME"] = str(home)
        # A key of its own beside the home (created on first use), never the user's real one.
        env["CASEKIT_KEY_FILE"] = str(home.with_name(home.name + "-key.json"))
    return env
