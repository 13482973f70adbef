from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def unread_notifications(user):
    from django.urls import reverse

    from .mywork import WorkItem
    from .services import unread_count

    count = unread_count(user)
    return [
        WorkItem(_("Unread notifications"), count, reverse("core:notification_list") + "?unread=1")
    ]


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"

    # Model permissions each role group receives (see core.roles). Codenames only, so an
    # app declares its own grants without importing anyone.
    role_permissions = {
        # Clear export requests: each sees their own; the supervisor approves the team's.
        "clerk": ["core.view_notification", "core.view_exportrequest"],
        "salesperson": ["core.view_notification", "core.view_exportrequest"],
        "supervisor": [
            "core.view_notification",
            "core.view_parameter",
            "core.view_exportrequest",
            "core.approve_exportrequest",
        ],
        "hr": ["core.view_notification", "core.view_parameter"],
        "manager": ["core.view_notification", "core.view_parameter"],
        "compliance": [
            "core.view_notification",
            "core.view_accesslog",
            "core.view_exportlog",
            "core.view_auditevent",
            "core.view_parameter",
        ],
    }

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import post_migrate

        from . import events, querycache, roles, signals  # noqa: F401
        from .permissions import watch_access, watch_grants

        # Every process (web, worker, command) moves the versions that caches of access and
        # of query results are keyed on, whatever it has read itself.
        querycache.connect()
        watch_grants()
        User = get_user_model()
        watch_access(
            User,
            Group,
            Permission,
            User.groups.through,
            User.user_permissions.through,
            Group.permissions.through,
        )

        post_migrate.connect(roles.sync_role_permissions, dispatch_uid="core.sync_roles")

        from . import mywork, navigation

        for label, url_name, perm, icon in (
            (_("Access log"), "core:accesslog_list", "core.view_accesslog", "eye"),
            (_("Export log"), "core:exportlog_list", "core.view_exportlog", "download"),
            (_("Audit events"), "core:auditevent_list", "core.view_auditevent", "journal-text"),
        ):
            navigation.register("confidentiality", navigation.MenuItem(label, url_name, perm, icon))
        navigation.register(
            "admin",
            navigation.MenuItem(
                _("Settings"), "core:parameter_list", "core.view_parameter", "sliders"
            ),
        )
        mywork.register(unread_notifications)

        from .clear_exports import pending_approvals

        mywork.register(pending_approvals)

        from . import jobs

        jobs.describe("clear_expired_sessions", _("Clear expired sessions"))
        jobs.describe("send_notification", _("Send a notification"))
        jobs.describe("email_notification", _("E-mail a notification"))
        jobs.describe("bulk_action", _("Bulk action on a list"))
        jobs.describe("reconcile", _("Check and complete scheduled work"))
