"""The role groups and the model permissions each receives.

The groups themselves are created by a data migration (org 0002); each app declares the
permissions its roles need as ``role_permissions`` on its AppConfig, and this module makes
each role group hold exactly those after every migrate: a permission a role no longer
declares is taken away (a role narrows as well as widens). Extra rights for one person are
given to that user, or through a group of its own, never by editing a role group.
"""

from django.apps import apps as global_apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CLERK = "clerk", _("Sales clerk")
    SALESPERSON = "salesperson", _("Salesperson")
    SUPERVISOR = "supervisor", _("Sales supervisor")
    HR = "hr", _("Human resources")
    MANAGER = "manager", _("Management")
    COMPLIANCE = "compliance", _("Compliance")


def declared_role_permissions():
    """{role: {"app_label.codename", ...}} gathered from every app's AppConfig."""
    result = {role.value: set() for role in Role}
    for config in global_apps.get_app_configs():
        for role, perms in getattr(config, "role_permissions", {}).items():
            result[role].update(perms)
    return result


def sync_role_permissions(sender=None, using="default", apps=global_apps, **kwargs):
    """post_migrate: make each role group hold exactly the permissions the apps declare for
    it, for the migrated app's permissions (``sender``) or, called without one, for all."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    label = getattr(sender, "label", None)
    for role, perms in declared_role_permissions().items():
        wanted = [p.split(".", 1) for p in perms if label is None or p.startswith(label + ".")]
        group, _ = Group.objects.using(using).get_or_create(name=role)
        q = models.Q(pk__in=[])
        for app_label, codename in wanted:
            q |= models.Q(content_type__app_label=app_label, codename=codename)
        declared = set(Permission.objects.using(using).filter(q).values_list("pk", flat=True))
        held = group.permissions.all()
        if label is not None:
            held = held.filter(content_type__app_label=label)
        held = set(held.values_list("pk", flat=True))
        if held - declared:
            group.permissions.remove(*(held - declared))
        if declared - held:
            group.permissions.add(*(declared - held))
