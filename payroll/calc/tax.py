"""PRC individual income tax on wages: the cumulative withholding method (累計預扣法) and
the annual one-time bonus.

Rules: 《个人所得税法》 Art. 2, 3, 6 (comprehensive income, 3%–45%, 60,000 a year of basic
deduction); 《个人所得税扣缴申报管理办法（试行）》 (国家税务总局公告2018年第61号) Art. 6
(the cumulative withholding method); 国家税务总局公告2020年第13号 (the 60,000 applied at
once from January for employees paid all last year by the same employer with at most
60,000 of income); 国家税务总局公告2020年第19号 (a first job of the year: the basic
deduction counted from January); 财税〔2018〕164号 Art. 1(1) and 财政部 税务总局公告2023年第30号
(the annual one-time bonus taxed on its own until 31 December 2027).

Every table, rate and amount is an argument: the callers read them from the tables in
force (``payroll.selectors``).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .money import ZERO, cents, to_decimal
from .worksheet import Worksheet

# The special additional deductions (專項附加扣除) withheld monthly, in payslip order.
ADDITIONAL_DEDUCTION_KINDS = {
    "children_education": _("Children's education"),
    "infant_care": _("Care of infants under 3"),
    "continuing_education": _("Continuing education"),
    "housing_loan_interest": _("Housing loan interest"),
    "housing_rent": _("Housing rent"),
    "elderly_support": _("Support of the elderly"),
}


@dataclass(frozen=True)
class Bracket:
    """One bracket: income up to ``upper`` (None: no limit) is taxed at ``rate`` (a fraction,
    0.03 for 3%) less ``quick_deduction`` (速算扣除數)."""

    upper: Decimal | None
    rate: Decimal
    quick_deduction: Decimal


@dataclass(frozen=True)
class TaxTable:
    """A progressive table, brackets in ascending order, the last without an upper limit."""

    brackets: tuple

    def __post_init__(self):
        uppers = [b.upper for b in self.brackets]
        if not uppers or uppers[-1] is not None or None in uppers[:-1]:
            raise ValueError("a tax table ends with one bracket without an upper limit")
        if uppers[:-1] != sorted(uppers[:-1]):
            raise ValueError("the brackets of a tax table must be in ascending order")

    def bracket_for(self, amount):
        """The bracket of ``amount``: the first whose upper limit it does not exceed (an
        amount equal to a limit stays in the lower bracket: 不超過)."""
        amount = to_decimal(amount)
        for bracket in self.brackets:
            if bracket.upper is None or amount <= bracket.upper:
                return bracket
        raise AssertionError("unreachable: the last bracket has no limit")


def _percent(rate):
    return (to_decimal(rate) * 100).normalize()


class BasicDeductionRule:
    """How the cumulative basic deduction (累計減除費用) is counted."""

    MONTHS_EMPLOYED = "months_employed"  # 5,000 × months employed here this year (default)
    FIRST_JOB_THIS_YEAR = "first_job"  # 5,000 × the month's number (公告2020年第19號)
    ANNUAL_AT_ONCE = "annual_at_once"  # 60,000 from January (公告2020年第13號)


def basic_deduction_to_date(*, standard_deduction, month, months_employed, rule):
    """The cumulative basic deduction (累計減除費用) and the months it is counted for.

    ``standard_deduction`` is the monthly amount in force (5,000); ``month`` the month's
    number (1–12); ``months_employed`` the months of this year on this employer's payroll,
    this one included. ``rule`` is a ``BasicDeductionRule``: the first-job-this-year rule
    counts every month of the year up to this one; the annual-at-once rule applies the
    twelve months (60,000) from January for an employee paid by this employer all last year
    with at most 60,000 of income.
    """
    if not 1 <= month <= 12:
        raise ValueError("month must be 1 to 12")
    if not 1 <= months_employed <= month:
        raise ValueError("months employed must be 1 to the month's number")
    months = {
        BasicDeductionRule.MONTHS_EMPLOYED: months_employed,
        BasicDeductionRule.FIRST_JOB_THIS_YEAR: month,
        BasicDeductionRule.ANNUAL_AT_ONCE: 12,
    }[rule]
    return to_decimal(standard_deduction) * months, months


def withholding_tax(
    *,
    annual_table,
    standard_deduction,
    month,
    months_employed,
    income_to_date,
    special_deductions_to_date,
    additional_deductions_to_date=None,
    other_deductions_to_date=ZERO,
    exempt_income_to_date=ZERO,
    withheld_to_date=ZERO,
    basic_deduction_rule=BasicDeductionRule.MONTHS_EMPLOYED,
):
    """This month's income tax on wages by the cumulative withholding method.

    公告2018年第61号 Art. 6: 累計預扣預繳應納稅所得額 = 累計收入 − 累計免稅收入 − 累計減除費用 −
    累計專項扣除 − 累計專項附加扣除 − 累計依法確定的其他扣除; 本期應預扣預繳稅額 =
    (累計預扣預繳應納稅所得額 × 預扣率 − 速算扣除數) − 累計減免稅額 − 累計已預扣預繳稅額, with
    the annual table (``annual_table``). A negative result is not refunded by the employer:
    this month withholds 0 (the difference is settled in the annual return).

    Every ``*_to_date`` amount is the sum from January (or the month of joining) to this
    month inclusive, this month's pay included: ``special_deductions_to_date`` is the
    employee's social insurance and housing fund, ``additional_deductions_to_date`` a
    mapping {kind: cumulative amount} of the special additional deductions (keys of
    ``ADDITIONAL_DEDUCTION_KINDS``), ``withheld_to_date`` the tax withheld in the earlier
    months of the year. Returns the worksheet; ``ws["tax_this_month"]`` is the tax.
    """
    additional = {k: to_decimal(v) for k, v in (additional_deductions_to_date or {}).items()}
    unknown = set(additional) - set(ADDITIONAL_DEDUCTION_KINDS)
    if unknown:
        raise ValueError(f"unknown special additional deductions: {sorted(unknown)}")
    ws = Worksheet()
    income = ws.add("income_to_date", _("Cumulative income"), to_decimal(income_to_date))
    exempt = to_decimal(exempt_income_to_date)
    if exempt:
        ws.add("exempt_income_to_date", _("Cumulative tax-exempt income"), exempt)
    basic, months = basic_deduction_to_date(
        standard_deduction=standard_deduction,
        month=month,
        months_employed=months_employed,
        rule=basic_deduction_rule,
    )
    ws.add(
        "basic_deduction_to_date",
        _("Cumulative basic deduction"),
        cents(basic),
        note=f"{cents(standard_deduction):,} × {months}",
    )
    special = ws.add(
        "special_deductions_to_date",
        _("Cumulative special deductions (social insurance and housing fund)"),
        to_decimal(special_deductions_to_date),
    )
    additional_total = ZERO
    for kind, label in ADDITIONAL_DEDUCTION_KINDS.items():
        amount = additional.get(kind, ZERO)
        if amount:
            ws.add(f"additional_{kind}", label, amount)
            additional_total += amount
    ws.add(
        "additional_deductions_to_date",
        _("Cumulative special additional deductions"),
        additional_total,
    )
    other = to_decimal(other_deductions_to_date)
    if other:
        ws.add("other_deductions_to_date", _("Cumulative other deductions"), other)
    taxable = income - exempt - basic - special - additional_total - other
    taxable = max(taxable, ZERO)
    ws.add("taxable_to_date", _("Cumulative taxable income"), cents(taxable))
    bracket = annual_table.bracket_for(taxable)
    ws.add("rate", _("Withholding rate"), _percent(bracket.rate), unit="percent")
    ws.add("quick_deduction", _("Quick deduction"), cents(bracket.quick_deduction))
    tax_to_date = cents(max(taxable * to_decimal(bracket.rate) - bracket.quick_deduction, ZERO))
    ws.add("tax_to_date", _("Cumulative tax"), tax_to_date)
    withheld = ws.add(
        "withheld_to_date", _("Tax already withheld this year"), cents(withheld_to_date)
    )
    due = tax_to_date - withheld
    ws.add(
        "tax_this_month",
        _("Tax to withhold this month"),
        max(due, ZERO),
        note=_("negative: nothing withheld, settled in the annual return") if due < 0 else "",
    )
    return ws


class BonusMethod:
    """How the annual one-time bonus (全年一次性獎金) is taxed, as the employee chose."""

    SEPARATE = "separate"  # on its own with the monthly table
    COMBINED = "combined"  # added to this month's comprehensive income


def bonus_tax_separately(*, bonus, monthly_table):
    """Tax on an annual one-time bonus taxed on its own (财税〔2018〕164号 Art. 1(1)).

    The rate and quick deduction are those of the monthly table (按月換算後的綜合所得稅率表)
    for bonus ÷ 12; the tax is the whole bonus × rate − ONE quick deduction (not twelve: so a
    bonus just over a bracket's limit × 12 costs more tax than it adds, e.g. 36,001 against
    36,000). Returns the worksheet; ``ws["bonus_tax"]`` is the tax.
    """
    bonus = to_decimal(bonus)
    if bonus < 0:
        raise ValueError("a bonus cannot be negative")
    ws = Worksheet()
    ws.add("bonus", _("Annual one-time bonus"), bonus)
    per_month = bonus / 12
    ws.add(
        "bonus_per_month",
        _("Bonus ÷ 12 (finds the rate)"),
        cents(per_month),
        note=f"{bonus:,} ÷ 12",
    )
    bracket = monthly_table.bracket_for(per_month)
    ws.add("rate", _("Rate (monthly table)"), _percent(bracket.rate), unit="percent")
    ws.add("quick_deduction", _("Quick deduction"), cents(bracket.quick_deduction))
    tax = cents(max(bonus * to_decimal(bracket.rate) - bracket.quick_deduction, ZERO))
    ws.add("bonus_tax", _("Tax on the bonus"), tax)
    return ws


def annual_bonus(*, bonus, method, monthly_table):
    """The annual bonus as the employee chose to have it taxed: ``(worksheet or None,
    amount to add to this month's comprehensive income)``. Taxed separately, the worksheet
    holds the tax and nothing is added; combined, the whole bonus joins this month's income
    of ``withholding_tax`` and there is no separate worksheet."""
    if method == BonusMethod.SEPARATE:
        return bonus_tax_separately(bonus=bonus, monthly_table=monthly_table), ZERO
    if method == BonusMethod.COMBINED:
        return None, to_decimal(bonus)
    raise ValueError(f"unknown bonus method {method!r}")


@dataclass(frozen=True)
class MonthOfPay:
    """One month's figures for ``withholding_year``: income, the employee's social
    insurance and housing fund, and {kind: amount} of special additional deductions."""

    income: Decimal
    special_deductions: Decimal = ZERO
    additional_deductions: Mapping = None
    exempt_income: Decimal = ZERO
    other_deductions: Decimal = ZERO


def withholding_year(
    *,
    annual_table,
    standard_deduction,
    first_month,
    months,
    basic_deduction_rule=BasicDeductionRule.MONTHS_EMPLOYED,
):
    """The worksheets of consecutive months of one year on one employer's payroll, from
    ``first_month`` (the month of joining, or 1), each month's tax withheld carried into the
    next: a convenience over ``withholding_tax`` for a shell, a test or a what-if."""
    income = special = exempt = other = withheld = ZERO
    additional = {}
    sheets = []
    for offset, pay in enumerate(months):
        income += to_decimal(pay.income)
        special += to_decimal(pay.special_deductions)
        exempt += to_decimal(pay.exempt_income)
        other += to_decimal(pay.other_deductions)
        for kind, amount in (pay.additional_deductions or {}).items():
            additional[kind] = additional.get(kind, ZERO) + to_decimal(amount)
        ws = withholding_tax(
            annual_table=annual_table,
            standard_deduction=standard_deduction,
            month=first_month + offset,
            months_employed=offset + 1,
            income_to_date=income,
            special_deductions_to_date=special,
            additional_deductions_to_date=dict(additional),
            exempt_income_to_date=exempt,
            other_deductions_to_date=other,
            withheld_to_date=withheld,
            basic_deduction_rule=basic_deduction_rule,
        )
        withheld += ws["tax_this_month"]
        sheets.append(ws)
    return sheets
