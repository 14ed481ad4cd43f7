"""The one jinja environment every Word template renders in, and its filters.

Templates are text a firm can edit in Word, so they are treated as untrusted: they render in an
``ImmutableSandboxedEnvironment`` (no ``__class__``-style escapes, no mutating the context), with
``autoescape=True`` (a ``&`` or ``<`` in a client's name would otherwise corrupt the document XML,
DEPENDENCIES.md) and ``StrictUndefined`` (a missing field fails loudly instead of printing blank).

The environment is built once, on first use, and shared. docxtpl calls ``from_string`` for every
document part on every render; the environment keeps the compiled templates of the last few
sources it saw (keyed by source text), so rendering the same template twice compiles it once and
casekit's render costs less than bare docxtpl's.

Filters (all pure functions, also usable from Python):

``long_date(value, lang="en")``
    ``November 3, 2025`` / ``3 de noviembre de 2025``. ``None`` or ``""`` prints a blank line to
    fill in by hand; an ISO string is parsed; any other string passes through.
``ordinal(n, style="number", lang="en")``
    ``1st`` (``style="word"``: ``first``); Spanish ``1.º`` / ``primero``.
``money(value, cents=True)``
    ``$15,000.00`` (``cents=False``: ``$15,000``).
``caption_party(party)``
    A party (mapping with ``name``, object with ``.name``, or a string) as a caption line: the name
    in capitals.
``cite(citation, confidence=None)``
    A citation ready for a document: a bare ``§ 52-577`` becomes ``Conn. Gen. Stat. § 52-577``; a
    mapping with ``citation`` and ``confidence`` keys (a violation, a claim, a deadline) is accepted
    too. A confidence other than ``confirmed`` adds a visible ``[verify: <confidence>]`` marker
    (trust-act.md: every rule carries its confidence, and only confirmed rules go unmarked).

Modules: ``filters`` (the filters and their words), ``budget`` (a render's time and size
budget), ``sandbox`` (the jinja environment, imported on the first render).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from casekit.docgen.environment.budget import (
    RENDER_MAX_CHARS,
    RENDER_SECONDS,
    RenderLimitExceeded,
    render_budget,
)
from casekit.docgen.environment.filters import (
    BLANK,
    LANGUAGES,
    caption_party,
    cite,
    clock_time,
    long_date,
    money,
    ordinal,
)

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

__all__ = [
    "BLANK",
    "LANGUAGES",
    "RENDER_MAX_CHARS",
    "RENDER_SECONDS",
    "RenderLimitExceeded",
    "caption_party",
    "cite",
    "clock_time",
    "get_env",
    "long_date",
    "money",
    "ordinal",
    "render_budget",
]

_ENV: ImmutableSandboxedEnvironment | None = None
_ENV_LOCK = threading.Lock()


def get_env() -> ImmutableSandboxedEnvironment:
    """The shared sandboxed environment (built on first use, then reused by every render)."""
    global _ENV
    env = _ENV
    if env is not None:
        return env
    with _ENV_LOCK:
        if _ENV is None:
            # jinja2 is imported here, on the first render, not when casekit starts.
            from casekit.docgen.environment.sandbox import build_env

            _ENV = build_env()
        return _ENV


def __getattr__(name: str) -> Any:
    # ``from casekit.docgen.environment import ENV`` works and still builds lazily.
    if name == "ENV":
        return get_env()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
