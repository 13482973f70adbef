"""Company settings of appraisal (``core.params``): the round window, the blend share,
the grade bands, reminders, the performance-pay coefficients and promotion candidates."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core import params

WINDOW_DAYS = "appraisal.window_working_days"
STAGE_DAYS = "appraisal.stage_working_days"
SUPERVISOR_SHARE = "appraisal.supervisor_share"
GRADE_BANDS = "appraisal.grade_bands"
REMINDER_LEAD = "appraisal.reminder_lead_days"
COEFFICIENTS = "appraisal.performance_coefficients"
PROMOTION_STREAK = "appraisal.promotion_streak"
WEAK_ITEM_SCORE = "appraisal.weak_item_score"

GRADE_CODES = ["excellent", "good", "satisfactory", "needs_improvement", "unsatisfactory"]

params.define(
    WINDOW_DAYS,
    10,
    _("Appraisal window (working days of the next month)"),
    _(
        "A monthly round is held within this many working days of the next month (an annual "
        "one in January); the feedback interviews are due on the last of them."
    ),
    group="appraisal",
    kind=params.NUMBER,
    min_value=1,
    max_value=23,
)
params.define(
    STAGE_DAYS,
    [3, 6, 8],
    _("Appraisal stage deadlines (working day of the window)"),
    _(
        "The working day of the window by which the self-assessments, the supervisor "
        "assessments and HR's consolidation are due, in that order."
    ),
    group="appraisal",
    kind=params.NUMBERS,
    min_value=1,
    max_value=23,
)
params.define(
    SUPERVISOR_SHARE,
    Decimal(70),
    _("Supervisor's share of a rated item (%)"),
    _(
        "A rated item's score blends the supervisor's rating (this share) with the "
        "self-rating (the rest); when one of them is missing the other counts fully."
    ),
    group="appraisal",
    kind=params.DECIMAL,
    min_value=0,
    max_value=100,
)
params.define(
    GRADE_BANDS,
    [90, 80, 70, 60],
    _("Grade bands (lowest score of excellent, good, satisfactory, needs improvement)"),
    _("A score below the last number is unsatisfactory."),
    group="appraisal",
    kind=params.NUMBERS,
    min_value=0,
    max_value=100,
)
params.define(
    REMINDER_LEAD,
    1,
    _("Appraisal reminders (working days before a deadline)"),
    _(
        "Whoever still has an appraisal step to do is reminded this many working days before "
        "its deadline, and every day once it is late."
    ),
    group="appraisal",
    kind=params.NUMBER,
    min_value=0,
    max_value=10,
)
params.define(
    COEFFICIENTS,
    ["1.2", "1.1", "1.0", "0.8", "0.5"],
    _("Performance-pay coefficients (excellent to unsatisfactory)"),
    _("The coefficient of each grade that payroll applies to the performance pay."),
    group="appraisal",
    kind=params.TEXTS,
)
params.define(
    PROMOTION_STREAK,
    3,
    _("Promotion candidates: consecutive excellent results"),
    _("An employee whose last this many monthly results are excellent is listed for HR."),
    group="appraisal",
    kind=params.NUMBER,
    min_value=1,
    max_value=12,
)
params.define(
    WEAK_ITEM_SCORE,
    60,
    _("Weak ability item (score below)"),
    _("Ability items scoring below this are proposed for the personal training plan."),
    group="appraisal",
    kind=params.NUMBER,
    min_value=0,
    max_value=100,
)


def bands():
    """[(min score, grade code)] from the settings, highest first."""
    mins = [Decimal(str(m)) for m in params.get(GRADE_BANDS)][:4]
    pairs = list(zip(mins, GRADE_CODES, strict=False))
    pairs.append((Decimal(0), GRADE_CODES[-1]))
    return sorted(pairs, reverse=True)


def coefficient(grade):
    values = list(params.get(COEFFICIENTS))
    try:
        return Decimal(str(values[GRADE_CODES.index(grade)]))
    except (ValueError, IndexError, ArithmeticError):
        return None


MANAGER_ASSESSOR = "appraisal.manager_assessor"


def _assessor_choices():
    from core.roles import Role

    return [("hr", _("HR (no named assessor)")), (Role.MANAGER.value, Role.MANAGER.label)]


params.define(
    MANAGER_ASSESSOR,
    "hr",
    _("Who assesses a manager"),
    _(
        "A salesperson's or clerk's appraisal is assessed by the team's supervisor and a "
        "supervisor's by a manager; a manager's by HR or by another holder of the role "
        "chosen here."
    ),
    group="appraisal",
    kind=params.CHOICE,
    choices=_assessor_choices,
)
