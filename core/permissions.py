"""The permission layer: which rows of a model a user may see or act on.

Two sources, OR'd in one query (DESIGN.md "Permissions"):

* the role scope, declared once per model with ``scope = RowScope(...)``: the user's own
  records (owner fields), the records of the teams the user leads or supports, or
  everything for company-wide roles; child records take their parent's scope;
* explicit django-guardian grants on direct foreign-key permission models, read once per
  request (one small query) and inlined as ``pk IN (ids)``.

The user's permission set, access profile and grants are kept between requests in the
shared cache under one *access version* (``load_access``, ``granted_ids``). Receivers
connected at start-up in every process (``watch_access``, ``watch_grants``) move that version
on any change to users, groups, memberships, permissions, object grants, teams or
employees, so a revoked share, a departure or a role change is seen on the next request of
every process.

A user without the model permission (``<app>.<action>_<model>``) sees nothing at all.
"""

import time
from dataclasses import dataclass, field, fields
from functools import cache, reduce
from operator import or_

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from .querycache import change_made, move_version, on_change


@dataclass(frozen=True)
class RowScope:
    """How a model's rows belong to people.

    owner: field name(s) of a foreign key to the user who owns the row.
    team: field name of a foreign key to org.Team ("pk" for the team model itself).
    parent: field name of a foreign key whose visibility the row inherits.
    company_wide: whether company-wide roles (manager, HR, compliance) see every row.
    reference: every row is visible to whoever has the model permission (reference data,
        company settings, company-wide logs).
    parent_actions: which action on the parent a child action needs; by default adding,
        changing or deleting a child (a visit, an attachment) needs the right to change
        its parent, and viewing needs the right to view it.
    """

    owner: tuple = ()
    team: str | None = None
    parent: str | None = None
    company_wide: bool = True
    reference: bool = False
    parent_actions: dict = field(
        default_factory=lambda: {
            "view": "view",
            "add": "change",
            "change": "change",
            "delete": "change",
        }
    )

    def __post_init__(self):
        if isinstance(self.owner, str):
            object.__setattr__(self, "owner", (self.owner,))


@dataclass(frozen=True)
class AccessProfile:
    """What a user's position gives them: the teams they lead or support, and breadth.

    The one answer to "is this user a clerk / which teams does this user support": pages,
    selectors and providers ask the profile, never the groups or the employee record.

    role: the employee's position (a ``core.roles.Role`` value), "" without an employee.
    team_ids: the teams led or supported; led_team_ids and supported_team_ids split them.
    """

    user_id: int
    team_ids: frozenset = field(default_factory=frozenset)
    led_team_ids: frozenset = field(default_factory=frozenset)
    own_team_id: int | None = None
    company_wide: bool = False
    role: str = ""
    supported_team_ids: frozenset = field(default_factory=frozenset)

    @property
    def is_clerk(self):
        """A sales clerk by position (whether or not they support a team yet)."""
        return self.role == "clerk"


_PROFILE_SHAPE = "-".join(f.name for f in fields(AccessProfile))

COMPANY_WIDE_PERM = "org.company_wide_access"

# The apps whose records are customer data (the customer file and everything sold, applied
# for, issued and serviced under it). A user refused the ``customers.access`` gate
# (core.gates) holds none of their permissions: every page, list, picker and menu entry of
# them is closed, with the gate's reasons on the refusal page.
CUSTOMER_ACCESS = "customers.access"
CUSTOMER_DATA_APPS = frozenset({"customers", "sales", "underwriting", "aftersales"})

_profile_provider = None


def register_profile_provider(provider):
    """org registers the function that computes a user's AccessProfile (core can't import org)."""
    global _profile_provider
    _profile_provider = provider


def get_profile(user):
    """The user's AccessProfile: once per user object (so once per request), and from the
    shared cache when nothing that shapes it changed since it was last worked out."""
    cached = getattr(user, "_access_profile", None)
    if cached is not None:
        return cached
    load_access(user)
    return user._access_profile


# --- a user's access, remembered between requests ---------------------------------------
#
# Every page needs the user's permission set (two queries: direct and group permissions),
# access profile (two more: the teams led or supported, and the employee record) and, on
# pages of models that can be shared, the user's grants. They change only when a role, a
# team, an employee record or a grant does, so they are kept in the shared cache (Redis in
# production) under one "access version". Any saved or deleted user, group, permission,
# team, employee or object grant, and any change to group membership, a group's or a user's
# permissions or a team's clerks, moves the version (now and again when the transaction
# commits): every user's next request works them out afresh. The receivers are connected
# for every such model when the project starts, in every process (web, worker, command).
# The entries also expire after settings.ACCESS_CACHE_SECONDS, for changes that bypass the
# ORM's signals; 0 (the default without a shared cache) works them out on every request.

ACCESS_VERSION_KEY = "access-version"


def _access_key(user):
    # The profile's shape is part of the key: an entry pickled by a release whose profile had
    # other fields is never read back by this one.
    return f"access:{_PROFILE_SHAPE}:{user.pk}"


def access_changed(sender=None, **kwargs):
    """Forget every user's remembered permissions and profile."""
    if kwargs.get("update_fields") == frozenset({"last_login"}):
        return  # a login changes nobody's access
    if change_made(kwargs):
        move_version(ACCESS_VERSION_KEY, None)


def watch_access(*models):
    """Models whose saves, deletes or (for through models) m2m changes shape access."""
    for model in models:
        on_change(model, access_changed, "core.permissions.access")


def watch_grants():
    """Every django-guardian object-permission model (the generic ones and each model's
    direct foreign-key ones) shapes access: called once at start-up, when every model is
    loaded."""
    from django.apps import apps
    from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

    watch_access(
        *(
            m
            for m in apps.get_models()
            if issubclass(m, (UserObjectPermissionBase, GroupObjectPermissionBase))
        )
    )


def _access_version():
    version = shared_cache.get(ACCESS_VERSION_KEY)
    if version is None:  # never set, or evicted: start a new one (nothing matches it yet)
        shared_cache.add(ACCESS_VERSION_KEY, time.time_ns(), None)
        version = shared_cache.get(ACCESS_VERSION_KEY)
    return version


def load_access(user):
    """Give ``user`` (one request's user object) its permission set and access profile,
    with the related rows the profile read (the employee), from the cache or computed."""
    seconds = settings.ACCESS_CACHE_SECONDS
    if not seconds:
        _work_out(user)
        return
    key = _access_key(user)
    found = shared_cache.get_many([key, ACCESS_VERSION_KEY])
    version = found.get(ACCESS_VERSION_KEY)
    entry = found.get(key)
    if version is None:
        version = _access_version()
    if entry is not None and entry[0] == version:
        _version, perms, profile, related = entry
        if user.is_active and not hasattr(user, "_perm_cache"):
            user._perm_cache = set(perms)
        user._access_profile = profile
        for name, value in related.items():
            user._state.fields_cache.setdefault(name, value)
        return
    perms, related = _work_out(user)
    if user.pk is not None:
        entry = (version, frozenset(perms), user._access_profile, related)
        shared_cache.set(key, entry, seconds)


def _work_out(user):
    """Compute the user's permission set (``user._perm_cache``) and profile; returns the
    permissions and the related rows the profile read (``{name: object}``)."""
    from django.contrib.auth.backends import ModelBackend

    before = set(user._state.fields_cache)
    perms = ModelBackend().get_all_permissions(user) if user.is_active else set()
    if _profile_provider is not None:
        user._access_profile = _profile_provider(user)
    else:
        user._access_profile = AccessProfile(
            user_id=user.pk, company_wide=user.has_perm(COMPANY_WIDE_PERM)
        )
    if perms and not user.is_superuser and any(_customer_data(p) for p in perms):
        from . import gates

        if gates.refusals(CUSTOMER_ACCESS, user):
            perms = {p for p in perms if not _customer_data(p)}
            user._perm_cache = perms
    related = {n: v for n, v in user._state.fields_cache.items() if n not in before}
    return perms, related


def _customer_data(perm):
    return perm.split(".", 1)[0] in CUSTOMER_DATA_APPS


def access_refusals(user, perm):
    """Why ``user`` lacks ``perm`` when a gate withholds it (the ``customers.access`` gate
    for a permission of the customer-data apps); empty otherwise."""
    if not _customer_data(perm) or not user.is_authenticated:
        return []
    from . import gates

    return gates.refusals(CUSTOMER_ACCESS, user)


def clear_profile(user):
    """Forget the cached profile and permissions, e.g. after a team change in the same request."""
    for attr in (
        "_access_profile",
        "_grant_cache",
        "_perm_cache",
        "_user_perm_cache",
        "_group_perm_cache",
    ):
        if hasattr(user, attr):
            delattr(user, attr)


def perm_name(model, action):
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


@cache
def _grant_models(model):
    """The direct foreign-key guardian permission models of ``model``, or (None, None)."""
    from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

    umodel = get_user_obj_perms_model(model)
    gmodel = get_group_obj_perms_model(model)
    direct = [m for m in (umodel, gmodel) if not hasattr(m, "object_pk")]
    if len(direct) != 2:
        return None, None
    return umodel, gmodel


# Above this many granted rows the grants stay a subquery rather than an inline id list
# (SQLite caps the number of query parameters; nobody is shared hundreds of files by hand).
INLINE_GRANTS_MAX = 500


def _grant_rows(model, user, action):
    """The user's and the user's groups' grant rows of ``action`` on ``model``."""
    umodel, gmodel = _grant_models(model)
    codename = f"{action}_{model._meta.model_name}"
    by_user = umodel.objects.filter(user_id=user.pk, permission__codename=codename)
    by_group = gmodel.objects.filter(group__user=user.pk, permission__codename=codename)
    return by_user, by_group


def granted_ids(model, user, action):
    """The pks of ``model`` rows explicitly granted to the user or their groups.

    One small query per user object, model and action (so once per request); with access
    cached (``ACCESS_CACHE_SECONDS``) remembered between requests under the access version,
    which any grant, membership, permission or user change moves in every process. The ids
    are read first and inlined because ``OR pk IN (subquery)`` beside the owner/team
    condition keeps PostgreSQL's planner off the owner/team indexes (a sequential scan at
    scale). Returns None when the model has no direct grant tables.
    """
    if _grant_models(model)[0] is None:
        return None
    cache = user.__dict__.setdefault("_grant_cache", {})
    key = (model._meta.label_lower, action)
    if key not in cache:
        cache[key] = _remembered_grants(model, user, action)
    return cache[key]


def _read_grants(model, user, action):
    by_user, by_group = _grant_rows(model, user, action)
    ids = by_user.values_list("content_object_id", flat=True)
    return frozenset(ids.union(by_group.values_list("content_object_id", flat=True)))


def _remembered_grants(model, user, action):
    seconds = settings.ACCESS_CACHE_SECONDS
    if not seconds or user.pk is None:
        return _read_grants(model, user, action)
    key = f"grants:{user.pk}:{model._meta.label_lower}:{action}"
    found = shared_cache.get_many([key, ACCESS_VERSION_KEY])
    version = found.get(ACCESS_VERSION_KEY)
    if version is None:
        version = _access_version()
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    ids = _read_grants(model, user, action)
    shared_cache.set(key, (version, ids), seconds)
    return ids


def grant_q(model, user, action):
    """Rows explicitly granted to the user or the user's groups, as a Q (None: no grants)."""
    ids = granted_ids(model, user, action)
    if not ids:
        return None
    if len(ids) > INLINE_GRANTS_MAX:
        by_user, by_group = _grant_rows(model, user, action)
        return models.Q(pk__in=by_user.values("content_object_id")) | models.Q(
            pk__in=by_group.values("content_object_id")
        )
    return models.Q(pk__in=sorted(ids))


def scope_q(model, user, action="view"):
    """The Q of rows ``user`` may ``action`` by role scope and grants; None means every row."""
    custom = getattr(model, "row_scope_q", None)
    profile = get_profile(user)
    if custom is not None:
        return custom(user, profile, action)
    scope = getattr(model, "scope", None)
    if not isinstance(scope, RowScope):
        raise ImproperlyConfigured(f"{model.__name__} declares no RowScope")
    if scope.reference or (profile.company_wide and scope.company_wide):
        return None
    parts = []
    if scope.parent:
        parent_model = model._meta.get_field(scope.parent).related_model
        parent_action = scope.parent_actions.get(action, action)
        parent_rows = parent_model.objects.visible_to(user, parent_action).values("pk")
        parts.append(models.Q(**{f"{scope.parent}__in": parent_rows}))
    for owner in scope.owner:
        parts.append(models.Q(**{owner: user.pk}))
    if scope.team and profile.team_ids:
        parts.append(models.Q(**{f"{scope.team}__in": sorted(profile.team_ids)}))
    grants = grant_q(model, user, action)
    if grants is not None:
        parts.append(grants)
    if not parts:
        return models.Q(pk__in=[])
    return reduce(or_, parts)


class RestrictedQuerySet(models.QuerySet):
    """A queryset that can narrow itself to what a user may see or do."""

    def visible_to(self, user, action="view"):
        """Rows ``user`` may ``action`` (view, change, delete, ...). Hidden rows are absent."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if not user.has_perm(perm_name(self.model, action)):
            return self.none()
        q = scope_q(self.model, user, action)
        if q is None:
            return self
        return self.filter(q)


def can(user, obj, action="view"):
    """Whether ``user`` may ``action`` this one object (one query; for single objects only)."""
    model = type(obj)
    return model._default_manager.visible_to(user, action).filter(pk=obj.pk).exists()
