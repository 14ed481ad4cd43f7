"""``casekit matter update``: correct the incident, move the status, change the attorney, the
claims or the relief sought (registered on ``casekit matter`` by :mod:`casekit.cli.matters`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import typer

from casekit.cli.base import IF_VERSION_OPTION, JSON_OPTION, MATTER_ARG, emit_json, services
from casekit.cli.clients import interactive
from casekit.cli.deadlines import _print_diff
from casekit.cli.output import print_fields
from casekit.domain.vocabulary import MatterStatus
from casekit.errors import InvalidInput


def report_recompute(diff: Any, as_json: bool, what: str) -> None:
    """A trigger changed: say so, and show the recompute it causes (nothing moved yet)."""

    if as_json:
        emit_json({"saved": what, "recompute": diff.to_dict()})
        return
    typer.echo(f"saved: {what}")
    _print_diff(diff)
    if diff.has_changes:
        typer.echo(
            f"deadlines not moved yet; to accept: casekit deadlines recompute {diff.matter} --apply"
        )


NARRATIVE_OPTION = typer.Option(
    None,
    "--narrative",
    help="Replace the narrative. The complaint pastes it only if it speaks of 'the "
    "plaintiff'; otherwise a placeholder and a drafting note stand in.",
)
YES_OPTION = typer.Option(
    False,
    "--yes",
    "-y",
    help="Closing: close the open deadlines shown without asking. Reopening: restore the "
    "deadlines closed with the matter.",
)
ATTORNEY_OPTION = typer.Option(
    None,
    "--attorney",
    help="Make this attorney responsible (see casekit attorney list; 'none' for nobody). "
    "Given on its own.",
)
CLAIM_OPTION = typer.Option(
    [],
    "--claim",
    help="Add a claim to plead (the law pack's ids: trust_act, section_1983, "
    "section_52_571k, false_imprisonment_7465, claims_commissioner). Repeat for several.",
)
WARRANT_OPTION = typer.Option(
    None,
    "--judicial-warrant/--no-judicial-warrant",
    help="Whether a judicial warrant accompanied the detainer.",
)

#: ``matter update``, registered on ``casekit matter`` by :mod:`casekit.cli.matters` (between
#: ``show`` and ``process``, the order ``--help`` lists them).
commands = typer.Typer()


@dataclass(frozen=True)
class IncidentChange:
    """The incident corrections given to ``matter update`` (None: not given)."""

    incident_date: str | None
    incident_time: str | None
    violation: list[str]
    judicial_warrant: bool | None
    town: str | None
    agency: str | None
    narrative: str | None

    @property
    def given(self) -> bool:
        values = (self.incident_date, self.incident_time, self.judicial_warrant)
        facts = (self.town, self.agency, self.narrative)
        return bool(self.violation) or any(v is not None for v in (*values, *facts))

    @property
    def blank(self) -> bool:
        """Nothing to correct (an empty date or time counts as none): a status change alone."""
        facts = (self.town, self.agency, self.narrative)
        typed = self.incident_date or self.incident_time or self.violation
        return not typed and self.judicial_warrant is None and all(v is None for v in facts)


@commands.command("update")
def matter_update(
    number: str = MATTER_ARG,
    incident_date: str | None = typer.Option(
        None, "--incident-date", help="Corrected incident date, YYYY-MM-DD."
    ),
    incident_time: str | None = typer.Option(None, "--incident-time", help="HH:MM, local time."),
    violation: list[str] = typer.Option(
        [], "--violation", help="Replace the prohibited acts (repeat for several)."
    ),
    judicial_warrant: bool | None = WARRANT_OPTION,
    town: str | None = typer.Option(
        None, "--town", help="Corrected town (see casekit towns; a misspelling gets suggestions)."
    ),
    agency: str | None = typer.Option(
        None, "--agency", help="Corrected agency whose officers acted (see casekit agencies)."
    ),
    narrative: str | None = NARRATIVE_OPTION,
    status: MatterStatus | None = typer.Option(
        None, "--status", case_sensitive=False, help="Move the matter to this status."
    ),
    yes: bool = YES_OPTION,
    attorney: str | None = ATTORNEY_OPTION,
    claim: list[str] = CLAIM_OPTION,
    drop_claim: list[str] = typer.Option(
        [], "--drop-claim", help="Stop pleading this claim. Repeat for several."
    ),
    relief: list[str] = typer.Option(
        [], "--relief", help="Add an item of relief sought (e.g. 'injunction'). Repeat."
    ),
    drop_relief: list[str] = typer.Option(
        [], "--drop-relief", help="Remove an item of relief sought. Repeat."
    ),
    reason: str = typer.Option(
        "", "--reason", help="With --status: why (kept as a note on the matter)."
    ),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct the incident or move the matter's status; shows the deadline recompute it causes.

    --claim/--drop-claim and --relief/--drop-relief change what is pleaded and sought (on their
    own, like --attorney: one command, one write).

    Closing or declining a matter lists its open deadlines and asks before closing them with it
    (--yes: without asking; "no" writes nothing and exits 1). Reopening offers to restore them.
    Everything is checked before anything is written, and saved in one transaction.
    """

    svc = services()
    incident = IncidentChange(
        incident_date, incident_time, violation, judicial_warrant, town, agency, narrative
    )
    if claim or drop_claim or relief or drop_relief:
        if incident.given or status is not None or attorney is not None:
            raise InvalidInput(
                "claims and relief are changed on their own: repeat the other changes without them"
            )
        _claims(svc, number, claim, drop_claim, relief, drop_relief, if_version, as_json)
        return
    if reason and status is None:
        raise InvalidInput("--reason goes with --status (why the matter moves)")
    if attorney is not None:
        if incident.given or status is not None:  # its own transaction: one command, one write
            raise InvalidInput(
                "--attorney is changed on its own: repeat the other changes without it"
            )
        _assign(svc, number, attorney, if_version, as_json)
        return
    if status is not None and incident.blank:
        change = _change_status(
            svc, number, status, yes=yes, quiet=as_json, version=if_version, reason=reason
        )
        if as_json:
            emit_json(change.to_dict())
        else:
            typer.echo(f"{change.matter}: status {change.status}")
        return
    _update_incident(svc, number, incident, (status, yes, if_version, as_json))


def _update_incident(
    svc: Any,
    number: str,
    incident: IncidentChange,
    options: tuple[str | None, bool, int | None, bool],
) -> None:
    """Correct the incident (and move the status with it, asked first): one transaction."""
    from casekit.services.casefile import update_incident
    from casekit.services.matters import clean_status

    status, yes, if_version, as_json = options
    shown = None
    if status is not None:  # asked first; written below, with the incident, in one transaction
        value = clean_status(status)
        # Bad input: no question.
        _check_incident(svc, incident.incident_date, incident.incident_time, incident.violation)
        shown = _closing_shown(svc, number, value, yes=yes, quiet=as_json)
    diff = update_incident(
        svc,
        number,
        occurred_on=incident.incident_date,
        occurred_time=incident.incident_time,
        violations=incident.violation or None,
        judicial_warrant=incident.judicial_warrant,
        town=incident.town,
        agency=incident.agency,
        narrative=incident.narrative,
        status=status,
        matter_version=if_version,
        status_shown=shown,
        restore=yes,
    )
    if status is not None and not as_json:
        typer.echo(f"{diff.matter}: status {clean_status(status)}")
    report_recompute(diff, as_json, f"incident of {diff.matter}")


def _claims(
    svc: Any,
    number: str,
    claim: list[str],
    drop_claim: list[str],
    relief: list[str],
    drop_relief: list[str],
    if_version: int | None,
    as_json: bool,
) -> None:
    """``--claim``/``--drop-claim``/``--relief``/``--drop-relief``: one audited transaction."""
    from casekit.services.casefile import update_claims

    change = update_claims(
        svc,
        number,
        add_claims=claim,
        drop_claims=drop_claim,
        add_relief=relief,
        drop_relief=drop_relief,
        version=if_version,
    )
    if as_json:
        emit_json(change.to_dict())
        return
    if not change.changed:
        typer.echo(f"{change.matter}: claims and relief unchanged")
    print_fields(
        [
            ("claims", list(change.claims) or "none"),
            ("relief sought", "; ".join(change.relief) or "none"),
            ("version", change.version),
        ]
    )


def _assign(svc: Any, number: str, attorney: str, if_version: int | None, as_json: bool) -> None:
    """``--attorney``: make another attorney responsible (or nobody) and say who it was."""
    from casekit.services.matters import assign_attorney

    change = assign_attorney(svc, number, attorney, version=if_version)
    if as_json:
        emit_json(change.to_dict())
        return
    if change.before == change.after:
        typer.echo(f"{change.matter}: attorney unchanged ({change.after or 'none'})")
        return
    typer.echo(f"{change.matter}: attorney {change.before or 'none'} -> {change.after or 'none'}")


def _check_incident(
    svc: Any, incident_date: str | None, incident_time: str | None, violation: list[str]
) -> None:
    """Refuse a bad incident value before any question is asked (update_incident checks again)."""
    from casekit.services.matters import (
        clean_violations,
        parse_incident_date,
        parse_incident_time,
    )

    if incident_date is not None:
        parse_incident_date(incident_date, svc.today())
    if incident_time is not None:
        parse_incident_time(incident_time)
    if violation:
        clean_violations(violation)


def _closing_shown(
    svc: Any, number: str, value: str, *, yes: bool, quiet: bool
) -> list[int] | None:
    """Closing: show the open deadlines that close with the matter and ask (``--yes``: don't).

    Returns their ids (the write refuses if they changed meanwhile), or None when not closing.
    """
    from casekit.services.deadlines import lifecycle

    if value not in lifecycle.CLOSED_STATUSES:
        return None
    err = quiet  # with --json, questions and lists go to stderr
    shown = lifecycle.closing_preview(svc, number)
    if shown:
        typer.echo(
            f"{len(shown)} open deadline(s) will be closed with the matter "
            f'(superseded, reason "{lifecycle.closed_reason(value)}"):',
            err=err,
        )
        for d in shown:
            typer.echo(f"  {d.id:>5}  {d.safe_target.isoformat()}  {d.title}", err=err)
        if not yes and not typer.confirm("Close them?", default=False, err=True):
            raise typer.Abort()
    return [d.id for d in shown]


def _change_status(
    svc: Any,
    number: str,
    status: str,
    *,
    yes: bool,
    quiet: bool,
    version: int | None = None,
    reason: str = "",
) -> Any:
    """Move the status, asking first when deadlines close with the matter (or could be restored)."""
    from casekit.services.deadlines import lifecycle
    from casekit.services.matters import clean_status

    value = clean_status(status)
    err = quiet  # with --json, questions and lists go to stderr
    if value in lifecycle.CLOSED_STATUSES:
        shown = _closing_shown(svc, number, value, yes=yes, quiet=quiet)
        change = lifecycle.change_status(
            svc, number, value, shown=shown, version=version, reason=reason
        )
        if change.closed and not quiet:
            typer.echo(f"closed {len(change.closed)} deadline(s) with the matter")
        return change
    change = lifecycle.change_status(
        svc, number, value, restore=yes, version=version, reason=reason
    )
    if change.restored and not quiet:
        typer.echo(f"restored {len(change.restored)} deadline(s) closed with the matter")
    if change.still_closed:
        pending = len(change.still_closed)
        if not yes and interactive_terminal():
            if typer.confirm(
                f"Restore the {pending} deadline(s) closed with the matter?", default=True, err=True
            ):
                restored = lifecycle.restore(svc, change.matter)
                typer.echo(f"restored {len(restored)} deadline(s) closed with the matter")
                return change
        typer.echo(
            f"{pending} deadline(s) were closed with the matter; to restore them: "
            f"casekit deadlines restore {change.matter} --apply",
            err=err,
        )
    return change


def interactive_terminal() -> bool:
    return interactive()
