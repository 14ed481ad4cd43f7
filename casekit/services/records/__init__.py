"""Records (FOI) requests to agencies and the § 1-206 clocks they start.

A request moves draft → sent → received → answered | denied → appealed → closed. Every change
recomputes that request's two deadlines with the domain engine (rules in force, Connecticut court
calendar with the firm's recorded closures):

* ``CT_FOI_RESPONSE``: the agency's answer is due 4 business days after it **received** the
  request (§ 1-206(a), ``confirmed``); with no answer by then the request is deemed denied.
* ``CT_FOI_APPEAL``: appeal to the Freedom of Information Commission within 30 days of the
  denial, or of the deemed denial (the 4th business day after receipt) when no response is
  recorded (§ 1-206(b)(1); calendar days ``secondary``).

A done or waived deadline never moves. A deadline whose trigger disappears (the received date is
cleared, or the agency answered without a denial) is marked ``superseded``, never deleted.
"""

from casekit.services.records.clocks import APPEAL_RULE, RESPONSE_RULE
from casekit.services.records.requests import (
    KEEP,
    create_records_request,
    create_records_request_in,
    list_records_requests,
    update_records_request,
)
from casekit.services.records.views import (
    STATUSES,
    PendingChange,
    RecordsRequestView,
    RequestDeadline,
)

__all__ = [
    "APPEAL_RULE",
    "KEEP",
    "RESPONSE_RULE",
    "STATUSES",
    "PendingChange",
    "RecordsRequestView",
    "RequestDeadline",
    "create_records_request",
    "create_records_request_in",
    "list_records_requests",
    "update_records_request",
]
