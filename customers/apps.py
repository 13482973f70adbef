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


def incomplete_files(user):
    """My work: a clerk's files under the completeness threshold, in the teams they support."""
    from django.urls import reverse

    from core.mywork import WorkItem
    from core.permissions import get_profile

    from .selectors import incomplete_customers

    if not user.has_perm("customers.change_customer"):
        return []
    profile = get_profile(user)
    if not (profile.team_ids - profile.led_team_ids):  # clerks support teams they don't lead
        return []
    count = incomplete_customers(user=user).count()
    url = reverse("customers:customer_list") + "?incomplete=true&sort=completeness"
    return [WorkItem(_("Incomplete customer files"), count, url, level="warning")]


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
        from core import mywork, navigation

        from . import providers  # noqa: F401  (picker sources)

        navigation.register(
            "customers",
            navigation.MenuItem(
                _("Customer files"), "customers:customer_list", "customers.view_customer", "people"
            ),
        )
        navigation.register(
            "customers",
            navigation.MenuItem(
                _("Import from Excel"),
                "customers:customer_import",
                "customers.import_customer",
                "file-earmark-arrow-up",
            ),
        )
        navigation.register(
            "customers",
            navigation.MenuItem(
                _("Customer tags"),
                "customers:customertag_list",
                "customers.add_customertag",
                "tags",
            ),
        )
        mywork.register(incomplete_files)
