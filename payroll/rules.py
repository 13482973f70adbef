"""Company settings of payroll. None yet: the pay tables are rows with effective dates
(``payroll.models``), not settings; the monthly run's options will be defined here."""

# --- attendance and leave ----------------------------------------------------------------

from django.utils.translation import gettext_lazy as _  # noqa: E402

from core import params  # noqa: E402

LEAVE_CARRY_DAYS = "payroll.leave_carry_over_days"
LEAVE_CARRY_UNTIL_MONTH = "payroll.leave_carry_over_until_month"

params.define(
    LEAVE_CARRY_DAYS,
    5,
    _("Annual leave carried over (days at most)"),
    _(
        "Untaken statutory annual leave moves to the next year up to this many days when HR "
        "opens the year's accounts; 0 carries nothing over."
    ),
    group="payroll",
    kind=params.DAYS,
)
params.define(
    LEAVE_CARRY_UNTIL_MONTH,
    3,
    _("Carried-over annual leave usable until (month)"),
    _(
        "Days carried over must be taken by the end of this month of the next year "
        "(1–12); what is not taken by then lapses."
    ),
    group="payroll",
    kind=params.NUMBER,
    min_value=1,
    max_value=12,
)
