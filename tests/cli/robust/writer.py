"""A casekit writer in its own process, for the crash and contention tests (not a test module).

``python writer.py loop``: writes forever (client, matter, note, evidence, document), each a
CLI command in this process, until it is killed.

``python writer.py race DIR INDEX ROUNDS MATTER``: for each round, reads the matter's version
(``matter show --json``), says so (``DIR/ready-R-INDEX``), waits for ``DIR/go-R``, then updates
the status with ``--version``; appends ``{"round", "code", "stderr", "status"}`` to
``DIR/result-INDEX.jsonl``.

The environment (CASEKIT_HOME, CASEKIT_DATABASE_URL, CASEKIT_KEY_FILE...) comes from the test.
"""

from __future__ import annotations

import io
import json
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from itertools import count
from pathlib import Path

from casekit.cli import app


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            app(list(args))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
    if code:  # the test reads this process's stderr: a refusal is shown, a traceback fails it
        sys.__stderr__.write(f"{args[:2]}: {err.getvalue()}")
    return code, out.getvalue(), err.getvalue()


def loop(folder: Path) -> None:
    evidence = folder / "detainer.pdf"
    for i in count():
        evidence.write_bytes(f"%PDF-1.4 detainer {i}\n".encode() * 200)
        code, out, _ = cli("client", "add", "--name", f"Writer Client {i}", "--yes", "--json")
        if code:
            continue
        client = json.loads(out)["id"]
        code, out, _ = cli(
            "matter", "add", "--client", str(client), "--incident-date", "2026-01-10",
            "--town", "Danbury", "--agency", "Danbury Police Department", "--violation", "V1",
            "--yes", "--json",
        )  # fmt: skip
        if code:
            continue
        number = json.loads(out)["number"]
        (folder / "started").touch()  # the test kills at random moments after this
        cli("note", "add", number, f"call {i}")
        cli("evidence", "add", number, str(evidence), "--kind", "detainer")
        cli("generate", "demand-letter", number)


def race(folder: Path, index: int, rounds: int, matter: str) -> None:
    statuses = ("screening", "active", "closed", "declined")
    results = folder / f"result-{index}.jsonl"
    for r in range(rounds):
        code, out, err = cli("matter", "show", matter, "--json")
        assert code == 0, err
        version = json.loads(out)["version"]
        (folder / f"ready-{r}-{index}").touch()
        deadline = time.monotonic() + 60
        while not (folder / f"go-{r}").exists():
            if time.monotonic() > deadline:
                raise SystemExit("no go")
            time.sleep(0.002)
        status = statuses[(index + r) % len(statuses)]
        code, _, err = cli(
            "matter", "update", matter, "--status", status, "--yes", "--version", str(version)
        )
        with results.open("a") as fh:
            line = {"round": r, "code": code, "stderr": err, "status": status, "read": version}
            fh.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "loop":
        loop(Path(sys.argv[2]))
    else:
        race(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
