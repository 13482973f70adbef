"""What the monthly payroll run reads from attendance and leave, as a registry.

The run (``payroll.services``) asks every registered collector for the month's figures of
the employees it pays and adds them up; attendance and leave (``payroll.attendance``)
register one. With no collector registered, nobody has an absence, leave or overtime.

A collector is ``collector(employee_ids, year, month) -> {employee_id: MonthAttendance}``;
an employee it does not mention has nothing to report.
"""

from dataclasses import dataclass, field, fields
from decimal import Decimal

ZERO = Decimal("0")


@dataclass(frozen=True)
class MonthAttendance:
    """One employee's attendance figures for one month that change their pay.

    Days are in pay days (a half day is 0.5); hours are overtime hours by the kind of day
    they were worked on (``payroll.calc.wages.DayKind``)."""

    unpaid_days: Decimal = ZERO  # absence without leave and unpaid (personal) leave
    sick_days: Decimal = ZERO  # sick leave, deducted at the company's unpaid share
    overtime_hours: dict = field(default_factory=dict)  # {DayKind: hours}
    untaken_leave_days: Decimal = ZERO  # statutory leave the company could not arrange
    late_count: int = 0
    notes: tuple = ()  # lines for the payslip's working, e.g. "請假 1.5 天（事假）"

    def __add__(self, other):
        hours = dict(self.overtime_hours)
        for kind, value in other.overtime_hours.items():
            hours[kind] = hours.get(kind, ZERO) + value
        values = {
            f.name: getattr(self, f.name) + getattr(other, f.name)
            for f in fields(self)
            if f.name != "overtime_hours"
        }
        return MonthAttendance(overtime_hours=hours, **values)


_collectors = []


def register(collector):
    """Add a collector (once per process, from an ``AppConfig.ready()``)."""
    if collector not in _collectors:
        _collectors.append(collector)
    return collector


def month_inputs(employee_ids, year, month):
    """Every collector's figures for these employees, added up per employee."""
    totals = {}
    for collector in _collectors:
        for employee_id, figures in collector(list(employee_ids), year, month).items():
            totals[employee_id] = totals.get(employee_id, MonthAttendance()) + figures
    return totals
