"""Salary structures and payroll months for tests, made through the services."""

import datetime as dt
from decimal import Decimal as D

from core.roles import Role
from core.services import save_checked
from org.models import Employee
from payroll import services
from payroll.models import ContributionBase, PayItem, SalaryChange
from tests.factories import make_employee

from .factories import make_policy


def pay_setup():
    """The PRC tax tables and deductions, and 上海's policy of the tests (from 2025-07)."""
    make_policy()
    services.pay_tables_load(actor=None)


def make_paid_employee(
    *,
    salary=D("10000"),
    base=D("12000"),
    year=2026,
    hire_date=dt.date(2020, 1, 1),
    first_job=False,
    position=Role.SALESPERSON,
    team=None,
    **extra,
):
    user = make_employee(position, team=team, hire_date=hire_date, **extra)
    employee = user.employee
    save_checked(
        SalaryChange(
            employee=employee,
            effective_from=max(hire_date, dt.date(2025, 1, 1)),
            amount=salary,
            reason=SalaryChange.Reason.HIRE,
            first_job_this_year=first_job,
        ),
        None,
    )
    if base is not None:
        save_checked(ContributionBase(employee=employee, year=year, city="上海", base=base), None)
    return employee


def make_item(employee, kind, amount, start, end=None, label="交通補貼", **extra):
    return save_checked(
        PayItem(
            employee=employee,
            kind=kind,
            label=label,
            amount=amount,
            start_month=start,
            end_month=end,
            **extra,
        ),
        None,
    )


def leave(employee, day):
    Employee.objects.filter(pk=employee.pk).update(status=Employee.Status.LEFT, left_on=day)
    employee.refresh_from_db()
    return employee


def run_month(actor, year, month, *, lock=False):
    run = services.payroll_month_open(actor=actor, year=year, month=month)
    services.payroll_compute(actor=actor, run=run)
    if lock:
        run.refresh_from_db()
        services.payroll_approve(actor=actor, run=run)
        services.payroll_lock(actor=actor, run=run)
    run.refresh_from_db()
    return run


def slip_of(run, employee):
    return run.payslips.get(employee=employee)
