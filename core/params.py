"""Company-configurable rules: each app defines its parameters with a default in code; the
company changes them on the Settings page without a code change (regulation, supplementary
provisions). Every change is kept in history.

    STALLED_DAYS = params.define("sales.stalled_days", 14, _("Days without action ..."))
    ...
    params.get("sales.stalled_days")
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CACHE_KEY = "params:v1"
_CACHE_SECONDS = 30


@dataclass(frozen=True)
class ParamDef:
    key: str
    default: object
    label: str
    help_text: str = ""
    group: str = ""

    @property
    def kind(self):
        if isinstance(self.default, bool):
            return "bool"
        if isinstance(self.default, int):
            return "int"
        if isinstance(self.default, Decimal):
            return "decimal"
        if isinstance(self.default, (list, tuple)):
            return "list"
        return "str"

    def parse(self, raw):
        """Turn the text typed in the form (or stored JSON) into a value of the right kind."""
        kind = self.kind
        try:
            if kind == "bool":
                return (
                    raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes", "on")
                )
            if kind == "int":
                return int(raw)
            if kind == "decimal":
                return Decimal(str(raw))
            if kind == "list":
                if isinstance(raw, (list, tuple)):
                    items = raw
                else:
                    items = [p.strip() for p in str(raw).split(",") if p.strip()]
                proto = self.default[0] if self.default else ""
                return [type(proto)(i) if not isinstance(proto, str) else str(i) for i in items]
        except (ValueError, TypeError, InvalidOperation) as exc:
            raise ValidationError(_("Not a valid value for this setting.")) from exc
        return str(raw)

    def to_json(self, value):
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, (dt.date,)):
            return value.isoformat()
        return list(value) if isinstance(value, tuple) else value


_defs = {}


def define(key, default, label, help_text="", group=""):
    """Declare a parameter (at import time of the app's module); returns its definition."""
    definition = ParamDef(key, default, label, help_text, group or key.split(".", 1)[0])
    _defs[key] = definition
    return definition


def definitions():
    return dict(sorted(_defs.items()))


def _stored():
    values = cache.get(_CACHE_KEY)
    if values is None:
        from .models import Parameter

        values = dict(Parameter.objects.values_list("key", "value"))
        cache.set(_CACHE_KEY, values, _CACHE_SECONDS)
    return values


def get(key):
    """The current value of parameter ``key`` (the stored one, else its default)."""
    definition = _defs[key]
    stored = _stored()
    if key in stored:
        return definition.parse(stored[key])
    return definition.default


def set_value(key, value, *, actor):
    """Change a parameter (validated, recorded in history); returns the parsed value."""
    from .models import Parameter
    from .services import acting_as

    definition = _defs[key]
    parsed = definition.parse(value)
    with acting_as(actor):
        obj = Parameter.objects.filter(key=key).first() or Parameter(key=key)
        obj.value = definition.to_json(parsed)
        obj.full_clean()
        obj.save()
    cache.delete(_CACHE_KEY)
    return parsed


def reset(key, *, actor):
    from .models import Parameter
    from .services import acting_as

    with acting_as(actor):
        for obj in Parameter.objects.filter(key=key):
            obj.delete()
    cache.delete(_CACHE_KEY)
