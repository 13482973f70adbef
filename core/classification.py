"""Confidentiality classes (the regulation's "signage" clause): public 公開, internal 內部,
confidential 機密, secret 絕密.

Every model has a class, declared once: a ``classification`` attribute on the model, or a
line of the registry an app fills at start-up (``declare({"customers.customer": SECRET})``,
confidentiality's ``classes.py``). A document (an uploaded paper) takes its class from its
kind (``declare_kinds``), unless an authorised user set the class of that one record
(``set_record_lookup``: confidentiality keeps those, with their history).

Pages show the class mark beside the title; PDFs and Excel files carry it beside the
downloader's watermark (``core.stamping``); the class decides who may download a file
(``check_download``), by the company's rule table (the ``core.download_*`` settings).
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import params


class Level(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")
    CONFIDENTIAL = "confidential", _("Confidential")
    SECRET = "secret", _("Secret")


PUBLIC, INTERNAL, CONFIDENTIAL, SECRET = (
    Level.PUBLIC,
    Level.INTERNAL,
    Level.CONFIDENTIAL,
    Level.SECRET,
)
# Lowest to highest.
ORDER = [PUBLIC, INTERNAL, CONFIDENTIAL, SECRET]
# The colour of each class's badge on pages.
COLOURS = {
    PUBLIC: "success",
    INTERNAL: "info",
    CONFIDENTIAL: "warning",
    SECRET: "danger",
}

# Who may download a file of a class: the record's readers, the company-wide roles
# (manager, HR, compliance), team leads and clerks of the record's team, the owner.
READERS, SENSITIVE, COMPANY_WIDE, TEAM, OWNER = (
    "readers",
    "sensitive",
    "company_wide",
    "team",
    "owner",
)
DOWNLOADERS = [
    (READERS, _("Everyone who may open the record")),
    (SENSITIVE, _("Those who may see the record's sensitive data")),
    (COMPANY_WIDE, _("Company-wide roles (manager, HR, compliance)")),
    (TEAM, _("Supervisors and clerks of the record's team")),
    (OWNER, _("The record's owner or uploader")),
]

DOWNLOAD_RULES = {
    level: params.define(
        f"core.download_{level}",
        default,
        label,
        _(
            "Who may download a file of this class (the record's page stays visible to its "
            "readers). A superuser may always download."
        ),
        group="confidentiality",
        kind=params.MULTIPLE_CHOICE,
        choices=DOWNLOADERS,
    ).key
    for level, default, label in (
        (PUBLIC, [READERS], _("Download of public (公開) files")),
        (INTERNAL, [READERS], _("Download of internal (內部) files")),
        (CONFIDENTIAL, [READERS], _("Download of confidential (機密) files")),
        (SECRET, [SENSITIVE, OWNER], _("Download of secret (絕密) files")),
    )
}

# The right to see sensitive customer data, for a record that names no
# ``sensitive_permission`` of its own (an application's or a claim's papers).
SENSITIVE_PERMISSION = "customers.view_sensitive"

_models = {}  # "app.model" -> level
_kinds = {}  # "app.model" -> {kind: level}
_record_lookup = None
_classify_url = None


def declare(levels):
    """Declare the class of models: ``{"app_label.modelname": level}``."""
    for label, level in levels.items():
        _models[label.lower()] = Level(level)


def declare_kinds(label, levels):
    """Declare the class of a document model's papers by kind: ``{kind: level}``."""
    _kinds.setdefault(label.lower(), {}).update({k: Level(v) for k, v in levels.items()})


def set_record_lookup(lookup):
    """``lookup(obj) -> level or None``: the class set on one record (confidentiality)."""
    global _record_lookup
    _record_lookup = lookup


def set_classify_url(provider):
    """``provider(obj, user) -> url or None``: where ``user`` sets the class of ``obj``
    (confidentiality's page), offered beside a paper on its record's Documents tab."""
    global _classify_url
    _classify_url = provider


def classify_url(obj, user):
    """The page where ``user`` may set the class of ``obj``, or None."""
    return _classify_url(obj, user) if _classify_url is not None else None


def _concrete(model):
    # a history row or a grant row has the class of the record it belongs to
    instance_type = getattr(model, "instance_type", None)
    if instance_type is not None:
        return instance_type
    content_object = getattr(model, "content_object", None)
    if content_object is not None and hasattr(content_object, "field"):
        return content_object.field.related_model
    return model


def model_level(model):
    """The class declared for ``model`` (a class or an instance); LookupError if none."""
    model = _concrete(model if isinstance(model, type) else type(model))
    own = model.__dict__.get("classification")
    if isinstance(own, str) and own:
        return Level(own)
    label = model._meta.label_lower
    if label in _models:
        return _models[label]
    raise LookupError(f"No confidentiality class declared for {label}")


def kind_level(obj):
    """The class of a paper from its kind, or None."""
    kinds = _kinds.get(type(obj)._meta.label_lower)
    kind = getattr(obj, "kind", None)
    if kinds and kind in kinds:
        return kinds[kind]
    return None


def stored_level(obj):
    """The class kept in the record's own ``classification`` field (a customer's
    attachment), or None."""
    try:
        type(obj)._meta.get_field("classification")
    except Exception:  # noqa: BLE001 - FieldDoesNotExist, or not a model
        return None
    value = getattr(obj, "classification", None)
    return Level(value) if value in Level.values else None


def default_level(obj):
    """The class a record has unless one was set on it apart: the one kept in its own
    field, else its kind's, else its model's."""
    try:
        return stored_level(obj) or kind_level(obj) or model_level(obj)
    except LookupError:
        return CONFIDENTIAL


def level_of(obj):
    """The class of one record: as set on it, else its kind's, else its model's."""
    if _record_lookup is not None and getattr(obj, "pk", None) is not None:
        level = _record_lookup(obj)
        if level:
            return Level(level)
    return default_level(obj)


def level_of_model(model):
    """The class a list page of ``model`` shows (confidential when none is declared)."""
    try:
        return model_level(model)
    except LookupError:
        return CONFIDENTIAL


def mark(level=None):
    """The class mark as printed: 機密 (the confidential class when none is given)."""
    return str(Level(level or CONFIDENTIAL).label)


def badge(level):
    """(mark, colour) of the class's badge on a page."""
    level = Level(level or CONFIDENTIAL)
    return {"level": level.value, "mark": str(level.label), "colour": COLOURS[level]}


def _resolve_path(obj, path):
    """The value at ``path`` ("employee__user") of ``obj``, or None."""
    for name in path.split("__"):
        if obj is None:
            return None
        if name == "pk":
            return obj.pk
        obj = getattr(obj, name, None)
    return obj


def _owner_ids(obj, depth=0):
    """Users who own ``obj``: its scope's owner fields, its uploader, its parent's owners."""
    ids = set()
    if obj is None or depth > 3:
        return ids
    for name in ("uploaded_by_id", "user_id", "recorded_by_id"):
        value = getattr(obj, name, None)
        if value:
            ids.add(value)
    scope = getattr(type(obj), "scope", None)
    if scope is None:
        return ids
    for path in scope.owner or ():
        value = _resolve_path(obj, path)
        if value is not None:
            ids.add(getattr(value, "pk", value))
    if scope.parent:
        ids |= _owner_ids(getattr(obj, scope.parent, None), depth + 1)
    return ids


def _sensitive_permission(obj, depth=0):
    """The permission that may see ``obj``'s sensitive data (its own or its parent's)."""
    if obj is None or depth > 3:
        return None
    perm = getattr(type(obj), "sensitive_permission", None)
    if perm:
        return perm
    scope = getattr(type(obj), "scope", None)
    if scope is not None and scope.parent:
        found = _sensitive_permission(getattr(obj, scope.parent, None), depth + 1)
        if found:
            return found
    return SENSITIVE_PERMISSION if depth == 0 else None


def _team_id(obj, depth=0):
    if obj is None or depth > 3:
        return None
    scope = getattr(type(obj), "scope", None)
    if scope is None:
        return None
    if scope.team:
        team = _resolve_path(obj, scope.team)
        return getattr(team, "pk", team)
    if scope.parent:
        return _team_id(getattr(obj, scope.parent, None), depth + 1)
    return None


def may_download(user, obj, level=None):
    """Whether ``user`` (who may open ``obj``) may download its file of class ``level``."""
    from .permissions import get_profile

    if user.is_superuser:
        return True
    level = Level(level or level_of(obj))
    allowed = set(params.get(DOWNLOAD_RULES[level]) or ())
    if READERS in allowed:
        return True
    if SENSITIVE in allowed:
        perm = _sensitive_permission(obj)
        if perm and user.has_perm(perm):
            return True
    profile = get_profile(user)
    if COMPANY_WIDE in allowed and profile.company_wide:
        return True
    if OWNER in allowed and user.pk in _owner_ids(obj):
        return True
    if TEAM in allowed:
        team = _team_id(obj)
        if team is not None and team in profile.team_ids:
            return True
    return False


def check_download(user, obj, level=None):
    """The class of ``obj``'s file if ``user`` may download it; else PermissionDenied with
    the reason (the 403 page shows it)."""
    level = Level(level or level_of(obj))
    if not may_download(user, obj, level):
        raise PermissionDenied(
            gettext(
                "This file is classified %(mark)s: under the company's rules you may open "
                "the record but not download its %(mark)s files. Ask its owner or compliance."
            )
            % {"mark": mark(level)}
        )
    return level
