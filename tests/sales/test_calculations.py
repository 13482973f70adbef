"""The needs-analysis arithmetic against examples worked by hand."""

from decimal import Decimal

from sales import calculations as calc

D = Decimal


def test_life_gap_worked_example():
    # 10 years × ¥80,000 = ¥800,000; + ¥300,000 liabilities = ¥1,100,000;
    # − ¥100,000 liquid assets = ¥1,000,000; − ¥250,000 existing cover = ¥750,000.
    w = calc.life_gap(
        support_years=10,
        annual_expenses=D("80000"),
        liabilities=D("300000"),
        liquid_assets=D("100000"),
        existing_life_cover=D("250000"),
    )
    assert w.result == D("750000.00")
    assert w.terms[0] == ("+", "support", D("800000.00"))


def test_life_gap_with_cents_and_floor():
    # 3 × ¥12,345.675 → expenses rounded first to ¥12,345.68 → ¥37,037.04;
    # + 0 − ¥50,000 − 0 = −¥12,962.96 → floored at 0.
    w = calc.life_gap(
        support_years=3,
        annual_expenses=D("12345.675"),
        liabilities=D("0"),
        liquid_assets=D("50000"),
        existing_life_cover=D("0"),
    )
    assert w.raw == D("-12962.96")
    assert w.result == D("0.00")


def test_ci_gap_worked_example():
    # 5 × ¥200,000 = ¥1,000,000 − ¥300,000 = ¥700,000.
    w = calc.ci_gap(multiple=D("5"), annual_income=D("200000"), existing_ci_cover=D("300000"))
    assert w.result == D("700000.00")


def test_ci_gap_fractional_multiple_rounds_half_up():
    # 2.5 × ¥123,456.79 = ¥308,641.975 → ¥308,641.98; − ¥8,641.98 = ¥300,000.00.
    w = calc.ci_gap(multiple=D("2.5"), annual_income=D("123456.79"), existing_ci_cover=D("8641.98"))
    assert w.result == D("300000.00")


def test_ci_gap_floors_at_zero():
    w = calc.ci_gap(multiple=D("3"), annual_income=D("100000"), existing_ci_cover=D("500000"))
    assert w.result == D("0.00")
    assert w.raw == D("-200000.00")


def test_premium_budget_worked_example():
    # 10% of ¥186,543.25 = ¥18,654.325 → ¥18,654.33 (half up).
    assert calc.premium_budget(share=D("0.10"), annual_income=D("186543.25")) == D("18654.33")


def test_premium_to_income():
    assert calc.premium_to_income(total_premium=D("15000"), annual_income=D("200000")) == D(
        "0.0750"
    )
    assert calc.premium_to_income(total_premium=D("15000"), annual_income=D("0")) is None


def test_risk_level_is_rounded_mean():
    assert calc.risk_level([1, 1, 1, 1, 1]) == 1
    assert calc.risk_level([3, 3, 3, 3, 4]) == 3  # 3.2
    assert calc.risk_level([3, 3, 3, 4, 4]) == 3  # 3.4
    assert calc.risk_level([3, 3, 4, 4, 4]) == 4  # 3.6
    assert calc.risk_level([5, 5, 5, 5, 5]) == 5
