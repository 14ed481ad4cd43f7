"""The base of every dialog that holds typed input: nothing typed is lost (issue 15, item 3).

* ``escape`` (and the Cancel button) on a changed form asks "Discard changes?" (the default
  answer keeps editing); on an unchanged one it just closes.
* ``ctrl+s`` saves, from any field (each dialog's ``action_save``).
* Keys typed while the dialog is being built wait for it (``ready_for_keys``, read by
  :mod:`casekit.tui.keygate`) and then go to the field that has the focus, never to the screen
  underneath.

"Changed" compares every field's value with what the dialog showed once it was ready, so a
value typed and then typed back is not a change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Input, Label, Select, Switch, TextArea

from casekit.domain.bounds import parse_day
from casekit.errors import InvalidInput
from casekit.tui.screens.base import Dialog, ResultT
from casekit.tui.screens.confirm import close_unless_kept

DISCARD_QUESTION = "Discard changes?"
#: The form dialogs' rules as a template, for the dialogs still styled in Python (client_edit,
#: fees_edit, records_add, evidence_add); the others list their class in ``dialogs.tcss``.
MODAL_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 70; max-width: 95%; height: auto; padding: 1 2; border: thick $primary;
    background: $surface;
    max-height: 100%; overflow-y: auto;  /* a tall form scrolls at 80x24, never cut off */
}}
{name} .title {{ text-style: bold; }}
{name} Horizontal {{ height: auto; margin-top: 1; align-horizontal: right; }}
{name} Button {{ margin-left: 2; }}
"""


class FormDialog(Dialog[ResultT]):
    """A dialog with fields. Subclasses implement ``action_save`` and focus their first field in
    ``on_mount``; Cancel buttons have an id ending in ``-cancel``."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
        Binding("ctrl+s", "save", "Save", id="form-save", priority=True),
    ]

    #: Whether keys go to the dialog yet (False until its field has the focus).
    ready_for_keys = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._initial: tuple[Any, ...] | None = None

    # --- values -------------------------------------------------------------------------------

    def form_values(self) -> tuple[Any, ...]:
        """Every field's value, in order (what "changed" compares)."""
        values: list[Any] = []
        for widget in self.query("Input, Select, TextArea, Checkbox, Switch"):
            if isinstance(widget, Input | Checkbox | Switch):
                values.append(widget.value)
            elif isinstance(widget, Select):
                values.append(widget.value)
            elif isinstance(widget, TextArea):
                values.append(widget.text)
        return tuple(values)

    @property
    def dirty(self) -> bool:
        return self._initial is not None and self.form_values() != self._initial

    def mark_clean(self) -> None:
        """What is shown now is the unchanged form (after values loaded later)."""
        self._initial = self.form_values()

    # --- opening ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        # Runs after the subclass's on_mount (Textual calls each class's handler): its focus()
        # is applied at the next refresh, and then the held keys may come.
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        self.mark_clean()
        self.ready_for_keys = True
        self.app.call_later(self.casekit.key_gate.release)

    # --- closing ------------------------------------------------------------------------------

    def action_save(self) -> None:  # pragma: no cover - every subclass saves
        raise NotImplementedError

    def action_cancel(self) -> None:
        close_unless_kept(self, dirty=self.dirty, question=DISCARD_QUESTION)

    @on(Button.Pressed)
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        if (event.button.id or "").endswith("-cancel"):
            event.stop()
            self.action_cancel()


class FormModal(FormDialog[Any]):
    """A form dialog whose result is not typed yet (a typed one subclasses
    ``FormDialog[Result]``)."""


# --- dialogs whose fields are named after one prefix ----------------------------------------


def save_keys(prefix: str) -> list[BindingType]:
    """Escape cancels, ctrl+s saves (ids ``<prefix>-cancel`` and ``<prefix>-save``)."""
    return [
        Binding("escape", "cancel", "Cancel", id=f"{prefix}-cancel"),
        Binding("ctrl+s", "save", "Save", id=f"{prefix}-save", priority=True),
    ]


def buttons(prefix: str, save: str, *extra: Button, compact: bool = False) -> Horizontal:
    """``extra`` buttons, then Cancel and the primary ``save`` (ids ``<prefix>-cancel`` and
    ``<prefix>-save``)."""
    return Horizontal(
        *extra,
        Button("Cancel", id=f"{prefix}-cancel", compact=compact),
        Button(save, id=f"{prefix}-save", variant="primary", compact=compact),
    )


def day_or_reason(text: str, today: date, what: str, *, future: bool = False) -> date | str:
    """The date, or the message to show (after today only when ``future``)."""
    try:
        day = parse_day(text, today, what, echo=False)
    except InvalidInput as exc:
        return f"{exc.message[:1].upper()}{exc.message[1:]}."
    if day > today and not future:
        return f"{what} is after today ({today.isoformat()})."
    return day


class Refused(Exception):
    """A field cannot be saved as it is; the message is the sentence the dialog shows."""


class Fields:
    """The fields of one dialog by the part of their id after ``<prefix>-``, read and checked:
    a check that fails raises :class:`Refused` with the sentence to show."""

    def __init__(self, dialog: Dialog[Any], prefix: str, today: date | None = None) -> None:
        self.dialog = dialog
        self.prefix = prefix
        self.today = today

    def _widget(self, name: str, kind: type[Any]) -> Any:
        return self.dialog.query_one(f"#{self.prefix}-{name}", kind)

    @property
    def error(self) -> Label:
        """Where a refusal is shown (``#<prefix>-error``)."""
        label: Label = self._widget("error", Label)
        return label

    def text(self, name: str, *, missing: str = "") -> str:
        """The text typed in (stripped); when ``missing`` is given, it may not be empty."""
        value: str = self._widget(name, Input).value.strip()
        if missing and not value:
            raise Refused(missing)
        return value

    def choice(self, name: str, *, missing: str = "") -> str:
        """The value chosen ("" for none); when ``missing`` is given, one must be chosen."""
        value = self._widget(name, Select).value
        chosen = value if isinstance(value, str) else ""
        if missing and not chosen:
            raise Refused(missing)
        return chosen

    def ticked(self, name: str) -> bool:
        return bool(self._widget(name, Checkbox).value)

    def checked(self, name: str, check: Callable[[str], object], *, optional: bool = False) -> str:
        """The text typed in, once ``check`` accepts it (its InvalidInput is the sentence);
        an empty text is not checked when ``optional``."""
        value = self.text(name)
        if optional and not value:
            return value
        try:
            check(value)
        except InvalidInput as exc:
            raise Refused(str(exc).capitalize() + ".") from None
        return value

    def day(self, name: str, what: str, *, future: bool = False) -> date:
        """The day typed in, not after today unless ``future``."""
        return self._day(self._widget(name, Input).value, what, future=future)

    def optional_day(self, name: str, what: str, *, future: bool = False) -> date | None:
        text = self.text(name)
        return self._day(text, what, future=future) if text else None

    def written_day(self, name: str, what: str, *, optional: bool = False) -> date | None:
        """The day typed in (any day in the plausible range; None when empty and ``optional``);
        a wrong one is refused as "The <what> ...": ``what`` is lower case, e.g. "due date"."""
        text = self.text(name)
        if optional and not text:
            return None
        try:
            return parse_day(text, self._today, what, echo=False)
        except InvalidInput as exc:
            raise Refused(f"The {exc.message}.") from None

    @property
    def _today(self) -> date:
        if self.today is None:  # pragma: no cover - a dialog with dates has today
            raise TypeError("this dialog reads no dates")
        return self.today

    def _day(self, text: str, what: str, *, future: bool) -> date:
        day = day_or_reason(text, self._today, what, future=future)
        if isinstance(day, str):
            raise Refused(day)
        return day


class CheckedForm(FormDialog[ResultT]):
    """A form dialog whose fields' ids start ``<PREFIX>-``: ``read`` checks them and builds the
    result, or raises :class:`Refused` (shown in ``#<PREFIX>-error``). Enter in a field, the
    ``<PREFIX>-save`` button and ctrl+s save; a saved result is ``saved`` (dismissed)."""

    PREFIX: ClassVar[str]
    #: The day dates are checked against (None: the dialog has no dates).
    today: date | None = None

    def read(self, form: Fields) -> ResultT:  # pragma: no cover - every subclass reads
        raise NotImplementedError

    def saved(self, value: ResultT) -> None:
        self.dismiss(value)

    def action_save(self) -> None:
        form = Fields(self, self.PREFIX, self.today)
        try:
            value = self.read(form)
        except Refused as exc:
            form.error.update(str(exc))
            return
        self.saved(value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed)
    def _save_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == f"{self.PREFIX}-save":
            self.action_save()


class DatedForm(CheckedForm[ResultT]):
    """A checked form whose dates are checked against ``today``."""

    today: date

    def __init__(self, *, today: date) -> None:
        super().__init__()
        self.today = today
