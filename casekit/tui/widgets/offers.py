"""The dashboard's list of open demands and offers about to expire (or just lapsed)."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message

from casekit.services.dashboard import ExpiringOffer
from casekit.tui.widgets.columns import Column
from casekit.tui.widgets.format import day, days_left
from casekit.tui.widgets.row_table import RowTable

COLUMNS = (
    Column("Expires", 12),
    Column("Left", 9),
    Column("Matter", 12),
    Column("What", 22, grow=2, max_width=50),
    Column("Client", 12, grow=1, max_width=36),
)


def _money(cents: int) -> str:
    # Not casekit.domain.fees.money_text: this module is imported before the first paint, and
    # that module's dataclasses cost start-up time (benchmarks/README.md).
    dollars, rest = divmod(cents, 100)
    return f"${dollars:,}.{rest:02d}"


def _what(offer: ExpiringOffer) -> str:
    who = {"plaintiff": "our", "defendant": "defendant's"}.get(offer.side, "")
    amount = f" {_money(offer.cents)}" if offer.cents is not None else " (terms)"
    return f"{who} {offer.kind}{amount}".strip()


class OfferTable(RowTable):
    """One row per open demand or offer; Enter opens the matter's fees and resolution."""

    class Opened(Message):
        def __init__(self, matter_id: int) -> None:
            super().__init__()
            self.matter_id = matter_id

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(COLUMNS, id=id)
        self._matter_by_key: dict[str, int] = {}

    def show(self, offers: tuple[ExpiringOffer, ...]) -> None:
        self._matter_by_key = {f"offer-{o.event_id}": o.matter_id for o in offers}
        self.replace_rows(
            (
                f"offer-{o.event_id}",
                (
                    day(o.expires_on),
                    days_left(o.days_left) if o.days_left >= 0 else Text("lapsed", style="red"),
                    o.matter_number,
                    _what(o),
                    o.client,
                ),
            )
            for o in offers
        )

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        event.stop()
        matter_id = self._matter_by_key.get(event.key)
        if matter_id is not None:
            self.post_message(self.Opened(matter_id))
