"""The one check before a user's ``.docx`` is read, with the linter's and the template
checker's messages."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest

from casekit.docgen.wordfile import word_file
from casekit.errors import InvalidInput


@pytest.mark.parametrize(
    ("kind", "name", "message"),
    [
        ("document", "missing.docx", "no document at {path}"),
        ("template", "missing.docx", "no template file at {path}"),
        ("document", "letter.pdf", "letter.pdf is not a Word document (.docx)"),
        ("template", "letter.pdf", "letter.pdf is not a Word template (.docx)"),
    ],
)
def test_refuses_a_missing_file_or_another_format(
    tmp_path: Path, kind: Literal["document", "template"], name: str, message: str
) -> None:
    (tmp_path / "letter.pdf").write_bytes(b"%PDF")
    path = tmp_path / name
    with pytest.raises(InvalidInput) as caught:
        word_file(path, kind=kind)
    assert caught.value.message == message.format(path=path)


def test_gives_back_the_file_with_the_home_folder_expanded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Letter.DOCX").write_bytes(b"")
    assert word_file("~/Letter.DOCX", kind="document") == tmp_path / "Letter.DOCX"
