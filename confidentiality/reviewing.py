"""Filters, tables and forms of the access review: alerts and record classes."""

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.classification import Level
from core.filters import BaseFilterSet
from core.forms import BaseForm
from core.tables import BaseTable, ChoiceBadgeColumn, DateTimeColumn
from core.validators import NOTE_LENGTH

from .models import AccessAlert, RecordClass


def _users(request):
    return get_user_model().objects.order_by("full_name", "username")


class AccessAlertFilterSet(BaseFilterSet):
    search_fields = ("user__username", "user__full_name", "details", "note")
    rule = django_filters.ChoiceFilter(choices=AccessAlert.Rule.choices, label=_("pattern"))
    status = django_filters.ChoiceFilter(choices=AccessAlert.Status.choices, label=_("status"))
    user = django_filters.ModelChoiceFilter(queryset=_users, label=_("user"))
    date_from = django_filters.DateFilter(
        field_name="day",
        lookup_expr="gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="day",
        lookup_expr="lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AccessAlert
        fields = ["q", "rule", "status", "user", "date_from", "date_to"]


class AccessAlertTable(BaseTable):
    day = DateTimeColumn(verbose_name=_("day"), linkify=True)
    rule = tables.Column(verbose_name=_("pattern"))
    user = tables.Column(verbose_name=_("user"), accessor="user__display_name")
    status = ChoiceBadgeColumn({"open": "warning", "closed": "secondary"}, verbose_name=_("status"))

    class Meta(BaseTable.Meta):
        model = AccessAlert
        fields = ("day", "rule", "user", "count", "usual", "rows", "details", "status")


class AccessAlertCloseForm(BaseForm):
    note = forms.CharField(
        label=_("review note"),
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the review found and what was done."),
    )


class RecordClassFilterSet(BaseFilterSet):
    search_fields = ("object_repr", "reason")
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("class"))

    class Meta:
        model = RecordClass
        fields = ["q", "level"]


class RecordClassTable(BaseTable):
    updated = DateTimeColumn(verbose_name=_("updated"), linkify=True)
    level = ChoiceBadgeColumn(
        {"public": "success", "internal": "info", "confidential": "warning", "secret": "danger"},
        verbose_name=_("class"),
    )
    set_by = tables.Column(verbose_name=_("set by"), accessor="set_by__display_name")

    class Meta(BaseTable.Meta):
        model = RecordClass
        fields = ("updated", "object_repr", "level", "reason", "set_by")


class RecordClassForm(BaseForm):
    level = forms.ChoiceField(label=_("class"), choices=Level.choices)
    reason = forms.CharField(label=_("reason"), max_length=300)
