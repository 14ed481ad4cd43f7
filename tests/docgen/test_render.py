"""Writing documents: owner-only, atomic, never overwriting; PDF through LibreOffice."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from casekit.docgen import pdf
from casekit.docgen.context import build_context
from casekit.docgen.render import free_output_path, publish_bytes, render_document
from casekit.errors import ConfigurationError, InvalidInput
from casekit.resources import templates_dir
from tests.docgen.helpers import make_template
from tests.docgen.sample import EXTRA, FIRM, MATTERS, TODAY


def _context() -> dict[str, object]:
    return build_context("foi-request", MATTERS["nunez"], FIRM, TODAY, extra=EXTRA)


def test_free_output_path_adds_suffixes(tmp_path: Path) -> None:
    assert free_output_path(tmp_path, "TA-1 demand") == tmp_path / "TA-1 demand.docx"
    (tmp_path / "TA-1 demand.docx").touch()
    assert free_output_path(tmp_path, "TA-1 demand") == tmp_path / "TA-1 demand-2.docx"
    (tmp_path / "TA-1 demand-2.docx").touch()
    assert free_output_path(tmp_path, "TA-1 demand") == tmp_path / "TA-1 demand-3.docx"
    assert free_output_path(tmp_path, "x", ".pdf") == tmp_path / "x.pdf"
    for bad in ("", "../x", "a/b", ".."):
        with pytest.raises(InvalidInput):
            free_output_path(tmp_path, bad)


def test_render_writes_a_private_new_file(tmp_path: Path) -> None:
    out = tmp_path / "docs" / "foi.docx"
    doc = render_document(templates_dir() / "foi-request.docx", _context(), out)
    assert doc.path == out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700
    assert [p.name for p in out.parent.iterdir()] == ["foi.docx"]  # no temp file left


def test_render_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "foi.docx"
    out.write_bytes(b"the attorney's edited copy")
    with pytest.raises(InvalidInput, match="already exists"):
        render_document(templates_dir() / "foi-request.docx", _context(), out)
    assert out.read_bytes() == b"the attorney's edited copy"


def test_publish_refuses_a_name_taken_meanwhile(tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    publish_bytes(b"first", out)
    with pytest.raises(InvalidInput):
        publish_bytes(b"second", out, durable=True)
    assert out.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_missing_value_is_a_clean_error(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", ["{{ client.name }} {{ nothing_here }}"])
    with pytest.raises(InvalidInput, match="lacks"):
        render_document(path, _context(), tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_pdf_without_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    with pytest.raises(
        ConfigurationError,
        match=r"^PDF output needs LibreOffice \(soffice\) installed; the \.docx was written$",
    ):
        pdf.convert_to_pdf(tmp_path / "x.docx")


def test_pdf_through_soffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A stand-in soffice that writes <outdir>/<stem>.pdf, the way LibreOffice does.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(
        textwrap.dedent(
            f"""\
            #!{sys.executable}
            import pathlib, sys
            args = sys.argv[1:]
            assert "--headless" in args and args[args.index("--convert-to") + 1] == "pdf"
            out = pathlib.Path(args[args.index("--outdir") + 1])
            out.mkdir(parents=True, exist_ok=True)
            src = pathlib.Path(args[-1])
            (out / (src.stem + ".pdf")).write_bytes(b"%PDF-1.4 fake")
            """
        )
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    docx = render_document(templates_dir() / "foi-request.docx", _context(), tmp_path / "f.docx")
    (tmp_path / "f.pdf").write_bytes(b"older pdf")
    result = pdf.convert_to_pdf(docx.path)
    assert result == tmp_path / "f-2.pdf"
    assert result.read_bytes() == b"%PDF-1.4 fake"
    assert stat.S_IMODE(result.stat().st_mode) == 0o600
    assert (tmp_path / "f.pdf").read_bytes() == b"older pdf"


def test_docgen_imports_stay_light() -> None:
    code = (
        "import sys\n"
        "import casekit.docgen, casekit.docgen.context, casekit.docgen.render\n"
        "import casekit.docgen.registry, casekit.docgen.check, casekit.docgen.pdf\n"
        "heavy = {'docxtpl', 'docx', 'sqlmodel', 'sqlalchemy', 'textual', 'typer'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
