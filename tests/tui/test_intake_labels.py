"""The intake's "What the police did" at 80x24: each act by the law pack's title, in words, wrapped
onto more lines rather than cut with "…"."""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import Label

from casekit.domain import codes
from casekit.services.base import AppContext
from casekit.tui.launch import make_app
from casekit.tui.screens.intake import IntakeScreen
from casekit.tui.widgets.wrap_checkbox import WrapCheckbox
from tests.tui.helpers import wait_for_workers


async def test_violation_titles_wrap_in_words_at_80_columns(svc: AppContext) -> None:
    app = make_app(svc)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("n")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        headings = [str(w.render()) for w in screen.query(".section-title").results(Label)]
        assert "What the police did" in headings
        assert not any("V1" in h for h in headings)
        form = screen.query_one("#intake-form")
        for code in codes.violations().values():
            box = screen.query_one(f"#intake-{code.short}", WrapCheckbox)
            form.scroll_to_widget(box, top=True, animate=False)
            await pilot.pause()
            width, height = box.size
            lines = box.render_lines(Region(0, 0, width, height))
            shown = " ".join(" ".join(strip.text.split()) for strip in lines)
            assert "…" not in shown
            assert shown.endswith(code.title), (shown, code.title)
            assert not shown.removeprefix("▐X▌").strip().startswith(code.short)
            if len(code.title) + 4 > width:
                assert height >= 2  # wrapped, not cut
