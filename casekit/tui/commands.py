"""The command palette (``ctrl+p``): open a matter by number or name, or run any action.

App-wide actions come from ``App.get_system_commands``; this provider adds the matters that match
what was typed (looked up in a thread, so typing never waits for the database) and the actions
of the screen the palette was opened on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.widget import Widget

if TYPE_CHECKING:
    from casekit.tui.app import CasekitApp

#: Fewer folded characters than this do not look up matters (every matter would match).
MIN_QUERY = 2


class MatterCommands(Provider):
    """ "Open matter TA-…" for matching matters, and the current screen's own actions."""

    @property
    def casekit(self) -> CasekitApp:
        return cast("CasekitApp", self.app)

    def _screen_actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The keys of the screen and of the part of it that has the focus (a matter's tab)."""
        screen = self.screen
        focused = screen.focused
        nodes: list[Widget] = [screen]
        if focused is not None:
            chain = [focused, *focused.ancestors]
            nodes += [
                n
                for n in chain
                if isinstance(n, Widget) and n is not screen and n.__module__.startswith("casekit.")
            ]
        actions: list[tuple[str, str, Callable[[], object]]] = []
        for owner in nodes:
            for binding in getattr(owner, "BINDINGS", ()):
                if hasattr(binding, "id") and binding.id and binding.description:
                    runner = partial(owner.run_action, binding.action)
                    actions.append((binding.description, binding.tooltip, runner))
        return actions

    def _office_actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        from casekit.tui.screens.office_tasks import office_tasks

        return office_tasks(self.casekit)

    async def discover(self) -> Hits:
        for title, help_text, runner in self._screen_actions() + self._office_actions():
            yield DiscoveryHit(title, runner, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, runner in self._screen_actions() + self._office_actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), runner, help=help_text)
        wanted = matter_query(query)
        if len(wanted) < MIN_QUERY:
            return
        from casekit.services import casefile as views

        try:
            rows = await asyncio.to_thread(views.find_matters, self.casekit.services, wanted)
        except Exception as error:  # noqa: BLE001 - the palette must never crash the app
            self.casekit.report_error(error)
            return
        for rank, row in enumerate(rows):
            text = f"Open matter {row.number}  {row.client}"
            yield Hit(
                1.0 - rank / 100,
                text,
                partial(self.casekit.open_matter, row.id),
                text=text,
                help=" · ".join(x for x in (row.status, row.town, row.agency) if x),
            )


def matter_query(query: str) -> str:
    """What to look matters up by: the palette text without a leading "open" / "open matter"."""
    words = query.strip().split()
    for prefix in (("open", "matter"), ("open",), ("matter",)):
        if [w.lower() for w in words[: len(prefix)]] == list(prefix):
            words = words[len(prefix) :]
            break
    return " ".join(words)
