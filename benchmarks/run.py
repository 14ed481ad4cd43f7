"""Run every casekit benchmark: ``python benchmarks/run.py [--quick] [--json] [--only NAME]``.

Prints a table (name, value, floor, ratio, goal, met); with ``--json`` the last line of stdout is
one JSON object ``{name: {"value", "floor", "ratio", "goal", "met", "unit", "note"}}``.
Progress goes to stderr. ``--quick`` runs every figure with fewer repetitions (under 3 minutes
on 2 cores, from an empty cache). See README.md for what each floor is.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import build, core_figures, durability, tui_figures  # noqa: E402
from benchmarks.common import Figure, compile_bytecode, home_for, log  # noqa: E402

#: (quick, full) repetitions per figure.
REPS = {
    "startup": (5, 15),
    "search": (2, 4),
    "recompute": (3, 7),
    "render": (30, 100),
    "report": (5, 15),
    "memory": (1, 3),
    "durability": (5, 15),
}


def _failed(name: str, exc: BaseException) -> Figure:
    log(f"{name} failed:\n{traceback.format_exc()}")
    return Figure(name, None, None, "", "", False, note=f"error: {type(exc).__name__}: {exc}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (< 3 min)")
    parser.add_argument("--json", action="store_true", help="last line: the figures as JSON")
    parser.add_argument(
        "--only",
        action="append",
        choices=[
            "startup",
            "search",
            "recompute",
            "render",
            "report",
            "memory",
            "extras",
            "durability",
        ],
        help="run only these groups (repeatable)",
    )
    args = parser.parse_args(argv)
    level = 0 if args.quick else 1
    reps = {k: v[level] for k, v in REPS.items()}
    wanted = set(args.only or ["startup", "search", "recompute", "render", "report", "memory",
                               "extras", "durability"])  # fmt: skip
    report_limit = 30.0 if args.quick else 120.0
    started = time.perf_counter()

    if wanted <= {"durability"}:  # needs no prepared database
        return _run_durability(reps["durability"], args.json)
    dbs: dict[str, Path] = {}
    for size in ("1k", "10k", "100k"):
        dbs[size], _ = build.ensure(size)
    log(f"databases ready in {time.perf_counter() - started:.1f} s")
    compile_bytecode()
    big = dbs["100k"]
    guard = tui_figures.cache_guard(big)
    big_home = home_for(big, "read-only-100k", link=True)

    figures: list[Figure] = []
    steps: list[tuple[str, str, Callable[[], Figure | list[Figure] | tuple[Figure, ...]]]] = [
        (
            "startup",
            "startup_dashboard_10k",
            lambda: tui_figures.startup(home_for(dbs["10k"], "startup-10k"), reps["startup"]),
        ),
        (
            "search",
            "search_keystroke_p95_100k",
            lambda: tui_figures.search(big_home, big, reps["search"]),
        ),
        (
            "recompute",
            "recompute_plan_10k",
            lambda: core_figures.recompute(dbs["10k"], reps["recompute"]),
        ),
        ("render", "render_demand_letter", lambda: core_figures.render(reps["render"])),
        (
            "report",
            "reminder_report_300k",
            lambda: core_figures.report(big_home, big, reps["report"], limit=report_limit),
        ),
        ("memory", "tui_memory_100k", lambda: tui_figures.memory(big_home, reps["memory"])),
        ("extras", "demo_1000", core_figures.demo),
        ("extras", "batch_render_100", lambda: core_figures.batch(dbs["1k"], 100)),
        ("durability", "commit_full_note", lambda: durability.commits(reps["durability"])),
    ]
    for group, name, step in steps:
        if group not in wanted:
            continue
        log(f"{name} ...")
        t0 = time.perf_counter()
        try:
            result = step()
        except Exception as exc:  # noqa: BLE001 - one broken figure must not hide the others
            result = _failed(name, exc)
        finally:
            guard()
        got = [result] if isinstance(result, Figure) else list(result)
        figures.extend(got)
        for f in got:
            log(f"  {_line(f)}   ({time.perf_counter() - t0:.1f} s)")

    log(f"all done in {time.perf_counter() - started:.1f} s")
    print(table(figures))
    if args.json:
        print(json.dumps({f.name: f.to_json() for f in figures}, ensure_ascii=False))
    return 0


def _run_durability(rounds: int, as_json: bool) -> int:
    from benchmarks.common import CACHE

    CACHE.mkdir(parents=True, exist_ok=True)
    try:
        figures = durability.commits(rounds)
    except Exception as exc:  # noqa: BLE001 - report it like any other broken figure
        figures = [_failed("commit_full_note", exc)]
    print(table(figures))
    if as_json:
        print(json.dumps({f.name: f.to_json() for f in figures}, ensure_ascii=False))
    return 0


def _fmt(x: float | None, unit: str = "") -> str:
    if x is None:
        return "-"
    if unit == "deadlines/s":
        return f"{x:,.0f}/s"
    if abs(x) >= 100:
        return f"{x:,.0f} {unit}".strip()
    if abs(x) >= 1:
        return f"{x:.2f} {unit}".strip()
    return f"{x:.3f} {unit}".strip()


def _line(f: Figure) -> str:
    met = "-" if f.met is None else ("yes" if f.met else "NO")
    ratio = "-" if f.ratio is None else f"{f.ratio:.2f}"
    return f"{f.name}: {_fmt(f.value, f.unit)} (floor {_fmt(f.floor, f.unit)}, ratio {ratio}) {met}"


def table(figures: list[Figure]) -> str:
    """The results as a Markdown table (README.md pastes it as is)."""
    rows = [("figure", "value", "floor", "ratio", "goal", "met")]
    for f in figures:
        rows.append(
            (
                f.name,
                _fmt(f.value, f.unit),
                _fmt(f.floor, f.unit),
                "-" if f.ratio is None else f"{f.ratio:.2f}",
                f.goal,
                "-" if f.met is None else ("yes" if f.met else "**no**"),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    notes = [f"- {f.name}: {f.note}" for f in figures if f.note]
    return "\n".join(lines + [""] + notes)


if __name__ == "__main__":
    sys.exit(main())
