"""Appraisal services, by subject; every public name is importable from here."""

from .calibration import appraisal_calibrate
from .flow import (
    appraisal_close,
    appraisal_reopen,
    compute,
    employee_acknowledge,
    employee_object,
    hr_consolidate,
    interview_record,
    may_assess,
    self_submit,
    supervisor_submit,
)
from .followups import (
    improvement_plan_create,
    improvement_plan_update,
    training_plan_from_appraisal,
    weak_ability_items,
)
from .rounds import (
    apply_computed,
    deadline_changes,
    previous_month,
    reminders_send,
    round_close,
    round_deadlines,
    round_deadlines_change,
    round_open,
    round_remind,
)
from .templates import (
    template_item_remove,
    template_item_save,
    template_problems,
    template_save,
)

__all__ = [
    "apply_computed",
    "appraisal_calibrate",
    "deadline_changes",
    "round_deadlines_change",
    "appraisal_close",
    "appraisal_reopen",
    "compute",
    "employee_acknowledge",
    "employee_object",
    "hr_consolidate",
    "improvement_plan_create",
    "improvement_plan_update",
    "interview_record",
    "may_assess",
    "previous_month",
    "reminders_send",
    "round_close",
    "round_deadlines",
    "round_open",
    "round_remind",
    "self_submit",
    "supervisor_submit",
    "template_item_remove",
    "template_item_save",
    "template_problems",
    "template_save",
    "training_plan_from_appraisal",
    "weak_ability_items",
]
