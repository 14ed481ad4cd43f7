"""A render's budget: a firm template renders within :data:`RENDER_SECONDS` and
:data:`RENDER_MAX_CHARS`, or not at all. The budget is checked at every output chunk, call,
``*``/``**`` and loop step (:func:`budget_steps`), so even a loop that writes nothing stops."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

from casekit.errors import InvalidInput

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

    def start(self) -> render_budget:
        self.deadline = time.monotonic() + self.seconds
        return self

    def __enter__(self) -> render_budget:
        self.start()
        self._outer = getattr(_BUDGET, "current", None)
        _BUDGET.current = self
        return self

    def __exit__(self, *_exc: object) -> None:
        _BUDGET.current = self._outer

    def _timed_out(self) -> RenderLimitExceeded:
        return RenderLimitExceeded(
            f"the template took longer than {self.seconds:g} seconds to render (a loop "
            "that never ends?); nothing was written"
        )

    def check(self, more: int = 0) -> None:
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


#: A loop checks the clock once every this many steps (a check costs about as much as 20 steps).
_STEPS_PER_CHECK = 256

#: The filter :class:`~casekit.docgen.environment.sandbox.DocumentEnvironment` wraps around every
#: ``{% for %}``'s iterable when it parses a template (a name no template needs to write).
STEPS_FILTER = "casekit_budget_steps"


class _Steps:
    """An iterable that checks the render's budget as a ``{% for %}`` walks it.

    A loop that writes nothing (``{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}``)
    runs no other code casekit sees; checking here stops it cooperatively, in the rendering
    thread, with no signal or asynchronous exception (which a tracer or a lock held at the
    wrong moment could turn into a hang). ``len()`` passes through, so ``loop.length`` works.
    """

    __slots__ = ("_budget", "_items")

    def __init__(self, items: Iterable[Any], budget: render_budget) -> None:
        self._items = items
        self._budget = budget

    def __len__(self) -> int:
        return len(self._items)  # type: ignore[arg-type]  # TypeError for an unsized one, as len()

    def __iter__(self) -> Iterator[Any]:
        budget = self._budget
        for step, item in enumerate(self._items):
            if not step % _STEPS_PER_CHECK:
                budget.check()
            yield item


def budget_steps(items: Iterable[Any]) -> _Steps:
    """What every ``{% for %}`` iterates: its iterable, with the budget checked as it goes."""
    budget = _current_budget()
    budget.check()
    return _Steps(items, budget)


def _current_budget() -> render_budget:
    budget = getattr(_BUDGET, "current", None)
    # Outside a render (jinja folds constants at compile time): a budget for this one check.
    return budget if budget is not None else render_budget().start()


def _guarded_filter(function: Any) -> Any:
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
