"""The annual bonus: proposed into a month from last year's closed annual appraisal."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from core import params
from core.services import require_permission, save_checked

from .. import rules
from ..calc.money import ZERO, cents
from ..models import PayItem, SalaryChange
from .run import _require_model_perm, _require_unlocked, payroll_employees

APPRAISAL_GRADES = ("excellent", "good", "satisfactory", "needs_improvement", "unsatisfactory")


def annual_bonus_months():
    """{appraisal grade: months of base salary} from the settings."""
    values = list(params.get(rules.ANNUAL_BONUS_MONTHS) or [])
    months = {}
    for grade, value in zip(APPRAISAL_GRADES, values, strict=False):
        try:
            months[grade] = Decimal(str(value).strip())
        except ArithmeticError:
            months[grade] = ZERO
    return months


@transaction.atomic
def annual_bonus_propose(*, actor, run):
    """Add to an open month the annual bonus of last year for each employee it pays with a
    closed annual appraisal result: months of base salary by the result's grade (the
    settings), taxed separately unless HR changes the item to the employee's choice. An
    employee who already has an annual bonus in the month is left as is. Returns the items
    added."""
    from appraisal.selectors import annual_result

    require_permission(actor, run, "payroll.change_payrollrun")
    _require_unlocked(run)
    _require_model_perm(actor, "payroll.add_payitem")
    months = annual_bonus_months()
    year = run.year - 1
    added = []
    for employee in payroll_employees(run):
        if PayItem.objects.filter(
            employee=employee, kind=PayItem.Kind.ANNUAL_BONUS, start_month=run.first_day
        ).exists():
            continue
        result = annual_result(employee, year)
        if not result or not months.get(result["grade"]):
            continue
        salary = (
            SalaryChange.objects.filter(employee=employee, effective_from__lte=run.last_day)
            .order_by("-effective_from")
            .first()
        )
        amount = cents(salary.amount * months[result["grade"]])
        item = PayItem(
            employee=employee,
            kind=PayItem.Kind.ANNUAL_BONUS,
            label=_("Annual bonus %(year)s") % {"year": year},
            amount=amount,
            start_month=run.first_day,
            end_month=run.first_day,
            tax_method=PayItem.TaxMethod.SEPARATE,
            note=f"{salary.amount:,} × {months[result['grade']].normalize():f}",
        )
        save_checked(item, actor)
        added.append(item)
    return added
