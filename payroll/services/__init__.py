"""Payroll services, one module per subject."""

from .accounts import salary_account_save
from .bonus import annual_bonus_propose
from .rates import (
    pay_tables_load,
)
from .run import (
    COMPONENT_KEYS,
    COMPONENT_LABELS,
    COMPONENTS,
    compute_payslip,
    pay_item_delete,
    pay_item_save,
    payroll_approve,
    payroll_compute,
    payroll_lock,
    payroll_month_open,
    payroll_reopen,
    require_open_month,
    salary_change_save,
)

__all__ = [
    "annual_bonus_propose",
    "COMPONENTS",
    "COMPONENT_KEYS",
    "COMPONENT_LABELS",
    "compute_payslip",
    "pay_item_delete",
    "pay_item_save",
    "payroll_approve",
    "payroll_compute",
    "payroll_lock",
    "payroll_month_open",
    "payroll_reopen",
    "require_open_month",
    "salary_account_save",
    "salary_change_save",
    "pay_tables_load",
]
