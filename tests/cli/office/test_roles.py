"""PostgreSQL roles and the ethical wall, proven by connecting as each role.

Every test works on its own throwaway database, whose name gives its roles a unique prefix
(``ck_<database>_``); the ``office`` fixture drops every role it made afterwards. These tests
run only on PostgreSQL and never skip in CI (``CASEKIT_REQUIRE_PG=1``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from casekit.config import Settings
from casekit.errors import AccessDenied, InvalidInput, NotFound
from casekit.services import (
    casefile,
    clients,
    documents,
    evidence,
    matters,
    records,
)
from casekit.services import casefile as parties
from casekit.services import casefile as timeline
from casekit.services import office as users
from casekit.services.base import AppContext
from casekit.services.casefile import notes
from casekit.services.deadlines import closures as calendar
from casekit.services.office import settings
from tests.factories import office_data

pytestmark = pytest.mark.postgres

WALLED_TABLES = (
    "incident",
    "custodyevent",
    "party",
    "evidence",
    "recordsrequest",
    "deadline",
    "document",
    "note",
    "matterteam",
)


@pytest.fixture
def db_url(pg_url: str) -> str:
    return pg_url


@dataclass
class Office:
    """The owner's services, the role names, and a way to act as each role."""

    owner: AppContext
    url: str
    prefix: str
    roles: dict[str, str]
    home: Path

    def as_role(self, who: str) -> AppContext:
        url = make_url(self.url).set(username=self.roles[who]).render_as_string(False)
        return AppContext(
            Settings(home=self.home, database_url=url, actor=who),
            today=date(2026, 3, 15),
        )

    def sql(self, who: str) -> psycopg.Connection[Any]:
        url = make_url(self.url).set(drivername="postgresql", username=self.roles[who])
        return psycopg.connect(url.render_as_string(False), autocommit=True)


@pytest.fixture
def office(services: AppContext, pg_url: str, casekit_home: Path) -> Iterator[Office]:
    setup = users.setup_office(services)
    prefix = setup.prefix
    roles = {}
    for who, group in (
        ("alice", "attorney"),
        ("bob", "attorney"),
        ("paul", "paralegal"),
        ("rita", "readonly"),
        ("ada", "admin"),
    ):
        roles[who] = users.add_user(services, f"{prefix}{who}", group).name
    try:
        yield Office(services, pg_url, prefix, roles, casekit_home)
    finally:
        services.dispose()
        _drop_roles(pg_url, prefix)


def _drop_roles(url: str, prefix: str) -> None:
    admin = make_url(url).set(drivername="postgresql")
    with psycopg.connect(admin.render_as_string(False), autocommit=True) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s)", (prefix,)
            )
        ]
        for name in names:
            conn.execute(psycopg.sql.SQL("DROP OWNED BY {}").format(psycopg.sql.Identifier(name)))
        for name in names:
            conn.execute(psycopg.sql.SQL("DROP ROLE {}").format(psycopg.sql.Identifier(name)))


@pytest.fixture
def walled(office: Office, tmp_path: Path) -> dict[str, Any]:
    """Matter A restricted to alice (with a row in every walled table), matter B open."""
    owner = office.owner
    data = office_data(owner, tmp_path, name="Walled Client")
    number = data.matter
    timeline.add_custody_event(owner, number, kind="arrest", at="2026-01-10T09:00")
    notes.add_note(owner, number, "privileged strategy note")
    parties.add_party(owner, number, role="witness", name="Walter Witness")
    records.create_records_request(owner, number, "Danbury Police Department")
    other = clients.add_client(owner, name="Open Client")
    open_matter = matters.add_matter(
        owner,
        client=str(other.id),
        incident_date="2026-02-01",
        town="Hartford",
        agency="Hartford Police Department",
    )
    users.restrict_matter(owner, number, [office.roles["alice"]])
    with owner.engine.connect() as conn:
        matter_id = conn.exec_driver_sql(
            "SELECT id FROM matter WHERE number = %(n)s", {"n": number}
        ).scalar()
    return {
        "number": number,
        "id": matter_id,
        "open": open_matter.number,
        "evidence_id": data.evidence_id,
        "document": data.document,
    }


def test_outside_the_team_a_walled_matter_does_not_exist_through_casekit(
    office: Office, walled: dict[str, Any]
) -> None:
    bob = office.as_role("bob")
    number = walled["number"]
    assert [m.number for m in matters.list_matters(bob)] == [walled["open"]]
    for attempt in (
        lambda: casefile.matter_file(bob, number),
        lambda: documents.list_documents(bob, number),
        lambda: documents.generate(bob, "demand-letter", number),
        lambda: evidence.list_evidence(bob, number),
        lambda: evidence.view_evidence(bob, walled["evidence_id"]),
        lambda: evidence.custody_log(bob, walled["evidence_id"]),
        lambda: notes.add_note(bob, number, "trying"),
        lambda: notes.list_notes(bob, number),
        lambda: timeline.list_custody_events(bob, number),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert evidence.verify_evidence(bob) == []
    from casekit.services.deadlines import list_deadlines

    assert {d.matter for d in list_deadlines(bob, status="all")} == {walled["open"]}
    assert users.hidden_matters(bob) == 1
    # The team sees all of it.
    alice = office.as_role("alice")
    assert {m.number for m in matters.list_matters(alice)} == {number, walled["open"]}
    assert [d.status for d in documents.list_documents(alice, number)] == ["ok"]
    assert notes.add_note(alice, number, "team note").matter == number
    assert users.hidden_matters(alice) == 0
    bob.dispose()
    alice.dispose()


def test_outside_the_team_a_walled_matter_cannot_be_read_or_changed_through_sql(
    office: Office, walled: dict[str, Any]
) -> None:
    mid = walled["id"]
    with office.sql("alice") as team:
        seen = {
            t: team.execute(f"SELECT count(*) FROM {t} WHERE matter_id = %s", (mid,)).fetchone()[0]  # noqa: S608
            for t in WALLED_TABLES
        }
    assert all(seen.values()), seen  # the fixture put a row in each
    with office.sql("bob") as bob:
        assert bob.execute("SELECT count(*) FROM matter WHERE id = %s", (mid,)).fetchone() == (0,)
        for table in WALLED_TABLES:
            count = bob.execute(
                f"SELECT count(*) FROM {table} WHERE matter_id = %s",  # noqa: S608
                (mid,),
            ).fetchone()
            assert count == (0,), table
        assert bob.execute(
            "SELECT count(*) FROM evidencecustody WHERE evidence_id = %s", (walled["evidence_id"],)
        ).fetchone() == (0,)
        assert bob.execute(
            "SELECT count(*) FROM auditevent WHERE matter_id = %s", (mid,)
        ).fetchone() == (0,)
        for statement in (
            "UPDATE note SET body = 'x' WHERE matter_id = %s",
            "DELETE FROM deadline WHERE matter_id = %s",
            "UPDATE matter SET status = 'closed' WHERE id = %s",
            "DELETE FROM document WHERE matter_id = %s",
        ):
            assert bob.execute(statement, (mid,)).rowcount == 0, statement
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            bob.execute(
                "INSERT INTO note (created_at, updated_at, version, matter_id, author, body) "
                "VALUES (now(), now(), 1, %s, 'bob', 'planted')",
                (mid,),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bob.execute("UPDATE matter SET restricted = false WHERE id = %s", (mid,))
    with office.sql("alice") as team:  # nothing changed
        assert team.execute(
            "SELECT count(*) FROM note WHERE matter_id = %s", (mid,)
        ).fetchone() == (seen["note"],)


def test_readonly_cannot_write_anything(office: Office, walled: dict[str, Any]) -> None:
    rita = office.as_role("rita")
    assert {m.number for m in matters.list_matters(rita)} == {walled["open"]}
    for attempt in (
        lambda: clients.add_client(rita, name="New Person"),
        lambda: notes.add_note(rita, walled["open"], "read-only note"),
        lambda: settings.set_setting(rita, "firm.name", "Other"),
        lambda: calendar.add_closure(rita, date(2026, 4, 1), "storm"),
        lambda: evidence.add_evidence(rita, walled["open"], walled["document"], kind="other"),
    ):
        with pytest.raises(AccessDenied, match="not allowed"):
            attempt()
    with office.sql("rita") as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        ]
        assert "alembic_version" in tables and len(tables) > 15
        for table in tables:
            column = "version_num" if table == "alembic_version" else "id"
            for statement in (
                f'DELETE FROM "{table}"',
                f'UPDATE "{table}" SET {column} = {column}',
                f'INSERT INTO "{table}" DEFAULT VALUES',
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)
    rita.dispose()


def test_paralegal_cannot_read_sensitive_columns(office: Office, walled: dict[str, Any]) -> None:
    paul = office.as_role("paul")
    alice = office.as_role("alice")
    added = clients.add_client(paul, name="Intake Caller", a_number="A123456789")
    # Write-only: the paralegal records it at intake, an attorney reads it.
    assert (
        clients.show_client(alice, str(added.id), include_sensitive=True).a_number == "A123456789"
    )
    assert clients.show_client(paul, str(added.id)).name == "Intake Caller"
    with pytest.raises(AccessDenied):
        clients.show_client(paul, str(added.id), include_sensitive=True)
    assert casefile.matter_file(paul, walled["open"]).number == walled["open"]
    with office.sql("paul") as conn:
        assert conn.execute("SELECT name FROM client WHERE id = %s", (added.id,)).fetchone()
        for column in ("a_number", "immigration_status", "date_of_birth"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT {column} FROM client")  # noqa: S608
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM client")
    with office.sql("rita") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT a_number FROM client")
    paul.dispose()
    alice.dispose()


def test_paralegal_cannot_change_rules_or_users(office: Office, walled: dict[str, Any]) -> None:
    paul = office.as_role("paul")
    for attempt in (
        lambda: settings.set_setting(paul, "firm.name", "Other"),
        lambda: calendar.add_closure(paul, date(2026, 4, 1), "storm"),
        lambda: settings.add_attorney(paul, name="New Lawyer", juris="111111"),
        lambda: users.add_user(paul, f"{office.prefix}x", "attorney"),
        lambda: users.restrict_matter(paul, walled["open"], [office.roles["paul"]]),
    ):
        with pytest.raises(AccessDenied):
            attempt()
    # Case work is fine.
    assert notes.add_note(paul, walled["open"], "called the client").matter == walled["open"]
    alice = office.as_role("alice")
    assert calendar.add_closure(alice, date(2026, 4, 1), "storm") is not None  # attorneys may
    paul.dispose()
    alice.dispose()


def test_a_new_matter_never_takes_a_walled_matters_number(
    office: Office, walled: dict[str, Any]
) -> None:
    owner = office.owner
    client = clients.add_client(owner, name="Latest Client")
    latest = matters.add_matter(
        owner,
        client=str(client.id),
        incident_date="2026-02-02",
        town="Hartford",
        agency="Hartford Police Department",
    )
    users.restrict_matter(owner, latest.number, [office.roles["alice"]])
    paul = office.as_role("paul")
    other = clients.add_client(paul, name="Next Caller")
    made = matters.add_matter(
        paul,
        client=str(other.id),
        incident_date="2026-02-03",
        town="Hartford",
        agency="Hartford Police Department",
    )
    assert made.number > latest.number
    paul.dispose()


def test_walls_are_managed_by_admins_who_cannot_wall_themselves_out(
    office: Office, walled: dict[str, Any]
) -> None:
    ada = office.as_role("ada")
    number, open_number = walled["number"], walled["open"]
    with pytest.raises(NotFound):  # the admin is outside A's wall too
        users.set_team_member(ada, number, office.roles["bob"], member=True)
    with pytest.raises(InvalidInput, match="disappear for you"):
        users.restrict_matter(ada, open_number, [office.roles["bob"]])
    wall = users.restrict_matter(ada, open_number, [office.roles["bob"], office.roles["ada"]])
    assert set(wall.team) == {office.roles["bob"], office.roles["ada"]}
    paul = office.as_role("paul")
    assert matters.list_matters(paul) == []
    users.set_team_member(ada, open_number, office.roles["paul"], member=True)
    assert [m.number for m in matters.list_matters(paul)] == [open_number]
    users.set_team_member(ada, open_number, office.roles["paul"], member=False)
    assert matters.list_matters(paul) == []
    users.unrestrict_matter(ada, open_number)
    assert [m.number for m in matters.list_matters(paul)] == [open_number]
    # The owner manages any wall, and the audit log keeps the changes.
    users.set_team_member(office.owner, number, office.roles["bob"], member=True)
    bob = office.as_role("bob")
    assert number in {m.number for m in matters.list_matters(bob)}
    with office.owner.engine.connect() as conn:
        logged = conn.exec_driver_sql(
            "SELECT count(*) FROM auditevent WHERE entity = 'matterteam'"
        ).scalar()
    assert logged and logged >= 4
    for svc in (ada, paul, bob):
        svc.dispose()


def test_privileges_follow_the_catalog(office: Office) -> None:
    """A column a later migration adds (an encrypted form, say) is hidden by its name alone."""
    from casekit.store import office as store_office

    with office.owner.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE client ADD COLUMN a_number_hash text")
        conn.exec_driver_sql("CREATE TABLE scratchcase (id serial primary key, matter_id int)")
        store_office.apply_wall(conn)
        store_office.apply_privileges(conn)
    with office.sql("paul") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT a_number_hash FROM client")
        conn.execute("INSERT INTO scratchcase (matter_id) VALUES (NULL)")  # paralegals write cases
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO scratchcase (matter_id) VALUES (424242)")  # no visible matter
    with office.sql("rita") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("INSERT INTO scratchcase (matter_id) VALUES (NULL)")
    with office.sql("alice") as conn:
        assert conn.execute("SELECT a_number_hash FROM client").fetchall() is not None
        policy = conn.execute(
            "SELECT count(*) FROM pg_policies WHERE tablename = 'scratchcase'"
        ).fetchone()
    assert policy == (1,)


def test_users_commands_through_the_cli(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    from casekit.cli import app

    runner = CliRunner()
    monkeypatch.setenv("CASEKIT_DATABASE_URL", office.url)
    name = f"{office.prefix}carla"
    result = runner.invoke(app, ["users", "add", name, "--group", "paralegal"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["users", "grant", name, "attorney"])
    assert result.exit_code == 0 and "attorney, paralegal" in result.stdout
    result = runner.invoke(app, ["users", "revoke", name, "paralegal"])
    assert result.exit_code == 0 and result.stdout.strip().endswith("attorney")
    listed = runner.invoke(app, ["users", "list", "--json"])
    assert listed.exit_code == 0
    import json

    data = json.loads(listed.stdout)
    assert {"name": name, "login": True, "groups": ["attorney"]} in data["users"]
    assert data["owner"] is True
    bad = runner.invoke(app, ["users", "add", name, "--group", "attorney"])
    assert bad.exit_code == 2 and "exists already" in bad.stderr
    bad = runner.invoke(app, ["users", "add", "Robert'); DROP", "--group", "attorney"])
    assert bad.exit_code == 2 and "not a usable user name" in bad.stderr
    bad = runner.invoke(app, ["users", "add", f"{office.prefix}z", "--group", "boss"])
    assert bad.exit_code == 2 and "unknown group" in bad.stderr


def test_a_password_is_sent_as_a_scram_verifier(office: Office) -> None:
    name = f"{office.prefix}pw"
    users.add_user(office.owner, name, "attorney", password="correct horse battery")
    with office.owner.engine.connect() as conn:
        stored = conn.exec_driver_sql(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %(n)s", {"n": name}
        ).scalar()
    assert stored.startswith("SCRAM-SHA-256$4096:")
    url = make_url(office.url).set(drivername="postgresql", username=name)
    with psycopg.connect(url.render_as_string(False), password="correct horse battery") as conn:
        assert conn.execute("SELECT current_user").fetchone() == (name,)
    with pytest.raises(InvalidInput, match="12 characters"):
        users.add_user(office.owner, f"{office.prefix}short", "attorney", password="short")


def test_a_role_behind_a_wall_never_takes_walled_files_for_orphans(
    office: Office, walled: dict[str, Any]
) -> None:
    """Only a role that sees every row looks for orphans (the sweep would delete them)."""
    import os
    import time

    from casekit.services.documents import files

    document: Path = walled["document"]
    old = time.time() - 7200
    os.utime(document, (old, old))
    bob = office.as_role("bob")
    result = files.full_sweep(bob)
    assert result.orphan_documents == 0 and "owner" in result.note
    assert document.exists()
    assert files.full_sweep(office.owner).orphan_documents == 0  # the owner sees its row
    assert document.exists()
    bob.dispose()
