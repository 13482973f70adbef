from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_CHILDREN = ("familymember", "customerneed", "existingcover", "customerattachment")


def _perms(actions, models=_CHILDREN):
    return [f"customers.{a}_{m}" for m in models for a in actions]


_WORK = [
    "customers.view_customer",
    "customers.add_customer",
    "customers.change_customer",
    "customers.view_sensitive",
    *_perms(("view", "add", "change", "delete")),
    "customers.view_customertag",
]


class CustomersConfig(AppConfig):
    name = "customers"
    verbose_name = _("Customers")
    default_auto_field = "django.db.models.BigAutoField"

    # Salespeople: own and shared files, and may share them. Clerks: the supported teams'
    # files, import and export. Supervisors: the team's files, and reassign. Everyone who
    # edits files may unmask numbers (each unmasking is logged); managers read masked data.
    # HR and compliance: no customer pages (compliance reads the access and export logs).
    role_permissions = {
        "clerk": [
            *_WORK,
            "customers.add_customertag",
            "customers.change_customertag",
            "customers.import_customer",
            "customers.export_customer",
        ],
        "salesperson": [*_WORK, "customers.share_customer"],
        "supervisor": [
            *_WORK,
            "customers.add_customertag",
            "customers.change_customertag",
            "customers.import_customer",
            "customers.export_customer",
            "customers.reassign_customer",
            "customers.share_customer",
        ],
        "manager": [
            "customers.view_customer",
            *_perms(("view",)),
            "customers.view_customertag",
            "customers.export_customer",
        ],
    }

    def ready(self):
        from . import (
            events,  # noqa: F401  (the names of the app's audit events)
            providers,
        )

        providers.register()
