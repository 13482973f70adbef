from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_VIEW = ["org.view_employee", "org.view_team", "org.view_grade", "org.view_calendarday"]


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = _("Organisation")
    default_auto_field = "django.db.models.BigAutoField"

    role_permissions = {
        "clerk": _VIEW,
        "salesperson": _VIEW,
        "supervisor": _VIEW,
        "hr": [
            *_VIEW,
            "org.add_employee",
            "org.change_employee",
            "org.add_team",
            "org.change_team",
            "org.add_grade",
            "org.change_grade",
            "org.add_calendarday",
            "org.change_calendarday",
            "org.delete_calendarday",
            "org.company_wide_access",
        ],
        "manager": [*_VIEW, "org.company_wide_access"],
        "compliance": [*_VIEW, "org.company_wide_access"],
    }

    def ready(self):
        from . import (
            events,  # noqa: F401  (the names of the app's audit events)
            providers,
        )

        providers.register()
        from core.permissions import watch_access

        from .models import Employee, Team

        watch_access(Employee, Team, Team.clerks.through)
