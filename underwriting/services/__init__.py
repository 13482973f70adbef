"""Writes of the underwriting chapter, by subject: the document checklist (``checklist``),
applications from accepted proposals (``applications``), their papers and the clerk's
checks (``documents``), the underwriting life cycle (``life_cycle``), policy issuance
(``policies``), premiums (``premiums``), contract delivery and cooling-off cancellations
(``delivery``), and the scheduled reminders (``reminders``).

Each checks the actor's right and the preconditions first, records who and when (history
row and, for steps, an audit event), and raises a clear ValidationError otherwise.

Every public name is re-exported here: ``from underwriting import services`` and
``services.application_submit(...)`` keep working.
"""

from ._common import (
    CHECK_PERM,
    DECISIONS,
    DEFAULT_CHECKLIST,
    DELIVER_PERM,
    ISSUE_PERM,
    PAYMENTS_PER_YEAR,
    PROCESS_PERM,
    TRANSITIONS,
    Status,
)
from .applications import (
    application_create_from_proposal,
    application_set_beneficiaries,
    application_update,
)
from .checklist import (
    application_checklist,
    current_documents,
    ensure_default_checklist,
    required_kinds,
    submission_blockers,
)
from .delivery import (
    policy_cancel_cooling_off,
    policy_deliver,
)
from .documents import (
    document_check,
    document_upload,
)
from .life_cycle import (
    allowed_transitions,
    application_decide,
    application_request_info,
    application_submit,
    application_supply_info,
    application_withdraw,
    communication_add,
    transition_errors,
)
from .policies import (
    policy_defaults,
    policy_issue,
)
from .premiums import (
    premium_record_payment,
    premium_schedule_extend,
    premium_totals,
)
from .reminders import (
    notify_overdue_applications,
    premium_schedules_extend_all,
)

__all__ = [
    "CHECK_PERM",
    "DECISIONS",
    "DEFAULT_CHECKLIST",
    "DELIVER_PERM",
    "ISSUE_PERM",
    "PAYMENTS_PER_YEAR",
    "PROCESS_PERM",
    "Status",
    "TRANSITIONS",
    "allowed_transitions",
    "application_checklist",
    "application_create_from_proposal",
    "application_decide",
    "application_request_info",
    "application_set_beneficiaries",
    "application_submit",
    "application_supply_info",
    "application_update",
    "application_withdraw",
    "communication_add",
    "current_documents",
    "document_check",
    "document_upload",
    "ensure_default_checklist",
    "notify_overdue_applications",
    "policy_cancel_cooling_off",
    "policy_defaults",
    "policy_deliver",
    "policy_issue",
    "premium_record_payment",
    "premium_schedule_extend",
    "premium_schedules_extend_all",
    "premium_totals",
    "required_kinds",
    "submission_blockers",
    "transition_errors",
]
