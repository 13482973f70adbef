"""The payroll demo: twelve locked months and the current one open, with a bonus month."""

import pytest
from django.utils import timezone

from payroll.models import PayItem, PayrollRun, Payslip

pytestmark = pytest.mark.django_db


def test_demo_months():
    from org.demo import seed_people
    from payroll.demo import seed_payroll, seed_payroll_runs

    context = {"rng": __import__("random").Random(1)}
    seed_people(context)
    seed_payroll(context)
    seed_payroll_runs(context)
    runs = list(PayrollRun.objects.order_by("year", "month"))
    assert len(runs) == 13
    assert [r.status for r in runs] == [PayrollRun.Status.LOCKED] * 12 + [
        PayrollRun.Status.COMPUTED
    ]
    today = timezone.localdate()
    assert (runs[-1].year, runs[-1].month) == (today.year, today.month)
    assert Payslip.objects.filter(run=runs[0]).count() > 5
    bonus = PayItem.objects.filter(kind=PayItem.Kind.ANNUAL_BONUS).first()
    assert bonus is not None
    slip = Payslip.objects.get(
        employee=bonus.employee, run__year=bonus.start_month.year, run__month=1
    )
    assert slip.amounts["annual_bonus"] != "0.00" or slip.amounts["bonus_combined"] != "0.00"
    seed_payroll_runs(context)  # a second run adds nothing
    assert PayrollRun.objects.count() == 13
