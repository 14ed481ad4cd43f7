"""The audit log: who created, changed or deleted which row, field by field; append-only and
hash-chained.

:func:`install` hooks a session (``casekit.store.session.transaction`` does it for every unit of
work). Then each flush:

* before it, stamps ``updated_at`` on every row that really changed, so the ``version`` bump and
  the timestamp always travel together;
* after it (ids exist by then, also for inserts), appends one ``AuditEvent`` per created, updated
  or deleted ``TableBase`` row: actor (``session.info["actor"]``, the display name), identity
  (the authenticated one: the PostgreSQL ``session_user``, or the operating-system account on
  SQLite, read from the password database, never from an environment variable), entity (table
  name), entity id, matter id (the row's ``matter_id``, or its own id for a matter), action and
  ``changes = {field: {"before": ..., "after": ...}}``.

What a change records (field names are always recorded):

* values of sensitive fields (``models.SENSITIVE_FIELDS``: a client's A-number, immigration
  status, date of birth; blind indexes; any value that is itself a sealed token, such as a
  contact field the firm marked sensitive) are ``"[redacted]"``;
* values of client-identifying fields (:func:`identifying`: names, phones, e-mails, addresses,
  note bodies, narratives, descriptions, reasons ...) are sealed with the database's key, bound
  to the event's place in the chain, so casekit can still show the history to someone holding
  the key (``casekit audit list --include-sensitive``) and nobody else can read it;
* everything else (statuses, dates of deadlines, evidence hashes, ids) in clear.

**The chain.** Every event has ``seq`` (1, 2, 3 ... with no gaps), ``prev_hash`` (the previous
event's ``hash``; 64 zeros for the first) and ``hash``, the SHA-256 of its canonical form
(:func:`canonical`: sorted-key compact JSON of every column but ``id`` and ``hash``). Appends are
serialised: on PostgreSQL by a transaction-level advisory lock taken before the head of the chain
is read (so two concurrent writers never fork it); on SQLite the writer already holds the
database's single write lock. :func:`verify` walks the chain and names the first event that
does not fit. Triggers created by migration 0007 refuse UPDATE and DELETE on the table (and
TRUNCATE on PostgreSQL), so the log is append-only whatever client touches the database.

The events go through the same connection and transaction as the change itself: both are saved
or neither is. Bulk Core inserts (demo data, benchmarks) bypass the ORM flush and are not
audited, except what they record themselves through :func:`record` (the demo records its
evidence, so every evidence hash is in the chain).

Modules: :mod:`.values` (clear, sealed or redacted), :mod:`.chain` (append and check) and
:mod:`.hooks` (the ORM flush); every name is exported here.
"""

from casekit.store.audit.chain import (
    CHAIN_LOCK,
    GENESIS,
    HASH_VERSION,
    ChainReport,
    RecordedValue,
    canonical,
    event_hash,
    head,
    new_event,
    os_account,
    record,
    recorded_values,
    verify,
)
from casekit.store.audit.hooks import (
    install,
)
from casekit.store.audit.values import (
    IDENTIFYING_WORDS,
    PLAIN_TABLES,
    REDACTED,
    identifying,
    jsonable,
    needs_cipher,
    protect,
    reveal,
    sensitive,
)

__all__ = [
    "CHAIN_LOCK",
    "ChainReport",
    "GENESIS",
    "HASH_VERSION",
    "IDENTIFYING_WORDS",
    "PLAIN_TABLES",
    "REDACTED",
    "RecordedValue",
    "canonical",
    "event_hash",
    "head",
    "identifying",
    "install",
    "jsonable",
    "needs_cipher",
    "new_event",
    "os_account",
    "protect",
    "record",
    "recorded_values",
    "reveal",
    "sensitive",
    "verify",
]
