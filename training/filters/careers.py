"""Filters of the career development lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet
from org.models import Team

from ..models import DevelopmentPlan, JobRotation


class DevelopmentPlanFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "direction", "target_title")
    team = django_filters.ModelChoiceFilter(
        field_name="employee__team", queryset=Team.objects.all(), label=_("team")
    )

    class Meta:
        model = DevelopmentPlan
        fields = ["team", "target_position"]


class JobRotationFilterSet(BaseFilterSet):
    search_fields = ("employee__name", "employee__employee_no", "purpose")
    to_team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), label=_("to team"))

    class Meta:
        model = JobRotation
        fields = ["to_team"]
