"""``casekit generate``, ``casekit templates list|check`` and ``casekit documents list|check``.

Each command imports :mod:`casekit.services.documents` when it runs: the store and docgen it
loads would slow every other command's start-up (``benchmarks/run.py`` measures it).
"""

from __future__ import annotations

from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, MATTER_ARG, app, command_group, emit_json, fail
from casekit.cli.output import done, listing, print_fields, print_table

templates_app = command_group(
    "templates", "Word templates: the shipped ones and the firm's own in CASEKIT_HOME/templates."
)
documents_app = command_group("documents", "Documents generated for a matter, with their SHA-256.")


@app.command("generate")
def generate_command(
    template: str = typer.Argument(..., help="Template name (see casekit templates list)."),
    matter: str = MATTER_ARG,
    lang: str | None = typer.Option(
        None,
        "--lang",
        help="Language (en, es). Default: the client's language when the template has it.",
    ),
    out: str | None = typer.Option(
        None, "--out", help="Write into this folder instead of CASEKIT_HOME/documents/MATTER."
    ),
    pdf: bool = typer.Option(
        False, "--pdf", help="Also write a PDF copy (needs LibreOffice's soffice)."
    ),
    plan: bool = typer.Option(
        False,
        "--plan",
        help="Print the pleading plan (counts, defendants, notices, refusals); write nothing.",
    ),
    late: bool = typer.Option(
        False,
        "--late",
        help="Write a notice whose period has ended: it says so, and the drafting notes list "
        "what must be argued.",
    ),
    party: str | None = typer.Option(
        None,
        "--party",
        help="notice-7-465: the municipal defendant (party id or name) it goes to; required "
        "when the matter has several.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Fill a Word template from a matter's facts and record the document (never overwrites).

    A complaint or notice the pleading plan refuses is not written: the error names the rule.
    """
    from casekit.services.documents import PdfNotWritten, generate
    from casekit.services.setup import open_services

    if plan:
        _show_plan(template, matter, late, as_json)
        return
    try:
        result = generate(
            open_services(),
            template,
            matter,
            lang=lang,
            out_dir=out,
            pdf=pdf,
            late=late,
            party=party,
        )
    except PdfNotWritten as exc:
        if exc.document is not None:
            _show_generated(exc.document.to_dict(), as_json)
        fail(exc.message, exc.exit_code)
        return
    _show_generated(result.to_dict(), as_json)


def _show_plan(template: str, matter: str, late: bool, as_json: bool) -> None:
    from casekit.domain.pleading import plan_lines
    from casekit.services.documents import plan
    from casekit.services.setup import open_services

    planned = plan(open_services(), matter, late=late)
    refusal = planned.refusal_for(template.strip())
    if as_json:
        data = planned.to_dict()
        data["template"] = {
            "name": template.strip(),
            "refusal": refusal.to_dict() if refusal is not None else None,
        }
        emit_json(data)
        return
    for line in plan_lines(planned):
        typer.echo(line)
    if refusal is not None:
        typer.echo(f"{template.strip()}: refused: {refusal.message}")
    else:
        typer.echo(f"{template.strip()}: can be generated")


def _show_generated(data: dict[str, Any], as_json: bool) -> None:
    if data.get("note"):
        typer.echo(f"note: {data['note']}", err=True)
    for finding in data.get("check", []):
        typer.echo(
            f"{finding['level']}: {finding['where']}: {finding['message']} [{finding['code']}]",
            err=True,
        )
    if as_json:
        emit_json(data)
        return
    typer.echo(f"wrote {data['path']}")
    print_fields(
        [
            ("sha256", data["sha256"]),
            ("document", f"#{data['document_id']} ({data['template']}, {data['language']})"),
            ("pdf", data.get("pdf")),
            (
                "records request",
                f"#{data['records_request_id']} (draft: record the agency's receipt with "
                f"casekit records update {data['records_request_id']} --received DATE)"
                if data.get("records_request_id")
                else None,
            ),
        ]
    )


@templates_app.command("list")
def templates_list_command(as_json: bool = JSON_OPTION) -> None:
    """List templates: name, title, languages, and whether the firm's own copy is used."""
    from casekit.services.base import build_app_context
    from casekit.services.documents import templates_list

    infos = templates_list(build_app_context())
    rows = [
        {
            "name": i.name,
            "title": i.title,
            "languages": list(i.languages),
            "custom": i.custom,
            "kind": i.kind,
            "path": str(i.path),
        }
        for i in infos
    ]
    if as_json:
        emit_json(rows)
        return
    print_table(
        ["name", "title", "languages", "custom", "kind"],
        [[r["name"], r["title"], r["languages"], r["custom"], r["kind"]] for r in rows],
        empty="no templates",
    )


@templates_app.command("translate")
def templates_translate_command(
    template: str = typer.Argument(..., help="Template name, e.g. client-letter."),
    lang: str = typer.Argument(..., help="Two-letter language code, e.g. pt."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Copy a template's English version to the firm template folder as TEMPLATE.LANG.docx,
    for a translator to edit in Word; generate then uses it for clients whose language is LANG."""
    from casekit.services.base import build_app_context
    from casekit.services.documents import translate_template

    path = translate_template(build_app_context(), template, lang)
    done(
        {"template": template.strip(), "language": lang.strip().lower(), "path": str(path)},
        as_json,
        f"wrote {path}",
        "translate its English text in Word (keep the {{ ... }} fields as they are), then "
        "check it with casekit templates check",
    )


@templates_app.command("check")
def templates_check_command(
    path: str = typer.Argument(..., help="The .docx template to check."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Check a template: syntax errors and unknown fields, with where. Exit 1 if any."""
    from casekit.services.base import build_app_context
    from casekit.services.documents import check_template_file

    problems = check_template_file(build_app_context(), path)
    if as_json:
        emit_json(
            {
                "path": path,
                "ok": not problems,
                "problems": [{"where": p.where, "message": p.message} for p in problems],
            }
        )
    elif problems:
        for problem in problems:
            typer.echo(f"{problem.where}: {problem.message}")
    else:
        typer.echo("ok: no problems found")
    if problems:
        raise typer.Exit(1)


@documents_app.command("list")
def documents_list_command(
    matter: str = MATTER_ARG,
    as_json: bool = JSON_OPTION,
) -> None:
    """List a matter's generated documents; status: ok, modified (hash differs) or missing."""
    from casekit.services.documents import list_documents
    from casekit.services.setup import open_services

    listing(
        list_documents(open_services(), matter),
        as_json,
        ("id", "generated", "template", "lang", "status", "by", "path"),
        lambda d: (d.id, d.generated_at, d.template, d.language, d.status, d.generated_by, d.path),
        empty="no documents",
    )


@documents_app.command("check")
def documents_check_command(
    path: str = typer.Argument(..., help="The .docx document to check (e.g. one the firm edited)."),
    pdf: bool = typer.Option(
        False,
        "--pdf",
        help="Also lay the pages out through LibreOffice: no page may hold only the signature.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Lint a document: "the client" in a pleading, a count against a defendant its claim cannot
    reach, a notice called timely after its deadline, a placeholder not highlighted, a signature
    block that can sit alone on a page, two page numbers. Exit 1 on an error."""
    from casekit.docgen.lint import ERROR
    from casekit.services.base import build_app_context
    from casekit.services.documents import check_document

    findings = check_document(build_app_context(), path, pdf=pdf)
    errors = [f for f in findings if f.level == ERROR]
    if as_json:
        emit_json({"path": path, "ok": not errors, "check": [f.to_dict() for f in findings]})
    elif findings:
        for finding in findings:
            typer.echo(finding.line())
    else:
        typer.echo("ok: no problems found")
    if errors:
        raise typer.Exit(1)
