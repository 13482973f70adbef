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

    def ready(self):
        from . import providers, rules  # noqa: F401

        providers.register()
