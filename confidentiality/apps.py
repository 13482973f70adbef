from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _perms(models, actions):
    return [f"confidentiality.{a}_{m}" for m in models for a in actions]


_CRUD = ["view", "add", "change", "delete"]
_CUSTOMER_PRIVACY = ["sensitiveconsent", "customerdatarequest"]


class ConfidentialityConfig(AppConfig):
    name = "confidentiality"
    verbose_name = _("Confidentiality")
    default_auto_field = "django.db.models.BigAutoField"

    # HR keeps the agreement texts and every employee's agreement; everyone sees their own
    # agreement (the row scope) and the texts. Compliance records and follows breaches, HR and
    # management read them. Customers' consents and data requests are recorded by whoever
    # looks after the customer's file (salesperson, clerk, supervisor), within the file's
    # scope; compliance and management read them all.
    role_permissions = {
        "hr": [
            *_perms(["agreementversion", "agreement"], _CRUD),
            "confidentiality.view_breach",
            *_perms(["exitaudit", "exititem"], ["view", "add", "change"]),
        ],
        "compliance": [
            # retention and destruction are compliance's alone; exit audits are seen,
            # reviewed and closed by compliance
            *_perms(["retentionrule", "destructioncandidate", "destructionrecord"], ["view"]),
            "confidentiality.change_retentionrule",
            *_perms(["destructionbatch"], ["view", "add", "change"]),
            *_perms(["exitaudit", "exititem"], ["view", "change"]),
            "confidentiality.close_exitaudit",
            *_perms(["agreementversion", "agreement"], ["view"]),
            *_perms(["breach"], ["view", "add", "change"]),
            *_perms(_CUSTOMER_PRIVACY, ["view"]),
            *_perms(["loginrule"], _CRUD),
            "confidentiality.reset_two_factor",
        ],
        "manager": [
            *_perms(["agreementversion", "agreement", "breach"], ["view"]),
            *_perms(_CUSTOMER_PRIVACY, ["view"]),
        ],
    }
    # The access review is compliance's alone (the logs themselves: core's view_accesslog
    # and view_exportlog); compliance and supervisors set the class of a record they see
    # (only compliance lists the classes set).
    role_permissions["compliance"] += [
        *_perms(["accessalert"], ["view", "change"]),
        *_perms(["recordclass"], ["view", "add", "change"]),
    ]
    for _role in ("supervisor", "salesperson", "clerk"):
        role_permissions[_role] = [
            *_perms(["agreementversion", "agreement"], ["view"]),
            *_perms(_CUSTOMER_PRIVACY, ["view", "add", "change"]),
        ]
    del _role
    role_permissions["supervisor"] += _perms(["recordclass"], ["add"])

    def ready(self):
        from . import (  # noqa: F401
            events,  # noqa: F401  (the names of the app's audit events)
            providers,
            rules,
        )

        providers.register()
