"""Demo pay tables: the PRC tax tables and deductions, Shanghai's policies, and a
contribution base for each demo employee."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from core import demo
from core.services import save_checked

from . import services
from .models import ContributionBase, DeductionClaim

# a base by grade (last year's average monthly wage, rounded)
BASE_BY_GRADE = {"S1": Decimal("8500"), "S2": Decimal("12000"), "S3": Decimal("18500")}
TOP_BASE = Decimal("42000")  # above the cap: clamped to it


@demo.register
def seed_payroll(context):
    """Idempotent: tables added where missing, one base per employee for this year and a
    few declared deductions."""
    from org.models import Employee

    admin = context.get("admin")
    services.pay_tables_load(actor=admin)
    year = timezone.localdate().year
    employees = Employee.objects.select_related("grade").order_by("employee_no")
    for employee in employees:
        if ContributionBase.objects.filter(employee=employee, year=year).exists():
            continue
        grade = employee.grade.code if employee.grade else ""
        save_checked(
            ContributionBase(
                employee=employee,
                year=year,
                city="上海",
                base=BASE_BY_GRADE.get(grade, TOP_BASE),
                note="上年度月平均工資",
            ),
            admin,
        )
    first = timezone.localdate().replace(year=year, month=1, day=1)
    for employee, kind, amount in (
        (employees.first(), "children_education", Decimal("2000")),
        (employees.first(), "elderly_support", Decimal("1500")),
        (employees.last(), "housing_loan_interest", Decimal("1000")),
    ):
        if employee is None or DeductionClaim.objects.filter(employee=employee, kind=kind).exists():
            continue
        save_checked(
            DeductionClaim(employee=employee, kind=kind, monthly_amount=amount, start_month=first),
            admin,
        )


# attendance and leave (payroll.attendance.demo), after the pay tables
from .attendance.demo import seed_attendance  # noqa: E402

demo.register(seed_attendance)

# --- salary structures and twelve locked months -------------------------------------------

# grade: (band from, band to, starting salary, performance-pay base)
BANDS = {
    "S1": (Decimal("6000"), Decimal("12000"), Decimal("8000"), Decimal("1000")),
    "S2": (Decimal("9000"), Decimal("18000"), Decimal("12000"), Decimal("1500")),
    "S3": (Decimal("15000"), Decimal("30000"), Decimal("18000"), Decimal("2500")),
    "M1": (Decimal("25000"), Decimal("60000"), Decimal("35000"), Decimal("5000")),
}
LOCKED_MONTHS = 12
BANKS = ("招商銀行上海分行", "中國工商銀行上海市分行", "中國建設銀行上海分行")


def _month(first, back):
    index = first.year * 12 + first.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


@demo.register
def seed_payroll_runs(context):
    """Grade bands, each employee's salary history (hire, and this year's review), a
    transport allowance, bonus tiers, salary accounts, last year's annual bonus paid in
    January, twelve locked months and the current one open. Idempotent: a second run adds
    nothing once the months exist."""
    from org.models import Grade

    from .models import BonusTier, GradePay, PayItem, PayrollRun, SalaryAccount, SalaryChange

    admin = context.get("admin")
    today = timezone.localdate()
    current = today.replace(day=1)
    first = _month(current, LOCKED_MONTHS)
    if PayrollRun.objects.filter(year=current.year, month=current.month).exists():
        return
    with demo.clock(demo.at(first - dt.timedelta(days=20))):
        for grade in Grade.objects.all():
            low, high, _start, performance = BANDS.get(grade.code, BANDS["S1"])
            GradePay.objects.get_or_create(
                grade=grade,
                defaults={"band_min": low, "band_max": high, "performance_base": performance},
            )
        for basis, measure, lower, rate in (
            ("person", "premium_total", Decimal("0"), Decimal("1")),
            ("person", "premium_total", Decimal("100000"), Decimal("2")),
            ("team", "premium_total", Decimal("300000"), Decimal("0.5")),
        ):
            BonusTier.objects.get_or_create(
                basis=basis,
                measure=measure,
                effective_from=dt.date(first.year - 1, 1, 1),
                lower=lower,
                defaults={"rate": rate},
            )
    from org.models import Employee

    employees = list(Employee.objects.select_related("grade").order_by("employee_no"))
    review = dt.date(today.year, 1, 1)
    with demo.clock(demo.at(first - dt.timedelta(days=10))):
        for index, employee in enumerate(employees):
            code = employee.grade.code if employee.grade else "S1"
            _low, _high, start, _perf = BANDS.get(code, BANDS["S1"])
            if not employee.salary_changes.exists():
                services.salary_change_save(
                    actor=admin,
                    change=SalaryChange(
                        employee=employee,
                        effective_from=employee.hire_date,
                        amount=start,
                        reason=SalaryChange.Reason.HIRE,
                    ),
                )
                if employee.hire_date < review.replace(year=review.year - 1) and review > first:
                    services.salary_change_save(
                        actor=admin,
                        change=SalaryChange(
                            employee=employee,
                            effective_from=review,
                            amount=(start * Decimal("1.05")).quantize(Decimal("100")),
                            reason=SalaryChange.Reason.ANNUAL_REVIEW,
                            note="年度調薪 5%",
                        ),
                    )
            if not hasattr(employee, "salary_account"):
                services.salary_account_save(
                    actor=admin,
                    account=SalaryAccount(
                        employee=employee,
                        bank_name=BANKS[index % len(BANKS)],
                        account_name=employee.name,
                        account_number=f"62258802{10000000 + employee.pk * 7919:08d}",
                    ),
                )
            if employee.position in ("salesperson", "clerk"):
                PayItem.objects.get_or_create(
                    employee=employee,
                    kind=PayItem.Kind.ALLOWANCE,
                    label="交通補貼",
                    defaults={"amount": Decimal("300"), "start_month": first},
                )
            bonus_month = dt.date(today.year, 1, 1)
            if bonus_month >= first and employee.hire_date.year < today.year:
                PayItem.objects.get_or_create(
                    employee=employee,
                    kind=PayItem.Kind.ANNUAL_BONUS,
                    label=f"{today.year - 1}年終獎",
                    defaults={
                        "amount": start,
                        "start_month": bonus_month,
                        "end_month": bonus_month,
                        "tax_method": PayItem.TaxMethod.SEPARATE
                        if index % 3
                        else PayItem.TaxMethod.COMBINED,
                    },
                )
    for back in range(LOCKED_MONTHS, -1, -1):
        month = _month(current, back)
        following = _month(month, -1)
        moment = demo.at(following + dt.timedelta(days=2)) if back else demo.at(today)
        with demo.clock(moment):
            run = services.payroll_month_open(actor=admin, year=month.year, month=month.month)
            services.payroll_compute(actor=admin, run=run)
            if back:
                run.refresh_from_db()
                services.payroll_approve(actor=admin, run=run)
                services.payroll_lock(actor=admin, run=run)
