"""Filters of the confidentiality lists."""

import datetime as dt

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet
from org.models import Employee, Team

from .models import Agreement, AgreementVersion, Breach, CustomerDataRequest
from .selectors import in_force_q


class AgreementVersionFilterSet(BaseFilterSet):
    search_fields = ("code", "title")

    class Meta:
        model = AgreementVersion
        fields = ["active"]


class AgreementFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "version__code")
    team = django_filters.ModelChoiceFilter(
        field_name="employee__team", queryset=Team.objects.all(), label=_("team")
    )
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=Agreement.State.choices, method="by_state"
    )
    non_compete = django_filters.BooleanFilter(label=_("non-compete clause"))

    class Meta:
        model = Agreement
        fields = ["team", "state", "non_compete"]

    def by_state(self, queryset, name, value):
        today = dt.date.today()
        if value == Agreement.State.UNSIGNED:
            return queryset.filter(signed_on__isnull=True)
        if value == Agreement.State.IN_FORCE:
            return queryset.filter(in_force_q(today))
        if value == Agreement.State.EXPIRED:
            return queryset.filter(signed_on__isnull=False, expires_on__lt=today)
        if value == Agreement.State.NOT_STARTED:
            return queryset.filter(signed_on__isnull=False, starts_on__gt=today)
        return queryset


class UnsignedFilterSet(BaseFilterSet):
    """Employees without a signed agreement in force."""

    search_fields = ("name", "employee_no")
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), label=_("team"))

    class Meta:
        model = Employee
        fields = ["team"]


class BreachFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "what")
    severity = django_filters.ChoiceFilter(choices=Breach.Severity.choices, label=_("severity"))
    status = django_filters.ChoiceFilter(choices=Breach.Status.choices, label=_("status"))
    team = django_filters.ModelChoiceFilter(
        field_name="employee__team", queryset=Team.objects.all(), label=_("team")
    )

    class Meta:
        model = Breach
        fields = ["severity", "status", "team"]


class DataRequestFilterSet(BaseFilterSet):
    search_fields = ("customer__name_key", "details")
    kind = django_filters.ChoiceFilter(choices=CustomerDataRequest.Kind.choices, label=_("request"))
    status = django_filters.ChoiceFilter(
        choices=CustomerDataRequest.Status.choices, label=_("status")
    )

    class Meta:
        model = CustomerDataRequest
        fields = ["kind", "status"]
