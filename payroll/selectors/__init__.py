"""Payroll reads, one module per subject."""

from .rates import (
    additional_standard_list,
    additional_standards_on,
    contribution_base_for,
    contribution_base_list,
    contribution_policy_detail,
    contribution_policy_list,
    contribution_policy_on,
    declared_deductions,
    deduction_claim_list,
    policy_as_calc,
    standard_deduction_list,
    standard_deduction_on,
    tax_table_as_calc,
    tax_table_detail,
    tax_table_list,
    tax_table_on,
)

__all__ = [
    "additional_standard_list",
    "additional_standards_on",
    "contribution_base_for",
    "contribution_base_list",
    "contribution_policy_detail",
    "contribution_policy_list",
    "contribution_policy_on",
    "declared_deductions",
    "deduction_claim_list",
    "policy_as_calc",
    "standard_deduction_list",
    "standard_deduction_on",
    "tax_table_as_calc",
    "tax_table_detail",
    "tax_table_list",
    "tax_table_on",
]
