"""The evidence vault: content-addressed copies with SHA-256 hashes and a chain of custody.

Each item's file is copied into ``CASEKIT_HOME/evidence/<sha[:2]>/<sha>`` (folders 0700, the copy
0400) while it is hashed in 1 MiB chunks, so a video never has to fit in memory. The same content
is stored once: a second item with identical bytes gets its own row pointing at the same stored
file, and its custody log starts with ``copied`` / ``duplicate of #<first id>``.

Every receipt, view, copy, export and verification appends an ``EvidenceCustody`` row (who, when,
what, from, to). The row and the first custody entry are written in one transaction; if it fails,
a file this call stored is removed again, so nothing is ever half-recorded.

``proves`` codes (what an item helps to prove), stored in canonical form:

* a prohibited act: ``V1_DETAIN_ON_DETAINER`` ... (``V1`` or any case is accepted);
* the *absence* of an exception: ``NOT_E1_JUDICIAL_WARRANT``, ``NOT_E2_QUALIFYING_CONVICTION``,
  ``NOT_E3_TSDB_MATCH`` (``no-E1``, ``not_e1``, ``NOT_E1`` ... are accepted). An item cannot
  "prove E1": evidence that an exception applies is not an element of the client's case.

Messages never contain client data or file paths (a path often carries the client's name).
"""

from casekit.services.evidence.add import (
    EvidenceDetails,
    add_evidence,
)
from casekit.services.evidence.checklist import (
    element_map,
)
from casekit.services.evidence.custody_log import (
    custody_log,
    list_evidence,
    view_evidence,
)
from casekit.services.evidence.export import (
    export_evidence,
    manifest_columns,
)
from casekit.services.evidence.hashing import CHUNK_SIZE, sha256_file
from casekit.services.evidence.proves import (
    normalize_proves,
)
from casekit.services.evidence.results import (
    COPIED,
    EXPORTED,
    MISSING,
    MODIFIED,
    NOT_PREFIX,
    OK,
    RECEIVED,
    SENSITIVE_CLIENT_COLUMNS,
    TAMPERED,
    VERIFIED,
    VIEWED,
    CustodyEntry,
    Element,
    ElementMap,
    EvidenceSummary,
    ExportResult,
    StoredEvidence,
    VerifyResult,
)
from casekit.services.evidence.vault import (
    STORED_MODE,
    stored_mode,
)
from casekit.services.evidence.verify import (
    verify_evidence,
)

__all__ = [
    "CHUNK_SIZE",
    "COPIED",
    "CustodyEntry",
    "EXPORTED",
    "Element",
    "ElementMap",
    "EvidenceDetails",
    "EvidenceSummary",
    "ExportResult",
    "MISSING",
    "MODIFIED",
    "NOT_PREFIX",
    "OK",
    "RECEIVED",
    "SENSITIVE_CLIENT_COLUMNS",
    "STORED_MODE",
    "StoredEvidence",
    "TAMPERED",
    "VERIFIED",
    "VIEWED",
    "VerifyResult",
    "add_evidence",
    "custody_log",
    "element_map",
    "export_evidence",
    "list_evidence",
    "manifest_columns",
    "normalize_proves",
    "sha256_file",
    "stored_mode",
    "verify_evidence",
    "view_evidence",
]
