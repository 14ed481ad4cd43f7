"""Every command has help text (sqlite-utils' test_docs idea), and --help works everywhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from casekit.cli import app


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command under ``command`` (typer vendors click, so groups are duck-typed)."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk(sub, (*path, name))


COMMANDS = list(walk(typer.main.get_command(app)))


def test_the_tree_has_the_foundation_commands() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {
        "init",
        "db upgrade",
        "demo",
        "backup",
        "restore",
        "client add",
        "client list",
        "client show",
        "matter add",
        "matter list",
        "matter show",
        "conflicts",
        "towns",
        "agencies",
        "settings set",
        "settings show",
        "attorney add",
        "attorney list",
    } <= names


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(path) or "casekit" for path, _ in COMMANDS]
)
def test_every_command_has_help(path: tuple[str, ...], command: Any) -> None:
    where = " ".join(("casekit", *path))
    assert (command.help or command.short_help or "").strip(), f"{where} has no help text"
    for param in command.params:
        if param.param_type_name == "option" and not param.hidden:
            assert (param.help or "").strip(), f"{where} {param.opts[0]} has no help text"
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.stderr
    assert "Usage:" in result.stdout
