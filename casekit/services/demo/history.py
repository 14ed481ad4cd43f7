"""A history for the demo matters: a few changes made the way an office makes them, through the
services, so the audit log (and the matter's History tab) has something to show.

Three open matters (the first by number, deterministic for a seed and a today):

* the first: maria corrects the incident date a day earlier and accepts the recompute;
* the second: pedro writes a note and marks the nearest open deadline done;
* the third: maria corrects the incident date and leaves the recompute pending, so the demo
  shows deadlines marked "out of date" (on the matter and the dashboard).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from casekit.services import casefile as timeline
from casekit.services import deadlines
from casekit.services.base import AppContext
from casekit.services.casefile import notes
from casekit.store.models import Setting
from casekit.store.repos.demo import open_matter_incidents
from casekit.store.repos.settings import setting_value

DONE_KEY = "casekit.demo_history"
PEOPLE = ("maria", "pedro")


def _as(svc: AppContext, name: str) -> AppContext:
    """The same database, with another display name in the audit log."""
    person = AppContext(replace(svc.settings, actor=name), today=svc.today(), notify=svc.notify)
    person._engine = svc.engine  # one pool; the caller disposes it
    return person


def add_demo_history(svc: AppContext) -> int:
    """Write the demo's history once (a setting remembers it); returns how many matters got
    one."""
    with svc.transaction() as session:
        if setting_value(session=session, key=DONE_KEY):
            return 0
        rows = open_matter_incidents(session=session)
    picked: list[tuple[int, date]] = []
    for matter_id, day in rows:
        if all(matter_id != m for m, _ in picked):
            picked.append((matter_id, day))
        if len(picked) == 3:
            break
    maria, pedro = (_as(svc, name) for name in PEOPLE)
    for n, (matter_id, day) in enumerate(picked):
        if n == 1:
            notes.add_note(
                pedro, matter_id, "Called the client back; the release papers are on file."
            )
            open_rows = deadlines.list_deadlines(pedro, matter=matter_id)
            if open_rows:
                first = open_rows[0]
                deadlines.set_status(
                    pedro, first.id, "done", "Done (fictional demo)", version=first.version
                )
            continue
        timeline.update_incident(maria, matter_id, occurred_on=day - timedelta(days=1))
        if n == 0:
            deadlines.recompute_apply(maria, matter_id)
    with svc.transaction() as session:
        session.add(Setting(key=DONE_KEY, value="true"))
    return len(picked)
