"""Crash and contention (issue 16 item 8), on SQLite and PostgreSQL.

* Writers (``writer.py loop``: client, matter, note, evidence, document, each one command) are
  killed with SIGKILL at random moments; afterwards the database is intact, every matter is
  whole (its incident, defendant, screening and deadlines came in the same transaction), the
  audit chain verifies, and once the sweep has run no orphan or temporary file is left, nor a
  row pointing at a missing file.
* Two and four writers race to update the same matter with the version they read: exactly one
  wins each round, every loser gets the conflict message, and no update is lost.

Bounded: a few seconds per run. ``CASEKIT_CRASH_RUNS`` raises the number of kills.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from tests.clirun import cli as _cli

WRITER = Path(__file__).with_name("writer.py")
FIRM = {
    "firm.name": "Smith & Jones Clinic",
    "firm.address": "100 Pearl Street, Hartford, CT 06103",
    "firm.juris_number": "123456",
}
#: Figures for the closing note, printed at the end of each test (pytest -s shows them).
FIGURES: dict[str, Any] = {}


def _env(services: Any) -> dict[str, str]:
    env = dict(os.environ)
    env["CASEKIT_DATABASE_URL"] = services.settings.database_url
    env["CASEKIT_TODAY"] = "2026-03-15"
    env.pop("CASEKIT_TEST_CRASH_AT", None)
    return env


def test_sigkilled_writers_leave_nothing_half_done(services: Any, tmp_path: Path) -> None:
    from casekit.services.documents.files import MIN_AGE_S, full_sweep, is_temporary, references
    from casekit.services.office.settings import set_setting
    from casekit.store.models import Deadline, Document, Evidence, Incident, Matter, Party

    for key, value in FIRM.items():
        set_setting(services, key, value)
    services.settings.home.mkdir(parents=True, exist_ok=True)
    runs = int(os.environ.get("CASEKIT_CRASH_RUNS", "4"))
    rng = random.Random(os.environ.get("CASEKIT_CRASH_SEED", "16"))
    scratch = tmp_path / "writer"
    scratch.mkdir()
    env = _env(services)
    for _ in range(runs):
        (scratch / "started").unlink(missing_ok=True)
        writer = subprocess.Popen(  # noqa: S603 - our own script
            [sys.executable, str(WRITER), "loop", str(scratch)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while not (scratch / "started").exists() and writer.poll() is None:
            if time.monotonic() > deadline:
                writer.kill()
                raise AssertionError(writer.communicate()[1].decode(errors="replace")[-1500:])
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 1.5))  # when to kill, not a timing assertion
        alive = writer.poll() is None
        writer.send_signal(signal.SIGKILL)
        _, err = writer.communicate(timeout=30)
        assert alive, err.decode(errors="replace")[-2000:]  # it died by itself: a crash
        assert b"Traceback" not in err, err.decode(errors="replace")[-2000:]

    with services.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        matters = conn.execute(select(func.count()).select_from(Matter)).scalar()
        for model in (Incident, Party, Deadline):
            partial = conn.execute(
                select(func.count())
                .select_from(Matter)
                .where(~select(model.id).where(model.matter_id == Matter.id).exists())
            ).scalar()
            assert partial == 0, f"{partial} matter(s) without a {model.__name__}"
        screened = conn.execute(
            text("SELECT count(*) FROM matter m WHERE NOT EXISTS "
                 "(SELECT 1 FROM screening s WHERE s.matter_id = m.id)")
        ).scalar()  # fmt: skip
        assert screened == 0
        docs = list(conn.execute(select(Document.output_path)).scalars())
        blobs = list(conn.execute(select(Evidence.stored_path)).scalars())
    assert matters, f"the writers never got a matter in: {err.decode(errors='replace')[-500:]}"

    verify = _cli("audit", "verify")
    assert verify.exit_code == 0, verify.stderr

    # An hour later, the first command's sweep removes what the kills left behind.
    full_sweep(services, now=time.time() + 2 * MIN_AGE_S)
    refs = references(services)
    root = services.settings.files_root
    leftovers = []
    for folder in (services.settings.documents_dir, services.settings.evidence_dir):
        for path in folder.rglob("*") if folder.exists() else ():
            rel = path.relative_to(root).as_posix()
            if is_temporary(path.name) or (path.is_file() and not refs.keeps(rel)):
                leftovers.append(rel)
    assert leftovers == []
    for rel in docs:
        assert (root / rel).is_file(), f"document row without its file: {rel}"
    for rel in blobs:
        assert (services.settings.evidence_dir / rel).is_file(), "evidence row without its copy"
    assert _cli("client", "list").exit_code == 0
    FIGURES[f"crash[{services.engine.dialect.name}]"] = {
        "kills": runs, "matters": matters, "documents": len(docs), "evidence": len(blobs),
        "partial_matters": 0, "orphans_after_sweep": 0, "tracebacks": 0,
    }  # fmt: skip
    print(json.dumps(FIGURES))


def _add_matter() -> str:
    assert _cli("client", "add", "--name", "Ana Ruiz").exit_code == 0
    result = _cli(
        "matter", "add", "--client", "1", "--incident-date", "2026-01-10", "--town", "Danbury",
        "--agency", "Danbury Police Department", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return str(json.loads(result.stdout)["number"])


def _wait_for(paths: list[Path], procs: list[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + 120
    while not all(p.exists() for p in paths):
        for proc in procs:
            if proc.poll() not in (None, 0):
                raise AssertionError(proc.stderr.read().decode() if proc.stderr else "died")
        assert time.monotonic() < deadline, "writers stuck"
        time.sleep(0.01)


def _lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_lose_no_update(
    services: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writers: int
) -> None:
    monkeypatch.setenv("CASEKIT_TODAY", "2026-03-15")
    matter = _add_matter()
    rounds = 3
    folder = tmp_path / "race"
    folder.mkdir()
    procs = [
        subprocess.Popen(  # noqa: S603 - our own script
            [sys.executable, str(WRITER), "race", str(folder), str(i), str(rounds), matter],
            env=_env(services),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i in range(writers)
    ]
    try:
        for r in range(rounds):
            _wait_for([folder / f"ready-{r}-{i}" for i in range(writers)], procs)
            (folder / f"go-{r}").touch()
            expected = r + 1
            deadline = time.monotonic() + 120
            while sum(
                sum(1 for x in _lines(folder / f"result-{i}.jsonl") if x["round"] == r)
                for i in range(writers)
            ) < writers:  # fmt: skip
                assert time.monotonic() < deadline, "writers stuck"
                time.sleep(0.01)
            assert expected
        for proc in procs:
            assert proc.wait(timeout=60) == 0
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    results = [x for i in range(writers) for x in _lines(folder / f"result-{i}.jsonl")]
    assert len(results) == rounds * writers
    statuses = []
    for r in range(rounds):
        this_round = [x for x in results if x["round"] == r]
        assert len({x["read"] for x in this_round}) == 1  # everyone read the same version
        winners = [x for x in this_round if x["code"] == 0]
        losers = [x for x in this_round if x["code"] != 0]
        assert len(winners) == 1, this_round  # one update per version read: none lost
        for loser in losers:
            assert loser["code"] == 2, loser
            assert "someone else changed this" in loser["stderr"], loser
            assert len(loser["stderr"].strip().splitlines()) == 1
            assert "Traceback" not in loser["stderr"]
        statuses.append(winners[0]["status"])
    view = json.loads(_cli("matter", "show", matter, "--json").stdout)
    assert view["status"] == statuses[-1]  # the last winner's change is what is stored

    # Every winning update moved the version exactly once, from the version its writer read.
    first_read = min(x["read"] for x in results)
    assert view["version"] == first_read + rounds
    assert [min(x["read"] for x in results if x["round"] == r) for r in range(rounds)] == list(
        range(first_read, first_read + rounds)
    )
    FIGURES[f"race[{services.engine.dialect.name}-{writers}]"] = {
        "rounds": rounds, "writers": writers, "updates": len(results),
        "won": rounds, "conflicts": len(results) - rounds, "lost_updates": 0,
    }  # fmt: skip
    print(json.dumps(FIGURES))
