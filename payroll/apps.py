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
        ],
        "manager": [f"payroll.view_{model}" for model in _MODELS],
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
