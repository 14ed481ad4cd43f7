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
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from casekit.errors import InvalidInput

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

__all__ = [
    "BLANK",
    "LANGUAGES",
    "caption_party",
    "cite",
    "clock_time",
    "get_env",
    "long_date",
    "money",
    "ordinal",
]

#: Printed where a value is not known yet, for the attorney to fill in by hand.
BLANK = "____________________"

#: Languages the shipped templates and the context builder write.
LANGUAGES = ("en", "es")

_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ),
    "es": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
        "octubre", "noviembre", "diciembre",
    ),
}  # fmt: skip

_ORDINAL_WORDS = {
    "en": (
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
        "seventeenth", "eighteenth", "nineteenth", "twentieth",
    ),
    "es": (
        "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo",
        "noveno", "décimo",
    ),
}  # fmt: skip

_CONFIRMED = "confirmed"


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def long_date(value: Any, lang: str = "en") -> str:
    """A date written out in full: ``November 3, 2025`` or ``3 de noviembre de 2025``."""
    if value is None or value == "":
        return BLANK
    day = _as_date(value)
    if day is None:
        return str(value)
    if lang == "es":
        return f"{day.day} de {_MONTHS['es'][day.month - 1]} de {day.year}"
    return f"{_MONTHS['en'][day.month - 1]} {day.day}, {day.year}"


def clock_time(value: datetime | None, lang: str = "en") -> str:
    """``2:15 p.m.`` (English, the style Connecticut pleadings use) or ``2:15 de la tarde``
    (Spanish: 12-hour, de la mañana before noon, de la tarde to 7:59 p.m., then de la noche)."""
    if value is None:
        return ""
    if lang == "es":
        part = "mañana" if value.hour < 12 else "tarde" if value.hour < 20 else "noche"
        return f"{value.hour % 12 or 12}:{value.minute:02d} de la {part}"
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'a.m.' if value.hour < 12 else 'p.m.'}"


def ordinal(value: Any, style: str = "number", lang: str = "en") -> str:
    """``1st``/``first`` (English) or ``1.º``/``primero`` (Spanish)."""
    n = int(value)
    words = _ORDINAL_WORDS.get(lang, _ORDINAL_WORDS["en"])
    if style == "word" and 1 <= n <= len(words):
        return words[n - 1]
    if lang == "es":
        return f"{n}.º"
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def money(value: Any, cents: bool = True) -> str:
    """``$15,000.00``; ``None`` prints a blank to fill in."""
    if value is None or value == "":
        return BLANK
    try:
        amount = Decimal(str(value).replace(",", "").replace("$", ""))
    except InvalidOperation:
        return str(value)
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.2f}" if cents else f"{abs(amount):,.0f}"
    return f"{sign}${text}"


def caption_party(party: Any) -> str:
    """A party as it appears in a caption: its name in capitals."""
    if isinstance(party, Mapping):
        name = party.get("name", "")
    else:
        name = getattr(party, "name", party)
    return " ".join(str(name or "").split()).upper()


def cite(value: Any, confidence: str | None = None) -> str:
    """A citation for a document, with a ``[verify: …]`` marker unless it is confirmed."""
    if isinstance(value, Mapping):
        citation = str(value.get("citation") or "")
        confidence = confidence or value.get("confidence")
    else:
        citation = "" if value is None else str(value)
    citation = " ".join(citation.replace("*", "").split())
    if not citation:
        return "[verify: no citation recorded]"
    if citation.startswith("§"):
        citation = f"Conn. Gen. Stat. {citation}"
    if confidence and confidence != _CONFIRMED:
        citation = f"{citation} [verify: {confidence}]"
    return citation


def _finalize(value: Any) -> Any:
    # A None that reaches the page would print "None" in a legal document; print nothing instead.
    return "" if value is None else value


#: A firm template renders within these bounds, or not at all (a loop bomb in a template a firm
#: edited must never hang casekit or fill the disk): seconds per document, characters of output.
RENDER_SECONDS = 20.0
RENDER_MAX_CHARS = 50_000_000


class RenderLimitExceeded(InvalidInput):
    """A template ran longer, or wrote more, than a document may (:data:`RENDER_SECONDS`)."""


_BUDGET = threading.local()


class render_budget:  # noqa: N801 - used as a context manager, like a function
    """One document's time and size budget, shared by all the parts docxtpl renders.

    Outside any ``with render_budget()``, each template render gets a budget of its own.
    """

    def __init__(self, seconds: float | None = None, max_chars: int | None = None) -> None:
        self.seconds = RENDER_SECONDS if seconds is None else seconds
        self.max_chars = RENDER_MAX_CHARS if max_chars is None else max_chars
        self.deadline = 0.0
        self.written = 0
        self._outer: render_budget | None = None
        self._watchdog: _Watchdog | None = None

    def start(self) -> render_budget:
        import time

        self.deadline = time.monotonic() + self.seconds
        return self

    def __enter__(self) -> render_budget:
        self.start()
        self._outer = getattr(_BUDGET, "current", None)
        _BUDGET.current = self
        if self._outer is None:
            self._watchdog = _Watchdog(self.seconds)
        return self

    def __exit__(self, *_exc: object) -> None:
        _BUDGET.current = self._outer
        watchdog = getattr(self, "_watchdog", None)
        if watchdog is not None:
            self._watchdog = None
            if watchdog.stop():
                raise self._timed_out()

    def _timed_out(self) -> RenderLimitExceeded:
        return RenderLimitExceeded(
            f"the template took longer than {self.seconds:g} seconds to render (a loop "
            "that never ends?); nothing was written"
        )

    def check(self, more: int = 0) -> None:
        import time

        self.written += more
        if self.written > self.max_chars:
            raise RenderLimitExceeded(
                f"the template writes more than {self.max_chars:,} characters (a loop that "
                "never ends?); nothing was written"
            )
        if time.monotonic() > self.deadline:
            raise self._timed_out()

    def check_size(self, value: Any) -> None:
        """Refuse a number that would make a string or list too big (``"x" * 10**9``)."""
        if isinstance(value, int) and not isinstance(value, bool) and value > self.max_chars:
            raise RenderLimitExceeded(
                f"the template asks for a value larger than {self.max_chars:,} (a string or list "
                "that big would never fit a document); nothing was written"
            )


class _RenderTimeout(BaseException):
    """Raised inside the rendering thread by :class:`_Watchdog` (jinja cannot catch it)."""


class _Watchdog:
    """Interrupts the thread that made it once ``seconds`` pass, wherever it is.

    A loop over a long list that writes nothing runs no code casekit can check; the watchdog
    raises :class:`_RenderTimeout` asynchronously in the rendering thread (CPython's
    ``PyThreadState_SetAsyncExc``). :meth:`stop` cancels it and clears an interruption that
    fired but did not land, so nothing outside the render is ever interrupted.
    """

    def __init__(self, seconds: float) -> None:
        self._thread_id = threading.get_ident()
        self._lock = threading.Lock()
        self._active = True
        self.fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _set_async(self, exc: Any) -> None:
        import ctypes

        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(self._thread_id), ctypes.py_object(exc) if exc else None
        )

    def _fire(self) -> None:
        with self._lock:
            if self._active:
                self.fired = True
                self._set_async(_RenderTimeout)

    def stop(self) -> bool:
        """Cancel; True if the time ran out."""
        self._timer.cancel()
        with self._lock:
            self._active = False
            if self.fired:
                self._set_async(None)  # an interruption not yet delivered never lands
        return self.fired


def _current_budget() -> render_budget:
    budget = getattr(_BUDGET, "current", None)
    # Outside a render (jinja folds constants at compile time): a budget for this one check.
    return budget if budget is not None else render_budget().start()


def _guarded_filter(function: Any) -> Any:
    import functools

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget = _current_budget()
        # The value being filtered may be any size (an amount); a width or count may not.
        first = 1 + sum(1 for mark in ("jinja_pass_arg",) if hasattr(function, mark))
        for value in (*args[first:], *kwargs.values()):
            budget.check_size(value)
        budget.check()
        return function(*args, **kwargs)

    # jinja passes the context / environment to filters marked for it: keep the marks.
    for mark in ("jinja_pass_arg",):
        if hasattr(function, mark):
            setattr(guarded, mark, getattr(function, mark))
    return guarded


_ENV: ImmutableSandboxedEnvironment | None = None
_ENV_LOCK = threading.Lock()
_COMPILED_LIMIT = 256  # document parts (body, headers, footers, properties) kept compiled


def _build_env() -> ImmutableSandboxedEnvironment:
    from collections import OrderedDict

    from jinja2 import StrictUndefined, Template
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class LimitedTemplate(Template):
        """A template whose render stops at the budget (:class:`render_budget`)."""

        def render(self, *args: Any, **kwargs: Any) -> str:
            budget = getattr(_BUDGET, "current", None)
            own = budget is None
            if own:
                budget = render_budget().__enter__()
            assert budget is not None
            try:
                ctx = self.new_context(dict(*args, **kwargs))
                parts: list[str] = []
                try:
                    for chunk in self.root_render_func(ctx):
                        budget.check(len(chunk))
                        parts.append(chunk)
                except _RenderTimeout:
                    raise budget._timed_out() from None
                except RecursionError:
                    raise RenderLimitExceeded(
                        "the template calls itself without end; nothing was written"
                    ) from None
                except OverflowError:  # the sandbox's range() cap
                    raise RenderLimitExceeded(
                        "the template asks for a range of more than 100,000 items; "
                        "nothing was written"
                    ) from None
                except (InvalidInput, MemoryError):
                    raise
                except Exception:
                    self.environment.handle_exception()
                return self.environment.concat(parts)
            finally:
                if own:
                    budget.__exit__()

    class DocumentEnvironment(ImmutableSandboxedEnvironment):
        """The sandbox, plus a small cache of compiled templates keyed by source text, and a
        time and size budget checked at every output chunk, call, loop step and ``*``/``**``."""

        template_class = LimitedTemplate
        intercepted_binops = frozenset({"*", "**"})

        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self._compiled: OrderedDict[tuple[str, bool], Template] = OrderedDict()
            self._compiled_lock = threading.Lock()
            sandbox_range: Any = self.globals["range"]

            def limited_range(*args: int) -> Any:
                budget = _current_budget()
                for item in sandbox_range(*args):
                    budget.check()
                    yield item

            self.globals["range"] = limited_range

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            budget = _current_budget()
            budget.check()
            if operator == "**":
                if isinstance(right, int | float) and right > 64 and abs(left) > 1:
                    raise RenderLimitExceeded(
                        "the template raises a number to a power too large for a document; "
                        "nothing was written"
                    )
                return left**right
            for factor, other in ((left, right), (right, left)):
                if isinstance(factor, int) and hasattr(other, "__len__"):
                    budget.check_size(factor * len(other))
            return left * right

        def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            budget = _current_budget()
            budget.check()
            for value in (*args, *kwargs.values()):
                budget.check_size(value)
            return super().call(__context, __obj, *args, **kwargs)

        def from_string(
            self,
            source: Any,
            globals: Any = None,  # noqa: A002 - jinja's own parameter name
            template_class: Any = None,
        ) -> Template:
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            key = (source, bool(self.autoescape))
            with self._compiled_lock:
                template = self._compiled.get(key)
                if template is not None:
                    self._compiled.move_to_end(key)
                    return template
            template = super().from_string(source)
            with self._compiled_lock:
                self._compiled[key] = template
                while len(self._compiled) > _COMPILED_LIMIT:
                    self._compiled.popitem(last=False)
            return template

    env = DocumentEnvironment(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    env.filters.update(
        long_date=long_date,
        ordinal=ordinal,
        money=money,
        caption_party=caption_party,
        cite=cite,
    )
    env.filters.update({name: _guarded_filter(f) for name, f in env.filters.items()})
    return env


def get_env() -> ImmutableSandboxedEnvironment:
    """The shared sandboxed environment (built on first use, then reused by every render)."""
    global _ENV
    env = _ENV
    if env is not None:
        return env
    with _ENV_LOCK:
        if _ENV is None:
            _ENV = _build_env()
        return _ENV


def __getattr__(name: str) -> Any:
    # ``from casekit.docgen.environment import ENV`` works and still builds lazily.
    if name == "ENV":
        return get_env()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
