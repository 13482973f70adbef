from decimal import Decimal

import pytest

from payroll import inputs
from payroll.calc.wages import DayKind
from payroll.inputs import MonthAttendance


@pytest.fixture
def collectors(monkeypatch):
    monkeypatch.setattr(inputs, "_collectors", [])
    return inputs


def test_figures_of_every_collector_add_up_per_employee(collectors):
    collectors.register(
        lambda ids, year, month: {
            1: MonthAttendance(unpaid_days=Decimal("1.5"), overtime_hours={DayKind.REST_DAY: 4})
        }
    )
    collectors.register(
        lambda ids, year, month: {
            1: MonthAttendance(late_count=2, overtime_hours={DayKind.REST_DAY: 2}),
            2: MonthAttendance(sick_days=Decimal("1")),
        }
    )
    totals = collectors.month_inputs([1, 2, 3], 2026, 11)
    assert totals[1].unpaid_days == Decimal("1.5")
    assert totals[1].late_count == 2
    assert totals[1].overtime_hours == {DayKind.REST_DAY: 6}
    assert totals[2].sick_days == Decimal("1")
    assert 3 not in totals


def test_no_collector_means_nothing_to_report(collectors):
    assert collectors.month_inputs([1], 2026, 11) == {}
