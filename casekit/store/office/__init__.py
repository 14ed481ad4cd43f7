"""PostgreSQL access control for an office: group roles, privileges and the ethical wall.

Each person connects as their own login role, a member of one of casekit's four group roles
(``<prefix>admin``, ``<prefix>attorney``, ``<prefix>paralegal``, ``<prefix>readonly``):

=========== ====================================================== ==============================
group       reads                                                  writes
=========== ====================================================== ==============================
admin       every row its walls let it see                         everything: firm settings,
                                                                   users table, court closures,
                                                                   matter teams, the wall flag
attorney    the same                                               case data, court closures,
                                                                   reference data
paralegal   the same, except the sensitive client columns          case data (the sensitive
            (``SENSITIVE_COLUMNS``)                                columns only on insert)
readonly    the same, except the sensitive client columns          nothing
=========== ====================================================== ==============================

Role names are cluster-wide, so they carry a prefix: by default derived from the database name
(``ck_casekit_``), so two casekit databases on one server never share roles. The prefix is
recorded in the database (setting ``casekit.role_prefix``) when the roles are created, so every
user's casekit agrees on it.

**The wall.** A matter with ``restricted`` set is visible only to the roles on its team
(``matterteam``), and so is every row that belongs to it: every table with a ``matter_id``
column, and every table whose non-null foreign key points at such a table (the evidence custody
log), found in the live catalog after every upgrade (:func:`apply_wall`), so a table a later
migration adds is walled too. Rows outside the wall read as if they did not exist, and a write
into a walled matter is refused by the policy's ``WITH CHECK``.

**The owner.** The tables belong to the account that runs ``casekit db upgrade`` (the office's
database owner). Row-level security is enabled but not forced, so that account, and a
superuser, see every row: it is the maintenance account (migrations, ``pg_dump`` backups,
users, walls) and nobody does case work as it. The groups are not owners, so every policy
applies to them.

Privileges are recomputed from the catalog after every upgrade (:func:`apply_privileges`), so a
column a later migration adds (an encrypted form of a sensitive field, say) gets the right
grants without anyone editing SQL here.

Modules: :mod:`.catalog` (the groups and the live catalog), :mod:`.roles`, :mod:`.privileges`
and :mod:`.wall`; every name is exported here.
"""

from casekit.store.office.catalog import (
    ADMIN_COLUMNS,
    APPEND_ONLY,
    AUDIT_HEAD_FUNCTION,
    GROUPS,
    HIDDEN_FUNCTION,
    LAST_NUMBER_FUNCTION,
    PREFIX_KEY,
    SEE_SENSITIVE,
    SENSITIVE_TABLES,
    TABLE_WRITERS,
    TEAM_FUNCTION,
    WALL_POLICY,
    WALL_VERSION,
    WRITERS,
    is_sensitive_column,
)
from casekit.store.office.privileges import (
    apply_privileges,
    hidden_columns,
)
from casekit.store.office.roles import (
    Me,
    check_role_name,
    create_groups,
    create_login,
    derive_prefix,
    group_roles,
    memberships,
    recorded_prefix,
    role_exists,
    scram_verifier,
    set_membership,
    whoami,
)
from casekit.store.office.wall import (
    apply_wall,
    audit_head,
    hidden_matters,
    last_matter_number,
    wall_installed,
    walled_tables,
)

__all__ = [
    "ADMIN_COLUMNS",
    "APPEND_ONLY",
    "AUDIT_HEAD_FUNCTION",
    "GROUPS",
    "HIDDEN_FUNCTION",
    "LAST_NUMBER_FUNCTION",
    "Me",
    "PREFIX_KEY",
    "SEE_SENSITIVE",
    "SENSITIVE_TABLES",
    "TABLE_WRITERS",
    "TEAM_FUNCTION",
    "WALL_POLICY",
    "WALL_VERSION",
    "WRITERS",
    "apply_privileges",
    "apply_wall",
    "audit_head",
    "check_role_name",
    "create_groups",
    "create_login",
    "derive_prefix",
    "group_roles",
    "hidden_columns",
    "hidden_matters",
    "is_sensitive_column",
    "last_matter_number",
    "memberships",
    "recorded_prefix",
    "role_exists",
    "scram_verifier",
    "set_membership",
    "wall_installed",
    "walled_tables",
    "whoami",
]
