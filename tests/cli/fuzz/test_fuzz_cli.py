"""Hostile input to the CLI on SQLite and PostgreSQL: every command keeps the contract.

Each case is a hypothesis property run through ``run`` (tests/fuzz/conftest.py), which checks
after every command: exit 0 or one ``error:`` line, no traceback or internal error, no control
sequence echoed, and nothing written by a refused command (rows in every table, files under
documents/, evidence/ and backups/).

The default run uses the small ``casekit-quick`` profile; ``pytest -m fuzz tests/fuzz`` (or
``CASEKIT_FUZZ=1``) runs the ``fuzz``-marked long version of every case.
"""

from __future__ import annotations

import io
import os
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from . import strategies as s

Run = Callable[..., Any]


@dataclass(frozen=True)
class Case:
    name: str
    strategies: dict[str, Any]
    body: Callable[..., None]

    def __str__(self) -> str:
        return self.name


def _client_add(run: Run, env: dict[str, Any], name: str, dob: str, phone: str) -> None:
    run("client", "add", "--name", name, "--dob", dob, "--phone", phone, "--yes")


def _matter_add(run: Run, env: dict[str, Any], day: str, town: str, client: str) -> None:
    run("matter", "add", "--client", client, "--incident-date", day, "--town", town,
        "--agency", "Danbury Police Department")  # fmt: skip


def _matter_update(run: Run, env: dict[str, Any], status: str, day: str, version: str) -> None:
    run("matter", "update", env["matter"], "--status", status, "--incident-date", day,
        "--version", version, "--yes")  # fmt: skip
    run("matter", "update", env["matter"], "--status", status, "--yes")


def _notes_and_deadlines(run: Run, env: dict[str, Any], body: str, due: str) -> None:
    run("note", "add", env["matter"], body)
    run("deadlines", "add", env["matter"], "--title", body, "--due", due, "--note", body)
    run("custody", "add", env["matter"], "--kind", "arrest", "--at", f"{due}T10:00",
        "--note", body)  # fmt: skip


def _lookups(run: Run, env: dict[str, Any], ref: str, number: str) -> None:
    run("matter", "show", ref)
    run("client", "show", ref)
    run("conflicts", ref)
    run("matter", "list", "--limit", number, "--offset", number)
    run("party", "remove", number)
    run("deadlines", "done", number, "--reason", ref)
    run("deadlines", "list", "--within", number)


def _reports(run: Run, env: dict[str, Any], day: str, number: str) -> None:
    run("report", "deadlines", "--today", day, "--within", number)
    run("calendar", "close", day, "--reason", "storm")
    run("export", "ics", "--output", str(env["tmp"] / "out.ics"), "--today", day)
    run("deadlines", "list", "--json")  # whatever was accepted never breaks a listing


def _paths(run: Run, env: dict[str, Any], which: str, kind: str) -> None:
    path = env["paths"][which]
    run("evidence", "add", env["matter"], str(path), "--kind", kind)
    if which != "proc":  # outputs only where a test may write
        run("export", "ics", "--output", str(path))
        run("backup", "--output", str(path))
        run("remind", "--output", str(path))


def _archives(run: Run, env: dict[str, Any], damage: str, cut: int) -> None:
    archive = env["tmp"] / "damaged.tar.gz"
    good = env["backup"].read_bytes()
    if damage == "truncate":
        data = good[: cut % max(1, len(good))]
    elif damage == "flip":
        at = cut % len(good)
        data = good[:at] + bytes([good[at] ^ 0xFF]) + good[at + 1 :]
    elif damage == "garbage":
        data = os.urandom(cut % 4096)
    else:  # a tar with a member that climbs out
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
            info = tarfile.TarInfo("../../escape.txt")
            info.size = 3
            tar.addfile(info, io.BytesIO(b"bad"))
        data = buffer.getvalue()
    archive.write_bytes(data)
    result = run("restore", str(archive), "--force")
    assert result.exit_code != 0
    assert not (env["tmp"].parent / "escape.txt").exists()


def _toml(run: Run, env: dict[str, Any], which: str, text: str) -> None:
    target = env["home"] / which
    target.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        run("deadlines", "list")
        run("matter", "update", env["matter"], "--status", "active")
    finally:
        target.unlink()


CASES = [
    Case("client-add", {"name": s.text, "dob": s.dates, "phone": s.text}, _client_add),
    Case("matter-add", {"day": s.dates, "town": s.text, "client": s.numbers}, _matter_add),
    Case(
        "matter-update",
        {
            "status": s.text | st.sampled_from(["closed", "active"]),
            "day": s.dates,
            "version": s.numbers,
        },
        _matter_update,
    ),  # fmt: skip
    Case("notes-deadlines", {"body": s.text, "due": s.dates}, _notes_and_deadlines),
    Case("lookups", {"ref": s.text, "number": s.numbers}, _lookups),
    Case("reports", {"day": s.dates, "number": s.numbers}, _reports),
    Case(
        "paths",
        {
            "which": st.sampled_from(["dir", "missing", "not-a-dir", "empty", "proc"]),
            "kind": st.sampled_from(["detainer", "other", "nonsense"]),
        },
        _paths,
    ),  # fmt: skip
    Case(
        "archives",
        {
            "damage": st.sampled_from(["truncate", "flip", "garbage", "escape"]),
            "cut": st.integers(min_value=0, max_value=10**6),
        },
        _archives,
    ),  # fmt: skip
    Case(
        "toml",
        {
            "which": st.sampled_from(["rules.local.toml", "law.local.toml", "config.toml"]),
            "text": st.sampled_from(s.MALFORMED_TOML) | s.text,
        },
        _toml,
    ),  # fmt: skip
]


@pytest.fixture
def env(run: Run, matter: str, casekit_home: Path, tmp_path: Path) -> dict[str, Any]:
    """The matter, hostile paths, and (for the archive case) one good backup to damage."""
    casekit_home.mkdir(mode=0o700, parents=True, exist_ok=True)  # PostgreSQL: no file made it
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    (scratch / "file").write_text("x")
    (scratch / "empty").write_bytes(b"")
    paths = {
        "dir": scratch,
        "missing": scratch / "missing" / "deeper.pdf",
        "not-a-dir": scratch / "file" / "child.pdf",  # a file used as a folder: ENOTDIR
        "empty": scratch / "empty",
        "proc": Path("/proc/self/mem"),  # unreadable even for root this way
    }
    return {"matter": matter, "home": casekit_home, "tmp": scratch, "paths": paths}


def _with_backup(run: Run, env: dict[str, Any]) -> None:
    if "backup" not in env:
        path = env["tmp"] / "good.tar.gz"
        result = run("backup", "--output", str(path))
        assert result.exit_code == 0, result.stderr
        env["backup"] = path


def _check_case(case: Case, run: Run, env: dict[str, Any], examples: int | None) -> None:
    if case.name == "archives":
        _with_backup(run, env)

    def property_(**values: Any) -> None:
        case.body(run, env, **values)

    test = given(**case.strategies)(property_)
    if examples is not None:
        test = settings(max_examples=examples)(test)
    test()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_cli_keeps_the_contract(case: Case, run: Run, env: dict[str, Any]) -> None:
    """The bounded version, in every test run (the loaded profile: small by default)."""
    _check_case(case, run, env, None)


@pytest.mark.fuzz
@pytest.mark.parametrize("case", CASES, ids=str)
def test_cli_keeps_the_contract_long(case: Case, run: Run, env: dict[str, Any]) -> None:
    """The long version: ``pytest -m fuzz tests/fuzz`` (skipped in the default run)."""
    if settings().max_examples <= 8:  # the quick profile: the test above already ran it
        pytest.skip("the long fuzz run: pytest -m fuzz (or CASEKIT_FUZZ=1)")
    _check_case(case, run, env, None)
