"""Company settings of training (``core.params``)."""

from django.utils.translation import gettext_lazy as _

from core import params

MANDATORY_DUE_WINDOW = "training.mandatory_due_window"
MANDATORY_REMINDER_DAYS = "training.mandatory_reminder_days"
PLAN_MONTHS = "training.plan_months"

params.define(
    MANDATORY_DUE_WINDOW,
    30,
    _("Mandatory training shown as due (days ahead)"),
    _("A mandatory course falling due within this many days is listed as due."),
    group="training",
)
params.define(
    MANDATORY_REMINDER_DAYS,
    7,
    _("Mandatory training reminder (days ahead)"),
    _("Employees are reminded of a mandatory course this many days before it falls due."),
    group="training",
)
params.define(
    PLAN_MONTHS,
    6,
    _("Length of a training plan (months)"),
    _("A plan created from an appraisal runs this many months unless its dates are given."),
    group="training",
)
