"""Field-by-field history of a record, for the History tab."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import mask

HIDDEN_FIELDS = {"created", "updated", "password"}
CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


def _display(field, value, related):
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.ForeignKey):
        return related.get((field.name, value), f"#{value}")
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if getattr(field, "sensitive", False):
        return mask(value)
    return value


def history_entries(obj, limit=200):
    """[{when, who, type, reason, changes: [(label, old, new)]}], newest first.

    One query for the history rows, one per foreign key that changed (not per row).
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
        raw.append((record, changes))

    # Resolve foreign keys to names in one query per field.
    wanted = {}
    for _record, changes in raw:
        for field, old, new in changes:
            if isinstance(field, models.ForeignKey):
                wanted.setdefault(field, set()).update(v for v in (old, new) if v is not None)
    related = {}
    for field, ids in wanted.items():
        for target in field.related_model._base_manager.filter(pk__in=ids):
            related[(field.name, target.pk)] = str(target)

    entries = []
    for record, changes in raw:
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
                        _display(field, old, related) if old is not None else "—",
                        _display(field, new, related),
                    )
                    for field, old, new in changes
                ],
            }
        )
    return entries
