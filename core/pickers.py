"""Type-ahead pickers: how a form chooses one of many records (a customer, a policy, ...).

A plain ``<select>`` lists every row the user may see; at 300,000 policies that is neither
usable nor cheap. A picker is a text box that asks ``core:picker`` for the first matches
of what was typed (htmx), and a hidden input that carries the chosen record's key.

Each app registers its *picker sources* in its ``providers.py`` (core imports no domain
app, like ``core.mywork``): a source names the model, the restricted queryset for a user
(``Model.objects.visible_to(user)`` plus any narrowing, e.g. open opportunities), the
search (the list page's ``q`` search), the label (never an internal id) and the dependent
filters (``?customer=<pk>`` narrows the policies to the chosen customer's).

A form declares ``TypeaheadChoiceField(source="underwriting.policy")``; the form's user
binds it (``core.forms.restrict_form_fields``), so a posted key is checked against the same
restricted queryset the search used: a hidden or foreign key is a field error.
"""

import json
import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# How many matches the search answers with: enough to choose, few enough to render at once.
MAX_RESULTS = 20

_sources = {}


@dataclass(frozen=True)
class PickerSource:
    """Where a picker looks: the rows a user may choose, how to search and label them.

    ``queryset(user)`` returns the restricted rows (it must go through ``visible_to``);
    ``search(term)`` returns a ``Q`` over them; ``label(obj)`` the text shown (no internal
    id); ``depends`` maps a request parameter to the lookup it narrows, e.g.
    ``{"customer": "customer_id"}``; ``order_by`` the order of the matches.
    """

    name: str
    model: type
    queryset: object
    search: object
    label: object
    depends: dict = field(default_factory=dict)
    order_by: tuple = ()

    def choosable(self, user, params=None):
        """The rows ``user`` may choose, narrowed by the dependent parameters given."""
        qs = self.queryset(user)
        for param, lookup in self.depends.items():
            value = (params or {}).get(param)
            if value is not None and str(value).isdigit():
                qs = qs.filter(**{lookup: int(value)})
        return qs

    def matches(self, user, term="", params=None, limit=MAX_RESULTS):
        """Up to ``limit`` rows matching ``term`` as (key, label), and whether more match."""
        qs = self.choosable(user, params)
        term = (term or "").strip()
        if term:
            qs = qs.filter(self.search(term))
        if self.order_by:
            qs = qs.order_by(*self.order_by)
        rows = list(qs[: limit + 1])
        return [(obj.pk, self.label(obj)) for obj in rows[:limit]], len(rows) > limit


def register(source):
    """Register a ``PickerSource`` under its name (an app's ``providers.py`` does this)."""
    _sources[source.name] = source
    return source


def get_source(name):
    """The source registered as ``name``; LookupError when there is none."""
    try:
        return _sources[name]
    except KeyError:
        raise LookupError(name) from None


def text_search(*fields):
    """``search`` of a source: any of ``fields`` contains the term (the lists' ``q``)."""

    def search(term):
        q = Q()
        for name in fields:
            q |= Q(**{f"{name}__icontains": term})
        return q

    return search


def reference_search(prefix):
    """``search`` part that finds a record by the reference the pages show (``AP000123``):
    the reference is the prefix and the zero-padded key, so the term is parsed back to the
    key (case and spaces ignored). The prefix is required, so a typed mobile or policy
    number is never read as a key. Another term gives a ``Q`` that matches nothing, to be
    OR-ed with the text search."""
    pattern = re.compile(rf"^{re.escape(prefix)}\s*(\d{{1,12}})$", re.IGNORECASE)

    def search(term):
        found = pattern.match((term or "").strip())
        if not found or not found.group(1).strip("0"):
            return Q(pk__in=[])
        return Q(pk=int(found.group(1)))

    return search


class PickerWidget(forms.Widget):
    """A text box that searches (htmx) and a hidden input with the chosen key.

    The current value's label is rendered on edit and on re-display with errors, looked up
    in the field's restricted queryset (a key the user may not see renders empty).
    """

    template_name = "core/widgets/picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.field = None

    def id_for_label(self, id_):
        # The label names the box one types in, not the hidden input.
        return f"{id_}_search" if id_ else id_

    def use_required_attribute(self, initial):
        return False  # "required" goes on the text box (see the template), not the hidden input

    def chosen(self, value):
        """(key, label) of the chosen rows the field may offer."""
        field = self.field
        obj = field.object_for(value) if field is not None else None
        return [] if obj is None else [(obj.pk, field.source.label(obj))]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field = self.field
        chosen = self.chosen(value)
        widget = context["widget"]
        attrs = dict(widget["attrs"])
        widget_id = attrs.pop("id", "") or f"id_{name}"
        widget.update(
            {
                "chosen": chosen,
                "key": chosen[0][0] if chosen else "",
                "label": chosen[0][1] if chosen else "",
                "id": widget_id,
                "box_attrs": attrs,
                "disabled": bool(attrs.get("disabled")),
                "url": reverse("core:picker", args=[field.source_name]) if field else "",
                "depends": json.dumps(field.depends_ids if field else {}),
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class PickerMultipleWidget(PickerWidget):
    """A picker that collects several rows: each choice is a removable chip with its own
    hidden input."""

    template_name = "core/widgets/picker_multiple.html"

    def chosen(self, value):
        field = self.field
        if field is None or not value:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        keys = [int(k) for k in (getattr(v, "pk", v) for v in values) if str(k).isdigit()]
        return [(obj.pk, field.source.label(obj)) for obj in field.queryset.filter(pk__in=keys)]

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", None)
        return getlist(name) if getlist else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # an empty selection is a value


class PickerFieldMixin:
    """What both picker fields share: the source, binding to the form's user, the lookup of
    the current value, a widget that never lists the choices."""

    def __init__(self, source, *, depends=None, queryset=None, **kwargs):
        self.source_name = source
        self.depends = dict(depends or {})
        self.depends_ids = {}
        super().__init__(queryset=queryset, **kwargs)
        self.widget.field = self

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.field = result
        return result

    @property
    def source(self):
        try:
            return get_source(self.source_name)
        except LookupError:
            raise ImproperlyConfigured(f"No picker source {self.source_name!r}") from None

    def _get_queryset(self):
        # Unbound (no user): nothing is choosable.
        if self._queryset is None:
            return self.source.model._default_manager.none()
        return self._queryset

    def _set_queryset(self, queryset):
        # Never build the choice list: a picker's widget has no options.
        self._queryset = None if queryset is None else queryset.all()

    queryset = property(_get_queryset, _set_queryset)

    def bind(self, user, form):
        """Restrict the field to what ``user`` may choose in ``form`` (the source's queryset,
        narrowed by the dependent fields' posted values)."""
        params = {}
        for param, name in self.depends.items():
            self.depends_ids[param] = form.auto_id % form.add_prefix(name) if form.auto_id else ""
            if form.is_bound:
                params[param] = form.data.get(form.add_prefix(name))
        self.queryset = self.source.choosable(user, params)

    def object_for(self, value):
        """The chosen row for a raw value (a key or an instance), or None if not choosable."""
        if value in self.empty_values:
            return None
        key = getattr(value, "pk", value)
        if not str(key).isdigit():
            return None
        return self.queryset.filter(pk=int(key)).first()


class TypeaheadChoiceField(PickerFieldMixin, forms.ModelChoiceField):
    """A ``ModelChoiceField`` over a picker source, drawn as a type-ahead (``PickerWidget``).

    ``depends`` maps the source's dependent parameters to the names of this form's fields
    that give them (``{"customer": "customer"}``): the search is narrowed by the chosen
    value, and so is the validation of a posted form.
    """

    widget = PickerWidget
    default_error_messages = {
        "invalid_choice": _("Choose one of the matches the search offers."),
    }

    def __init__(self, source, **kwargs):
        kwargs.setdefault("empty_label", None)
        super().__init__(source, **kwargs)


class TypeaheadMultipleChoiceField(PickerFieldMixin, forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` over a picker source: several rows chosen by typing."""

    widget = PickerMultipleWidget
    default_error_messages = {
        "invalid_choice": _("Choose one of the matches the search offers."),
    }


def model_picker(model, name, source, **kwargs):
    """A picker field for a model form's foreign key (or many-to-many) ``name``, labelled and
    required as the model field says (a declared field replaces Django's drop-down)."""
    from django.utils.text import capfirst

    model_field = model._meta.get_field(name)
    kwargs.setdefault("label", capfirst(model_field.verbose_name))
    kwargs.setdefault("required", not model_field.blank)
    kwargs.setdefault("help_text", model_field.help_text)
    if model_field.many_to_many:
        return TypeaheadMultipleChoiceField(source, **kwargs)
    return TypeaheadChoiceField(source, **kwargs)
