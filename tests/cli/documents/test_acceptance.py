"""The acceptance case, end to end through the CLI, on SQLite and PostgreSQL.

A client named ``José Núñez-O'Brien & Hijos <LLC> {{ 7*7 }}`` (Spanish), a 2025-11-03 incident in
Danbury with the Danbury Police Department: every shipped matter template generates, opens in
python-docx, prints the name literally and leaves no template tag behind; the Document rows carry
the file's SHA-256; nothing is ever overwritten.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path
from typing import Any

import pytest
from docgen.helpers import read_back

from .conftest import HOSTILE_NAME, TEMPLATES, cli, cli_json, document_rows


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def everything(path: Path) -> str:
    return read_back(path).everything()


@pytest.mark.parametrize("template", TEMPLATES)
def test_each_template_generates_a_clean_document(
    acceptance: str, firm: Any, documents_dir: Path, template: str
) -> None:
    out = cli_json("generate", template, acceptance)

    path = Path(out["path"])
    assert path.parent == documents_dir / acceptance
    assert path.name.startswith(f"2025-11-20-{template}")
    assert out["sha256"] == sha256(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(documents_dir.stat().st_mode) == 0o700

    read = read_back(path)
    text = read.everything()
    assert read.body and read.headers + read.footers
    assert HOSTILE_NAME in text
    assert "<LLC> 49" not in text
    assert "{%" not in text
    assert "{{" not in text.replace("{{ 7*7 }}", "").replace("{{ x }}", "")

    rows = [r for r in document_rows(firm) if r.id == out["document_id"]]
    assert len(rows) == 1
    row = rows[0]
    # Stored relative to the files root, so every user (and a restored home) finds it.
    rel = path.relative_to(firm.settings.files_root).as_posix()
    assert (row.template, row.output_path, row.sha256) == (template, rel, sha256(path))
    assert row.generated_by == "tester"


def test_complaint_names_the_danbury_district_and_the_trust_act(acceptance: str) -> None:
    out = cli_json("generate", "complaint", acceptance)
    read = read_back(Path(out["path"]))
    caption = [cell for table in read.tables for row in table for cell in row]
    assert "J.D. OF DANBURY" in caption
    assert "AT DANBURY" in caption
    assert "§ 54-192h" in read.everything()
    assert "RETURN DATE: JANUARY 20, 2026" in read.everything()  # a Tuesday, § 52-48


def test_client_letter_follows_the_clients_language(acceptance: str) -> None:
    default = cli_json("generate", "client-letter", acceptance)
    assert default["language"] == "es"
    assert default["path"].endswith("2025-11-20-client-letter.es.docx")
    spanish = everything(Path(default["path"]))
    assert "Apreciable " in spanish and "o estimada" not in spanish
    assert "20 de noviembre de 2025" in spanish

    explicit = cli_json("generate", "client-letter", acceptance, "--lang", "es")
    assert explicit["language"] == "es"
    assert explicit["path"].endswith("client-letter-2.es.docx")

    english = cli_json("generate", "client-letter", acceptance, "--lang", "en")
    assert english["language"] == "en"
    assert "November 20, 2025" in everything(Path(english["path"]))
    assert "Apreciable" not in everything(Path(english["path"]))


def test_english_only_templates_ignore_the_clients_language(acceptance: str) -> None:
    out = cli_json("generate", "demand-letter", acceptance)
    assert out["language"] == "en"
    assert out["path"].endswith("2025-11-20-demand-letter.docx")


def test_a_second_generation_never_overwrites(acceptance: str, firm: Any) -> None:
    first = cli_json("generate", "demand-letter", acceptance)
    before = Path(first["path"]).read_bytes()
    second = cli_json("generate", "demand-letter", acceptance)
    assert second["path"] != first["path"]
    assert second["path"].endswith("2025-11-20-demand-letter-2.docx")
    assert Path(first["path"]).read_bytes() == before
    assert second["document_id"] != first["document_id"]

    listed = cli_json("documents", "list", acceptance)
    assert [d["path"] for d in listed] == [first["path"], second["path"]]
    for doc in listed:
        assert doc["sha256"] == sha256(Path(doc["path"]))
        assert doc["status"] == "ok"
    assert len(document_rows(firm)) == 2


def test_foi_request_opens_a_records_request(acceptance: str, firm: Any) -> None:
    out = cli_json("generate", "foi-request", acceptance)
    assert out["records_request_id"]

    requests = cli_json("records", "list", acceptance)
    assert len(requests) == 1
    request = requests[0]
    assert request["id"] == out["records_request_id"]
    assert request["agency"] == "Danbury Police Department"
    assert request["document_id"] == out["document_id"]
    assert request["status"] == "draft"
    assert request["received_on"] is None  # the § 1-206 clock starts when the agency receives it
    assert "Núñez" not in request["description"]


def test_out_folder(acceptance: str, tmp_path: Path) -> None:
    target = tmp_path / "exports" / "letters"
    out = cli_json("generate", "preservation-letter", acceptance, "--out", str(target))
    assert Path(out["path"]).parent == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o700


def test_human_output(acceptance: str) -> None:
    result = cli("generate", "foi-request", acceptance)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("wrote ")
    assert "sha256:" in result.stdout
    assert "casekit records update" in result.stdout
    listed = cli("documents", "list", acceptance)
    assert listed.exit_code == 0
    assert "foi-request" in listed.stdout and "ok" in listed.stdout
