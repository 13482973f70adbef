from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_MODELS = (
    "taxtable",
    "taxbracket",
    "standarddeduction",
    "additionaldeductionstandard",
    "contributionpolicy",
    "contributionrate",
    "contributionbase",
    "deductionclaim",
)
# salary structures and the monthly run (payroll.models.pay)
_PAY_MODELS = (
    "gradepay",
    "salarychange",
    "payitem",
    "bonustier",
    "payrollrun",
    "payslip",
    "salaryaccount",
)

# Attendance and leave (payroll.attendance): everyone keeps their own, HR all of it.
_ATTENDANCE_HR = [
    *[
        f"payroll.{action}_{model}"
        for model in (
            "attendancerecord",
            "overtimerecord",
            "leavetype",
            "leaverequest",
            "annualleaveaccount",
            "benefitrecord",
        )
        for action in ("view", "add", "change", "delete")
    ],
    "payroll.approve_leaverequest",
    "payroll.approve_overtimerecord",
]
_ATTENDANCE_OWN = [
    "payroll.view_attendancerecord",
    "payroll.view_overtimerecord",
    "payroll.add_overtimerecord",
    "payroll.view_leavetype",
    "payroll.view_leaverequest",
    "payroll.add_leaverequest",
    "payroll.view_annualleaveaccount",
    "payroll.view_benefitrecord",
]
_ATTENDANCE_SUPERVISOR = [
    *_ATTENDANCE_OWN,
    "payroll.approve_leaverequest",
    "payroll.approve_overtimerecord",
]
_ATTENDANCE_READ = [
    "payroll.view_attendancerecord",
    "payroll.view_overtimerecord",
    "payroll.view_leavetype",
    "payroll.view_leaverequest",
    "payroll.add_leaverequest",
    "payroll.add_overtimerecord",
    "payroll.view_annualleaveaccount",
    "payroll.view_benefitrecord",
]


class PayrollConfig(AppConfig):
    name = "payroll"
    verbose_name = _("Payroll")
    default_auto_field = "django.db.models.BigAutoField"
    # Pay tables and employees' bases: HR keeps them, management reads them, nobody else.
    role_permissions = {
        "hr": [
            f"payroll.{action}_{model}"
            for model in _MODELS
            for action in ("view", "add", "change", "delete")
        ]
        + _ATTENDANCE_HR,
        "manager": [f"payroll.view_{model}" for model in _MODELS] + _ATTENDANCE_READ,
        "supervisor": _ATTENDANCE_SUPERVISOR,
        "salesperson": _ATTENDANCE_OWN,
        "clerk": _ATTENDANCE_OWN,
        "compliance": _ATTENDANCE_OWN,
    }
    # Salary structures and the monthly run: HR keeps them, management reads them; everyone
    # sees their own locked payslips (the payslip's row scope: its employee, no team).
    role_permissions["hr"] += [
        f"payroll.{action}_{model}"
        for model in _PAY_MODELS
        for action in ("view", "add", "change", "delete")
    ]
    role_permissions["hr"].append("payroll.view_account_number")
    role_permissions["manager"] += [f"payroll.view_{model}" for model in _PAY_MODELS]
    for role in ("clerk", "salesperson", "supervisor", "compliance"):
        role_permissions.setdefault(role, []).append("payroll.view_payslip")
    del role

    def ready(self):
        from . import events, providers, rules  # noqa: F401

        providers.register()
