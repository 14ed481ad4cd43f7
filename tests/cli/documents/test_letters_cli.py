"""A client whose language has no letter: a note, and ``casekit templates translate`` to add one
(issue 13 item 7); the preservation-days setting (item 5)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.documents.conftest import add_matter_cli, assert_one_line_error, cli, cli_json
from tests.docgen.helpers import read_back


def test_untranslated_language_note_then_translate(firm: Any, casekit_home: Path) -> None:
    number = add_matter_cli(name="Lucas Brandão", language="pt")
    result = cli("generate", "client-letter", number)
    assert result.exit_code == 0, result.stderr
    note = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    assert len(note) == 1
    assert (
        "no 'pt' version" in note[0] and "casekit templates translate client-letter pt" in note[0]
    )
    assert "Brandão" not in result.stderr
    data = cli_json("generate", "client-letter", number)
    assert data["language"] == "en" and "no 'pt' version" in data["note"]

    # Letters to an agency are English by design: no note.
    assert "note" not in cli_json("generate", "demand-letter", number)

    copied = cli_json("templates", "translate", "client-letter", "pt")
    path = Path(copied["path"])
    assert path == casekit_home / "templates" / "client-letter.pt.docx"
    assert path.stat().st_mode & 0o777 == 0o600
    listed = {t["name"]: t for t in cli_json("templates", "list")}
    assert "pt" in listed["client-letter"]["languages"]

    after = cli_json("generate", "client-letter", number)
    assert after["language"] == "pt" and "note" not in after
    assert after["path"].endswith("client-letter.pt.docx")
    assert "What happened" in "\n".join(read_back(Path(after["path"])).body_text)

    assert_one_line_error(cli("templates", "translate", "client-letter", "pt"), "already exists")
    assert_one_line_error(cli("templates", "translate", "client-letter", "english"), "two-letter")


def test_preservation_days_setting(firm: Any) -> None:
    number = add_matter_cli(language="en")
    assert_one_line_error(cli("settings", "set", "documents.preservation_days", "0"), "1 to 90")
    assert cli("settings", "set", "documents.preservation_days", "7").exit_code == 0
    out = cli_json("generate", "preservation-letter", number)
    text = "\n".join(read_back(Path(out["path"])).body_text)
    assert "within 7 days of receiving this letter" in text
    assert [c for c in out["check"] if c["level"] == "error"] == []
    assert json.dumps(out)  # the result is plain data
