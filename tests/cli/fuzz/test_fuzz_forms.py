"""Hostile input to two TUI forms: the intake form and the matter edit dialogs.

The forms' checks run before anything is saved; whatever is typed, they answer with a message
(never an exception that would take the screen down), the message never repeats the typed text
(Textual would read ``[`` in it as markup, and a control sequence would reach the terminal), and
a date they accept lies in the plausible range.
"""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from casekit.domain.bounds import within_range
from casekit.tui.screens import matter_edit
from casekit.tui.screens.form import day_or_reason
from casekit.tui.screens.intake_form import Draft, validate

from . import strategies as s
from .conftest import UNSAFE

TODAY = date(2026, 3, 15)
TOWNS = {"Danbury"}
AGENCIES = {"Danbury Police Department"}


def _clean(message: str, *typed: str) -> None:
    assert not UNSAFE.search(message), repr(message)
    for value in typed:
        if len(value.strip()) > 3:
            assert value.strip() not in message, (value, message)


@given(
    name=s.text, date_=s.dates, time_=s.times | s.text, town=s.text | st.just("Danbury"),
    email=s.text, safe=st.booleans(),
)  # fmt: skip
def test_intake_form_checks_never_fail(
    name: str, date_: str, time_: str, town: str, email: str, safe: bool
) -> None:
    draft = Draft(
        name=name, language="es", phone=name, phone_safe=safe, email=email, email_safe=safe,
        address=name, address_safe=safe, incident_date=date_, incident_time=time_, town=town,
        agency="Danbury Police Department", violations=("V1",), judicial_warrant=False,
        tsdb_match=False, convictions=(), attorney=None, narrative=name,
    )  # fmt: skip
    errors = validate(draft, today=TODAY, towns=TOWNS, agencies=AGENCIES)
    assert isinstance(errors, dict)
    for field, message in errors.items():
        _clean(message, date_ if field == "date" else "")
    if "date" not in errors:
        assert within_range(date.fromisoformat(date_.strip()), TODAY)


@given(text=s.dates, clock=s.times | s.text)
def test_matter_edit_checks_never_fail(text: str, clock: str) -> None:
    for parse in (
        lambda: day_or_reason(text, TODAY, "The date"),
        lambda: day_or_reason(text, TODAY, "The expiry", future=True),
    ):
        result = parse()
        if isinstance(result, str):
            _clean(result, text)
        else:
            assert within_range(result, TODAY)
    parsed = matter_edit._parse_clock(clock, required=True)
    assert parsed is None or re.fullmatch(r"\d\d:\d\d", parsed), parsed
