"""Payroll models, one module per subject."""

from .pay import (
    BonusTier,
    GradePay,
    PayItem,
    PayrollRun,
    Payslip,
    SalaryAccount,
    SalaryChange,
)
from .rates import (
    EARLIEST,
    LATEST,
    MONEY,
    AdditionalDeductionStandard,
    AdditionalKind,
    ContributionBase,
    ContributionPolicy,
    ContributionRate,
    DeductionClaim,
    RoundingRule,
    StandardDeduction,
    TaxBracket,
    TaxTable,
    effective_from_field,
    money_field,
    note_field,
    percent_field,
)

__all__ = [
    "BonusTier",
    "GradePay",
    "PayItem",
    "PayrollRun",
    "Payslip",
    "SalaryAccount",
    "SalaryChange",
    "AdditionalDeductionStandard",
    "AdditionalKind",
    "ContributionBase",
    "ContributionPolicy",
    "ContributionRate",
    "DeductionClaim",
    "EARLIEST",
    "LATEST",
    "MONEY",
    "RoundingRule",
    "StandardDeduction",
    "TaxBracket",
    "TaxTable",
    "effective_from_field",
    "money_field",
    "note_field",
    "percent_field",
]

from .attendance import (  # noqa: E402
    AnnualLeaveAccount,
    Approval,
    AttendanceRecord,
    BenefitRecord,
    LeaveRequest,
    LeaveType,
    OvertimeRecord,
)

__all__ += [
    "AnnualLeaveAccount",
    "Approval",
    "AttendanceRecord",
    "BenefitRecord",
    "LeaveRequest",
    "LeaveType",
    "OvertimeRecord",
]
