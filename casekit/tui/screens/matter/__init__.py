"""The matter workspace (:class:`MatterScreen`): one module per tab, each tab a pane with its
own keys (``pane.py`` says what they share)."""

from casekit.tui.screens.matter.screen import MatterScreen

__all__ = ["MatterScreen"]
