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

from typing import Any

from textual import on
from textual.binding import Binding
from textual.widgets import Button, Checkbox, Input, Select, Switch, TextArea

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
