"""Every choice of a customer, policy, opportunity, application, claim or employee on a form
is a type-ahead picker (core.pickers), never a ``<select>`` of every visible row (issue 14,
item 3). List filters follow the same rule, except the salesperson filter, which lists only
the salespeople of the user's own scope (a small set)."""

import importlib
import inspect

import django_filters
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model

from core.pickers import PickerFieldMixin

GROWING = {
    "customers.customer",
    "underwriting.policy",
    "sales.opportunity",
    "underwriting.application",
    "aftersales.claim",
    "org.employee",
    get_user_model()._meta.label_lower,
}
# Filters over the salespeople of the user's scope (customers.selectors.assignable_owners).
SMALL_SETS = {"owner"}


def _project_modules(kind):
    root = str(settings.BASE_DIR)
    for app in apps.get_app_configs():
        if not app.path.startswith(root):
            continue
        try:
            module = importlib.import_module(f"{app.name}.{kind}")
        except ModuleNotFoundError:
            continue
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", cls


def _model_of(queryset):
    model = getattr(queryset, "model", None)
    return model._meta.label_lower if model is not None else None


def test_no_form_offers_a_plain_select_of_a_growing_model():
    offenders = []
    for name, cls in _project_modules("forms"):
        # forms.BaseForm itself and bases built without the metaclass declare no fields
        if not issubclass(cls, forms.BaseForm) or not hasattr(cls, "base_fields"):
            continue
        for field_name, field in cls.base_fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            if isinstance(field, PickerFieldMixin):
                continue
            model = _model_of(field.queryset)
            # A queryset given only in __init__ is unknown here: it must be a picker too.
            if model is None or model in GROWING:
                offenders.append(f"{name}.{field_name} ({model})")
    assert offenders == []


def test_no_list_filter_offers_a_plain_select_of_a_growing_model():
    offenders = []
    for name, cls in _project_modules("filters"):
        if not issubclass(cls, django_filters.FilterSet):
            continue
        for field_name, flt in cls.base_filters.items():
            if not isinstance(
                flt, (django_filters.ModelChoiceFilter, django_filters.ModelMultipleChoiceFilter)
            ):
                continue
            if field_name in SMALL_SETS:
                continue
            queryset = flt.extra.get("queryset")
            model = None if callable(queryset) else _model_of(queryset)
            if model is None or model in GROWING:
                offenders.append(f"{name}.{field_name} ({model})")
    assert offenders == []
