"""The payroll calculations against examples worked by hand (the working is in each test's
comments, not computed by the code under test)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from payroll import calc
from payroll.calc import BasicDeductionRule, Bracket, MonthOfPay, Scheme, SchemeRate, TaxTable

# The PRC tables, copied by hand from 《个人所得税法》 (annual) and 财税〔2018〕164号 (monthly).
ANNUAL = TaxTable(
    (
        Bracket(D("36000"), D("0.03"), D("0")),
        Bracket(D("144000"), D("0.10"), D("2520")),
        Bracket(D("300000"), D("0.20"), D("16920")),
        Bracket(D("420000"), D("0.25"), D("31920")),
        Bracket(D("660000"), D("0.30"), D("52920")),
        Bracket(D("960000"), D("0.35"), D("85920")),
        Bracket(None, D("0.45"), D("181920")),
    )
)
MONTHLY = TaxTable(
    (
        Bracket(D("3000"), D("0.03"), D("0")),
        Bracket(D("12000"), D("0.10"), D("210")),
        Bracket(D("25000"), D("0.20"), D("1410")),
        Bracket(D("35000"), D("0.25"), D("2660")),
        Bracket(D("55000"), D("0.30"), D("4410")),
        Bracket(D("80000"), D("0.35"), D("7160")),
        Bracket(None, D("0.45"), D("15160")),
    )
)
BASIC = D("5000")

# A Shanghai-like policy: social insurance to the cent, the housing fund to the yuan.
POLICY = calc.ContributionPolicy(
    schemes=(
        SchemeRate(Scheme.PENSION, D("0.16"), D("0.08")),
        SchemeRate(Scheme.MEDICAL, D("0.10"), D("0.02")),
        SchemeRate(Scheme.UNEMPLOYMENT, D("0.005"), D("0.005")),
        SchemeRate(Scheme.WORK_INJURY, D("0.0016"), D("0")),
        SchemeRate(Scheme.HOUSING_FUND, D("0.07"), D("0.07")),
    ),
    social_floor=D("7460"),
    social_cap=D("37302"),
    housing_floor=D("2690"),
    housing_cap=D("37302"),
    social_rounding=calc.Rounding.CENT,
    housing_rounding=calc.Rounding.YUAN,
)


def amounts(result):
    return {s.scheme: (s.employer, s.employee) for s in result.schemes}


# ---- social insurance and housing fund ------------------------------------------------


def test_contributions_at_the_floor():
    # Declared 5,000: social insurance raised to the floor 7,460; the housing fund's floor
    # is 2,690, so its base stays 5,000.
    # pension 7,460 × 16% = 1,193.60 / × 8% = 596.80; medical × 10% = 746.00 / × 2% = 149.20;
    # unemployment × 0.5% = 37.30 each; work injury × 0.16% = 11.936 → 11.94;
    # housing fund 5,000 × 7% = 350 each.
    result = calc.contributions(POLICY, D("5000"))
    assert (result.social_base, result.housing_base) == (D("7460"), D("5000"))
    assert amounts(result) == {
        "pension": (D("1193.60"), D("596.80")),
        "medical": (D("746.00"), D("149.20")),
        "unemployment": (D("37.30"), D("37.30")),
        "work_injury": (D("11.94"), D("0.00")),
        "housing_fund": (D("350.00"), D("350.00")),
    }
    # employee: 596.80 + 149.20 + 37.30 = 783.30, + 350 = 1,133.30
    assert result.employee_social == D("783.30")
    assert result.employee_total == D("1133.30")
    # employer: 1,193.60 + 746.00 + 37.30 + 11.94 = 1,988.84, + 350 = 2,338.84
    assert result.employer_social == D("1988.84")
    assert result.employer_total == D("2338.84")


def test_contributions_exactly_at_the_floor_and_the_cap_are_kept():
    assert calc.contributions(POLICY, D("7460")).social_base == D("7460")
    assert calc.contributions(POLICY, D("37302")).social_base == D("37302")


def test_contributions_inside_the_range_round_each_amount():
    # 12,345.67: pension 1,975.3072 → 1,975.31 / 987.6536 → 987.65; medical 1,234.567 →
    # 1,234.57 / 246.9134 → 246.91; unemployment 61.72835 → 61.73 each; work injury
    # 19.753072 → 19.75; housing fund 864.1969 → to the yuan 864.00 each.
    result = calc.contributions(POLICY, D("12345.67"))
    assert amounts(result) == {
        "pension": (D("1975.31"), D("987.65")),
        "medical": (D("1234.57"), D("246.91")),
        "unemployment": (D("61.73"), D("61.73")),
        "work_injury": (D("19.75"), D("0.00")),
        "housing_fund": (D("864.00"), D("864.00")),
    }
    # employee: 987.65 + 246.91 + 61.73 + 864.00 = 2,160.29
    assert result.employee_total == D("2160.29")


def test_contributions_at_the_cap():
    # 50,000 → 37,302 for both: pension 5,968.32 / 2,984.16; medical 3,730.20 / 746.04;
    # unemployment 186.51 each; work injury 59.6832 → 59.68; housing fund 2,611.14 → 2,611.
    result = calc.contributions(POLICY, D("50000"))
    assert (result.social_base, result.housing_base) == (D("37302"), D("37302"))
    assert amounts(result)["pension"] == (D("5968.32"), D("2984.16"))
    assert amounts(result)["work_injury"] == (D("59.68"), D("0.00"))
    assert amounts(result)["housing_fund"] == (D("2611.00"), D("2611.00"))
    # employee: 2,984.16 + 746.04 + 186.51 + 2,611.00 = 6,527.71
    assert result.employee_total == D("6527.71")


def test_a_separate_housing_fund_base():
    # housing fund declared 2,000 → its floor 2,690; 2,690 × 7% = 188.30 → 188 (yuan)
    result = calc.contributions(POLICY, D("20000"), housing_declared_base=D("2000"))
    assert result.housing_base == D("2690")
    assert result.scheme("housing_fund").employee == D("188.00")


def test_rounding_is_half_up_not_bankers():
    # 2.345 → 2.35 half-up (banker's rounding would give 2.34); 703.5 → 704 to the yuan.
    assert calc.round_money(D("2.345")) == D("2.35")
    assert calc.round_money(D("703.5"), calc.Rounding.YUAN) == D("704.00")
    assert calc.round_money(D("703.49"), calc.Rounding.YUAN) == D("703.00")
    assert calc.round_money(D("703.01"), calc.Rounding.YUAN_UP) == D("704.00")
    assert calc.round_money(D("12.34"), calc.Rounding.JIAO) == D("12.30")
    # 10,050 × 7% = 703.50: to the yuan 704, to the cent 703.50
    cent_policy = calc.ContributionPolicy(**{**POLICY.__dict__, "housing_rounding": "cent"})
    assert calc.contributions(POLICY, D("10050")).scheme("housing_fund").employee == D("704.00")
    assert calc.contributions(cent_policy, D("10050")).scheme("housing_fund").employee == D(
        "703.50"
    )


def test_bad_contribution_input_is_refused():
    with pytest.raises(ValueError):
        calc.contributions(POLICY, D("-1"))
    with pytest.raises(TypeError):
        calc.contributions(POLICY, 5000.5)
    with pytest.raises(ValueError):
        calc.clamp_base(D("1"), D("10"), D("5"))


# ---- income tax: cumulative withholding -----------------------------------------------


def test_three_months_of_20000_with_1000_of_deductions():
    # Month 1: 20,000 − 5,000 − 1,000 = 14,000 taxable → 3% → 420.00; nothing withheld yet.
    # Month 2: 40,000 − 10,000 − 2,000 = 28,000 → 3% → 840.00; − 420 → 420.00.
    # Month 3: 60,000 − 15,000 − 3,000 = 42,000 → 10% − 2,520 = 1,680.00; − 840 → 840.00.
    months = [
        MonthOfPay(D("20000"), additional_deductions={"housing_loan_interest": D("1000")})
    ] * 3
    sheets = calc.withholding_year(
        annual_table=ANNUAL, standard_deduction=BASIC, first_month=1, months=months
    )
    assert [ws["taxable_to_date"] for ws in sheets] == [D("14000.00"), D("28000.00"), D("42000.00")]
    assert [ws["tax_to_date"] for ws in sheets] == [D("420.00"), D("840.00"), D("1680.00")]
    assert [ws["tax_this_month"] for ws in sheets] == [D("420.00"), D("420.00"), D("840.00")]
    third = sheets[2]
    assert third["rate"] == D("10")
    assert third["quick_deduction"] == D("2520.00")
    assert third["withheld_to_date"] == D("840.00")
    assert third["additional_housing_loan_interest"] == D("3000")
    # the worksheet reads in the order of the rule, every line labelled
    assert third.keys() == [
        "income_to_date",
        "basic_deduction_to_date",
        "special_deductions_to_date",
        "additional_housing_loan_interest",
        "additional_deductions_to_date",
        "taxable_to_date",
        "rate",
        "quick_deduction",
        "tax_to_date",
        "withheld_to_date",
        "tax_this_month",
    ]
    assert all(str(line.label) for line in third.lines)
    assert third.lines[1].note == "5,000.00 × 3"


def test_mid_year_joiner_first_month():
    # Joins in July at 15,000 with 1,500 of social insurance: 15,000 − 5,000 × 1 − 1,500 =
    # 8,500 → 3% = 255.00.
    ws = calc.withholding_tax(
        annual_table=ANNUAL,
        standard_deduction=BASIC,
        month=7,
        months_employed=1,
        income_to_date=D("15000"),
        special_deductions_to_date=D("1500"),
    )
    assert ws["basic_deduction_to_date"] == D("5000.00")
    assert ws["tax_this_month"] == D("255.00")


def test_first_job_this_year_counts_the_basic_deduction_from_january():
    # The same joiner whose first job of the year this is (公告2020年第19号): 5,000 × 7 =
    # 35,000; 15,000 − 35,000 − 1,500 < 0 → taxable 0, tax 0. August: 30,000 − 40,000 −
    # 3,000 < 0 → 0 again.
    sheets = calc.withholding_year(
        annual_table=ANNUAL,
        standard_deduction=BASIC,
        first_month=7,
        months=[MonthOfPay(D("15000"), special_deductions=D("1500"))] * 2,
        basic_deduction_rule=BasicDeductionRule.FIRST_JOB_THIS_YEAR,
    )
    assert [ws["basic_deduction_to_date"] for ws in sheets] == [D("35000.00"), D("40000.00")]
    assert [ws["taxable_to_date"] for ws in sheets] == [D("0.00"), D("0.00")]
    assert [ws["tax_this_month"] for ws in sheets] == [D("0.00"), D("0.00")]


def test_the_60000_applied_at_once():
    # January pay 10,000: months employed → 10,000 − 5,000 = 5,000 → 150.00; with the
    # 60,000 at once (公告2020年第13号) → 10,000 − 60,000 < 0 → 0.
    common = {
        "annual_table": ANNUAL,
        "standard_deduction": BASIC,
        "month": 1,
        "months_employed": 1,
        "income_to_date": D("10000"),
        "special_deductions_to_date": D("0"),
    }
    assert calc.withholding_tax(**common)["tax_this_month"] == D("150.00")
    at_once = calc.withholding_tax(**common, basic_deduction_rule=BasicDeductionRule.ANNUAL_AT_ONCE)
    assert at_once["basic_deduction_to_date"] == D("60000.00")
    assert at_once["tax_this_month"] == D("0.00")


def test_a_month_where_the_cumulative_tax_falls_withholds_nothing():
    # 10,000 a month. M1: 10,000 − 5,000 = 5,000 → 150.00. M2: 20,000 − 10,000 = 10,000 →
    # 300.00, due 150.00. In March children's education is declared back to January
    # (2,000 × 3 = 6,000): 30,000 − 15,000 − 6,000 = 9,000 → 270.00 < 300.00 withheld →
    # 0 this month (not −30). April: 40,000 − 20,000 − 8,000 = 12,000 → 360.00 − 300.00 = 60.00.
    months = [
        MonthOfPay(D("10000")),
        MonthOfPay(D("10000")),
        MonthOfPay(D("10000"), additional_deductions={"children_education": D("6000")}),
        MonthOfPay(D("10000"), additional_deductions={"children_education": D("2000")}),
    ]
    sheets = calc.withholding_year(
        annual_table=ANNUAL, standard_deduction=BASIC, first_month=1, months=months
    )
    assert [ws["tax_to_date"] for ws in sheets] == [
        D("150.00"),
        D("300.00"),
        D("270.00"),
        D("360.00"),
    ]
    assert [ws["tax_this_month"] for ws in sheets] == [
        D("150.00"),
        D("150.00"),
        D("0.00"),
        D("60.00"),
    ]
    assert sheets[2].lines[-1].note  # the worksheet says why nothing is withheld


def test_unknown_deduction_kind_and_bad_months_are_refused():
    common = {
        "annual_table": ANNUAL,
        "standard_deduction": BASIC,
        "income_to_date": D("1"),
        "special_deductions_to_date": D("0"),
    }
    with pytest.raises(ValueError):
        calc.withholding_tax(
            **common, month=1, months_employed=1, additional_deductions_to_date={"pets": D("1")}
        )
    with pytest.raises(ValueError):
        calc.withholding_tax(**common, month=3, months_employed=4)


# ---- the annual one-time bonus ---------------------------------------------------------


@pytest.mark.parametrize(
    ("bonus", "rate", "quick", "tax"),
    [
        # 36,000 ÷ 12 = 3,000 → 3% (不超過 3,000), 36,000 × 3% = 1,080.00
        (D("36000"), D("3"), D("0.00"), D("1080.00")),
        # 36,001 ÷ 12 = 3,000.08 → 10%, 3,600.10 − 210 = 3,390.10: 1 yuan more costs 2,310.10
        (D("36001"), D("10"), D("210.00"), D("3390.10")),
        # 144,000 ÷ 12 = 12,000 → 10%: 14,400 − 210 = 14,190.00
        (D("144000"), D("10"), D("210.00"), D("14190.00")),
        # 144,001 ÷ 12 = 12,000.08 → 20%: 28,800.20 − 1,410 = 27,390.20
        (D("144001"), D("20"), D("1410.00"), D("27390.20")),
    ],
)
def test_bonus_taxed_separately_and_the_bracket_trap(bonus, rate, quick, tax):
    ws = calc.bonus_tax_separately(bonus=bonus, monthly_table=MONTHLY)
    assert (ws["rate"], ws["quick_deduction"], ws["bonus_tax"]) == (rate, quick, tax)


def test_bonus_trap_after_tax():
    # after tax: 36,000 − 1,080 = 34,920.00 against 36,001 − 3,390.10 = 32,610.90
    low = calc.bonus_tax_separately(bonus=D("36000"), monthly_table=MONTHLY)
    high = calc.bonus_tax_separately(bonus=D("36001"), monthly_table=MONTHLY)
    assert D("36000") - low["bonus_tax"] == D("34920.00")
    assert D("36001") - high["bonus_tax"] == D("32610.90")


def test_bonus_combined_goes_into_the_months_income():
    # Combined: no separate tax; 20,000 pay + 36,000 bonus in January with 1,000 of
    # deductions: 56,000 − 5,000 − 1,000 = 50,000 → 10% − 2,520 = 2,480.00.
    sheet, added = calc.annual_bonus(
        bonus=D("36000"), method=calc.BonusMethod.COMBINED, monthly_table=MONTHLY
    )
    assert sheet is None and added == D("36000")
    ws = calc.withholding_tax(
        annual_table=ANNUAL,
        standard_deduction=BASIC,
        month=1,
        months_employed=1,
        income_to_date=D("20000") + added,
        special_deductions_to_date=D("1000"),
    )
    assert ws["tax_this_month"] == D("2480.00")
    sheet, added = calc.annual_bonus(
        bonus=D("36000"), method=calc.BonusMethod.SEPARATE, monthly_table=MONTHLY
    )
    assert sheet["bonus_tax"] == D("1080.00") and added == D("0")


# ---- wages, overtime, absence ------------------------------------------------------------


def test_daily_and_hourly_wage():
    # 8,700 ÷ 21.75 = 400; ÷ 8 = 50
    assert calc.daily_wage(D("8700")) == D("400")
    assert calc.hourly_wage(D("8700")) == D("50")


@pytest.mark.parametrize(
    ("kind", "hours", "pay"),
    [
        ("working_day", D("10"), D("750.00")),  # 50 × 10 × 1.5
        ("rest_day", D("8"), D("800.00")),  # 50 × 8 × 2
        ("statutory_holiday", D("8"), D("1200.00")),  # 50 × 8 × 3
    ],
)
def test_overtime_at_150_200_300(kind, hours, pay):
    assert calc.overtime_pay(monthly_wage=D("8700"), hours=hours, day_kind=kind) == pay


def test_overtime_rounds_only_the_pay():
    # 10,000 ÷ 21.75 ÷ 8 = 57.4712643…; × 3 h × 1.5 = 258.6206… → 258.62
    # (a rounded hourly wage 57.47 would give 258.615 → 258.62 here, but 862.05 for 10 h
    # where the exact rate gives 862.07: 57.4712643 × 15 = 862.0689…)
    assert calc.overtime_pay(monthly_wage=D("10000"), hours=D("3"), day_kind="working_day") == D(
        "258.62"
    )
    assert calc.overtime_pay(monthly_wage=D("10000"), hours=D("10"), day_kind="working_day") == D(
        "862.07"
    )
    with pytest.raises(ValueError):
        calc.overtime_pay(monthly_wage=D("10000"), hours=D("1"), day_kind="sunday")


def test_absence_deduction():
    # 10,000 ÷ 21.75 = 459.770114…; 2 days → 919.540229… → 919.54; at half → 459.77
    assert calc.absence_deduction(monthly_wage=D("10000"), days=D("2")) == D("919.54")
    assert calc.absence_deduction(monthly_wage=D("10000"), days=D("2"), rate=D("0.5")) == D(
        "459.77"
    )


# ---- statutory annual leave --------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "months", "days"),
    [
        (D("9"), 24, 5),  # 1 to under 10 years
        (D("9.9"), 24, 5),
        (D("10"), 24, 10),  # 10 to under 20
        (D("19.9"), 24, 10),
        (D("20"), 24, 15),  # 20 or more
        (D("15"), 11, 0),  # under 12 months' continuous work: not yet eligible
        (D("1"), 12, 5),
    ],
)
def test_annual_leave_by_career_years(years, months, days):
    assert calc.annual_leave_days(career_years=years, continuous_months=months) == days


def test_joiner_pro_rating_drops_fractions():
    # Joins 2026-07-01: 1 July to 31 December = 31+31+30+31+30+31 = 184 days.
    # 184 ÷ 365 × 5 = 2.52 → 2; × 10 = 5.04 → 5.
    assert calc.joiner_leave_days(full_days=5, start=dt.date(2026, 7, 1)) == 2
    assert calc.joiner_leave_days(full_days=10, start=dt.date(2026, 7, 1)) == 5
    # Joins 2026-03-15: 365 − (31 + 28 + 14) = 292 days; 292 ÷ 365 × 10 = 8.0 → 8 exactly.
    assert calc.joiner_leave_days(full_days=10, start=dt.date(2026, 3, 15)) == 8


def test_leaver_pro_rating():
    # Leaves 2026-06-30, 10 days a year, 2 taken: 1 January to 30 June = 181 days;
    # 181 ÷ 365 × 10 = 4.9589; − 2 = 2.9589 → 2 untaken days to pay; 4 earned.
    leaver = calc.leaver_leave_days(full_days=10, end=dt.date(2026, 6, 30), taken=D("2"))
    assert (leaver.days_worked, leaver.earned, leaver.untaken) == (181, 4, 2)
    # 6 taken: 4.9589 − 6 < 0 → 0, the extra days are not recovered.
    over = calc.leaver_leave_days(full_days=10, end=dt.date(2026, 6, 30), taken=D("6"))
    assert over.untaken == 0
    # Joined 2026-03-01, leaves 2026-09-30: 31+30+31+30+31+31+30 = 214 days; 214 ÷ 365 × 5 =
    # 2.93 → 2.
    both = calc.leaver_leave_days(
        full_days=5, start=dt.date(2026, 3, 1), end=dt.date(2026, 9, 30), taken=D("0")
    )
    assert (both.days_worked, both.untaken) == (214, 2)


def test_untaken_leave_pay_makes_the_200_percent_explicit():
    # 8,700 ÷ 21.75 = 400 a day; 3 days at 300% = 3,600.00, of which 1,200.00 was paid as
    # the normal wage: 2,400.00 still due.
    pay = calc.untaken_leave_pay(monthly_wage=D("8700"), days=D("3"))
    assert (pay.daily_wage, pay.full_value, pay.already_paid, pay.extra_due) == (
        D("400.00"),
        D("3600.00"),
        D("1200.00"),
        D("2400.00"),
    )
    # 10,000: 459.770114… a day; 2 days × 300% = 2,758.6206… → 2,758.62; 100% = 919.54;
    # due 1,839.08 (= 200% × 2 × 459.770114… = 1,839.0804…).
    pay = calc.untaken_leave_pay(monthly_wage=D("10000"), days=D("2"))
    assert (pay.full_value, pay.already_paid, pay.extra_due) == (
        D("2758.62"),
        D("919.54"),
        D("1839.08"),
    )


def test_tax_tables_are_validated():
    with pytest.raises(ValueError):
        TaxTable((Bracket(D("10"), D("0.1"), D("0")),))  # no open-ended last bracket
    with pytest.raises(ValueError):
        TaxTable(
            (
                Bracket(D("10"), D("0.1"), D("0")),
                Bracket(D("5"), D("0.2"), D("1")),
                Bracket(None, D("0.3"), D("2")),
            )
        )
    # exactly at a limit stays in the lower bracket
    assert ANNUAL.bracket_for(D("36000")).rate == D("0.03")
    assert ANNUAL.bracket_for(D("36000.01")).rate == D("0.10")
