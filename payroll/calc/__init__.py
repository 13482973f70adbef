"""Payroll calculations: plain functions on Decimals with no database access.

Each function takes the tables, rates and deductions it applies as arguments (read from the
tables in force by ``payroll.selectors``) and cites its rule in its docstring. See the
README, "Payroll calculations", for a worked example from a shell.
"""

from .bonus import split_pool, tiered_bonus
from .contributions import (
    ContributionPolicy,
    Contributions,
    Scheme,
    SchemeAmount,
    SchemeRate,
    clamp_base,
    contributions,
)
from .leave import (
    LeaverLeave,
    UntakenLeavePay,
    annual_leave_days,
    joiner_leave_days,
    leaver_leave_days,
    untaken_leave_pay,
)
from .money import Rounding, cents, round_money
from .tax import (
    ADDITIONAL_DEDUCTION_KINDS,
    BasicDeductionRule,
    BonusMethod,
    Bracket,
    MonthOfPay,
    TaxTable,
    annual_bonus,
    basic_deduction_to_date,
    bonus_tax_separately,
    withholding_tax,
    withholding_year,
)
from .wages import (
    OVERTIME_MULTIPLIERS,
    DayKind,
    absence_deduction,
    daily_wage,
    hourly_wage,
    overtime_pay,
)
from .worksheet import Line, Worksheet

__all__ = [
    "ADDITIONAL_DEDUCTION_KINDS",
    "OVERTIME_MULTIPLIERS",
    "BasicDeductionRule",
    "BonusMethod",
    "Bracket",
    "ContributionPolicy",
    "Contributions",
    "DayKind",
    "LeaverLeave",
    "Line",
    "MonthOfPay",
    "Rounding",
    "Scheme",
    "SchemeAmount",
    "SchemeRate",
    "TaxTable",
    "UntakenLeavePay",
    "Worksheet",
    "absence_deduction",
    "annual_bonus",
    "annual_leave_days",
    "basic_deduction_to_date",
    "bonus_tax_separately",
    "clamp_base",
    "contributions",
    "cents",
    "daily_wage",
    "hourly_wage",
    "joiner_leave_days",
    "leaver_leave_days",
    "overtime_pay",
    "round_money",
    "untaken_leave_pay",
    "withholding_tax",
    "withholding_year",
    "split_pool",
    "tiered_bonus",
]
