"""Which templates exist: the shipped ones, and a firm's own in ``CASEKIT_HOME/templates``.

A template is a ``.docx`` named ``<name>.docx`` (English) or ``<name>.<lang>.docx`` (another
language, e.g. ``client-letter.es.docx``). A firm's file with the same name and language overrides
the shipped one; a new name adds a template. A firm's template is checked (:mod:`.check`) before
it is first used, and again whenever the file changes.
"""

from __future__ import annotations

import re
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

from casekit.docgen.check import TemplateProblem, check_template
from casekit.docgen.context import TEMPLATE_TITLES, is_report
from casekit.errors import InvalidInput, NotFound
from casekit.resources import templates_dir

__all__ = ["TemplateInfo", "find_template", "list_templates"]

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_LANG = re.compile(r"[a-z]{2}")
_DEFAULT_LANG = "en"


@dataclass(frozen=True)
class TemplateInfo:
    """One template.

    ``path`` and ``custom`` describe the file for the language asked for (from
    :func:`find_template`) or the default language (from :func:`list_templates`); ``languages``
    lists every language the template exists in, English first. ``kind`` is ``report`` for the
    office-wide report templates (``report-*``) and ``matter`` for the rest.
    """

    name: str
    title: str
    languages: tuple[str, ...]
    path: Path
    custom: bool
    kind: str = "matter"


def list_templates(custom_dir: Path | None = None) -> list[TemplateInfo]:
    """Every template, shipped and custom, sorted by name."""
    catalog = _catalog(custom_dir)
    infos = []
    for name in sorted(catalog):
        variants = catalog[name]
        lang = _DEFAULT_LANG if _DEFAULT_LANG in variants else sorted(variants)[0]
        infos.append(_info(name, lang, variants))
    return infos


def find_template(
    name: str, lang: str = _DEFAULT_LANG, custom_dir: Path | None = None
) -> TemplateInfo:
    """The template to render for ``name`` in ``lang``.

    Raises:
        NotFound: no template has that name, or it does not exist in that language (the message
            lists what does exist).
        InvalidInput: a firm's own template fails its check (a syntax error, an unknown field, or
            a sandbox escape).
    """
    if not _NAME.fullmatch(name):
        raise NotFound(f"{name!r} is not a template name")
    catalog = _catalog(custom_dir)
    variants = catalog.get(name)
    if variants is None:
        raise NotFound(f"no template named {name!r}; known: {', '.join(sorted(catalog))}")
    if lang not in variants:
        raise NotFound(
            f"template {name} has no {lang!r} version; it exists in: "
            f"{', '.join(_ordered(variants))}"
        )
    info = _info(name, lang, variants)
    if info.custom:
        problems = _checked(info.path)
        if problems:
            first = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise InvalidInput(
                f"template {name} cannot be used: {first.where}: {first.message}{more}; "
                "run `casekit templates check`"
            )
    return info


# --- scanning -----------------------------------------------------------------------------------

_Variants = dict[str, tuple[Path, bool]]  # lang -> (path, custom)


def _catalog(custom_dir: Path | None) -> dict[str, _Variants]:
    catalog: dict[str, _Variants] = {}
    folders = [(templates_dir(), False)]
    if custom_dir is not None and custom_dir.is_dir():
        folders.append((custom_dir, True))
    for folder, custom in folders:  # custom last: it overrides
        for path in sorted(folder.glob("*.docx")):
            parsed = _parse_name(path.name)
            if parsed is None:
                continue
            name, lang = parsed
            catalog.setdefault(name, {})[lang] = (path, custom)
    return catalog


def _parse_name(filename: str) -> tuple[str, str] | None:
    if filename.startswith(("~$", ".")):  # Word's lock files, hidden files
        return None
    stem = filename[: -len(".docx")]
    base, dot, lang = stem.rpartition(".")
    if dot and _LANG.fullmatch(lang) and _NAME.fullmatch(base):
        return base, lang
    if _NAME.fullmatch(stem):
        return stem, _DEFAULT_LANG
    return None


def _ordered(variants: _Variants) -> list[str]:
    return sorted(variants, key=lambda lang: (lang != _DEFAULT_LANG, lang))


def _info(name: str, lang: str, variants: _Variants) -> TemplateInfo:
    path, custom = variants[lang]
    return TemplateInfo(
        name=name,
        title=TEMPLATE_TITLES.get(name) or _core_title(path) or name.replace("-", " ").capitalize(),
        languages=tuple(_ordered(variants)),
        path=path,
        custom=custom,
        kind="report" if is_report(name) else "matter",
    )


def _core_title(path: Path) -> str:
    """The title a firm gave its own template in Word (File > Properties), if any."""
    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    match = re.search(r"<dc:title>([^<]*)</dc:title>", core)
    return match.group(1).strip() if match else ""


_CHECKED: dict[tuple[str, int, int], list[TemplateProblem]] = {}
_CHECKED_LOCK = threading.Lock()


def _checked(path: Path) -> list[TemplateProblem]:
    """Check a firm's template once per version of the file (path, mtime, size)."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _CHECKED_LOCK:
        if key in _CHECKED:
            return _CHECKED[key]
    problems = check_template(path)  # raises InvalidInput on a sandbox escape
    with _CHECKED_LOCK:
        _CHECKED[key] = problems
    return problems
