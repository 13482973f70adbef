"""Company settings of payroll: the monthly run's options. The pay tables are rows with
effective dates (``payroll.models``), not settings."""

from django.utils.translation import gettext_lazy as _

from core import params

# --- the monthly run --------------------------------------------------------------------

TEAM_BONUS_SPLIT = "payroll.team_bonus_split"
params.define(
    TEAM_BONUS_SPLIT,
    "premium",
    _("Team bonus split"),
    _(
        "How a team's bonus pool is shared among its members paid that month: by each "
        "member's share of the team's premium income, or equally."
    ),
    group="payroll",
    kind=params.CHOICE,
    choices=[("premium", _("By share of premium income")), ("equal", _("Equally"))],
)
SICK_LEAVE_DEDUCTION = "payroll.sick_leave_deduction_percent"
params.define(
    SICK_LEAVE_DEDUCTION,
    40,
    _("Sick leave deduction (%)"),
    _("The part of the daily wage deducted for a day of sick leave (0: sick leave fully paid)."),
    group="payroll",
    kind=params.NUMBER,
    min_value=0,
    max_value=100,
)
DEFAULT_CITY = "payroll.default_city"
params.define(
    DEFAULT_CITY,
    "上海",
    _("Contribution city"),
    _("The city whose contribution policy applies to an employee without a base of the year."),
    group="payroll",
    kind=params.TEXT,
)
ANNUAL_BONUS_MONTHS = "payroll.annual_bonus_months"
params.define(
    ANNUAL_BONUS_MONTHS,
    ["2", "1.5", "1", "0.5", "0"],
    _("Annual bonus in months of base salary (excellent to unsatisfactory)"),
    _(
        "The annual bonus proposed from each employee's closed annual appraisal result: this "
        "many monthly base salaries for the grades excellent, good, satisfactory, needs "
        "improvement and unsatisfactory."
    ),
    group="payroll",
    kind=params.TEXTS,
)

# --- attendance and leave ----------------------------------------------------------------

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
