"""Training services, by subject; every public name is re-exported here."""

from .careers import (  # noqa: F401
    requirement_add,
    requirement_remove,
    rotation_evaluate,
    step_mark_reached,
)
from .qualifications import (  # noqa: F401
    certificate_expiry_reminders,
    certificate_record,
    certificate_reject,
    certificate_update,
    certificate_verify,
    default_expiry,
    expired_licence_refusals,
    reward_decide,
    reward_mark_paid,
    reward_propose,
    reward_set_amount,
)
from .records import record_completion

__all__ = ["record_completion"]
