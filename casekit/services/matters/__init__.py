"""Matters: opening one (with its incident and suggested defendant), the list, one matter.

* :mod:`~casekit.services.matters.inputs`: ``IncidentInput``/``MatterInput``/``CustodyInput``
  and the intake models;
* :mod:`~casekit.services.matters.fields`, :mod:`~casekit.services.matters.spec` and
  :mod:`~casekit.services.matters.validation`: each value checked, ``validate_intake``
  (field → message, the one validation path of the CLI, the form and the services);
* :mod:`~casekit.services.matters.defendant`: who is sued and where they are served;
* :mod:`~casekit.services.matters.create`: opening a matter for a client;
* :mod:`~casekit.services.matters.intake`: a new client and their matter in one transaction;
* :mod:`~casekit.services.matters.listing`, :mod:`~casekit.services.matters.attorney`: the list
  and the attorney.

One matter in full is the case file's read model (:mod:`casekit.services.casefile.matter_file`).
(``validation`` and ``intake`` are imported from their modules: they read the case file's
timeline, which imports this package.)
"""

from casekit.services.matters.attorney import NO_ATTORNEY, AttorneyChange, assign_attorney
from casekit.services.matters.create import MatterOut, add_matter, default_claims
from casekit.services.matters.defendant import (
    PartyOut,
    clerk_title_for,
    defendant_kind,
    suggest_defendant,
)
from casekit.services.matters.fields import (
    MAX_NARRATIVE,
    MAX_SECTION,
    clean_claims,
    clean_convictions,
    clean_status,
    clean_violations,
    parse_incident_date,
    parse_incident_time,
)
from casekit.services.matters.inputs import (
    CustodyInput,
    ExistingClientIntake,
    IncidentInput,
    MatterInput,
    NewClientIntake,
)
from casekit.services.matters.listing import MatterSummary, list_matters
from casekit.store.repos.matters_write import search_text

__all__ = [
    "MAX_NARRATIVE",
    "MAX_SECTION",
    "NO_ATTORNEY",
    "AttorneyChange",
    "CustodyInput",
    "ExistingClientIntake",
    "IncidentInput",
    "MatterInput",
    "MatterOut",
    "MatterSummary",
    "NewClientIntake",
    "PartyOut",
    "add_matter",
    "assign_attorney",
    "clean_claims",
    "clean_convictions",
    "clean_status",
    "clean_violations",
    "clerk_title_for",
    "default_claims",
    "defendant_kind",
    "list_matters",
    "parse_incident_date",
    "parse_incident_time",
    "search_text",
    "suggest_defendant",
]
