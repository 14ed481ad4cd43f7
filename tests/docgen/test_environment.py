"""The shared sandboxed environment and its filters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from jinja2 import StrictUndefined, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from casekit.docgen import environment
from casekit.docgen.environment import (
    BLANK,
    caption_party,
    cite,
    get_env,
    long_date,
    money,
    ordinal,
)


def test_one_sandboxed_autoescaping_strict_environment() -> None:
    env = get_env()
    assert env is get_env() is environment.ENV
    assert isinstance(env, ImmutableSandboxedEnvironment)
    assert env.autoescape is True
    assert env.undefined is StrictUndefined
    assert {"long_date", "ordinal", "money", "caption_party", "cite"} <= set(env.filters)


def test_environment_escapes_and_refuses() -> None:
    env = get_env()
    assert env.from_string("{{ x }}").render(x="A & B <C>") == "A &amp; B &lt;C&gt;"
    assert env.from_string("{{ x }}").render(x="{{ 7*7 }}") == "{{ 7*7 }}"
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__ }}").render()
    with pytest.raises(SecurityError):
        env.from_string("{% set _ = items.append(1) %}").render(items=[])
    assert env.from_string("[{{ x }}]").render(x=None) == "[]"


def test_compiled_templates_are_reused() -> None:
    env = get_env()
    source = "{{ a }} reused"
    assert env.from_string(source) is env.from_string(source)


def test_long_date() -> None:
    assert long_date(date(2025, 11, 3)) == "November 3, 2025"
    assert long_date(date(2025, 11, 3), "es") == "3 de noviembre de 2025"
    assert long_date(datetime(2026, 1, 13, 9, 30)) == "January 13, 2026"
    assert long_date("2025-10-01") == "October 1, 2025"
    assert long_date(None) == BLANK
    assert long_date("") == BLANK
    assert long_date("soon") == "soon"


@pytest.mark.parametrize(
    ("n", "style", "lang", "expected"),
    [
        (1, "number", "en", "1st"),
        (2, "number", "en", "2nd"),
        (3, "number", "en", "3rd"),
        (11, "number", "en", "11th"),
        (22, "number", "en", "22nd"),
        (113, "number", "en", "113th"),
        (1, "word", "en", "first"),
        (5, "word", "en", "fifth"),
        (25, "word", "en", "25th"),
        (3, "word", "es", "tercero"),
        (3, "number", "es", "3.º"),
    ],
)
def test_ordinal(n: int, style: str, lang: str, expected: str) -> None:
    assert ordinal(n, style, lang) == expected


def test_money() -> None:
    assert money(15000) == "$15,000.00"
    assert money(Decimal("1234.5")) == "$1,234.50"
    assert money("15,000", cents=False) == "$15,000"
    assert money(-20) == "-$20.00"
    assert money(None) == BLANK


def test_caption_party() -> None:
    assert caption_party({"name": "City of  Danbury"}) == "CITY OF DANBURY"
    assert caption_party("José Núñez & Co <x>") == "JOSÉ NÚÑEZ & CO <X>"


def test_cite() -> None:
    assert cite("§ 52-577") == "Conn. Gen. Stat. § 52-577"
    assert cite("42 U.S.C. § 1983") == "42 U.S.C. § 1983"
    assert cite("§ 54-192h", "secondary") == "Conn. Gen. Stat. § 54-192h [verify: secondary]"
    assert cite({"citation": "§ 1-206(a)", "confidence": "confirmed"}) == (
        "Conn. Gen. Stat. § 1-206(a)"
    )
    assert cite({"citation": "§ 52-577 via *Lounsbury*", "confidence": "unknown"}) == (
        "Conn. Gen. Stat. § 52-577 via Lounsbury [verify: unknown]"
    )
    assert cite("") == "[verify: no citation recorded]"


def test_filters_in_templates() -> None:
    env = get_env()
    out = env.from_string("{{ d|long_date('es') }} {{ c|cite }} {{ p|caption_party }}").render(
        d=date(2025, 11, 3), c={"citation": "§ 7-465(a)", "confidence": "confirmed"}, p="A & B"
    )
    assert out == "3 de noviembre de 2025 Conn. Gen. Stat. § 7-465(a) A &amp; B"


SILENT_LOOP = "{% set l = [0] * 99999 %}{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}"


def _timed_render(source: str, seconds: float = 0.5) -> float:
    import time

    from casekit.docgen.environment.budget import RenderLimitExceeded, render_budget

    started = time.monotonic()
    with pytest.raises(RenderLimitExceeded, match="longer than"), render_budget(seconds=seconds):
        get_env().from_string(source).render()
    return time.monotonic() - started


def test_a_loop_that_writes_nothing_stops_at_the_budget() -> None:
    """The loop checks the budget as it steps: no watchdog thread, nothing asynchronous."""
    assert _timed_render(SILENT_LOOP) < 5


def test_a_silent_loop_stops_under_a_tracer() -> None:
    """A debugger or coverage's line tracer must not keep a loop bomb from stopping (the
    asynchronous-exception watchdog this replaced hung under coverage)."""
    import sys

    def tracer(frame: object, event: str, arg: object) -> object:
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        elapsed = _timed_render(SILENT_LOOP)
    finally:
        sys.settrace(previous)
    assert elapsed < 10


def test_loops_keep_their_meaning_through_the_budget() -> None:
    env = get_env()
    source = (
        "{% for x in items %}{{ loop.index }}/{{ loop.length }}:{{ x }}{% if not loop.last %},"
        "{% endif %}{% else %}none{% endfor %}"
    )
    assert env.from_string(source).render(items=["a", "b", "c"]) == "1/3:a,2/3:b,3/3:c"
    assert env.from_string(source).render(items=[]) == "none"
    assert env.from_string(source).render(items=(c for c in "xy")) == "1/2:x,2/2:y"
    assert (
        env.from_string("{% for k, v in d|dictsort %}{{ k }}={{ v }};{% endfor %}").render(
            d={"b": 2, "a": 1}
        )
        == "a=1;b=2;"
    )
    assert (
        env.from_string("{% for x in items if x %}{{ x }}{% endfor %}").render(items=[0, 1, 2])
        == "12"
    )
