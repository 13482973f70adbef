"""The monthly run against hand-worked payslips (to the cent), idempotence and the lock.

上海's policy of the tests: social insurance base 7,460–37,302 (pension 16/8 %, medical
10/2 %, unemployment 0.5/0.5 %, work injury 0.16/0 %, rounded to the cent), housing fund
2,690–37,302 at 7/7 % rounded to the yuan. Tax: the 2019 tables, 5,000 a month.
"""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from org.models import CalendarDay
from payroll import calc, inputs, services
from payroll.inputs import MonthAttendance
from payroll.models import GradePay, PayItem, PayrollRun, TaxBracket, TaxTable

from .pay_factories import leave, make_item, make_paid_employee, pay_setup, run_month, slip_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(hr):
    pay_setup()
    return hr


def amounts(slip):
    return {k: D(v) for k, v in slip.amounts.items() if D(v)}


def test_full_month_with_allowance(setup):
    # 10,000 base + 500 allowance; base 12,000: 960 + 240 + 60 + 840 (housing to the yuan)
    # taxable 10,500 − 5,000 − 2,100 = 3,400 × 3 % = 102.00; net 10,500 − 2,100 − 102
    employee = make_paid_employee()
    make_item(employee, PayItem.Kind.ALLOWANCE, D("500"), dt.date(2026, 1, 1))
    run = run_month(setup, 2026, 1)
    slip = slip_of(run, employee)
    assert amounts(slip) == {
        "base": D("10000.00"),
        "allowances": D("500.00"),
        "gross": D("10500.00"),
        "si_employee": D("-1260.00"),
        "hf_employee": D("-840.00"),
        "tax": D("-102.00"),
        "net": D("8298.00"),
        "si_employer": D("3199.20"),  # 1,920 + 1,200 + 60 + 19.20
        "hf_employer": D("840.00"),
    }
    assert (slip.gross, slip.contributions, slip.tax, slip.net) == (
        D("10500.00"),
        D("2100.00"),
        D("102.00"),
        D("8298.00"),
    )
    working = {row["key"]: D(row["amount"]) for row in slip.worksheet}
    assert working["taxable_to_date"] == D("3400.00")
    assert working["tax_this_month"] == D("102.00")


def test_second_month_uses_the_locked_first(setup):
    # February: cumulative 21,000 − 10,000 − 4,200 = 6,800 × 3 % = 204 − 102 withheld
    employee = make_paid_employee()
    make_item(employee, PayItem.Kind.ALLOWANCE, D("500"), dt.date(2026, 1, 1))
    run_month(setup, 2026, 1, lock=True)
    slip = slip_of(run_month(setup, 2026, 2), employee)
    working = {row["key"]: D(row["amount"]) for row in slip.worksheet}
    assert working["income_to_date"] == D("21000.00")
    assert working["basic_deduction_to_date"] == D("10000.00")
    assert working["withheld_to_date"] == D("102.00")
    assert slip.tax == D("102.00")
    assert slip.net == D("8298.00")


def test_base_at_floor_and_at_cap(setup):
    low = make_paid_employee(salary=D("6000"), base=D("5000"))
    high = make_paid_employee(salary=D("60000"), base=D("50000"))
    run = run_month(setup, 2026, 1)
    floor = slip_of(run, low)
    # social insurance on the floor 7,460: 596.80 + 149.20 + 37.30; housing on 5,000: 350
    assert amounts(floor)["si_employee"] == D("-783.30")
    assert amounts(floor)["hf_employee"] == D("-350.00")
    cap = slip_of(run, high)
    # on the cap 37,302: 2,984.16 + 746.04 + 186.51; housing 2,611.14 → 2,611 (to the yuan)
    assert amounts(cap)["si_employee"] == D("-3916.71")
    assert amounts(cap)["hf_employee"] == D("-2611.00")
    # 60,000 − 5,000 − 6,527.71 = 48,472.29 × 10 % − 2,520 = 2,327.23
    assert cap.tax == D("2327.23")
    assert cap.net == D("60000") - D("6527.71") - D("2327.23")


def test_mid_year_joiner_first_month(setup):
    # joins Monday 16 March 2026: 12 of the 22 working days of March; 15,000 × 12 ÷ 22
    # no base of the year: the salary is the base (15,000): 1,200 + 300 + 75 + 1,050
    joiner = make_paid_employee(
        salary=D("15000"), base=None, hire_date=dt.date(2026, 3, 16), first_job=True
    )
    other = make_paid_employee(salary=D("15000"), base=None, hire_date=dt.date(2026, 3, 16))
    run = run_month(setup, 2026, 3)
    slip = slip_of(run, joiner)
    assert amounts(slip)["base"] == D("8181.82")
    assert slip.contributions == D("2625.00")
    # first job this year: 5,000 × 3 months of basic deduction → nothing taxable
    assert slip.tax == D("0.00")
    assert slip.net == D("5556.82")
    assert slip.data["worked_days"] == 12 and slip.data["month_days"] == 22
    # counted from joining: 8,181.82 − 5,000 − 2,625 = 556.82 × 3 % = 16.70
    assert slip_of(run, other).tax == D("16.70")


def test_leaver_last_month_counts_the_calendar(setup):
    # January 2026 with 元旦 off: 21 working days; leaves Friday 9th: 6 worked
    CalendarDay.objects.create(day=dt.date(2026, 1, 1), kind="statutory", name="元旦")
    employee = leave(make_paid_employee(), dt.date(2026, 1, 9))
    gone = leave(make_paid_employee(), dt.date(2025, 12, 31))
    run = run_month(setup, 2026, 1)
    slip = slip_of(run, employee)
    assert amounts(slip)["base"] == D("2857.14")  # 10,000 × 6 ÷ 21
    assert slip.contributions == D("2100.00")
    assert slip.tax == D("0.00")
    assert slip.net == D("757.14")
    assert not run.payslips.filter(employee=gone).exists()


def test_bonus_month_separately_and_combined(setup):
    separate = make_paid_employee()
    combined = make_paid_employee()
    for employee, method in ((separate, "separate"), (combined, "combined")):
        make_item(employee, PayItem.Kind.ALLOWANCE, D("500"), dt.date(2026, 1, 1))
        make_item(
            employee,
            PayItem.Kind.ANNUAL_BONUS,
            D("36000"),
            dt.date(2026, 1, 1),
            dt.date(2026, 1, 1),
            label="2025年終獎",
            tax_method=method,
        )
    run = run_month(setup, 2026, 1)
    slip = slip_of(run, separate)
    # 36,000 ÷ 12 = 3,000: 3 % with no quick deduction → 1,080
    assert amounts(slip)["bonus_tax"] == D("-1080.00")
    assert slip.tax == D("1182.00")  # 102 + 1,080
    assert slip.net == D("43218.00")  # 8,298 + 36,000 − 1,080
    slip = slip_of(run, combined)
    # 46,500 − 5,000 − 2,100 = 39,400 × 10 % − 2,520 = 1,420
    assert slip.tax == D("1420.00")
    assert slip.net == D("42980.00")


def test_attendance_and_performance(setup, monkeypatch):
    monkeypatch.setattr(inputs, "_collectors", [])
    employee = make_paid_employee()
    make_item(employee, PayItem.Kind.ALLOWANCE, D("500"), dt.date(2026, 1, 1))
    GradePay.objects.create(
        grade=_grade(employee), band_min=D("5000"), band_max=D("20000"), performance_base=D("2000")
    )
    monkeypatch.setattr(
        "appraisal.selectors.performance_coefficient",
        lambda e, y, m: D("1.2") if (y, m) == (2025, 12) else None,
    )

    def collector(ids, year, month):
        return {
            employee.pk: MonthAttendance(
                unpaid_days=D("1"),
                overtime_hours={calc.DayKind.WORKING_DAY: D("4")},
                notes=("事假 1 天",),
            )
        }

    inputs.register(collector)
    slip = slip_of(run_month(setup, 2026, 1), employee)
    # absence 10,000 ÷ 21.75 = 459.77; overtime 10,000 ÷ 21.75 ÷ 8 × 4 × 150 % = 344.83
    # performance 2,000 × 1.2 (December's result)
    assert amounts(slip)["absence"] == D("-459.77")
    assert amounts(slip)["overtime"] == D("344.83")
    assert amounts(slip)["performance"] == D("2400.00")
    # 12,785.06 − 5,000 − 2,100 = 5,685.06 × 3 % = 170.55
    assert slip.gross == D("12785.06")
    assert slip.tax == D("170.55")
    assert slip.data["notes"] == ["事假 1 天"]


def _grade(employee):
    from org.models import Grade

    grade = Grade.objects.create(code="P1", name="一級", level=1)
    employee.grade = grade
    employee.save(update_fields=["grade"])
    return grade


def test_tax_table_by_effective_date(setup):
    # a made-up table from February 2026: 5 % on the first band
    table = TaxTable.objects.create(kind="annual", effective_from=dt.date(2026, 2, 1))
    TaxBracket.objects.create(table=table, upper_limit=D("36000"), rate=D("5"), quick_deduction=0)
    TaxBracket.objects.create(table=table, upper_limit=None, rate=D("10"), quick_deduction=720)
    employee = make_paid_employee()
    january = run_month(setup, 2026, 1, lock=True)
    assert slip_of(january, employee).tax == D("87.00")  # 2,900 × 3 %
    february = run_month(setup, 2026, 2)
    # 5,800 × 5 % = 290 − 87 withheld
    assert slip_of(february, employee).tax == D("203.00")


def test_run_twice_same_result(setup):
    employee = make_paid_employee()
    make_item(employee, PayItem.Kind.ALLOWANCE, D("500"), dt.date(2026, 1, 1))
    run = run_month(setup, 2026, 1)
    first = slip_of(run, employee)
    services.payroll_compute(actor=setup, run=run)
    second = slip_of(run, employee)
    assert second.pk == first.pk
    assert (second.amounts, second.lines, second.worksheet) == (
        first.amounts,
        first.lines,
        first.worksheet,
    )
    assert second.updated == first.updated  # nothing changed: not even saved again


def test_locked_month_refuses_changes(setup):
    employee = make_paid_employee()
    run = run_month(setup, 2026, 1, lock=True)
    assert run.status == PayrollRun.Status.LOCKED
    for step in (services.payroll_compute, services.payroll_approve, services.payroll_lock):
        with pytest.raises(ValidationError):
            step(actor=setup, run=run)
    item = PayItem(
        employee=employee,
        kind=PayItem.Kind.ALLOWANCE,
        label="補發",
        amount=D("100"),
        start_month=dt.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError):
        services.pay_item_save(actor=setup, item=item)
    # the correction goes into the next month as an adjustment
    item.kind, item.start_month = PayItem.Kind.ADJUSTMENT, dt.date(2026, 2, 1)
    services.pay_item_save(actor=setup, item=item)
    change = employee.salary_changes.get()
    change.amount = D("11000")
    with pytest.raises(ValidationError):
        services.salary_change_save(actor=setup, change=change)
    with pytest.raises(ValidationError):
        services.payroll_month_open(actor=setup, year=2026, month=1)
    with pytest.raises(ValidationError):
        services.payroll_month_open(actor=setup, year=2025, month=12)


def test_only_hr_runs_payroll(setup, salesperson, manager):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.payroll_month_open(actor=manager, year=2026, month=1)
    run = services.payroll_month_open(actor=setup, year=2026, month=1)
    with pytest.raises(PermissionDenied):
        services.payroll_compute(actor=salesperson, run=run)


def test_tiered_bonus_and_pool_split():
    tiers = [(D("0"), D("0.01")), (D("100000"), D("0.02"))]
    assert calc.tiered_bonus(D("150000"), tiers) == D("2000.00")
    assert calc.tiered_bonus(D("80000"), tiers) == D("800.00")
    assert calc.split_pool(D("100"), {1: 1, 2: 1, 3: 1}) == {
        1: D("33.34"),
        2: D("33.33"),
        3: D("33.33"),
    }
    parts = calc.split_pool(D("1000"), {1: D("30000"), 2: D("10000"), 3: D("0")})
    assert parts == {1: D("750.00"), 2: D("250.00"), 3: D("0.00")}


def test_certificate_reward_paid_when_the_month_locks(setup):
    from django.utils import timezone

    from tests.training.factories_quals import make_certificate
    from training import services as training_services
    from training.models import QualificationReward

    employee = make_paid_employee()
    certificate = make_certificate(employee.user, setup)
    reward = training_services.reward_decide(actor=setup, reward=certificate.reward, approve=True)
    today = timezone.localdate()
    run = run_month(setup, today.year, today.month)
    slip = slip_of(run, employee)
    assert amounts(slip)["certificate_rewards"] == reward.amount
    assert slip.data["rewards"] == [reward.pk]
    services.payroll_approve(actor=setup, run=run)
    services.payroll_lock(actor=setup, run=run)
    reward.refresh_from_db()
    assert reward.status == QualificationReward.Status.PAID
    assert reward.paid_month == today.replace(day=1)


def test_sales_and_team_bonus_from_the_figures(setup, monkeypatch, settings):
    from core import figures
    from payroll.models import BonusTier
    from tests.factories import make_team

    team = make_team()
    a = make_paid_employee(team=team)
    b = make_paid_employee(team=team)
    for basis, lower, rate in (("person", 0, 1), ("person", 100000, 2), ("team", 200000, 1)):
        BonusTier.objects.create(
            basis=basis,
            measure="premium_total",
            effective_from=dt.date(2025, 1, 1),
            lower=D(lower),
            rate=D(rate),
        )

    def figures_by(*, scope, period, by, measures=None):
        if by == "person":
            return {
                a.user_id: {"premium_total": D("150000.00"), "commission": D("0")},
                b.user_id: {"premium_total": D("50000.00"), "commission": D("0")},
            }
        return {team.pk: {"premium_total": D("300000.00"), "commission": D("0")}}

    monkeypatch.setattr(figures, "figures_by", figures_by)
    run = run_month(setup, 2026, 1)
    # a: 100,000 × 1 % + 50,000 × 2 % = 2,000; b: 50,000 × 1 % = 500
    assert amounts(slip_of(run, a))["sales_bonus"] == D("2000.00")
    assert amounts(slip_of(run, b))["sales_bonus"] == D("500.00")
    # the team's pool: (300,000 − 200,000) × 1 % = 1,000, split 150,000 : 50,000
    assert amounts(slip_of(run, a))["team_bonus"] == D("750.00")
    assert amounts(slip_of(run, b))["team_bonus"] == D("250.00")


def test_annual_bonus_from_the_annual_result(setup, monkeypatch):
    good = make_paid_employee()
    poor = make_paid_employee()
    results = {good.pk: {"final_score": D("85"), "grade": "good"}}
    monkeypatch.setattr(
        "appraisal.selectors.annual_result",
        lambda employee, year: results.get(employee.pk) if year == 2025 else None,
    )
    run = services.payroll_month_open(actor=setup, year=2026, month=1)
    added = services.annual_bonus_propose(actor=setup, run=run)
    assert [(i.employee_id, i.amount) for i in added] == [(good.pk, D("15000.00"))]  # 1.5 ×
    assert services.annual_bonus_propose(actor=setup, run=run) == []  # not twice
    services.payroll_compute(actor=setup, run=run)
    slip = slip_of(run, good)
    # 15,000 ÷ 12 = 1,250: 3 % → 450
    assert amounts(slip)["annual_bonus"] == D("15000.00")
    assert amounts(slip)["bonus_tax"] == D("-450.00")
    assert "annual_bonus" not in amounts(slip_of(run, poor))
