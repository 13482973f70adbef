"""A throwaway model with direct foreign-key grant tables, for testing the permission layer.

The foundation's own models (org) have no django-guardian grant tables, yet the permission
layer's grant subquery, child-scope inheritance and sensitive-field encryption must be tested
here, in core, not only by the first app that uses them. ``probe`` registers a small model
family in the ``core`` app, creates its tables and permissions, and removes all of it again
when the test module ends, so no other test (and no migration) ever sees it.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from core import querycache
from core.crypto import EncryptedTextField
from core.permissions import RestrictedQuerySet, RowScope, _grant_models, watch_grants
from core.roles import Role


def _meta(*bases, **attrs):
    return type("Meta", bases, {"app_label": "core", **attrs})


def _build_models():
    """The probe models: a record with owner/team/secret, its child, and its grant tables."""

    def probe_str(self):
        return self.name

    probe = type(
        "GrantProbe",
        (models.Model,),
        {
            "__module__": __name__,
            "__doc__": "A record owned by a user in a team, shareable with grants.",
            "name": models.CharField(max_length=50),
            "owner": models.ForeignKey(
                settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
            ),
            "team": models.ForeignKey(
                "org.Team", null=True, on_delete=models.CASCADE, related_name="+"
            ),
            "secret": EncryptedTextField(blank=True),
            "objects": RestrictedQuerySet.as_manager(),
            "scope": RowScope(owner="owner", team="team"),
            "Meta": _meta(ordering=["name"]),
            "__str__": probe_str,
            "get_absolute_url": lambda self: f"/probe/{self.pk}/",
        },
    )
    child = type(
        "GrantProbeChild",
        (models.Model,),
        {
            "__module__": __name__,
            "__doc__": "A child record: it inherits its parent's visibility.",
            "name": models.CharField(max_length=50),
            "parent": models.ForeignKey(probe, on_delete=models.CASCADE, related_name="children"),
            "objects": RestrictedQuerySet.as_manager(),
            "scope": RowScope(parent="parent"),
            "Meta": _meta(ordering=["name"]),
            "__str__": probe_str,
        },
    )
    user_grant = type(
        "GrantProbeUserObjectPermission",
        (UserObjectPermissionBase,),
        {
            "__module__": __name__,
            "content_object": models.ForeignKey(probe, on_delete=models.CASCADE),
            "Meta": _meta(UserObjectPermissionBase.Meta),
        },
    )
    group_grant = type(
        "GrantProbeGroupObjectPermission",
        (GroupObjectPermissionBase,),
        {
            "__module__": __name__,
            "content_object": models.ForeignKey(probe, on_delete=models.CASCADE),
            "Meta": _meta(GroupObjectPermissionBase.Meta),
        },
    )
    return probe, child, user_grant, group_grant


def _unregister(model_classes):
    registry = apps.all_models["core"]
    for model in model_classes:
        registry.pop(model._meta.model_name, None)
    apps.clear_cache()
    ContentType.objects.clear_cache()
    _grant_models.cache_clear()


@pytest.fixture(scope="module")
def probe(django_db_setup, django_db_blocker):
    """SimpleNamespace(Probe, Child, UserGrant, GroupGrant): tables and permissions exist."""
    built = _build_models()
    with django_db_blocker.unblock():
        try:
            with connection.schema_editor() as editor:
                for model in built:
                    editor.create_model(model)
            create_permissions(apps.get_app_config("core"), verbosity=0)
            # Start-up wires every model's change receivers; these came after it.
            querycache.connect()
            watch_grants()
        except Exception:
            _unregister(built)
            raise
    try:
        yield SimpleNamespace(
            Probe=built[0], Child=built[1], UserGrant=built[2], GroupGrant=built[3]
        )
    finally:
        with django_db_blocker.unblock():
            type_ids = [ContentType.objects.get_for_model(m).pk for m in built]
            with connection.schema_editor() as editor:
                for model in reversed(built):
                    editor.delete_model(model)
            # Raw deletes: the ORM's cascade would visit every grant table of every app.
            placeholders = ", ".join(["%s"] * len(type_ids))
            with connection.cursor() as cursor:
                for table in (Permission._meta.db_table, ContentType._meta.db_table):
                    column = "content_type_id" if table == Permission._meta.db_table else "id"
                    cursor.execute(
                        f"DELETE FROM {table} WHERE {column} IN ({placeholders})", type_ids
                    )
        _unregister(built)


@pytest.fixture
def probe_perms(probe, db):
    """Every role group may view and change probes and their children (model permissions)."""
    codenames = [
        f"{action}_{model._meta.model_name}"
        for model in (probe.Probe, probe.Child)
        for action in ("view", "change")
    ]
    perms = list(Permission.objects.filter(content_type__app_label="core", codename__in=codenames))
    assert len(perms) == len(codenames)
    for role in Role:
        Group.objects.get(name=role.value).permissions.add(*perms)
    return perms
