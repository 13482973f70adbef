"""Field-by-field history of a record, for the History tab.

A sensitive field (``EncryptedTextField``: ID numbers, mobiles, bank accounts, health notes)
never shows its value here, not even partly masked: the tab says "changed". A reader who may
see the model's sensitive data (the model's ``sensitive_permission``) gets a "show" control
for each value, which asks the server for it; every such unmasking is written to the access
log like any other (``core.views.pages.history_unmask``).
"""

from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

HIDDEN_FIELDS = {"created", "updated", "password"}
CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


def is_sensitive(field):
    return getattr(field, "sensitive", False)


def may_unmask(user, model):
    """Whether ``user`` may ask for the clear values of ``model``'s sensitive fields: the
    model names the permission as ``sensitive_permission``; without one, nobody may."""
    perm = getattr(model, "sensitive_permission", "")
    return bool(perm) and user is not None and user.is_authenticated and user.has_perm(perm)


@dataclass(frozen=True)
class SensitiveValue:
    """A sensitive field's value in one history row, shown as "changed" (never the value);
    ``unmask_url`` is set for a reader who may ask for it (each asking is logged)."""

    field: str
    history_id: int
    unmask_url: str = ""
    sensitive = True

    @property
    def dom_id(self):
        return f"history-{self.history_id}-{self.field}"

    def __str__(self):
        return str(pgettext_lazy("sensitive value", "changed"))


def _display(field, value, related):
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.ForeignKey):
        return related.get((field.name, value), f"#{value}")
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    return value


def history_entries(obj, limit=200, user=None):
    """[{when, who, type, reason, changes: [(label, old, new)]}], newest first.

    One query for the history rows, one per foreign key that changed (not per row). A
    sensitive field's old and new values are :class:`SensitiveValue`s (see the module), with
    a "show" control for ``user`` if they may see the model's sensitive data.
    """
    records = list(
        obj.history.all().select_related("history_user").order_by("-history_date")[:limit]
    )
    model = type(obj)
    fields = {
        f.attname: f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS
        and not f.primary_key
        and not f.name.endswith("_hash")  # keyed digests of sensitive values
        and f.name not in getattr(model, "history_exclude", ())  # derived state
    }
    raw = []
    for i, record in enumerate(records):
        older = records[i + 1] if i + 1 < len(records) else None
        changes = []
        for attname, field in fields.items():
            new = getattr(record, attname, None)
            old = getattr(older, attname, None) if older is not None else None
            if older is None and record.history_type == "+":
                if new not in (None, "", False):
                    changes.append((field, None, new))
            elif older is not None and old != new:
                changes.append((field, old, new))
        raw.append((record, older, changes))

    # Resolve foreign keys to names in one query per field.
    wanted = {}
    for _record, _older, changes in raw:
        for field, old, new in changes:
            if isinstance(field, models.ForeignKey):
                wanted.setdefault(field, set()).update(v for v in (old, new) if v is not None)
    related = {}
    for field, ids in wanted.items():
        for target in field.related_model._base_manager.filter(pk__in=ids):
            related[(field.name, target.pk)] = str(target)

    unmask = may_unmask(user, model)

    def shown(field, value, record):
        if not is_sensitive(field):
            return _display(field, value, related)
        if value in (None, ""):
            return "—"
        url = ""
        if unmask:
            url = reverse(
                "core:history_unmask",
                args=[model._meta.label_lower, obj.pk, record.history_id, field.name],
            )
        return SensitiveValue(field.name, record.history_id, url)

    entries = []
    for record, older, changes in raw:
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "type": CHANGE_TYPES.get(record.history_type, record.history_type),
                "type_code": record.history_type,
                "reason": record.history_change_reason or "",
                "changes": [
                    (
                        field.verbose_name,
                        shown(field, old, older) if older is not None else "—",
                        shown(field, new, record),
                    )
                    for field, old, new in changes
                ],
            }
        )
    return entries
