"""Restore, step 3: the switch, recorded in a journal so it can be finished or undone.

A marker file (``RESTORE-IN-PROGRESS.json``) is written and fsynced first, listing every rename;
then each live item (database, ``documents/``, ``evidence/``, ``templates/``, ``config.toml``,
``*.local.toml``) is moved to ``backups/replaced-<id>/`` and its staged copy renamed into place.
While the marker exists, every command refuses to open a database and says to run ``casekit
restore --resume`` (:func:`switch`) or ``--rollback`` (:func:`unswitch`); both are idempotent.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from casekit.config import DIR_MODE, Settings, crash_point, write_private_file
from casekit.errors import ConfigurationError
from casekit.services.office.archive import (
    FILE_FOLDERS,
    HOME_FOLDERS,
    SQLITE_MEMBER,
    config_files,
    fsync_dir,
    is_config_name,
    make_dirs,
    remove_tree,
)
from casekit.services.office.restore_plan import Plan
from casekit.services.office.restore_stage import stage_dirs


@dataclass
class Item:
    """One rename pair of the switch: the live path, its staged replacement, where it goes."""

    live: str
    staged: str | None  # None: the archive has none (the live one only goes aside)
    aside: str
    had_live: bool


@dataclass
class Journal:
    """The marker file's content: everything --resume and --rollback need."""

    restore_id: str
    archive: str
    database: str  # sqlite | postgresql
    created_at: str
    schema_revision: str | None
    files: int
    stages: list[str]
    aside_dirs: list[str]
    items: list[Item] = field(default_factory=list)
    state: str = "switching"  # database | switching | done
    pg_had_data: bool = False
    pg_safety_dump: str | None = None

    def to_json(self) -> bytes:
        data = asdict(self)
        return json.dumps(data, indent=2).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Journal:
        data = json.loads(raw)
        items = [Item(**i) for i in data.pop("items")]
        return cls(items=items, **data)


def write_marker(settings: Settings, journal: Journal) -> None:
    marker = settings.restore_marker
    write_private_file(marker, journal.to_json())
    fsync_dir(marker.parent)


def read_marker(settings: Settings) -> Journal:
    try:
        return Journal.from_json(settings.restore_marker.read_bytes())
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ConfigurationError(
            f"the restore marker {settings.restore_marker} cannot be read; move it away only "
            "after checking the database and files by hand"
        ) from exc


def plan_items(
    settings: Settings, plan: Plan, restore_id: str, aside_home: Path, aside_files: Path
) -> list[Item]:
    """Every rename the switch makes, database first (it decides what a command sees)."""
    items: list[Item] = []

    def add(live: Path, staged: Path | None, aside_dir: Path) -> None:
        items.append(
            Item(
                live=str(live),
                staged=str(staged) if staged is not None else None,
                aside=str(aside_dir / live.name),
                had_live=live.exists() or live.is_symlink(),
            )
        )

    home_stage, files_stage = stage_dirs(settings, restore_id)
    if plan.database == "sqlite":
        db_path = settings.sqlite_path
        if db_path is None:  # restore() refuses this before planning
            raise ConfigurationError("the configured SQLite database has no file to restore into")
        # The -wal and -shm files belong to the old database: a stale WAL must never meet the
        # new one, so they go aside before it is renamed into place.
        for suffix in ("-wal", "-shm"):
            add(Path(f"{db_path}{suffix}"), None, aside_home)
        add(db_path, home_stage / SQLITE_MEMBER, aside_home)
    for name in FILE_FOLDERS:
        staged = files_stage / name
        add(settings.files_root / name, staged if _has_prefix(plan, name) else None, aside_files)
    for name in HOME_FOLDERS:
        staged = home_stage / name
        add(settings.home / name, staged if _has_prefix(plan, name) else None, aside_home)
    configs = sorted(
        {n for n in plan.members if "/" not in n and is_config_name(n)}
        | set(config_files(settings.home))
    )
    for name in configs:
        add(settings.home / name, home_stage / name if name in plan.members else None, aside_home)
    return items


def _has_prefix(plan: Plan, folder: str) -> bool:
    return any(n.startswith(folder + "/") for n in plan.members)


def switch(journal: Journal) -> None:
    """Roll every item forward; safe to repeat after a crash at any point."""
    for item in journal.items:
        live, aside = Path(item.live), Path(item.aside)
        staged = Path(item.staged) if item.staged else None
        staged_ready = staged is not None and (staged.exists() or staged.is_symlink())
        if (
            item.had_live
            and (live.exists() or live.is_symlink())
            and not (aside.exists() or aside.is_symlink())
        ):
            aside.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
            os.replace(live, aside)
            fsync_dir(aside.parent)
            crash_point(f"aside:{live.name}")
        if staged is not None and staged_ready:
            if live.exists() or live.is_symlink():  # a rollback-free rerun: never clobber
                remove_tree(live)
            os.replace(staged, live)
            fsync_dir(live.parent)
            crash_point(f"switched:{live.name}")
    # The folders under the files root must exist even when the archive had none.
    for item in journal.items:
        live = Path(item.live)
        if live.name in FILE_FOLDERS and not live.exists():
            make_dirs(live, DIR_MODE)


def unswitch(journal: Journal) -> None:
    """Put every item back as it was before the switch; safe to repeat after a crash."""
    for item in reversed(journal.items):
        live, aside = Path(item.live), Path(item.aside)
        staged = Path(item.staged) if item.staged else None
        aside_there = aside.exists() or aside.is_symlink()
        live_there = live.exists() or live.is_symlink()
        if item.had_live:
            if aside_there:
                if live_there:  # the restored copy: back into the stage, removed with it
                    if staged is not None and not staged.exists():
                        staged.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
                        os.replace(live, staged)
                    else:
                        remove_tree(live)
                os.replace(aside, live)
                fsync_dir(live.parent)
        elif live_there and staged is not None:
            if not staged.exists():
                staged.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
                os.replace(live, staged)
            else:
                remove_tree(live)


def finish(settings: Settings, journal: Journal) -> None:
    settings.restore_marker.unlink(missing_ok=True)
    fsync_dir(settings.home)
    for stage in journal.stages:
        remove_tree(Path(stage))
    for aside in journal.aside_dirs:
        try:
            Path(aside).rmdir()  # only if nothing went aside there
        except OSError:
            pass
