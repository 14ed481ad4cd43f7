"""Reports open right in Excel (UTF-8 with BOM) and data never becomes Markdown markup."""

from __future__ import annotations

import csv
import io
from datetime import date

from typer.testing import CliRunner

from casekit.cli import app
from casekit.services import reports

runner = CliRunner()
NAME = "Nguyễn <b>*Văn*</b> Đức_x | [link](javascript:alert) &lt;"


def test_csv_is_utf8_with_bom_for_excel(services, make_matter, deadline, tmp_path):
    m = make_matter(client_name="Nguyễn Văn Đức")
    deadline(m, due=date(2026, 12, 1), citation="§ 52-577")
    out = tmp_path / "deadlines.csv"
    res = runner.invoke(
        app,
        ["report", "deadlines", "--today", "2026-11-20", "--format", "csv", "--output", str(out)],
    )
    assert res.exit_code == 0, res.stderr
    raw = out.read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf"
    # What Excel does with a BOM: read UTF-8. Without it, cp1252 would show "NguyÃ¡»…n".
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["client"] == "Nguyễn Văn Đức" and rows[0]["citation"] == "§ 52-577"
    for command in (["report", "no-deadline"], ["report", "caseload"], ["report", "agencies"]):
        res = runner.invoke(app, [*command, "--format", "csv"])
        assert res.exit_code == 0 and res.stdout.startswith("\ufeff"), command


def test_markdown_escapes_html_and_emphasis_in_data(services, make_matter, deadline):
    m = make_matter(client_name=NAME)
    deadline(m, due=date(2026, 12, 1), title="Notice *now* <script>x</script>")
    res = runner.invoke(app, ["report", "deadlines", "--today", "2026-11-20", "--format", "md"])
    assert res.exit_code == 0, res.stderr
    text = res.stdout
    assert "<b>" not in text and "<script>" not in text
    assert "&lt;script&gt;" in text and "\\*now\\*" in text
    assert "\\*Văn\\*" in text and "Đức\\_x \\| \\[link\\](javascript:alert) &amp;lt;" in text
    row = next(line for line in text.splitlines() if m in line)
    assert row.count(" | ") == 8  # nine cells: the | in the name did not split one


def test_md_text():
    assert reports.md_text("a  b\nc") == "a b c"
    assert reports.md_text("AT&T § 52-577(a)") == "AT&T § 52-577(a)"  # plain text stays plain
    assert reports.md_text("`x` ~y~") == "\\`x\\` \\~y\\~"
