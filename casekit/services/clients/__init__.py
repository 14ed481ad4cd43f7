"""Clients: their input models and checks, their records, and the conflict check with its log.

* :mod:`~casekit.services.clients.inputs`: ``ClientBase``/``ClientInput``/``ClientPatch``;
* :mod:`~casekit.services.clients.fields`: each field checked (the one validation path);
* :mod:`~casekit.services.clients.records`: add, list, show, update a client;
* :mod:`~casekit.services.clients.conflicts`: who else the person or entity could be;
* :mod:`~casekit.services.clients.conflict_log`: the decision before a matter opens, recorded.
"""

from casekit.services.clients.fields import (
    COMMON_LANGUAGES,
    LANGUAGE_CODES,
    MAX_NAME,
    MAX_TEXT,
    clean_a_number,
    clean_email,
    clean_field,
    clean_language,
    clean_name,
    clean_phone,
    client_problems,
    client_values,
    parse_dob,
    patch_problems,
)
from casekit.services.clients.inputs import ClientBase, ClientInput, ClientPatch
from casekit.services.clients.records import (
    SENSITIVE,
    ClientOut,
    ClientUpdate,
    add_client,
    clients_with_a_number,
    clients_with_date_of_birth,
    insert_client,
    list_clients,
    open_sensitive,
    refuse_duplicate_a_number,
    show_client,
    update_client,
    update_client_in,
)

__all__ = [
    "COMMON_LANGUAGES",
    "LANGUAGE_CODES",
    "MAX_NAME",
    "MAX_TEXT",
    "SENSITIVE",
    "ClientBase",
    "ClientInput",
    "ClientOut",
    "ClientPatch",
    "ClientUpdate",
    "add_client",
    "clean_a_number",
    "clean_email",
    "clean_field",
    "clean_language",
    "clean_name",
    "clean_phone",
    "client_problems",
    "client_values",
    "clients_with_a_number",
    "clients_with_date_of_birth",
    "insert_client",
    "list_clients",
    "open_sensitive",
    "parse_dob",
    "patch_problems",
    "refuse_duplicate_a_number",
    "show_client",
    "update_client",
    "update_client_in",
]
