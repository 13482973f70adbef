"""The authentication backend: Django's ModelBackend, its permission set remembered."""

from django.contrib.auth.backends import ModelBackend

from .permissions import load_access


class CachedPermissionBackend(ModelBackend):
    """``ModelBackend`` whose model-level permission set comes through ``load_access``: from
    the shared cache while no role, group or team changed (core.permissions)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            load_access(user_obj)
        return user_obj._perm_cache
