"""Small-cell protection for the de-identified pattern report (``casekit report agencies``).

The report counts matters by agency, town, violation code and year. A count that small can point
at one person ("the one client whose matter involved the Derby police in 2026"), so:

1. **Primary suppression.** A count is shown only when at least ``k`` different clients are
   behind it (``k`` is ``--min-cell``, 3 by default).
2. **No differencing.** Every view of the report is a breakdown of another: an agency's row in
   "agency × year" adds up to its count in "agency", the agencies add up to the number of
   matters, a town's count is close to its own police department's. A hidden count must not
   come back by subtracting shown ones, so every *remainder* (a published total minus the shown
   counts it covers) must be 0 or at least ``k``. Where it is not, the smallest shown count
   that total covers is hidden too (complementary suppression), and if nothing is left to
   hide, the total itself is hidden. A hidden agency or code is hidden in every breakdown too
   (its breakdown would add back up to it).
3. **Hidden counts are not listed.** The report says how many groups are hidden, never which:
   a listed "<3" would itself say that agency X had a matter.

The views are protected together (:func:`protect`), so two reports run on the same data cannot
be combined to undo each other. The remainder rule covers the relations casekit can see; the
town view's relation to the agency view is approximated by each town's own municipal police
departments (an agency that acts in several towns, such as a State Police troop, does not add
up to any town).

Pure: counts in, the set of hidden cells out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

#: The views of the pattern report, by their ``--by`` name.
VIEWS = ("agency", "agency,code", "agency,year", "town", "code")

Key = tuple[str, ...]


@dataclass(frozen=True)
class Counts:
    """The matters (and distinct clients) behind each cell of every view.

    Attributes:
        matters: view → cell key → number of matters (``("Derby Police Department",)`` for
            ``agency``; ``(agency, code)`` or ``(agency, year)`` for the two-way views).
        clients: the same cells → number of distinct clients (primary suppression uses it: one
            client with three matters is still one person).
        total: matters in the report; ``total_clients`` the distinct clients among them.
        home_town: municipal police department → its town (the town view's relation).
    """

    matters: Mapping[str, Mapping[Key, int]]
    clients: Mapping[str, Mapping[Key, int]]
    total: int
    total_clients: int
    home_town: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Protection:
    """What the report may show.

    Attributes:
        hidden: view → the hidden cell keys.
        primary: view → how many of those have fewer than ``k`` clients.
        total_hidden: the number of matters itself is too small to show.
    """

    hidden: Mapping[str, frozenset[Key]]
    primary: Mapping[str, int]
    total_hidden: bool

    def shown(self, view: str, counts: Counts) -> dict[Key, int]:
        """The cells of ``view`` that may be shown, with their counts."""
        gone = self.hidden.get(view, frozenset())
        return {k: n for k, n in counts.matters.get(view, {}).items() if k not in gone}


def protect(counts: Counts, k: int) -> Protection:
    """Decide which cells of every view are hidden (see the module docstring).

    Args:
        counts: Every view's cells.
        k: The smallest number of clients a shown count may stand for (at least 1).

    Returns:
        The hidden cells per view; with ``k == 1`` nothing is hidden.
    """
    run = _Suppression(counts, k)
    primary = {v: len(run.hidden[v]) for v in VIEWS}
    if k <= 1:
        return Protection(run.frozen(), primary, False)
    while run.one_round():
        pass
    return Protection(run.frozen(), primary, run.total_hidden)


#: (breakdown view, position of the margin's key in its cells, the margin's one-way view)
_MARGINS = (("agency,code", 0, "agency"), ("agency,year", 0, "agency"), ("agency,code", 1, "code"))


class _Suppression:
    """The hidden cells of every view, grown round by round until no count can be worked back."""

    def __init__(self, counts: Counts, k: int) -> None:
        self.counts = counts
        self.k = k
        self.matters = {v: dict(counts.matters.get(v, {})) for v in VIEWS}
        clients = {v: dict(counts.clients.get(v, {})) for v in VIEWS}
        self.hidden: dict[str, set[Key]] = {
            v: {key for key, n in clients[v].items() if n < k} for v in VIEWS
        }
        self.total_hidden = counts.total_clients < k

    def frozen(self) -> dict[str, frozenset[Key]]:
        return {v: frozenset(s) for v, s in self.hidden.items()}

    def hide(self, view: str, key: Key) -> bool:
        if key in self.hidden[view]:
            return False
        self.hidden[view].add(key)
        return True

    def cover(self, view: str, keys: Iterable[Key], total: int) -> tuple[bool, bool]:
        """Apply the remainder rule to one published ``total`` over ``keys`` of ``view``.

        Returns (changed, protected): protected is False when every covered cell is hidden
        and the remainder is still between 1 and k-1 (the caller hides the total).
        """
        matters, hidden = self.matters[view], self.hidden[view]
        covered = [key for key in keys if key in matters]
        changed = False
        while True:
            shown = [key for key in covered if key not in hidden]
            remainder = total - sum(matters[key] for key in shown)
            if remainder <= 0 or remainder >= self.k:
                return changed, True
            if not shown:
                return changed, False
            smallest = min(shown, key=lambda key: (matters[key], key))
            changed |= self.hide(view, smallest)

    def one_round(self) -> bool:
        """Apply every rule once; True when something more was hidden."""
        changed = self._breakdowns_follow_margins()
        changed |= self._rows_add_up_to_margins()
        changed |= self._towns_against_their_police()
        changed |= self._views_add_up_to_total()
        return changed

    def _breakdowns_follow_margins(self) -> bool:
        """A hidden agency or code is hidden in every breakdown (they would add back up to it)."""
        changed = False
        for view, position, margin in _MARGINS:
            for key in list(self.matters[view]):
                if (key[position],) in self.hidden[margin]:
                    changed |= self.hide(view, key)
        return changed

    def _rows_add_up_to_margins(self) -> bool:
        """Each breakdown row or column adds up to a count shown in a one-way view."""
        changed = False
        for view, position, margin in _MARGINS:
            groups: dict[str, list[Key]] = {}
            for key in self.matters[view]:
                groups.setdefault(key[position], []).append(key)
            for name, keys in sorted(groups.items()):
                if (name,) in self.hidden[margin] or (name,) not in self.matters[margin]:
                    continue
                moved, safe = self.cover(view, keys, self.matters[margin][(name,)])
                changed |= moved
                if not safe:
                    changed |= self.hide(margin, (name,))
        return changed

    def _towns_against_their_police(self) -> bool:
        """A town's count against its own police departments' counts."""
        changed = False
        by_town: dict[str, list[str]] = {}
        for agency, town in self.counts.home_town.items():
            by_town.setdefault(town, []).append(agency)
        agencies, hidden_agencies = self.matters["agency"], self.hidden["agency"]
        for (town,), n in sorted(self.matters["town"].items()):
            if (town,) in self.hidden["town"]:
                continue
            own = [(a,) for a in by_town.get(town, ()) if (a,) in agencies]
            if not own:
                continue
            shown_own = sum(agencies[a] for a in own if a not in hidden_agencies)
            if 0 < abs(n - shown_own) < self.k:
                changed |= self.hide("town", (town,))
        return changed

    def _views_add_up_to_total(self) -> bool:
        """Every one-way view adds up to the number of matters (at least: a matter may carry
        several codes)."""
        changed = False
        if self.total_hidden:
            return False
        for view in ("agency", "town", "code"):
            moved, safe = self.cover(view, self.matters[view], self.counts.total)
            changed |= moved
            if not safe:
                self.total_hidden = True
                changed = True
        return changed
