"""What the organisation adds to core's registries: its menu entries (Administration group)
and the access profile every permission check reads (core.permissions)."""

from django.utils.translation import gettext_lazy as _

from core import navigation
from core.permissions import register_profile_provider

from .scopes import access_profile


def register():
    """Called once from ``OrgConfig.ready()``."""
    register_profile_provider(access_profile)
    navigation.register(
        "admin",
        navigation.MenuItem(
            _("Employees"), "org:employee_list", "org.view_employee", "person-badge"
        ),
    )
    navigation.register(
        "admin", navigation.MenuItem(_("Teams"), "org:team_list", "org.view_team", "diagram-3")
    )
