"""Bad input, everywhere: every form of every app refuses over-long free text and dates out
of their bounds with a message on the field, and nothing is saved.

The forms and the entry pages are discovered, not listed, so a form added later is checked
too: every project form class (core.forms.BaseFormMixin's subclasses, and any other
ModelForm of the apps), and every "add" page a person reaches from a menu or a customer.
"""

import datetime as dt
import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import ModelForm
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from core import params
from core.forms import BaseFormMixin
from core.validators import (
    EARLIEST_DATE,
    LATEST_DATE,
    DateBoundsValidator,
    validate_birth_date,
    validate_date,
    validate_event_date,
)
from tests.customers.factories import id_number, make_customer

pytestmark = pytest.mark.django_db

PROJECT_APPS = (
    "core",
    "org",
    "customers",
    "sales",
    "underwriting",
    "aftersales",
    "reports",
    "training",
    "appraisal",
    "payroll",
    "confidentiality",
)
DATE_CODES = set(DateBoundsValidator.messages)
# Text fields a person never types: written by the system, bounded where they are written.
SYSTEM_TEXT = {
    ("core", "notification", "body"),
    ("core", "taskrun", "error"),
    ("reports", "reportsnapshot", "error"),
    ("aftersales", "servicerequest", "before"),
    ("aftersales", "servicerequest", "after"),
}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


# --- the validators ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("validator", "value", "message"),
    [
        (validate_birth_date, dt.date(1, 1, 1), "A birth date cannot be before 1900-01-01."),
        (validate_birth_date, dt.date(1800, 1, 1), "A birth date cannot be before 1900-01-01."),
        (validate_birth_date, dt.date(1899, 12, 31), "A birth date cannot be before 1900-01-01."),
        (validate_birth_date, "tomorrow", "A birth date cannot be in the future."),
        (validate_date, dt.date(1899, 12, 31), "Enter a date on or after 1900-01-01."),
        (validate_date, dt.date(2101, 1, 1), "Enter a date on or before 2100-12-31."),
        (validate_event_date, "11 years ago", "An event's date cannot be more than 10 years ago."),
        (
            validate_event_date,
            "3 years on",
            "An event's date cannot be more than 2 years ahead.",
        ),
    ],
)
def test_each_rule_refuses_with_a_message_that_names_it(validator, value, message):
    today = timezone.localdate()
    value = {
        "tomorrow": today + dt.timedelta(days=1),
        "11 years ago": today - dt.timedelta(days=11 * 366),
        "3 years on": today + dt.timedelta(days=3 * 366),
    }.get(value, value)
    with pytest.raises(ValidationError) as refused:
        validator(value)
    assert refused.value.messages == [message]


def test_dates_inside_the_bounds_pass():
    today = timezone.localdate()
    validate_birth_date(EARLIEST_DATE)
    validate_birth_date(today)
    validate_date(EARLIEST_DATE)
    validate_date(LATEST_DATE)
    validate_event_date(today - dt.timedelta(days=9 * 365))
    validate_event_date(timezone.now() + dt.timedelta(days=365))


def test_the_id_number_cannot_carry_a_birth_date_out_of_bounds(clerk, salesperson):
    from customers.models import Customer

    for birth in (dt.date(1899, 12, 31), timezone.localdate() + dt.timedelta(days=1)):
        customer = Customer(
            kind="individual",
            name="界外",
            id_type="prc_id",
            id_number=id_number(birth),
            mobile="13800000000",
            stage="prospect",
            owner=salesperson,
        )
        with pytest.raises(ValidationError) as refused:
            customer.full_clean()
        assert "id_number" in refused.value.message_dict
        assert customer.birth_date is None  # nothing derived from a bad number
    # the earliest day itself is a birth date
    customer = Customer(
        kind="individual",
        name="百歲",
        id_type="prc_id",
        id_number=id_number(dt.date(1900, 1, 1)),
        mobile="13800000000",
        stage="prospect",
        owner=salesperson,
    )
    customer.full_clean(exclude=["team", "clerk"])
    assert customer.birth_date == dt.date(1900, 1, 1)


def test_every_birth_date_field_has_the_birth_date_rule():
    birth_fields = [
        field
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for field in model._meta.concrete_fields
        if "birth" in field.name
    ]
    assert len(birth_fields) >= 4  # customers and family members, and their histories
    for field in birth_fields:
        assert validate_birth_date in field.validators, field


def test_every_free_text_model_field_has_a_maximum_length():
    checked = 0
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in PROJECT_APPS or meta.model_name.startswith("historical"):
            continue
        for field in meta.concrete_fields:
            if not isinstance(field, models.TextField):
                continue
            if (meta.app_label, meta.model_name, field.name) in SYSTEM_TEXT:
                continue
            assert field.max_length, f"{meta.label}.{field.name} has no max_length"
            checked += 1
    assert checked >= 40


# --- every form class --------------------------------------------------------------------


def _project_form_classes():
    for app in PROJECT_APPS:
        try:
            importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    found = {}
    for cls in [*subclasses(BaseFormMixin), *subclasses(ModelForm)]:
        if cls.__module__.split(".")[0] in PROJECT_APPS:
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return found


def _build(cls, data, objects):
    """An instance of any project form, given what its constructor asks for."""
    if cls.__name__ == "PasswordForm":
        return cls(objects["user"], data=data)
    if cls.__name__ == "LoginForm":
        return cls(None, data=data)
    accepted = inspect.signature(cls.__init__).parameters
    kwargs = {"data": data}
    for name, value in objects.items():
        # every form of BaseFormMixin takes ``user``; others take what they declare
        if name in accepted or (name == "user" and issubclass(cls, BaseFormMixin)):
            kwargs[name] = value
    if cls.__name__ == "RenewalOutcomeForm":
        kwargs["outcomes"] = ("renewed",)
    return cls(**kwargs)


def _bad_data(form, date_value):
    """Over-long text in every bounded text field, ``date_value`` in every date field."""
    data, text, dates = {}, [], []
    for name, field in form.fields.items():
        if isinstance(field, forms.JSONField):
            continue
        if isinstance(field, forms.CharField) and not field.widget.is_hidden:
            data[name] = "长" * (field.max_length + 1)
            text.append(name)
        elif isinstance(field, forms.DateTimeField):
            data[name] = f"{date_value.isoformat()}T10:00"
            dates.append(name)
        elif isinstance(field, forms.DateField):
            data[name] = date_value.isoformat()
            dates.append(name)
    return data, text, dates


ABSTRACT = {"core.forms.BaseForm", "core.forms.BaseModelForm", "aftersales.forms._TellForm"}


@pytest.mark.parametrize("date_value", [dt.date(1800, 1, 1), dt.date(2200, 1, 1)])
def test_every_form_refuses_over_long_text_and_out_of_range_dates(
    date_value, superuser, salesperson, team_a
):
    objects = {
        "user": superuser,
        "customer": make_customer(salesperson),
        "team": team_a,
        "definition": next(iter(params.definitions().values())),
    }
    classes = _project_form_classes()
    assert len(classes) >= 80
    checked_text = checked_dates = 0
    for path, cls in sorted(classes.items()):
        if path in ABSTRACT:
            continue
        form = _build(cls, {}, objects)
        data, text, dates = _bad_data(form, date_value)
        for name in text:
            assert form.fields[name].max_length, f"{path}.{name} has no maximum length"
        form = _build(cls, data, objects)
        assert not form.is_valid() or not (text or dates), path
        errors = form.errors.as_data()
        for name in text:
            codes = {e.code for e in errors.get(name, ())}
            assert "max_length" in codes, f"{path}.{name}: {errors.get(name)}"
        for name in dates:
            codes = {e.code for e in errors.get(name, ())}
            assert codes & DATE_CODES, f"{path}.{name}: {errors.get(name)}"
        checked_text += len(text)
        checked_dates += len(dates)
    assert checked_text >= 60 and checked_dates >= 40


def test_a_form_field_without_a_model_limit_still_has_one(superuser):
    from aftersales.forms import NoteForm
    from core.forms import ParameterForm

    note = NoteForm(user=superuser)
    for field in note.fields.values():
        if isinstance(field, forms.CharField):
            assert field.max_length and str(field.max_length) == field.widget.attrs["maxlength"]
    listed = next(d for d in params.definitions().values() if d.kind == params.TEXTS)
    value = ParameterForm(definition=listed).fields["value"]
    assert value.max_length == 500


# --- every entry page: refused with field errors, nothing saved ---------------------------


def _add_pages(customer):
    """Every "add" page: those that stand alone and those under a customer."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue  # the back office: Django's own forms, for superusers only
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and (pattern.name or "").endswith("_add"):
                yield f"{namespace}:{pattern.name}", pattern

    for name, pattern in walk(get_resolver().url_patterns):
        converters = pattern.pattern.converters
        if not converters:
            yield name, reverse(name)
        elif set(converters) == {"customer_pk"}:
            yield name, reverse(name, kwargs={"customer_pk": customer.pk})


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and model._meta.app_label != "core"
    }


@pytest.mark.parametrize("date_value", [dt.date(1800, 1, 1), dt.date(2200, 1, 1)])
def test_every_add_page_refuses_bad_input_and_saves_nothing(
    date_value, client_for, superuser, salesperson
):
    customer = make_customer(salesperson)
    client = client_for(superuser)
    pages = dict(_add_pages(customer))
    assert len(pages) >= 25
    before = _row_counts()
    for name, url in sorted(pages.items()):
        page = client.get(url)
        assert page.status_code == 200, name
        form = page.context["form"]
        data, text, dates = _bad_data(form, date_value)
        if not (text or dates):
            continue
        response = client.post(url, data)
        assert response.status_code == 200, f"{name}: {response.status_code}"
        errors = response.context["form"].errors
        for field in [*text, *dates]:
            assert field in errors, f"{name}: {field} accepted"
        assert _row_counts() == before, name
