"""``casekit restore``: put back an archive made by ``casekit backup``, in four steps.

1. *Plan* (:mod:`.restore_plan`): every member header and the authenticated manifest checked.
2. *Stage* (:mod:`.restore_stage`): extracted beside the targets, hashed as written.
3. *Switch* (:mod:`.restore_journal`): a marker first, then one rename per item. A PostgreSQL
   database is replaced in one ``psql --single-transaction`` run (empty database, or
   ``--force``: the old contents are dumped aside first).
4. The marker is removed; ``--resume`` and ``--rollback`` finish or undo an interrupted run.

Nothing outside CASEKIT_HOME and the files root is written.
"""

from __future__ import annotations

import fcntl
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from casekit.config import (
    DIR_MODE,
    FILE_MODE,
    Settings,
    check_no_unfinished_restore,
    crash_point,
    ensure_private_dir,
)
from casekit.errors import ConfigurationError
from casekit.services.base import AppContext
from casekit.services.documents.files import STAGE_LOCK
from casekit.services.office.archive import PG_MEMBER, SQLITE_MEMBER, refuse, remove_tree, utc_stamp
from casekit.services.office.postgres import dump_postgresql, pg_after_restore, psql_load
from casekit.services.office.restore_journal import (
    Journal,
    finish,
    plan_items,
    read_marker,
    switch,
    unswitch,
    write_marker,
)
from casekit.services.office.restore_plan import Plan, read_plan
from casekit.services.office.restore_stage import (
    check_space,
    check_sqlite,
    extract,
    files_have_data,
    sqlite_has_data,
    stage_dirs,
)
from casekit.services.plain import PlainResult
from casekit.store.snapshots import pg_empty, pg_forget_restore_id, pg_has_data, pg_restore_id


@dataclass(frozen=True)
class RestoreOut(PlainResult):
    """What :func:`restore` put back, and where the data it replaced went."""

    home: str
    files: int
    schema_revision: str | None
    created_at: str
    replaced: str | None  # where the data it replaced was moved, if any
    database: str = "sqlite"
    notes: tuple[str, ...] = ()


def restore(svc: AppContext, archive: Path | str, *, force: bool = False) -> RestoreOut:
    """Restore an archive made by ``casekit backup`` into CASEKIT_HOME and the files root.

    SQLite: into the configured home. PostgreSQL: into the configured database, which must be
    empty (``force``: its contents are dumped aside, then replaced). Close casekit everywhere
    else first.

    Raises:
        IntegrityError: the archive is unsafe, damaged or altered (nothing was touched).
        ConfigurationError: data is there and ``force`` was not given; an unfinished restore;
            the archive's database kind differs from the configured one.
    """
    settings = svc.settings
    check_no_unfinished_restore(settings)
    plan = read_plan(archive)
    _check_target(settings, plan)
    svc.dispose()  # no connection of ours may hold the old file open
    _check_replace(settings, plan, force=force)
    check_space(settings, plan)
    restore_id = f"{utc_stamp(datetime.now(UTC))}-{secrets.token_hex(3)}"
    stages, locks = _stage(settings, plan, restore_id)
    try:
        crash_point("staged")
        journal = _journal(settings, plan, restore_id, stages)
        if not all(Path(stage).is_dir() for stage in stages):
            raise ConfigurationError("the restore's staged files were removed meanwhile; try again")
        # Every staged byte on disk before the marker promises a switch can be finished: one
        # sync for the whole stage (an fsync per file made a restore of 8,000 files several
        # times slower).
        os.sync()
        write_marker(settings, journal)
        crash_point("marked")
        return _run(svc, journal)
    finally:
        for fd in locks:
            os.close(fd)


def _check_target(settings: Settings, plan: Plan) -> None:
    """The archive's database kind is the configured one, and there is somewhere to put it."""
    is_sqlite = plan.database == "sqlite"
    if is_sqlite != settings.is_sqlite:
        if is_sqlite:
            raise ConfigurationError(
                "this backup holds a SQLite database; restore it with CASEKIT_DATABASE_URL unset "
                "(into a SQLite home), nothing was restored"
            )
        raise ConfigurationError(
            "this backup holds a PostgreSQL database; set CASEKIT_DATABASE_URL to an empty "
            "PostgreSQL database to restore it, nothing was restored"
        )
    db_member = SQLITE_MEMBER if is_sqlite else PG_MEMBER
    if db_member not in plan.members:
        raise refuse("the archive holds no database")
    if is_sqlite and settings.sqlite_path is None:
        raise ConfigurationError("the configured SQLite database has no file to restore into")
    ensure_private_dir(settings.home)
    if not settings.files_root.is_dir():
        raise ConfigurationError(
            "the files folder (CASEKIT_FILES) does not exist or is not reachable"
        )


def _check_replace(settings: Settings, plan: Plan, *, force: bool) -> None:
    """Data already there is replaced only with ``force``."""
    is_sqlite = plan.database == "sqlite"
    if is_sqlite:
        had_data = sqlite_has_data(settings)
    else:
        had_data = pg_has_data(settings.database_url) or files_have_data(settings)
    if had_data and not force:
        where = "CASEKIT_HOME" if is_sqlite else "the PostgreSQL database or the files folder"
        raise ConfigurationError(
            f"{where} already holds data; pass --force to replace it (it is kept under "
            "backups/replaced-<id>/)"
        )


def _stage(settings: Settings, plan: Plan, restore_id: str) -> tuple[list[str], list[int]]:
    """Extract into locked stage folders; on any failure the stages are removed again."""
    home_stage, files_stage = stage_dirs(settings, restore_id)
    stages = sorted({str(home_stage), str(files_stage)})
    locks: list[int] = []
    try:
        for stage in stages:
            Path(stage).mkdir(mode=DIR_MODE)
            locks.append(_lock_stage(Path(stage)))
        extract(plan, settings, restore_id)
        if plan.database == "sqlite":
            check_sqlite(home_stage / SQLITE_MEMBER)
    except BaseException:
        for fd in locks:
            os.close(fd)
        for stage in stages:
            remove_tree(Path(stage))
        raise
    return stages, locks


def _journal(settings: Settings, plan: Plan, restore_id: str, stages: list[str]) -> Journal:
    """The journal of the switch to come (after a safety dump of a PostgreSQL database)."""
    is_sqlite = plan.database == "sqlite"
    aside_home = settings.home / "backups" / f"replaced-{restore_id}"
    aside_files = settings.files_root / "backups" / f"replaced-{restore_id}"
    journal = Journal(
        restore_id=restore_id,
        archive=plan.archive.name,
        database=plan.database,
        created_at=str(plan.manifest.get("created_at", "")),
        schema_revision=plan.manifest.get("schema_revision"),
        files=len(plan.manifest["files"]),
        stages=stages,
        aside_dirs=sorted({str(aside_home), str(aside_files)}),
        items=plan_items(settings, plan, restore_id, aside_home, aside_files),
        state="switching" if is_sqlite else "database",
        pg_had_data=False if is_sqlite else pg_has_data(settings.database_url),
    )
    if journal.pg_had_data:
        ensure_private_dir(aside_home)
        safety = aside_home / PG_MEMBER
        dump_postgresql(settings.database_url, safety)
        journal.pg_safety_dump = str(safety)
    return journal


def _lock_stage(stage: Path) -> int:
    """Hold an exclusive lock in ``stage`` for as long as this restore runs (see files.py)."""
    fd = os.open(stage / STAGE_LOCK, os.O_RDWR | os.O_CREAT, FILE_MODE)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _run(svc: AppContext, journal: Journal) -> RestoreOut:
    """Carry a journal forward from whatever state it is in."""
    settings = svc.settings
    if journal.state == "database":
        if pg_restore_id(settings.database_url) != journal.restore_id:
            home_stage, _ = stage_dirs(settings, journal.restore_id)
            psql_load(
                settings.database_url,
                home_stage / PG_MEMBER,
                journal.restore_id,
                replace_existing=journal.pg_had_data or pg_has_data(settings.database_url),
            )
        crash_point("database")
        journal.state = "switching"
        write_marker(settings, journal)
    if journal.state == "switching":
        switch(journal)
        crash_point("switched")
        journal.state = "done"
        write_marker(settings, journal)
    crash_point("done")
    finish(settings, journal)
    notes: list[str] = []
    if journal.database == "postgresql":
        notes = pg_after_restore(svc)
        svc.dispose()
    moved = [Path(i.aside) for i in journal.items if i.had_live and Path(i.aside).exists()]
    replaced = str(moved[0].parent) if moved else None
    if journal.pg_safety_dump:
        replaced = str(Path(journal.pg_safety_dump).parent)
    return RestoreOut(
        home=str(settings.home),
        files=journal.files,
        schema_revision=journal.schema_revision,
        created_at=journal.created_at,
        replaced=replaced,
        database=journal.database,
        notes=tuple(notes),
    )


def resume_restore(svc: AppContext) -> RestoreOut:
    """Finish an interrupted restore (``casekit restore --resume``)."""
    if not svc.settings.restore_marker.exists():
        raise ConfigurationError("there is no unfinished restore to resume")
    journal = read_marker(svc.settings)
    for item in journal.items:  # a stage removed by hand cannot be finished, only rolled back
        if item.staged is None or Path(item.staged).exists():
            continue
        live_there = Path(item.live).exists()
        not_switched_yet = item.had_live and not Path(item.aside).exists()
        if not live_there or not_switched_yet:
            raise ConfigurationError(
                "the restore's staged files are gone, so it cannot be finished; run "
                "casekit restore --rollback"
            )
    return _run(svc, journal)


def rollback_restore(svc: AppContext) -> RestoreOut:
    """Undo an interrupted restore (``casekit restore --rollback``): the previous data returns."""
    settings = svc.settings
    if not settings.restore_marker.exists():
        raise ConfigurationError("there is no unfinished restore to roll back")
    journal = read_marker(settings)
    unswitch(journal)
    crash_point("unswitched")
    if journal.database == "postgresql" and (
        pg_restore_id(settings.database_url) == journal.restore_id
    ):
        if journal.pg_safety_dump and Path(journal.pg_safety_dump).exists():
            psql_load(
                settings.database_url,
                Path(journal.pg_safety_dump),
                f"rollback-{journal.restore_id}",
                replace_existing=True,
            )
            pg_forget_restore_id(settings.database_url)
        else:  # the database was empty before: empty again
            pg_empty(settings.database_url)
    finish(settings, journal)
    return RestoreOut(
        home=str(settings.home),
        files=0,
        schema_revision=None,
        created_at=journal.created_at,
        replaced=None,
        database=journal.database,
        notes=("the restore was rolled back; the previous data is in place",),
    )
