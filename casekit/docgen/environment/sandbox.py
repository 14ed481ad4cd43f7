"""The sandbox itself: a jinja ``ImmutableSandboxedEnvironment`` whose templates render within
the budget (:mod:`.budget`) and whose compiled templates are cached by source text. Imported on
the first render only (:func:`casekit.docgen.environment.get_env`): jinja2 is not loaded before."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from jinja2 import StrictUndefined, Template, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from casekit.docgen.environment.budget import (
    _BUDGET,
    STEPS_FILTER,
    RenderLimitExceeded,
    _current_budget,
    _guarded_filter,
    budget_steps,
    render_budget,
)
from casekit.docgen.environment.filters import (
    _finalize,
    caption_party,
    cite,
    long_date,
    money,
    ordinal,
)
from casekit.errors import InvalidInput

_COMPILED_LIMIT = 256  # document parts (body, headers, footers, properties) kept compiled


class LimitedTemplate(Template):
    """A template whose render stops at the budget (:class:`render_budget`)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        current: render_budget | None = getattr(_BUDGET, "current", None)
        own = current is None
        budget = render_budget().__enter__() if current is None else current
        try:
            ctx = self.new_context(dict(*args, **kwargs))
            parts: list[str] = []
            try:
                for chunk in self.root_render_func(ctx):
                    budget.check(len(chunk))
                    parts.append(chunk)
            except RecursionError:
                raise RenderLimitExceeded(
                    "the template calls itself without end; nothing was written"
                ) from None
            except OverflowError:  # the sandbox's range() cap
                raise RenderLimitExceeded(
                    "the template asks for a range of more than 100,000 items; nothing was written"
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
        self.filters[STEPS_FILTER] = budget_steps

    def _generate(
        self,
        source: nodes.Template,
        name: str | None,
        filename: str | None,
        defer_init: bool = False,
    ) -> str:
        """Compile with every ``{% for %}`` walking its iterable through the budget
        (:func:`~casekit.docgen.environment.budget.budget_steps`), so a loop that writes nothing
        still stops when the time runs out. Done here, not in ``parse``, so the template checks
        (:mod:`casekit.docgen.check`) read the tree the firm wrote."""
        for loop in source.find_all(nodes.For):
            already = isinstance(loop.iter, nodes.Filter) and loop.iter.name == STEPS_FILTER
            if not already:
                loop.iter = nodes.Filter(
                    loop.iter, STEPS_FILTER, [], [], None, None, lineno=loop.lineno
                )
        return super()._generate(source, name, filename, defer_init)

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


def build_env() -> ImmutableSandboxedEnvironment:
    """A new document environment with casekit's filters, each one within the budget."""
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
