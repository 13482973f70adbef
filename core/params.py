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
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

_CACHE_KEY = "params:v1"
_CACHE_SECONDS = 30


# The kinds of setting, each with its own form widget (core.forms.ParameterForm). A rule
# declares its kind; a definition without one gets it from its default's type.
BOOL = "bool"  # a checkbox
NUMBER = "number"  # a whole number
DAYS = "days"  # a number of days
DECIMAL = "decimal"  # a rate or amount, e.g. 0.10
CHOICE = "choice"  # one of ``choices`` (a select)
MULTIPLE_CHOICE = "multiple_choice"  # some of ``choices`` (a multi-select)
NUMBERS = "numbers"  # a list of whole numbers, e.g. reminder offsets 60, 30, 15, 7
TEXTS = "texts"  # a list of words, e.g. host names
TEXT = "text"
KINDS = (BOOL, NUMBER, DAYS, DECIMAL, CHOICE, MULTIPLE_CHOICE, NUMBERS, TEXTS, TEXT)
_LIST_KINDS = (MULTIPLE_CHOICE, NUMBERS, TEXTS)


def _inferred_kind(default):
    if isinstance(default, bool):
        return BOOL
    if isinstance(default, int):
        return NUMBER
    if isinstance(default, Decimal):
        return DECIMAL
    if isinstance(default, (list, tuple)):
        return NUMBERS if default and isinstance(default[0], int) else TEXTS
    return TEXT


@dataclass(frozen=True)
class ParamDef:
    """A company setting: its key, default, label and help, and its kind, which decides how
    it is typed in (``choices``: a list of (code, label), or a function returning one, read
    when the form is built; ``min_value``/``max_value``: bounds of a number)."""

    key: str
    default: object
    label: str
    help_text: str = ""
    group: str = ""
    declared_kind: str = ""
    choices: object = None
    min_value: object = None
    max_value: object = None
    position: int = 0

    @property
    def kind(self):
        return self.declared_kind or _inferred_kind(self.default)

    @property
    def is_list(self):
        return self.kind in _LIST_KINDS

    def choice_list(self):
        """The (code, label) choices of a choice setting, in their order."""
        choices = self.choices() if callable(self.choices) else self.choices
        return list(choices or ())

    def parse(self, raw):
        """Turn the text typed in the form (or stored JSON) into a value of the right kind."""
        kind = self.kind
        try:
            if kind == BOOL:
                return (
                    raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes", "on")
                )
            if kind in (NUMBER, DAYS):
                return int(raw)
            if kind == DECIMAL:
                return Decimal(str(raw))
            if kind in _LIST_KINDS:
                if isinstance(raw, (list, tuple)):
                    items = raw
                else:
                    items = [p.strip() for p in str(raw).split(",") if p.strip()]
                if kind == NUMBERS:
                    return [int(i) for i in items]
                return [str(i) for i in items]
        except (ValueError, TypeError, InvalidOperation) as exc:
            raise ValidationError(_("Not a valid value for this setting.")) from exc
        return str(raw)

    def validate(self, value):
        """Refuse a parsed value outside the setting's choices or bounds."""
        if self.kind in (CHOICE, MULTIPLE_CHOICE):
            codes = {str(code) for code, _label in self.choice_list()}
            values = value if isinstance(value, list) else [value]
            unknown = [str(v) for v in values if str(v) not in codes]
            if unknown:
                raise ValidationError(
                    _("Not one of the choices: %(values)s") % {"values": ", ".join(unknown)}
                )
        numbers = value if self.kind == NUMBERS else [value]
        if self.kind in (NUMBER, DAYS, DECIMAL, NUMBERS):
            for number in numbers:
                if self.min_value is not None and number < self.min_value:
                    raise ValidationError(
                        _("Enter a number of at least %(min)s.") % {"min": self.min_value}
                    )
                if self.max_value is not None and number > self.max_value:
                    raise ValidationError(
                        _("Enter a number of at most %(max)s.") % {"max": self.max_value}
                    )

    def display(self, value):
        """A value as a person reads it: choices by their names, yes/no, days with the unit."""
        kind = self.kind
        if kind == BOOL:
            return _("Yes") if value else _("No")
        if kind in (CHOICE, MULTIPLE_CHOICE):
            labels = {str(code): label for code, label in self.choice_list()}
            values = value if isinstance(value, (list, tuple)) else [value]
            if not values:
                return _("None")
            separator = "、" if (get_language() or "").startswith("zh") else ", "
            return separator.join(str(labels.get(str(v), v)) for v in values)
        if kind == DAYS:
            return ngettext("%(n)s day", "%(n)s days", value) % {"n": value}
        if isinstance(value, (list, tuple)):
            return ", ".join(str(v) for v in value) if value else _("None")
        return str(value)

    def to_json(self, value):
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, (dt.date,)):
            return value.isoformat()
        return list(value) if isinstance(value, tuple) else value


_defs = {}


def define(
    key,
    default,
    label,
    help_text="",
    group="",
    *,
    kind="",
    choices=None,
    min_value=None,
    max_value=None,
):
    """Declare a parameter (at import time of the app's module); returns its definition.

    ``kind`` is one of :data:`KINDS` (by default taken from the default's type); settings
    are listed by app in the order they are defined."""
    if kind and kind not in KINDS:
        raise ValueError(f"Unknown kind of setting: {kind}")
    if kind in (CHOICE, MULTIPLE_CHOICE) and choices is None:
        raise ValueError(f"A {kind} setting needs its choices: {key}")
    if min_value is None and (kind or _inferred_kind(default)) in (NUMBER, DAYS, DECIMAL, NUMBERS):
        min_value = 0
    position = _defs[key].position if key in _defs else len(_defs)
    definition = ParamDef(
        key,
        default,
        label,
        help_text,
        group or key.split(".", 1)[0],
        kind,
        choices,
        min_value,
        max_value,
        position,
    )
    _defs[key] = definition
    return definition


def definitions():
    """Every setting, grouped by app (alphabetically), each app's in the order defined."""
    return dict(sorted(_defs.items(), key=lambda item: (item[1].group, item[1].position)))


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
    definition.validate(parsed)
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
