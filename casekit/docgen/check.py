"""Check a Word template before anyone relies on it.

A firm edits templates in Word, so a template can carry a typo in a tag, a field the context does
not have, or (pasted from somewhere) an attempt to reach Python internals. :func:`check_template`
finds all three without touching client data:

* Jinja syntax errors, located as ``body paragraph N``, ``table N``, ``header N`` or ``footer N``
  (the same numbering python-docx uses for ``Document.paragraphs`` and ``Document.tables``);
* variables the standard context does not provide: docxtpl's
  ``get_undeclared_template_variables`` for top-level names, plus a scan of dotted paths
  (``client.nmae``, ``c.paragraphs[].numbr``) against the shape of the standard context;
* sandbox escapes (``{{ ''.__class__.__mro__ }}`` and the like), found by a scan for underscore
  attributes and by rendering the template once in the sandbox with a fictional matter: either
  way the template is refused with :class:`~casekit.errors.InvalidInput`.

This runs separately from rendering (``casekit templates check``, and before a firm's own template
is first used), so the render path stays as cheap as bare docxtpl.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.docgen.context import (
    MATTER_KEYS,
    REPORT_COMMON_KEYS,
    REPORT_CONTEXT_KEYS,
    is_report,
)
from casekit.docgen.environment import RenderLimitExceeded, get_env
from casekit.docgen.probe import probe_context
from casekit.docgen.shapes import context_shape, read_paths, resolves
from casekit.domain.text import one_line
from casekit.errors import InvalidInput

if TYPE_CHECKING:
    from jinja2 import nodes

__all__ = [
    "TemplateProblem",
    "check_template",
    "standard_context_keys",
    "template_name",
    "template_variables",
]

_PARAGRAPH = re.compile(r"<w:p([ >])")
_TABLE_OPEN = re.compile(r"<w:tbl[ >]")
_TABLE_CLOSE = "</w:tbl>"
_TAGS = re.compile(r"<[^>]+>")
_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"


@dataclass(frozen=True)
class TemplateProblem:
    """One thing wrong with a template: where, and what, in words for the person editing it."""

    where: str
    message: str


def template_name(path: Path) -> str:
    """``client-letter`` for ``client-letter.es.docx``: the name without language or extension."""
    stem = path.name[: -len(".docx")] if path.name.endswith(".docx") else path.stem
    base, _, lang = stem.rpartition(".")
    return base if base and re.fullmatch(r"[a-z]{2}", lang) else stem


def standard_context_keys(name: str) -> frozenset[str]:
    """The top-level keys the standard context gives template ``name`` (matter or report)."""
    if is_report(name):
        return REPORT_CONTEXT_KEYS.get(name, REPORT_COMMON_KEYS)
    return MATTER_KEYS


def check_template(path: Path, context_keys: set[str] | None = None) -> list[TemplateProblem]:
    """Every problem found in the template at ``path`` (an empty list means it is fine).

    Args:
        path: a ``.docx`` template.
        context_keys: the top-level names the caller will provide; default: the standard context
            for the template's name (matter or report). With the standard context, dotted fields
            are checked too and the template is test-rendered with a fictional matter.

    Raises:
        InvalidInput: the template tries to reach outside the sandbox.
    """
    name = template_name(path)
    try:
        parts = _template_parts(path)
    except Exception:  # noqa: BLE001 - any failure to open means "not a usable .docx"
        return [TemplateProblem("file", f"{path.name} is not a readable Word document (.docx)")]

    env = get_env()
    problems: list[TemplateProblem] = []
    parsed: list[tuple[_Part, nodes.Template]] = []
    for part in parts:
        try:
            parsed.append((part, env.parse(part.source)))
        except Exception as exc:  # noqa: BLE001 - jinja raises TemplateSyntaxError (and rarely others)
            lineno = getattr(exc, "lineno", None)
            message = getattr(exc, "message", None) or str(exc)
            problems.append(TemplateProblem(part.locate(lineno), f"syntax error: {message}"))
    for part, tree in parsed:
        _refuse_escapes(name, part, tree, problems)
    if problems:
        return problems

    standard = context_keys is None
    keys = set(standard_context_keys(name)) if context_keys is None else set(context_keys)
    undeclared = _undeclared(path) - set(env.globals) - keys
    for var in sorted(undeclared):
        problems.append(
            TemplateProblem(
                _first_use(parsed, var), f"uses {var!r}, which the document context does not have"
            )
        )
    if not standard:
        return problems

    context = probe_context(name)
    shape = context_shape(context)
    reported: set[str] = set()
    for part, tree in parsed:
        for dotted, lineno in read_paths(tree):
            root = re.split(r"[.\[]", dotted, maxsplit=1)[0]
            if root in undeclared or dotted in reported or resolves(shape, dotted):
                continue
            reported.add(dotted)
            problems.append(
                TemplateProblem(
                    part.locate(lineno),
                    f"uses {dotted!r}, which the document context does not have",
                )
            )
    if not problems:
        _test_render(name, parsed, context, problems)
    return problems


def template_variables(path: Path) -> set[str]:
    """Every context path a template reads, loop items written ``list[]`` (``s.rows[].due``)."""
    env = get_env()
    found: set[str] = set()
    for part in _template_parts(path):
        found.update(dotted for dotted, _ in read_paths(env.parse(part.source)))
    return found


# --- reading the template -----------------------------------------------------------------------


@dataclass
class _Part:
    """One document part's Jinja source, one line per Word paragraph (docxtpl's own layout)."""

    label: str  # "body", "header 1", "footer 2"
    source: str
    _labels: list[str] = field(default_factory=list)

    def locate(self, lineno: int | None) -> str:
        if self.label != "body":
            return self.label
        if not self._labels:
            self._labels = _line_labels(self.source)
        if not lineno or lineno > len(self._labels):
            return "body"
        return self._labels[lineno - 1]


def _line_labels(source: str) -> list[str]:
    labels = []
    depth = 0
    paragraphs = 0
    tables = 0
    for i, line in enumerate(source.split("\n")):
        snippet = one_line(_TAGS.sub("", line))[:60]
        if i == 0:
            labels.append("body")
        elif depth > 0:
            labels.append(f"table {tables}" + (f' ("{snippet}")' if snippet else ""))
        else:
            paragraphs += 1
            labels.append(f"body paragraph {paragraphs}" + (f' ("{snippet}")' if snippet else ""))
        for match in re.finditer(r"<w:tbl[ >]|</w:tbl>", line):
            if match.group(0) == _TABLE_CLOSE:
                depth -= 1
            else:
                if depth == 0:
                    tables += 1
                depth += 1
    return labels


def _template_parts(path: Path) -> list[_Part]:
    """The body, headers and footers as docxtpl sees them, one Word paragraph per line.

    Only docxtpl's parsing is used here; nothing is rendered through ``DocxTemplate.render``
    (test renders go through :func:`get_env`, which autoescapes).
    """
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate

    template = DocxTemplate(path)
    doc = template.get_docx()

    def source(xml: str) -> str:
        # The newline goes in before docxtpl's patching so that {%p %} paragraphs keep a line.
        return str(template.patch_xml(_PARAGRAPH.sub(r"\n<w:p\1", xml)))

    parts = [_Part("body", source(template.xml_to_string(doc.element.body)))]
    counters = {_HEADER: 0, _FOOTER: 0}
    for rel in doc.part.rels.values():
        if rel.reltype in counters and not rel.is_external and rel.target_part.blob:
            counters[rel.reltype] += 1
            label = f"{'header' if rel.reltype == _HEADER else 'footer'} {counters[rel.reltype]}"
            xml = template.xml_to_string(parse_xml(rel.target_part.blob))
            parts.append(_Part(label, source(xml)))
    return parts


def _undeclared(path: Path) -> set[str]:
    from docxtpl import DocxTemplate

    return set(DocxTemplate(path).get_undeclared_template_variables(jinja_env=get_env()))


def _first_use(parsed: list[tuple[_Part, nodes.Template]], var: str) -> str:
    from jinja2 import nodes

    for part, tree in parsed:
        for node in tree.find_all(nodes.Name):
            if node.name == var:
                return part.locate(node.lineno)
    return "template"


# --- the sandbox --------------------------------------------------------------------------------


def _refuse_escapes(
    name: str, part: _Part, tree: nodes.Template, problems: list[TemplateProblem]
) -> None:
    """Refuse what only an escape attempt needs: underscore attributes, dynamic ``attr``."""
    from jinja2 import nodes

    escape = InvalidInput(f"template {name} tried to reach outside the sandbox")
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Name)):
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            raise escape
        if isinstance(node, nodes.Name) and node.name.startswith("__"):
            raise escape
        if (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str)
            and node.arg.value.startswith("_")
        ):
            raise escape
        if isinstance(node, nodes.Filter) and node.name == "attr":
            arg = node.args[0] if node.args else None
            if not isinstance(arg, nodes.Const) or str(arg.value).startswith("_"):
                raise escape
    for stmt in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        problems.append(
            TemplateProblem(part.locate(stmt.lineno), "a template cannot include or import others")
        )


def _test_render(
    name: str,
    parsed: list[tuple[_Part, nodes.Template]],
    context: Mapping[str, Any],
    problems: list[TemplateProblem],
) -> None:
    from jinja2.exceptions import SecurityError, TemplateError

    env = get_env()
    for part, _ in parsed:
        try:
            env.from_string(part.source).render(context)
        except SecurityError:
            raise InvalidInput(f"template {name} tried to reach outside the sandbox") from None
        except TemplateError as exc:
            problems.append(TemplateProblem(part.label, f"fails to render: {exc.message}"))
        except RenderLimitExceeded as exc:  # a loop bomb: the time or size budget ran out
            problems.append(TemplateProblem(part.label, exc.message.split(";")[0]))
        except Exception as exc:  # noqa: BLE001 - a filter given the wrong type, and the like
            problems.append(TemplateProblem(part.label, f"fails to render: {type(exc).__name__}"))
