"""Reads of the salary structures and the monthly runs: the lists the pages show, the
payslips an employee may see, and the month-on-month differences HR reviews."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from ..models import (
    BonusTier,
    GradePay,
    PayItem,
    PayrollRun,
    Payslip,
    SalaryAccount,
    SalaryChange,
)


def grade_pay_list():
    return GradePay.objects.select_related("grade")


def salary_change_list():
    return SalaryChange.objects.select_related("employee", "employee__grade")


def pay_item_list():
    return PayItem.objects.select_related("employee")


def salary_account_list():
    return SalaryAccount.objects.select_related("employee")


def bank_transfers(run):
    """The month's payslips with their employee's salary account (None: missing)."""
    slips = list(run_payslips(run))
    accounts = {
        a.employee_id: a
        for a in SalaryAccount.objects.filter(employee_id__in=[s.employee_id for s in slips])
    }
    return [(slip, accounts.get(slip.employee_id)) for slip in slips]


def bonus_tier_list():
    return BonusTier.objects.all()


def payroll_run_list():
    """Months with their number of payslips and total net pay."""
    return PayrollRun.objects.annotate(
        payslip_count=Count("payslips"), net_total=Sum("payslips__net")
    )


def payslip_list():
    return Payslip.objects.select_related("run", "employee", "employee__team")


def my_payslips(*, user):
    """The user's own payslips of locked months: what every employee sees of pay."""
    return (
        Payslip.objects.visible_to(user)
        .select_related("run", "employee", "employee__team")
        .filter(employee__user=user, run__status=PayrollRun.Status.LOCKED)
        .order_by("-run__year", "-run__month")
    )


def payslip_visible(*, user):
    """Payslips ``user`` may open: every one for those who read the runs (HR, management),
    otherwise their own of locked months."""
    queryset = Payslip.objects.visible_to(user).select_related("run", "employee")
    if not user.has_perm("payroll.view_payrollrun"):
        queryset = queryset.filter(employee__user=user, run__status=PayrollRun.Status.LOCKED)
    return queryset


def run_payslips(run):
    return run.payslips.select_related("employee", "employee__team").order_by(
        "employee__employee_no"
    )


def previous_run(run):
    return (
        PayrollRun.objects.filter(Q(year__lt=run.year) | Q(year=run.year, month__lt=run.month))
        .order_by("-year", "-month")
        .first()
    )


def differences(run, payslips):
    """{employee id: {component: (previous, current)}} of the components that differ from
    the previous month's payslip (an employee without one: every non-zero component; no
    previous month: nothing)."""
    before = previous_run(run)
    if before is None:
        return {slip.employee_id: {} for slip in payslips}  # nothing to compare with
    previous = {}
    if before is not None:
        previous = {
            s.employee_id: s.amounts
            for s in Payslip.objects.filter(run=before).only("employee_id", "amounts")
        }
    result = {}
    for slip in payslips:
        old = previous.get(slip.employee_id, {})
        changed = {}
        for key, value in slip.amounts.items():
            then = Decimal(old.get(key, "0"))
            now = Decimal(value)
            if then != now:
                changed[key] = (then, now)
        result[slip.employee_id] = changed
    return result
