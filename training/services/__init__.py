"""Training services, by subject; every public name is re-exported here."""

from .records import record_completion
from .sessions import (
    enrolment_record_result,
    external_confirm,
    external_decide,
    external_request,
    external_upload_evidence,
    mandatory_rule_delete,
    mandatory_rule_set,
    may_decide_external,
    may_run_session,
    session_enrol,
    session_save,
    session_sign_up,
    training_plan_create,
    training_plan_update,
)

__all__ = ["record_completion"]
__all__ += [
    "enrolment_record_result",
    "external_confirm",
    "external_decide",
    "external_request",
    "external_upload_evidence",
    "mandatory_rule_delete",
    "mandatory_rule_set",
    "may_decide_external",
    "may_run_session",
    "session_enrol",
    "session_save",
    "session_sign_up",
    "training_plan_create",
    "training_plan_update",
]
