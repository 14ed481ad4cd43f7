"""The office's own administration: backup and restore, people and walls, keys, settings, audit.

* :mod:`.backup` and :mod:`.restore` (with :mod:`.archive`, :mod:`.manifest_mac`,
  :mod:`.postgres`, :mod:`.restore_plan`, :mod:`.restore_stage`, :mod:`.restore_journal`):
  ``casekit backup`` / ``casekit restore``.
* :mod:`.users` (``casekit users``) and :mod:`.walls` (``casekit matter restrict``).
* :mod:`.keys` (``casekit key``), :mod:`.settings` (``casekit settings``, attorneys) and
  :mod:`.audit` (``casekit audit``).
"""

from casekit.services.office import settings
from casekit.services.office.audit import AuditEntry, list_events, verify_log
from casekit.services.office.backup import BackupOut, backup
from casekit.services.office.keys import (
    EscrowOut,
    KeyInitOut,
    KeyStatus,
    RotateOut,
    export_escrow,
    import_escrow,
    init_key,
    key_status,
    passphrase_from_environment,
    rotate_key,
)
from casekit.services.office.restore import (
    RestoreOut,
    restore,
    resume_restore,
    rollback_restore,
)
from casekit.services.office.restore_plan import Plan, read_plan
from casekit.services.office.settings import (
    DEMO_KEY,
    KNOWN_KEYS,
    AttorneyOut,
    add_attorney,
    clean_juris,
    get_firm,
    list_attorneys,
    reminder_tiers,
    set_setting,
    show_settings,
)
from casekit.services.office.users import (
    OfficeOut,
    SetupOut,
    UserOut,
    WallOut,
    add_user,
    hidden_matters,
    list_office,
    office_ready,
    set_group,
    setup_office,
)
from casekit.services.office.walls import restrict_matter, set_team_member, unrestrict_matter

__all__ = [
    "DEMO_KEY",
    "KNOWN_KEYS",
    "AttorneyOut",
    "AuditEntry",
    "BackupOut",
    "EscrowOut",
    "KeyInitOut",
    "KeyStatus",
    "OfficeOut",
    "Plan",
    "RestoreOut",
    "RotateOut",
    "SetupOut",
    "UserOut",
    "WallOut",
    "add_attorney",
    "add_user",
    "backup",
    "clean_juris",
    "export_escrow",
    "get_firm",
    "hidden_matters",
    "import_escrow",
    "init_key",
    "key_status",
    "list_attorneys",
    "list_events",
    "list_office",
    "office_ready",
    "passphrase_from_environment",
    "read_plan",
    "reminder_tiers",
    "restore",
    "restrict_matter",
    "resume_restore",
    "rollback_restore",
    "rotate_key",
    "set_group",
    "set_setting",
    "set_team_member",
    "settings",
    "setup_office",
    "show_settings",
    "unrestrict_matter",
    "verify_log",
]
