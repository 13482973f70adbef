"""Filters of the qualification lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet
from org.models import Team

from ..models import Certificate, QualificationKind, QualificationReward


class QualificationKindFilterSet(BaseFilterSet):
    search_fields = ("name", "issuing_body")

    class Meta:
        model = QualificationKind
        fields = ["licence_required", "active"]


class CertificateFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "number", "kind__name")
    kind = django_filters.ModelChoiceFilter(
        queryset=QualificationKind.objects.all(), label=_("qualification")
    )
    team = django_filters.ModelChoiceFilter(
        field_name="employee__team", queryset=Team.objects.all(), label=_("team")
    )
    status = django_filters.ChoiceFilter(choices=Certificate.Status.choices, label=_("status"))
    mine = django_filters.ChoiceFilter(
        label=_("Only mine"), choices=[("1", _("Yes"))], method="only_mine"
    )

    class Meta:
        model = Certificate
        fields = ["kind", "team", "status"]

    def only_mine(self, queryset, name, value):
        if value and self.request is not None:
            return queryset.filter(employee__user=self.request.user)
        return queryset


class RewardFilterSet(BaseFilterSet):
    search_fields = ("certificate__employee__name", "certificate__number")
    status = django_filters.ChoiceFilter(
        choices=QualificationReward.Status.choices, label=_("status")
    )

    class Meta:
        model = QualificationReward
        fields = ["status"]


class ExpiryFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "number")
    kind = django_filters.ModelChoiceFilter(
        queryset=QualificationKind.objects.all(), label=_("qualification")
    )
    team = django_filters.ModelChoiceFilter(
        field_name="employee__team", queryset=Team.objects.all(), label=_("team")
    )

    class Meta:
        model = Certificate
        fields = ["kind", "team"]
