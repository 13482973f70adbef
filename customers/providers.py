"""What the customer files add to core's registries: their menu entries and the clerks'
"incomplete files" item on My work."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import mywork, navigation
from core.permissions import get_profile

from .selectors import incomplete_customers


def incomplete_files(user):
    """My work: a clerk's files under the completeness threshold, in the teams they support."""
    if not user.has_perm("customers.change_customer"):
        return []
    if not get_profile(user).supported_team_ids:  # a clerk's work, in the teams they support
        return []
    count = incomplete_customers(user=user).count()
    url = reverse("customers:customer_list") + "?incomplete=true&sort=completeness"
    return [mywork.WorkItem(_("Incomplete customer files"), count, url, level="warning")]


def register():
    """Called once from ``CustomersConfig.ready()``."""
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
