"""Training reads, one module per subject (``training.selectors.<subject>``)."""

from .careers import (  # noqa: F401
    PlanProgress,
    StepProgress,
    plan_list,
    plan_list_base,
    plans_progress,
    promotion_readiness,
    rotation_list,
    rotation_list_base,
    rotations_to_evaluate,
)
from .file import last_completed_subquery  # noqa: F401
from .qualifications import (  # noqa: F401
    certificate_list,
    certificate_list_base,
    certificates_to_verify,
    current_certificates,
    expired_licences,
    expiry_report,
    has_expired_licence,
    month_start,
    my_expiring_certificates,
    qualificationkind_list,
    reward_list,
    reward_list_base,
    rewards_due_for_payroll,
    rewards_to_approve,
    rewards_waiting_for_payroll,
)
