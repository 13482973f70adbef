"""Demo pay tables: the PRC tax tables and deductions, Shanghai's policies, and a
contribution base for each demo employee."""

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
